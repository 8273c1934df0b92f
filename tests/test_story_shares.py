"""The story pages of a build from scratch written by two processes
(``speed/story_shares.py``): the same bytes and the same record as one process, an
error in the child reported as one process reports it, Ctrl-C stopping both."""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from news_digest.speed import story_shares
from news_digest.speed.reuse_writer import ReusingWriter

from sitebuild import ROOT, build, seed_text, stable_tree


def _digest(count: int = 40) -> dict[str, str]:
    return {f"{i:03d}.txt": seed_text(
        title=f"Story {i}: the {('harbour', 'council', 'river', 'school')[i % 4]} "
              f"news of week {i // 4}",
        published=f"2020-0{1 + i % 3}-{1 + i % 27:02d}T0{i % 9}:{i % 60:02d}:00Z",
        source=f"Paper {i % 5}", url=f"https://paper{i % 5}.example/{i}",
        body=(f"The {i}th report tells what happened in town {i % 11}.",
              f"Its second paragraph names {i * 7 % 13} people.")) for i in range(count)}


@pytest.fixture
def forks(monkeypatch):
    """Splitting forced on for any number of stories; the forks made, counted."""
    started = []
    start = story_shares._Child.start.__func__

    def counted(cls, *args):
        started.append(args[-1])
        return start(cls, *args)

    monkeypatch.setattr(story_shares, "SHARE_FROM", 2)
    monkeypatch.setattr(story_shares, "cores", lambda: 2)
    monkeypatch.setattr(story_shares, "a_core_idle", lambda: True)  # however busy the machine
    monkeypatch.setattr(story_shares._Child, "start", classmethod(counted))
    return started


def _record(cache: Path) -> dict:
    """The page record less the files' times (and the output folder's name)."""
    [found] = cache.glob("*/pages.json")
    record = json.loads(found.read_text())
    return {"pages": {name: entry[:2] + entry[3:] for name, entry in record["pages"].items()},
            "trees": {name: entry[:2] for name, entry in record["trees"].items()},
            "order": list(record["pages"]), "code": record["code"]}


def _cache_files(cache: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in cache.glob("*/*")
            if p.name in ("templates.bin", "clusters.bin")}


def _from_scratch(site: Path, seeds: dict[str, str], keep: Path | None = None,
                  settings: dict | None = None):
    """A build from scratch in ``site`` (the same folder each time: a page's key
    covers its seeds' paths); its output and cache copied to ``keep``."""
    for folder in ("output", "cache"):
        shutil.rmtree(site / folder, ignore_errors=True)
    built = build(site, seeds, search=True, settings=settings)
    assert built.code == 0, built.stderr
    if keep is not None:
        for folder in ("output", "cache"):
            shutil.copytree(site / folder, keep / folder, symlinks=True)
    return built, stable_tree(built.output), _record(site / "cache"), _cache_files(site / "cache")


def _over(site: Path, kept: Path, seeds: dict[str, str]):
    """A build over the output and cache kept in ``kept``."""
    for folder in ("output", "cache"):
        shutil.rmtree(site / folder, ignore_errors=True)
        shutil.copytree(kept / folder, site / folder, symlinks=True)
    built = build(site, seeds, search=True)
    assert built.code == 0, built.stderr
    return [line for line in built.stderr.splitlines() if line.startswith("Kept")], \
        stable_tree(built.output)


def test_two_processes_write_what_one_writes_and_record_the_same(tmp_path, forks, caplog):
    caplog.set_level(logging.DEBUG, logger=story_shares.__name__)
    seeds, site = _digest(), tmp_path / "site"
    two, *made_by_two = _from_scratch(site, seeds, tmp_path / "two")
    assert len(forks) == 1 and len(forks[0]) == 30  # the older three quarters, in the child
    [said] = [r.getMessage() for r in caplog.records if r.name == story_shares.__name__]
    assert said.startswith("story pages: 10 here in ") and "30 in a second process" in said
    one, *made_by_one = _from_scratch(site, seeds, tmp_path / "one",
                                      settings={"DIGEST_SECOND_CORE": False})
    assert len(forks) == 1  # the setting keeps the build in one process
    assert made_by_two == made_by_one  # every file, the page record, the other records
    assert [m for m in two.warnings if "Writing" not in m] == \
        [m for m in one.warnings if "Writing" not in m]
    # the next build over either keeps the same pages and writes a build from scratch
    edited = {**seeds, "002.txt": seeds["002.txt"].replace("second paragraph", "last words")}
    kept_two, after_two = _over(site, tmp_path / "two", edited)
    kept_one, after_one = _over(site, tmp_path / "one", edited)
    assert kept_two == kept_one and kept_two and "Kept" in kept_two[0]
    assert after_two == after_one == _from_scratch(site, edited)[1]


@pytest.mark.parametrize("error", [OSError(errno.ENOSPC, "No space left on device"),
                                   ValueError("a filter's bug")], ids=["full-disk", "bug"])
def test_an_error_in_the_child_is_reported_as_one_process_reports_it(tmp_path, forks,
                                                                     monkeypatch, error):
    seeds = _digest(20)
    oldest = "2020-01-01"  # a story page the child writes (the older half)
    write_page = ReusingWriter._write_page

    def failing(self, template, context, localcontext, name, *args):
        article = localcontext.get("article")
        if article is not None and str(article.date.date()) == oldest:
            raise error
        return write_page(self, template, context, localcontext, name, *args)

    monkeypatch.setattr(ReusingWriter, "_write_page", failing)
    two = build(tmp_path / "two", seeds)
    assert len(forks) == 1
    monkeypatch.setattr(story_shares, "SHARE_FROM", 10**9)
    one = build(tmp_path / "one", seeds)
    assert two.code == one.code == 1
    said = "\n".join(two.stderr.strip().splitlines()[-2:])
    assert said == "\n".join(one.stderr.strip().splitlines()[-2:]).replace("/one/", "/two/")
    assert ("no space left" in said) if isinstance(error, OSError) else ("filter's bug" in said)
    assert "Traceback" not in two.stderr
    assert not two.output.exists()  # nothing half-written: no output/ was made


def test_one_process_when_the_split_cannot_be_safe_or_pay(monkeypatch):
    class Story:
        template = "article"

    stories = [Story() for _ in range(10)]
    monkeypatch.setattr(story_shares, "SHARE_FROM", 4)
    monkeypatch.setattr(story_shares, "SHARE_UP_TO", 20)
    monkeypatch.setattr(story_shares, "cores", lambda: 2)
    monkeypatch.setattr(story_shares, "a_core_idle", lambda: True)
    assert story_shares.split_at(stories) == 3  # the child's share: the older 7
    monkeypatch.setattr(story_shares, "a_core_idle", lambda: False)
    assert story_shares.split_at(stories) is None  # no core idle: the load says so
    monkeypatch.setattr(story_shares, "a_core_idle", lambda: True)
    assert story_shares.split_at(stories[:3]) is None  # too few
    assert story_shares.split_at(stories * 3) is None  # too many: memory
    monkeypatch.setattr(story_shares, "cores", lambda: 1)
    assert story_shares.split_at(stories) is None
    monkeypatch.setattr(story_shares, "cores", lambda: 2)
    other = Story()
    other.template = "special"
    assert story_shares.split_at([*stories, other]) is None
    moved = Story()
    moved.override_save_as = "here.html"
    assert story_shares.split_at([*stories, moved]) is None
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert story_shares.split_at(stories) is None  # forking a threaded process
    finally:
        stop.set()
        thread.join()
    monkeypatch.delattr(os, "fork")
    assert story_shares.split_at(stories) is None


def test_a_core_is_idle_when_the_load_leaves_one_beside_the_build(monkeypatch):
    monkeypatch.setattr(story_shares, "cores", lambda: 2)
    monkeypatch.setattr(os, "getloadavg", lambda: (1.4, 1.0, 1.0))  # the build, a little more
    assert story_shares.a_core_idle()
    monkeypatch.setattr(os, "getloadavg", lambda: (1.6, 1.0, 1.0))
    assert not story_shares.a_core_idle()
    monkeypatch.setattr(story_shares, "cores", lambda: 1)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert not story_shares.a_core_idle()


def _session_processes(session: int) -> list[int]:
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as handle:
                    fields = handle.read().rpartition(b")")[2].split()
            except OSError:
                continue
            if int(fields[3]) == session and fields[0] != b"Z":
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("stop", ["ctrl-c", "sigterm"])
def test_ctrl_c_or_sigterm_stops_both_processes_without_a_traceback(tmp_path, stop):
    content = tmp_path / "content" / "articles"
    content.mkdir(parents=True)
    for name, text in _digest(20).items():
        (content / name).write_text(text, encoding="utf-8")
    marker = tmp_path / "child-writing"
    (tmp_path / "slow_child.py").write_text(textwrap.dedent(f"""
        import os, pathlib, time
        from pelican import signals
        from news_digest.speed import story_shares

        PARENT = os.getpid()

        def _slow(path, context):
            if os.getpid() != PARENT:  # the child: say so, then take its time
                pathlib.Path({str(marker)!r}).touch()
                time.sleep(120)

        def register():
            story_shares.SHARE_FROM = 2
            story_shares.cores = lambda: 2
            story_shares.a_core_idle = lambda: True
            signals.content_written.connect(_slow)
    """))
    (tmp_path / "conf.py").write_text(textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from pelicanconf import *
        THEME = {str(ROOT / "theme")!r}
        DIGEST_TOPICS_FILE = {str(ROOT / "topics.toml")!r}
        PLUGIN_PATHS = [{str(ROOT / "plugins")!r}, {str(tmp_path)!r}]
        PLUGINS = ["news_digest", "slow_child"]
        CACHE_PATH = {str(tmp_path / "cache")!r}
        DIGEST_SEARCH = False
    """))
    process = subprocess.Popen(
        [sys.executable, "-m", "news_digest", "build", str(tmp_path / "content"),
         "-o", str(tmp_path / "output"), "-s", str(tmp_path / "conf.py")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
        start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), process.communicate()[1]
        if stop == "ctrl-c":  # as a terminal sends it: to both processes
            os.killpg(process.pid, signal.SIGINT)
        else:  # as `kill` or a CI runner sends it: to the build's process alone
            os.kill(process.pid, signal.SIGTERM)
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    sent = signal.SIGINT if stop == "ctrl-c" else signal.SIGTERM
    assert process.returncode == 128 + sent, stderr
    assert f"interrupted ({sent.name})" in stderr
    assert "Traceback" not in stderr
    assert _session_processes(process.pid) == []  # no child left writing
    assert not (tmp_path / "output").exists()


def test_no_process_to_be_had_writes_every_page_here(tmp_path, forks, monkeypatch):
    def refused():
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    site = build(tmp_path, _digest(12))
    assert site.code == 0, site.stderr
    assert len(forks) == 1  # tried
    assert len(site.files("stories/*.html")) == 12


def test_the_childs_entries_go_where_one_process_makes_them():
    entries = {"new.html": 1, "newer.html": 2, "tag/a.html": 3, "tag/b.html": 4}
    kept = entries
    story_shares._splice(entries, 2, [("old.html", 5), ("older.html", 6)])
    assert entries is kept  # the record's owner holds the same dict
    assert list(entries.items()) == [("new.html", 1), ("newer.html", 2), ("old.html", 5),
                                     ("older.html", 6), ("tag/a.html", 3), ("tag/b.html", 4)]
    story_shares._splice(entries, len(entries), [("last.html", 7)])
    assert list(entries)[-1] == "last.html"
