"""What a topic's example stories teach: the words they share that other topics lack.

Stage: enrich (topics). Pure module (no Pelican).

A curator may give a topic ``"examples"``: a handful of stories (or short texts) that
belong to it. When the taxonomy is compiled, each topic's examples are split into
words (as stories are, ``words.py``) and the words that characterise the topic become
extra, light entries of that topic ("example words"):

* a word must occur in at least ``MIN_SHARE`` of the topic's examples (and in two of
  them, when there are two or more), so one story's accident does not count;
* it must not be a common English word (``STOPWORDS``), a number, or shorter than 3
  letters;
* it must not be characteristic of another topic's examples too, nor be a one-word
  entry of another topic: it has to tell this topic apart.

Each example word weighs ``EXAMPLE_WEIGHT`` (a weak phrase); ``explain`` names them
"example word". Deterministic: the words are sorted, and nothing depends on hashing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from .words import words

EXAMPLE_WEIGHT = 1.0
MIN_SHARE = 0.4
MAX_WORDS = 60  # per topic, the most shared first

STOPWORDS = frozenset("""
a about above after again against all almost also although always am among an and another
any are around as at back be because been before being below between both but by can
cannot could did do does doing done down during each either else even ever every few for
from further get gets got had has have having he her here hers herself him himself his
how however i if in into is it its itself just last least less like made make makes many
may me might more most much must my myself never new next no nor not now of off often on
once one only or other others our ours ourselves out over own per put rather said same
say says see seen she should since so some still such than that the their theirs them
themselves then there these they this those though three through to too two under until
up upon us use used very was way we well were what when where whether which while who
whom whose why will with within without would year years yet you your yours yourself
yourselves mr mrs ms dr told according week weeks day days time times first second third
including including monday tuesday wednesday thursday friday saturday sunday january
february march april june july august september october november december today
yesterday tomorrow people man woman men women world news report reported reports
""".split())


def _characteristic(examples: Sequence[str]) -> Counter:
    """Words in enough of ``examples``, with the number of examples holding each."""
    seen: Counter = Counter()
    for text in examples:
        seen.update({w for w in words(text) if len(w) >= 3 and not w.isdigit()
                     and w not in STOPWORDS and not w[0].isdigit()})
    need = max(2 if len(examples) > 1 else 1, round(MIN_SHARE * len(examples)))
    return Counter({w: n for w, n in seen.items() if n >= need})


def example_words(topics: Sequence[Mapping]) -> list[tuple[str, ...]]:
    """For each topic (in order), the example words it gains, best first."""
    shared = [_characteristic(list(t.get("examples") or ())) for t in topics]
    listed = []  # each topic's one-word entries ("engine" is not "search engine")
    for topic in topics:
        own = set()
        for kind in ("phrases", "keywords", "negative"):
            entries = topic.get(kind) or ()
            for phrase in (entries.keys() if isinstance(entries, Mapping) else entries):
                found = words(phrase)
                if len(found) == 1:
                    own.update(found)
        listed.append(own)
    # Which topics each word belongs to, once: a word is a topic's own when no other
    # topic has it (asking every other topic for each topic grew with the square).
    owners: dict[str, set[int]] = {}
    for number, found in (*enumerate(shared), *enumerate(listed)):
        for word in found:
            owners.setdefault(word, set()).add(number)
    result = []
    for number, counts in enumerate(shared):
        kept = sorted((w for w in counts if owners[w] == {number} and w not in listed[number]),
                      key=lambda w: (-counts[w], w))
        result.append(tuple(kept[:MAX_WORDS]))
    return result
