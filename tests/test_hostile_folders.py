"""Odd files where the curator's commands expect a feed, a settings file, a page or a
static file: a named pipe nobody writes to (opening it waited forever), a symbolic link
that leads back to itself, a folder. Each is a line naming the file and the fix, never a hang or a
traceback; each test failed before its fix (docs/history/hostile.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from faultsite import Project
from sitebuild import ROOT, seed_text

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Valley Times</title><link>https://valley.example/</link>
<description>x</description><item><title>Council and mayor agree on the budget</title>
<link>https://valley.example/a</link><pubDate>Mon, 06 Jan 2020 10:00:00 +0000</pubDate>
<description>The council and the mayor agreed.</description></item></channel></rss>
"""


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """A command as the curator types it; a hang fails the test (the timeout)."""
    return subprocess.run([sys.executable, "-m", "news_digest", *args], cwd=folder,
                          capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")})


def _odd(folder: Path, kind: str) -> str:
    name = f"odd-{kind}"
    if kind == "pipe":
        os.mkfifo(folder / name)
    elif kind == "loop":
        os.symlink(name, folder / name)
    else:
        (folder / name).mkdir()
    return name


def _settings(folder: Path) -> str:
    return str(ROOT / "pelicanconf.py")  # the site's own: its sources file lists no feed


@pytest.mark.parametrize("kind", ["pipe", "loop"])
def test_a_feed_file_that_is_a_pipe_or_a_loop_is_a_failed_feed(tmp_path, kind):
    (tmp_path / "articles").mkdir()
    (tmp_path / "feed.xml").write_text(FEED, encoding="utf-8")
    odd = _odd(tmp_path, kind)
    result = _run(tmp_path, "import", "-s", _settings(tmp_path), "--state", "state.json",
                  "feed.xml", odd, "--into", "articles")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stderr
    reason = {"pipe": "is a named pipe nothing was written to: name the feed file itself",
              "loop": "cannot be read: Too many levels of symbolic links"}[kind]
    assert f"{odd}: {reason}" in result.stderr
    assert "imported 1" in result.stdout + result.stderr  # the other feed all the same
    assert len(list((tmp_path / "articles").iterdir())) == 1


def test_a_seed_folder_named_with_a_line_break_is_written_and_named_on_one_line(tmp_path):
    """``--into`` a folder whose name holds a line break: the import writes there (the
    curator named it), and a message naming it is one line (``arti\\ncles``), not two
    (the fifteenth session's "not done")."""
    (tmp_path / "feed.xml").write_text(FEED, encoding="utf-8")
    folder = tmp_path / "arti\ncles"
    folder.mkdir()
    result = _run(tmp_path, "import", "-s", _settings(tmp_path), "--state", "state.json",
                  "feed.xml", "--into", folder.name)
    assert result.returncode == 0 and len(list(folder.iterdir())) == 1, result.stderr
    missing = _run(tmp_path, "import", "-s", _settings(tmp_path), "--state", "state.json",
                   "feed.xml", "--into", "no\nsuch")
    assert missing.returncode == 2
    assert missing.stderr.splitlines() == [
        "no\\nsuch: the target folder does not exist: create it or pass --into with the "
        "seed folder (content/articles/)"]


def test_a_feed_read_from_a_pipe_with_a_writer_is_imported(tmp_path):
    """What opening without blocking must keep: ``import <(curl ...)`` (a pipe with
    its writer) is read to its end."""
    (tmp_path / "articles").mkdir()
    read, write = os.pipe()
    writer = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdout.write("
                               f"{FEED!r})"], stdout=write)
    os.close(write)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "news_digest", "import", "-s", _settings(tmp_path),
             "--state", "state.json", f"/dev/fd/{read}", "--into", "articles"],
            cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
            pass_fds=(read,), env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")})
    finally:
        os.close(read)
        writer.wait()
    assert result.returncode == 0, result.stderr
    assert "imported 1" in result.stdout + result.stderr


@pytest.mark.parametrize(("command", "kind"), [
    ("build", "pipe"), ("build", "loop"), ("build", "folder"), ("check", "pipe"),
    ("explain", "loop"), ("import", "folder")])
def test_a_settings_file_that_is_no_file_is_named(tmp_path, command, kind):
    """``build -s`` a named pipe hung (Pelican imports it) and a loop or a folder
    ended in "build failed: AttributeError: 'NoneType' object has no attribute
    'loader'"; the other commands said "no such settings file" of a file that is
    there."""
    (tmp_path / "content" / "articles").mkdir(parents=True)
    (tmp_path / "feed.xml").write_text(FEED, encoding="utf-8")
    odd = _odd(tmp_path, kind)
    args = {"build": ["build", "content", "-o", "output", "-s", odd],
            "check": ["check", "-s", odd, "content/articles"],
            "explain": ["explain", "-s", odd, "feed.xml"],
            "import": ["import", "-s", odd, "feed.xml", "--into", "content/articles"]}
    result = _run(tmp_path, *args[command])
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    what = {"pipe": "is a named pipe", "folder": "is a folder",
            "loop": "is a symbolic link that leads back to itself (a loop)"}[kind]
    assert result.stderr.strip().splitlines()[-1].endswith(
        f"{odd}: {what}, not a settings file: give the settings file with -s FILE")
    assert not (tmp_path / "output").exists()


def test_a_page_that_is_a_pipe_is_named_not_waited_for(tmp_path):
    """Pelican opens every page it lists (and would copy every static file, where
    STATIC_PATHS lists any): a named pipe among them (nobody writing) made `make html`
    wait forever."""
    where = "pages/other.md"
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "pages").mkdir()
    (content / "articles" / "001_a.txt").write_text(seed_text(), encoding="utf-8")
    project = Project(tmp_path / "project", content)
    pipe = project.content / where
    pipe.parent.mkdir(exist_ok=True)
    os.mkfifo(pipe)
    result = subprocess.run(project.command(), cwd=project.folder, capture_output=True,
                            text=True, timeout=300, check=False)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert (f"content/{where}: is a named pipe, not a regular file: only regular files are "
            "read; replace it by the file itself or remove it") in result.stderr
    assert result.stderr.strip().endswith("output/ was left as it was")
