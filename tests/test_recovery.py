"""Accidents do not break the build: a damaged content cache or build record is
reported in one line and set aside, a full disk is named, output/ that cannot be
renamed is updated in place; each time the next build equals a build from scratch.

The long fault runs (kill -9 during a 1,000-story build, a real full disk) are in
test_faults.py; here are the ones that take a small site.
"""

from __future__ import annotations

import errno
import gzip
import json
import os
import pickle
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from news_digest.atomic_file import folder_mode, write_atomically
from news_digest.curator import output_swap
from news_digest.curator.build_lock import BuildLock
from news_digest.diskspace import make_folder, write_bytes_naming
from news_digest.speed.up_to_date import input_stamp

from faultsite import Project, no_traceback, wait_for_no_debris
from sitebuild import ROOT, SAMPLE_SEED, build, seed_text, stable_tree

# Real builds killed, starved and raced: the slow tier (make test), not make test-fast.
pytestmark = pytest.mark.slow

QUIET = {"DIGEST_SEARCH": False}
SEEDS = {
    "000_6658c6a34da15a44.txt": SAMPLE_SEED.read_bytes(),
    "001_a.txt": seed_text(title="Court rules on data law", url="https://a.example/1"),
    "002_b.txt": seed_text(title="Storm season begins", author="Reuters",
                           published="2020-01-03T09:00:00-05:00", url="https://b.example/2"),
}


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """The reference: SEEDS built from scratch."""
    site = build(tmp_path_factory.mktemp("scratch"), SEEDS, settings=QUIET)
    assert site.code == 0, site.stderr
    return stable_tree(site.output)


def _cache_file(tmp_path: Path, name: str = "ArticlesGenerator-Readers") -> Path:
    [found] = (tmp_path / "cache").glob(f"*/{name}")
    return found


def _touch(tmp_path: Path) -> None:
    """Save a seed again unchanged: the next build is a real one (not up to date)."""
    seed = tmp_path / "content" / "articles" / "001_a.txt"
    now = time.time_ns()
    os.utime(seed, ns=(now, now))


def _one_warning(site, *words: str) -> str:
    found = [w for w in site.warnings if all(word in w for word in words)]
    assert len(found) == 1, site.warnings
    assert "\n" not in found[0]
    return found[0]


# -- the content cache ----------------------------------------------------------------

DAMAGE = {
    "truncated": lambda data: data[: len(data) // 2],
    "empty": lambda data: b"",
    "garbage": lambda data: os.urandom(4096),
    "flipped bytes": lambda data: data[:100] + bytes(b ^ 0xFF for b in data[100:400]) + data[400:],
    "not a cache": lambda data: pickle.dumps(["a", "list"]),
    "wrong entries": lambda data: pickle.dumps({"content/articles/001_a.txt": "no stamp"}),
    # a pickle naming code that is gone: ModuleNotFoundError, AttributeError on load
    "missing module": lambda data: b"cno_such_module_anywhere\nThing\n.",
    "missing attribute": lambda data: b"cos\nno_such_function_in_os\n.",
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_content_cache_is_discarded_and_the_build_goes_on(tmp_path, scratch, damage):
    assert build(tmp_path, SEEDS, settings=QUIET).code == 0
    cache = _cache_file(tmp_path)
    cache.write_bytes(DAMAGE[damage](cache.read_bytes()))
    _touch(tmp_path)
    site = build(tmp_path, SEEDS, settings=QUIET)
    assert site.code == 0, site.stderr
    assert str(cache) in _one_warning(site, "discarded the damaged content cache")
    assert stable_tree(site.output) == scratch
    assert isinstance(pickle.loads(cache.read_bytes()), dict)  # written anew, whole


def test_a_truncated_gzipped_cache_is_discarded(tmp_path):
    settings = {**QUIET, "GZIP_CACHE": True}
    assert build(tmp_path / "ref", SEEDS, settings=settings).code == 0
    reference = stable_tree(tmp_path / "ref" / "output")
    assert build(tmp_path, SEEDS, settings=settings).code == 0
    cache = _cache_file(tmp_path)
    with gzip.open(cache) as handle:
        assert isinstance(pickle.load(handle), dict)  # Pelican's format, gzipped
    cache.write_bytes(cache.read_bytes()[:-40])
    _touch(tmp_path)
    site = build(tmp_path, SEEDS, settings=settings)
    assert site.code == 0, site.stderr
    _one_warning(site, "discarded the damaged content cache", str(cache))
    assert stable_tree(site.output) == reference


def test_an_interrupted_cache_save_leaves_the_previous_cache_whole(tmp_path):
    target = tmp_path / "ArticlesGenerator-Readers"
    target.write_bytes(pickle.dumps({"old": (1, 2)}))

    def dump_then_fail(out):
        out.write(pickle.dumps({"new": (3, 4)})[:10])
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, dump_then_fail)
    assert pickle.loads(target.read_bytes()) == {"old": (1, 2)}
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file


def test_a_write_that_runs_out_of_space_names_its_file_and_leaves_no_part(tmp_path):
    target = tmp_path / "pages.json"

    def full(out):
        out.write(b"{")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # write() names no file

    with pytest.raises(OSError) as raised:
        write_atomically(target, full)
    assert raised.value.errno == errno.ENOSPC and raised.value.filename == str(target)
    assert list(tmp_path.iterdir()) == []


def test_a_page_written_in_one_write_is_whole_after_short_writes_and_named_when_full(
        tmp_path, monkeypatch):
    """Pages and feeds are written with ``os.write`` (diskspace.write_bytes_naming):
    a write the system cuts short is carried on, and a full disk names the file."""
    data = bytes(range(256)) * 40
    target = tmp_path / "page.html"
    target.write_bytes(b"an older, longer page " * 1000)  # emptied first, as open("wb")
    real_write, sizes = os.write, []

    def short(fd, chunk):  # at most 1,000 bytes a call, as a busy system may
        sizes.append(len(chunk))
        return real_write(fd, bytes(chunk[:1000]))

    with monkeypatch.context() as patched:
        patched.setattr(os, "write", short)
        write_bytes_naming(target, data)
    assert target.read_bytes() == data and len(sizes) == 11
    fresh = tmp_path / "fresh.html"
    write_bytes_naming(fresh, data)
    assert fresh.stat().st_mode & 0o777 == 0o666 & folder_mode()  # less the umask

    def full(fd, chunk):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # write() names no file

    with monkeypatch.context() as patched, pytest.raises(OSError) as raised:
        patched.setattr(os, "write", full)
        write_bytes_naming(tmp_path / "feed.xml", b"<rss/>")
    assert raised.value.errno == errno.ENOSPC
    assert raised.value.filename == str(tmp_path / "feed.xml")
    with pytest.raises(FileNotFoundError) as missing:
        write_bytes_naming(tmp_path / "no folder" / "page.html", data)
    assert missing.value.filename == str(tmp_path / "no folder" / "page.html")


def test_a_pages_folder_is_made_as_makedirs_makes_it(tmp_path):
    """``diskspace.make_folder``: ``mkdir`` first, ``makedirs`` where parents are
    missing, nothing for a folder there, an error for a file in its place."""
    make_folder(tmp_path / "editions" / "2020-01-02")  # no parent yet
    make_folder(tmp_path / "editions" / "2020-01-03")  # its parent there
    make_folder(tmp_path / "editions" / "2020-01-03")  # there already
    assert sorted(p.name for p in (tmp_path / "editions").iterdir()) == [
        "2020-01-02", "2020-01-03"]
    (tmp_path / "taken").write_text("a file")
    with pytest.raises(FileExistsError):
        make_folder(tmp_path / "taken")


# -- the build's records ----------------------------------------------------------------

RECORD_DAMAGE = {
    "truncated": lambda data: data[: len(data) // 2],
    "not UTF-8": lambda data: b"\xff\xfe" + data,
    "a list": lambda data: b"[1, 2, 3]",
    "wrong entries": lambda data: json.dumps(
        {**json.loads(data), "pages": {"index.html": "not an entry"}}).encode(),
}


@pytest.mark.parametrize("damage", sorted(RECORD_DAMAGE))
def test_a_damaged_page_record_is_discarded_and_every_page_rendered(tmp_path, scratch, damage):
    assert build(tmp_path, SEEDS, settings=QUIET).code == 0
    _touch(tmp_path)
    assert build(tmp_path, SEEDS, settings=QUIET).code == 0  # over an output: pages.json
    record = _cache_file(tmp_path, "pages.json")
    record.write_bytes(RECORD_DAMAGE[damage](record.read_bytes()))
    _touch(tmp_path)
    site = build(tmp_path, SEEDS, settings=QUIET)
    assert site.code == 0, site.stderr
    _one_warning(site, "discarded the damaged build record", str(record))
    assert "Kept" not in site.stderr  # nothing kept on the word of a damaged record
    assert stable_tree(site.output) == scratch
    assert json.loads(record.read_bytes())["pages"]


@pytest.mark.parametrize("damage", ["truncated", "a list", "not UTF-8"])
def test_a_damaged_last_build_record_means_a_real_build(tmp_path, scratch, damage):
    assert build(tmp_path, SEEDS, settings=QUIET).code == 0
    record = _cache_file(tmp_path, "last-build.json")
    record.write_bytes(RECORD_DAMAGE[damage](record.read_bytes()))
    site = build(tmp_path, SEEDS, settings=QUIET)
    assert site.code == 0, site.stderr
    _one_warning(site, "discarded the damaged build record", str(record))
    assert "is up to date" not in site.stderr
    assert stable_tree(site.output) == scratch
    assert "is up to date" in build(tmp_path, SEEDS, settings=QUIET).stderr


def test_a_pending_record_of_a_killed_build_is_not_committed(tmp_path, scratch):
    assert build(tmp_path, SEEDS, settings=QUIET).code == 0
    folder = _cache_file(tmp_path, "last-build.json").parent
    for name in ("pages.json.999999999.new", "pages.json.new"):  # and of older versions
        (folder / name).write_text(json.dumps(
            {"output": str(tmp_path / "output"), "pages": {}, "trees": {}}))
    (folder / ".pages.json.new.tmp-999999999-abc").write_text("{")  # a writer long gone
    _touch(tmp_path)
    site = build(tmp_path, SEEDS, settings=QUIET)
    assert site.code == 0, site.stderr
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []
    assert sorted(p.name for p in folder.glob("*.new")) == []
    assert stable_tree(site.output) == scratch


# -- a full disk (injected; test_faults.py fills a real one) ------------------------------

FULL_DISK_PLUGIN = """
import errno, os
from pelican import signals
from news_digest import atomic_file
from news_digest.speed import content_cache

FULL_AT = os.environ.get("FULL_AT")


def _full(path, context):
    if os.path.relpath(path, context["OUTPUT_PATH"]) == FULL_AT:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)


def _half_then_full(path, write, **options):
    def half(out):
        out.write(b"x" * 100)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # as write() does: no name
    atomic_file.write_atomically(path, half, **options)


def register():
    signals.content_written.connect(_full)
    if FULL_AT == "the content cache":
        content_cache.write_atomically = _half_then_full
"""


@pytest.mark.parametrize("where", ["index.html", "stories/court-rules-on-data-law.html",
                                   "the content cache"])
def test_a_full_disk_is_one_clear_error_and_the_next_build_succeeds(tmp_path, where):
    content = tmp_path / "seeds"
    (content / "articles").mkdir(parents=True)
    for name, text in SEEDS.items():
        (content / "articles" / name).write_bytes(
            text if isinstance(text, bytes) else text.encode())
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "disk_full.py").write_text(FULL_DISK_PLUGIN)
    reference = Project(tmp_path / "ref", content)
    assert reference.build().returncode == 0
    project = Project(tmp_path / "p", content, plugin_paths=[str(tmp_path / "plugins")],
                      plugins=["disk_full"])
    assert project.build().returncode == 0  # a previous output
    before = stable_tree(project.output)
    project.touch_seed()
    failed = subprocess.run(project.command(), capture_output=True, text=True,
                            cwd=project.folder, env={**os.environ, "FULL_AT": where},
                            timeout=300)
    assert failed.returncode == 1
    [line] = failed.stderr.strip().splitlines()
    if where == "the content cache":
        # One seed read anew: its entry goes beside the whole cache (content_cache.py).
        cache = _cache_file(project.folder)
        recent = cache.with_name(cache.name + ".recent")
        assert line == (f"no space left on device while writing {recent}: free space and "
                        "build again; output/ was left as it was")
        assert isinstance(pickle.loads(cache.read_bytes()), dict)  # the previous one, whole
        assert not recent.exists()
    else:
        assert line == (f"no space left on device while writing output/{where}: free space "
                        "and build again; output/ was left as it was")
    assert stable_tree(project.output) == before
    assert wait_for_no_debris(project.folder) == []
    again = project.build()  # FULL_AT unset: space was freed
    assert again.returncode == 0, again.stderr
    assert stable_tree(project.output) == stable_tree(reference.output)


def test_a_signal_as_the_staging_folder_is_made_leaves_none(tmp_path, monkeypatch):
    """SIGTERM in the instant between making the staging folder and remembering it:
    the signal waits until it is remembered, so the interrupted build deletes it."""
    make = tempfile.mkdtemp

    def made_then_signalled(*args, **kwargs):
        folder = make(*args, **kwargs)
        if ".building-" in os.path.basename(folder):
            os.kill(os.getpid(), signal.SIGTERM)
        return folder

    monkeypatch.setattr(tempfile, "mkdtemp", made_then_signalled)
    site = build(tmp_path, SEEDS, settings=QUIET)
    assert site.code == 143, site.stderr
    last = site.stderr.strip().splitlines()[-1]
    assert last.startswith("interrupted (SIGTERM); ")
    assert last.endswith("output/ was left as it was")
    assert list(tmp_path.glob(".output.building-*")) == []


def test_a_replaced_output_never_keeps_a_staging_name(tmp_path, monkeypatch):
    """Swapped in by an exchange or by two renames, the previous output is set aside
    under a replaced tree's name at once: its deletion runs on after the build exits,
    and a staging name (``.output.building-*``) would say a build is unfinished."""
    monkeypatch.setattr(output_swap, "remove_in_background", lambda folders: None)
    ways = {"exchange": output_swap._exchange, "renames": lambda first, second: False}
    for way, exchange in ways.items():
        monkeypatch.setattr(output_swap, "_exchange", exchange)
        work = tmp_path / way
        target = work / "output"
        target.mkdir(parents=True)
        (target / "index.html").write_text("yesterday")
        staging = Path(tempfile.mkdtemp(prefix=output_swap.staging_prefix(target), dir=work))
        (staging / "index.html").write_text("today")
        old = output_swap.swap_in(staging, target)
        assert (target / "index.html").read_text() == "today"
        assert old.name.startswith(".output.old-")
        assert (old / "output" / "index.html").read_text() == "yesterday"
        assert [p.name for p in work.iterdir() if ".building-" in p.name] == []


# -- output/ that cannot be renamed -----------------------------------------------------

def _unswappable(monkeypatch, target: Path) -> None:
    """rename() of ``target`` fails as on a mount point (EBUSY)."""
    rename = os.rename

    def busy(source, destination, *args, **kwargs):
        if Path(source) == target or Path(destination) == target:
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(source))
        return rename(source, destination, *args, **kwargs)

    def no_exchange(first, second):
        if Path(second) == target:
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(second))
        return False

    monkeypatch.setattr(output_swap.os, "rename", busy)
    monkeypatch.setattr(output_swap, "_exchange", no_exchange)


def test_an_output_folder_that_cannot_be_renamed_is_updated_in_place(tmp_path, monkeypatch,
                                                                      scratch):
    extra = {"003_c.txt": seed_text(title="A story that will be withdrawn",
                                    url="https://c.example/3")}
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("<p>yesterday</p>")
    (output / "stories").write_text("a file where the site has a folder")
    _unswappable(monkeypatch, output)
    site = build(tmp_path, {**SEEDS, **extra}, settings=QUIET)
    assert site.code == 0, site.stderr
    assert "cannot be replaced by a rename (Device or resource busy" in site.stderr
    assert "updating it in place" in site.stderr
    assert (output / "stories" / "a-story-that-will-be-withdrawn.html").is_file()
    (tmp_path / "content" / "articles" / "003_c.txt").unlink()
    site = build(tmp_path, SEEDS, settings=QUIET)
    assert site.code == 0, site.stderr
    assert stable_tree(output) == scratch  # the withdrawn story's pages are gone
    assert not [p for p in output.rglob(".*")]  # no temporary file inside
    assert wait_for_no_debris(tmp_path) == []
    assert "is up to date" in build(tmp_path, SEEDS, settings=QUIET).stderr


def test_an_output_folder_that_cannot_be_updated_says_what_to_do(tmp_path, monkeypatch):
    assert build(tmp_path, SEEDS, settings=QUIET).code == 0
    output = tmp_path / "output"
    _unswappable(monkeypatch, output)

    def refuse(staging, target):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(target / "x.html"))

    monkeypatch.setattr("news_digest.curator.build.update_in_place", refuse)
    _touch(tmp_path)
    site = build(tmp_path, SEEDS, settings=QUIET)
    assert site.code == 1
    *_, line = site.stderr.strip().splitlines()
    assert line.startswith(f"build failed: could not update {output}/ in place (Permission "
                           "denied")
    assert "build into a folder that can be renamed (-o)" in line
    assert wait_for_no_debris(tmp_path) == []


# -- one build at a time ------------------------------------------------------------------

def _project(tmp_path: Path) -> Project:
    content = tmp_path / "seeds"
    (content / "articles").mkdir(parents=True)
    for name, text in SEEDS.items():
        (content / "articles" / name).write_bytes(
            text if isinstance(text, bytes) else text.encode())
    return Project(tmp_path / "project", content)


def _read_until(stream, text: str, timeout: float = 120) -> str:
    seen = ""
    deadline = time.monotonic() + timeout
    while text not in seen and time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            break
        seen += line
    return seen


def test_a_second_build_says_who_holds_the_lock_then_waits_or_stops(tmp_path):
    project = _project(tmp_path)
    lock = BuildLock(project.output)
    lock.acquire()
    try:
        refused = project.build("--no-wait")
        assert refused.returncode == 75
        assert refused.stderr.count("\n") == 1
        assert f"pid {os.getpid()}" in refused.stderr and "not starting a second one" in \
            refused.stderr
        waiting = subprocess.Popen(project.command(), stderr=subprocess.PIPE, text=True,
                                   stdout=subprocess.DEVNULL, cwd=project.folder)
        said = _read_until(waiting.stderr, "waiting for it to finish")
        assert f"output/ is being built by another build (pid {os.getpid()}" in said
        assert not project.output.exists()  # it waits, it does not build
    finally:
        lock.release()
    rest = waiting.stderr.read()
    assert waiting.wait(300) == 0, rest
    assert (project.output / "index.html").is_file()
    assert wait_for_no_debris(project.folder) == []


def test_two_builds_at_once_in_one_folder_both_succeed(tmp_path):
    project = _project(tmp_path)
    reference = Project(tmp_path / "ref", project.content)
    assert reference.build().returncode == 0
    builds = [subprocess.Popen(project.command(), stderr=subprocess.PIPE, text=True,
                               stdout=subprocess.DEVNULL, cwd=project.folder)
              for _ in range(2)]
    results = [(b.wait(300), b.stderr.read()) for b in builds]
    assert [code for code, _ in results] == [0, 0], results
    assert all(no_traceback(text) for _, text in results)
    assert stable_tree(project.output) == stable_tree(reference.output)
    assert wait_for_no_debris(project.folder) == []


def test_the_lock_of_a_killed_build_does_not_stop_the_next(tmp_path):
    project = _project(tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import os, sys, time
        from pathlib import Path
        from news_digest.curator.build_lock import BuildLock
        BuildLock(Path({str(project.output)!r})).acquire()
        print("locked", flush=True)
        time.sleep(600)
    """)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    holder.kill()  # kill -9: the lock file stays, the lock does not
    holder.wait()
    assert (project.folder / ".output.lock").exists()
    done = project.build("--no-wait")
    assert done.returncode == 0, done.stderr
    assert not (project.folder / ".output.lock").exists()


# -- SIGTERM is Ctrl-C ------------------------------------------------------------------

TERMINATOR = """
import os, signal
from pelican import signals

def _stop(path, context):
    os.kill(os.getpid(), signal.SIGTERM)  # as `kill`, `docker stop` or a CI timeout does

def register():
    signals.content_written.connect(_stop)
"""


def test_sigterm_stops_the_build_like_ctrl_c(tmp_path):
    project = _project(tmp_path)
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "terminator.py").write_text(TERMINATOR)
    assert project.build().returncode == 0
    before = stable_tree(project.output)
    stopped = Project(project.folder, project.content, plugins=["terminator"],
                      plugin_paths=[str(tmp_path / "plugins")])
    stopped.touch_seed()
    result = stopped.build()
    assert result.returncode == 143, result.stderr
    assert result.stderr.strip() == "interrupted (SIGTERM); output/ was left as it was"
    assert stable_tree(project.output) == before
    assert wait_for_no_debris(project.folder) == []
    again = Project(project.folder, project.content).build()
    assert again.returncode == 0 and stable_tree(project.output) == before


# -- "up to date" only when it is true --------------------------------------------------

def test_a_symlinked_content_folder_publishes_added_and_edited_seeds(tmp_path):
    shared = tmp_path / "shared-articles"
    shared.mkdir()
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "articles").symlink_to(shared, target_is_directory=True)
    assert build(tmp_path, SEEDS, settings=QUIET).code == 0
    added = seed_text(title="Added to the shared folder", url="https://d.example/4")
    (shared / "004_d.txt").write_text(added, encoding="utf-8")  # not through the link
    site = build(tmp_path, {}, settings=QUIET)
    assert site.code == 0 and "is up to date" not in site.stderr
    assert (site.output / "stories" / "added-to-the-shared-folder.html").is_file()
    (shared / "001_a.txt").write_text(seed_text(title="Court rules on data law again",
                                                url="https://a.example/1"), encoding="utf-8")
    site = build(tmp_path, {}, settings=QUIET)
    assert site.code == 0 and "is up to date" not in site.stderr
    assert (site.output / "stories" / "court-rules-on-data-law-again.html").is_file()
    fresh = build(tmp_path / "fresh", {**SEEDS, "004_d.txt": added,
                                       "001_a.txt": (shared / "001_a.txt").read_text()},
                  settings=QUIET)
    assert stable_tree(site.output) == stable_tree(fresh.output)


def test_the_stamp_follows_links_without_looping(tmp_path):
    content = tmp_path / "content"
    (content / "articles" / "deeper").mkdir(parents=True)
    (content / "articles" / "deeper" / "up").symlink_to(content, target_is_directory=True)
    (content / "articles" / "broken").symlink_to(tmp_path / "nowhere")
    seed = content / "articles" / "deeper" / "001.txt"
    seed.write_text("one")
    settings = {"PATH": str(content), "ARTICLE_PATHS": ["articles"], "PLUGINS": []}
    first = input_stamp("key", settings)
    assert input_stamp("key", settings) == first
    seed.write_text("two!")
    assert input_stamp("key", settings) != first


def test_the_stamp_covers_template_overrides_and_every_plugins_code(tmp_path):
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "note.html").write_text("one")
    plugins = tmp_path / "plugins"
    (plugins / "other" / "__pycache__").mkdir(parents=True)
    (plugins / "other" / "__init__.py").write_text("def register(): pass\n")
    settings = {"PATH": str(tmp_path / "content"), "THEME": str(ROOT / "theme"),
                "THEME_TEMPLATES_OVERRIDES": [str(overrides)], "PLUGIN_PATHS": [str(plugins)],
                "PLUGINS": ["other", "news_digest"]}
    stamps = [input_stamp("key", settings)]
    (plugins / "other" / "__pycache__" / "x.pyc").write_bytes(b"compiled")  # not read
    assert input_stamp("key", settings) == stamps[0]
    (overrides / "note.html").write_text("two!")
    stamps.append(input_stamp("key", settings))
    (plugins / "other" / "__init__.py").write_text("def register():\n    pass\n")
    stamps.append(input_stamp("key", settings))
    assert len(set(stamps)) == 3


SECOND_PLUGIN = """
from pelican import signals

def _name(pelican):
    pelican.settings["SITENAME"] = {name!r}

def register():
    signals.initialized.connect(_name)
"""


def test_a_second_plugins_code_and_a_template_override_are_not_up_to_date(tmp_path):
    project = _project(tmp_path)
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "renamer.py").write_text(SECOND_PLUGIN.format(name="Alpha Digest"))
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    base = (ROOT / "theme" / "templates" / "base.html").read_text(encoding="utf-8")
    (overrides / "base.html").write_text(base, encoding="utf-8")
    project = Project(project.folder, project.content, plugin_paths=[str(plugins)],
                      plugins=["renamer"],
                      extra=f"THEME_TEMPLATES_OVERRIDES = [{str(overrides)!r}]\n")
    assert project.build().returncode == 0
    assert "is up to date" in project.build().stderr
    (plugins / "renamer.py").write_text(SECOND_PLUGIN.format(name="Beta Digest"))
    result = project.build()
    assert result.returncode == 0 and "is up to date" not in result.stderr
    assert "Beta Digest" in (project.output / "index.html").read_text(encoding="utf-8")
    text = (overrides / "base.html").read_text(encoding="utf-8")
    (overrides / "base.html").write_text(text.replace("</body>", "<!-- overridden --></body>"),
                                         encoding="utf-8")
    result = project.build()
    assert result.returncode == 0 and "is up to date" not in result.stderr
    assert "<!-- overridden -->" in (project.output / "index.html").read_text(encoding="utf-8")


# -- warnings in a CI log -----------------------------------------------------------------

def test_warnings_are_one_line_each_off_a_terminal(tmp_path):
    long_folder = "/".join(["a-folder-with-a-rather-long-name-for-the-log"] * 3)
    content = tmp_path / "seeds"
    folder = content / "articles" / long_folder
    folder.mkdir(parents=True)
    for name, text in SEEDS.items():
        (folder / name).write_bytes(text if isinstance(text, bytes) else text.encode())
    bad = "009_a-seed-file-whose-name-alone-is-longer-than-a-terminal-line-of-text.txt"
    (folder / bad).write_text(seed_text(published="not a date"), encoding="utf-8")
    project = Project(tmp_path / "project", content, extra="DIGEST_STRICT = False\n")
    result = project.build()
    assert result.returncode == 0, result.stderr
    relative = f"articles/{long_folder}/{bad}"
    [line] = [line for line in result.stderr.splitlines() if "Skipped seed" in line]
    assert relative in line and line.startswith("WARNING: ")
    assert "not a date" in line
    [done] = [line for line in result.stdout.splitlines() if line.startswith("Done:")]
    assert done.endswith("seconds.")
