"""``explain``'s last line: what readers are shown of the story, and why.

In the default policy, ``link``, a story page shows no text of the story: a curator
who wonders why asks ``explain``, which says the policy and where it comes from (the
sources file's ``policy`` for the publisher, else ``DIGEST_DEFAULT_POLICY``)."""

from __future__ import annotations

from ..enrich.publishers import publisher_key
from ..enrich.sources_file import load_sources, policy_for
from ..settings import resolve, sources_file_path

SHOWN = {"link": "the headline, the credit and a link to the original, none of its text",
         "excerpt": "the lead and a link to the original",
         "full": "the whole text, with the credit and a link to the original"}


def policy_line(settings: dict, publisher: str, headline_only: bool = False) -> str:
    """``Shown as: link (...): <why>``; a bad sources file raises ``SourcesFileError``."""
    if headline_only:
        return (f"Shown as: link ({SHOWN['link']}): the seed says 'Headline only: **yes**', "
                "its feed gave no text to show (docs/importing.md)")
    default = resolve(settings).default_policy
    path = sources_file_path(settings)
    sources = load_sources(path) if path.is_file() else None
    policy = policy_for(sources, publisher, default)
    given = sources.policies.get(publisher_key(publisher)) if sources is not None else None
    if given:
        why = f"the policy {path.name} gives {publisher}"
    elif given == "":
        why = f"DIGEST_DEFAULT_POLICY: {path.name} gives {publisher} no policy"
    elif sources is not None:
        why = f"DIGEST_DEFAULT_POLICY: {path.name} does not name {publisher}"
    else:
        why = f"DIGEST_DEFAULT_POLICY: there is no sources file ({path.name})"
    return f"Shown as: {policy} ({SHOWN[policy]}): {why} (docs/publishing.md)"
