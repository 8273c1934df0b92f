"""``make bench``: build the same N stories with the digest and with plain Pelican.

Each build is its own process. After one warm-up build of each, the two builds
alternate (ours, plain, ours, plain, ...) so a busy machine hurts both alike;
then ours is rebuilt from its content cache with nothing changed and with one
changed seed, and the daily job is timed: a day's new stories added and built over
the previous output, counting the files the update changed. The numbers are
printed and written into RESULTS.md.

At scale (``--scale``, and any N from ``SCALE_FROM``) plain Pelican is left out (a
pair would take the better part of an hour): ours is built from scratch, then
updated day after day (``scale.py``), and ``--check`` proves on that site that an
update writes what a build from scratch writes after each kind of change.
"""

from __future__ import annotations

import argparse
import io
import os
import pstats
import shutil
import sys
from pathlib import Path

from .changes import Changes, changes, snapshot
from .corpus import remove_days, stories, write_corpus, write_day
from .measure import Run, run_build
from .report import daily_section, machine, section, update_results
from .topics_speed import classification_rate

ROOT = Path(__file__).resolve().parents[1]

OURS_CONF = """\
# Written by benchmarks/run.py: the project's pelicanconf.py, cache in the work folder.
import sys
sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa: F403

THEME = {theme!r}
PLUGIN_PATHS = [{plugins!r}]
CACHE_PATH = {cache!r}
DIGEST_TOPICS_FILE = {topics!r}
"""

# Plain Pelican: its default theme and default settings, plus what a blog needs
# to be comparable with ours (relative links, pagination like ours, UTC dates).
PLAIN_CONF = """\
# Written by benchmarks/run.py: plain Pelican, default theme and settings.
SITENAME = "Plain Pelican"
TIMEZONE = "UTC"
RELATIVE_URLS = True
DEFAULT_PAGINATION = 20
"""


class Bench:
    """The builds of one benchmark. ``root``: the project whose plugin, theme and
    settings build "ours" (another checkout, to measure it on the same corpus);
    ``reuse_corpus``: keep a complete corpus already in ``work`` (at scale: writing
    100,000 stories twice takes minutes), less the days added by an earlier run."""

    def __init__(self, n: int, work: Path, log: Path, root: Path = ROOT,
                 reuse_corpus: bool = False):
        self.n = n
        self.work = work
        self.log = log
        self.root = root
        self.corpus = work / "corpus"
        self.seeds, self.markdown = self._corpus(reuse_corpus)
        self.cache = work / "cache"
        self.out_ours, self.out_plain = work / "out-ours", work / "out-plain"
        self.ours_conf, self.plain_conf = work / "ours_conf.py", work / "plain_conf.py"
        self.theme = work / "theme"  # a copy: the scale check edits a template
        self.reset_project()
        self.plain_conf.write_text(PLAIN_CONF)
        pelican = Path(sys.executable).with_name("pelican")
        self.ours_cmd = [sys.executable, "-m", "news_digest", "build", str(self.seeds),
                         "-o", str(self.out_ours), "-s", str(self.ours_conf)]
        self.plain_cmd = [str(pelican) if pelican.exists() else "pelican", str(self.markdown),
                          "-o", str(self.out_plain), "-s", str(self.plain_conf), "-q"]
        # Another project's plugin: found first on the path of the builds of ours.
        self.env = None if root == ROOT else {
            **os.environ, "PYTHONPATH": os.pathsep.join([str(root / "plugins"), str(root)])}
        self.days = 0
        self.discarded = work / "discarded"
        shutil.rmtree(self.discarded, ignore_errors=True)

    def clear(self, folder: Path) -> None:
        """Move a previous build's folder aside; ``discard`` deletes them all at the end.

        Deleting it here would charge the next build for it: ext4 skips inodes freed in
        the last minutes when it makes files (``recently_deleted``: 17 % of a 1,000-story
        build's samples under perf, 7 December), so a build right after deleting 27,000
        files paid seconds of system time that a build on a fresh clone does not, and the
        build that makes more files paid more of it."""
        if folder.exists():
            self.discarded.mkdir(exist_ok=True)
            folder.rename(self.discarded / str(len(os.listdir(self.discarded))))

    def discard(self) -> None:
        shutil.rmtree(self.discarded, ignore_errors=True)

    def reset_project(self) -> None:
        """Our settings file and theme (a copy of the project's), as the project has them."""
        shutil.rmtree(self.theme, ignore_errors=True)
        shutil.copytree(self.root / "theme", self.theme)
        self.ours_conf.write_text(OURS_CONF.format(
            root=str(self.root), theme=str(self.theme), plugins=str(self.root / "plugins"),
            cache=str(self.cache), topics=str(self.root / "topics.toml")))

    def _corpus(self, reuse: bool) -> tuple[Path, Path]:
        done = self.corpus / "complete"
        if reuse and done.is_file() and done.read_text() == f"{self.n}\n":
            remove_days(self.corpus, self.n)
            return self.corpus / "seeds", self.corpus / "markdown"
        done.unlink(missing_ok=True)
        folders = write_corpus(self.n, self.corpus)
        done.write_text(f"{self.n}\n")
        return folders

    def _checked(self, run: Run, what: str) -> Run:
        if run.code != 0:
            raise SystemExit(f"{what} build failed (exit {run.code}); see {self.log}")
        return run

    def ours_full(self) -> Run:
        self.clear(self.cache)
        self.clear(self.out_ours)
        return self._checked(run_build(self.ours_cmd, self.out_ours, cwd=self.root,
                                       log=self.log, env=self.env), "our")

    def plain_full(self) -> Run:
        self.clear(self.out_plain)
        return self._checked(run_build(self.plain_cmd, self.out_plain, cwd=self.work,
                                       log=self.log), "plain Pelican")

    def ours_again(self, force: bool = False) -> Run:
        """A rebuild over the previous output, with the cache the previous build left.

        ``force``: render everything again even when nothing changed (the build
        otherwise stops early when its inputs and output are unchanged).
        """
        command = [*self.ours_cmd, "--force"] if force else self.ours_cmd
        return self._checked(run_build(command, self.out_ours, cwd=self.root, log=self.log,
                                       env=self.env), "our incremental")

    def daily(self) -> tuple[Run, Changes]:
        """The next day's new stories (``DAY_SIZE``, dated after the corpus and the
        days before), built over the previous output; what the update changed."""
        before = snapshot(self.out_ours, self.work / "out-before")
        self.days += 1
        write_day(self.corpus, self.n, self.days)
        run = self.ours_again()
        found = changes(before, self.out_ours)
        self.clear(before)
        return run, found

    def forget_days(self) -> None:
        remove_days(self.corpus, self.n)
        self.days = 0

    def change_one_seed(self, index: int) -> None:
        files = sorted((self.seeds / "articles").glob("*.txt"))
        path = files[index * 7919 % len(files)]
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"An update added to the story for the benchmark, round {index}.\n")

    def profile(self, top: int = 30) -> str:
        """One full build of ours under cProfile (empty cache and output, as ``ours_full``);
        the top functions by cumulative time."""
        shutil.rmtree(self.cache, ignore_errors=True)
        shutil.rmtree(self.out_ours, ignore_errors=True)
        stats_file = self.work / "profile.out"
        command = [sys.executable, "-m", "cProfile", "-o", str(stats_file), *self.ours_cmd[1:]]
        self._checked(run_build(command, self.out_ours, cwd=self.root, log=self.log,
                                env=self.env), "profiled")
        text = io.StringIO()
        stats = pstats.Stats(str(stats_file), stream=text)
        stats.strip_dirs().sort_stats("cumulative").print_stats(top)
        body = text.getvalue()
        return body[body.find("   ncalls"):] if "   ncalls" in body else body


SCALE_FROM = 50_000  # stories: from here on, ``make bench`` measures at scale


def options(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--n", type=int, default=1000, help="stories (default 1000)")
    parser.add_argument("--pairs", type=int, default=5, help="A/B pairs (at least 3)")
    parser.add_argument("--rounds", type=int, default=3, help="incremental rebuild rounds")
    parser.add_argument("--days", type=int, default=3,
                        help="daily updates after a full build (the first one after a build "
                             "from scratch, then steady days)")
    parser.add_argument("--quick", action="store_true",
                        help="prove it works: no warm-up, 1 pair, 1 incremental round, 2 days")
    parser.add_argument("--scale", action="store_true",
                        help=f"ours only: a build from scratch and daily updates (the default "
                             f"from N={SCALE_FROM}); the corpus is kept for the next run")
    parser.add_argument("--check", action="store_true",
                        help="at scale: after the updates, prove that an update writes what a "
                             "build from scratch writes, after each kind of change")
    parser.add_argument("--profile", action="store_true",
                        help="also profile one build of ours (cProfile) into RESULTS.md")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the project whose plugin, theme and settings are ours "
                             "(another checkout, measured on the same corpus)")
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "work")
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    args = parser.parse_args(argv)
    args.root = args.root.resolve()
    if args.quick:
        args.pairs, args.rounds, args.days = 1, 1, min(args.days, 2)
    elif args.pairs < 3:
        parser.error("--pairs must be at least 3 (use --quick for a smoke run)")
    if args.days < 1:
        parser.error("--days must be at least 1")
    args.scale = args.scale or args.n >= SCALE_FROM
    if args.check and not args.scale:
        parser.error("--check goes with --scale")
    return args


def main(argv: list[str] | None = None) -> int:
    args = options(argv)
    work = args.work / (f"n{args.n}" if args.root == ROOT else f"n{args.n}-{args.root.name}")
    work.mkdir(parents=True, exist_ok=True)
    log = work / "builds.log"
    log.write_text("")
    info = machine()
    print(f"writing {args.n} stories into {work}/corpus ...", flush=True)
    bench = Bench(args.n, work, log, args.root, reuse_corpus=args.scale)
    try:
        if args.scale:
            from .scale import at_scale  # noqa: PLC0415 - the scale run's own steps

            text = at_scale(bench, info, args)
            key = f"scale N={args.n}"
        else:
            text = pairs_and_rounds(bench, info, args)
            key = f"bench N={args.n}"
    finally:
        bench.discard()
    if args.root != ROOT:
        text = text.replace("\n", f" (built with {args.root})\n", 1)
        key += f" {args.root.name}"
    print()
    print(text)
    update_results(args.results, key, text)
    if args.profile:
        print("profiling one build of ours ...", flush=True)
        top = bench.profile()
        update_results(args.results, f"profile N={args.n}",
                       f"### Profile of one full build of ours, N = {args.n} "
                       f"({info['date']}), top functions by cumulative time\n\n"
                       f"```text\n{top.rstrip()}\n```\n")
        print(top)
    print(f"results written to {args.results}")
    return 0


def pairs_and_rounds(bench: Bench, info: dict, args: argparse.Namespace) -> str:
    if not args.quick:
        print("warm-up ...", flush=True)
        bench.ours_full()
        bench.plain_full()
    ours, plain = [], []
    for pair in range(1, args.pairs + 1):
        ours.append(bench.ours_full())
        plain.append(bench.plain_full())
        print(f"pair {pair}: ours {ours[-1].seconds:.2f} s, plain {plain[-1].seconds:.2f} s",
              flush=True)
    unchanged, forced, one_changed, round_full = [], [], [], []
    for index in range(args.rounds):
        # Each round opens with a full build, so each rebuild is compared with a build
        # of its own moment (the load of a shared machine drifts over a long run).
        round_full.append(bench.ours_full())
        unchanged.append(bench.ours_again())
        forced.append(bench.ours_again(force=True))
        bench.change_one_seed(index)
        one_changed.append(bench.ours_again())
        print(f"incremental {index + 1}: full {round_full[-1].seconds:.2f} s, "
              f"nothing changed {unchanged[-1].seconds:.2f} s, "
              f"with --force {forced[-1].seconds:.2f} s, "
              f"one seed changed {one_changed[-1].seconds:.2f} s", flush=True)
    days = daily_updates(bench, args.days)
    plan = ("smoke run (--quick): no warm-up, 1 pair, 1 incremental round" if args.quick else
            f"1 warm-up each, {args.pairs} pairs alternating ours/plain, "
            f"{args.rounds} incremental rounds (each: full build, rebuild with nothing "
            "changed, with `--force`, with one seed changed)")
    plan += f", then a full build and {args.days} daily updates"
    topics = classification_rate([s.seed for s in stories(args.n)],
                                 args.root / "pelicanconf.py")
    text = section(args.n, info, plan, ours, plain, unchanged, one_changed, forced, round_full)
    text += daily_section(*days)
    text += f"Topic classification on its own: {topics}.\n"
    return text


def daily_updates(bench: Bench, days: int) -> tuple[Run, list[tuple[Run, Changes]]]:
    """A full build, then ``days`` daily updates over its output (the days' stories
    are removed from the corpus afterwards)."""
    bench.forget_days()
    full = bench.ours_full()
    print(f"daily: full build {full.seconds:.2f} s", flush=True)
    updates = []
    for _ in range(days):
        run, found = bench.daily()
        updates.append((run, found))
        print(f"day {bench.days}: {run.seconds:.2f} s, kept {run.kept} of {run.written}, "
              f"{found.uploaded} files to upload ({found.by_kind()})", flush=True)
    bench.forget_days()
    return full, updates


if __name__ == "__main__":
    raise SystemExit(main())
