"""Files written by a thread of their own (``speed/background_writes.py``): the feeds and
story pages of a build from scratch."""

from __future__ import annotations

import os
import threading
from functools import partial

import pytest
from pelican.plugins import signals

from news_digest.speed import background_writes
from news_digest.speed.background_writes import BackgroundWrites, Writes, WritingBehind

from sitebuild import build, seed_text


@pytest.mark.parametrize("kind", [Writes, BackgroundWrites])
def test_every_file_is_on_disk_when_the_block_ends(tmp_path, kind):
    with kind() as files:
        for n in range(200):
            files.write(str(tmp_path / f"f{n % 7}" / f"{n}.xml"), b"x" * n)
    assert sorted(p.stat().st_size for p in tmp_path.rglob("*.xml")) == list(range(200))


def test_the_files_are_written_by_another_thread(tmp_path, monkeypatch):
    threads = []
    real = background_writes.write_bytes_naming
    monkeypatch.setattr(background_writes, "write_bytes_naming", lambda path, data: (
        threads.append(threading.current_thread()), real(path, data)))
    with BackgroundWrites() as files:
        files.write(str(tmp_path / "a" / "one.xml"), b"1")
    assert threads and threading.current_thread() not in threads


def test_a_failed_write_is_raised_in_the_build_and_nothing_after_it_is_written(tmp_path):
    (tmp_path / "taken").write_text("a file where a folder should be")
    files = BackgroundWrites(queued=1)
    files.write(str(tmp_path / "ok.xml"), b"ok")
    files.write(str(tmp_path / "taken" / "feed.xml"), b"no")
    with pytest.raises(OSError) as raised:
        for n in range(50):  # the error comes back at a later write, or at the end
            files.write(str(tmp_path / f"after{n}.xml"), b"late")
        files.close()
    assert "taken" in str(raised.value)
    files.close()  # told once; the thread is gone
    assert (tmp_path / "ok.xml").read_bytes() == b"ok"
    assert not list(tmp_path.glob("after*.xml"))  # in order: none came before the error


def test_a_build_failing_meanwhile_keeps_its_own_error(tmp_path):
    with pytest.raises(KeyError), BackgroundWrites() as files:
        files.write(str(tmp_path / "one.xml"), b"1")
        raise KeyError("the build's own error")


def test_what_follows_a_page_runs_once_its_file_is_on_disk_in_order(tmp_path):
    behind, seen = WritingBehind(), []

    def follow(n):
        seen.append((n, (tmp_path / f"{n}.html").read_bytes()))

    for n in range(20):
        behind.write(str(tmp_path / f"{n}.html"), str(n).encode())
        behind.after(partial(follow, n))
        assert [s[0] for s in seen] == list(range(len(seen))) and len(seen) <= n
    behind.close()
    assert seen == [(n, str(n).encode()) for n in range(20)]


def test_a_build_from_scratch_writes_its_pages_behind_and_tells_after(
        tmp_path, monkeypatch):
    """Each story, edition and source page's file is written by another thread while
    the next renders;
    Pelican's ``content_written`` (and the search index) hears of a page only once its
    file is whole on disk. The site is the same as a build without speed-ups
    (``test_speed.py``)."""
    by_thread, missing = {}, []
    real = background_writes.write_bytes_naming
    monkeypatch.setattr(background_writes, "write_bytes_naming", lambda path, data: (
        by_thread.setdefault(str(path), threading.current_thread().name), real(path, data)))

    def written(path, context=None):
        if not os.path.isfile(path):
            missing.append(path)

    signals.content_written.connect(written)
    try:
        seeds = {f"{n:03d}_s.txt": seed_text(
            title=f"Story number {n}", source=f"Paper {n % 3}",
            url=f"https://paper{n % 3}.example/{n}", published=f"2020-01-{n + 1:02d}T08:00:00Z",
            body=("The council voted on the budget for the new library.",))
            for n in range(12)}
        site = build(tmp_path, seeds, search=True)
    finally:
        signals.content_written.disconnect(written)
    assert site.code == 0, site.stderr
    assert not missing
    # The build writes into a staging folder beside output/: the paths' ends are compared.
    pages = [p.relative_to(site.output).as_posix() for pattern in (
        "stories/*.html", "editions/*/index.html", "sources/*/index.html")
        for p in site.files(pattern)]
    assert len(pages) == 12 + 12 + 3  # a story a day, from three publishers
    threads = {page: {name for path, name in by_thread.items()
                      if path.replace(os.sep, "/").endswith("/" + page)} for page in pages}
    assert all(names == {"digest-writes"} for names in threads.values()), threads
    assert site.files("pagefind*/pagefind-entry.json")
