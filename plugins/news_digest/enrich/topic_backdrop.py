"""Words that name a story's time or setting, not its subject (``backdrop``).

Stage: enrich (topics). Pure module (no Pelican). ``topics.Taxonomy.classify`` calls
``Backdrop.keep`` on the topics it would give, before the learned verdict (so the topic
beside it becomes the best one); ``explain`` asks the same question.

A curator may list some of a topic's phrases under ``backdrop``:

    backdrop = ["pandemic", "coronavirus", "covid", "covid-19", "lockdown"]

A story of 2020 about a police inquiry, a television year or a city's crime names the
pandemic as its time, several times over. A topic whose phrases score more than
``SHARE`` from such words, none of them in the headline, is the story's backdrop and is
not given (a story with no other topic goes to General). The same words in the headline
("Prison populations drop during the pandemic"), or a topic with more of its own words
(hospitals, patients, a vaccine), keep it as the story's best topic. **Beside a better
topic** the headline does not keep it: "The battle in Congress ... is dashing hopes for a
COVID-19 stimulus package", "John Bolton went from political COVID-19 to hero" name the
pandemic as the time of a story about Congress or a book, and the better topic stands.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .words import words

SHARE = 0.5  # of a topic's phrase points: more than this from backdrop words is a backdrop


class Backdrop:
    """The compiled ``backdrop`` lists: topic number -> its backdrop entries."""

    def __init__(self, topics: Iterable[Mapping], entries: list[tuple]):
        self.entries = entries
        self.lists: dict[int, frozenset[int]] = {}
        self.phrases: dict[int, frozenset[int]] = {}  # each listed topic's phrase entries
        by_owner: dict[int, list[int]] = {}  # once, not a walk of every entry per topic
        for e, (owner, *_) in enumerate(entries):
            by_owner.setdefault(owner, []).append(e)
        for number, topic in enumerate(topics):
            keys = {" ".join(words(phrase)) for phrase in topic.get("backdrop") or ()}
            if not keys:
                continue
            own = by_owner.get(number, ())
            found = frozenset(e for e in own
                              if entries[e][1] == "phrases" and entries[e][3].lower() in keys)
            if found:
                self.lists[number] = found
                self.phrases[number] = frozenset(
                    e for e in own if entries[e][1] in ("phrases", "examples"))

    def __bool__(self) -> bool:
        return bool(self.lists)

    def share(self, number: int, head: Mapping, body: Mapping, points,
              beside: bool = False) -> tuple[float, float] | None:
        """(points from backdrop words, points from all phrases) of topic ``number``, or
        None when it has no backdrop words in the story or, unless it is ``beside`` a
        better topic given, one is in the headline.
        ``points(weight, in_headline, body count)`` is ``Taxonomy._points``."""
        listed = self.lists.get(number)
        if not listed:
            return None
        in_headline = not listed.isdisjoint(head)
        if (in_headline and not beside) or not (in_headline or not listed.isdisjoint(body)):
            return None
        backdrop = total = 0.0
        mine = self.phrases[number]
        for e in mine.intersection(body).union(mine.intersection(head)):
            found = points(self.entries[e][2], e in head, body.get(e, 0))
            total += found
            backdrop += found if e in listed else 0.0
        return backdrop, total

    def is_backdrop(self, share: tuple[float, float] | None) -> bool:
        return share is not None and share[0] > SHARE * share[1]

    def keep(self, kept: list, head: Mapping, body: Mapping, points) -> list:
        """``kept`` ((score, topic number), best first) without the topics that rest on
        the story's backdrop (beside a better topic kept, in the headline too)."""
        result: list = []
        for score, number in kept:
            if number not in self.lists or not self.is_backdrop(
                    self.share(number, head, body, points, beside=bool(result))):
                result.append((score, number))
        return result
