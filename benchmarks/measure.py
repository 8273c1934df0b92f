"""One build as a separate process: wall time, peak memory of the whole build, files.

Peak memory is that of the build and of every process it starts, measured together:
the build runs in a session of its own, and a thread sums the resident memory of
every process of that session (Python, Pagefind, ...) ten times a second; the peak
is the largest sum (never less than the largest single process, as the kernel
counts it: ``ru_maxrss`` of the children waited for).

A process that the build has just forked to start Pagefind, and that has not yet
replaced itself with Pagefind (``exec``), shows the build's own resident memory
(the same pages: with ``vfork`` the very same address space). It is not counted:
summing it doubled the build's memory for an instant, and a 100,000-story build,
which starts Pagefind a hundred times, was reported at twice its real peak.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
SAMPLE_SECONDS = 0.1


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float  # the build and every process it ran, together
    pages: int  # .html files
    files: int
    bytes: int
    code: int
    kept: int = 0  # pages and feeds kept from the previous build ("Kept N of M")
    written: int = 0  # of M


def output_size(folder: Path) -> tuple[int, int, int]:
    """Number of HTML pages, of files, and total bytes under ``folder``."""
    pages = files = total = 0
    for root, _dirs, names in os.walk(folder):
        for name in names:
            files += 1
            pages += name.endswith(".html")
            total += os.stat(os.path.join(root, name)).st_size
    return pages, files, total


def session_rss(session: int) -> int:
    """Resident bytes of every process in ``session``, summed; a fork that has not
    yet called ``exec`` counts as part of its parent (see the module's docstring)."""
    processes = {}  # pid -> (name, parent, virtual size, resident bytes)
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                head, _, rest = handle.read().rpartition(b")")
            fields = rest.split()
            # after the name: state ppid pgrp session ... vsize is field 23 and rss
            # field 24 (indexes 20 and 21 here)
            if int(fields[3]) == session:
                processes[int(entry.name)] = (head.partition(b"(")[2], int(fields[1]),
                                              int(fields[20]), int(fields[21]) * PAGE)
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
    return sum(rss for name, parent, vsize, rss in processes.values()
               if not _unexecuted_fork(name, vsize, processes.get(parent)))


def _unexecuted_fork(name: bytes, vsize: int, parent) -> bool:
    """A child with its parent's name and virtual size: forked, not yet exec'd."""
    return parent is not None and parent[0] == name and parent[2] == vsize


class PeakSampler:
    """The largest summed resident memory of a session, sampled in a thread."""

    def __init__(self, session: int):
        self.session = session
        self.peak = 0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._done.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, session_rss(self.session))
            self._done.wait(SAMPLE_SECONDS)


def _kept(log: Path, start: int) -> tuple[int, int]:
    """``Kept N of M pages and feeds`` from what the build printed after ``start``."""
    with open(log, "rb") as handle:
        handle.seek(start)
        text = handle.read().decode("utf-8", "replace")
    for line in reversed(text.splitlines()):
        if line.startswith("Kept ") and " of " in line:
            kept, _, rest = line[5:].partition(" of ")
            return int(kept), int(rest.split()[0])
    return 0, 0


def run_build(command: list[str], output: Path, *, cwd: Path, log: Path,
              env: dict[str, str] | None = None) -> Run:
    """Run ``command`` once in a session of its own; measure it and its processes."""
    with open(log, "ab") as sink:
        sink.write(("$ " + " ".join(command) + "\n").encode())
        sink.flush()
        start_of_log = sink.tell()
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=sink, stderr=subprocess.STDOUT,
                                   start_new_session=True, env=env)
        with PeakSampler(process.pid) as sampler:
            _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    pages, files, total = output_size(output) if output.exists() else (0, 0, 0)
    peak = max(sampler.peak, usage.ru_maxrss * 1024)
    kept, written = _kept(log, start_of_log)
    return Run(seconds, peak / 1024 / 1024, pages, files, total, process.returncode,
               kept, written)
