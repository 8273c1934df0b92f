"""A clustering kept between builds, as plain JSON-ready values.

Pure module (enrich stage). ``to_plain`` gives what a build keeps for the next one;
``from_plain`` reads it back for ``clusters.recluster``. A result of another
``clusters.METHOD`` is not reused by ``recluster``.
"""

from __future__ import annotations

from collections.abc import Mapping

from .clusters import Clustering, Profile, _make_cluster, _result
from .event_text import EventTerms


def to_plain(clustering: Clustering) -> dict:
    """The clustering as JSON-ready values, for a build to keep for the next one.

    A story's terms and weights are two lists in the order its terms were made, not
    a list of pairs: at 10,000 stories that list of pairs alone was 30 MB more at
    the end of a build, when its memory peaks."""
    return {
        "method": clustering.method,
        "profiles": [[p.key, p.time, p.digest, list(p.anchors), p.terms.norm,
                      *p.terms.plain(), list(p.same_as), list(p.apart_from),
                      [list(span) for span in p.days], sorted(p.terms.names)]
                     for _, p in sorted(clustering.profiles.items())],
        "edges": [[a, b, score] for (a, b), score in clustering.edges.items()],
        "clusters": [list(c.members) for c in clustering.clusters],
    }


def from_plain(data: Mapping) -> Clustering:
    """``to_plain``'s values back; a result of another method version is not reused."""
    profiles = {key: Profile(key, time, EventTerms(dict(zip(terms, weights, strict=True)), norm,
                                                   names=frozenset(names)),
                             tuple(anchors), digest, tuple(same_as), tuple(apart_from),
                             tuple(tuple(span) for span in days))
                for key, time, digest, anchors, norm, terms, weights, same_as, apart_from,
                days, names in data["profiles"]}
    edges = {(a, b): score for a, b, score in data["edges"]}
    result = _result([_make_cluster(members, profiles) for members in data["clusters"]],
                     profiles, edges)
    return Clustering(result.clusters, result.cluster_of, profiles, edges,
                      method=data.get("method", ""))
