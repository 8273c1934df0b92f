"""An update merges again only the clusters a change reaches (cluster_update.py), and
gives what clustering everything gives: the same clusters, pair scores and merges,
over random sequences of days, on a digest whose stories form one connected part;
and the related stories worked out again only near a change (related_text.py) are
the related stories of clustering everything.
"""

from __future__ import annotations

import pickle
import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from test_clusters import SAME_EVENT, _changes, dev_inputs

from benchmarks.corpus import stories
from news_digest.enrich import cluster_update
from news_digest.enrich import clusters as C
from news_digest.enrich.cluster_links import stories_for_clustering
from news_digest.enrich.cluster_merge import components, neighbours
from news_digest.enrich.cluster_store import (
    PackedEdges,
    from_plain,
    from_stored,
    pack_edges,
    to_plain,
    to_stored,
)
from news_digest.enrich.pair_table import Adjacency, kept_pairs, merged
from news_digest.enrich.related_text import related_after, related_by_text
from news_digest.seeds.format import read_seed

T0 = datetime(2025, 3, 1, tzinfo=UTC)
DAY = 24  # stories a day


def _dense(count: int, first: int = 0, seed: int = 20260101,
           minutes: int = 30) -> list[C.StoryInput]:
    """The benchmark's synthetic stories, one every half hour (or ``minutes``): like
    the benchmark's digest at 10,000 stories, they are one connected part of strong
    pairs."""
    return [C.StoryInput(s.seed.identity, T0 + timedelta(minutes=minutes * (first + at)),
                         s.seed.title, s.seed.paragraphs)
            for at, s in enumerate(stories(count, seed, first=first))]


def _kept(result: C.Clustering) -> C.Clustering:
    """The record the next build reads back."""
    return from_stored(pickle.loads(pickle.dumps(to_stored(result))))


def _same(updated: C.Clustering, scratch: C.Clustering) -> None:
    assert updated == scratch
    assert dict(updated.edges) == dict(scratch.edges)
    assert updated.merges == scratch.merges
    assert to_plain(updated) == to_plain(scratch)


def test_the_dense_digest_is_one_connected_part():
    result = C.cluster(_dense(200))
    parts = components(result.cluster_of, neighbours(C._strong(result.edges)))
    assert max(map(len, parts)) == 200
    assert len(result.merges) == sum(len(c.members) - 1 for c in result.clusters) > 100


def test_a_clustering_lists_its_pairs_in_order_each_scored_alike_from_either_story():
    """``cluster`` scores each pair from its smaller key, in key order, so that its
    pairs need no sort after; an update scores a pair from its changed story: the
    same score either way, to the bit."""
    result = C.cluster(_dense(200))
    assert list(result.edges) == sorted(result.edges)
    profiles = result.profiles
    for (a, b), score in result.edges.items():
        again: dict = {}
        C.score_pairs(profiles[b], [a], profiles, again)
        assert again == {(a, b): score}


@pytest.mark.parametrize("seed, minutes", [
    (0, 240), pytest.param(1, 240, marks=pytest.mark.slow),
    pytest.param(0, 30, marks=pytest.mark.slow), pytest.param(2, 120, marks=pytest.mark.slow)])
def test_days_of_new_edited_removed_and_linked_stories_give_what_clustering_gives(
        seed, minutes):
    """Stories every 4 hours make small clusters, every half hour a few large ones
    (a removed story's cluster must be merged again without it)."""
    rng = random.Random(seed)
    pool = [*_dense(40, 1000, seed, minutes), *dev_inputs()]
    current = _dense(160, minutes=minutes)
    first = C.cluster(current)
    previous = _kept(replace(first, related=related_by_text(first)))
    for day in range(1, 5):
        new = _dense(DAY, 160 + day * DAY, seed + day, minutes)
        current = [*_changes(rng, current, pool), *new]
        updated = C.recluster(previous, current)
        scratch = C.cluster(current)
        _same(updated, scratch)
        related = related_after(previous, updated)  # worked out again near a change only
        assert related == related_by_text(scratch)
        assert list(related) == sorted(related)
        previous = _kept(replace(updated, related=related))


def test_an_update_decides_again_only_the_merges_near_the_change(monkeypatch):
    """On one connected part of 300 stories over 25 days, new stories reach the
    clusters of their last days: the others are the previous build's, read off its
    record."""
    current = _dense(300, minutes=120)
    result = C.cluster(current)
    assert max(map(len, components(result.cluster_of, neighbours(C._strong(result.edges))))) > 290
    previous = _kept(result)
    seen = []

    def counted(*args, **kwargs):
        found = reagglomerate(*args, **kwargs)
        seen.append(found[2])
        return found

    reagglomerate = cluster_update.reagglomerate
    monkeypatch.setattr(C, "reagglomerate", counted)
    current = [*current, *_dense(5, 300, 7, minutes=120)]
    _same(C.recluster(previous, current), C.cluster(current))
    assert 5 <= len(seen[0]) < len(current) / 2


def test_a_record_without_its_merges_is_clustered_again_by_connected_parts():
    current = dev_inputs()
    plain = to_plain(C.cluster(current))
    del plain["merges"]  # as an older record, or one made without them
    previous = from_plain(plain)
    assert previous.merges is None
    edited = [replace(current[3], title=current[3].title + " (updated)"), *current[:3],
              *current[4:]]
    updated = C.recluster(previous, edited)
    scratch = C.cluster(edited)
    assert updated == scratch and updated.merges is None
    _same(C.recluster(_kept(scratch), current), C.cluster(current))


def test_pair_scores_pack_whole_columns_or_one_pair_at_a_time():
    edges = {("a", "b"): 0.5, ("a", "c"): 0.25, ("b", "c"): 0.75}
    for keys in (["a", "b", "c"], ["a", "b"]):  # all in keys, or one missing
        packed = PackedEdges(pack_edges(edges, keys), keys)
        assert dict(packed.items()) == edges and list(packed) == list(edges)


def _walked_adjacency(edges) -> dict:
    """Each story's pair scores as a walk of every pair made them (before ``Adjacency``)."""
    adjacent: dict = {}
    for (a, b), score in edges.items():
        adjacent.setdefault(a, {})[b] = score
        adjacent.setdefault(b, {})[a] = score
    return adjacent


def _as_walked(adjacent) -> list:
    """Every story's scores, in order, as ``reagglomerate`` reads them (``get``), and
    a story with none."""
    return [(key, list(adjacent.get(key, {}).items())) for key in sorted(adjacent)] + [
        ("none", list(adjacent.get("none", {}).items()))]


def test_packed_pairs_split_and_merge_as_a_walk_of_every_pair_and_a_sort():
    """A day's first step over the record's pair scores (``PackedEdges.split``, then
    ``pair_table.merged``; each story's scores read by ``pair_table.Adjacency``) gives
    what walking every pair and sorting them all gave: the same pairs kept in the same
    order, the same stories dropped, the same table, each story's scores in the same
    order."""
    rng = random.Random(7)
    keys = sorted(f"{rng.getrandbits(40):010x}" for _ in range(60))
    edges = C._sorted({(a, b): rng.random() for a in keys for b in keys
                       if a < b and rng.random() < 0.2})
    for round_ in range(30):
        touched = set(rng.sample([*keys, "new-story"], rng.randint(0, 8 if round_ else 0)))
        walked = kept_pairs(dict(edges), touched)[:3]  # a dict: the walk of every pair
        split = PackedEdges(pack_edges(edges, keys), keys).split(touched)
        assert split == walked
        pairs, scores, dropped = split
        assert dropped == {x for pair in edges if touched & set(pair) for x in pair}
        found = {(a, b): rng.random() for a in [*keys, "0", "zz"] for b in [*keys, "zz"]
                 if a < b and (a in touched or b in touched) and rng.random() < 0.3}
        expected = dict(zip(pairs, scores, strict=True))
        expected.update(found)
        table = merged(pairs, scores, found)
        assert list(table.items()) == list(C._sorted(expected).items())
        assert _as_walked(Adjacency(table)) == _as_walked(_walked_adjacency(table))
    # kept pairs out of order (a record not made by ``_sorted``): sorted whole
    assert list(merged([("b", "c"), ("a", "b")], [0.5, 0.25], {("a", "c"): 0.75})) == [
        ("a", "b"), ("a", "c"), ("b", "c")]


def test_pairs_carried_by_place_pack_as_pairs_looked_up_by_name():
    """The next record's pair columns made from the places the split carried
    (``pair_table.Places``, through ``merged``) are those made by looking each pair's
    stories up by name: with new stories among the pairs found, stories gone, and a
    story of a pair missing from the record's keys (then packed pair by pair: the
    check that every pair's stories are placed)."""
    rng = random.Random(11)
    keys = sorted(f"{rng.getrandbits(40):010x}" for _ in range(60))
    edges = C._sorted({(a, b): rng.random() for a in keys for b in keys
                       if a < b and rng.random() < 0.2})
    checked_missing = 0
    for _ in range(30):
        touched = set(rng.sample(keys, rng.randint(1, 8)))
        pairs, scores, dropped, places = PackedEdges(pack_edges(edges, keys),
                                                     keys).split_placed(touched)
        assert (pairs, scores, dropped) == kept_pairs(dict(edges), touched)[:3]
        new = [f"{rng.getrandbits(40):010x}" for _ in range(3)]
        now = sorted({*keys, *new} - set(rng.sample(sorted(touched), 1)))
        found = {(a, b): rng.random() for a in now for b in now
                 if a < b and (a in touched or b in touched or a in new or b in new)
                 and rng.random() < 0.3}
        table = merged(pairs, scores, found, places)
        assert table.places is not None and len(table.places.first) == len(table)
        by_name = dict(table.items())
        for packed_keys in (now, now[1:]):  # every story placed, or one missing
            checked_missing += packed_keys is not now and any(now[0] in p for p in table)
            assert pack_edges(table, packed_keys) == pack_edges(by_name, packed_keys)
        assert merged(pairs, scores, {}, places).places is places
    assert checked_missing


def test_follow_ups_added_day_by_day_give_what_clustering_gives():
    """The written splits whose events have later versions and follow-ups (leads naming
    other days, merged after the pairs of one day; aftermaths judged alone), fed to
    updates a day at a time in the order they were published: every update equals
    clustering everything, merge for merge."""
    folders = [SAME_EVENT.parent / name
               for name in ("same_event_4", "same_event_5", "same_event_6", "same_event_7")]
    inputs, problems = stories_for_clustering(
        read_seed(p) for folder in folders for p in sorted(folder.glob("*.txt")))
    assert not problems
    inputs.sort(key=lambda s: (s.published, s.key))
    days = sorted({s.published.astimezone(UTC).date() for s in inputs})
    assert len(days) >= 4
    previous = None
    for day in days:
        current = [s for s in inputs if s.published.astimezone(UTC).date() <= day]
        scratch = C.cluster(current)
        if previous is not None:
            _same(C.recluster(previous, current), scratch)
        previous = _kept(scratch)
    assert any(merge[1] for merge in scratch.merges)  # pairs of other days were merged
