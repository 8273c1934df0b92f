"""Test-only plugin: a seed's ``Topics:`` header becomes Pelican tags.

The topics feature (taxonomy and classifier) owns tags in the real build; the
theme tests only need stories that carry known topics. Stories that already
have tags are left alone.
"""

from pelican import signals
from pelican.urlwrappers import Tag


def topics_to_tags(generator, metadata):
    topics = metadata.get("topics")
    if topics and not metadata.get("tags"):
        names = [t.strip() for t in str(topics).split(",") if t.strip()]
        metadata["tags"] = [Tag(name, generator.settings) for name in names]


def register():
    signals.article_generator_context.connect(topics_to_tags)
