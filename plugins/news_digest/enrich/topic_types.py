"""What a story's topics are made of: a topic given, and the evidence behind its score.

Stage: enrich (topics). Pure module (no Pelican): plain frozen values, made by
``topics.Taxonomy`` and read by the glue, the feeds and ``explain``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Evidence:
    """One vocabulary entry found in a story, and what it added to the score."""

    phrase: str
    kind: str  # "phrases", "keywords", "negative" or "examples"
    weight: float
    in_headline: bool
    body_count: int
    points: float  # signed contribution; 0 for a keyword without a phrase beside it


@dataclass(frozen=True)
class Topic:
    """A topic given to a story: ``slug`` and ``label`` from the taxonomy."""

    slug: str
    label: str
    score: float = 0.0
    matched: tuple[str, ...] = ()  # phrases that added to the score, strongest first
    evidence: tuple[Evidence, ...] = ()  # every entry found, with its points (``score`` only)
    near_line: bool = False  # given under the threshold, on real evidence (``classify``)
    lifted: float = 0.0  # given under the threshold: the model's probability of its desk
