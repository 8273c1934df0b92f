"""`python -m news_digest check` from the project's environment."""

from __future__ import annotations

import subprocess
import sys

from sitebuild import ROOT, SAMPLE_SEED, seed_text


def _check(*paths):
    return subprocess.run([sys.executable, "-m", "news_digest", "check", *map(str, paths)],
                          capture_output=True, text=True, cwd=ROOT)


def test_check_accepts_the_content_folder():
    result = _check(SAMPLE_SEED.parent)
    assert result.returncode == 0, result.stderr
    assert "0 refused" in result.stderr


def test_check_lists_every_bad_file(tmp_path):
    (tmp_path / "good.txt").write_text(seed_text())
    (tmp_path / "bad1.txt").write_text(seed_text(published="soon"))
    (tmp_path / "bad2.txt").write_bytes(b"\xff\xfe garbage")
    result = _check(tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(line.endswith("bad1.txt:3: 'soon' is not an ISO 8601 timestamp: write it like "
                             "2019-11-01T12:05:50+00:00") for line in lines)
    assert any("bad2.txt:1: byte 0xFF is not UTF-8" in line for line in lines)
    assert lines[-1] == "3 seed(s) checked, 2 refused"
