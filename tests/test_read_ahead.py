"""Seeds read from both ends in two processes (glue/read_ahead.py): the site is the one
a single process builds, whatever the child does or fails to do; Ctrl-C and kill -9
during the reading leave no process behind."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from benchmarks.corpus import stories
from news_digest.glue import read_ahead
from news_digest.glue.reader import SeedReader
from news_digest.seeds.format import render_seed
from news_digest.speed import gc_tuning

from sitebuild import ROOT, build, seed_text, stable_tree

SEEDS = {f"{n:03d}_{s.seed.identity}.txt": render_seed(s.seed) for n, s in enumerate(stories(40))}
SEEDS["900_broken.txt"] = seed_text(title="Broken", published="not a date",
                                    url="https://news.example.com/broken")


def _children() -> list[int]:
    """The processes whose parent is this one (a zombie included)."""
    me, found = str(os.getpid()), []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    stat = handle.read()
            except OSError:
                continue
            if stat.rsplit(")", 1)[1].split()[1] == me:
                found.append(int(entry))
    return found


def _in_session(session: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == session:
                found.append(int(entry))
    return found


def _meeting(tmp_path, parent: int, made, at: str):
    """``made``, with each end waiting for the other to have begun, and this process
    (after its first seed) until the child has come down to ``at``."""
    started, passed = tmp_path / "parent-started", tmp_path / "child-passed"

    def wait_for(mark):
        deadline = time.monotonic() + 60
        while not mark.exists() and time.monotonic() < deadline:
            time.sleep(0.01)

    def met(path):
        if os.getpid() == parent:
            started.touch()
            wait_for(passed)
        else:
            wait_for(started)
            if path == at:
                passed.touch()
        return made(path)
    return met


PATHS = [f"p{i:03d}" for i in range(300)]


def test_both_ends_meet_and_every_seed_comes_back_once(tmp_path):
    parent = os.getpid()
    made = _meeting(tmp_path, parent, lambda path: (path, os.getpid()), "p250")
    got = read_ahead.read_ahead(made, PATHS)
    assert sorted(got) == PATHS
    assert all(value[0] == path for path, value in got.items())
    readers = [value[1] for value in (got[path] for path in PATHS)]
    assert readers[0] == parent and readers[-1] != parent  # each from its own end
    cut = readers.index(readers[-1])
    assert set(readers[:cut]) == {parent} and set(readers[cut:]) == {readers[-1]}
    assert _children() == []


def test_a_child_that_dies_leaves_its_seeds_to_the_build(tmp_path):
    parent = os.getpid()

    def made(path):
        if os.getpid() != parent and path == "p200":
            os._exit(3)
        return path.upper()

    got = read_ahead.read_ahead(_meeting(tmp_path, parent, made, "p200"), PATHS)
    assert all(value == path.upper() for path, value in got.items())
    assert got["p200"] == "P200"  # the child died on it before passing it: read here
    missing = set(PATHS) - set(got)  # read by the child, never sent: the caller reads them
    assert missing <= set(PATHS[201:201 + read_ahead.BATCH])
    assert _children() == []


def test_a_result_that_does_not_pickle_is_left_to_the_build(tmp_path):
    parent = os.getpid()

    def made(path):
        return (lambda: path) if path == "p250" else path.upper()

    got = read_ahead.read_ahead(_meeting(tmp_path, parent, made, "p249"), PATHS)
    assert "p250" not in got  # its batch was dropped: read again by the caller
    assert all(value == path.upper() for path, value in got.items())
    assert len(got) >= len(PATHS) - read_ahead.BATCH
    assert _children() == []


GOOD = {name: text for name, text in SEEDS.items() if name != "900_broken.txt"}


@pytest.fixture(scope="module")
def alone(tmp_path_factory):
    """The site of the good seeds, read in one process (fewer than READ_AHEAD_FROM)."""
    site = build(tmp_path_factory.mktemp("alone"), GOOD)
    assert site.code == 0, site.stderr
    return stable_tree(site.output)


def _noted(monkeypatch) -> list:
    """Each read ahead's (seeds asked, seeds read) from now on."""
    sizes, real = [], read_ahead.read_ahead

    def noted(made, paths, *taken):
        got = real(made, paths, *taken)
        sizes.append((len(paths), len(got)))
        return got

    monkeypatch.setattr(read_ahead, "read_ahead", noted)
    return sizes


def test_the_site_is_the_one_read_in_one_process(tmp_path, monkeypatch, alone):
    sizes = _noted(monkeypatch)
    monkeypatch.setattr(read_ahead, "READ_AHEAD_FROM", 10)
    monkeypatch.setattr(read_ahead, "_a_core_free", lambda: True)  # however busy
    site = build(tmp_path, GOOD)
    assert site.code == 0 and sizes == [(len(GOOD), len(GOOD))]
    assert stable_tree(site.output) == alone


@pytest.mark.parametrize("ahead", [False, True])
def test_what_is_read_is_frozen_as_it_is_read(tmp_path, monkeypatch, alone, ahead):
    """Every ``FREEZE_EVERY`` stories read, what is read is frozen for the collector
    (its full passes walked the growing heap again and again: 9.6 s of CPU at 100,000
    stories from scratch), read ahead or not; the same site, nothing left frozen."""
    monkeypatch.setattr(gc_tuning, "FREEZE_EVERY", 8)
    if ahead:
        monkeypatch.setattr(read_ahead, "READ_AHEAD_FROM", 10)
        monkeypatch.setattr(read_ahead, "_a_core_free", lambda: True)  # however busy
    frozen, real = [], SeedReader.read

    def read(self, path):
        frozen.append(gc.get_freeze_count())
        return real(self, path)

    monkeypatch.setattr(SeedReader, "read", read)
    assert gc.get_freeze_count() == 0
    site = build(tmp_path, GOOD)
    assert site.code == 0, site.stderr
    assert len(frozen) == len(GOOD) and min(frozen[8:]) > 0
    # read ahead, what is read is frozen before Pelican asks for the first story
    assert min(frozen) > 0 if ahead else frozen[:8] == [0] * 8
    assert stable_tree(site.output) == alone
    assert gc.get_freeze_count() == 0


def test_a_broken_seed_is_named_as_one_process_names_it(tmp_path, monkeypatch):
    sizes = _noted(monkeypatch)
    one = build(tmp_path / "one", SEEDS)
    assert sizes == [] and "900_broken.txt" in one.stderr
    monkeypatch.setattr(read_ahead, "READ_AHEAD_FROM", 10)
    monkeypatch.setattr(read_ahead, "_a_core_free", lambda: True)  # however busy
    two = build(tmp_path / "two", SEEDS)
    assert sizes == [(len(SEEDS), len(SEEDS))]
    assert one.code == two.code and one.stderr == two.stderr.replace("/two/", "/one/")


def test_a_child_killed_midway_gives_the_same_site(tmp_path, monkeypatch, alone):
    parent, made = os.getpid(), SeedReader.made
    victim = sorted(GOOD)[25]

    def dies_midway(self, path):
        if os.getpid() != parent and path.endswith(victim):
            os.kill(os.getpid(), signal.SIGKILL)
        return made(self, path)

    monkeypatch.setattr(read_ahead, "READ_AHEAD_FROM", 10)
    monkeypatch.setattr(read_ahead, "_a_core_free", lambda: True)  # however busy
    monkeypatch.setattr(SeedReader, "made", dies_midway)
    site = build(tmp_path, GOOD)
    assert site.code == 0, site.stderr
    assert stable_tree(site.output) == alone
    assert _children() == []


STOPPER = """
    import os, signal, time
    from news_digest.glue import read_ahead
    from news_digest.glue.reader import SeedReader

    read_ahead.READ_AHEAD_FROM = 10
    read_ahead._a_core_free = lambda: True  # however busy the machine
    _made, _build, _count = SeedReader.made, os.getpid(), [0]

    def made(self, path):
        time.sleep(0.02)
        if os.getpid() == _build:
            _count[0] += 1
            if _count[0] == 5:  # the child is reading from the other end
                {stop}
        return _made(self, path)

    SeedReader.made = made

    def register():
        pass
"""


def _stopped_build(tmp_path, stop: str) -> tuple[subprocess.CompletedProcess, list[int]]:
    content = tmp_path / "content" / "articles"
    content.mkdir(parents=True)
    for name, text in GOOD.items():
        (content / name).write_text(text)
    (tmp_path / "stopper.py").write_text(textwrap.dedent(STOPPER.format(stop=stop)))
    (tmp_path / "conf.py").write_text(textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from pelicanconf import *
        THEME = {str(ROOT / "theme")!r}
        DIGEST_TOPICS_FILE = {str(ROOT / "topics.toml")!r}
        DIGEST_SEARCH = False
        PLUGIN_PATHS = [{str(ROOT / "plugins")!r}, {str(tmp_path)!r}]
        PLUGINS = ["news_digest", "stopper"]
        CACHE_PATH = {str(tmp_path / "cache")!r}
    """))
    process = subprocess.Popen(
        [sys.executable, "-m", "news_digest", "build", str(tmp_path / "content"),
         "-o", str(tmp_path / "output"), "-s", str(tmp_path / "conf.py")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
        start_new_session=True)
    out, err = process.communicate(timeout=300)
    deadline = time.monotonic() + 10
    while (left := _in_session(process.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err), left


def test_ctrl_c_while_both_ends_read_stops_both_quietly(tmp_path):
    # as the terminal does: SIGINT to the whole foreground group, the child included
    result, left = _stopped_build(tmp_path, "os.killpg(os.getpgid(0), signal.SIGINT)")
    assert result.returncode == 128 + signal.SIGINT, result.stderr
    assert "interrupted" in result.stderr and "Traceback" not in result.stderr
    assert left == []
    assert not (tmp_path / "output").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".output")] == []


def test_kill_9_of_the_build_while_both_ends_read_leaves_no_child(tmp_path):
    result, left = _stopped_build(tmp_path, "os.kill(os.getpid(), signal.SIGKILL)")
    assert result.returncode == -signal.SIGKILL
    assert left == []


def test_a_profile_from_terms_made_ahead_is_the_one_made_from_the_text():
    import pickle  # noqa: PLC0415

    from news_digest.enrich.clusters import StoryInput, profile, text_terms  # noqa: PLC0415

    for story in stories(30):
        seed = story.seed
        given = StoryInput(seed.identity, seed.published, seed.title, seed.paragraphs)
        made = pickle.dumps(text_terms(seed.title, seed.paragraphs, seed.published))
        ahead, here = profile(given, made), profile(given)
        assert ahead == here and ahead.terms.squares == here.terms.squares
        assert list(ahead.terms.squares) == list(here.terms.squares)  # and their order


def test_a_seed_that_fails_in_either_process_is_left_to_the_build():
    def made(path):
        if path in ("p000", "p299"):
            raise RuntimeError("a bug")
        return path.upper()

    got = read_ahead.read_ahead(made, PATHS)
    assert sorted(got) == sorted(set(PATHS) - {"p000", "p299"})
    assert _children() == []


def test_no_child_when_the_load_leaves_no_core_free(monkeypatch):
    monkeypatch.setattr(os, "getloadavg", lambda: (8.0, 8.0, 8.0))
    assert not read_ahead.worth_a_child(10**6)
    monkeypatch.setattr(os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    assert read_ahead._a_core_free() == (len(os.sched_getaffinity(0)) > 1)
    assert not read_ahead.worth_a_child(read_ahead.READ_AHEAD_FROM - 1)
