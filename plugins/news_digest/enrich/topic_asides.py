"""Topics a long story names but is not about: two last looks at the topics to give.

Stage: enrich (topics). Pure module (no Pelican). ``topics.Taxonomy.classify`` calls
``Asides.keep`` once the phrases, the learned desks and the guards (``topic_guards``)
have spoken; ``explain`` asks the same questions (``asides``; a strand's from its
evidence and the desks it shows).

* **A strand the desks doubt.** A topic given beside a better one with none of its
  phrases in the headline or the opening (a strand the story develops further down,
  scoring at least twice the threshold, ``topic_guards``) is left out when the learned
  desks find its desks very unlikely (under ``DOUBT_PROBABILITY``, as a second topic
  close to the line): a streaming service's launch whose later paragraphs list its
  sports rights reads as business, and is not a sports story. Neither the opening nor
  the desks speak for it; either one keeps it.
* **An aside in one paragraph.** In a story of ``ASIDE_CHARS`` or more, told in two
  paragraphs or more, a topic none of whose phrases is in the headline and whose
  phrases of anchor weight all sit in one paragraph that is not the first is an aside:
  a monument's closing whose last paragraph quotes a Little League pitcher is not
  sport. Its phrases in the headline, the first paragraph or a second paragraph keep
  it; a story without paragraph breaks (many extracts) is never judged so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .topic_lift import DOUBT_PROBABILITY, PASSING_CHARS
from .topic_signals import MONEY

ASIDE_CHARS = PASSING_CHARS  # about 250 words: longer than a feed's summary
_ANCHOR_KINDS = (0, 3)  # phrases and example words (their index in topics.KINDS)


def paragraphs_of(text: str) -> list[str]:
    """The paragraphs of a body: its lines that hold any text."""
    return [line for line in text.split("\n") if line.strip()]


class Asides:
    """The two looks for one compiled taxonomy (``entries`` as ``topics.Taxonomy`` has
    them); ``anchor_weight`` is the weight a phrase needs to give a topic."""

    def __init__(self, entries: list[tuple], anchor_weight: float, guards, lift):
        self.guards, self.lift = guards, lift
        # entry number -> its topic: every phrase (for the headline), and the phrases
        # that can give a topic (where in the body they sit decides an aside)
        self.named = {n: e[0] for n, e in enumerate(entries) if e[4] in _ANCHOR_KINDS}
        self.anchor = {n: e[0] for n, e in enumerate(entries) if e[4] in _ANCHOR_KINDS
                       and e[2] >= anchor_weight and e[3] != MONEY}

    def keep(self, kept: list[tuple[float, int]], head: dict, text: str, body: dict,
             scan: Callable[[str], dict], find: Callable[[str], Iterable[int]],
             desks: Callable[[], dict]) -> list[tuple[float, int]]:
        """``kept`` ((score, topic number), best first) without the doubted strands and
        the asides. ``scan`` and ``find`` give the entries of a text (``find`` without
        money); ``desks`` the learned desks' probabilities (asked only when a strand
        needs them)."""
        doubted = self.strands_doubted(kept, head, text, body, scan, desks)
        asides = self.asides(kept, head, text, find)
        if not doubted and not asides:
            return kept
        return [item for item in kept if item[1] not in doubted and item[1] not in asides]

    def strands_doubted(self, kept, head: dict, text: str, body: dict, scan,
                        desks: Callable[[], dict]) -> set[int]:
        """The topics given beside a better one, found only further down, whose desks
        the model finds very unlikely."""
        lift, guards = self.lift, self.guards
        # Under twice the threshold a topic is given only from the opening (the guard).
        seconds = {number for total, number in kept[1:]
                   if number in lift.desk_of and total >= guards.developed}
        if seconds:
            seconds -= guards.opened(head, ())
        if not seconds:
            return set()
        opened = guards.opened_in(head, text, body, scan)
        strands = [number for number in seconds if number not in opened]
        if not strands:
            return set()
        chances = desks()
        return {number for number in strands
                if lift.chance(number, chances) < DOUBT_PROBABILITY}

    def asides(self, kept, head: dict, text: str, find: Callable[[str], Iterable[int]]
               ) -> dict[int, int]:
        """Topic number -> the one paragraph (counted from 0) that holds all its anchor
        phrases, for the topics of ``kept`` that are asides. ``find`` gives the entries
        found in a text (money, never an anchor, need not be counted)."""
        if len(text) < ASIDE_CHARS or "\n" not in text.strip():
            return {}
        in_headline = {self.named[n] for n in head if n in self.named}
        candidates = {number for _, number in kept if number not in in_headline}
        if not candidates:
            return {}
        paragraphs = paragraphs_of(text)
        if len(paragraphs) < 2:
            return {}
        anchor = self.anchor
        # A topic with an anchor in the first paragraph is no aside: most topics given
        # are, and the rest of the story is then not read again.
        candidates -= {anchor[n] for n in find(paragraphs[0]) if n in anchor}
        where: dict[int, int] = {}
        for place, paragraph in enumerate(paragraphs[1:], 1):
            if not candidates:
                return {}
            for topic in {anchor[n] for n in find(paragraph) if n in anchor} & candidates:
                if where.setdefault(topic, place) != place:  # a second paragraph: no aside
                    candidates.discard(topic)
                    del where[topic]
        return {topic: place for topic, place in where.items() if topic in candidates}
