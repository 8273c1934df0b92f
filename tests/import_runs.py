"""A real import in its own process, for the accident tests (``test_import_accidents.py``,
``test_hangups.py``): a feed of many stories, the import started, stopped by a signal at
a point of its run, run again, and the check that every story of the feed is in the seed
folder once and whole. Nothing is asserted about time: a point is a fraction of a whole
import measured by the test."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from news_digest.seeds.format import read_seed

ITEMS = 400


def feed(path: Path, items: int = ITEMS) -> Path:
    """An RSS feed of ``items`` stories, each with a few paragraphs."""
    entries = "".join(
        f"<item><title>Harbour council story number {n}</title>"
        f"<link>https://news.example.com/story/{n}</link>"
        f"<pubDate>Mon, 07 Dec 2026 {n % 24:02d}:{n % 60:02d}:00 GMT</pubDate>"
        f"<description>&lt;p&gt;The council met on matter {n}.&lt;/p&gt;"
        f"&lt;p&gt;It voted on item {n} of the agenda.&lt;/p&gt;</description></item>"
        for n in range(items))
    path.write_text('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                    "<title>Example News</title><link>https://news.example.com/</link>"
                    f"<description>x</description>{entries}</channel></rss>",
                    encoding="utf-8")
    return path


def command(feed: Path, folder: Path) -> list[str]:
    return [sys.executable, "-m", "news_digest", "import", str(feed), "--into", str(folder),
            "--source", "Example News", "--state", str(folder.parent / "state.json")]


def start(feed: Path, folder: Path) -> subprocess.Popen:
    return subprocess.Popen(command(feed, folder), cwd=folder.parent, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def run(feed: Path, folder: Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """One whole import, run from ``cwd`` (the folder's parent by default)."""
    return subprocess.run(command(feed, folder), cwd=cwd or folder.parent,
                          capture_output=True, text=True, timeout=600)


def seconds_of_one_import(feed: Path, folder: Path) -> float:
    """How long a whole import into the (empty) folder takes here: the points at which
    a test stops one are fractions of it."""
    started = time.monotonic()
    done = run(feed, folder)
    assert done.returncode == 0, done.stderr
    return time.monotonic() - started


def stopped(feed: Path, folder: Path, signum: int, at: float | None,
            whole: float) -> subprocess.Popen:
    """An import into the emptied folder, sent ``signum`` the instant a seed is being
    written (``at`` None: its temporary file polled for) or at the fraction ``at`` of
    ``whole`` seconds (reading the feed, judging it, writing); unless it was done first.
    The process is returned still to be waited for."""
    for path in folder.iterdir():
        path.unlink()
    process = start(feed, folder)
    if at is None:
        while process.poll() is None and not any(
                p.name.startswith(".") for p in folder.iterdir()):
            time.sleep(0.0005)
    else:
        time.sleep(whole * at)
    if process.poll() is None:
        os.kill(process.pid, signum)
    return process


def seeds_whole(folder: Path) -> None:
    """Every seed a stopped import left is whole."""
    for path in folder.glob("*.txt"):
        assert read_seed(path).source_url.startswith("https://news.example.com/")


def whole_and_once(folder: Path, items: int = ITEMS) -> None:
    """The folder holds seeds only, and every story of the feed once."""
    names = sorted(p.name for p in folder.iterdir())
    assert all(name.endswith(".txt") and not name.startswith(".") for name in names), names
    urls = [read_seed(folder / name).source_url for name in names]
    assert sorted(urls) == sorted(f"https://news.example.com/story/{n}" for n in range(items))


def again_whole_and_once(feed: Path, folder: Path, items: int = ITEMS,
                         cwd: Path | None = None) -> None:
    """The import run again succeeds, and writes what is missing, nothing twice."""
    again = run(feed, folder, cwd)
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
    whole_and_once(folder, items)
