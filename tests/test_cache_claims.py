"""A killed build's pending records are cleared in whichever keyed cache folder it left
them, and a live build's never are (``speed/cache_claim.py``).

The fault test of a 1,000-story build once left a ``clusters.bin.new`` (now
``clusters.bin.<pid>.new``) after a kill and
the next build: a build killed under one cache key, followed by a build under another
(the plugin's code, a setting or the settings file changed in between), left its
pending records in a folder no later build cleared. test_faults.py kills a real build
so; here the killed build's leftovers are written by hand, in a small site.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from sitebuild import build, seed_text, stable_tree

SEEDS = {f"00{n}_a.txt": seed_text(title=f"Harbour bridge story {n}",
                                   url=f"https://news.example.com/s{n}") for n in range(3)}
QUIET = {"DIGEST_SEARCH": False}
LEFT = ("clusters.bin.999999999.new", "pages.json.new", ".clusters.bin.new.tmp-999999999-abc")


def _keyed(tmp_path: Path) -> list[Path]:
    return sorted(p for p in (tmp_path / "cache").iterdir() if p.is_dir())


def _kill_leftovers(folder: Path) -> None:
    """What a build killed after writing its pending records leaves (a temporary file
    of a writer long gone too)."""
    for name in LEFT:
        (folder / name).write_bytes(b"half of a record")


def _touch(tmp_path: Path) -> None:
    seed = tmp_path / "content" / "articles" / "001_a.txt"
    now = time.time_ns()
    os.utime(seed, ns=(now, now))


def test_a_killed_builds_records_go_when_the_settings_changed_since(tmp_path):
    assert build(tmp_path, SEEDS, settings=QUIET).code == 0
    [before] = _keyed(tmp_path)
    _kill_leftovers(before)  # killed, then the curator edits a setting
    site = build(tmp_path, SEEDS, settings={**QUIET, "TEST_UNUSED_SETTING": 1})
    assert site.code == 0, site.stderr
    assert len(_keyed(tmp_path)) == 2  # a new keyed folder; the old one stays (pruned later)
    assert [name for name in LEFT if (before / name).exists()] == []
    assert stable_tree(site.output) == stable_tree(build(tmp_path / "fresh", SEEDS,
                                                         settings=QUIET).output)


def test_a_live_builds_folder_is_left_alone(tmp_path):
    """A build under other settings running at the same time (into another output)
    holds its folder: its pending records are its own, not debris. Once it ended (its
    claim released, as the system does for a killed build), they are."""
    assert build(tmp_path, SEEDS, settings=QUIET).code == 0
    [other] = _keyed(tmp_path)
    _kill_leftovers(other)
    # the live build's own pending record: named by its pid, a running process
    its_own = other / f"pages.json.{os.getppid()}.new"
    its_own.write_bytes(b"a live build's record")
    live = os.open(other, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(live, fcntl.LOCK_SH)  # as a live build holds its folder
        assert build(tmp_path, SEEDS, settings={**QUIET, "TEST_UNUSED_SETTING": 1}
                     ).code == 0
        assert its_own.exists() and (other / "pages.json.new").exists()
        # a dead writer's temporary file and pending record go at once: told by pid
        assert not (other / LEFT[2]).exists() and not (other / LEFT[0]).exists()
    finally:
        os.close(live)
    _touch(tmp_path)
    assert build(tmp_path, SEEDS, settings={**QUIET, "TEST_UNUSED_SETTING": 2}).code == 0
    assert [name for name in LEFT if (other / name).exists()] == [] and not its_own.exists()
