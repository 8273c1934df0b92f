"""Words a topic leaves to another topic when the story is given that one (``not_beside``).

Stage: enrich (topics). Pure module (no Pelican). ``topics.Taxonomy.classify`` calls
``NotBeside.keep`` last, on the topics it would give; ``explain`` asks the same question.

A curator may list, under a topic's ``[topics.not_beside]`` table, phrases (or keywords) of
the topic that name another topic's actors rather than its own subject:

    [topics.not_beside]
    elections = ["democrats", "republicans", "gop", "presidential", "political"]

In a story given Elections, the parties, the politicians and the offices they run for are
the contest's: those words do not count for Government & Policy there, which is then kept
only when the rest of its evidence (a bill, a minister, a budget, a policy area) reaches
the threshold on its own, with a phrase of weight ``anchor`` or more, and makes at least
``REST_SHARE`` of what the story's body holds of it: a topic whose body is mostly the other
topic's actors is that topic's story, whatever few words of its own it adds (the headline
names a story's actors, so the share is the body's). Given beside any
other topic, or alone, every word counts as before. The rule only ever leaves a topic out
beside the topic it names, so a story keeps that topic and is never thrown to General.
``"<money>"`` in a list stands for the amounts of money written as figures
(``topic_signals.MONEY``): beside Elections, a donor's millions are the campaign's money.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from .topic_signals import MONEY
from .words import words

REST_SHARE = 0.5  # of a topic's points in the body: what the rest of its evidence must make


class NotBeside:
    """The compiled ``not_beside`` tables: topic -> [(other topic, its entries left)]."""

    def __init__(self, topics: Iterable[Mapping], entries: list[tuple], threshold: float,
                 anchor: float):
        topics = list(topics)
        number_of = {topic["slug"]: n for n, topic in enumerate(topics)}
        self.entries, self.threshold, self.anchor = entries, threshold, anchor
        self.rules: dict[int, list[tuple[int, frozenset[int]]]] = {}
        for number, topic in enumerate(topics):
            for other, phrases in (topic.get("not_beside") or {}).items():
                keys = {MONEY if phrase.strip() == MONEY else " ".join(words(phrase))
                        for phrase in phrases}
                left = frozenset(e for e, (owner, kind, _, shown, _) in enumerate(entries)
                                 if owner == number and kind in ("phrases", "keywords")
                                 and shown.lower() in keys)
                if other in number_of and left:
                    self.rules.setdefault(number, []).append((number_of[other], left))

    def __bool__(self) -> bool:
        return bool(self.rules)

    def leaves(self, number: int) -> frozenset[int]:
        """The topics ``number`` leaves words to."""
        return frozenset(other for other, _ in self.rules.get(number, ()))

    def rest(self, number: int, others: Iterable[int], head: Mapping, body: Mapping,
             total: Callable[[list], float]) -> tuple | None:
        """For topic ``number`` beside the topics ``others``: (the topic it leaves words to,
        what the rest of its evidence scores, the weight of its heaviest phrase left, what
        the rest scores in the body alone, what all its evidence scores in the body); None
        when no rule applies. ``head`` and ``body`` map entry numbers to times found;
        ``total`` scores [(entry, in headline, body count)] (``Taxonomy._total``)."""
        others = set(others)
        for other, left in self.rules.get(number, ()):
            if other in others:
                mine = [e for e in {*head, *body} if self.entries[e][0] == number]
                found = [(self.entries[e], e in head, body.get(e, 0))
                         for e in mine if e not in left]
                heaviest = max((entry[2] for entry, *_ in found
                                if entry[1] in ("phrases", "examples")), default=0.0)
                in_body = [e for e in mine if e in body]
                return (other, total(found), heaviest,
                        total([(self.entries[e], False, body[e]) for e in in_body
                               if e not in left]),
                        total([(self.entries[e], False, body[e]) for e in in_body]))
        return None

    def stands(self, rest: tuple | None) -> bool:
        """Whether a topic stands beside the topic it leaves its words to: the rest of its
        evidence reaches the threshold with an anchor, and makes at least ``REST_SHARE``
        of what the body holds of it (a topic only in the headline is not judged so)."""
        return rest is None or (rest[1] >= self.threshold and rest[2] >= self.anchor
                                and rest[3] >= REST_SHARE * rest[4])

    def keep(self, kept: list, head: Mapping, body: Mapping,
             total: Callable[[list], float]) -> list:
        """``kept`` ((score, topic number), best first) without the topics whose evidence,
        beside the topic they leave words to, does not reach the threshold."""
        if len(kept) < 2 or not any(number in self.rules for _, number in kept):
            return kept
        given = {number for _, number in kept}
        return [(score, number) for score, number in kept if number not in self.rules
                or self.stands(self.rest(number, given - {number}, head, body, total))]
