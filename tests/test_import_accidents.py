"""The importer under accidents, in real processes: two imports into one seed folder
at once, ``kill -9`` at many points of an import, a real full disk (a small tmpfs, as
test_faults.py mounts one), then the import run again.

After each, every ``.txt`` in the folder is a whole seed, every story of the feed is
there once (the rerun neither duplicates nor loses one) and nothing else is left in
the folder (``curator/import_lock.py``). Nothing is asserted about time.
"""

from __future__ import annotations

import signal
import subprocess
import sys

import import_runs as I
import pytest
from test_faults import _fill, _mount, _small_tmpfs, _unmount

from news_digest.seeds.format import read_seed

pytestmark = pytest.mark.slow


def test_two_imports_at_once_write_each_story_once(tmp_path):
    """A scheduled import and one by hand, started together: the second waits for the
    first (and says so), then finds every story there. Before, both read an empty
    folder and wrote every story, each under two numbers."""
    feed = I.feed(tmp_path / "feed.xml")
    folder = tmp_path / "articles"
    folder.mkdir()
    first, second = I.start(feed, folder), I.start(feed, folder)
    results = [process.communicate(timeout=600) for process in (first, second)]
    for process, (_, err) in zip((first, second), results, strict=True):
        assert process.returncode == 0 and "Traceback" not in err, err
    summaries = sorted(out.strip() for out, _ in results)
    assert summaries[0].startswith("imported 0, duplicates 400"), summaries
    assert summaries[1].startswith("imported 400, duplicates 0"), summaries
    assert any("another import is writing into this folder" in err for _, err in results)
    I.whole_and_once(folder)


def test_kill_9_at_many_points_of_an_import_then_run_again(tmp_path):
    """Killed while a seed's temporary file exists (polled for, then killed), and at
    fractions of a whole import: the next import writes what is missing, nothing twice,
    and removes the killed import's temporary file (before, it stayed for good)."""
    feed = I.feed(tmp_path / "feed.xml")
    folder = tmp_path / "articles"
    folder.mkdir()
    whole = I.seconds_of_one_import(feed, folder)
    left_a_temp = 0
    for attempt in range(12):
        # the instant a seed is being written, then anywhere: reading, judging, writing
        process = I.stopped(feed, folder, signal.SIGKILL,
                            None if attempt < 6 else (attempt - 5) / 7, whole)
        process.communicate(timeout=600)
        left_a_temp += any(p.name.startswith(".") for p in folder.iterdir())
        I.seeds_whole(folder)  # what the killed import wrote is whole
        I.again_whole_and_once(feed, folder)
    assert left_a_temp  # the kills landed where a temporary file was left


@pytest.fixture
def small_disk(tmp_path):
    yield from _small_tmpfs(tmp_path / "disk",
                            "a real full disk needs a tmpfs: {} (test_import.py injects one)")


@pytest.mark.parametrize("leave", [0, 4_000, 100_000])
def test_a_real_full_disk_while_seeds_are_written_then_space_freed(tmp_path, small_disk,
                                                                   leave):
    """Seeds on a tmpfs with ``leave`` bytes free: the import names the folder, the
    cause and the fix, leaves whole seeds only; once space is freed, the next import
    writes the rest, nothing twice."""
    feed = I.feed(tmp_path / "feed.xml")
    folder = small_disk / "articles"
    folder.mkdir()
    _fill(small_disk, leave)
    full = I.run(feed, folder)
    assert full.returncode == 1 and "Traceback" not in full.stderr, full.stderr
    assert (f"{folder}: cannot write a seed: No space left on device: free space and "
            "import again") in full.stderr
    for path in folder.iterdir():
        assert path.suffix == ".txt" and read_seed(path).source_url
    (small_disk / "ballast").unlink()
    I.again_whole_and_once(feed, folder)


def test_a_read_only_seed_folder_is_named_with_the_fix(tmp_path):
    """A seed folder on a read-only mount (a CI checkout, a container volume): the
    import and ``new`` named the folder and the cause, not what to do; the build of it
    reads and writes elsewhere, unchanged. Once writable, the import writes every story."""
    feed = I.feed(tmp_path / "feed.xml", items=20)
    folder = tmp_path / "articles"
    folder.mkdir()
    reason = _mount("--bind", str(folder), str(folder)) or _mount(
        "-o", "remount,bind,ro", str(folder))
    if reason:
        _unmount(folder)
        pytest.skip(f"a read-only folder needs a read-only mount: {reason}")
    try:
        done = I.run(feed, folder)
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert (f"{folder}: cannot write a seed: Read-only file system: make the folder "
                "writable (or import --into one that is) and import again") in done.stderr
        new = subprocess.run(
            [sys.executable, "-m", "news_digest", "new", "--title", "T", "--source", "S",
             "--url", "https://news.example.com/new", "--body", "B", "--into", str(folder)],
            cwd=tmp_path, capture_output=True, text=True, timeout=600)
        assert new.returncode == 1 and "Traceback" not in new.stderr, new.stderr
        assert "Read-only file system: make the folder writable" in new.stderr
        assert list(folder.iterdir()) == []
    finally:
        _unmount(folder)
    I.again_whole_and_once(feed, folder, items=20)
