"""Ctrl-C, SIGTERM and SIGHUP stop a build or an import the same way, and never
halfway through a swap.

Pure module (no Pelican import), used by the build and import commands. While one
runs, SIGINT, SIGTERM (a cancelled CI job, ``docker stop``) and SIGHUP (the terminal
or SSH session closed) raise ``Interrupted`` (a ``KeyboardInterrupt``, so nothing
that catches ``Exception`` swallows it) in the main thread; the build removes
its staging folder (the import keeps the seeds it wrote whole and saves its state)
and exits with 128 + the signal's number. Before, SIGHUP killed a build or an import
and SIGTERM an import outright: no line said so, and the staging folder, a seed's
temporary file and the import's state were left for the next run. Inside
``deferred()`` (replacing output/ and committing the records, which must happen
whole) a signal is held and raised when the block ends.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
                if hasattr(signal, name))  # no SIGHUP on Windows


class Interrupted(KeyboardInterrupt):
    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


class _State:
    holding = 0
    pending: int | None = None


def _handle(signum, frame) -> None:
    if _State.holding:
        _State.pending = _State.pending or signum
        return
    raise Interrupted(signum)


@contextmanager
def handled() -> Iterator[None]:
    """For the duration: SIGINT, SIGTERM and SIGHUP raise ``Interrupted``. Does nothing
    outside the main thread (only it can receive signals in Python)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _State.pending = None
    previous = {signum: signal.signal(signum, _handle) for signum in SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        _State.pending = None


@contextmanager
def deferred(raise_after: bool = True) -> Iterator[None]:
    """Hold those signals until the block is done, then raise ``Interrupted``
    (not ``raise_after``: a build already stopping ignores them)."""
    _State.holding += 1
    try:
        yield
    finally:
        _State.holding -= 1
    if not raise_after:
        _State.pending = None
    elif not _State.holding and _State.pending is not None:
        signum, _State.pending = _State.pending, None
        raise Interrupted(signum)



def exit_code(stop: KeyboardInterrupt) -> int:
    """128 + the signal's number (130 for a Ctrl-C Python itself raised)."""
    return stop.exit_code if isinstance(stop, Interrupted) else 130


def signal_name(stop: KeyboardInterrupt) -> str:
    return stop.name if isinstance(stop, Interrupted) else "SIGINT"
