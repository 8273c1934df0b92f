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
from itertools import chain, compress, count, islice
from operator import or_

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
        # first word -> (second word -> longer phrases, longest first; one-word entry),
        # each phrase as (words, positive entries, negative entries).
        self._index: dict[str, tuple[dict, tuple | None]] = {}
        for first, by_phrase in index.items():
            longer: dict[str, list] = {}
            single = None
            for key, found in sorted(by_phrase.items(), key=lambda item: -len(item[0])):
                compiled = (key, tuple(e for e in found if e[1] != "negative"),
                            tuple(e for e in found if e[1] == "negative"))
                if len(key) == 1:
                    single = compiled
                else:
                    longer.setdefault(key[1], []).append(compiled)
            self._index[first] = ({k: tuple(v) for k, v in longer.items()}, single)
        # What can start a match: a one-word entry, or the first two words of a phrase.
        self._singles = frozenset(k for k, (_, single) in self._index.items() if single)
        self._pairs = frozenset((k, second) for k, (longer, _) in self._index.items()
                                for second in longer)

    @classmethod
    def from_settings(cls, digest: Mapping) -> Taxonomy:
        """From the checked settings (``settings.resolve``)."""
        return cls(digest["DIGEST_TOPICS"], max_topics=digest["DIGEST_MAX_TOPICS"],
                   fallback=digest["DIGEST_FALLBACK_TOPIC"],
                   threshold=digest["DIGEST_TOPIC_THRESHOLD"],
                   headline_weight=digest["DIGEST_TOPIC_HEADLINE_WEIGHT"])

    # -- matching ---------------------------------------------------------------

    def _scan(self, tokens: list[str], record: dict) -> None:
        """Count every entry found in ``tokens`` into ``record[entry]``.

        Phrases and keywords: the longest one starting leftmost wins, across all
        topics ("health data" is a privacy phrase, so its "health" does not count
        for Health). Negative phrases mask words only for their own topic.
        """
        index = self._index
        covered = 0  # first word not yet inside a phrase or keyword that counted
        masked: dict[int, int] = {}  # topic -> first word not inside its negative phrase
        starts = map(or_, map(self._singles.__contains__, tokens),
                     map(self._pairs.__contains__,
                         zip(tokens, chain(islice(tokens, 1, None), ("",)), strict=True)))
        last = len(tokens) - 1
        for i in compress(count(), starts):
            longer, single = index[tokens[i]]
            candidates = longer.get(tokens[i + 1], ()) if i < last else ()
            if single:
                candidates = (*candidates, single)
            for key, positives, negatives in candidates:  # longest first
                end = i + len(key)
                if end - i > 2 and tuple(tokens[i:end]) != key:
                    continue
                for entry in negatives:
                    if masked.get(entry[0], 0) < end:
                        masked[entry[0]] = end
                    record[entry] = record.get(entry, 0) + 1
                if positives and i >= covered:
                    covered = end
                    for entry in positives:
                        if not masked or masked.get(entry[0], 0) <= i:
                            record[entry] = record.get(entry, 0) + 1

    def _found(self, title: str, text: str) -> dict[int, list]:
        """Topic number -> [(entry, in headline, body count)] of what the story holds."""
        head: dict = {}
        body: dict = {}
        self._scan(words(title), head)
        self._scan(words(text), body)
        by_topic: dict[int, list] = {}
        for entry, times in body.items():
            by_topic.setdefault(entry[0], []).append((entry, entry in head, times))
        for entry in head:
            if entry not in body:
                by_topic.setdefault(entry[0], []).append((entry, True, 0))
        return by_topic

    def _points(self, weight: float, in_headline: bool, body: int) -> float:
        points = weight * self.headline_weight if in_headline else 0.0
        if body:
            points += weight * (1 + REPEAT_BONUS * (min(body, MAX_REPEATS) - 1))
        return points

    def _total(self, found: list) -> float:
        """A topic's score from what the story holds of its vocabulary."""
        phrases = negative = keywords = 0.0
        for (_, kind, weight, _), in_headline, body in found:
            if kind == "keywords":
                keywords += weight
            elif kind == "phrases":
                phrases += self._points(weight, in_headline, body)
            else:
                negative += self._points(weight, in_headline, body)
        # Keywords count once each, and only back up phrases: at most half again.
        return round(max(0.0, phrases + min(keywords, phrases * KEYWORD_SHARE) - negative), 3)

    def _itemise(self, found: list) -> list[tuple[float, tuple, bool, int]]:
        """(points, entry, in headline, body count) per entry of one topic, best first."""
        items = []
        phrase_points = 0.0
        for entry, in_headline, body in found:
            if entry[1] != "keywords":
                points = self._points(entry[2], in_headline, body)
                if entry[1] == "negative":
                    points = -points
                else:
                    phrase_points += points
                items.append((points, entry, in_headline, body))
        budget = phrase_points * KEYWORD_SHARE  # heaviest keywords use it first
        for entry, in_headline, body in sorted((f for f in found if f[0][1] == "keywords"),
                                               key=lambda f: (-f[0][2], f[0][3])):
            points = min(entry[2], budget)
            budget -= points
            items.append((points, entry, in_headline, body))
        items.sort(key=lambda item: (-item[0], item[1][3]))
        return items

    def score(self, title: str, text: str) -> list[Topic]:
        """Every topic with any evidence, unfiltered, in taxonomy order (for ``explain``)."""
        results = []
        for number, found in sorted(self._found(title, text).items()):
            evidence = tuple(Evidence(entry[3], entry[1], entry[2], in_headline, body,
                                      round(points, 3))
                             for points, entry, in_headline, body in self._itemise(found))
            topic = self.topics[number]
            results.append(Topic(topic.slug, topic.label, self._total(found),
                                 tuple(e.phrase for e in evidence if e.points > 0), evidence))
        return results

    def classify(self, title: str, text: str) -> list[Topic]:
        """Ranked topics of a story: best score first, ties in taxonomy order.

        Topics under the threshold, or far below the best one, are dropped; at
        most ``max_topics`` remain. A story with none gets the fallback topic.
        """
        found = self._found(title, text)
        scored = sorted((-total, number) for number, total in
                        ((n, self._total(f)) for n, f in found.items())
                        if total >= self.threshold)
        if not scored:
            return [self.fallback]
        floor = -scored[0][0] * self.min_share
        kept = []
        for negative, number in scored[: self.max_topics]:
            if -negative < floor:
                break
            topic = self.topics[number]
            matched = tuple(item[1][3] for item in self._itemise(found[number]) if item[0] > 0)
            kept.append(Topic(topic.slug, topic.label, -negative, matched))
        return kept

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
