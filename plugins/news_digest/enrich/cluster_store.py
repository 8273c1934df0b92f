"""A clustering kept between builds, as plain values.

Pure module (enrich stage). ``to_plain`` gives a clustering as JSON-ready values and
``from_plain`` reads it back. What a build keeps for the next one is
``to_stored``: the same, but each story's terms and anchors packed apart (bytes), so
that ``from_stored`` makes the profile of a story only when ``clusters.recluster``
reads it (``cluster_profiles.LazyProfiles``): the few near a change, and the pair
scores (``edges``, about 27 a story) as three arrays (``pack_edges``). A result of
another ``clusters.METHOD`` is not reused by ``recluster``.
"""

from __future__ import annotations

import pickle
from array import array
from collections.abc import Mapping
from itertools import compress
from operator import or_

from .cluster_merge import merge_key
from .cluster_profiles import Facts, LazyProfiles
from .clusters import Clustering, Profile, _make_cluster, _result
from .event_text import EventTerms
from .pair_table import Places


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
        "merges": _merges_out(clustering.merges),
    }


def _merges_out(merges) -> list | None:
    """The merges as ``[kind, later, score, x, y]`` rows (``cluster_merge.merge_key``)."""
    return None if merges is None else [[kind, later, -minus, x, y]
                                        for kind, later, minus, x, y in merges]


def _merges_in(rows) -> tuple | None:
    if rows is None:
        return None
    if any(len(row) != 5 for row in rows):  # another shape: merges not known
        return None
    merges = tuple(merge_key(kind, score, x, y, bool(later))
                   for kind, later, score, x, y in rows)
    if list(merges) != sorted(merges):
        raise ValueError("the merges are not in their order")
    return merges


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
                      method=data.get("method", ""), merges=_merges_in(data.get("merges")))


def pack(profile: Profile) -> bytes:
    """What a profile holds beyond its ``Facts``: its anchors and terms."""
    terms, weights = profile.terms.plain()
    return pickle.dumps((list(profile.anchors), profile.terms.norm, terms, weights,
                         sorted(profile.terms.names)), protocol=pickle.HIGHEST_PROTOCOL)


def unpack(facts: Facts, packed: bytes) -> Profile:
    anchors, norm, terms, weights, names = pickle.loads(packed)  # noqa: S301 - our record
    return Profile(facts.key, facts.time,
                   EventTerms(dict(zip(terms, weights, strict=True)), norm,
                              names=frozenset(names)),
                   tuple(anchors), facts.digest, facts.same_as, facts.apart_from, facts.days)


def pack_facts(facts) -> bytes:
    """A story's ``Facts`` (or its ``Profile``'s fields of those names), pickled."""
    return pickle.dumps((facts.key, facts.time, facts.digest, tuple(facts.same_as),
                         tuple(facts.apart_from), tuple(tuple(span) for span in facts.days)),
                        protocol=pickle.HIGHEST_PROTOCOL)


def to_stored(clustering: Clustering) -> dict:
    """What a build keeps for the next one: ``to_plain``'s values, with each story's
    facts and its terms and anchors packed apart, as two bytes (a story's facts or
    profile not changed in this build, as it was read: at 30,000 stories making and
    pickling every story's row again took about 0.4 s a day)."""
    profiles = clustering.profiles
    lazy = isinstance(profiles, LazyProfiles)
    facts = clustering.facts()
    return {
        "method": clustering.method,
        "stories": [[profiles.packed_facts(key) if lazy else pack_facts(p),
                     profiles.packed(key) if lazy else pack(profiles[key])]
                    for key, p in sorted(facts.items())],
        "edges": pack_edges(clustering.edges, sorted(facts)),
        "clusters": [list(c.members) for c in clustering.clusters],
        "merges": _merges_out(clustering.merges),
        "related": (None if clustering.related is None
                    else [[key, list(chosen)] for key, chosen in clustering.related.items()]),
    }


def pack_edges(edges: Mapping[tuple[str, str], float], keys: list[str]) -> list:
    """The pair scores as ``[other keys, first, second, scores]``: each story of a pair
    by its place in ``keys`` (then in ``other keys``, for a story ``keys`` lacks) and
    the scores as machine doubles, in the order of ``edges``. As a list of
    ``[a, b, score]`` the pair scores were most of the record: at 100,000 stories
    (2.7 million pairs) reading it back held some 600 MB of lists for a moment, the
    build's peak of memory over the previous output (issue 22)."""
    place = {key: number for number, key in enumerate(keys)}
    places = getattr(edges, "places", None)
    if places is not None:  # an update's pairs, carried by place from the record's
        packed = _packed_by_place(places, place, edges.scores)
        if packed is not None:
            return packed
    try:  # every story of a pair in ``keys`` (as in a build): whole columns at once
        return [[], array("i", [place[a] for a, _ in edges]).tobytes(),
                array("i", [place[b] for _, b in edges]).tobytes(),
                array("d", edges.values()).tobytes()]
    except KeyError:
        pass
    others: list[str] = []
    first, second, scores = array("i"), array("i"), array("d")
    for (a, b), score in edges.items():
        for key, column in ((a, first), (b, second)):
            number = place.get(key)
            if number is None:
                number = place[key] = len(place)
                others.append(key)
            column.append(number)
        scores.append(score)
    return [others, first.tobytes(), second.tobytes(), scores.tobytes()]


def _packed_by_place(places: Places, place: dict, scores: list) -> list | None:
    """``pack_edges``' columns from each pair's places in ``places.names``: each name's
    place in the new keys is looked up once, not each pair's two stories (C loops over
    the columns). None: a story of a pair is not among the keys (packed pair by pair)."""
    moved = [place.get(name, -1) for name in places.names]
    first = array("i", map(moved.__getitem__, places.first))
    second = array("i", map(moved.__getitem__, places.second))
    if first and min(min(first), min(second)) < 0:
        return None
    return [[], first.tobytes(), second.tobytes(), array("d", scores).tobytes()]


_FLIP = bytes.maketrans(b"\x00\x01", b"\x01\x00")  # a pair that goes <-> one that stays


class PackedEdges(Mapping):
    """``pack_edges``' pair scores, read as a mapping without being unpacked: every
    reader of a clustering's ``edges`` iterates them (``items``), and ``recluster``
    copies the pairs it keeps into a new dict. A pair looked up by key unpacks them
    all once (nothing in a build does). Each key is the very string of ``keys``."""

    def __init__(self, stored, keys: list[str]):
        others, first, second, scores = stored
        self._names = [*keys, *others]
        self._first, self._second = array("i", first), array("i", second)
        self._scores = array("d", scores)
        if not len(self._first) == len(self._second) == len(self._scores):
            raise ValueError("the pair scores' columns differ in length")
        if self._first and max(max(self._first), max(self._second)) >= len(self._names):
            raise ValueError("a pair score names no story")
        self._dict: dict | None = None

    def items(self):
        names = self._names
        for a, b, score in zip(self._first, self._second, self._scores, strict=True):
            yield (names[a], names[b]), score

    def __iter__(self):
        return (pair for pair, _ in self.items())

    def __len__(self) -> int:
        return len(self._scores)

    def split(self, touched) -> tuple[list, list, set[str]]:
        """(the pairs with no story of ``touched``, in their order; their scores; the
        stories of the other pairs): ``clusters.recluster``'s first step, with every
        pair tested by its stories' places (C loops over the columns: no pair of
        names is made for a pair that goes, nor a Python step for one that stays)."""
        return self.split_placed(touched)[:3]

    def split_placed(self, touched) -> tuple[list, list, set[str], Places]:
        """``split``'s, and the kept pairs' places (``pair_table.Places``)."""
        names = self._names
        hit = bytearray(len(names))  # 1: a story of ``touched``
        for number, key in enumerate(names):
            if key in touched:
                hit[number] = 1
        first, second = self._first, self._second
        gone = bytes(map(or_, map(hit.__getitem__, first), map(hit.__getitem__, second)))
        stays = gone.translate(_FLIP)
        pairs = list(zip(map(names.__getitem__, compress(first, stays)),
                         map(names.__getitem__, compress(second, stays)), strict=True))
        scores = list(compress(self._scores, stays))
        dropped = {*map(names.__getitem__, compress(first, gone)),
                   *map(names.__getitem__, compress(second, gone))}
        return pairs, scores, dropped, Places(names, array("i", compress(first, stays)),
                                              array("i", compress(second, stays)))

    def __getitem__(self, pair: tuple[str, str]) -> float:
        if self._dict is None:
            self._dict = dict(self.items())
        return self._dict[pair]


def from_stored(data: Mapping, consume: bool = False) -> Clustering:
    """``to_stored``'s values back; no story's profile is made until it is read, and
    the pair scores stay packed (``PackedEdges``). ``consume``: each story's row of
    ``data`` is let go (set to None) once read, so that the record read back and the
    clustering made of it are not held whole at once (``cluster_record.load``)."""
    facts, packed, heads = {}, {}, {}
    rows = data["stories"]
    for number, (head, blob) in enumerate(rows):
        if consume:
            rows[number] = None
        if type(blob) is not bytes or type(head) is not bytes:
            raise TypeError("a story's packed facts or profile are not bytes")
        story = Facts(*pickle.loads(head))  # noqa: S301 - our record, its hash checked
        if not all(type(part) is tuple for part in story[3:]):
            raise TypeError("a story's links or days are not tuples")
        key = story.key
        facts[key], packed[key], heads[key] = story, blob, head
    profiles = LazyProfiles(facts, packed, {}, unpack, pack, heads, pack_facts)
    edges = PackedEdges(data["edges"], list(facts))
    result = _result([_make_cluster(members, facts) for members in data["clusters"]],
                     profiles, edges)
    related = data.get("related")
    return Clustering(result.clusters, result.cluster_of, profiles, edges,
                      method=data.get("method", ""), merges=_merges_in(data.get("merges")),
                      related=None if related is None else {
                          key: tuple(chosen) for key, chosen in related})
