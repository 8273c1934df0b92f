"""A rebuild over the previous output writes what a build from scratch writes, after
any sequence of changes: a fixed handful of the random sequences of ``stale_hunt.py``
(the long run: ``DIGEST_STALE_HUNT=200``, docs/development.md), and the smallest
sequences it found that once differed, each a regression test of its own."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
import stale_hunt

from news_digest.glue.reader import SeedReader
from news_digest.seeds import headers

from sitebuild import build, seed_text, stable_tree

# Each test builds a site several times: the slow tier (make test), not make test-fast.
pytestmark = pytest.mark.slow

SEEDS = {"001_a.txt": seed_text(title="Court rules on data law", url="https://a.example/1",
                                published="2024-03-04T09:00:00+00:00"),
         "002_b.txt": seed_text(title="Storm season begins", url="https://b.example/2",
                                published="2024-03-05T09:00:00+00:00")}
LATER = seed_text(title="Floods reach the coast", url="https://b.example/3",
                  published="2024-03-08T09:00:00+00:00")


def _fresh(tmp_path: Path, seeds: dict, **options) -> dict[str, bytes]:
    site = build(tmp_path / "fresh", seeds, **options)
    assert site.code == 0, site.stderr
    return stable_tree(site.output)


def test_a_skipped_seed_ahead_of_the_clock_is_built_once_the_clock_passes_it(tmp_path,
                                                                             monkeypatch):
    """DIGEST_STRICT = False skips a seed dated after the clock; the next day nothing
    changed on disk, but the build is not "up to date": the story is published."""
    lenient = {"DIGEST_STRICT": False}
    monkeypatch.setattr(headers, "now", lambda: datetime(2024, 3, 6, 12, tzinfo=UTC))
    seeds = {**SEEDS, "003_c.txt": LATER}
    first = build(tmp_path / "site", seeds, settings=lenient)
    assert first.code == 0 and any("is in the future" in w for w in first.warnings)
    monkeypatch.setattr(headers, "now", lambda: datetime(2024, 3, 9, 12, tzinfo=UTC))
    again = build(tmp_path / "site", seeds, settings=lenient)
    assert again.code == 0 and "is up to date" not in again.stderr
    assert stable_tree(again.output) == _fresh(tmp_path, seeds, settings=lenient)
    assert (again.output / "stories" / "floods-reach-the-coast.html").exists()


def test_a_clock_set_back_refuses_what_it_refuses_from_scratch(tmp_path, monkeypatch):
    """A story published while the clock was ahead: once the clock is set back (a
    wrong clock corrected), a build from scratch skips it as dated ahead of the clock,
    and so must a rebuild, though its seed is in the content cache and nothing changed
    on disk."""
    lenient = {"DIGEST_STRICT": False}
    seeds = {**SEEDS, "003_c.txt": LATER}
    monkeypatch.setattr(headers, "now", lambda: datetime(2024, 3, 9, 12, tzinfo=UTC))
    assert build(tmp_path / "site", seeds, settings=lenient).code == 0
    monkeypatch.setattr(headers, "now", lambda: datetime(2024, 3, 6, 12, tzinfo=UTC))
    again = build(tmp_path / "site", seeds, settings=lenient)
    assert again.code == 0 and "is up to date" not in again.stderr
    assert stable_tree(again.output) == _fresh(tmp_path, seeds, settings=lenient)
    assert not (again.output / "stories" / "floods-reach-the-coast.html").exists()


def test_an_edit_that_keeps_the_modification_time_is_read_again(tmp_path):
    """A seed edited by a tool that restores its mtime (``cp -p``, ``rsync -t``): the
    up-to-date check sees its size change, and the content cache must not answer it."""
    assert build(tmp_path / "site", SEEDS).code == 0
    seed = tmp_path / "site" / "content" / "articles" / "002_b.txt"
    info = seed.stat()
    edited = {**SEEDS, "002_b.txt": SEEDS["002_b.txt"].replace("Storm season begins",
                                                                "Storm season begins early")}
    seed.write_text(edited["002_b.txt"], "utf-8")
    os.utime(seed, ns=(info.st_atime_ns, info.st_mtime_ns))
    again = build(tmp_path / "site", edited)
    assert again.code == 0, again.stderr
    assert stable_tree(again.output) == _fresh(tmp_path, edited)


def test_a_seed_moved_over_another_is_read_again(tmp_path):
    """``mv b.txt a.txt``: a.txt is now b's file (b's mtime, a new inode)."""
    assert build(tmp_path / "site", SEEDS).code == 0
    articles = tmp_path / "site" / "content" / "articles"
    first = (articles / "001_a.txt").stat()
    os.replace(articles / "002_b.txt", articles / "001_a.txt")
    os.utime(articles / "001_a.txt", ns=(first.st_atime_ns, first.st_mtime_ns))
    moved = {"001_a.txt": SEEDS["002_b.txt"]}
    again = build(tmp_path / "site", moved)
    assert again.code == 0, again.stderr
    assert stable_tree(again.output) == _fresh(tmp_path, moved)


def test_a_seed_saved_while_the_build_reads_it_is_read_again_next_time(tmp_path,
                                                                       monkeypatch):
    """The curator saves a seed just after the build read it: that build shows the
    text it read, and the next one must read the file again (the content cache's
    stamp is taken before the file is read, not after)."""
    assert build(tmp_path / "site", SEEDS).code == 0
    longer = {**SEEDS, "002_b.txt": SEEDS["002_b.txt"] + "\nA third paragraph.\n"}
    edited = {**SEEDS, "002_b.txt": SEEDS["002_b.txt"].replace("Storm season begins",
                                                                "Storm season ends")}
    read = SeedReader.read

    def read_then_saved(self, source_path):
        found = read(self, source_path)
        if source_path.endswith("002_b.txt"):
            Path(source_path).write_text(edited["002_b.txt"], "utf-8")
        return found

    monkeypatch.setattr(SeedReader, "read", read_then_saved)
    assert build(tmp_path / "site", longer).code == 0  # reads longer, then it is saved
    monkeypatch.setattr(SeedReader, "read", read)
    again = build(tmp_path / "site", edited)
    assert again.code == 0, again.stderr
    assert stable_tree(again.output) == _fresh(tmp_path, edited)


def test_a_search_index_file_deleted_or_edited_by_hand_is_made_again(tmp_path):
    """A search shard is kept when its pages are unchanged, but only while every file
    of it is the one written: a fragment deleted or an index file edited in output/
    is made again, not carried into every later build."""
    site = build(tmp_path / "site", SEEDS, search=True)
    assert site.code == 0, site.stderr
    [fragment, *_] = sorted(site.output.glob("pagefind*/fragment/*"))
    [index, *_] = sorted(site.output.glob("pagefind*/index/*"))
    fragment.unlink()
    index.write_bytes(index.read_bytes() + b"x")
    again = build(tmp_path / "site", SEEDS, search=True)
    assert again.code == 0, again.stderr
    assert stable_tree(again.output) == _fresh(tmp_path, SEEDS, search=True)


# The fixed handful of random sequences (each a dozen builds and as many from scratch);
# DIGEST_STALE_HUNT=<n> runs n more (seeds from 10,000 on), for local use.
HANDFUL = (7, 11, 23)
LONG = int(os.environ.get("DIGEST_STALE_HUNT", "0") or 0)


@pytest.mark.parametrize("seed", [*HANDFUL, *range(10_000, 10_000 + LONG)])
def test_random_changes_rebuild_as_from_scratch(tmp_path, seed):
    steps = stale_hunt.random_steps(seed, 8)
    out = stale_hunt.run(tmp_path, seed, steps, search=seed % 4 == 3)
    assert out.difference is None, "\n".join(out.log)
    assert out.builds - out.failed_builds >= 4  # most steps were compared
