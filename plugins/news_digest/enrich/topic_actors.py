"""A second topic resting on its actors named without an act of the topic (``actors``).

Stage: enrich (topics). Pure module (no Pelican). ``topics.Taxonomy.classify`` calls
``Actors.keep`` on the topics it would give, last; ``explain`` asks the same question
(``acting``).

Government & Policy is found by the words of governing (a bill, a budget, a regulation,
a minister) and by the names of politics' actors and places (the White House, Congress,
lawmakers, a governor, the United Nations). An editor gives it when the story is about
governing, not when the actors are only its scene: a champion's visit to the White House,
an exhibit shown to Mexican lawmakers, an award a Secretary-General presents. What tells
them apart is in the sentence: where an actor governs, an act of governing stands beside
it ("The White House is blocking the CDC director from testifying", "the state spent
nearly half a million dollars").

A curator lists a topic's actors and its acts:

    actors = ["white house", "congress", "lawmakers", "governor"]
    acts = ["veto", "legislate", "appoint", "sanction", "spend", "testify"]

``actors`` are phrases of the topic; ``acts`` are words in their plain form (their
inflections count: "vetoed", "appointing", "sanctions"). A topic given **beside a better
one** is left out when, counting each actor only in the sentences that hold an act (one
of ``acts``, or any phrase or keyword of the topic not listed as an actor), and in the
headline only when the headline holds one, its score falls under the threshold it
reached. The best topic always stands: a story about the White House is a politics story.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from .words import words

# Where a sentence ends: after . ! or ? before a capital, a figure or a quote, and at a
# line break; not after a title or an initial ("Gov. Kristi Noem", "the U.S. Senate").
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'(\[A-Z0-9])|\n+")
_ABBREVIATION = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b[A-Z](?:\.[A-Z])*)\.$")
_SIBILANT = ("s", "x", "z", "ch", "sh", "o")  # "taxes", "vetoes"
_VOWELS = "aeiou"


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (a title or an initial does not end one)."""
    out: list[str] = []
    for piece in _SENTENCE_END.split(text):
        if out and _ABBREVIATION.search(out[-1].rstrip()):
            out[-1] = f"{out[-1]} {piece}"
        elif piece.strip():
            out.append(piece)
    return [s for s in out if s.strip()]


def act_forms(acts: Iterable[str]) -> frozenset[str]:
    """The words that are an act: each plain form and its inflections ("vetoes",
    "vetoed", "ruling", "banned", "policies", "testified")."""
    forms = set()
    for act in (a.strip().lower() for a in acts):
        forms.update((act, act + ("es" if act.endswith(_SIBILANT) else "s")))
        if act.endswith("y") and act[-2:-1] not in _VOWELS:
            forms.discard(act + "s")  # "policies", not "policys"
        if act.endswith("e"):
            forms.update((act + "d", act[:-1] + "ing"))
        elif act.endswith("y") and act[-2:-1] not in _VOWELS:
            forms.update((act[:-1] + "ies", act[:-1] + "ied", act + "ing"))
        else:
            forms.update((act + "ed", act + "ing"))
            if len(act) > 2 and act[-1] not in _VOWELS + "wxy" and act[-2] in _VOWELS \
                    and act[-3] not in _VOWELS:  # a short final syllable: "banned"
                forms.update((act + act[-1] + "ed", act + act[-1] + "ing"))
    return frozenset(forms)


class Actors:
    """The compiled ``actors`` and ``acts`` of each topic that lists them."""

    def __init__(self, topics: Iterable[Mapping], entries: list[tuple], threshold: float):
        self.entries, self.threshold = entries, threshold
        self.actors: dict[int, frozenset[int]] = {}  # topic -> its actors' entries
        self.acts: dict[int, frozenset[str]] = {}  # topic -> the words of its acts
        self.cues: dict[int, frozenset[int]] = {}  # topic -> its other phrases and keywords
        by_owner: dict[int, list[int]] = {}
        for e, (owner, *_) in enumerate(entries):
            by_owner.setdefault(owner, []).append(e)
        for number, topic in enumerate(topics):
            keys = {" ".join(words(phrase)) for phrase in topic.get("actors") or ()}
            own = by_owner.get(number, ())
            actors = frozenset(e for e in own if entries[e][1] == "phrases"
                               and entries[e][3].lower() in keys)
            if actors:
                self.actors[number] = actors
                self.acts[number] = act_forms(topic.get("acts") or ())
                self.cues[number] = frozenset(
                    e for e in own if entries[e][1] in ("phrases", "keywords")
                    and e not in actors and entries[e][3].lower() not in keys)

    def __bool__(self) -> bool:
        return bool(self.actors)

    def _acting(self, number: int, found: Iterable[int], text: str) -> bool:
        """Whether a sentence (its entries ``found``, its ``text``) holds an act."""
        if not self.cues[number].isdisjoint(found):
            return True
        return not self.acts[number].isdisjoint(words(text))

    def governed(self, number: int, head: Mapping, body: Mapping, headline: str, text: str,
                 find: Callable[[str], list[int]]) -> tuple[dict, dict] | None:
        """(headline, body) entries -> times for topic ``number`` with each actor counted
        only where an act stands beside it, or None when the story holds none of its
        actors. ``find`` gives the entries of a text (``PhraseMatcher.entries_in``)."""
        actors = self.actors.get(number)
        if not actors or (actors.isdisjoint(head) and actors.isdisjoint(body)):
            return None
        acted: dict[int, int] = {}
        if not actors.isdisjoint(body):
            for sentence in sentences(text):
                found = find(sentence)
                if actors.isdisjoint(found) or not self._acting(number, found, sentence):
                    continue
                for e in found:
                    if e in actors:
                        acted[e] = acted.get(e, 0) + 1
        body_kept = {e: min(times, acted.get(e, 0)) if e in actors else times
                     for e, times in body.items()}
        headed = self._acting(number, head, headline)
        return ({e: t for e, t in head.items() if headed or e not in actors},
                {e: t for e, t in body_kept.items() if t})

    def score(self, number: int, head: Mapping, body: Mapping, headline: str, text: str,
              taxonomy) -> float | None:
        """Topic ``number``'s score with its actors counted only beside an act, or None
        when the story holds none of them (``taxonomy``: the ``topics.Taxonomy``)."""
        governed = self.governed(number, head, body, headline, text,
                                 taxonomy._matcher.entries_in)
        if governed is None:
            return None
        return taxonomy._total(taxonomy._group(*governed, {number}).get(number, []))

    def keep(self, kept: list[tuple[float, int]], head: Mapping, body: Mapping,
             headline: str, text: str, taxonomy) -> list[tuple[float, int]]:
        """``kept`` ((score, topic number), best first) without the second topics that
        reach the threshold only on their actors named without an act."""
        out = kept[:1]
        for score, number in kept[1:]:
            if (number in self.actors and score >= self.threshold
                    and self._without_actors(number, head, body, taxonomy) < self.threshold):
                governed = self.score(number, head, body, headline, text, taxonomy)
                if governed is not None and governed < self.threshold:
                    continue
            out.append((score, number))
        return out

    def _without_actors(self, number: int, head: Mapping, body: Mapping, taxonomy) -> float:
        """Topic ``number``'s score with none of its actors: at the threshold, the sentences
        need not be read (most politics stories name their acts many times over)."""
        actors = self.actors[number]
        return taxonomy._total(taxonomy._group(
            {e: t for e, t in head.items() if e not in actors},
            {e: t for e, t in body.items() if e not in actors}, {number}).get(number, []))
