"""The pair scores of a clustering updated on a day: split, merged and read by story
without a Python step for each of the digest's pairs.

Pure module (enrich stage). ``clusters.recluster`` keeps every pair score of the
stories a day does not touch (822,341 at 30,000 stories of the bench's corpus, 27 a
story; 244,664 at 100,000 of its scale corpus), scores the touched stories' pairs
again, and decides again the merges near them, reading the scores of a few hundred
stories. Walking every pair in Python to split them, sorting them all again and
making every story's scores into a table of its own took about 3 of the 3.8 s the
update took on a day at 30,000 stories (7 December). Here the same values come from C
loops over the pairs (``kept_pairs``, ``merged``), and a story's scores are made when
first read (``Adjacency``). The results are those of the walk, the sort and the
table, in the same order (``tests/test_cluster_update.py``).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping
from itertools import islice
from operator import itemgetter
from operator import lt as before
from typing import NamedTuple


class Places(NamedTuple):
    """Each pair's stories as places in ``names`` (machine integers), in the pairs'
    order: the record's packed columns carried from the split to the next record, so
    that writing it looks no pair's stories up by name (``cluster_store.pack_edges``;
    822,341 pairs at 30,000 stories)."""

    names: list
    first: array
    second: array


def kept_pairs(edges: Mapping[tuple[str, str], float],
               touched: set[str]) -> tuple[list, list, set[str], Places | None]:
    """(the pairs of ``edges`` with no story of ``touched``, in their order; their
    scores; the stories of the other pairs; the kept pairs' places, when known). A
    record's packed pair scores split themselves by their stories' places
    (``cluster_store.PackedEdges.split_placed``)."""
    split = getattr(edges, "split_placed", None)
    if split is not None:
        return split(touched)
    pairs, scores, dropped = [], [], set()
    for pair, score in edges.items():
        if pair[0] in touched or pair[1] in touched:
            dropped.update(pair)
        else:
            pairs.append(pair)
            scores.append(score)
    return pairs, scores, dropped, None


class SortedPairs(Mapping):
    """Pair scores as two lists in the pairs' order (a clustering's ``edges``): what
    reads them walks them (``items``, ``values``, in order); a pair looked up by key
    makes a table of them once (nothing in a day does). A table of every pair was
    about 60 bytes a pair (about 50 MB at 30,000 stories) held while the day clusters."""

    __slots__ = ("_table", "pairs", "places", "scores")

    def __init__(self, pairs: list, scores: list, places: Places | None = None):
        if len(pairs) != len(scores):
            raise ValueError("as many scores as pairs")
        if places is not None and not len(places.first) == len(places.second) == len(pairs):
            raise ValueError("as many places as pairs")
        self.pairs, self.scores, self.places = pairs, scores, places
        self._table: dict | None = None

    def items(self):
        return zip(self.pairs, self.scores, strict=True)

    def values(self):
        return iter(self.scores)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.pairs)

    def __len__(self) -> int:
        return len(self.pairs)

    def __getitem__(self, pair: tuple[str, str]) -> float:
        if self._table is None:
            self._table = dict(self.items())
        return self._table[pair]


def merged(pairs: list, scores: list, found: Mapping[tuple[str, str], float],
           places: Places | None = None) -> SortedPairs:
    """The kept ``pairs`` (with their ``scores``, and their ``places`` when known) and
    the pairs ``found`` again, in the pairs' order (``clusters._sorted``'s). A
    clustering's pairs are in that order already, so each pair found is put in its
    place among them instead of every pair being sorted again; kept pairs out of order
    are sorted whole (their places let go)."""
    if not all(map(before, pairs, islice(pairs, 1, None))):
        table = dict(zip(pairs, scores, strict=True))
        table.update(found)
        ordered = sorted(table)
        return SortedPairs(ordered, list(map(table.__getitem__, ordered)))
    if not found:  # nothing to put in: the kept lists are the result
        return SortedPairs(pairs, scores, places)
    out_pairs: list = []
    out_scores: list = []
    if places is not None:  # the found pairs' stories placed after ``names``' own
        names = list(places.names)
        where = {name: number for number, name in enumerate(names)}
        first, second = array("i"), array("i")
    start = 0
    for pair in sorted(found):
        at = bisect_left(pairs, pair, start)
        if at < len(pairs) and pairs[at] == pair:
            raise ValueError(f"the pair {pair} was both kept and scored again")
        out_pairs += pairs[start:at]
        out_scores += scores[start:at]
        out_pairs.append(pair)
        out_scores.append(found[pair])
        if places is not None:
            first += places.first[start:at]
            second += places.second[start:at]
            for key, column in zip(pair, (first, second), strict=True):
                number = where.get(key)
                if number is None:
                    number = where[key] = len(names)
                    names.append(key)
                column.append(number)
        start = at
    out_pairs += pairs[start:]
    out_scores += scores[start:]
    if places is None:
        return SortedPairs(out_pairs, out_scores)
    first += places.first[start:]
    second += places.second[start:]
    return SortedPairs(out_pairs, out_scores, Places(names, first, second))


class Adjacency(Mapping):
    """Each story's pair scores by the other story, as a table made by walking the
    sorted ``edges`` would hold them (the same entries, in the same order: first the
    pairs where the story comes second, then those where it comes first), made when
    a story is first asked for. ``edges``: a table whose pairs are sorted."""

    def __init__(self, edges: Mapping[tuple[str, str], float]):
        if isinstance(edges, SortedPairs):  # its lists, not copies
            self._pairs, self._scores = edges.pairs, edges.scores
        else:
            self._pairs, self._scores = list(edges), list(edges.values())
        seconds = [second for _, second in self._pairs]
        # the pairs' places ordered by their second story (a stable sort: by their
        # first story within one), as machine integers (a list of ints took about
        # 36 bytes a pair: 30 MB at 30,000 stories)
        self._by_second = array("l", sorted(range(len(seconds)), key=seconds.__getitem__))
        del seconds
        self._made: dict[str, dict[str, float]] = {}

    def _second_of(self, place: int) -> str:
        return self._pairs[place][1]

    def __getitem__(self, key: str) -> dict[str, float]:
        found = self._made.get(key)
        if found is not None:
            return found
        pairs, scores, by_second = self._pairs, self._scores, self._by_second
        low = bisect_left(by_second, key, key=self._second_of)
        high = bisect_right(by_second, key, low, key=self._second_of)
        found = {pairs[place][0]: scores[place] for place in by_second[low:high]}
        place = bisect_left(pairs, (key,))
        while place < len(pairs) and pairs[place][0] == key:
            found[pairs[place][1]] = scores[place]
            place += 1
        if not found:
            raise KeyError(key)
        self._made[key] = found
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(sorted({*map(itemgetter(0), self._pairs), *map(itemgetter(1), self._pairs)}))

    def __len__(self) -> int:
        return len({*map(itemgetter(0), self._pairs), *map(itemgetter(1), self._pairs)})
