"""A story's topics: the curator's ``Topics:`` header, else the classifier's, and from a
headline alone only what the headline says plainly.

Stage: enrich (topics). Pure module (no Pelican). A story whose feed gave only its
headline (``Headline only: **yes**``, no text) is classified on a few words, where one
word of a topic's vocabulary is no evidence of what the story is about: "carbon acids"
is chemistry, not Climate; "HIV acquisition" is not a company's. Such a story takes at
most one topic, the best, and only when that one reaches the threshold on its own:
not "near the line", not lifted by the learned model, no second topic; else the
fallback (General).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import UnknownTopics
from ..seeds.format import Seed, SeedError
from .topic_types import Topic

if TYPE_CHECKING:
    from .topics import Taxonomy


def headline_topics(taxonomy: Taxonomy, title: str) -> list[Topic]:
    """The topics of a story known by its headline ``title`` alone (see above)."""
    best = taxonomy.classify(title, "")[0]
    if best.slug == taxonomy.fallback.slug or best.score < taxonomy.threshold:
        return [taxonomy.fallback]
    return [best]


def headline_rule(taxonomy: Taxonomy) -> str:
    """``headline_topics``'s rule, for ``explain``."""
    return (f"from the headline alone (the story has no text): its best topic only, and only "
            f"when it reaches {taxonomy.threshold:g}; else {taxonomy.fallback.label}")


def seed_topics(taxonomy: Taxonomy, seed: Seed) -> list[Topic]:
    """A story's topics: the curator's ``Topics:`` header when given, else classified
    (``headline_topics`` for a story without text). An unknown topic in the header is a
    ``SeedError`` on the header's line."""
    value = seed.headers.get("topics", "")
    try:
        chosen = taxonomy.override(value)
    except UnknownTopics as err:
        raise SeedError(seed.path, seed.lines.get("topics", 1), str(err)) from None
    if chosen:
        return chosen
    if not seed.paragraphs:
        return headline_topics(taxonomy, seed.title)
    return taxonomy.classify(seed.title, "\n".join(seed.paragraphs))
