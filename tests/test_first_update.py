"""The first update after a build from scratch keeps pages as any later update does.

A build into an empty output folder (the first one, after ``make clean``, a CI job's
fresh clone) records each page's key and depths (``pages.json``) like a build over a
previous output, so the update after it keeps every page whose key is unchanged.
Real builds: from scratch into an empty output, then one change (a story today, a
story a year back, an edited story, a removed story, an edited template); the update
keeps the older pages (the very files), and writes what a build from scratch of the
same content writes, byte for byte (a record made wrong would keep a stale page).
"""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import timedelta

import pytest
from test_stable_pages import EVENTS, SETTINGS, START, _stories

from news_digest.speed import fingerprint, reuse_writer

from sitebuild import ROOT, build, seed_text, stable_tree

pytestmark = pytest.mark.slow

OLDEST_TOPIC_PAGE = "topics/privacy/page/1/index.html"
OLD_STORY = "stories/story-0-of-day-1.html"


def _today(seeds: dict, folder) -> dict:
    when = (START + timedelta(days=8)).isoformat() + "+00:00"
    return {**seeds, "008-0.txt": seed_text(
        title="Story 0 of day 8", published=when, url="https://news.example.com/8/0",
        source="The Daily Example", body=(EVENTS[0] + " A new day.",),
        extra=(("Topics", "privacy"),))}


def _year_back(seeds: dict, folder) -> dict:
    when = (START - timedelta(days=365)).isoformat() + "+00:00"
    return {**seeds, "000-9.txt": seed_text(
        title="A story of the year before", published=when,
        url="https://news.example.com/old", source="The Daily Example",
        body=(EVENTS[5] + " Last year.",), extra=(("Topics", "privacy"),))}


def _edited(seeds: dict, folder) -> dict:
    return {**seeds, "005-0.txt": seeds["005-0.txt"].replace(
        EVENTS[10], EVENTS[10] + " The jury met in Kirkwall.")}


def _removed(seeds: dict, folder) -> dict:
    (folder / "site" / "content" / "articles" / "004-1.txt").unlink()
    return {name: text for name, text in seeds.items() if name != "004-1.txt"}


def _template(seeds: dict, folder) -> dict:
    item = folder / "theme" / "templates" / "partials" / "story_item.html"
    item.write_text(item.read_text(encoding="utf-8").replace(
        'class="story-summary"', 'class="story-summary edited"'), encoding="utf-8")
    return seeds


# change -> (pages that must be the very files of the build from scratch, and a check
# of the update's output)
CHANGES = {
    "a story today": (_today, (OLDEST_TOPIC_PAGE, OLD_STORY)),
    "a story a year back": (_year_back, (OLD_STORY,)),
    "an edited story": (_edited, (OLDEST_TOPIC_PAGE, OLD_STORY)),
    "a removed story": (_removed, (OLD_STORY,)),
    "an edited template": (_template, (OLD_STORY,)),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_the_first_update_after_a_build_from_scratch_keeps_pages(tmp_path, change):
    edit, kept = CHANGES[change]
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = {**SETTINGS, "THEME": str(theme)}
    search = change == "a story today"  # its shards are kept too
    before = _stories(8)
    site = build(tmp_path / "site", before, settings=settings, search=search)
    assert site.code == 0, site.stderr
    assert "Kept " not in site.stderr  # into an empty output: nothing to keep
    inodes = {name: (site.output / name).stat().st_ino for name in kept}
    shards = {p.relative_to(site.output): p.stat().st_ino
              for p in site.files("pagefind-*/**/*")}

    after = edit(before, tmp_path)
    again = build(tmp_path / "site", after, settings=settings, search=search)
    assert again.code == 0, again.stderr
    assert "Kept " in again.stderr, again.stderr  # the record of the build from scratch
    for name, inode in inodes.items():
        assert (again.output / name).stat().st_ino == inode, f"{name} was written again"
    if search:
        assert shards and any((again.output / name).exists()
                              and (again.output / name).stat().st_ino == inode
                              for name, inode in shards.items())
    if change == "an edited template":
        assert again.page("index.html").xpath("//p[contains(@class, 'edited')]")
    fresh = build(tmp_path / "fresh", after, settings=settings, search=search)
    assert fresh.code == 0, fresh.stderr
    assert stable_tree(again.output) == stable_tree(fresh.output)


def test_a_build_from_scratch_replaces_no_file_before_writing_it(tmp_path, monkeypatch):
    """Nothing is kept into an empty output folder, so no file there is linked from a
    previous output: the writer looks for none before each write (an update, which may
    have linked a file, still replaces it rather than write into the previous build's)."""
    looked: list[str] = []
    real = reuse_writer.os.path.lexists

    def watched(path):
        looked.append(str(path))
        return real(path)

    monkeypatch.setattr(reuse_writer.os.path, "lexists", watched)  # os.path: the whole build's
    seeds = _stories(3)
    site = build(tmp_path / "site", seeds, settings=SETTINGS)
    assert site.code == 0, site.stderr
    pages = [p for p in looked if p.startswith(str(tmp_path)) and p.endswith(".html")]
    assert not pages
    again = build(tmp_path / "site", _today(seeds, tmp_path), settings=SETTINGS)
    assert again.code == 0, again.stderr
    assert [p for p in looked if p.startswith(str(tmp_path)) and p.endswith(".html")]


def test_a_build_from_scratch_fingerprints_each_story_once_at_each_depth(tmp_path,
                                                                         monkeypatch):
    """A build from scratch lets go of the page keys' memos before the feeds page
    (memory); every page that lists stories (story, topic, source, edition and home
    pages) is written before that, so no story's fingerprint is worked out twice at
    one depth (the source pages and editions, written after the feeds, did so)."""
    described: Counter = Counter()
    real = fingerprint.Fingerprints._describe

    def counted(self, value, kind, special, budget):
        if hasattr(value, "identity") and hasattr(value, "source_path"):  # a story
            described[value.source_path, budget] += 1
        return real(self, value, kind, special, budget)

    monkeypatch.setattr(fingerprint.Fingerprints, "_describe", counted)
    site = build(tmp_path / "site", _stories(3), settings=SETTINGS)
    assert site.code == 0, site.stderr
    assert site.page("sources/index.html") is not None
    assert described and {budget for _, budget in described} >= {1, 2}
    assert [key for key, times in described.items() if times > 1] == []
