"""A rebuild with nothing changed stops early; any change to content, theme, settings
or the output itself makes a real build."""

from __future__ import annotations

import os

import pytest

from sitebuild import build, seed_text

# Each test builds a site two or three times: the slow tier (make test), not make test-fast.
pytestmark = pytest.mark.slow

SEEDS = {"001_a.txt": seed_text(title="First story", url="https://a.example/1"),
         "002_b.txt": seed_text(title="Second story", url="https://a.example/2")}


def _stamps(folder):
    return {p.relative_to(folder): (p.stat().st_mtime_ns, p.read_bytes())
            for p in folder.rglob("*") if p.is_file()}


def test_nothing_changed_leaves_output_untouched(tmp_path):
    first = build(tmp_path, SEEDS)
    assert first.code == 0, first.stderr
    before = _stamps(first.output)
    again = build(tmp_path, SEEDS)
    assert again.code == 0
    assert "is up to date" in again.stderr
    assert _stamps(again.output) == before


def test_an_edited_seed_is_built(tmp_path):
    assert build(tmp_path, SEEDS).code == 0
    seed = tmp_path / "content" / "articles" / "002_b.txt"
    edited = {**SEEDS, "002_b.txt": seed_text(title="Second story, corrected",
                                              url="https://a.example/2")}
    os.utime(seed, ns=(0, 0))  # even an edit that keeps an old mtime changes the size
    site = build(tmp_path, edited)
    assert site.code == 0 and "is up to date" not in site.stderr
    assert (site.output / "stories" / "second-story-corrected.html").exists()


def test_a_changed_setting_or_damaged_output_is_built_again(tmp_path):
    assert build(tmp_path, SEEDS).code == 0
    site = build(tmp_path, SEEDS, settings={"SITENAME": "Another Digest"})
    assert "is up to date" not in site.stderr
    assert "Another Digest" in site.page("index.html").xpath("string(//title)")
    (site.output / "stories" / "first-story.html").unlink()
    site = build(tmp_path, SEEDS, settings={"SITENAME": "Another Digest"})
    assert "is up to date" not in site.stderr
    assert (site.output / "stories" / "first-story.html").exists()


def test_force_builds_anyway(tmp_path):
    assert build(tmp_path, SEEDS).code == 0
    site = build(tmp_path, SEEDS, force=True)
    assert site.code == 0 and "is up to date" not in site.stderr
