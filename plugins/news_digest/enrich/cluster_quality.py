"""How well clusters match a labelled set: pairwise precision and recall (``enrich/`` stage).

Pure module (no Pelican import), shared by the tests of the development set and by
anyone who scores a built site's ``stories.json`` against labelled events.

Every pair of stories counts once. A pair in one predicted cluster is right when
both stories report the same labelled event (precision); a pair of one labelled
event is found when both stories are in one predicted cluster (recall). A
distractor (a story about another event near a labelled one: same firm, same team,
same week) is "joined" when its predicted cluster holds a story of another event.

A follow-up (a new development of the event) *may* join its event's cluster
(docs/clusters.md, the rule): a pair of a follow-up and a story of its own event is
optional, counted neither for nor against; joined to another event, it is wrong.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations


@dataclass(frozen=True)
class Quality:
    precision: float
    recall: float
    true_pairs: int  # pairs in one cluster that are one event
    false_pairs: int  # pairs in one cluster that are two events
    missed_pairs: int  # pairs of one event in two clusters
    joined_distractors: tuple[Hashable, ...]  # distractors clustered with another event

    def summary(self) -> str:
        return (f"pairwise precision {self.precision:.3f}, recall {self.recall:.3f} "
                f"({self.true_pairs} right pairs, {self.false_pairs} wrong, "
                f"{self.missed_pairs} missed); distractors joined: "
                f"{len(self.joined_distractors)}")


def _groups(labels: Mapping[Hashable, Hashable]) -> dict[Hashable, list[Hashable]]:
    groups: dict[Hashable, list[Hashable]] = defaultdict(list)
    for item, label in labels.items():
        groups[label].append(item)
    return groups


def pairwise_quality(predicted: Mapping[Hashable, Hashable], expected: Mapping[Hashable, Hashable],
                     distractors: Iterable[Hashable] = (),
                     optional: Iterable[Hashable] = ()) -> Quality:
    """Score ``predicted`` (item -> cluster) against ``expected`` (item -> event).

    Only items in ``expected`` count; each must be in ``predicted``. ``optional``:
    items (follow-ups) whose pairs with their own event are neither required nor wrong.
    """
    missing = [item for item in expected if item not in predicted]
    if missing:
        raise KeyError(f"{len(missing)} labelled items have no predicted cluster, "
                       f"e.g. {missing[0]!r}")
    scored = {item: predicted[item] for item in expected}
    true_pairs = false_pairs = 0
    joined = set()
    distractors, optional = set(distractors), set(optional)
    for members in _groups(scored).values():
        for a, b in combinations(members, 2):
            if expected[a] != expected[b]:
                false_pairs += 1
                joined |= {a, b} & distractors
            elif not {a, b} & optional:
                true_pairs += 1
    event_pairs = sum(1 for members in _groups(expected).values()
                      for a, b in combinations(members, 2) if not {a, b} & optional)
    found = true_pairs + false_pairs
    return Quality(
        precision=true_pairs / found if found else 1.0,
        recall=true_pairs / event_pairs if event_pairs else 1.0,
        true_pairs=true_pairs,
        false_pairs=false_pairs,
        missed_pairs=event_pairs - true_pairs,
        joined_distractors=tuple(sorted(joined, key=str)),
    )
