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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from .cluster_candidates import WINDOW_SECONDS, TimeIndex
from .event_dates import event_days, implicit, same_day
from .event_text import SQUARE_SCALE, EventTerms, event_terms

ANCHORS = 12  # strongest terms of a story that can make it a candidate pair
EDGE_FLOOR = 0.12  # pairs below this score are not even kept as weak evidence
LINK = 0.4
MEAN_LINK = 0.5
MIN_POWER = 1.0
NAME_PENALTY = 0.15
# Reports of one event cluster in its first day; past a day apart a pair must
# share more to be linked: its score is scaled down to 1 - TIME_DECAY at WINDOW.
DECAY_AFTER_SECONDS = 24 * 3600
TIME_DECAY = 0.2
# Two stories whose leads put their events on different days (event_dates.py) must
# share more to be linked: a firm's second ruling, a team's next match.
OTHER_DAY_FACTOR = 0.6
GUESSED_DAY_FACTOR = 0.8  # the same when a lead names no day (guessed from the time)
EXPLAIN_TERMS = 12
# A previous result is reused only when made by the same method: bump this whenever
# the terms, the scores or the constants change.
METHOD = "same-event/2"


@dataclass(frozen=True)
class StoryInput:
    """What clustering needs to know about one story."""

    key: str  # the story's identity (16 hex digits of its original URL)
    published: datetime  # time-zone aware
    title: str
    paragraphs: tuple[str, ...]
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
    days: tuple[tuple[int, int], ...] = ()  # the lead's days, as spans of POSIX seconds


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
    method: str = field(default="", repr=False)  # METHOD of the code that made it
    _by_id: Mapping[str, Cluster] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_by_id", {c.id: c for c in self.clusters})

    def members(self, key: str) -> tuple[str, ...]:
        """The stories in ``key``'s cluster, the lead first."""
        return self._by_id[self.cluster_of[key]].members

    def by_id(self) -> Mapping[str, Cluster]:
        """Each cluster by its id."""
        return self._by_id


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
        days=event_days(story.title, story.paragraphs, story.published),
    )


def shared_terms(a: EventTerms, b: EventTerms) -> list[tuple[str, float, float]]:
    """(term, its weight in ``a``, in ``b``) for each term both stories have, strongest first."""
    if len(b.weights) < len(a.weights):
        return [(t, wa, wb) for t, wb, wa in shared_terms(b, a)]
    other = b.weights
    return sorted(((t, w, other[t]) for t, w in a.weights.items() if t in other),
                  key=lambda item: (-item[1] * item[2], item[0]))


def similarity(a: EventTerms, b: EventTerms) -> float:
    """How much of each story the other one tells, for the story it tells least of.

    Each story's weights have unit length, so the squared weights of the terms it
    shares with the other are the share of its own text that the other covers.
    Taking the smaller share (and its square root, to read like a cosine) keeps a
    story apart that mentions another event in a sentence: the other event's
    reports cover little of it. A wire copy cut short is wholly covered by the
    full version and covers most of it, so it stays close.
    """
    common = a.terms & b.terms
    if not common:
        return 0.0
    # Squares are integers (SQUARE_SCALE): their sum does not depend on the set's order.
    covered_a = sum(map(a.squares.__getitem__, common))
    covered_b = sum(map(b.squares.__getitem__, common))
    return _combine(covered_a, covered_b)


def _combine(covered_a: int, covered_b: int) -> float:
    low, high = min(covered_a, covered_b), max(covered_a, covered_b)
    return math.sqrt(low ** MIN_POWER * high ** (1 - MIN_POWER) / SQUARE_SCALE)


def time_factor(seconds_apart: float) -> float:
    """1 within a day, falling linearly to ``1 - TIME_DECAY`` at the window's edge."""
    late = max(0.0, abs(seconds_apart) - DECAY_AFTER_SECONDS)
    return 1.0 - TIME_DECAY * min(1.0, late / (WINDOW_SECONDS - DECAY_AFTER_SECONDS))


def day_factor(a: Profile, b: Profile) -> float:
    """``OTHER_DAY_FACTOR`` when the two leads name different days, else 1."""
    if same_day(a.days, b.days) is not False:
        return 1.0
    return GUESSED_DAY_FACTOR if implicit(a.days) or implicit(b.days) else OTHER_DAY_FACTOR


def _unnamed(a: EventTerms, b: EventTerms) -> float:
    """The share of ``a``'s headline names (by squared weight) that ``b`` lacks."""
    if not a.names:
        return 0.0
    total = sum(a.squares[n] for n in a.names)
    return sum(a.squares[n] for n in a.names if n not in b.squares) / total


def name_factor(a: EventTerms, b: EventTerms) -> float:
    """Less when one headline names someone or somewhere the other story never does."""
    return 1.0 - NAME_PENALTY * max(_unnamed(a, b), _unnamed(b, a))


def pair_score(a: Profile, b: Profile) -> float:
    """How strongly two stories look like one event: similarity, less for distant
    times and for leads that name different days."""
    return (similarity(a.terms, b.terms) * time_factor(a.time - b.time) * day_factor(a, b)
            * name_factor(a.terms, b.terms))


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _edges_of(profiles: Mapping[str, Profile], keys: Iterable[str], index: TimeIndex,
              edges: dict[tuple[str, str], float], every: bool = False) -> None:
    """Score the candidate pairs that involve one of ``keys``; keep those >= EDGE_FLOOR.

    With ``every`` (all stories are ``keys``) each pair is found from its earlier
    story only; otherwise a pair of two of ``keys`` is scored from its smaller key.
    """
    keys = set(keys)
    sqrt = math.sqrt
    for key in keys:
        p = profiles[key]
        termset, squares, time, days = p.terms.terms, p.terms.squares, p.time, p.days
        for other in index.near(p, later_only=every):
            if not every and other in keys and other < key:
                continue  # scored from the other side
            q = profiles[other]
            common = termset & q.terms.terms
            if not common:
                continue
            # similarity() and time_factor(), inlined: this loop is the hot path.
            score = _combine(sum(map(squares.__getitem__, common)),
                             sum(map(q.terms.squares.__getitem__, common))) * time_factor(time - q.time)
            if days and q.days and score >= EDGE_FLOOR:
                score *= day_factor(p, q)
            if score >= EDGE_FLOOR:
                score *= name_factor(p.terms, q.terms)
            if score >= EDGE_FLOOR:
                edges[(key, other) if key < other else (other, key)] = score


def _links(profiles: Mapping[str, Profile]) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """The curator's joins and separations between stories that are both present."""
    joins = {_pair(p.key, other) for p in profiles.values() for other in p.same_as
             if other in profiles}
    apart = {_pair(p.key, other) for p in profiles.values() for other in p.apart_from
             if other in profiles}
    return joins - apart, apart  # a pair both joined and kept apart stays apart


def _strong(edges: Mapping[tuple[str, str], float]) -> list[tuple[str, str]]:
    """The pairs that can join two clusters: a cluster never reaches past them, so the
    parts they connect are clustered on their own (the weaker pairs still count in
    the mean link of two clusters inside a part)."""
    return [pair for pair, score in edges.items() if score >= LINK]


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
                 joins: Mapping[str, set[str]], apart: set[tuple[str, str]]) -> list[list[str]]:
    """Clusters of one connected part: curator joins, then strongest pairs first.

    Clusters are numbered; ``between[a][b]`` is the sum of the scores of all pairs
    across clusters ``a`` and ``b``, kept up to date on each merge, so the mean
    link of two clusters costs one look-up. Every step runs in a fixed order (sorted
    keys, sorted pairs), so the same part always gives the same clusters.
    """
    part = sorted(part)
    cluster_of = {key: number for number, key in enumerate(part)}
    members = {number: [key] for number, key in enumerate(part)}
    between: dict[int, dict[int, float]] = {number: {} for number in members}
    for key in part:
        mine = between[cluster_of[key]]
        for other, score in adjacent.get(key, {}).items():  # in the edges' sorted order
            if other in cluster_of:
                mine[cluster_of[other]] = score

    def kept_apart(a: int, b: int) -> bool:
        return bool(apart) and any(_pair(x, y) in apart for x in members[a] for y in members[b])

    def merge(a: int, b: int) -> None:
        a, b = min(a, b), max(a, b)
        for key in members[b]:
            cluster_of[key] = a
        members[a] += members.pop(b)
        gone, kept = between.pop(b), between[a]
        kept.pop(b, None)
        gone.pop(a, None)
        for other, score in sorted(gone.items()):
            kept[other] = kept.get(other, 0.0) + score
            theirs = between[other]
            del theirs[b]
            theirs[a] = theirs.get(a, 0.0) + score

    for x, y in sorted({_pair(key, other) for key in part for other in joins.get(key, ())}):
        a, b = cluster_of[x], cluster_of[y]
        if a != b and not kept_apart(a, b):
            merge(a, b)
    ranked = sorted((-score, x, y) for x in part for y, score in adjacent.get(x, {}).items()
                    if x < y and score >= LINK)
    for _, x, y in ranked:
        a, b = cluster_of[x], cluster_of[y]
        if a == b or kept_apart(a, b):
            continue
        if between[a].get(b, 0.0) / (len(members[a]) * len(members[b])) >= MEAN_LINK:
            merge(a, b)
    return list(members.values())


def _make_cluster(keys: Iterable[str], profiles: Mapping[str, Profile]) -> Cluster:
    members = tuple(sorted(keys, key=lambda k: (profiles[k].time, k)))
    return Cluster(id=members[0], lead=members[0], members=members)


def _result(clusters: Iterable[Cluster], profiles: Mapping[str, Profile],
            edges: Mapping[tuple[str, str], float]) -> Clustering:
    ordered = tuple(sorted(clusters, key=lambda c: c.id))
    cluster_of = {key: c.id for c in ordered for key in c.members}
    return Clustering(ordered, dict(sorted(cluster_of.items())), profiles, edges, METHOD)


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
    index = TimeIndex(profiles.values())
    edges: dict[tuple[str, str], float] = {}
    _edges_of(profiles, profiles, index, edges, every=True)
    edges = dict(sorted(edges.items()))  # one order for everything that follows
    joins, apart = _links(profiles)
    graph = _neighbours([*_strong(edges), *joins])
    clusters = _cluster_parts(_components(profiles, graph), profiles, edges, joins, apart)
    return _result(clusters, profiles, edges)


def recluster(previous: Clustering, stories: Iterable[StoryInput]) -> Clustering:
    """Cluster ``stories`` (all of them, as now), reusing ``previous`` where nothing changed.

    A story is changed when its input digest differs from the one it had (or it is
    new). The candidates are found again for the changed stories and for the stories
    near them in time that share an anchor term with one (the anchor cap counts
    stories in the window); only the connected parts of the old and the new graph
    that hold one of those are clustered again. The result is equal to
    ``cluster(stories)``, which a test holds.
    """
    stories = _unique(stories)
    if previous.method != METHOD:
        return cluster(stories)
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
    index = TimeIndex(profiles.values())
    gone = [old[key] for key in [*changed, *removed] if key in old]
    # Stories now present that share an anchor with a changed story, old or new
    # version, within the window: their anchor counts may have changed.
    near = index.affected_by([*gone, *(profiles[key] for key in changed)])
    redo = (set(changed) | near) & profiles.keys()  # stories whose candidates are found again
    touched = redo | set(removed)
    old_joins, _ = _links(old)
    dirty = _reach(_neighbours([*_strong(previous.edges), *old_joins]), touched)
    edges = {pair: score for pair, score in previous.edges.items()
             if pair[0] not in touched and pair[1] not in touched}
    _edges_of(profiles, redo, index, edges)
    edges = dict(sorted(edges.items()))
    joins, apart = _links(profiles)
    graph = _neighbours([*_strong(edges), *joins])
    dirty = _reach(graph, (dirty | redo) & profiles.keys())
    kept_clusters = [c for c in previous.clusters
                     if not any(key in dirty or key in touched for key in c.members)]
    fresh = _cluster_parts(_components(dirty, graph), profiles, edges, joins, apart)
    return _result([*kept_clusters, *fresh], profiles, edges)
