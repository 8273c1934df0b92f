"""news_digest: a Pelican plugin that turns seed articles into a news digest.

Pelican loads this package from ``PLUGIN_PATHS`` and calls ``register()``.
The pure modules (``seed``, ``urls``, ``slugs``, ``byline``, ``settings``, ``topics``) import
no Pelican and serve the CLI (``python -m news_digest``) as well.
"""


def register():
    from .glue.signals import register as register_plugin  # Pelican only when building

    register_plugin()
