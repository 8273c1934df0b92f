"""A randomized differential test of rebuilds: a real project (its own settings file,
theme, taxonomy, sources file and content), changed at random as a curator or an
accident changes it, built over its previous output after each change and compared,
file by file, with a build of the same inputs from scratch (docs/rebuilding.md, "What
the differential test holds"; docs/development.md says how to run the long version).

Every change is drawn from its own seeded generator, so a sequence is replayed exactly
from its seed, and ``shrink`` removes steps and changes while the difference stays.
``python -m stale_hunt --seeds 0-99`` (from tests/) runs many sequences.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from pelican.log import LimitFilter
from stale_changes import CHANGES, Project

from news_digest.curator.build import build_site
from news_digest.seeds import headers

from sitebuild import PAGEFIND_SHUFFLED

__all__ = ["random_steps", "run", "shrink"]


# How the step builds, and what an accident does to the output beforehand.
MODES = ("in process", "in process", "in process", "subprocess", "interrupted", "touched",
         "page edited", "page deleted", "file added", "force", "record deleted",
         "record damaged")


@dataclass
class Step:
    changes: list[tuple[str, int]]  # (change, its generator's seed)
    mode: str
    mode_seed: int

    def __str__(self):
        return f"[{', '.join(c for c, _ in self.changes)}] {self.mode}"


def random_steps(seed: int, count: int) -> list[Step]:
    rng = random.Random(seed)
    kinds = sorted(CHANGES)
    return [Step([(rng.choice(kinds), rng.getrandbits(32))
                  for _ in range(rng.choice((1, 1, 2, 3)))],
                 rng.choice(MODES), rng.getrandbits(32)) for _ in range(count)]


# -- the builds --------------------------------------------------------------------------

def _in_process(conf: Path, content: Path, output: Path,
                overrides: dict | None = None) -> tuple[int, str]:
    LimitFilter._ignore.clear()  # Pelican de-duplicates log lines per process
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    err = io.StringIO()
    clock = headers.now  # the project's settings file sets its own: put back after
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = build_site(str(conf), str(content), str(output), overrides=overrides)
    finally:
        headers.now = clock
    if code in (130, 143):  # this process was interrupted: the build says so, and returns
        raise KeyboardInterrupt
    return code, err.getvalue()


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""


def _command(p: Project, *extra: str) -> list[str]:
    return [sys.executable, "-m", "news_digest", "build", "content", "-o", "output",
            "-s", "conf.py", *extra]


def _interrupted(p: Project, rng: random.Random) -> str:
    process = subprocess.Popen(_command(p), cwd=p.folder, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    delay = rng.uniform(0.3, 4.0)
    how = rng.choice((signal.SIGINT, signal.SIGTERM, signal.SIGKILL))
    time.sleep(delay)
    if process.poll() is None:
        os.killpg(process.pid, how)
    code = process.wait(300)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)  # a Pagefind it started
    return f"{how.name} after {delay:.1f} s (exit {code})"


def _cache_accident(p: Project, mode: str, rng: random.Random) -> str:
    records = sorted(x for x in (p.folder / "cache").glob("*/*") if x.is_file())
    if not records:
        return "no cache record"
    record = rng.choice(records)
    if mode == "record deleted":
        record.unlink()
    else:
        data = record.read_bytes()
        record.write_bytes(data[:len(data) // 2])
    return f"{mode}: {record.name}"


def _accident(p: Project, mode: str, rng: random.Random) -> str:
    if mode.startswith("record"):
        return _cache_accident(p, mode, rng)
    if mode == "file added":
        (p.folder / "output" / "stray.html").write_text("<p>left by hand</p>")
        return "file added: stray.html"
    pages = sorted(x for x in (p.folder / "output").rglob("*") if x.is_file())
    if not pages:
        return "no output to damage"
    page = rng.choice(pages)
    if mode == "page deleted":
        page.unlink()
    elif mode == "page edited":
        data = page.read_bytes()
        page.write_bytes(data.replace(b"</body>", b"<p>hand edit</p></body>")
                         if b"</body>" in data else data + b"\n")
    else:
        now = time.time_ns()
        os.utime(page, ns=(now, now))
    return f"{mode}: {page.relative_to(p.folder / 'output')}"


def tree(folder: Path) -> dict[str, bytes]:
    return {x.relative_to(folder).as_posix(): x.read_bytes() for x in sorted(folder.rglob("*"))
            if x.is_file() and not PAGEFIND_SHUFFLED.match(x.relative_to(folder).as_posix())}


def first_difference(rebuilt: dict[str, bytes], fresh: dict[str, bytes]) -> str | None:
    for name in sorted(set(rebuilt) | set(fresh)):
        if name not in rebuilt:
            return f"{name}: missing from the rebuild"
        if name not in fresh:
            return f"{name}: only in the rebuild"
        if rebuilt[name] != fresh[name]:
            a, b = rebuilt[name], fresh[name]
            at = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
            return (f"{name} differs at byte {at}: rebuild {a[max(0, at - 80):at + 80]!r}"
                    f" / fresh {b[max(0, at - 80):at + 80]!r}")
    return None


@dataclass
class Outcome:
    log: list[str]
    difference: str | None = None
    step: int | None = None
    builds: int = 0
    failed_builds: int = 0


def run(folder: Path, seed: int, steps: list[Step], *, search: bool = False,
        n: int = 30, stop_at_first: bool = True) -> Outcome:
    """Build the project, then for each step change it, build over the previous output
    and compare with a build from scratch. Returns the first difference, if any."""
    global _RUNS
    _RUNS += 1  # a folder of its own: a build's detached deleter may outlive the run
    folder = folder / f"run-{os.getpid()}-{_RUNS}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    try:
        return _run(folder, seed, steps, search, n, stop_at_first)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


_RUNS = 0


def _run(folder: Path, seed: int, steps: list[Step], search: bool, n: int,
         stop_at_first: bool) -> Outcome:
    p = Project(folder / "site", random.Random(seed), n=n, search=search)
    p.write()
    out = Outcome([])
    conf, content = p.folder / "conf.py", p.folder / "content"
    code, err = _in_process(conf, content, p.folder / "output")
    out.log.append(f"first build: exit {code} {_last_line(err) if code else ''}")
    pending_fix: list[str] = []
    pending_clock = False
    for number, step in enumerate(steps):
        did = []
        for name in pending_fix:  # an error seed is fixed at the next step
            if name in p.stories and p.stories[name].extra.get("Language") == "English":
                del p.stories[name].extra["Language"]
        if pending_clock:  # and a story dated after the clock is passed by it
            p.clock_day = max(p.clock_day, p.day + 2)
            did.append(f"clock to day {p.clock_day}")
        pending_fix, pending_clock = [], False
        for kind, change_seed in step.changes:
            did.append(CHANGES[kind](p, random.Random(change_seed)))
            if kind == "error":
                pending_fix.append(did[-1].split()[-1])
            pending_clock = pending_clock or kind == "future"
        p.write()
        rng = random.Random(step.mode_seed)
        if step.mode in ("page edited", "page deleted", "touched", "file added",
                         "record deleted", "record damaged"):
            did.append(_accident(p, step.mode, rng))
        if step.mode == "interrupted":
            did.append("interrupted build: " + _interrupted(p, rng))
        real = step.mode in ("subprocess", "force")
        if real or step.mode == "interrupted" and rng.random() < 0.5:
            done = subprocess.run(_command(p, *["--force"][:step.mode == "force"]),
                                  cwd=p.folder, capture_output=True, text=True, timeout=600)
            code, err = done.returncode, done.stderr
        else:
            code, err = _in_process(conf, content, p.folder / "output")
        out.builds += 1
        out.log.append(f"step {number}: {'; '.join(did)} -> {step.mode} build exit {code}"
                       + (f": {_last_line(err)}" if code else ""))
        fresh = folder / f"fresh-{number}"
        fresh_code, _ = _in_process(conf, content, fresh / "output",
                                    {"CACHE_PATH": str(fresh / "cache")})
        if code != 0:
            out.failed_builds += 1
            if fresh_code == 0:  # a refusal must be a build from scratch's too
                out.difference = "the rebuild failed where a build from scratch succeeds"
                out.step = number
                out.log.append(f"DIFFERENCE after step {number}: {out.difference}")
                if stop_at_first:
                    return out
                out.difference = None
            shutil.rmtree(fresh, ignore_errors=True)
            continue
        if fresh_code != 0:
            out.difference, out.step = f"the fresh build failed (exit {fresh_code})", number
        else:
            out.difference = first_difference(tree(p.folder / "output"), tree(fresh / "output"))
            out.step = number
        if out.difference:
            out.log.append(f"DIFFERENCE after step {number}: {out.difference}")
            if stop_at_first:
                return out
        out.difference = None
        shutil.rmtree(fresh, ignore_errors=True)
    out.step = None
    return out


def shrink(folder: Path, seed: int, steps: list[Step], **options) -> list[Step]:
    """Fewer steps and changes with a difference still (greedy, one removal at a time)."""
    def fails(candidate):
        return run(folder, seed, candidate, **options).difference is not None
    steps = list(steps)
    changed = True
    while changed:
        changed = False
        for i in range(len(steps)):
            trial = steps[:i] + steps[i + 1:]
            if trial and fails(trial):
                steps, changed = trial, True
                break
        for i, step in enumerate(steps):
            for j in range(len(step.changes)):
                if len(step.changes) == 1:
                    continue
                trial = [*steps[:i], Step(step.changes[:j] + step.changes[j + 1:], step.mode,
                                          step.mode_seed), *steps[i + 1:]]
                if fails(trial):
                    steps, changed = trial, True
                    break
        for i, step in enumerate(steps):
            if step.mode != "in process":
                trial = [*steps[:i], Step(step.changes, "in process", 0), *steps[i + 1:]]
                if fails(trial):
                    steps, changed = trial, True
    return steps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", default="0-9", help="a range of sequence seeds, a-b")
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--stories", type=int, default=30)
    parser.add_argument("--folder", default="/tmp/stale-hunt")
    parser.add_argument("--shrink", action="store_true")
    args = parser.parse_args(argv)
    first, _, last = args.seeds.partition("-")
    found = 0
    for seed in range(int(first), int(last or first) + 1):
        steps = random_steps(seed, args.steps)
        search = seed % 4 == 3
        started = time.monotonic()
        try:
            out = run(Path(args.folder), seed, steps, search=search, n=args.stories)
        except Exception as error:  # the harness's own failure: report it, go on
            print(f"seed {seed}: the harness failed: {error!r}", flush=True)
            found += 1
            continue
        print(f"seed {seed}{' (search)' if search else ''}: {out.builds} builds, "
              f"{out.failed_builds} refused, {time.monotonic() - started:.0f} s: "
              f"{'DIFFERENCE' if out.difference else 'same'}", flush=True)
        if out.difference:
            found += 1
            print("\n".join("  " + line for line in out.log), flush=True)
            if args.shrink:
                small = shrink(Path(args.folder), seed, steps[:out.step + 1], search=search,
                               n=args.stories)
                print(f"  shrunk to {len(small)} steps:", flush=True)
                print("\n".join(f"    {s} {s.changes}" for s in small), flush=True)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
