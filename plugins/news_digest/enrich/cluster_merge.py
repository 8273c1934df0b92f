"""Clusters of stories from their scored pairs (``enrich/`` stage).

Pure module (no Pelican import), used by ``clusters.py``: the graph of strong pairs,
its connected parts, and the greedy merging inside a part (strongest pair first,
guarded by the mean score over all the pairs of two clusters, and by the days their
leads name; a brief, or a story that tells an aftermath, joining a cluster alone is
judged by the pairs it was scored on).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

# The scores are summed exactly, as integers: a pair's score times ``SCALE`` (a score
# of at least 2**-11, which every kept pair has, is a whole number there). A sum of
# floating-point numbers depends on the order it is made in, and the order of the
# merges is not the same when an update re-clusters only what changed
# (``cluster_update.py``) as when everything is clustered: an exact sum is.
SCALE = 2 ** 64
DAYS_FIRST = True  # pairs whose leads name one day are merged before the others
JOIN, RANKED = 0, 1  # a merge's kind, first in its key (``merge_key``)


def exact(score: float) -> int:
    """``score`` times ``SCALE``, exactly."""
    scaled = score * SCALE
    if not scaled.is_integer():
        raise ValueError(f"a pair score too small to be summed exactly: {score!r}")
    return int(scaled)


def mean_of(total: int, count: int) -> float:
    """The mean of ``count`` scores summing to ``total`` (``exact`` units), correctly
    rounded (integer division in Python rounds once)."""
    return total / (SCALE * count)


def merge_key(kind: int, score: float, x: str, y: str, later: bool = False) -> tuple:
    """When a merge through the pair ``x < y`` is tried: the curator's joins first, by
    pair, then the strong pairs whose leads name one day, strongest first, then those
    whose leads name different days (``later``, when ``DAYS_FIRST``), strongest first.
    Merges of one clustering are made in this order (``agglomerate``), and a record of
    them (``log``) in it too."""
    return (kind, later, -score, x, y)


def pair_of(a: str, b: str) -> tuple[str, str]:
    """The pair of two keys in one order: the smaller first."""
    return (a, b) if a < b else (b, a)


def neighbours(edges: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set()).add(a)
    return graph


def reach(graph: Mapping[str, set[str]], starts: Iterable[str]) -> set[str]:
    seen = set(starts)
    todo = list(seen)
    while todo:
        for other in graph.get(todo.pop(), ()):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def components(keys: Iterable[str], graph: Mapping[str, set[str]]) -> list[list[str]]:
    done: set[str] = set()
    parts = []
    for key in sorted(keys):
        if key not in done:
            part = reach(graph, [key])
            done |= part
            parts.append(sorted(part))
    return parts


def agglomerate(part: Sequence[str], adjacent: Mapping[str, Mapping[str, float]],
                joins: Mapping[str, set[str]], apart: set[tuple[str, str]],
                link: float, mean_link: float, loose_mean_link: float | None = None,
                other_days: Callable[[str, str], bool] | None = None,
                brief: Callable[[str], bool] | None = None,
                log: list | None = None) -> list[list[str]]:
    """Clusters of one connected part: curator joins, then strongest pairs first.

    Two clusters merge through a pair scoring ``link`` or more when the mean score of
    all their pairs reaches ``mean_link``, or ``loose_mean_link`` when no pair across
    them is two stories whose leads name different days (``other_days``). A story
    alone that is a brief (``brief``: two or three sentences; or a story whose headline
    tells an aftermath, which tells the event's new facts) shares too little with
    some of an event's reports to be scored with them at all: its mean is taken over
    the pairs it has (``brief_mean``), when it has them with half the cluster or more.

    Clusters are numbered; ``between[a][b]`` is the sum of the scores of all pairs
    across clusters ``a`` and ``b``, kept up to date on each merge, so the mean
    link of two clusters costs one look-up. Every step runs in a fixed order (sorted
    keys, sorted pairs), so the same part always gives the same clusters; sums of
    scores are exact (``exact``), so they do not depend on the order of the merges,
    nor on which of two merged clusters keeps its number (the one with more
    neighbours: a merge then costs the smaller row, not a hub's again and again).
    ``log``: each merge made is appended to it, as its ``merge_key``.
    """
    part = sorted(part)
    cluster_of = {key: number for number, key in enumerate(part)}
    members = {number: [key] for number, key in enumerate(part)}
    between: dict[int, dict[int, int]] = {number: {} for number in members}
    for key in part:
        mine = between[cluster_of[key]]
        for other, score in adjacent.get(key, {}).items():
            if other in cluster_of:
                scaled = score * SCALE  # exact(score), written out: twice a pair
                if not scaled.is_integer():
                    exact(score)  # raises
                mine[cluster_of[other]] = int(scaled)

    def kept_apart(a: int, b: int) -> bool:
        return bool(apart) and any(pair_of(x, y) in apart for x in members[a] for y in members[b])

    def merge(a: int, b: int) -> None:
        if len(between[a]) < len(between[b]):  # ``b``'s row is walked: the shorter
            a, b = b, a
        for key in members[b]:
            cluster_of[key] = a
        members[a] += members.pop(b)
        gone, kept = between.pop(b), between[a]
        kept.pop(b, None)
        gone.pop(a, None)
        for other, score in gone.items():  # sums of integers: any order
            kept[other] = kept.get(other, 0) + score
            theirs = between[other]
            del theirs[b]
            theirs[a] = theirs.get(a, 0) + score

    def close(mean: float, a: int, b: int) -> bool:
        return mean >= mean_link or (
            loose_mean_link is not None and mean >= loose_mean_link
            and not any(other_days(x, y) for x in members[a] for y in members[b]))

    for x, y in sorted({pair_of(key, other) for key in part for other in joins.get(key, ())}):
        a, b = cluster_of[x], cluster_of[y]
        if a != b and not kept_apart(a, b):
            merge(a, b)
            if log is not None:
                log.append(merge_key(JOIN, 0.0, x, y))

    # The pairs of one day first (``DAYS_FIRST``): an event's reports of its day make
    # its cluster before a follow-up of a later day joins it, so that the follow-up is
    # judged by its mean over them all, not a report by its mean with the follow-up.
    later = other_days if DAYS_FIRST and other_days is not None else None
    ranked = sorted(merge_key(RANKED, score, x, y, bool(later and later(x, y)))
                    for x in part for y, score in adjacent.get(x, {}).items()
                    if x < y and score >= link)
    for found in ranked:
        x, y = found[-2], found[-1]
        a, b = cluster_of[x], cluster_of[y]
        if a == b or kept_apart(a, b):
            continue
        mean = mean_of(between[a].get(b, 0), len(members[a]) * len(members[b]))
        if not close(mean, a, b):
            mean = brief_mean(members[a], members[b], adjacent, brief) if brief else None
            if mean is None or not close(mean, a, b):
                continue
        merge(a, b)
        if log is not None:
            log.append(found)
    return list(members.values())


def brief_mean(one: Sequence[str], other: Sequence[str],
               adjacent: Mapping[str, Mapping[str, float]],
               brief: Callable[[str], bool]) -> float | None:
    """The mean score of a brief alone (either side) over the stories of the other
    cluster it was scored with, when those are half of them or more; else ``None``.

    A brief of the ferry fire (two sentences: the ship, the dead, the rescued) scores
    0.60 with the wire story and nothing with the survivors' accounts, which tell what
    it leaves out; counting that missing pair as 0 kept it out of its event."""
    if len(one) != 1:
        one, other = other, one
    if len(one) != 1 or not brief(one[0]):
        return None
    scores = adjacent.get(one[0], {})
    found = [scores[key] for key in other if key in scores]
    if 2 * len(found) < len(other):
        return None
    return mean_of(sum(map(exact, found)), len(found))
