"""Fewer garbage collections while a rebuild holds the whole site in memory.

A rebuild over a previous output loads every story from the content cache at once
and keeps it, with the fingerprints of its pages, until the end: a burst of
long-lived objects for which CPython's collector ran its full pass over the whole
site again and again. At N=10,000 a one-seed rebuild spent about 2 s of 11 s
reading, and 12 % of its CPU time writing, in those passes (benchmarks/RESULTS.md).
A build from scratch holds as much: at N=10,000 its collections took about 3.3 s of
its 27 s of CPU (timed with ``gc.callbacks``), 1.6 s with young collections every
10,000 allocations and what was read frozen (``Speed.freeze_what_was_read``).
A build over a previous output also collects the middle generation less often
(``MIDDLE_THRESHOLD``): its collections walked the stories read from the cache again
and again until they were frozen: at 10,000 stories 0.2 to 0.3 s of a daily update's
11 to 13 s of CPU, 0.03 s with it (the peak of memory the same, 267 to 268 MB, and
365 MB for a ``--force`` rebuild either way).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Allocations between two collections of the youngest objects (CPython's default: 700).
YOUNG_THRESHOLD = 100_000
# In a build from scratch, which renders (and drops) pages as it goes, the cyclic
# garbage of rendering waits for a collection: every 100,000 allocations raised the
# peak of a 1,000-story build from 91 MB to 133 MB (93 MB at 10,000).
FROM_SCRATCH_YOUNG_THRESHOLD = 10_000
# Young collections between two collections of the middle generation (CPython's
# default: 10), in a build over a previous output.
MIDDLE_THRESHOLD = 50


@contextmanager
def fewer_collections(young: int = YOUNG_THRESHOLD, middle: int = 0) -> Iterator[None]:
    """Collect the youngest objects less often for the duration: every ``young``
    allocations (cyclic garbage waits as long: about 40 MB at 100,000); and the
    middle generation every ``middle`` young collections, when that is less often."""
    previous = gc.get_threshold()
    gc.set_threshold(max(previous[0], young), max(previous[1], middle), *previous[2:])
    try:
        yield
    finally:
        gc.set_threshold(*previous)


# Stories read between two freezes while a build reads many of them (``Frozen.read``).
FREEZE_EVERY = 1000


class Frozen:
    """What a build froze for the collector (``gc.freeze``), thawed by ``thaw``.

    A frozen object is still freed when nothing refers to it any more; only cyclic
    garbage made before a freeze stays until the thaw (about one object a story while
    the seeds are read). While a build reads many seeds, what it has read is frozen
    every ``FREEZE_EVERY`` stories (``read``): the heap grows by every story read, and
    each full pass of the collector walked all of it again (at 100,000 stories from
    scratch 9.6 s of CPU in full passes, 14.7 s of the collector's 21 s while the
    stories were read and clustered)."""

    def __init__(self) -> None:
        self.frozen = False
        self.all_read = False  # ``freeze_all_read`` was called
        self.unfrozen_reads = 0

    def freeze(self) -> None:
        gc.freeze()
        self.frozen = True

    def read(self, count: int | None) -> None:
        """``count`` more stories read (read ahead or made into Pelican's objects);
        None: every story is read and settled (before the clustering)."""
        self.unfrozen_reads += FREEZE_EVERY if count is None else count
        if self.unfrozen_reads >= FREEZE_EVERY:
            self.unfrozen_reads = 0
            self.freeze()

    def freeze_all_read(self) -> None:
        """Every story is read (once a build: later objects are the pages')."""
        if not self.all_read:
            self.all_read = True
            self.freeze()

    def thaw(self) -> None:
        if self.frozen:
            gc.unfreeze()
            self.frozen = False
