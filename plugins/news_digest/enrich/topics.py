"""Topics from a curated taxonomy: compile once, classify many stories.

Pure module (no Pelican). ``Taxonomy(topics)`` compiles the curator's taxonomy
file (``DIGEST_TOPICS_FILE``) once: its phrases into a ``PhraseMatcher`` (linear in a
story's length, whatever the taxonomy's size), its entries into numbers whose points
for 1 to ``MAX_REPEATS`` occurrences are worked out in advance.

Each topic lists three kinds of vocabulary (see ``pelicanconf.py``):

* ``phrases``: words or phrases that point to the topic on their own;
* ``keywords``: ambiguous words that count only beside the topic's phrases
  ("court" adds to Law & Courts only when "lawsuit", "judge", ... are there);
  each counts once, and together they add at most half the phrases' points;
* ``negative``: context phrases whose words then do not count for the topic
  ("tennis court", "computer virus"), and which subtract their weight;
* ``examples``: a handful of stories that belong to the topic; the words they share
  that no other topic uses become light entries of the topic ("example words",
  ``topic_examples.py``).

``"<money>"`` listed as a phrase counts each amount of money written as a figure
("$325m", "£6bn", ``topic_signals.py``).

A topic is given when its score reaches the threshold. When no topic reaches it, a
story is not thrown to General while it holds real evidence: topics scoring at least
``NEAR_SHARE`` of the threshold with at least ``REAL_POINTS`` from their phrases (not
just keywords or example words), found as two different phrases, one phrase twice
in the body, or one in the headline, are given ("near the line").

A learned part weighs in on close calls (``topic_lift.py``): a linear model of news desks
(``topic_model.py``, trained offline) lifts a topic under the threshold when the story reads
like its desk, and confirms a second topic on a single phrase or close to the line. It never
gives a topic without the curator's words for it; a ``Topics:`` header overrides everything
(``story_topics.seed_topics``). Then the guards (``topic_guards.py``), a long story's asides
(``topic_asides.py``), a learned verdict (``topic_verdict.py``) and a topic only named
(``topic_names.py``) decide.

Matching is on whole words, case-insensitive (a phrase in capitals, "DUP", as written); where
phrases overlap, the one starting first and then the longest wins, for every topic ("health
data" is a privacy phrase: its "health" does not count for Health). A phrase in the headline
(without a site's name after it, ``topic_text.py``) scores ``headline_weight`` times its
weight; in the body its weight, and each repeat half again, up to ``MAX_REPEATS``. The body is
read to its first ``topic_text.BODY_CHARS`` characters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from functools import cache

from ..errors import UnknownTopics
from ..seeds.slugs import slugify_headline
from .phrase_matcher import PhraseMatcher
from .story_topics import seed_topics
from .topic_actors import Actors
from .topic_asides import Asides
from .topic_backdrop import Backdrop
from .topic_beside import NotBeside
from .topic_examples import EXAMPLE_WEIGHT, example_words
from .topic_guards import Guards, opening
from .topic_lift import SINGLE_TIMES, SINGLE_WEIGHT, SURE_PROBABILITY, DeskLift, passing
from .topic_model import TopicModel, default_model
from .topic_names import Names
from .topic_signals import MONEY, MONEY_KEY, money_count, money_led, money_points
from .topic_tally import MAX_REPEATS, found_topics, tally
from .topic_text import read_body as _read  # the part of a body that is read
from .topic_text import read_headline
from .topic_types import Evidence, Topic
from .topic_verdict import Verdict
from .words import phrase_key

PHRASE_WEIGHT = 2.0  # default weight of a phrase given without one
KEYWORD_WEIGHT = 1.0  # default weight of a keyword
NEGATIVE_WEIGHT = 2.0  # default penalty of a negative phrase
REPEAT_BONUS = 0.5  # each repeat after the first adds this share of the weight
MIN_SHARE = 0.25  # a topic must score at least this share of the best topic,
SHARE_CAP = 3.0  # ... or this many times the threshold: a strand the story develops
KEYWORD_SHARE = 0.5  # keywords add at most this share of the topic's phrase points
NEAR_SHARE = 0.5  # with no topic at the threshold, topics at this share of it may be given
REAL_POINTS = 2.0  # ... when their phrases alone score this much (real evidence),
REAL_PHRASES = 2  # ... from two different phrases, one twice, or one in the headline
# A topic is given only on a phrase of at least this weight: light, many-sense words
# ("season", "club", "match") add to a topic's score but cannot make it on their own.
ANCHOR_WEIGHT = 1.5

# "examples" entries are made from a topic's example stories, not listed by a curator.
KINDS = ("phrases", "keywords", "negative", "examples")
# Body points of an entry seen n times: its weight, and half again per repeat.
_REPEAT = [0.0] + [1 + REPEAT_BONUS * (n - 1) for n in range(1, MAX_REPEATS + 1)]
_DEFAULT_WEIGHTS = {"phrases": PHRASE_WEIGHT, "keywords": KEYWORD_WEIGHT,
                    "negative": NEGATIVE_WEIGHT, "examples": EXAMPLE_WEIGHT}
__all__ = ["Evidence", "Taxonomy", "Topic", "UnknownTopics", "seed_topics"]


def _weighted(entries) -> list[tuple[str, float | None]]:
    if isinstance(entries, Mapping):
        return list(entries.items())
    return [(phrase, None) for phrase in entries or ()]


class Taxonomy:
    """The compiled taxonomy; build it once per build and call ``classify`` per story."""

    def __init__(self, topics: Iterable[Mapping], *, max_topics: int = 5,
                 fallback: str = "General", threshold: float = 5.0,
                 headline_weight: float = 3.0, min_share: float = MIN_SHARE,
                 model: TopicModel | None | bool = True):
        self.topics = tuple(Topic(t["slug"], t["label"]) for t in topics)
        # The learned desks (``topic_model.py``): True for the model shipped with the
        # plugin, False or None for phrases alone; ``topic_lift.py`` says how they count.
        self.model = default_model() if model is True else (model or None)
        self.lift = DeskLift(self.model, [t.slug for t in self.topics], threshold)
        # The learned verdict on second topics (``topic_verdict.py``), with the desks only.
        self.verdict = Verdict.load() if self.model is not None else None
        self.max_topics = max_topics
        self.threshold = threshold
        self.headline_weight = headline_weight
        self.min_share = min_share
        self.fallback = self.lookup(fallback) or Topic(slugify_headline(fallback, 60), fallback)
        index: dict[str, dict[tuple[str, ...], list]] = {}
        # Entries by number (small ints hash faster than tuples); equal entries share one.
        self._entries: list[tuple] = []
        numbers: dict[tuple, int] = {}
        topics = list(topics)
        learned = example_words(topics)
        for number, topic in enumerate(topics):
            for kind in KINDS:
                listed = (_weighted(topic.get(kind)) if kind != "examples"
                          else [(word, None) for word in learned[number]])
                for phrase, weight in listed:
                    key = MONEY_KEY if phrase.strip() == MONEY else phrase_key(phrase)
                    if not key:
                        continue
                    weight = float(_DEFAULT_WEIGHTS[kind] if weight is None else weight)
                    shown = MONEY if key == MONEY_KEY else " ".join(key)
                    entry = (number, kind, weight, shown, KINDS.index(kind))
                    if entry not in numbers:
                        numbers[entry] = len(self._entries)
                        self._entries.append(entry)
                    index.setdefault(key[0], {}).setdefault(key, []).append(numbers[entry])
        self._topic_of = [entry[0] for entry in self._entries]
        # Entries counting money written as figures (found by a pattern, not by words).
        self._money = tuple(e for e in index.get(MONEY_KEY[0], {}).get(MONEY_KEY, ())
                            if self._entries[e][1] != "negative")
        # Body points of each entry by times seen (up to MAX_REPEATS), worked out
        # once: (topic, index of its kind, points). A keyword counts once.
        self._body_points = [
            (topic, kind_index, tuple(weight if kind == "keywords" and times else
                                      weight * _REPEAT[times]
                                      for times in range(MAX_REPEATS + 1)))
            for topic, kind, weight, _, kind_index in self._entries]
        self._matcher = PhraseMatcher(index, self._entries, self._topic_of)
        # Subjects the digest does not cover (``outside = true``): scored, never given.
        self.outside = frozenset(n for n, topic in enumerate(topics) if topic.get("outside"))
        self.guards = Guards(self._entries, self.outside, threshold, topics)
        self.asides = Asides(self._entries, ANCHOR_WEIGHT, self.guards, self.lift)
        # Words a topic leaves to another given beside it (``not_beside``, topic_beside.py).
        self.beside = NotBeside(topics, self._entries, threshold, ANCHOR_WEIGHT)
        self.backdrop = Backdrop(topics, self._entries)  # a story's time: topic_backdrop.py
        self.names = Names(self._entries, ANCHOR_WEIGHT, self.lift)  # only named: topic_names
        self.actors = Actors(topics, self._entries, threshold)  # actors with no act: topic_actors

    @classmethod
    def from_settings(cls, digest: Mapping) -> Taxonomy:
        """From the checked settings (``settings.resolve``)."""
        return cls(digest.topics, max_topics=digest.max_topics, fallback=digest.fallback_topic,
                   threshold=digest.topic_threshold, headline_weight=digest.topic_headline_weight)

    def _scan(self, text: str) -> dict[int, int]:
        """How many times each entry (by number) is found in ``text``: its phrases
        (``phrase_matcher.py``), and money written as figures."""
        counted = self._matcher.entries_in(text)
        if self._money:
            found = money_count(text)
            if found:
                counted.extend(self._money * min(found, MAX_REPEATS))
        return Counter(counted) if counted else {}  # a headline often finds nothing

    scan = _scan  # for ``explain``, which asks the guards' and the asides' questions

    def record(self, title: str, text: str) -> tuple[dict, dict]:
        """What the story holds: entry -> times, in the headline and in the body."""
        return self._scan(read_headline(title, text)), self._scan(_read(text))

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
            elif kind == "negative":
                negative += self._points(weight, in_headline, body)
            else:  # phrases and example words
                phrases += self._points(weight, in_headline, body)
        # Keywords count once each, and only back up phrases: at most half again.
        return round(max(0.0, phrases + min(keywords, phrases * KEYWORD_SHARE) - negative), 3)

    def _ranked(self, found: list) -> list[tuple[float, str, int, tuple, bool, int]]:
        """Each entry of one topic, best first: (-points, phrase, place in ``found``, entry,
        in headline, body count). The tuples sort on their own (no key function to call),
        ``found``'s order settles ties, as a stable sort by (-points, phrase) would."""
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
        for number, found in sorted(self._group(*self.record(title, text)).items()):
            evidence = tuple(Evidence(entry[3], entry[1], entry[2], in_headline, body,
                                      round(-negated, 3))
                             for negated, _, _, entry, in_headline, body in self._ranked(found))
            topic = self.topics[number]
            results.append(Topic(topic.slug, topic.label, self._total(found),
                                 tuple(e.phrase for e in evidence if e.points > 0), evidence))
        return results

    def classify(self, title: str, text: str) -> list[Topic]:
        """Ranked topics of a story: best score first, ties in taxonomy order.

        Topics under the threshold, or far below the best one, are dropped; at most
        ``max_topics`` remain. When no topic reaches the threshold, those near the line with
        real evidence are given (``near_line``); a story with none gets the fallback topic.
        The same scores as ``score``, in one pass over what was found."""
        title = read_headline(title, text)  # a site's name after the headline is not the story
        text = _read(text)
        head, body = self._scan(title), self._scan(text)
        (phrases, keywords, negative, learned), distinct, entries_found, seen, strongest = tally(
            head, body, self._entries, self._body_points, len(self.topics), self.headline_weight)
        outside, outside_best = self.outside, (0.0, -1)
        scored = []
        near = []
        below = []  # under the threshold with a real phrase: the model may lift them
        sure = []  # ... with light words only: the model must be sure
        threshold = self.threshold
        near_line = threshold * NEAR_SHARE
        lift = self.lift
        lift_floor, desk_of = lift.floor, lift.desk_of
        for number in (found_topics(head, body, self._entries, self._body_points)
                       if lift_floor > 0 else range(len(phrases))):
            phrase_points = phrases[number]
            positive = phrase_points + learned[number]
            if positive and (strongest[number] >= ANCHOR_WEIGHT or not phrase_points):
                total = round(max(0.0, positive - negative[number] + min(
                    keywords[number], positive * KEYWORD_SHARE)), 3)
                if number in outside:  # scored, never given (``topic_guards``)
                    outside_best = max(outside_best, (total, number))
                    continue
                if total >= threshold:
                    scored.append((-total, number))
                    continue
                if (total >= near_line and phrase_points >= REAL_POINTS
                        and distinct[number] >= REAL_PHRASES):
                    near.append((-total, number))
                if number in desk_of and total >= lift_floor and phrase_points:
                    below.append((-total, number))
            elif (number in desk_of and phrase_points >= lift_floor and not negative[number]
                  and number not in outside):
                sure.append((-phrase_points, number))
        lifted: dict[int, float] = {}
        desks = None  # the model's desks, worked out only when a decision needs them
        if below or sure:
            desks = lift.probabilities(title, text)
            lifted = lift.lifted(below, desks, [n for _, n in scored or near])
            lifted.update(lift.lifted(sure, desks, [*(n for _, n in scored or near), *lifted],
                                      SURE_PROBABILITY))
            below = below + sure
        is_near = not scored
        if is_near:
            scored = near
        taken = {number for _, number in scored}
        extra = [(total, number) for total, number in sorted(below) if number in lifted
                 and number not in taken]
        if not scored and not extra:
            return [self.fallback]
        scored.sort()
        floor = min(-scored[0][0] * self.min_share, threshold * SHARE_CAP) if scored else 0.0
        kept = [(-negative_total, number) for negative_total, number in scored[: self.max_topics]
                if -negative_total >= floor or self.guards.threaded(number, -negative_total, body)]
        if len(kept) > 1 and lift:
            # A second topic on one phrase, or close to the line, needs the model's word.
            single = {number for _, number in kept[1:] if entries_found[number] == 1
                      and seen[number] <= SINGLE_TIMES and strongest[number] <= SINGLE_WEIGHT}
            # ... and so does one mentioned only in passing in a long story.
            single |= {number for _, number in kept[1:] if passing(
                distinct[number], entries_found[number], number in desk_of, len(text))}
            if single or any(lift.unconfirmed(*item) for item in kept[1:]):
                desks = desks or lift.probabilities(title, text)
                kept = kept[:1] + [item for item in kept[1:]
                                   if lift.confirmed(*item, desks, item[1] in single)]
        if lift and kept and passing(distinct[kept[0][1]], entries_found[kept[0][1]],
                                     kept[0][1] in desk_of, len(text)):
            kept = kept[1:]  # the best topic too, when it is named only in passing
        kept += [(-total, number) for total, number in extra][: self.max_topics - len(kept)]
        kept = lift.crowded(kept) if lift else kept  # a desk-mate far behind: in passing
        chances = cache(lambda: desks or lift.probabilities(title, text))  # once, if asked
        kept = self.guards.keep(kept, head, text, body, self._scan, outside_best, lift, chances)
        if len(kept) > 1 and self._money and lift:  # a figure beside a story: its desk's?
            kept = money_led(kept, money_points(self, head, body), phrases, lift.reads_as(chances))
        if lift and kept:
            kept = self.asides.keep(kept, head, text, body, self._scan, self._matcher.entries_in,
                                    chances)
        if self.backdrop and kept:  # a topic resting on the story's time or setting
            kept = self.backdrop.keep(kept, head, body, self._points)
        if self.verdict and len(kept) > 1:  # the learned verdict on second topics
            kept = self.verdict.keep(self, kept, head, body, text, chances,
                                     (phrases, keywords, negative, learned))
        if self.beside and len(kept) > 1:  # a topic's words left to the other topic given
            kept = self.beside.keep(kept, head, body, self._total)
        if lift and self.names and len(kept) > 1:  # a second topic only named (topic_names)
            kept = self.names.keep(kept, head, body, text, chances)
        if self.actors and len(kept) > 1:  # a second topic of actors, no act (topic_actors)
            kept = self.actors.keep(kept, head, body, title, text, self)
        if not kept:
            return [self.fallback]
        found = self._group(head, body, {number for _, number in kept})
        result = []
        for total, number in kept:
            matched = tuple([item[1] for item in self._ranked(found[number]) if item[0] < 0])
            topic = self.topics[number]
            result.append(Topic(topic.slug, topic.label, total, matched,
                                near_line=is_near and number not in lifted,
                                lifted=round(lifted.get(number, 0.0), 3)))
        return result

    def opened(self, title: str, text: str) -> set[str]:
        """The topics (slugs) with a phrase in the headline or the body's opening."""
        numbers = self.guards.opened(self._scan(read_headline(title, text)),
                                     self._scan(opening(_read(text))))
        return {self.topics[number].slug for number in numbers}

    def is_outside(self, slug: str) -> bool:
        """Whether ``slug`` is a subject the digest does not cover (``outside = true``)."""
        return any(self.topics[n].slug == slug for n in self.outside)

    # -- curator override ---------------------------------------------------------

    def lookup(self, name: str) -> Topic | None:
        """The topic whose slug or label is ``name`` (any case), else None."""
        wanted = name.strip().casefold()
        fallback = getattr(self, "fallback", None)
        outside = getattr(self, "outside", frozenset())  # not topics: never named, never given
        given = [t for n, t in enumerate(self.topics) if n not in outside]
        for topic in (*given, *([fallback] if fallback else [])):
            if wanted in (topic.slug.casefold(), topic.label.casefold()):
                return topic
        return None

    def override(self, value: str) -> list[Topic]:
        """Topics a curator named (``privacy, Law & Courts``), in the order given."""
        names = [n.strip() for n in value.split(",") if n.strip()]
        unknown = [n for n in names if self.lookup(n) is None]
        if unknown:
            raise UnknownTopics(unknown, [t.slug for n, t in enumerate(self.topics)
                                          if n not in self.outside] + [self.fallback.slug])
        return list(dict.fromkeys(self.lookup(name) for name in names))  # in order, once

