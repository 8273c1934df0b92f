"""Fault injection on real builds: `kill -9` (and SIGTERM) at many points of a
1,000-story build, a kill while the content cache is saved, a kill while Pagefind
indexes, a real full disk, a real mount point as output/. After each, output/ is
what it was (or absent, before a first build) and the next build succeeds with
output equal to a build from scratch.

The kill points are fractions of a build's duration, measured here: they land in
every phase on a fast machine or a slow one. Nothing is asserted about time.
"""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from faultsite import Project, corpus, debris, no_traceback, wait_for_no_debris
from sitebuild import build, seed_text, stable_tree

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def thousand(tmp_path_factory) -> Path:
    return corpus(tmp_path_factory.mktemp("corpus"), 1000)


@pytest.fixture(scope="module")
def reference(tmp_path_factory, thousand):
    """The 1,000 stories built from scratch (no search): its tree and its duration."""
    project = Project(tmp_path_factory.mktemp("reference"), thousand)
    started = time.monotonic()
    result = project.build()
    assert result.returncode == 0, result.stderr
    return stable_tree(project.output), time.monotonic() - started


def _signal_after(project: Project, delay: float, signum: int = signal.SIGKILL):
    """Start a build, send ``signum`` after ``delay`` s; (landed, exit code, stderr)."""
    process = project.start()
    time.sleep(delay)
    landed = process.poll() is None
    if landed:
        os.kill(process.pid, signum)
    code, log = project.finish(process)
    return landed, code, log


def _signal_during(project: Project, prepare, delay: float, signum: int = signal.SIGKILL):
    """``_signal_after``, tried again sooner when the build finished first (a machine
    that got quieter makes builds faster than the one measured): the fault is meant
    to land while the build runs."""
    for _ in range(3):
        prepare()
        landed, code, log = _signal_after(project, delay, signum)
        if landed:
            break
        assert no_traceback(log)
        delay /= 2
    return landed, code, log


def _caches_whole(project: Project) -> bool:
    """Every content cache file on disk is a complete pickle (atomic saves)."""
    for path in [*project.cache.glob("*/*-Readers"), *project.cache.glob("*/*-Readers.recent")]:
        with open(path, "rb") as handle:
            pickle.load(handle)
    return True


def _recovers(project: Project, tree: dict[str, bytes]) -> None:
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert no_traceback(result.stderr)
    assert stable_tree(project.output) == tree
    assert wait_for_no_debris(project.folder) == []


def test_kill_9_at_many_points_of_a_1000_story_build(tmp_path, thousand, reference):
    tree, duration = reference
    project = Project(tmp_path / "project", thousand)
    landed = tried = 0
    # From scratch (no output, no cache): reading, saving the cache, writing, swapping.
    points = 8
    for i in range(points):
        hit, code, log = _signal_during(project, project.reset, duration * (i + 0.5) / points)
        landed, tried = landed + hit, tried + 1
        assert no_traceback(log)
        assert not project.output.exists() or stable_tree(project.output) == tree
        assert _caches_whole(project)
        _recovers(project, tree)
    # Over a previous output (one seed saved again): loading the cache, keeping pages,
    # saving the cache and the records, swapping. output/ never changes. Every third
    # signal is a SIGTERM (`kill`, `docker stop`): the build removes its staging
    # folder itself before it exits.
    for i in (1, 2):  # the first rebuild leaves the record of its pages, the second uses it
        project.touch_seed(i)
        started = time.monotonic()
        _recovers(project, tree)
    again = time.monotonic() - started
    points, stopped = 9, 0
    for i in range(points):
        signum = signal.SIGTERM if i % 3 == 1 else signal.SIGKILL
        hit, code, log = _signal_during(project, lambda i=i: project.touch_seed(i),
                                        again * (i + 0.5) / points, signum)
        landed, tried = landed + hit, tried + 1
        assert no_traceback(log)
        if signum == signal.SIGTERM and code == 143:
            stopped += 1
            # Before the swap output/ is left as it was; a signal in the build's last
            # instants, once output/ and its records are replaced, says so instead.
            # Either way output/ is the whole build (below).
            assert log.strip().splitlines()[-1] in (
                "interrupted (SIGTERM); output/ was left as it was",
                "interrupted (SIGTERM); output/ holds the complete new build"), log
            assert [name for name in debris(project.folder) if ".building-" in name] == []
        assert stable_tree(project.output) == tree
        assert _caches_whole(project)
        _recovers(project, tree)
    # Most signals landed while the build ran (a busy machine makes builds slower).
    assert landed >= tried * 2 // 3 and stopped >= 1


def test_kill_9_while_the_content_cache_is_saved(tmp_path, thousand, reference):
    """The save Pelican did in place: a kill in it left a truncated cache, and every
    later build failed with EOFError. Killed as the temporary file grows. A seed read
    anew is saved beside the whole cache (``.recent``, a few kilobytes, the same
    atomic write: test_recovery.py fails it), so the whole cache is removed first:
    with none, it is written whole."""
    tree, _ = reference
    project = Project(tmp_path / "project", thousand)
    _recovers(project, tree)
    [cache] = project.cache.glob("*/ArticlesGenerator-Readers")
    size = cache.stat().st_size
    for at_least in (1, size // 2):
        # On a loaded machine this process may not be scheduled while the save runs, and
        # the build ends first: that build is whole (checked), and the kill is tried again.
        for attempt in range(5):
            project.touch_seed(at_least % 7 + attempt)
            cache.unlink(missing_ok=True)
            code, log, temp = _kill_as_the_cache_grows(project, cache, at_least)
            if code == -signal.SIGKILL:
                break
            assert code == 0, log
            assert stable_tree(project.output) == tree
        assert code == -signal.SIGKILL, f"the kill did not land while saving, 5 tries: {log}"
        assert temp is not None and temp.exists()  # the partial save, under another name
        assert _caches_whole(project)
        assert stable_tree(project.output) == tree
        _recovers(project, tree)
        assert not temp.exists()  # removed as debris


def _kill_as_the_cache_grows(project: Project, cache: Path, at_least: int):
    """Start a build; SIGKILL it once its temporary cache file holds ``at_least`` bytes."""
    process = project.start()
    deadline = time.monotonic() + 600
    temp = None
    while process.poll() is None and time.monotonic() < deadline:
        temp = next(iter(cache.parent.glob(".ArticlesGenerator-Readers.tmp-*")), None)
        try:
            if temp is not None and temp.stat().st_size >= at_least:
                os.kill(process.pid, signal.SIGKILL)
                break
        except FileNotFoundError:
            pass
        time.sleep(0.0005)
    code, log = project.finish(process)
    return code, log, temp


def test_kill_9_after_the_clustering_is_kept_then_the_settings_edited(tmp_path):
    """The flaky run of the test above (fourteenth session): a build killed once its
    pending clustering was written, then a build under another cache key (there the
    plugin's code was edited while the slow tests ran; here the settings file). The
    pending record stayed in the first key's folder, which no later build cleared."""
    project = Project(tmp_path / "project", corpus(tmp_path / "corpus", 200))
    process = project.start()
    deadline = time.monotonic() + 600
    while process.poll() is None and time.monotonic() < deadline:
        if list(project.cache.glob("*/clusters.bin.*new")):
            os.kill(process.pid, signal.SIGKILL)
            break
        time.sleep(0.0005)
    code, log = project.finish(process)
    assert code == -signal.SIGKILL, f"the build ended before it could be killed: {log}"
    with open(project.conf, "a", encoding="utf-8") as conf:
        conf.write("# edited after the kill: the cache key changes\n")
    result = project.build()
    assert result.returncode == 0, result.stderr
    assert wait_for_no_debris(project.folder) == []


@pytest.fixture(scope="module")
def searchable(tmp_path_factory):
    """300 stories with search, built from scratch: its content and tree."""
    content = corpus(tmp_path_factory.mktemp("corpus300"), 300)
    project = Project(tmp_path_factory.mktemp("reference300"), content, search=True)
    result = project.build()
    assert result.returncode == 0, result.stderr
    return content, stable_tree(project.output)


def _indexers(project: Project) -> list[int]:
    """Pagefind processes working in the project's folder (Linux: /proc)."""
    found = []
    for name in os.listdir("/proc"):
        try:
            program = Path(f"/proc/{name}/cmdline").read_bytes().split(b"\0", 1)[0]
            where = os.readlink(f"/proc/{name}/cwd")
        except OSError:
            continue
        if os.path.basename(program).startswith(b"pagefind") and \
                where.startswith(str(project.folder)):
            found.append(int(name))
    return found


def _start_and_wait_for_pagefind(project: Project, *extra: str):
    process = project.start(*extra)
    deadline = time.monotonic() + 600
    while process.poll() is None and time.monotonic() < deadline:
        if _indexers(project):
            return process
        time.sleep(0.002)
    raise AssertionError(f"Pagefind never ran: {project.log.read_text()}")


def test_kill_9_while_pagefind_writes_into_the_staging_folder(tmp_path, searchable):
    content, tree = searchable
    project = Project(tmp_path / "project", content, search=True)
    for previous in (False, True):  # a first build, then a rebuild over its output
        if previous:
            project.touch_seed()
        before = stable_tree(project.output) if previous else None
        # Over its output every shard would be kept (the first build recorded its
        # pages): --force renders and indexes them again.
        process = _start_and_wait_for_pagefind(project, *(("--force",) if previous else ()))
        os.kill(process.pid, signal.SIGKILL)  # only the build: its Pagefind runs on
        process.wait()
        orphans = _indexers(project)
        if previous:
            assert stable_tree(project.output) == before
        else:
            assert not project.output.exists()
        result = project.build()  # at once, while the orphaned indexer may still write
        assert not set(orphans) & set(_indexers(project))  # stopped (or done by then)
        project.finish(process)
        assert result.returncode == 0, result.stderr
        assert stable_tree(project.output) == tree
        assert wait_for_no_debris(project.folder) == []


def test_sigterm_while_pagefind_runs_stops_it_and_removes_the_staging_folder(tmp_path,
                                                                             searchable):
    content, tree = searchable
    project = Project(tmp_path / "project", content, search=True)
    process = _start_and_wait_for_pagefind(project)
    os.kill(process.pid, signal.SIGTERM)
    code = process.wait(600)
    assert _indexers(project) == []  # the build stopped its indexer before it exited
    code, log = project.finish(process)
    assert code == 143, log
    assert log.strip() == "interrupted (SIGTERM); output/ was left as it was"
    assert not project.output.exists()
    assert [name for name in debris(project.folder) if ".building-" in name] == []
    _recovers(project, tree)


# -- a real full disk and a real mount point (root only) --------------------------------

def _mount(*arguments: str) -> str | None:
    """Run mount; the reason it failed, or None."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return "mounting needs root and mount(8)"
    result = subprocess.run(["mount", *arguments], capture_output=True, text=True)
    return None if result.returncode == 0 else f"mount failed: {result.stderr.strip()}"


def _unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def _fill(disk: Path, leave: int) -> None:
    """Take all the free space of ``disk`` but ``leave`` bytes."""
    info = os.statvfs(disk)
    size = info.f_bavail * info.f_frsize - leave
    if size > 0:
        with open(disk / "ballast", "wb") as handle:
            os.posix_fallocate(handle.fileno(), 0, size)


def _small_tmpfs(disk: Path, why: str):
    """A 64 MB tmpfs mounted at ``disk`` for the test, unmounted after; the test skips
    (``why``, with the mount's reason in place of ``{}``) where no mount is allowed."""
    disk.mkdir()
    reason = _mount("-t", "tmpfs", "-o", "size=64m", "tmpfs", str(disk))
    if reason:
        pytest.skip(why.format(reason))
    yield disk
    _unmount(disk)


@pytest.fixture
def small_disk(tmp_path):
    yield from _small_tmpfs(tmp_path / "disk",
                            "a real full disk needs a tmpfs: {} (test_recovery.py injects one)")


def test_a_real_full_disk_at_every_stage_then_space_freed(tmp_path, small_disk):
    content = corpus(tmp_path / "corpus", 120)
    # The reference on the same kind of file system: Pagefind's index files follow
    # the order in which it lists a folder, which differs between file systems.
    scratch = Project(small_disk / "reference", content, search=True)
    assert scratch.build().returncode == 0
    tree = stable_tree(scratch.output)
    shutil.rmtree(scratch.folder)
    project = Project(small_disk / "project", content, search=True)
    assert project.build().returncode == 0
    used = sum(p.stat().st_size for p in small_disk.rglob("*") if p.is_file()) - \
        sum(p.stat().st_size for p in project.content.rglob("*") if p.is_file())
    # What is left free: a share of the whole build's files for a build into an empty
    # output/; a few bytes to a few MB for an update, which writes only its new seed's
    # cache entry (the .recent file), the records and the pages it changed.
    fresh_leaves = [int(used * share) for share in (0, 0.05, 0.2, 0.4, 0.6, 0.8)]
    update_leaves = [0, 8 << 10, 64 << 10, 256 << 10, 1 << 20, 4 << 20]
    full = 0
    for previous, leaves in ((False, fresh_leaves), (True, update_leaves)):
        for leave in leaves:
            if previous:
                project.touch_seed()
                before = stable_tree(project.output)
            else:
                project.reset()
            _fill(small_disk, leave)
            result = project.build()
            (small_disk / "ballast").unlink(missing_ok=True)
            assert no_traceback(result.stderr), result.stderr
            if result.returncode != 0:
                full += 1
                last = result.stderr.strip().splitlines()[-1]
                assert last.startswith("no space left on device while "), result.stderr
                assert last.endswith("free space and build again; output/ was left as it was")
                assert stable_tree(project.output) == before if previous \
                    else not project.output.exists()
            _recovers(project, tree)
    assert full >= 8


def test_a_mount_point_as_output_is_updated_in_place(tmp_path, thousand, reference):
    tree, _ = reference
    project = Project(tmp_path / "project", thousand)
    volume = tmp_path / "volume"
    volume.mkdir()
    (volume / "index.html").write_text("<p>what the volume held before</p>")
    project.output.mkdir()
    reason = _mount("--bind", str(volume), str(project.output))
    if reason:
        pytest.skip(f"a real mount point needs a bind mount: {reason} "
                    "(test_recovery.py makes rename fail instead)")
    try:
        result = project.build()
        assert result.returncode == 0, result.stderr
        assert "output/ cannot be replaced by a rename (Device or resource busy" in result.stderr
        assert stable_tree(project.output) == tree
        assert wait_for_no_debris(project.folder) == []
        project.touch_seed()
        hit, code, log = _signal_after(project, 1.0)  # kill -9 mid-build, then again
        assert stable_tree(volume) == tree  # reused pages are copies: the volume is intact
        _recovers(project, tree)
        assert "is up to date" in project.build().stderr
        assert not [p for p in volume.rglob(".*")]
    finally:
        _unmount(project.output)


@pytest.fixture
def cache_disk(tmp_path):
    """The test site's cache folder on a file system of its own, to make read-only."""
    yield from _small_tmpfs(tmp_path / "cache", "a read-only cache needs a mount: {}")


def test_a_read_only_cache_is_named_and_the_next_writable_build_is_whole(tmp_path,
                                                                          cache_disk):
    """A CI cache restored read-only (or a cache folder on a read-only mount) failed
    with "build failed: OSError: [Errno 30] Read-only file system: '.../.pages.json.new
    .tmp-...'": it is named with the fix. The build must fail: an output whose records
    could not be written would be judged against the previous build's records."""
    seeds = {f"00{n}_a.txt": seed_text(title=f"Harbour bridge story {n}",
                                       url=f"https://news.example.com/s{n}") for n in range(3)}
    assert build(tmp_path, seeds).code == 0
    before = stable_tree(tmp_path / "output")
    assert _mount("-o", "remount,ro", str(cache_disk)) is None
    seeds["001_a.txt"] += "A new paragraph.\n"
    failed = build(tmp_path, seeds)
    assert failed.code == 1 and no_traceback(failed.stderr)
    line = failed.stderr.strip().splitlines()[-1]
    assert line.startswith(f"cannot write into {cache_disk}/"), failed.stderr
    assert line.endswith("(Read-only file system): make it writable (or point CACHE_PATH, "
                         f"or -o, at a folder that is) and build again; {tmp_path}/output/ "
                         "was left as it was"), line
    assert stable_tree(tmp_path / "output") == before
    assert _mount("-o", "remount,rw", str(cache_disk)) is None
    again = build(tmp_path, seeds)
    assert again.code == 0, again.stderr
    assert stable_tree(tmp_path / "output") == stable_tree(build(tmp_path / "fresh", seeds).output)
