"""One build as a separate process: wall time, peak memory (ru_maxrss), files and bytes."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float  # the build process's own peak resident set
    pages: int  # .html files
    files: int
    bytes: int
    code: int


def output_size(folder: Path) -> tuple[int, int, int]:
    """Number of HTML pages, of files, and total bytes under ``folder``."""
    pages = files = total = 0
    for root, _dirs, names in os.walk(folder):
        for name in names:
            files += 1
            pages += name.endswith(".html")
            total += os.stat(os.path.join(root, name)).st_size
    return pages, files, total


def run_build(command: list[str], output: Path, *, cwd: Path, log: Path) -> Run:
    """Run ``command`` once, wait with ``os.wait4`` and read the child's own rusage."""
    with open(log, "ab") as sink:
        sink.write(("$ " + " ".join(command) + "\n").encode())
        sink.flush()
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=sink, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    pages, files, total = output_size(output) if output.exists() else (0, 0, 0)
    return Run(seconds, usage.ru_maxrss / 1024, pages, files, total, process.returncode)
