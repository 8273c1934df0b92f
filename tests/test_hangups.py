"""SIGTERM (a cancelled CI job, ``docker stop``) and SIGHUP (the terminal or the SSH
session closed) at many points of a real build and a real import: each stops with one
line and 128 + the signal's number, nothing half-written or left behind (no staging
folder, no temporary seed), and the next run is whole. Before, SIGHUP killed a build
and both killed an import outright: no line, the staging folder or a seed's temporary
file left for the next run, the import's state not saved. Nothing is asserted about
time: the points are fractions of a whole run measured here.
"""

from __future__ import annotations

import os
import signal
import time

import import_runs as I
import pytest

from faultsite import Project, corpus, debris, no_traceback, wait_for_no_debris
from sitebuild import stable_tree

pytestmark = pytest.mark.slow

SIGNALS = (signal.SIGHUP, signal.SIGTERM)
LINES = ("interrupted ({}); output/ was left as it was",
         "interrupted ({}); output/ holds the complete new build",
         "build: interrupted ({})")  # while Python loaded Pelican: nothing done yet


def test_sighup_and_sigterm_at_many_points_of_a_build(tmp_path):
    project = Project(tmp_path / "project", corpus(tmp_path / "corpus", 300))
    first = project.build()
    assert first.returncode == 0, first.stderr
    tree = stable_tree(project.output)
    project.touch_seed(0)
    started = time.monotonic()
    assert project.build().returncode == 0
    whole = time.monotonic() - started
    landed = 0
    for point in range(8):
        signum = SIGNALS[point % 2]
        project.touch_seed(point)  # a real build, the same output
        process = project.start()
        time.sleep(whole * (point + 0.5) / 8)
        if process.poll() is None:
            os.kill(process.pid, signum)
        code, log = project.finish(process)
        assert no_traceback(log), log
        if code == -signum:  # in the instant Python starts, before any code of ours
            assert not log.strip() and not any(".building-" in n for n in debris(project.folder))
        elif code != 0:
            landed += 1
            assert code == 128 + signum, (signum, code, log)
            name = signal.Signals(signum).name
            assert log.strip().splitlines()[-1] in [line.format(name) for line in LINES], log
            assert [n for n in debris(project.folder) if ".building-" in n] == []
        assert stable_tree(project.output) == tree
        again = project.build()
        assert again.returncode == 0 and no_traceback(again.stderr), again.stderr
        assert stable_tree(project.output) == tree
        assert wait_for_no_debris(project.folder) == []
    assert landed >= 4  # most signals landed while the build ran


def test_sighup_and_sigterm_at_many_points_of_an_import(tmp_path):
    feed = I.feed(tmp_path / "feed.xml")
    folder = tmp_path / "articles"
    folder.mkdir()
    whole = I.seconds_of_one_import(feed, folder)
    landed = 0
    for point in range(10):
        signum = SIGNALS[point % 2]
        # the instant a seed is being written, then anywhere: reading, judging, writing
        process = I.stopped(feed, folder, signum, None if point < 4 else (point - 3) / 7, whole)
        _, err = process.communicate(timeout=600)
        assert "Traceback" not in err, err
        if process.returncode == -signum:  # as Python starts: nothing of ours ran yet
            assert not err.strip() and not any(folder.iterdir())
        elif process.returncode != 0:
            landed += 1
            assert process.returncode == 128 + signum, (signum, process.returncode, err)
            assert f"interrupted ({signal.Signals(signum).name})" in err, err
        assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []
        I.seeds_whole(folder)  # what the stopped import wrote is whole
        I.again_whole_and_once(feed, folder)
    assert landed >= 5
