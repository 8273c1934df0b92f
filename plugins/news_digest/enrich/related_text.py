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


def related_by_text(clustering: Clustering, limit: int = RELATED_LIMIT,
                    floor: float = RELATED_FLOOR) -> Mapping[str, tuple[str, ...]]:
    """Each story's related stories (keys), strongest first; stories without any are
    left out."""
    candidates: dict[str, list[tuple[float, str]]] = {}
    cluster_of = clustering.cluster_of
    profiles = clustering.facts()  # times: no story's whole profile is made
    for (a, b), score in clustering.edges.items():
        if score < floor or cluster_of.get(a) is None or cluster_of.get(b) is None:
            continue
        if cluster_of[a] == cluster_of[b]:
            continue
        if score >= LINK and not _kept_apart(clustering, a, b):
            continue
        if (profiles[a].time, a) > (profiles[b].time, b):  # only the later one links
            a, b = b, a
        candidates.setdefault(b, []).append((-score, a))
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
