"""Related stories, chosen by what their text shares (``enrich/`` stage).

Pure module (no Pelican import). The clustering already scores every pair of stories
close in time that share a distinctive term (``clusters.Clustering.edges``: names,
rare words and numbers, weighed by rarity; see docs/clusters.md). Two stories of
*different* events that still share much are what a reader calls related: another
ruling against the same firm, the same team's last match, a breach at another
company the same week. So a story's related stories are its strongest pairs that:

- were published before it (its background; ties broken by key): a story's related
  stories are then fixed once it is published, and a day's new stories change no
  older story page (a static host uploads only what changed; docs/rebuilding.md);

- score at least ``RELATED_FLOOR`` (below it, a pair shares a word or two by chance);
- are not in its own cluster (those are the same event: "Also covered by");
- score under ``clusters.LINK``, unless the curator kept the two apart: a pair that
  strong in another cluster is most likely a copy of the same event that the
  clustering left apart, which a reader should not be sent to as something else;
- come from different clusters: another event is linked once, by its story that
  shares most with this one.

``RELATED_FLOOR`` was measured on the development set (tests/data/same_event/): of
the pairs of different events that the clustering scores, those of an event and a
story written to be near it ("near" in ``expected.json``) score 0.15 to 0.66, with
nine in ten at 0.2 or more; unrelated events within the time window score 0.12 to
0.24, five in six under 0.2 (tests/test_related_text.py prints the figures).
"""

from __future__ import annotations

from collections.abc import Mapping

from .clusters import LINK, Clustering

RELATED_LIMIT = 3
RELATED_FLOOR = 0.2


def _kept_apart(clustering: Clustering, a: str, b: str) -> bool:
    facts = clustering.facts()
    return b in facts[a].apart_from or a in facts[b].apart_from


def related_after(previous: Clustering | None, clustering: Clustering,
                  limit: int = RELATED_LIMIT,
                  floor: float = RELATED_FLOOR) -> Mapping[str, tuple[str, ...]]:
    """``related_by_text(clustering)``, worked out again only for the stories it can
    differ for from ``previous.related``, when ``clustering`` is an update of
    ``previous``. A story's related stories are made of its pairs, its cluster, its
    partners' clusters, their times and the curator's links: an update names the
    stories whose pairs, cluster, times or links may have changed (``near_change``:
    a cluster kept is the same cluster, with the same id), and a story with a pair
    to one of those may see a partner's cluster change; every other story's are as
    they were. ``tests/test_cluster_update.py`` holds that the result equals
    ``related_by_text`` over random days."""
    kept = previous.related if previous is not None else None
    if kept is not None and clustering is previous:
        return kept
    near = clustering.near_change
    if kept is None or near is None:
        return related_by_text(clustering, limit, floor)
    again = set(near)
    for a, b in clustering.edges:
        if a in near or b in near:
            again.add(a)
            again.add(b)
    pairs = [(pair, score) for pair, score in clustering.edges.items()
             if pair[0] in again or pair[1] in again]
    found = {key: chosen for key, chosen in kept.items() if key not in again}
    found.update(related_by_text(clustering, limit, floor, pairs, again))
    return dict(sorted(found.items()))


def related_by_text(clustering: Clustering, limit: int = RELATED_LIMIT,
                    floor: float = RELATED_FLOOR, pairs=None,
                    only: set[str] | None = None) -> Mapping[str, tuple[str, ...]]:
    """Each story's related stories (keys), strongest first; stories without any are
    left out. ``pairs``: the pair scores to read (all by default); ``only``: the
    stories to work out (the later story of each pair; all by default)."""
    candidates: dict[str, list[tuple[float, str]]] = {}
    cluster_of = clustering.cluster_of
    profiles = clustering.facts()  # times: no story's whole profile is made
    # Every pair is read once (one pass a pair: at 30,000 synthetic stories, 27 a
    # story): the look-ups are bound once, and a strong pair is looked up for the
    # curator's "Not same event as:" only when some story has one.
    cluster_get, found = cluster_of.get, candidates.setdefault
    any_apart = any(facts.apart_from for facts in profiles.values())
    for (a, b), score in clustering.edges.items() if pairs is None else pairs:
        if score < floor:
            continue
        event_a, event_b = cluster_get(a), cluster_get(b)
        if event_a is None or event_b is None or event_a == event_b:
            continue
        if score >= LINK and not (any_apart and _kept_apart(clustering, a, b)):
            continue
        time_a, time_b = profiles[a].time, profiles[b].time
        if time_a > time_b or (time_a == time_b and a > b):  # only the later one links
            a, b = b, a
        if only is not None and b not in only:
            continue
        found(b, []).append((-score, a))
    result: dict[str, tuple[str, ...]] = {}
    for key in sorted(candidates):
        chosen: list[str] = []
        events: set[str] = set()
        for _, other in sorted(candidates[key]):
            if cluster_of[other] in events:
                continue
            events.add(cluster_of[other])
            chosen.append(other)
            if len(chosen) == limit:
                break
        result[key] = tuple(chosen)
    return result
