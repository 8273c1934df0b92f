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
