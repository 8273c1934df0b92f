"""A paginated listing's page is kept without walking its template again.

Its record keeps how deep its key went into each name and which of the paginated
names (the whole list, keyed by its length) its live branches read; the next build
works out the key so first and keeps the page when it is the key it had
(``ReusingWriter._as_before``). Real builds: a digest, then a day's new story over it;
the pages walked are counted, and the output is what a build from scratch writes.
"""

from __future__ import annotations

import json

import pytest
from test_stable_pages import SETTINGS, _stories

from news_digest.speed.reach import Reach
from news_digest.speed.reuse_writer import READ

from sitebuild import build, stable_tree

pytestmark = pytest.mark.slow


def _record(folder) -> dict[str, list]:
    [record] = (folder / "cache").glob("*/pages.json")
    return json.loads(record.read_text(encoding="utf-8"))["pages"]


@pytest.fixture
def walked(monkeypatch) -> list[str]:
    """The pages whose template paths are walked, in the order they are."""
    pages: list[str] = []
    needed = Reach.needed

    def counted(self, reads, values, *args, **kwargs):
        pages.append(values.get("output_file"))
        return needed(self, reads, values, *args, **kwargs)

    monkeypatch.setattr(Reach, "needed", counted)
    return pages


def test_a_listing_records_which_paginated_names_its_page_reads(tmp_path):
    """The front page of a list shows its length (``articles|length``, under
    ``articles_page.newest``): its record marks ``articles`` read; an older page's
    does not, so the list's growth leaves its key alone."""
    seeds = _stories(8)  # 16 stories: a front page of four, four older pages of three
    assert build(tmp_path / "site", seeds, settings=SETTINGS).code == 0
    assert build(tmp_path / "site", seeds, settings=SETTINGS, force=True).code == 0
    pages = _record(tmp_path / "site")
    front = pages["topics/privacy/index.html"][4]
    older = [pages[f"topics/privacy/page/{n}/index.html"][4] for n in (1, 2, 3, 4)]
    assert front and front.isdigit() and max(map(int, front)) >= READ
    assert all(digits and max(map(int, digits)) < READ for digits in older)
    # The names are the template's, in one order: the older pages' digits are alike.
    assert len(set(older)) == 1 and len(older[0]) == len(front)


def test_a_days_story_walks_only_the_listing_pages_it_changes(tmp_path, walked):
    before = _stories(8)
    assert build(tmp_path / "site", before, settings=SETTINGS).code == 0
    assert build(tmp_path / "site", before, settings=SETTINGS, force=True).code == 0
    walked.clear()
    after = {**before, **_stories(1, per_day=1, first_day=8)}  # a new day, a new story
    again = build(tmp_path / "site", after, settings=SETTINGS)
    assert again.code == 0, again.stderr
    older = [f"topics/privacy/page/{n}/index.html" for n in (1, 2, 3, 4)]
    assert not set(older) & set(walked), walked  # kept without their walk
    assert "topics/privacy/index.html" in walked  # its stories changed: walked again
    assert "Kept " in again.stderr
    # (a build from scratch walks every page: it records them for the next build)
    fresh = build(tmp_path / "fresh", after, settings=SETTINGS)
    assert stable_tree(again.output) == stable_tree(fresh.output)
