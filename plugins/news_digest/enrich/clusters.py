"""Same story, many outlets: group the stories that report one event (``enrich/`` stage).

Pure module (no Pelican import). See docs/clusters.md for the rule and the method.

* Each story becomes a ``Profile``: its distinctive terms (``event_text.py``), the
  days its lead names (``event_dates.py``), its time, and the curator's
  ``Same event as:`` / ``Not same event as:`` links.
* Candidate pairs are stories within ``WINDOW`` of each other that share one of
  their ``ANCHORS`` strongest terms (``cluster_candidates.py``), so the cost grows
  with the stories and their neighbours in time, not with every pair. A pair's
  score (``cluster_score.py``) is how much of each story the other tells, lowered
  for stories days apart, for leads that name different days (not when both quote
  the same words, ``event_quotes.py``, or their headlines tell the same person doing
  the same thing, ``event_heads.py``) and for a headline name the other story
  never mentions.
* Pairs scoring at least ``EDGE_FLOOR`` are the edges of a graph. In each connected
  part, clusters are merged greedily, strongest pair first (``cluster_merge.py``):
  two clusters join when their best pair scores ``LINK`` or more and the mean over
  all their pairs (missing pairs count 0) reaches ``MEAN_LINK``, so one bridging
  story cannot chain two events together; or ``LOOSE_MEAN_LINK`` when no pair across
  them has leads that name different days. Curator links: first (joins), always (apart).
* A cluster's id is its lead's key (the earliest story, the key breaking ties), so
  it does not change when unrelated stories are added or removed.

``cluster(stories)`` clusters from scratch; ``recluster(previous, stories)`` reuses
the previous result and recomputes only the connected parts that a changed, added
or removed story touches; both give the same result (a test holds it).
"""

from __future__ import annotations

import hashlib
import pickle
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from .cluster_candidates import WINDOW_SECONDS, TimeIndex  # noqa: F401  (interface)
from .cluster_merge import agglomerate, components, neighbours, reach
from .cluster_merge import pair_of as _pair
from .cluster_parallel import map_in_order
from .cluster_profiles import LazyProfiles, facts_view
from .cluster_score import (  # noqa: F401  (part of this module's interface)
    EDGE_FLOOR,
    TIME_DECAY,
    is_brief,
    other_days_named,
    pair_score,
    score_pairs,
    shared_terms,
    similarity,
    time_factor,
)
from .cluster_update import reagglomerate
from .event_dates import event_days
from .event_text import EventTerms, event_terms
from .pair_table import Adjacency, kept_pairs, merged

ANCHORS = 12  # strongest terms of a story that can make it a candidate pair
LINK = 0.5  # two clusters join only through a pair scoring this much or more
MEAN_LINK = 0.48  # and when the mean score over all their pairs reaches this
# or this, when no two stories across them have leads naming different days: real
# outlets' reports of one event (a column, a brief, a text that lost its lead) can
# share little with some of the others, while an event the day before or after
# (a sprint race, the next leg, a neighbour bank's decision) names its own day.
LOOSE_MEAN_LINK = 0.44
EXPLAIN_TERMS = 12
# A previous result is reused only when made by the same method: bump this whenever
# the terms, the scores or the constants change.
METHOD = "same-event/24"
# A story whose headline tells an aftermath (event_verbs.follow_up_act) joining a cluster
# alone is judged as a brief is (cluster_merge.brief_mean): by the stories it was scored
# with. It tells the event's new facts and need not name what each report names.
AFTERMATH_MEAN = True


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
    # every merge made, in order (``cluster_merge.merge_key``; None: not known)
    merges: tuple | None = field(default=None, repr=False, compare=False)
    # an update's: the stories whose pairs, cluster or partners' clusters may have
    # changed (None: any); each story's related stories (``related_text``), once known
    near_change: frozenset | None = field(default=None, repr=False, compare=False)
    related: Mapping | None = field(default=None, repr=False, compare=False)
    _by_id: Mapping[str, Cluster] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_by_id", {c.id: c for c in self.clusters})

    def members(self, key: str) -> tuple[str, ...]:
        """The stories in ``key``'s cluster, the lead first."""
        return self._by_id[self.cluster_of[key]].members

    def by_id(self) -> Mapping[str, Cluster]:
        """Each cluster by its id."""
        return self._by_id

    def facts(self) -> Mapping:
        """Each story's time, digest, curator's links and lead's days
        (``cluster_profiles.Facts``), without making its whole profile."""
        return facts_view(self.profiles)


def input_digest(story: StoryInput) -> str:
    """A hash of everything clustering reads from a story."""
    parts = (story.key, story.published.isoformat(), story.title, *story.paragraphs,
             "\x00", *story.same_as, "\x00", *story.apart_from)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:24]


def text_terms(title: str, paragraphs: Sequence[str], published: datetime) -> tuple:
    """What a profile reads of a story's text: its terms, the lead's days."""
    return event_terms(title, paragraphs), event_days(title, paragraphs, published)


def profile(story: StoryInput, made: bytes | None = None) -> Profile:
    """``made``: the story's ``text_terms`` pickled, where made already."""
    terms, days = (pickle.loads(made) if made  # noqa: S301 - the build's own, in memory
                   else text_terms(story.title, story.paragraphs, story.published))
    return Profile(
        key=story.key,
        time=story.published.astimezone(UTC).timestamp(),
        terms=terms,
        # A headline alone (a headline-only story: no text) is too little to tell one
        # event from another: such a story is never a candidate pair, and joins a
        # cluster only through the curator's Same event as:.
        anchors=terms.strongest(ANCHORS) if story.paragraphs else (),
        digest=input_digest(story),
        same_as=tuple(sorted(set(story.same_as) - {story.key})),
        apart_from=tuple(sorted(set(story.apart_from) - {story.key})),
        days=days,
    )


def _edges_of(profiles: Mapping[str, Profile], keys: Iterable[str], index: TimeIndex,
              edges: dict[tuple[str, str], float], every: bool = False) -> None:
    """Score the candidate pairs that involve one of ``keys``; keep those >= EDGE_FLOOR.

    Each pair of two of ``keys`` is scored from its smaller key; with ``every`` (all
    stories), in key order, partners too: ``edges`` comes out sorted, needing no
    ``_sorted`` after. A pair's score is the same from either story."""
    keys = set(keys)
    for key in sorted(keys):
        p = profiles[key]
        near = index.near(p)
        if every:
            near = sorted(other for other in near if other > key)
        else:
            near = [other for other in near if other not in keys or other > key]
        score_pairs(p, near, profiles, edges)


def _links(profiles: Mapping) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
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


def _make_cluster(keys: Iterable[str], profiles: Mapping) -> Cluster:
    members = tuple(sorted(keys, key=lambda k: (profiles[k].time, k)))
    return Cluster(id=members[0], lead=members[0], members=members)


def _result(clusters: Iterable[Cluster], profiles: Mapping[str, Profile],
            edges: Mapping[tuple[str, str], float], merges: Iterable | None = None,
            near_change: Iterable[str] | None = None) -> Clustering:
    ordered = tuple(sorted(clusters, key=lambda c: c.id))
    cluster_of = {key: c.id for c in ordered for key in c.members}
    return Clustering(ordered, dict(sorted(cluster_of.items())), profiles, edges, METHOD,
                      None if merges is None else tuple(sorted(merges)),
                      None if near_change is None else frozenset(near_change))


def _judged_alone(terms: EventTerms) -> bool:
    """Whether a story joining a cluster alone is judged by its mean over the stories it
    was scored with (``brief_mean``): a brief, or a story whose headline tells an
    aftermath (``AFTERMATH_MEAN``)."""
    return is_brief(terms) or (AFTERMATH_MEAN and terms.follows)


def _cluster_parts(parts: Iterable[Sequence[str]], profiles: Mapping,
                   edges: Mapping[tuple[str, str], float], joins: set[tuple[str, str]],
                   apart: set[tuple[str, str]], whole: Mapping | None = None,
                   log: list | None = None) -> list[Cluster]:
    """``profiles``: each story's ``Facts`` (or ``Profile``): its days and time;
    ``whole``: its ``Profile`` (made only for the merge of a brief or of a story whose
    headline tells an aftermath, ``brief_mean``);
    ``log``: each merge is appended to it (``agglomerate``)."""
    whole = profiles if whole is None else whole
    parts = list(parts)
    inside = {key for part in parts for key in part}
    adjacent: dict[str, dict[str, float]] = {}
    for (a, b), score in edges.items():  # only the pairs the parts hold
        if a in inside:
            adjacent.setdefault(a, {})[b] = score
            adjacent.setdefault(b, {})[a] = score
    joined = neighbours(joins)
    found = []
    for part in parts:
        if len(part) == 1:  # a story alone: its own cluster, nothing to merge
            found.append(_make_cluster(part, profiles))
        else:
            found.extend(_make_cluster(keys, profiles) for keys in agglomerate(
                part, adjacent, joined, apart, LINK, MEAN_LINK, LOOSE_MEAN_LINK,
                lambda x, y: other_days_named(profiles[x], profiles[y]),
                lambda x: _judged_alone(whole[x].terms), log))
    return found


def _sorted(edges: dict[tuple[str, str], float]) -> dict[tuple[str, str], float]:
    """The edges in one order for everything that follows (sorting the pairs alone:
    a list of (pair, score) items would cost 10 MB more at 10,000 stories). ``edges``
    is emptied first: two tables of every pair are never held at once (about 85 MB
    at 100,000 stories)."""
    pairs = sorted(edges)
    scores = [edges[pair] for pair in pairs]
    edges.clear()
    return dict(zip(pairs, scores, strict=True))


def _unique(stories: Iterable[StoryInput]) -> list[StoryInput]:
    stories = list(stories)
    keys = [s.key for s in stories]
    if len(set(keys)) != len(keys):
        twice = sorted({k for k in keys if keys.count(k) > 1})
        raise ValueError(f"stories given twice (same key): {', '.join(twice[:5])}")
    return stories


def cluster(stories: Iterable[StoryInput], made: dict[str, bytes] | None = None) -> Clustering:
    """Cluster ``stories`` from scratch; ``made``: ``text_terms`` pickled, by key, where
    made already (as the seeds were read), each let go once read."""
    stories, made = _unique(stories), made if made is not None else {}
    # Each story's text is let go as soon as its profile is made (``let_go``): when
    # the caller keeps no reference to the inputs, clustering a digest from scratch
    # never holds every story's text beside every profile (issue 22).
    profiles = {p.key: p for p in map_in_order(lambda story: profile(
        story, made.pop(story.key, None)), stories, let_go=True, alone=bool(made))}
    made.clear()
    del stories
    edges: dict[tuple[str, str], float] = {}
    _edges_of(profiles, profiles, TimeIndex(profiles.values()), edges, every=True)
    joins, apart = _links(profiles)
    graph = neighbours([*_strong(edges), *joins])
    log: list = []
    clusters = _cluster_parts(components(profiles, graph), profiles, edges, joins, apart,
                              log=log)
    return _result(clusters, profiles, edges, log)


def _near_in_time(profiles: Mapping[str, Profile], changed: Sequence[Profile]) -> list[Profile]:
    """The stories within three windows of a changed one: all that the candidates of
    the stories an update re-scores depend on (they lie within a window of a change,
    and their usable anchors on the stories within a window of them). Only their
    profiles are made (``cluster_profiles``)."""
    times = sorted(p.time for p in changed)
    reach_seconds = 3 * WINDOW_SECONDS
    found = []
    for p in facts_view(profiles).values():
        at = bisect_left(times, p.time - reach_seconds)
        if at < len(times) and times[at] <= p.time + reach_seconds:
            found.append(profiles[p.key])
    return found


def _changed(story: StoryInput, kept) -> bool:
    """The story is new, or its input is not what its kept facts were made from."""
    return kept is None or kept.digest != input_digest(story)


def recluster(previous: Clustering, stories: Iterable[StoryInput],
              text_freed: Callable[[], object] | None = None) -> Clustering:
    """Cluster ``stories`` (all of them, as now), reusing ``previous`` where nothing changed.

    A story is changed when its input digest differs from the one it had (or it is
    new). The candidates are found again for the changed stories and for the stories
    near them in time that share an anchor term with one (the anchor cap counts
    stories in the window); only the connected parts of the old and the new graph
    that hold one of those are clustered again. The result is equal to
    ``cluster(stories)``, which a test holds. ``text_freed``: called once the stories'
    text is read and let go (the build gives the freed memory back to the system
    there, before the pair scores are copied).
    """
    stories = _unique(stories)
    if previous.method != METHOD:
        return cluster(stories)
    old = previous.profiles
    old_facts = facts_view(old)  # every story's digest, without making its profile
    # (a comprehension: no loop variable is left holding the last story's text)
    fresh = [story for story in stories if _changed(story, old_facts.get(story.key))]
    made = {p.key: p for p in map_in_order(profile, fresh)}
    changed = list(made)
    keys = [story.key for story in stories]
    del stories, fresh  # their text: read into the profiles
    if text_freed is not None:
        text_freed()
    profiles = (old.carried(keys, made) if isinstance(old, LazyProfiles)
                else {key: made.get(key) or old[key] for key in keys})
    facts = facts_view(profiles)
    removed = [key for key in old if key not in facts]
    if not changed and not removed:
        return previous
    gone = [old[key] for key in [*changed, *removed] if key in old]
    index = TimeIndex(_near_in_time(profiles, [*gone, *(profiles[key] for key in changed)]))
    # Stories now present that share an anchor with a changed story, old or new
    # version, within the window: their anchor counts may have changed.
    near = index.affected_by([*gone, *(profiles[key] for key in changed)])
    redo = (set(changed) | near) & facts.keys()  # stories whose candidates are found again
    touched = redo | set(removed)
    if previous.merges is None:  # a record without its merges: its dirty parts again
        return _recluster_parts(previous, profiles, facts, redo, touched, index)
    # every pair score that changed is one of a touched story's: only their merges
    # can be decided otherwise, at first (cluster_update)
    # the pairs kept (in their order), their scores; the stories of the others
    pairs, scores, dropped, places = kept_pairs(previous.edges, touched)
    found: dict[tuple[str, str], float] = {}  # the pairs of the stories found again
    _edges_of(profiles, redo, index, found)
    del index
    edges = merged(pairs, scores, found, places)
    del pairs, scores, places
    joins, apart = _links(facts)
    again, merges, tainted = reagglomerate(
        previous.merges, touched, facts, Adjacency(edges), neighbours(joins), apart, LINK,
        MEAN_LINK, LOOSE_MEAN_LINK, lambda x, y: other_days_named(facts[x], facts[y]),
        lambda x: _judged_alone(profiles[x].terms))
    kept_clusters = [c for c in previous.clusters
                     if not any(key in tainted for key in c.members)]
    fresh = [_make_cluster(members, facts) for members in again]
    return _result([*kept_clusters, *fresh], profiles, edges, merges, tainted | dropped)


def _recluster_parts(previous: Clustering, profiles, facts, redo: set[str],
                     touched: set[str], index: TimeIndex) -> Clustering:
    """``recluster`` from a previous result whose merges are not known: the connected
    parts of the old and the new graph that hold a touched story, clustered again."""
    old_joins, _ = _links(facts_view(previous.profiles))
    dirty = reach(neighbours([*_strong(previous.edges), *old_joins]), touched)
    edges = {pair: score for pair, score in previous.edges.items()
             if pair[0] not in touched and pair[1] not in touched}
    _edges_of(profiles, redo, index, edges)
    del index
    edges = _sorted(edges)
    joins, apart = _links(facts)
    graph = neighbours([*_strong(edges), *joins])
    dirty = reach(graph, (dirty | redo) & facts.keys())
    kept_clusters = [c for c in previous.clusters
                     if not any(key in dirty or key in touched for key in c.members)]
    fresh = _cluster_parts(components(dirty, graph), facts, edges, joins, apart, profiles)
    return _result([*kept_clusters, *fresh], profiles, edges)
