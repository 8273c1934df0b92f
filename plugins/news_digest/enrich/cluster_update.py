"""Merge again only the clusters a change can reach (``enrich/`` stage).

Pure module (no Pelican import), used by ``clusters.recluster``. Clustering merges
clusters one pair at a time (``cluster_merge.agglomerate``), in one order (each
merge's ``merge_key``), and each decision reads only the two clusters it is about:
their members, the scores of the pairs across them, the days their leads name, the
curator's links between them. So a merge an update would decide differently from
the previous build is one about a cluster the change reached; everything else
happens as it did, and is read off the previous build's record of its merges.

The proof, as the code follows it: both runs, the previous build's (``old``) and
this one's, are walked together in merge order. A story is *tainted* once its
cluster may differ between them. At the start every story is alone, and the
tainted stories are the new, changed and removed ones and those whose pairs were
scored again: every pair score that changed is one of theirs. A cluster of
untainted stories is the same cluster in both runs, and everything a decision about
two such clusters reads (their members, the scores of the pairs between them, their
leads' days, the curator's links) is the same, so it is decided the same way: that
merge is the previous build's (read off its record). A decision about a tainted
cluster is made here, as ``agglomerate`` makes it; when either run merges a tainted
cluster with an untainted one, the latter is tainted from then on (in both runs: it
was the same cluster in both until then). So every cluster, in either run, is
wholly tainted or wholly not, and at the end an untainted story's cluster is the
previous build's. Sums of scores are exact (``cluster_merge.exact``), so a mean does
not depend on the order of the merges that made the clusters.
``tests/test_cluster_update.py`` holds that an update equals clustering from
scratch, merge for merge, over random sequences of days on one connected part.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Container, Iterable, Mapping, Sequence

from .cluster_merge import (
    DAYS_FIRST,
    JOIN,
    RANKED,
    brief_mean,
    exact,
    mean_of,
    merge_key,
    pair_of,
)


def reagglomerate(old_log: Sequence[tuple], tainted: Iterable[str], present: Container[str],
                  adjacent: Mapping[str, Mapping[str, float]],
                  joined: Mapping[str, set[str]], apart: set[tuple[str, str]],
                  link: float, mean_link: float, loose_mean_link: float | None,
                  other_days: Callable[[str, str], bool],
                  brief: Callable[[str], bool]) -> tuple[list, list, set[str]]:
    """(the clusters made again, every merge of this run in order, the stories tainted:
    the previous clusters holding none of them are kept).

    ``old_log``: the previous build's merges (``merge_key`` each, in order);
    ``tainted``: the stories to start from (see the
    module's docstring: a larger set gives the same result, with more work);
    ``present``: every story now; the rest as ``agglomerate`` takes them, for the
    stories now (``adjacent``: every pair score, both ways)."""
    tainted = set(tainted)
    old_of: dict[str, list[str]] = {}  # the previous run, replayed up to now
    new_of: dict[str, list[str]] = {}  # this run's cluster of each tainted story now
    events: list[tuple] = []  # this run's merges to decide: of tainted stories
    queued: set[tuple] = set()
    made: list[tuple] = []
    kept_log: list[tuple] = []

    def old_cluster(key: str) -> list[str]:
        return old_of.get(key) or [key]

    def taint(keys: list[str], after: tuple | None) -> None:
        """``keys``, one cluster in both runs until ``after``, is tainted from then."""
        tainted.update(keys)
        here = [key for key in keys if key in present]
        for key in here:
            new_of[key] = here
        for key in here:
            tries = [merge_key(JOIN, 0.0, *pair_of(key, other)) for other in joined.get(key, ())]
            tries += [merge_key(RANKED, score, *pair, bool(DAYS_FIRST and other_days(*pair)))
                      for other, score in adjacent.get(key, {}).items() if score >= link
                      for pair in (pair_of(key, other),)]
            for found in tries:
                if (after is None or found > after) and found not in queued:
                    queued.add(found)
                    heapq.heappush(events, found)

    def cluster_now(key: str) -> list[str]:
        return new_of[key] if key in tainted else old_cluster(key)

    def kept_apart(one: list[str], other: list[str]) -> bool:
        return bool(apart) and any(pair_of(x, y) in apart for x in one for y in other)

    def close(mean: float, one: list[str], other: list[str]) -> bool:
        return mean >= mean_link or (
            loose_mean_link is not None and mean >= loose_mean_link
            and not any(other_days(x, y) for x in one for y in other))

    def between(one: list[str], other: list[str]) -> int:
        theirs = set(other)
        total = 0
        for key in one:
            scores = adjacent.get(key, {})
            if len(scores) <= len(theirs):
                total += sum(exact(score) for y, score in scores.items() if y in theirs)
            else:
                total += sum(exact(scores[y]) for y in theirs if y in scores)
        return total

    def decide(found: tuple) -> None:
        kind, x, y = found[0], found[-2], found[-1]
        one, other = cluster_now(x), cluster_now(y)
        if one is other or kept_apart(one, other):
            return
        if kind == RANKED:
            mean = mean_of(between(one, other), len(one) * len(other))
            if not close(mean, one, other):
                mean = brief_mean(one, other, adjacent, brief)
                if mean is None or not close(mean, one, other):
                    return
        for key, side in ((x, one), (y, other)):
            if key not in tainted:
                taint(side, found)
        joined_up = new_of[x] + new_of[y]
        for key in joined_up:
            new_of[key] = joined_up
        made.append(found)

    for key in sorted(tainted):  # every story alone at the start
        taint([key], None)
    for entry in old_log:
        while events and events[0] < entry:
            decide(heapq.heappop(events))
        x, y = entry[-2], entry[-1]
        if x not in tainted and y not in tainted:
            kept_log.append(entry)  # decided as before
        else:
            for key in (x, y):
                if key not in tainted:
                    taint(list(old_cluster(key)), entry)
        joined_up = old_cluster(x) + old_cluster(y)
        for key in joined_up:
            old_of[key] = joined_up
    while events:
        decide(heapq.heappop(events))
    again = list({id(members): members for members in new_of.values()}.values())
    return again, sorted([*kept_log, *made]), tainted
