"""Two real builds at once with the same settings, into two outputs: each build's
records (the page record, the clustering) are its own (``atomic_file.pending_path``).

The build lock serialises builds into one output; builds into two outputs with the
same settings share the cache's keyed folder. Before, both wrote their pending records
under one name (``pages.json.new``): the build that committed first took the other's,
or its own was overwritten, and a build that failed dropped the other's. The build
paused here is held by a plugin just before it makes its records current (the moment
another build can get in between), then let go; nothing is asserted about time.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

import pytest

from faultsite import Project, corpus, no_traceback, wait_for_no_debris
from sitebuild import stable_tree

pytestmark = pytest.mark.slow

# Waits in ``Rebuild.swapped_in`` (the new output is in place, its records not yet
# current) while the file named by PAUSE_BEFORE_RECORDS exists; says so first. With
# FAIL_BEFORE_SWAP, the build fails once Pelican ended (its records pending), as a
# disk error at its swap would.
PAUSE_PLUGIN = '''\
import errno
import os
import time
from pathlib import Path

def register():
    from news_digest.speed import rebuild
    if os.environ.get("FAIL_BEFORE_SWAP"):
        def failing(self):
            raise OSError(errno.EIO, "an input/output error, injected")
        rebuild.Rebuild.built = failing
    flag = os.environ.get("PAUSE_BEFORE_RECORDS")
    if not flag:
        return
    original = rebuild.Rebuild.swapped_in

    def paused(self, **kwargs):
        Path(flag + ".reached").touch()
        while os.path.exists(flag):
            time.sleep(0.02)
        return original(self, **kwargs)

    rebuild.Rebuild.swapped_in = paused
'''


def _edit(project: Project, index: int, words: str) -> None:
    seed = sorted((project.content / "articles").glob("*.txt"))[index]
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.rstrip("\n") + f"\n\n{words}\n", encoding="utf-8")


def _paused_build(project: Project, flag: Path, output: str) -> subprocess.Popen:
    flag.touch()
    env = {**os.environ, "PAUSE_BEFORE_RECORDS": str(flag)}
    process = subprocess.Popen(project.command("-o", output), cwd=project.folder, env=env,
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    reached = flag.with_name(flag.name + ".reached")
    while not reached.exists():
        assert process.poll() is None, process.communicate()[1]
        time.sleep(0.02)
    return process


def _build(project: Project, output: str) -> subprocess.CompletedProcess:
    result = subprocess.run(project.command("-o", output), cwd=project.folder,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0 and no_traceback(result.stderr), result.stderr
    return result


@pytest.fixture(scope="module")
def stories(tmp_path_factory) -> Path:
    return corpus(tmp_path_factory.mktemp("corpus"), 40)


def _project(folder: Path, stories: Path) -> Project:
    plugins = folder / "plugins"
    plugins.mkdir(parents=True)
    (plugins / "pause_before_records.py").write_text(PAUSE_PLUGIN, encoding="utf-8")
    return Project(folder, stories, plugin_paths=[str(plugins)],
                   plugins=["pause_before_records"])


@pytest.mark.parametrize("other_fails", [False, True])
def test_a_build_into_another_output_between_keeps_each_builds_records(
        tmp_path, stories, other_fails):
    """B (into output/) is paused with its records pending; A (into other/, the same
    settings and cache) runs whole meanwhile, and succeeds or fails after writing its
    own; then B ends. B's record is B's: its next build keeps its unchanged pages, and
    what it makes equals a build from scratch."""
    project = _project(tmp_path / "project", stories)
    _build(project, "output")
    _edit(project, 0, "A paragraph added while two builds ran.")
    flag = tmp_path / "hold-b"
    b = _paused_build(project, flag, "output")
    try:
        if other_fails:
            # A fails at its end, after its pending records were written.
            failed = subprocess.run(project.command("-o", "other"), cwd=project.folder,
                                    env={**os.environ, "FAIL_BEFORE_SWAP": "1"},
                                    capture_output=True, text=True, timeout=600)
            assert failed.returncode == 1 and no_traceback(failed.stderr), failed.stderr
            assert "input/output error, injected" in failed.stderr
        else:
            _build(project, "other")
    finally:
        flag.unlink()
    _, err = b.communicate(timeout=600)
    assert b.returncode == 0 and no_traceback(err), err
    _edit(project, 1, "Another paragraph, after both builds.")
    again = _build(project, "output")
    # B's own record, committed by B: as many pages kept as when B built alone
    assert _kept(again.stderr) == _kept_alone(tmp_path / "alone", stories), again.stderr
    fresh = _project(tmp_path / "fresh", project.content)
    _build(fresh, "output")
    assert stable_tree(project.output) == stable_tree(fresh.output)
    assert wait_for_no_debris(project.folder) == []


def _kept(stderr: str) -> tuple[int, int] | None:
    found = re.search(r"Kept (\d+) of (\d+) pages", stderr)
    return (int(found[1]), int(found[2])) if found else None


def _kept_alone(folder: Path, stories: Path) -> tuple[int, int] | None:
    """The same builds and edits with no other build between."""
    project = _project(folder, stories)
    _build(project, "output")
    _edit(project, 0, "A paragraph added while two builds ran.")
    _build(project, "output")
    _edit(project, 1, "Another paragraph, after both builds.")
    kept = _kept(_build(project, "output").stderr)
    assert kept is not None
    return kept
