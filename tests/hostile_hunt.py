"""A randomized hunt for what hostile and broken seeds do to a site: a batch of seeds
from ``hostile_gen.batch`` is read one by one, built into a real site twice, checked by
``check`` and ``explain``, and every output is read back (``hostile_checks``).

``run_batch(seed, count, folder)`` returns the problems found, one line each.
``python -m hostile_hunt --seeds 0-99`` (from tests/) runs many batches and prints the
mutations of each seed file named in a problem, to replay it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
from hostile_checks import outside_files, site_problems, snapshot
from hostile_feeds import feeds
from hostile_gen import Story, batch
from hostile_search import browser_problems, index_problems

from news_digest.enrich.publishers import publisher_key
from news_digest.seeds import headers
from news_digest.seeds.format import SeedError, parse_seed

from sitebuild import ROOT, build, stable_tree

__all__ = ["run_batch"]


def _read(stories: list[Story], articles: Path) -> tuple[dict, list[str]]:
    """Each seed as the parser sees it: (file name -> Seed or the SeedError), problems."""
    verdicts, problems = {}, []
    for story in stories:
        path = articles / story.name
        try:
            verdicts[story.name] = parse_seed(story.write(), str(path))
        except SeedError as error:
            verdicts[story.name] = error
            if not (str(error).startswith(f"{path}:{error.line}: ") and error.line >= 1):
                problems.append(f"{story.name}: refused without file:line: {error}")
        except Exception as error:  # noqa: BLE001 (what the hunt looks for)
            problems.append(f"{story.name}: the parser raised {error!r} ({story.mutations})")
    return verdicts, problems


def _cli(folder: Path, *args: str) -> tuple[int, str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    done = subprocess.run([sys.executable, "-m", "news_digest", *args], cwd=folder, env=env,
                          capture_output=True, timeout=600, check=False)
    return (done.returncode, done.stdout.decode("utf-8", "replace"),
            done.stderr.decode("utf-8", "replace"))


def _literal(site_output: Path, verdicts: dict) -> list[str]:
    """Every story listed in stories.json is an accepted seed, its headline as written
    on its page's <h1>."""
    problems = []
    titles = {v.title for v in verdicts.values() if not isinstance(v, SeedError)}
    for story in json.loads((site_output / "stories.json").read_bytes())["stories"]:
        if story["headline"] not in titles:
            problems.append(f"stories.json: headline {story['headline'][:60]!r} is no seed's")
        page = site_output / story["url"].split("/", 3)[-1]
        if page.is_file():
            h1 = lxml.html.fromstring(page.read_bytes()).xpath("string(//h1)")
            if h1 != story["headline"]:
                problems.append(f"{story['url']}: <h1> {h1[:60]!r} is not the headline "
                                f"{story['headline'][:60]!r}")
        else:
            problems.append(f"stories.json: no page at {story['url']}")
    listed = [a.text_content() for a in lxml.html.fromstring(
        (site_output / "sources" / "index.html").read_bytes()).xpath("//main//li//a")]
    if len({publisher_key(name) for name in listed}) != len(listed):
        problems.append(f"sources/index.html: publishers no reader tells apart: {listed}")
    return problems


def run_batch(seed: int, count: int, top: Path, cli: bool = True,
              search: bool = False) -> list[str]:
    """The project is built in ``top/site``: a file written beside it (a '..' in a
    path) is found too, as any file written in ``top`` or the working folder.
    ``search``: with its search index, checked too (``hostile_search``)."""
    stories = batch(seed, count)
    folder = top / "site"
    articles = folder / "content" / "articles"
    verdicts, problems = _read(stories, articles)
    files = {s.name: s.write() for s in stories}
    before, here = snapshot(top), set(os.listdir("."))
    clock = headers.now
    try:
        site = build(folder, files, settings={"DIGEST_STRICT": False}, search=search)
    finally:
        headers.now = clock
    problems += [f"{problem} (in {folder})" for problem in outside_files(
        before, top, ("site/output", "site/cache", "site/content", "site/sources.toml"))]
    problems += [f"written in the working folder: {name}"
                 for name in sorted(set(os.listdir(".")) - here)]
    if site.code != 0 or "Traceback" in site.stderr:
        return problems + [f"build failed ({site.code}): {site.stderr[-2000:]}"]
    said = "\n".join(site.warnings)
    for name, verdict in verdicts.items():
        if isinstance(verdict, SeedError) and f"{articles / name}:{verdict.line}: " not in said:
            problems.append(f"{name}: refused by the parser at line {verdict.line}, "
                            "the build did not say so")
    problems += site_problems(site.output)
    problems += _literal(site.output, verdicts)
    if search:
        problems += index_problems(site.output) + browser_problems(site.output)
    first = stable_tree(site.output)
    shutil.rmtree(folder / "cache")
    again = build(top / "again", files, settings={"DIGEST_STRICT": False}, search=search)
    second = stable_tree(again.output)
    problems += [f"{rel}: differs between two builds of the same seeds"
                 for rel in sorted(set(first) | set(second)) if first.get(rel) != second.get(rel)]
    if any(isinstance(v, SeedError) for v in verdicts.values()):
        problems += _strict_problems(top / "strict", files, verdicts)
    if cli:
        problems += _cli_problems(folder, articles, verdicts)
    return problems


def _strict_problems(folder: Path, files: dict, verdicts: dict) -> list[str]:
    """``DIGEST_STRICT`` (the default): a refused seed fails the build, cleanly, named."""
    clock = headers.now
    try:
        site = build(folder, files)
    finally:
        headers.now = clock
    said = "\n".join(site.warnings) + site.stderr
    problems = [] if site.code != 0 else ["the strict build passed with refused seeds"]
    if "Traceback" in site.stderr:
        problems.append(f"the strict build failed with a traceback: {site.stderr[-1500:]}")
    problems += [f"{name}: refused, not named by the strict build" for name, v in verdicts.items()
                 if isinstance(v, SeedError) and f"{name}:{v.line}: " not in said]
    return problems


def _cli_problems(folder: Path, articles: Path, verdicts: dict) -> list[str]:
    problems = []
    refused = sorted(n for n, v in verdicts.items() if isinstance(v, SeedError))
    conf = str(ROOT / "pelicanconf.py")
    code, out, err = _cli(folder, "check", "-s", conf, "content/articles")
    if "Traceback" in err + out or code != (1 if refused else 0):
        problems.append(f"check: exit {code}: {(err + out)[-1500:]}")
    for name in refused:
        if f"content/articles/{name}:{verdicts[name].line}: " not in err + out:
            problems.append(f"check: {name} refused at line {verdicts[name].line} by the "
                            "build, not by check")
    seeds = [f"content/articles/{name}" for name in sorted(verdicts)]
    for extra in ((), ("--cluster",)):
        code, out, err = _cli(folder, "explain", "-s", conf, *extra, *seeds)
        if "Traceback" in err + out or code not in (0, 1):
            problems.append(f"explain {' '.join(extra)}: exit {code}: {(err + out)[-1500:]}")
    return problems


def import_batch(seed: int, count: int, folder: Path) -> list[str]:
    """Import hostile feeds (``hostile_feeds``) with ``import``, then build what it wrote:
    every seed it writes must read back, and the site build from them, strict."""
    articles = folder / "content" / "articles"
    articles.mkdir(parents=True)
    names = []
    for name, data in feeds(seed, count).items():
        (folder / name).write_bytes(data)
        names.append(name)
    code, out, err = _cli(folder, "import", *names, "--into", "content/articles", "-v")
    problems = []
    if "Traceback" in out + err or code not in (0, 1):
        problems.append(f"import: exit {code}: {(out + err)[-1500:]}")
    for path in sorted(articles.iterdir()):
        try:
            parse_seed(path.read_bytes(), str(path))
        except SeedError as error:
            problems.append(f"import wrote a seed the build refuses: {error}")
    clock = headers.now
    try:
        site = build(folder, {}, settings={"DIGEST_STRICT": True})
    finally:
        headers.now = clock
    if site.code != 0 or "Traceback" in site.stderr:
        return problems + [f"build of the imported seeds failed ({site.code}): "
                           f"{site.stderr[-2000:]}"]
    return problems + site_problems(site.output)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seeds", default="0-9", help="a range, 0-99, or one number")
    parser.add_argument("--count", type=int, default=60, help="seeds per batch")
    parser.add_argument("--folder", default="/tmp/hostile_hunt")
    parser.add_argument("--no-cli", action="store_true", help="skip check and explain")
    parser.add_argument("--imports", action="store_true", help="hunt with hostile feeds")
    parser.add_argument("--search", action="store_true",
                        help="build the search index too, and search it in Chromium")
    args = parser.parse_args(argv)
    low, _, high = args.seeds.partition("-")
    failed = 0
    for seed in range(int(low), int(high or low) + 1):
        folder = Path(args.folder) / str(seed)
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        problems = (import_batch(seed, args.count, folder) if args.imports
                    else run_batch(seed, args.count, folder, cli=not args.no_cli,
                                   search=args.search))
        print(f"seed {seed}: {len(problems)} problem(s)", flush=True)
        stories = {s.name: s for s in batch(seed, args.count)}
        for problem in problems:
            print("  ", problem[:600])
            name = problem.split(":", 1)[0]
            if name in stories:
                print("     mutations:", stories[name].mutations)
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
