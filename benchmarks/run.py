"""``make bench``: build the same N stories with the digest and with plain Pelican.

Each build is its own process. After one warm-up build of each, the two builds
alternate (ours, plain, ours, plain, ...) so a busy machine hurts both alike;
then ours is rebuilt from its content cache with nothing changed and with one
changed seed. The numbers are printed and written into RESULTS.md.
"""

from __future__ import annotations

import argparse
import io
import pstats
import shutil
import sys
from pathlib import Path

from .corpus import stories, write_corpus
from .measure import Run, run_build
from .report import machine, section, update_results
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
    def __init__(self, n: int, work: Path, log: Path):
        self.n = n
        self.work = work
        self.log = log
        self.seeds, self.markdown = write_corpus(n, work / "corpus")
        self.cache = work / "cache"
        self.out_ours, self.out_plain = work / "out-ours", work / "out-plain"
        self.ours_conf, self.plain_conf = work / "ours_conf.py", work / "plain_conf.py"
        self.ours_conf.write_text(OURS_CONF.format(
            root=str(ROOT), theme=str(ROOT / "theme"), plugins=str(ROOT / "plugins"),
            cache=str(self.cache), topics=str(ROOT / "topics.toml")))
        self.plain_conf.write_text(PLAIN_CONF)
        pelican = Path(sys.executable).with_name("pelican")
        self.ours_cmd = [sys.executable, "-m", "news_digest", "build", str(self.seeds),
                         "-o", str(self.out_ours), "-s", str(self.ours_conf)]
        self.plain_cmd = [str(pelican) if pelican.exists() else "pelican", str(self.markdown),
                          "-o", str(self.out_plain), "-s", str(self.plain_conf), "-q"]

    def _checked(self, run: Run, what: str) -> Run:
        if run.code != 0:
            raise SystemExit(f"{what} build failed (exit {run.code}); see {self.log}")
        return run

    def ours_full(self) -> Run:
        shutil.rmtree(self.cache, ignore_errors=True)
        shutil.rmtree(self.out_ours, ignore_errors=True)
        return self._checked(run_build(self.ours_cmd, self.out_ours, cwd=ROOT, log=self.log),
                             "our")

    def plain_full(self) -> Run:
        shutil.rmtree(self.out_plain, ignore_errors=True)
        return self._checked(run_build(self.plain_cmd, self.out_plain, cwd=self.work,
                                       log=self.log), "plain Pelican")

    def ours_again(self, force: bool = False) -> Run:
        """A rebuild over the previous output, with the cache the previous build left.

        ``force``: render everything again even when nothing changed (the build
        otherwise stops early when its inputs and output are unchanged).
        """
        command = [*self.ours_cmd, "--force"] if force else self.ours_cmd
        return self._checked(run_build(command, self.out_ours, cwd=ROOT, log=self.log),
                             "our incremental")

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
        self._checked(run_build(command, self.out_ours, cwd=ROOT, log=self.log), "profiled")
        text = io.StringIO()
        stats = pstats.Stats(str(stats_file), stream=text)
        stats.strip_dirs().sort_stats("cumulative").print_stats(top)
        body = text.getvalue()
        return body[body.find("   ncalls"):] if "   ncalls" in body else body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--n", type=int, default=1000, help="stories (default 1000)")
    parser.add_argument("--pairs", type=int, default=5, help="A/B pairs (at least 3)")
    parser.add_argument("--rounds", type=int, default=3, help="incremental rebuild rounds")
    parser.add_argument("--quick", action="store_true",
                        help="prove it works: no warm-up, 1 pair, 1 incremental round")
    parser.add_argument("--profile", action="store_true",
                        help="also profile one build of ours (cProfile) into RESULTS.md")
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "work")
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    args = parser.parse_args(argv)
    if args.quick:
        args.pairs, args.rounds = 1, 1
    elif args.pairs < 3:
        parser.error("--pairs must be at least 3 (use --quick for a smoke run)")
    work = args.work / f"n{args.n}"
    work.mkdir(parents=True, exist_ok=True)
    log = work / "builds.log"
    log.write_text("")
    info = machine()
    print(f"writing {args.n} stories into {work}/corpus ...", flush=True)
    bench = Bench(args.n, work, log)
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
    plan = ("smoke run (--quick): no warm-up, 1 pair, 1 incremental round" if args.quick else
            f"1 warm-up each, {args.pairs} pairs alternating ours/plain, "
            f"{args.rounds} incremental rounds (each: full build, rebuild with nothing "
            "changed, with `--force`, with one seed changed)")
    topics = classification_rate([s.seed for s in stories(args.n)], ROOT / "pelicanconf.py")
    text = section(args.n, info, plan, ours, plain, unchanged, one_changed, forced, round_full)
    text += f"Topic classification on its own: {topics}.\n"
    print()
    print(text)
    update_results(args.results, f"bench N={args.n}", text)
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


if __name__ == "__main__":
    raise SystemExit(main())
