"""Which pairs of stories could report one event: the candidates ``clusters.py`` scores.

Pure module (enrich stage). Candidate pairs are stories within ``WINDOW_SECONDS`` of
each other that share one of their strongest terms ("anchors"), found through an
index of stories per anchor in time order: the cost grows with the stories and
their neighbours in time, not with every pair.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a story's terms, time and anchors (clusters.py)
    from .clusters import Profile

WINDOW_SECONDS = 4 * 24 * 3600  # "up to three days apart", plus a missing time zone
ANCHOR_CAP = 25  # an anchor more stories than this have around a story is not used there


class TimeIndex:
    """Stories per anchor term, in time order: the candidates of a story are found here.

    An anchor that more than ``ANCHOR_CAP`` stories have within the window around a
    story says nothing distinctive there (a running subject such as a war, or a word
    every story of a synthetic corpus repeats): it makes no candidates for that
    story. This keeps the number of candidates per story bounded however dense the
    digest is; whether an anchor is usable depends only on the stories within the
    window, so an update recomputes the candidates of the stories near a change.
    """

    def __init__(self, profiles: Iterable[Profile]):
        postings: dict[str, list[tuple[float, str]]] = {}
        for p in profiles:
            for term in p.anchors:
                postings.setdefault(term, []).append((p.time, p.key))
        self.postings = postings
        # For each term, the stories (in time order) for which it is usable: at most
        # ANCHOR_CAP stories have it within the window around them (two pointers).
        # Kept as their times and keys apart: a story is found by its time (a float
        # compared, not a pair), then by its key among any of the same time.
        self.usable: dict[str, tuple[list[float], list[str]]] = {}
        for term, entries in postings.items():
            entries.sort()
            kept = entries
            if len(entries) > ANCHOR_CAP:
                kept, low, high = [], 0, 0
                for time, key in entries:
                    while entries[low][0] < time - WINDOW_SECONDS:
                        low += 1
                    while high < len(entries) and entries[high][0] <= time + WINDOW_SECONDS:
                        high += 1
                    if high - low <= ANCHOR_CAP:
                        kept.append((time, key))
            if kept:
                self.usable[term] = ([t for t, _ in kept], [k for _, k in kept])

    def near(self, p: Profile) -> set[str]:
        """Keys within the window that share with ``p`` an anchor usable for both."""
        found: set[str] = set()
        time, key = p.time, p.key
        for term in p.anchors:
            usable = self.usable.get(term)
            if usable is None:
                continue
            times, keys = usable
            at = bisect_left(times, time)  # where (time, key) sorts among the pairs
            if at < len(times) and times[at] == time:
                at = bisect_left(keys, key, at, bisect_right(times, time, at))
            if at == len(times) or times[at] != time or keys[at] != key:
                continue  # not usable for p itself
            low = bisect_left(times, time - WINDOW_SECONDS, 0, at)
            found.update(keys[low:bisect_right(times, time + WINDOW_SECONDS, at)])
        found.discard(p.key)
        return found

    def affected_by(self, profiles: Iterable[Profile]) -> set[str]:
        """Stories whose usable anchors may change when ``profiles`` come or go."""
        found: set[str] = set()
        for p in profiles:
            for term in p.anchors:
                entries = self.postings.get(term, [])
                low = bisect_left(entries, (p.time - WINDOW_SECONDS, ""))
                high = bisect_right(entries, (p.time + WINDOW_SECONDS, "\uffff"))
                found.update(key for _, key in entries[low:high])
        return found
