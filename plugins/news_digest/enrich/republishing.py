"""How much of a publisher's story the digest republishes: its policy, and what follows.

Pure module (enrich stage, no Pelican). Every publisher has a policy: ``policy`` in the
sources file, else the site's ``DIGEST_DEFAULT_POLICY`` (whose default is
``DEFAULT_POLICY`` here, the one place it is written down). docs/publishing.md says
why the default is what it is.

- ``link``: the headline, the credit and a link to the original; none of the
  publisher's text (the curator's own ``Summary:`` is shown when the seed has one).
- ``excerpt``: the lead (the first paragraph, cut to ``EXCERPT_WORDS`` words) and a link.
- ``full``: the whole text, the credit and a link, with the publisher's permission.

A story whose feed gave only its headline (``Headline only: **yes**``, no text) is
shown as a ``link`` story under any policy: there is no text to show.

``republished(...)`` gives what a story's page, lists, feeds and search index show;
``search_signals(policy)`` what search engines are told about that page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..seeds.text_checks import close_bidi

POLICIES = ("link", "excerpt", "full")
DEFAULT_POLICY = "link"  # what no publisher can object to; docs/publishing.md says why
EXCERPT_WORDS = 60  # a lead rarely runs longer; a longer first paragraph is cut
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")


@dataclass(frozen=True)
class Republished:
    """What the digest shows of one story under its publisher's policy."""

    policy: str
    paragraphs: tuple[str, ...]  # the publisher's text shown: all, the lead, or none
    summary: str  # plain text for lists, feeds and previews ("" when there is none)
    own_summary: bool = False  # the summary is the curator's, not the publisher's text

    @property
    def words(self) -> int:
        """Words of the publisher's text the page shows (what its reading time counts)."""
        return sum(len(p.split()) for p in self.paragraphs)


@dataclass(frozen=True)
class SearchSignals:
    """What a story page tells search engines (docs/publishing.md, with the sources)."""

    robots: str  # the robots meta tag's content, "" for none
    canonical_self: bool  # a canonical link to the page itself

    @property
    def indexable(self) -> bool:
        return "noindex" not in self.robots


def excerpt(paragraph: str, limit: int = EXCERPT_WORDS) -> str:
    """The paragraph when it has at most ``limit`` words; else its first sentences
    within the limit (at least a third of it), else its first ``limit`` words and "…"."""
    words = paragraph.split()
    if len(words) <= limit:
        return " ".join(words)
    head = words[:limit]
    ends = [n for n, word in enumerate(head, start=1) if _SENTENCE_END.search(word)]
    if ends and ends[-1] >= limit // 3:
        return " ".join(head[:ends[-1]])
    return close_bidi(" ".join(head).rstrip(",;:–—-")) + "…"


def republished(policy: str, paragraphs: tuple[str, ...] | list[str],
                own_summary: str = "") -> Republished:
    """What the digest shows of a story with ``paragraphs`` under ``policy``;
    ``own_summary`` is the curator's ``Summary:`` (their words, shown under any policy)."""
    if policy not in POLICIES:
        raise ValueError(f"policy {policy!r} is not one of {POLICIES}")
    own = " ".join(own_summary.split())
    if not paragraphs:  # a headline-only story: whatever the policy, nothing to show
        return Republished("link", (), own, bool(own))
    if policy == "full":
        shown = tuple(paragraphs)
        return Republished(policy, shown, own or (shown[0] if shown else ""), bool(own))
    if policy == "excerpt":
        lead = excerpt(paragraphs[0]) if paragraphs else ""
        return Republished(policy, (lead,) if lead else (), own or lead, bool(own))
    return Republished(policy, (), own, bool(own))


def search_signals(policy: str) -> SearchSignals:
    """A page with the whole text of another site's story is kept out of search
    results (``noindex``) and names no canonical: the original is credited by the
    visible credit and JSON-LD ``isBasedOn``. A page with an excerpt or a link is
    the digest's own page: indexable, canonical to itself."""
    if policy == "full":
        return SearchSignals(robots="noindex", canonical_self=False)
    return SearchSignals(robots="", canonical_self=True)
