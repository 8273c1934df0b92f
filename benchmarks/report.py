"""The machine, the numbers as a Markdown section, and RESULTS.md kept section by section."""

from __future__ import annotations

import os
import platform
import re
import statistics
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from .changes import Changes
from .corpus import DAY_SIZE
from .measure import Run


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    memory = "?"
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
        cpu = found.group(1).strip() if found else cpu
        total = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
        memory = f"{int(total.group(1)) / 1024 / 1024:.1f} GiB" if total else memory
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "python": platform.python_version(),
        "pelican": version("pelican"),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load": load,
    }


def row(name: str, runs: list[Run], stories: int) -> str:
    times = [r.seconds for r in runs]
    median = statistics.median(times)
    last = runs[-1]
    return (f"| {name} | {median:.2f} | {min(times):.2f}–{max(times):.2f} | "
            f"{stories / median:.0f} | {max(r.peak_mb for r in runs):.0f} | "
            f"{last.pages} | {last.files} | {last.bytes / 1e6:.1f} |")


def section(n: int, info: dict[str, str], plan: str, ours: list[Run], plain: list[Run],
            unchanged: list[Run], one_changed: list[Run],
            forced: list[Run] | None = None, round_full: list[Run] | None = None) -> str:
    """The Markdown for one benchmark run. ``round_full``: the full build that opened
    each incremental round, so each rebuild is compared with a build of its moment."""
    ratios = [a.seconds / b.seconds for a, b in zip(ours, plain, strict=True)]
    full = statistics.median(r.seconds for r in ours)
    lines = [
        f"## N = {n} stories ({info['date']})",
        "",
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory']}; "
        f"Python {info['python']}, Pelican {info['pelican']}; "
        f"load average at start {info['load']}.",
        f"Plan: {plan}.",
        "",
        "| build | median s | min–max s | stories/s | peak MB | pages | files | MB written |",
        "|---|---|---|---|---|---|---|---|",
        row("ours: full (empty cache)", ours, n),
        row("plain Pelican: full", plain, n),
    ]
    if unchanged:
        lines.append(row("ours: rebuild, nothing changed", unchanged, n))
    if forced:
        lines.append(row("ours: rebuild, nothing changed, `--force` (every page rendered "
                         "again from the content cache)", forced, n))
    if one_changed:
        lines.append(row("ours: rebuild, one seed changed", one_changed, n))
    lines += [
        "",
        "Ratio ours / plain per pair: " + ", ".join(f"{r:.2f}" for r in ratios)
        + f"; median **{statistics.median(ratios):.2f}**.",
    ]
    if unchanged and one_changed:
        lines.append(
            "Incremental, as a share of ours' median full build: nothing changed "
            f"**{statistics.median(r.seconds for r in unchanged) / full:.2f}**, "
            f"one seed changed **{statistics.median(r.seconds for r in one_changed) / full:.2f}**"
            + (f"; nothing changed with `--force` "
               f"**{statistics.median(r.seconds for r in forced) / full:.2f}**" if forced else "")
            + ".")
    if round_full and one_changed:
        def per_round(runs: list[Run]) -> str:
            shares = [r.seconds / f.seconds for r, f in zip(runs, round_full, strict=True)]
            return (", ".join(f"{s:.2f}" for s in shares)
                    + f" (median **{statistics.median(shares):.2f}**)")
        lines.append(
            "Incremental, each against the full build that opened its round ("
            + ", ".join(f"{r.seconds:.2f} s" for r in round_full) + "): nothing changed "
            + per_round(unchanged) + "; one seed changed " + per_round(one_changed)
            + (f"; with `--force` {per_round(forced)}" if forced else "") + ".")
    return "\n".join(lines) + "\n"


def daily_section(full: Run, updates: list[tuple[Run, Changes]]) -> str:
    """The daily updates after ``full``: time, share of the full build, memory, pages
    kept, and the files a static host would upload again (by kind)."""
    lines = [
        "",
        f"Daily updates ({DAY_SIZE} new stories a day, dated on the day after the corpus "
        f"and the days before, built over the previous output) after a full build of "
        f"{full.seconds:.2f} s ({full.peak_mb:.0f} MB, {full.pages} pages, "
        f"{full.files} files):",
        "",
        "| update | s | share of the full build | peak MB | kept | files to upload "
        "(new or changed) | same bytes, written again | what changed |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for day, (run, found) in enumerate(updates, start=1):
        name = f"day {day}" + (" (after a build from scratch)" if day == 1 else "")
        lines.append(
            f"| {name} | {run.seconds:.2f} | {run.seconds / full.seconds:.2f} | "
            f"{run.peak_mb:.0f} | {run.kept} of {run.written} | {found.uploaded} of "
            f"{run.files} | {sum(found.rewritten.values())}"
            + (f" ({found.rewritten_by_kind()})" if found.rewritten else "")
            + f" | {found.by_kind()} |")
    steady = [run.seconds / full.seconds for run, _ in updates[1:]]
    if steady:
        lines += ["", "A steady day (from day 2) costs "
                  f"**{statistics.median(steady):.2f}** of a full build (median)."]
    return "\n".join(lines) + "\n"


def update_results(path: Path, key: str, text: str) -> None:
    """Put ``text`` between ``<!-- key -->`` markers in ``path``, keeping everything else."""
    start, end = f"<!-- {key} -->", f"<!-- /{key} -->"
    block = f"{start}\n{text.rstrip()}\n{end}"
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    new = pattern.sub(lambda _m: block, old) if pattern.search(old) else (
        old.rstrip() + "\n\n" + block + "\n")
    path.write_text(new, encoding="utf-8")
