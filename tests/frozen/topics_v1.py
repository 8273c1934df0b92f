# FROZEN copy of plugins/news_digest/topics.py as it was before issue 18 (today's
# tagger), kept only so that tests/test_topics_devset.py can print its figures beside the
# new tagger's on the same stories. Do not edit; it is not used by the plugin.
"""Topics from a curated taxonomy: compile once, classify many stories.

Pure module (no Pelican). ``Taxonomy(topics)`` compiles the curator's
``DIGEST_TOPICS`` into one dictionary keyed by a phrase's first word (and, for
phrases, its second). A story is lower-cased and split into words once; only
words that start an entry are looked at (picked out in C, with
``itertools.compress`` over dictionary membership), so classifying costs time
linear in the story's length, whatever the size of the taxonomy. Entries are
counted by number, and their points for 1 to ``MAX_REPEATS`` occurrences are
worked out when the taxonomy is compiled.

Each topic lists three kinds of vocabulary (see ``pelicanconf.py``):

* ``phrases``: words or phrases that point to the topic on their own;
* ``keywords``: ambiguous words that count only beside the topic's phrases
  ("court" adds to Law & Courts only when "lawsuit", "judge", ... are there);
  each counts once, and together they add at most half the phrases' points;
* ``negative``: context phrases whose words then do not count for the topic
  ("tennis court", "computer virus"), and which subtract their weight.

Matching is on whole words, case-insensitive. Where phrases overlap, the one
starting first and then the longest wins, for every topic: "health data" is a
privacy phrase, so its "health" does not also count for Health (list a phrase
under two topics to count it for both). A phrase in the headline scores
``headline_weight`` times its weight; in the body its weight, and each repeat
adds half again, up to ``MAX_REPEATS`` occurrences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress

from news_digest.enrich.words import ascii_words, words
from news_digest.seeds.format import Seed, SeedError
from news_digest.seeds.slugs import slugify_headline

PHRASE_WEIGHT = 2.0  # default weight of a phrase given without one
KEYWORD_WEIGHT = 1.0  # default weight of a keyword
NEGATIVE_WEIGHT = 2.0  # default penalty of a negative phrase
MAX_REPEATS = 5  # body repeats counted per phrase
REPEAT_BONUS = 0.5  # each repeat after the first adds this share of the weight
MIN_SHARE = 0.25  # a topic must score at least this share of the best topic
KEYWORD_SHARE = 0.5  # keywords add at most this share of the topic's phrase points

KINDS = ("phrases", "keywords", "negative")
# Body points of an entry seen n times: its weight, and half again per repeat.
_REPEAT = [0.0] + [1 + REPEAT_BONUS * (n - 1) for n in range(1, MAX_REPEATS + 1)]
_DEFAULT_WEIGHTS = {"phrases": PHRASE_WEIGHT, "keywords": KEYWORD_WEIGHT,
                    "negative": NEGATIVE_WEIGHT}

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
    evidence: tuple[Evidence, ...] = ()  # every entry found, with its points (``score`` only)


class UnknownTopics(ValueError):
    """A curator named topics that are not in the taxonomy."""

    def __init__(self, names: Sequence[str], known: Sequence[str]):
        shown = ", ".join(repr(n) for n in names)
        super().__init__(f"unknown topic {shown}: use a slug or label of DIGEST_TOPICS "
                         f"({', '.join(known)})")
        self.names = tuple(names)


def _encoded(phrases: tuple) -> tuple:
    """Compiled phrases with their words encoded, to compare with ``ascii_words``."""
    return tuple((length, [word.encode() for word in key], positives, negatives)
                 for length, key, positives, negatives in phrases)


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
        # Entries are counted by number: small ints hash far faster than tuples.
        # Equal entries (a phrase listed twice) share a number, as they would
        # share a key if counted as tuples.
        self._entries: list[tuple] = []
        numbers: dict[tuple, int] = {}
        for number, topic in enumerate(topics):
            for kind in KINDS:
                for phrase, weight in _weighted(topic.get(kind)):
                    key = tuple(words(phrase))
                    if not key:
                        continue
                    weight = float(_DEFAULT_WEIGHTS[kind] if weight is None else weight)
                    entry = (number, kind, weight, " ".join(key), KINDS.index(kind))
                    if entry not in numbers:
                        numbers[entry] = len(self._entries)
                        self._entries.append(entry)
                    index.setdefault(key[0], {}).setdefault(key, []).append(numbers[entry])
        self._topic_of = [entry[0] for entry in self._entries]
        # Body points of each entry by times seen (up to MAX_REPEATS), worked out
        # once: (topic, index of its kind, points). A keyword counts once.
        self._body_points = [
            (topic, kind_index, tuple(weight if kind == "keywords" and times else
                                      weight * _REPEAT[times]
                                      for times in range(MAX_REPEATS + 1)))
            for topic, kind, weight, _, kind_index in self._entries]
        # Each phrase compiles to (length, words, positive entry numbers, negative
        # (topic, entry number) pairs).
        # A word that starts an entry maps to (next word -> the phrases to try there,
        # longest first and the one-word entry last; what to try before any other
        # word), except plain words: one-word entries that start no phrase and are
        # nobody's negative, which map to (None, their entries).
        self._find: dict[str, tuple[dict | None, tuple | None]] = {}
        for first, by_phrase in index.items():
            longer: dict[str, list] = {}
            single = None
            for key, found in sorted(by_phrase.items(), key=lambda item: -len(item[0])):
                kinds = [(self._entries[e][1], e) for e in found]
                compiled = (len(key), list(key),
                            tuple(e for kind, e in kinds if kind != "negative"),
                            tuple((self._topic_of[e], e) for kind, e in kinds
                                  if kind == "negative"))
                if len(key) == 1:
                    single = compiled
                else:
                    longer.setdefault(key[1], []).append(compiled)
            if single and not longer and not single[3]:
                self._find[first] = (None, single[2])
                continue
            alone = (single,) if single else None
            self._find[first] = ({second: (*phrases, *(alone or ()))
                                  for second, phrases in longer.items()}, alone)
        # The same, keyed by encoded words, for ASCII text (``ascii_words``).
        self._find_ascii = {first.encode(): (phrases, alone) if phrases is None else (
            {second.encode(): _encoded(found) for second, found in phrases.items()},
            alone and _encoded(alone)) for first, (phrases, alone) in self._find.items()}

    @classmethod
    def from_settings(cls, digest: Mapping) -> Taxonomy:
        """From the checked settings (``settings.resolve``)."""
        return cls(digest["DIGEST_TOPICS"], max_topics=digest["DIGEST_MAX_TOPICS"],
                   fallback=digest["DIGEST_FALLBACK_TOPIC"],
                   threshold=digest["DIGEST_TOPIC_THRESHOLD"],
                   headline_weight=digest["DIGEST_TOPIC_HEADLINE_WEIGHT"])

    # -- matching ---------------------------------------------------------------

    def _scan(self, text: str) -> dict[int, int]:
        """How many times each entry (by number) is found in the words of ``text``.

        Phrases and keywords: the longest one starting leftmost wins, across all
        topics ("health data" is a privacy phrase, so its "health" does not count
        for Health). Negative phrases mask words only for their own topic.
        """
        if text.isascii():
            find, tokens, empty = self._find_ascii, ascii_words(text), b""
        else:
            find, tokens, empty = self._find, words(text), ""
        tokens.append(empty)  # matches no entry: tokens[i + 1] always exists
        covered = 0  # first word not yet inside a phrase or keyword that counted
        masked: dict[int, int] = {}  # topic -> first word not inside its negative phrase
        # Negative phrases are short: past the end of the last one, no topic is
        # masked, and entries count without looking at ``masked``.
        unmasked = 0  # first word inside no negative phrase from here on
        # Entries as they are counted; those of plain words counted before any
        # negative phrase are kept apart and go last. Counter then tallies them in
        # C, in the order of first counts: scores are summed in that order, and
        # float sums depend on it, so it must not change.
        counted: list[int] = []
        plain: list[int] = []
        topic_of = self._topic_of
        # Most words start no entry: the places of those that do are picked out in
        # C, without a Python step per word. (Plain loops below, not generator
        # expressions: a closure over ``i`` would make every use of it slower.)
        for i in compress(range(len(tokens)), map(find.__contains__, tokens)):
            phrases, alone = find[tokens[i]]
            if phrases is None:  # a plain word; ``alone`` are its entries
                if i >= covered:
                    if not masked:
                        plain.extend(alone)
                    elif i >= unmasked:
                        counted.extend(alone)
                    else:
                        for entry in alone:
                            if masked.get(topic_of[entry], 0) <= i:
                                counted.append(entry)
                continue
            # Most phrase-starting words ("said", "in", "the") start none here:
            # a membership test is the cheapest way to learn it.
            following = tokens[i + 1]
            if following in phrases:
                candidates = phrases[following]
            elif alone is None:
                continue
            else:
                candidates = alone
            for length, key, positives, negatives in candidates:  # longest first
                end = i + length
                if length > 2 and tokens[i:end] != key:
                    continue
                if negatives:  # rare: a context phrase masks its words for its topic
                    for topic, entry in negatives:
                        if masked.get(topic, 0) < end:
                            masked[topic] = end
                        counted.append(entry)
                    if unmasked < end:
                        unmasked = end
                if positives and i >= covered:
                    covered = end
                    if i >= unmasked:
                        counted.extend(positives)
                    else:  # as for plain words above: inline, a call per hit costs
                        for entry in positives:
                            if masked.get(topic_of[entry], 0) <= i:
                                counted.append(entry)
        counted += plain
        return Counter(counted) if counted else {}  # a headline often finds nothing

    def _record(self, title: str, text: str) -> tuple[dict, dict]:
        """What the story holds: entry -> times, in the headline and in the body."""
        return self._scan(title), self._scan(text)

    def _group(self, head: dict, body: dict, topics: set | None = None) -> dict[int, list]:
        """Topic number -> [(entry, in headline, body count)]; only ``topics`` if given."""
        by_topic: dict[int, list] = {}
        entries, topic_of = self._entries, self._topic_of
        for number, times in body.items():
            topic = topic_of[number]
            if topics is None or topic in topics:
                by_topic.setdefault(topic, []).append((entries[number], number in head, times))
        for number in head:
            if number not in body and (topics is None or topic_of[number] in topics):
                by_topic.setdefault(topic_of[number], []).append((entries[number], True, 0))
        return by_topic

    def _points(self, weight: float, in_headline: bool, body: int) -> float:
        points = weight * self.headline_weight if in_headline else 0.0
        if body:
            points += weight * (1 + REPEAT_BONUS * (min(body, MAX_REPEATS) - 1))
        return points

    def _total(self, found: list) -> float:
        """A topic's score from what the story holds of its vocabulary."""
        phrases = negative = keywords = 0.0
        for (_, kind, weight, *_), in_headline, body in found:
            if kind == "keywords":
                keywords += weight
            elif kind == "phrases":
                phrases += self._points(weight, in_headline, body)
            else:
                negative += self._points(weight, in_headline, body)
        # Keywords count once each, and only back up phrases: at most half again.
        return round(max(0.0, phrases + min(keywords, phrases * KEYWORD_SHARE) - negative), 3)

    def _ranked(self, found: list) -> list[tuple[float, str, int, tuple, bool, int]]:
        """Each entry of one topic, best first: (-points, phrase, place in ``found``,
        entry, in headline, body count).

        The tuples sort best first on their own (no key function to call), and
        ``found``'s order settles ties, as a stable sort by (-points, phrase) would.
        """
        ranked = []
        keywords = []
        phrase_points = 0.0
        headline = self.headline_weight
        for place, (entry, in_headline, body) in enumerate(found):
            if entry[1] == "keywords":
                keywords.append((-entry[2], entry[3], place, entry, in_headline, body))
                continue
            # As ``_points``, inline: this runs for every entry of every topic kept.
            points = entry[2] * headline if in_headline else 0.0
            if body:
                points += entry[2] * _REPEAT[body if body < MAX_REPEATS else MAX_REPEATS]
            if entry[1] == "negative":
                points = -points
            else:
                phrase_points += points
            ranked.append((-points, entry[3], place, entry, in_headline, body))
        if keywords:
            budget = phrase_points * KEYWORD_SHARE  # heaviest keywords use it first
            keywords.sort()
            for _, phrase, place, entry, in_headline, body in keywords:
                points = min(entry[2], budget)
                budget -= points
                ranked.append((-points, phrase, place, entry, in_headline, body))
        ranked.sort()
        return ranked

    def score(self, title: str, text: str) -> list[Topic]:
        """Every topic with any evidence, unfiltered, in taxonomy order (for ``explain``)."""
        results = []
        for number, found in sorted(self._group(*self._record(title, text)).items()):
            evidence = tuple(Evidence(entry[3], entry[1], entry[2], in_headline, body,
                                      round(-negated, 3))
                             for negated, _, _, entry, in_headline, body in self._ranked(found))
            topic = self.topics[number]
            results.append(Topic(topic.slug, topic.label, self._total(found),
                                 tuple(e.phrase for e in evidence if e.points > 0), evidence))
        return results

    def classify(self, title: str, text: str) -> list[Topic]:
        """Ranked topics of a story: best score first, ties in taxonomy order.

        Topics under the threshold, or far below the best one, are dropped; at
        most ``max_topics`` remain. A story with none gets the fallback topic.
        Computes the same scores as ``score``, in one pass over what was found.
        """
        head, body = self._record(title, text)
        size = len(self.topics)
        # Sums per topic, by kind of entry: entry[4] is the index of its kind in KINDS.
        sums = phrases, keywords, negative = [0.0] * size, [0.0] * size, [0.0] * size
        headline = self.headline_weight
        entries = self._entries
        for number in head:
            entry = entries[number]
            sums[entry[4]][entry[0]] += entry[2] if entry[4] == 1 else entry[2] * headline
        body_points = self._body_points
        for number, times in body.items():
            topic, kind, points = body_points[number]
            if kind != 1 or number not in head:  # a keyword counts once
                sums[kind][topic] += points[times if times < MAX_REPEATS else MAX_REPEATS]
        scored = []
        threshold = self.threshold
        for number, phrase_points in enumerate(phrases):
            if phrase_points:
                total = round(max(0.0, phrase_points - negative[number] + min(
                    keywords[number], phrase_points * KEYWORD_SHARE)), 3)
                if total >= threshold:
                    scored.append((-total, number))
        if not scored:
            return [self.fallback]
        scored.sort()
        floor = -scored[0][0] * self.min_share
        kept = [(-negative_total, number) for negative_total, number
                in scored[: self.max_topics] if -negative_total >= floor]
        found = self._group(head, body, {number for _, number in kept})
        result = []
        for total, number in kept:
            matched = tuple([item[1] for item in self._ranked(found[number]) if item[0] < 0])
            topic = self.topics[number]
            result.append(Topic(topic.slug, topic.label, total, matched))
        return result

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


def seed_topics(taxonomy: Taxonomy, seed: Seed) -> list[Topic]:
    """A story's topics: the curator's ``Topics:`` header when given, else classified.

    An unknown topic in the header is a ``SeedError`` on the header's line.
    """
    value = seed.headers.get("topics", "")
    try:
        chosen = taxonomy.override(value)
    except UnknownTopics as err:
        raise SeedError(seed.path, seed.lines.get("topics", 1), str(err)) from None
    return chosen or taxonomy.classify(seed.title, "\n".join(seed.paragraphs))
