"""The digest at scale: a build from scratch, then the daily job, day after day.

``make bench N=100000`` (or ``python -m benchmarks.run --scale``): ours only (plain
Pelican would take the better part of an hour per pair). The corpus is written once
and kept in the work folder for the next run (less the days added). Measured: the
build from scratch, then ``--days`` daily updates of ``DAY_SIZE`` new stories dated
on the next day, each over the previous output: time, peak memory of the whole build
(every process, Pagefind included), pages kept, and the files a static host would
upload again, by kind.

``--check`` then proves, on that site, that an update writes exactly what a build
from scratch writes, after each kind of change: a story added (dated today, and
dated into an old edition), edited, removed; a template changed; a setting changed.
Each update is compared file by file with a build from scratch of the same content
(Pagefind's shuffled files aside).
"""

from __future__ import annotations

import re
import shutil
import statistics
from collections.abc import Callable
from pathlib import Path

from .measure import Run, run_build

# Pagefind writes its filter maps in a random order (hashed names and the entry file
# naming them change); every other byte of a build is reproducible.
PAGEFIND_SHUFFLED = re.compile(r"pagefind(-\d+)?/(filter/|pagefind\.|pagefind-entry\.json)")


def at_scale(bench, info: dict, args) -> str:
    bench.forget_days()
    print("a build from scratch ...", flush=True)
    full = bench.ours_full()
    print(f"from scratch: {full.seconds:.1f} s, {full.peak_mb:.0f} MB, {full.pages} pages",
          flush=True)
    updates = []
    for _ in range(args.days):
        run, found = bench.daily()
        updates.append((run, found))
        print(f"day {bench.days}: {run.seconds:.1f} s, {run.peak_mb:.0f} MB, kept {run.kept} "
              f"of {run.written}, {found.uploaded} files to upload ({found.by_kind()})",
              flush=True)
    checks = check_changes(bench) if args.check else []
    return scale_section(bench.n, info, full, updates, checks)


def scale_section(n: int, info: dict, full: Run, updates: list, checks: list) -> str:
    from .report import daily_section  # noqa: PLC0415 - report imports this module's peers

    lines = [
        f"## N = {n} stories, at scale ({info['date']})",
        "",
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory']}; "
        f"Python {info['python']}, Pelican {info['pelican']}; "
        f"load average at start {info['load']}.",
        "",
        "| build | s | peak MB (every process) | pages | files | MB written |",
        "|---|---|---|---|---|---|",
        f"| ours: from scratch (empty cache and output) | {full.seconds:.1f} | "
        f"{full.peak_mb:.0f} | {full.pages} | {full.files} | {full.bytes / 1e6:.0f} |",
    ]
    text = "\n".join(lines) + "\n" + daily_section(full, updates)
    if updates[1:]:
        steady = statistics.median(run.seconds for run, _ in updates[1:])
        text += (f"Steady daily update: {steady:.1f} s against {full.seconds:.1f} s from "
                 f"scratch; peak {max(run.peak_mb for run, _ in updates):.0f} MB.\n")
    if checks:
        text += "\nAn update against a build from scratch of the same content:\n\n"
        text += "| change | update s | kept | files compared | differing |\n|---|---|---|---|---|\n"
        for name, run, compared, differing in checks:
            text += (f"| {name} | {run.seconds:.1f} | {run.kept} of {run.written} | "
                     f"{compared} | {len(differing)}"
                     + (f": {', '.join(differing[:5])}" if differing else "") + " |\n")
    return text


# -- the check: an update writes what a build from scratch writes ------------------

def _story_files(bench) -> list[Path]:
    return sorted((bench.seeds / "articles").glob("*.txt"))


def _add_today(bench, saved: dict) -> None:
    from .corpus import write_day  # noqa: PLC0415

    bench.days += 1
    write_day(bench.corpus, bench.n, bench.days, size=1)


def _add_backdated(bench, saved: dict) -> None:
    """A story dated into an edition a year before the corpus ends: it lands in old
    listing pages, not on top of them."""
    source = _story_files(bench)[len(_story_files(bench)) // 2]
    text = source.read_text(encoding="utf-8").replace("](https://", "](https://late.", 1)
    (source.parent / f"{source.stem}-late.txt").write_text(
        text.replace("# ", "# Late: ", 1), encoding="utf-8")


def _edit(bench, saved: dict) -> None:
    path = _story_files(bench)[len(_story_files(bench)) // 3]
    saved.setdefault(path, path.read_bytes())
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("A correction was added to this story.\n")


def _remove(bench, saved: dict) -> None:
    path = _story_files(bench)[len(_story_files(bench)) // 4]
    saved.setdefault(path, path.read_bytes())
    path.unlink()


def _template(bench, saved: dict) -> None:
    item = bench.theme / "templates" / "partials" / "story_item.html"
    item.write_text(item.read_text(encoding="utf-8").replace(
        'class="story-summary"', 'class="story-summary checked"'), encoding="utf-8")


def _setting(bench, saved: dict) -> None:
    with open(bench.ours_conf, "a", encoding="utf-8") as handle:
        handle.write('SITE_DESCRIPTION = "A digest checked at scale."\n')


CHANGES: dict[str, Callable] = {
    "story added, dated today": _add_today,
    "story added, dated a year back": _add_backdated,
    "story edited": _edit,
    "story removed": _remove,
    "template changed": _template,
    "setting changed": _setting,
}


def _tree(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*")
            if p.is_file() and not PAGEFIND_SHUFFLED.match(p.relative_to(folder).as_posix())}


def _differing(one: Path, two: Path) -> tuple[int, list[str]]:
    first, second = _tree(one), _tree(two)
    differing = sorted(set(first) ^ set(second))
    for name in sorted(set(first) & set(second)):
        a, b = first[name], second[name]
        if a.stat().st_size != b.stat().st_size or a.read_bytes() != b.read_bytes():
            differing.append(name)
    return len(set(first) | set(second)), differing


def check_changes(bench) -> list[tuple[str, Run, int, list[str]]]:
    results = []
    fresh_out, fresh_cache = bench.work / "out-fresh", bench.work / "cache-fresh"
    fresh_conf = bench.work / "fresh_conf.py"
    fresh_conf.write_text(f"import sys\nsys.path.insert(0, {str(bench.work)!r})\n"
                          f"from ours_conf import *  # noqa: F403\n"
                          f"CACHE_PATH = {str(fresh_cache)!r}\n")
    fresh_cmd = [*bench.ours_cmd[:4], str(bench.seeds), "-o", str(fresh_out),
                 "-s", str(fresh_conf)]
    saved: dict[Path, bytes] = {}  # the corpus' files as they were, put back at the end
    for name, change in CHANGES.items():
        change(bench, saved)
        run = bench.ours_again()
        shutil.rmtree(fresh_out, ignore_errors=True)
        shutil.rmtree(fresh_cache, ignore_errors=True)
        bench._checked(run_build(fresh_cmd, fresh_out, cwd=bench.root, log=bench.log,
                                 env=bench.env), "fresh")
        compared, differing = _differing(bench.out_ours, fresh_out)
        print(f"check, {name}: update {run.seconds:.1f} s, kept {run.kept} of {run.written}; "
              f"{compared} files compared, {len(differing)} differ {differing[:5]}",
              flush=True)
        results.append((name, run, compared, differing))
    shutil.rmtree(fresh_out, ignore_errors=True)
    shutil.rmtree(fresh_cache, ignore_errors=True)
    _restore(bench, saved)
    return results


def _restore(bench, saved: dict[Path, bytes]) -> None:
    """Undo the check's changes: the corpus as written, theme and settings anew."""
    bench.reset_project()
    for path in (bench.seeds / "articles").glob("*-late.txt"):
        path.unlink()
    for path, data in saved.items():
        path.write_bytes(data)
    bench.forget_days()

