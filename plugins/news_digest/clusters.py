"""Same story, many outlets: group the stories that report one event (``enrich/`` stage).

Pure module (no Pelican import). See docs/clusters.md for the rule and the method.

* Each story becomes a ``Profile``: its distinctive terms (``event_text.py``), its
  time, and the curator's ``Same event as:`` / ``Not same event as:`` links.
* Candidate pairs are stories within ``WINDOW`` of each other that share one of
  their ``ANCHORS`` strongest terms (an inverted index per term, walked in time
  order), so the cost grows with the stories and their neighbours in time, not
  with every pair. A pair's score is the cosine of the two stories' term weights.
* Pairs scoring at least ``EDGE_FLOOR`` are the edges of a graph. In each connected
  part, clusters are merged greedily, strongest pair first: two clusters join when
  their best pair scores ``LINK`` or more and the mean over all their pairs
  (missing pairs count 0) reaches ``MEAN_LINK``, so one bridging story cannot chain
  two events together. Curator links are applied first (joins) and always (apart).
* A cluster's id is its lead's key (the earliest story, the key breaking ties), so
  it does not change when unrelated stories are added or removed.

``cluster(stories)`` clusters from scratch; ``recluster(previous, stories)`` reuses
the previous result and recomputes only the connected parts that a changed, added
or removed story touches; both give the same result (a test holds it).
"""

from __future__ import annotations

import hashlib
import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from .event_text import EventTerms, event_terms

WINDOW_SECONDS = 4 * 24 * 3600  # "up to three days apart", plus a missing time zone
ANCHORS = 12  # strongest terms of a story that can make it a candidate pair
EDGE_FLOOR = 0.12  # pairs below this score are not even kept as weak evidence
LINK = 0.25
MEAN_LINK = 0.25
SUBJECT_DISCOUNT = 0.5
# Reports of one event cluster in its first day; past a day apart a pair must
# share more to be linked: its score is scaled down to 1 - TIME_DECAY at WINDOW.
DECAY_AFTER_SECONDS = 24 * 3600
TIME_DECAY = 0.5
EXPLAIN_TERMS = 12


@dataclass(frozen=True)
class StoryInput:
    """What clustering needs to know about one story."""

    key: str  # the story's identity (16 hex digits of its original URL)
    published: datetime  # time-zone aware
    title: str
    paragraphs: tuple[str, ...]
    name: str = ""  # the seed's file name, which a curator's link may give instead of a URL
    same_as: tuple[str, ...] = ()  # keys the curator joined this story to (resolved)
    apart_from: tuple[str, ...] = ()  # keys the curator kept it apart from (resolved)


@dataclass(frozen=True)
class Profile:
    """A story as clustering sees it; ``digest`` changes whenever its input does."""

    key: str
    time: float  # POSIX seconds
    terms: EventTerms
    anchors: tuple[str, ...]
    digest: str
    same_as: tuple[str, ...] = ()
    apart_from: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cluster:
    id: str  # the lead's key
    lead: str  # the earliest story
    members: tuple[str, ...]  # in time order, the lead first


@dataclass(frozen=True)
class Clustering:
    """The result: clusters, each story's cluster id, and what an update reuses."""

    clusters: tuple[Cluster, ...]  # by id
    cluster_of: Mapping[str, str]  # story key -> cluster id
    profiles: Mapping[str, Profile] = field(repr=False)
    edges: Mapping[tuple[str, str], float] = field(repr=False)  # (a, b) with a < b

    def members(self, key: str) -> tuple[str, ...]:
        """The stories in ``key``'s cluster, the lead first."""
        return self.by_id()[self.cluster_of[key]].members

    def by_id(self) -> dict[str, Cluster]:
        return {c.id: c for c in self.clusters}


def input_digest(story: StoryInput) -> str:
    """A hash of everything clustering reads from a story."""
    h = hashlib.sha256()
    for part in (story.key, story.published.isoformat(), story.title, *story.paragraphs,
                 "\x00", *story.same_as, "\x00", *story.apart_from):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:24]


def profile(story: StoryInput) -> Profile:
    terms = event_terms(story.title, story.paragraphs)
    return Profile(
        key=story.key,
        time=story.published.astimezone(UTC).timestamp(),
        terms=terms,
        anchors=terms.strongest(ANCHORS),
        digest=input_digest(story),
        same_as=tuple(sorted(set(story.same_as) - {story.key})),
        apart_from=tuple(sorted(set(story.apart_from) - {story.key})),
    )


def shared_terms(a: EventTerms, b: EventTerms) -> list[tuple[float, str]]:
    """(share of the cosine, term) for each term two stories share, strongest first."""
    if len(b.weights) < len(a.weights):
        a, b = b, a
    other = b.weights
    return sorted(((w * other[t], t) for t, w in a.weights.items() if t in other),
                  key=lambda item: (-item[0], item[1]))


def similarity(a: EventTerms, b: EventTerms) -> float:
    """The cosine of two stories' term weights with the strongest shared term counted at
    ``1 - SUBJECT_DISCOUNT``: sharing only a subject (a firm, a player) is not enough."""
    shared = shared_terms(a, b)
    if not shared:
        return 0.0
    return math.fsum(part for part, _ in shared) - SUBJECT_DISCOUNT * shared[0][0]


def time_factor(seconds_apart: float) -> float:
    """1 within a day, falling linearly to ``1 - TIME_DECAY`` at the window's edge."""
    late = max(0.0, abs(seconds_apart) - DECAY_AFTER_SECONDS)
    return 1.0 - TIME_DECAY * min(1.0, late / (WINDOW_SECONDS - DECAY_AFTER_SECONDS))


def pair_score(a: Profile, b: Profile) -> float:
    """How strongly two stories look like one event: similarity, less for distant times."""
    return similarity(a.terms, b.terms) * time_factor(a.time - b.time)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


class _TimeIndex:
    """Stories per anchor term, in time order: the candidates of a story are found here."""

    def __init__(self, profiles: Iterable[Profile]):
        postings: dict[str, list[tuple[float, str]]] = {}
        for p in profiles:
            for term in p.anchors:
                postings.setdefault(term, []).append((p.time, p.key))
        for entries in postings.values():
            entries.sort()
        self.postings = postings

    def near(self, p: Profile) -> set[str]:
        """Keys sharing an anchor with ``p`` within the window (``p`` itself excluded)."""
        found: set[str] = set()
        low, high = (p.time - WINDOW_SECONDS, ""), (p.time + WINDOW_SECONDS, "\uffff")
        for term in p.anchors:
            entries = self.postings.get(term, ())
            found.update(key for _, key in entries[bisect_left(entries, low):
                                                   bisect_right(entries, high)])
        found.discard(p.key)
        return found


def _edges_of(profiles: Mapping[str, Profile], keys: Iterable[str], index: _TimeIndex,
              edges: dict[tuple[str, str], float]) -> None:
    """Score every candidate pair that involves one of ``keys``; keep those >= EDGE_FLOOR."""
    for key in keys:
        p = profiles[key]
        for other in index.near(p):
            pair = _pair(key, other)
            if pair in edges:
                continue
            score = pair_score(p, profiles[other])
            if score >= EDGE_FLOOR:
                edges[pair] = score


def _links(profiles: Mapping[str, Profile]) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """The curator's joins and separations between stories that are both present."""
    joins = {_pair(p.key, other) for p in profiles.values() for other in p.same_as
             if other in profiles}
    apart = {_pair(p.key, other) for p in profiles.values() for other in p.apart_from
             if other in profiles}
    return joins - apart, apart  # a pair both joined and kept apart stays apart


def _neighbours(edges: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set()).add(a)
    return graph


def _reach(graph: Mapping[str, set[str]], starts: Iterable[str]) -> set[str]:
    seen = set(starts)
    todo = list(seen)
    while todo:
        for other in graph.get(todo.pop(), ()):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def _components(keys: Iterable[str], graph: Mapping[str, set[str]]) -> list[list[str]]:
    done: set[str] = set()
    parts = []
    for key in sorted(keys):
        if key not in done:
            part = _reach(graph, [key])
            done |= part
            parts.append(sorted(part))
    return parts


def _agglomerate(part: Sequence[str], adjacent: Mapping[str, Mapping[str, float]],
                 joins: Mapping[str, set[str]], apart: set[tuple[str, str]]) -> list[set[str]]:
    """Clusters of one connected part: curator joins, then strongest pairs first."""
    cluster_of = {key: frozenset([key]) for key in part}

    def merge(a: frozenset, b: frozenset) -> None:
        merged = a | b
        for key in merged:
            cluster_of[key] = merged

    def kept_apart(a: frozenset, b: frozenset) -> bool:
        return bool(apart) and any(_pair(x, y) in apart for x in a for y in b)

    for x, y in sorted({_pair(x, y) for x in part for y in joins.get(x, ())}):
        if cluster_of[x] is not cluster_of[y] and not kept_apart(cluster_of[x], cluster_of[y]):
            merge(cluster_of[x], cluster_of[y])
    ranked = sorted((-score, x, y) for x in part for y, score in adjacent.get(x, {}).items()
                    if x < y and score >= LINK)
    for _, x, y in ranked:
        a, b = cluster_of[x], cluster_of[y]
        if a is b or kept_apart(a, b):
            continue
        total = sum(adjacent.get(u, {}).get(v, 0.0) for u in a for v in b)
        if total / (len(a) * len(b)) >= MEAN_LINK:
            merge(a, b)
    return [set(c) for c in {id(c): c for c in cluster_of.values()}.values()]


def _make_cluster(keys: Iterable[str], profiles: Mapping[str, Profile]) -> Cluster:
    members = tuple(sorted(keys, key=lambda k: (profiles[k].time, k)))
    return Cluster(id=members[0], lead=members[0], members=members)


def _result(clusters: Iterable[Cluster], profiles: Mapping[str, Profile],
            edges: Mapping[tuple[str, str], float]) -> Clustering:
    ordered = tuple(sorted(clusters, key=lambda c: c.id))
    cluster_of = {key: c.id for c in ordered for key in c.members}
    return Clustering(ordered, dict(sorted(cluster_of.items())), profiles,
                      dict(sorted(edges.items())))


def _cluster_parts(parts: Iterable[Sequence[str]], profiles: Mapping[str, Profile],
                   edges: Mapping[tuple[str, str], float], joins: set[tuple[str, str]],
                   apart: set[tuple[str, str]]) -> list[Cluster]:
    adjacent: dict[str, dict[str, float]] = {}
    for (a, b), score in edges.items():
        adjacent.setdefault(a, {})[b] = score
        adjacent.setdefault(b, {})[a] = score
    joined = _neighbours(joins)
    found = []
    for part in parts:
        for keys in _agglomerate(part, adjacent, joined, apart):
            found.append(_make_cluster(keys, profiles))
    return found


def _unique(stories: Iterable[StoryInput]) -> list[StoryInput]:
    stories = list(stories)
    keys = [s.key for s in stories]
    if len(set(keys)) != len(keys):
        twice = sorted({k for k in keys if keys.count(k) > 1})
        raise ValueError(f"stories given twice (same key): {', '.join(twice[:5])}")
    return stories


def cluster(stories: Iterable[StoryInput]) -> Clustering:
    """Cluster ``stories`` from scratch."""
    profiles = {s.key: profile(s) for s in _unique(stories)}
    index = _TimeIndex(profiles.values())
    edges: dict[tuple[str, str], float] = {}
    _edges_of(profiles, sorted(profiles), index, edges)
    joins, apart = _links(profiles)
    graph = _neighbours([*edges, *joins])
    clusters = _cluster_parts(_components(profiles, graph), profiles, edges, joins, apart)
    return _result(clusters, profiles, edges)


def recluster(previous: Clustering, stories: Iterable[StoryInput]) -> Clustering:
    """Cluster ``stories`` (all of them, as now), reusing ``previous`` where nothing changed.

    A story is changed when its input digest differs from the one it had; only the
    connected parts (of the previous graph and of the new one) that hold a changed,
    added or removed story are clustered again. The result is the same as
    ``cluster(stories)``.
    """
    stories = _unique(stories)
    old = previous.profiles
    profiles: dict[str, Profile] = {}
    changed: list[str] = []
    for story in stories:
        kept = old.get(story.key)
        if kept is not None and kept.digest == input_digest(story):
            profiles[story.key] = kept
        else:
            profiles[story.key] = profile(story)
            changed.append(story.key)
    removed = [key for key in old if key not in profiles]
    if not changed and not removed:
        return previous
    touched = set(changed) | set(removed)
    old_joins, _ = _links(old)
    old_graph = _neighbours([*previous.edges, *old_joins])
    dirty = _reach(old_graph, touched)  # the old parts a change reached into
    edges = {pair: score for pair, score in previous.edges.items()
             if pair[0] not in touched and pair[1] not in touched}
    _edges_of(profiles, sorted(changed), _TimeIndex(profiles.values()), edges)
    joins, apart = _links(profiles)
    graph = _neighbours([*edges, *joins])
    dirty = _reach(graph, (dirty | set(changed)) & profiles.keys())
    kept_clusters = [c for c in previous.clusters if not dirty & set(c.members)
                     and not touched & set(c.members)]
    fresh = _cluster_parts(_components(dirty, graph), profiles, edges, joins, apart)
    return _result([*kept_clusters, *fresh], profiles, edges)


@dataclass(frozen=True)
class PairExplanation:
    """Why two stories are, or are not, one event."""

    score: float
    shared: tuple[tuple[str, float], ...]  # (term, its share of the score), strongest first
    hours_apart: float
    candidate: bool  # within the window and sharing an anchor term
    same_cluster: bool
    reason: str


def explain_pair(clustering: Clustering, a: str, b: str) -> PairExplanation:
    """The terms two stories share, their score, and what decided their fate."""
    pa, pb = clustering.profiles[a], clustering.profiles[b]
    shared = sorted(((t, w * pb.terms.weights[t]) for t, w in pa.terms.weights.items()
                     if t in pb.terms.weights), key=lambda item: (-item[1], item[0]))
    factor = time_factor(pa.time - pb.time)
    shared = [(term, part * factor) for term, part in shared]
    score = math.fsum(part for _, part in shared)
    hours = abs(pa.time - pb.time) / 3600
    candidate = hours * 3600 <= WINDOW_SECONDS and bool(set(pa.anchors) & set(pb.anchors))
    same = clustering.cluster_of[a] == clustering.cluster_of[b]
    pair = _pair(a, b)
    joins, apart = _links(clustering.profiles)
    if pair in apart:
        reason = "kept apart by the curator (Not same event as:)"
    elif pair in joins:
        reason = "joined by the curator (Same event as:)"
    elif not candidate:
        reason = (f"more than {WINDOW_SECONDS // 3600} hours apart" if hours * 3600 >
                  WINDOW_SECONDS else "no strong term in common")
    elif score >= LINK:
        reason = (f"score {score:.2f} >= {LINK}" + ("" if same else
                  f", but the mean over both clusters' pairs stays below {MEAN_LINK}"
                  " or the curator keeps them apart"))
    else:
        reason = f"score {score:.2f} < {LINK}" + (
            "; in one cluster through other stories" if same else "")
    return PairExplanation(round(score, 4), tuple((t, round(s, 4)) for t, s in
                                                  shared[:EXPLAIN_TERMS]),
                           round(hours, 1), candidate, same, reason)


def near_misses(clustering: Clustering, key: str, limit: int = 3) -> list[tuple[str, float]]:
    """The strongest pairs of ``key`` with stories outside its cluster."""
    mine = clustering.cluster_of[key]
    found = [(b if a == key else a, score) for (a, b), score in clustering.edges.items()
             if key in (a, b) and clustering.cluster_of[b if a == key else a] != mine]
    return sorted(found, key=lambda item: (-item[1], item[0]))[:limit]
