"""Many stories' profiles at once, on every core (``enrich/`` stage).

Pure module (no Pelican import), used by ``clusters.py``. Reading a story's terms
is most of the cost of clustering a digest from scratch and each story is read on
its own, so a large batch is split into one contiguous slice per core, read by
forked worker processes and put back together in the same order: the result is
the same list, whatever the number of processes. Small batches (an incremental
build's few new stories), a single core, a platform without ``fork`` and a
process that runs other threads (forking one can deadlock) are read in this
process. Nor are they when other processes keep the cores busy (the load average):
workers would then only add the cost of starting them. Nor is a digest of more
than ``PARALLEL_UP_TO`` stories: the workers' copies of what they read would cost
more memory than the build is allowed (issue 22).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

log = logging.getLogger(__name__)

PARALLEL_FROM = 2000  # stories: fewer are read here, faster than starting workers
# Stories: more are read here, freeing each one's text as it goes. A forked worker
# copies every page it reads (CPython writes reference counts): at 10,000 stories
# two workers and this process held 251 MB (the sum of their PSS) against 105 MB
# read here, so about 1.4 GB more at 100,000, to save at most half of the profiles'
# CPU time in wall time (2.8 s at 10,000).
PARALLEL_UP_TO = 20_000
MAX_WORKERS = 8

In = TypeVar("In")
Out = TypeVar("Out")


def cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _idle_cores() -> int:
    """Cores that other processes leave free (the last minute's load average)."""
    try:
        busy = os.getloadavg()[0]
    except OSError:  # not available here
        busy = 0.0
    return max(1, round(cores() - busy + 0.5))


def _workers(count: int) -> int:
    """How many processes to read ``count`` items with: 1 means this one.

    Workers only pay when cores are free: on a machine others keep busy they share
    the same cores and add the cost of starting them and sending results back.
    """
    if (count < PARALLEL_FROM or count > PARALLEL_UP_TO or threading.active_count() > 1
            or "fork" not in multiprocessing.get_all_start_methods()):
        return 1
    return max(1, min(_idle_cores(), MAX_WORKERS, count // (PARALLEL_FROM // 2)))


_JOB: tuple[Callable, Sequence] | None = None  # what forked workers read, inherited


def _apply(span: tuple[int, int]) -> list:
    function, items = _JOB
    return [function(item) for item in items[span[0]:span[1]]]


def map_in_order(function: Callable[[In], Out], items: Sequence[In], *,
                 let_go: bool = False, alone: bool = False) -> list[Out]:
    """``[function(item) for item in items]``, on several cores when it is worth it.

    ``function`` must be pure. The workers are forked with the items in memory, so
    only the results travel back. If no worker can be started (a sandbox without
    processes, a worker killed), this process does the work: a result always
    comes, the same one. ``let_go``: ``items`` is a list of the caller's own, which
    this process empties as it goes (each item replaced by None once done), so that
    what only the items hold is freed while the results are made. ``alone``: in this
    process, whatever the count (the work was mostly done already).
    """
    global _JOB
    workers = 1 if alone else _workers(len(items))
    if workers == 1:
        return _each(function, items, let_go)
    size = -(-len(items) // workers)
    spans = [(at, min(at + size, len(items))) for at in range(0, len(items), size)]
    _JOB = (function, items)
    # What the build froze as it read (``speed/gc_tuning.Frozen``) stays frozen.
    held = gc.get_freeze_count() > 0
    gc.freeze()  # the workers then do not copy the memory the collector would touch
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return [out for part in pool.map(_apply, spans) for out in part]
    except (OSError, RuntimeError) as error:  # BrokenProcessPool is a RuntimeError
        log.info("reading %d stories in one process: %s", len(items), error)
        return _each(function, items, let_go)
    finally:
        _JOB = None
        if not held:
            gc.unfreeze()
        if let_go:
            items[:] = [None] * len(items)


def _each(function: Callable[[In], Out], items: Sequence[In], let_go: bool) -> list[Out]:
    if not let_go:
        return [function(item) for item in items]
    out = []
    for at, item in enumerate(items):
        items[at] = None  # type: ignore[index]  # the caller's list (see map_in_order)
        out.append(function(item))
        del item
    return out
