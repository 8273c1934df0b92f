"""The benchmark harness works (no timing is asserted: the numbers are for RESULTS.md)."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from datetime import timedelta

import pytest

from benchmarks.changes import changes, kind, snapshot
from benchmarks.corpus import (
    DEFAULT_SEED,
    START,
    day_of,
    publishers,
    remove_days,
    stories,
    write_corpus,
    write_day,
)
from news_digest.seeds.byline import split_byline
from news_digest.seeds.format import read_seed

from sitebuild import ROOT

pytestmark = pytest.mark.benchmark


def test_the_corpus_is_deterministic_and_the_same_in_both_formats(tmp_path):
    seeds, markdown = write_corpus(40, tmp_path / "one")
    again, _ = write_corpus(40, tmp_path / "two")
    first = sorted((seeds / "articles").iterdir())
    assert [p.read_bytes() for p in first] == [
        p.read_bytes() for p in sorted((again / "articles").iterdir())]
    for path in first:
        seed = read_seed(path)
        text = (markdown / "articles" / f"{path.stem}.md").read_text(encoding="utf-8")
        head, _, body = text.partition("\n\n")
        meta = dict(line.split(": ", 1) for line in head.splitlines())
        assert meta["Title"] == seed.title
        assert meta.get("Authors", "") == ", ".join(split_byline(seed.byline))
        assert meta["Tags"]
        assert body.rstrip("\n").split("\n\n") == list(seed.paragraphs)


def test_the_corpus_looks_like_a_digest():
    sample = list(stories(400))
    words = [sum(len(p.split()) for p in s.seed.paragraphs) for s in sample]
    assert 300 <= min(words) and max(words) <= 1500 + 130  # the last paragraph may overrun
    dates = [s.seed.published for s in sample]
    assert START <= min(dates) and max(dates) <= START + timedelta(days=731)
    assert len({s.seed.source_name for s in sample}) > 150
    bylines = [s.seed.byline for s in sample]
    assert any(b in ("PTI", "AP", "Reuters", "AFP") for b in bylines)
    assert any(len(split_byline(b)) == 3 for b in bylines)
    assert len({s.seed.title for s in sample}) < len(sample)  # some headlines repeat
    assert len({s.seed.identity for s in sample}) == len(sample)


def test_a_day_of_news_is_dated_after_the_corpus_and_can_be_taken_back(tmp_path):
    seeds, markdown = write_corpus(30, tmp_path)
    corpus = sorted(p.name for p in (seeds / "articles").iterdir())
    first = write_day(tmp_path, 30, 1, size=5)
    second = write_day(tmp_path, 30, 2, size=5)
    newest = max(read_seed(p).published for p in (seeds / "articles").iterdir()
                 if p.name in corpus)
    for number, day in ((1, first), (2, second)):
        dates = {read_seed(p).published.date() for p in day}
        assert dates == {day_of(number)} and day_of(number) > newest.date()
    assert [p.name[:6] for p in first + second] == [f"{n:06d}" for n in range(30, 40)]
    assert len(list((markdown / "articles").iterdir())) == 40
    outlets = {name for name, _ in publishers(random.Random(DEFAULT_SEED))}
    assert {s.seed.source_name for s in stories(400)} <= outlets
    assert {read_seed(p).source_name for p in first + second} <= outlets  # the corpus' own
    remove_days(tmp_path, 30)
    assert sorted(p.name for p in (seeds / "articles").iterdir()) == corpus


def test_changes_are_counted_by_kind(tmp_path):
    output = tmp_path / "output"
    for name in ("index.html", "stories/a.html", "stories/b.html", "feeds/all.atom.xml",
                 "topics/x/page/1/index.html"):
        (output / name).parent.mkdir(parents=True, exist_ok=True)
        (output / name).write_text(name)
    before = snapshot(output, tmp_path / "before")
    (output / "stories" / "a.html").unlink()
    (output / "stories" / "a.html").write_text("stories/a.html")  # the same bytes, anew
    (output / "index.html").unlink()
    (output / "index.html").write_text("a new home page")
    (output / "stories" / "c.html").write_text("c")
    (output / "feeds" / "all.atom.xml").unlink()
    found = changes(before, output)
    assert found.changed == {"home pages": 1} and found.new == {"story pages": 1}
    assert found.gone == {"feeds": 1} and found.rewritten == {"story pages": 1}
    assert found.rewritten_by_kind() == "story pages 1"
    assert found.unchanged == 2 and found.uploaded == 2
    assert kind("topics/x/page/1/index.html") == "topic pages"
    assert kind("feeds/archive/2024-01-01.atom.xml") == "feed archives"
    assert kind("pagefind-3/fragment/x.pf_fragment") == "search index"


def test_a_quick_benchmark_run_prints_and_writes_every_field(tmp_path):
    results = tmp_path / "RESULTS.md"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--n", "50", "--quick",
         "--work", str(tmp_path / "work"), "--results", str(results)],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    text = results.read_text(encoding="utf-8")
    assert "## N = 50 stories" in text and text.count("<!-- bench N=50 -->") == 1
    machine = re.search(r"Machine: (.+), (\d+) cores, ([\d.]+) GiB; Python ([\d.]+), "
                        r"Pelican ([\d.]+); load", text)
    assert machine and machine.group(5) == "4.12.0"
    rows, days = {}, {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == 8 and re.fullmatch(r"[\d.]+", cells[1]):
            (rows if "–" in cells[2] else days)[cells[0]] = cells
    assert set(rows) == {"ours: full (empty cache)", "plain Pelican: full",
                         "ours: rebuild, nothing changed", "ours: rebuild, one seed changed",
                         "ours: rebuild, nothing changed, `--force` (every page rendered "
                         "again from the content cache)"}
    for name, (_, median, spread, per_second, peak, pages, files, written) in rows.items():
        low, high = (float(x) for x in spread.split("–"))
        assert low <= float(median) <= high, name
        assert float(per_second) > 0 and float(peak) > 0 and float(written) > 0, name
        assert int(pages) > 50 and int(files) >= int(pages), name
    # The daily job: a day's new stories over the previous output, and what it changed.
    assert set(days) == {"day 1 (after a build from scratch)", "day 2"}
    for name, (_, seconds, share, peak, kept, upload, same, what) in days.items():
        assert float(seconds) > 0 and float(share) > 0 and float(peak) > 0, name
        assert re.fullmatch(r"\d+ of \d+", kept) and re.fullmatch(r"\d+ of \d+", upload)
        assert re.fullmatch(r"\d+( \(([a-zA-Z. ]+ \d+(, )?)+\))?", same), name
        assert "story pages" in what and "new" in what, name
    assert int(days["day 2"][4].split()[0]) > 0  # over a recorded output pages are kept
    assert re.search(r"A steady day \(from day 2\) costs \*\*[\d.]+\*\*", text)
    assert re.search(r"Ratio ours / plain per pair: [\d.]+; median \*\*[\d.]+\*\*", text)
    assert re.search(r"nothing changed \*\*[\d.]+\*\*, one seed changed \*\*[\d.]+\*\*", text)
    assert "Ratio ours / plain" in done.stdout
    assert re.search(r"Topic classification on its own: (\*\*\d+\*\* stories/s|not measured)",
                     text)
    # A second run replaces its own section and keeps everything else.
    results.write_text(text + "\nHand-written notes.\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "benchmarks.run", "--n", "50", "--quick",
                    "--work", str(tmp_path / "work"), "--results", str(results)],
                   cwd=ROOT, capture_output=True, check=True, timeout=600)
    again = results.read_text(encoding="utf-8")
    assert again.count("<!-- bench N=50 -->") == 1 and "Hand-written notes." in again
