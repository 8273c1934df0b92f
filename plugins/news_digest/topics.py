"""Topics from a curated taxonomy: compile once, classify many stories.

Pure module (no Pelican). ``Taxonomy(topics)`` compiles the curator's
``DIGEST_TOPICS`` into one dictionary keyed by a phrase's first word; a story
is lower-cased, split into words once, and only words that start a phrase are
looked at, so classifying costs time linear in the story's length.

Each topic lists three kinds of vocabulary (see ``pelicanconf.py``):

* ``phrases``: words or phrases that point to the topic on their own;
* ``keywords``: ambiguous words that count only when one of the topic's own
  phrases occurs in the same story ("court" counts for Law & Courts only
  beside "lawsuit", "judge", ...);
* ``negative``: context phrases that take the topic's words inside them out of
  play ("tennis court", "computer virus") and subtract their weight.

Matching is whole words, case-insensitive, per topic leftmost-longest (inside
one topic, "supreme court" is one match, not also "court"; another topic
still sees every word). A phrase in the headline scores ``headline_weight``
times its weight; in the body it scores its weight once, and each repeat adds
half again, up to ``MAX_REPEATS`` occurrences.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .slugs import slugify_headline

PHRASE_WEIGHT = 2.0  # default weight of a phrase given without one
KEYWORD_WEIGHT = 1.0  # default weight of a keyword
NEGATIVE_WEIGHT = 2.0  # default penalty of a negative phrase
MAX_REPEATS = 5  # body repeats counted per phrase
REPEAT_BONUS = 0.5  # each repeat after the first adds this share of the weight
MIN_SHARE = 0.25  # a topic must score at least this share of the best topic
KEYWORD_SHARE = 0.5  # keywords add at most this share of the topic's phrase points

KINDS = ("phrases", "keywords", "negative")
_DEFAULT_WEIGHTS = {"phrases": PHRASE_WEIGHT, "keywords": KEYWORD_WEIGHT,
                    "negative": NEGATIVE_WEIGHT}

# Words are runs of \w characters. ASCII text (most stories) is split with a
# translation table, which is several times faster than a regular expression
# and gives exactly the same words.
_WORD_RE = re.compile(r"\w+")
_ASCII_SPLIT = str.maketrans({c: " " for c in string.punctuation.replace("_", "")})


def words(text: str) -> list[str]:
    """Lower-cased words of ``text``: what phrases are matched against."""
    text = text.lower()
    if text.isascii():
        return text.translate(_ASCII_SPLIT).split()
    return _WORD_RE.findall(text)


@dataclass(frozen=True)
class Evidence:
    """One vocabulary entry found in a story, and what it added to the score."""

    phrase: str
    kind: str  # "phrases", "keywords" or "negative"
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
    evidence: tuple[Evidence, ...] = ()


class UnknownTopics(ValueError):
    """A curator named topics that are not in the taxonomy."""

    def __init__(self, names: Sequence[str], known: Sequence[str]):
        shown = ", ".join(repr(n) for n in names)
        super().__init__(f"unknown topic {shown}: use a slug or label of DIGEST_TOPICS "
                         f"({', '.join(known)})")
        self.names = tuple(names)


def _weighted(entries) -> list[tuple[str, float | None]]:
    if isinstance(entries, Mapping):
        return list(entries.items())
    return [(phrase, None) for phrase in entries or ()]


class Taxonomy:
    """The compiled taxonomy; build it once per build and call ``classify`` per story."""

    def __init__(self, topics: Iterable[Mapping], *, max_topics: int = 5,
                 fallback: str = "General", threshold: float = 5.0,
                 headline_weight: float = 3.0, min_share: float = MIN_SHARE):
        self.topics = tuple(Topic(t["slug"], t["label"]) for t in topics)
        self.max_topics = max_topics
        self.threshold = threshold
        self.headline_weight = headline_weight
        self.min_share = min_share
        self.fallback = self.lookup(fallback) or Topic(slugify_headline(fallback, 60), fallback)
        # first word -> [(words of the phrase, ((topic index, kind, weight, phrase), ...))],
        # longest phrase first so a topic's longest match wins.
        index: dict[str, dict[tuple[str, ...], list]] = {}
        for number, topic in enumerate(topics):
            for kind in KINDS:
                for phrase, weight in _weighted(topic.get(kind)):
                    key = tuple(words(phrase))
                    if not key:
                        continue
                    weight = float(_DEFAULT_WEIGHTS[kind] if weight is None else weight)
                    entry = (number, kind, weight, " ".join(key))
                    index.setdefault(key[0], {}).setdefault(key, []).append(entry)
        self._index = {
            first: tuple(sorted(((k, tuple(v)) for k, v in by_phrase.items()),
                                key=lambda item: -len(item[0])))
            for first, by_phrase in index.items()
        }

    @classmethod
    def from_settings(cls, digest: Mapping) -> Taxonomy:
        """From the checked settings (``settings.resolve``)."""
        return cls(digest["DIGEST_TOPICS"], max_topics=digest["DIGEST_MAX_TOPICS"],
                   fallback=digest["DIGEST_FALLBACK_TOPIC"],
                   threshold=digest["DIGEST_TOPIC_THRESHOLD"],
                   headline_weight=digest["DIGEST_TOPIC_HEADLINE_WEIGHT"])

    # -- matching ---------------------------------------------------------------

    def _scan(self, tokens: list[str], counts: dict, headline: bool) -> None:
        """Add every entry found in ``tokens`` to ``counts[(topic, kind, weight, phrase)]``.

        Phrases and keywords: the longest one starting leftmost wins, across all
        topics ("health data" is a privacy phrase, so its "health" does not count
        for Health). Negative phrases mask words only for their own topic.
        """
        index = self._index
        covered = 0  # first word not yet inside a phrase or keyword that counted
        masked: dict[int, int] = {}  # topic -> first word not inside its negative phrase
        starts = [n for n, token in enumerate(tokens) if token in index]
        for i in starts:
            for key, entries in index[tokens[i]]:  # longest first
                end = i + len(key)
                if len(key) > 1 and tuple(tokens[i:end]) != key:
                    continue
                positive = False
                for entry in entries:
                    if entry[1] == "negative":
                        masked[entry[0]] = max(masked.get(entry[0], 0), end)
                        self._count(counts, entry, headline)
                    elif i >= covered:
                        positive = True
                        if masked.get(entry[0], 0) <= i:
                            self._count(counts, entry, headline)
                if positive:
                    covered = end

    @staticmethod
    def _count(counts: dict, entry: tuple, headline: bool) -> None:
        seen = counts.get(entry)
        if seen is None:
            counts[entry] = seen = [False, 0]
        if headline:
            seen[0] = True
        else:
            seen[1] += 1

    def score(self, title: str, text: str) -> list[Topic]:
        """Every topic with any evidence, unfiltered, in taxonomy order."""
        counts: dict = {}
        self._scan(words(title), counts, headline=True)
        self._scan(words(text), counts, headline=False)
        by_topic: dict[int, list] = {}
        for (number, kind, weight, phrase), (in_headline, body) in counts.items():
            by_topic.setdefault(number, []).append((phrase, kind, weight, in_headline, body))
        results = []
        for number in sorted(by_topic):
            found = by_topic[number]
            phrase_points = sum(self._points(weight, in_headline, body)
                                for _, kind, weight, in_headline, body in found
                                if kind == "phrases")
            # Keywords only back up phrases: they add at most half again.
            keyword_budget = phrase_points * KEYWORD_SHARE
            evidence = []
            for phrase, kind, weight, in_headline, body in sorted(found):
                if kind == "phrases":
                    points = self._points(weight, in_headline, body)
                elif kind == "negative":
                    points = -self._points(weight, in_headline, body)
                else:  # a keyword counts once, wherever it is
                    points = min(weight, keyword_budget)
                    keyword_budget -= points
                evidence.append(Evidence(phrase, kind, weight, in_headline, body,
                                         round(points, 3)))
            evidence.sort(key=lambda e: (-e.points, e.phrase))
            total = round(max(0.0, sum(e.points for e in evidence)), 3)
            matched = tuple(e.phrase for e in evidence if e.points > 0)
            topic = self.topics[number]
            results.append(Topic(topic.slug, topic.label, total, matched, tuple(evidence)))
        return results

    def _points(self, weight: float, in_headline: bool, body: int) -> float:
        points = weight * self.headline_weight if in_headline else 0.0
        if body:
            points += weight * (1 + REPEAT_BONUS * (min(body, MAX_REPEATS) - 1))
        return points

    def classify(self, title: str, text: str) -> list[Topic]:
        """Ranked topics of a story: best score first, ties in taxonomy order.

        Topics under the threshold, or far below the best one, are dropped; at
        most ``max_topics`` remain. A story with none gets the fallback topic.
        """
        scored = self.score(title, text)
        best = max((t.score for t in scored), default=0.0)
        floor = max(self.threshold, best * self.min_share)
        order = {t.slug: n for n, t in enumerate(self.topics)}
        kept = sorted((t for t in scored if t.score >= floor and t.score > 0),
                      key=lambda t: (-t.score, order[t.slug]))
        return kept[: self.max_topics] or [self.fallback]

    # -- curator override ---------------------------------------------------------

    def lookup(self, name: str) -> Topic | None:
        """The topic whose slug or label is ``name`` (any case), else None."""
        wanted = name.strip().casefold()
        fallback = getattr(self, "fallback", None)
        for topic in (*self.topics, *([fallback] if fallback else [])):
            if wanted in (topic.slug.casefold(), topic.label.casefold()):
                return topic
        return None

    def override(self, value: str) -> list[Topic]:
        """Topics a curator named (``privacy, Law & Courts``), in the order given."""
        names = [n.strip() for n in value.split(",") if n.strip()]
        unknown = [n for n in names if self.lookup(n) is None]
        if unknown:
            raise UnknownTopics(unknown, [t.slug for t in (*self.topics, self.fallback)])
        chosen: list[Topic] = []
        for name in names:
            topic = self.lookup(name)
            if topic not in chosen:
                chosen.append(topic)
        return chosen
