"""A rebuild keeps the pages (and search shards) whose inputs are unchanged, and its
output is exactly what a build from scratch of the same content writes."""

from __future__ import annotations

import copy
import dataclasses
import json
import shutil
from datetime import timedelta
from functools import partial

import pytest
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

from benchmarks.corpus import stories
from news_digest.glue.reader import SEED_HASH
from news_digest.seeds.format import render_seed
from news_digest.speed.page_descriptions import BUDGET, page_fingerprints

from sitebuild import ROOT, stable_tree
from sitebuild import build as build_site_with

# These tests are about the search index too: build it.
build = partial(build_site_with, search=True)

pytestmark = pytest.mark.slow

# Small search shards, so that a change touches one shard of several.
SETTINGS = {"DIGEST_SEARCH_SHARD_SIZE": 8}
STORIES = [s.seed for s in stories(24, seed=7)]


def _seeds(seeds) -> dict[str, str]:
    return {f"{s.identity}.txt": render_seed(s) for s in seeds}


def _edit(number: int, **changes):
    def edit(seeds):
        seeds = list(seeds)
        seeds[number] = dataclasses.replace(seeds[number], **changes)
        return seeds
    return edit


def _append(seeds):
    seed = seeds[5]
    return _edit(5, paragraphs=(*seed.paragraphs, "A correction was added."))(seeds)


EDITS = {
    "body appended": _append,
    "headline changed": _edit(9, title="An entirely different headline"),
    "date moved": _edit(3, published=STORIES[3].published + timedelta(days=40)),
    "topics chosen by hand": _edit(12, headers={"topics": "privacy"}),
    # Shown on list pages only inside macros imported without context (story_item,
    # attribution_compact, byline): their reads count at the lists' call sites.
    "byline changed": _edit(7, byline="By Ada Example and Bo Example, Reuters"),
    "story added": lambda seeds: [*seeds, dataclasses.replace(
        STORIES[0], title="A late story", source_url="https://late.example/story",
        published=STORIES[0].published + timedelta(hours=1))],
    "story removed": lambda seeds: seeds[:10] + seeds[11:],
}


def _built(folder, seeds: dict, settings=SETTINGS, **options):
    """A site built, then rebuilt over its output: the rebuild leaves the record of
    what each page was made of (a build into an empty folder records nothing)."""
    first = build(folder, seeds, settings=settings, **options)
    assert first.code == 0, first.stderr
    again = build(folder, seeds, settings=settings, force=True, **options)
    assert again.code == 0 and "Kept " not in again.stderr, again.stderr
    return again


def _rebuild_and_compare(tmp_path, before: dict, after: dict, **options):
    _built(tmp_path / "incremental", before, **options)
    for name in set(before) - set(after):
        (tmp_path / "incremental" / "content" / "articles" / name).unlink()
    again = build(tmp_path / "incremental", after, settings=SETTINGS, **options)
    assert again.code == 0, again.stderr
    fresh = build(tmp_path / "fresh", after, settings=SETTINGS, **options)
    assert fresh.code == 0, fresh.stderr
    assert stable_tree(again.output) == stable_tree(fresh.output)
    return again


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_a_rebuild_writes_what_a_fresh_build_writes(tmp_path, edit):
    site = _rebuild_and_compare(tmp_path, _seeds(STORIES), _seeds(EDITS[edit](STORIES)))
    kept = site.stderr.split("Kept ")[1].split(" pages")[0] if "Kept " in site.stderr else ""
    assert kept, f"no page was kept:\n{site.stderr}"
    reused, total = map(int, kept.split(" of "))
    assert 0 < reused < total


def test_only_the_changed_search_shard_is_indexed_again(tmp_path):
    site = _rebuild_and_compare(tmp_path, _seeds(STORIES), _seeds(_append(STORIES)))
    bundles = sorted(p.name for p in site.output.glob("pagefind*"))
    assert len(bundles) == 3
    # A kept shard is the previous build's files (hard links, or copies); the shard of
    # the changed story was written by this build, after its story page.
    story = site.output / "stories" / next(
        p.name for p in (site.output / "stories").iterdir()
        if p.read_text(encoding="utf-8").count("A correction was added.") == 1)
    changed = [b for b in bundles
               if (site.output / b / "pagefind-entry.json").stat().st_mtime_ns
               >= story.stat().st_mtime_ns]
    assert len(changed) == 1


def test_an_edited_template_renders_the_pages_that_use_it(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    seeds = _seeds(STORIES)
    _built(tmp_path / "site", seeds, settings={**SETTINGS, "THEME": str(theme)})
    item = theme / "templates" / "partials" / "story_item.html"
    item.write_text(item.read_text(encoding="utf-8").replace(
        'class="story-summary"', 'class="story-summary edited"'), encoding="utf-8")
    again = build(tmp_path / "site", seeds, settings={**SETTINGS, "THEME": str(theme)})
    assert again.code == 0, again.stderr
    assert again.page("index.html").xpath("//p[contains(@class, 'edited')]")
    assert not again.page(f"stories/{next((again.output / 'stories').iterdir()).name}") \
        .xpath("//p[contains(@class, 'edited')]")
    fresh = build(tmp_path / "fresh", seeds, settings={**SETTINGS, "THEME": str(theme)})
    assert stable_tree(again.output) == stable_tree(fresh.output)


def test_an_edited_page_changes_the_navigation_everywhere(tmp_path):
    about = "Title: About\n\nWho we are.\n"
    renamed = "Title: About this digest\n\nWho we are.\n"
    seeds = _seeds(STORIES)
    _built(tmp_path / "site", seeds, pages={"about.md": about})
    again = build(tmp_path / "site", seeds, pages={"about.md": renamed}, settings=SETTINGS)
    assert again.code == 0, again.stderr
    for page in again.files("stories/*.html"):
        assert "About this digest" in page.read_text(encoding="utf-8")


def test_a_build_into_an_empty_folder_records_its_pages_for_the_next(tmp_path):
    seeds = _seeds(STORIES)
    first = build(tmp_path, seeds, settings=SETTINGS)
    assert first.code == 0 and "Kept " not in first.stderr  # nothing to keep
    assert list((tmp_path / "cache").rglob("pages.json"))  # but recorded all the same
    second = build(tmp_path, _seeds(_append(STORIES)), settings=SETTINGS)
    assert second.code == 0 and "Kept " in second.stderr


def test_reuse_can_be_turned_off(tmp_path):
    seeds = _seeds(STORIES)
    settings = {**SETTINGS, "DIGEST_REUSE_PAGES": False}
    _built(tmp_path, seeds, settings=settings)
    again = build(tmp_path, _seeds(_append(STORIES)), settings=settings)
    assert again.code == 0 and "Kept " not in again.stderr


def test_a_kept_page_edited_by_hand_is_written_again(tmp_path):
    seeds = _seeds(STORIES)
    site = _built(tmp_path, seeds)
    page = site.files("stories/*.html")[0]
    original = page.read_bytes()
    page.write_bytes(original.replace(b"</body>", b"<p>tampered</p></body>"))
    again = build(tmp_path, _seeds(_append(STORIES)), settings=SETTINGS)
    assert again.code == 0, again.stderr
    assert (again.output / page.relative_to(site.output)).read_bytes() == original


def test_force_renders_every_page(tmp_path):
    seeds = _seeds(STORIES)
    assert build(tmp_path, seeds, settings=SETTINGS).code == 0
    again = build(tmp_path, _seeds(_append(STORIES)), settings=SETTINGS, force=True)
    assert again.code == 0 and "Kept " not in again.stderr
    after = build(tmp_path, _seeds(_append(_append(STORIES))), settings=SETTINGS)
    assert "Kept " in after.stderr  # the forced build left a record to keep pages from


def test_a_renamed_seed_file_is_read_again_under_its_new_name(tmp_path):
    before = _seeds(STORIES)
    after = dict(before)
    name = sorted(after)[4]
    after[f"renamed-{name}"] = after.pop(name)
    _rebuild_and_compare(tmp_path, before, after)


def _story(title: str, seed_hash: str = "hash-1") -> Article:
    metadata = {"title": title, SEED_HASH: seed_hash, "reading_time": 3}
    return Article("<p>Body.</p>", metadata=metadata, settings=copy.deepcopy(DEFAULT_CONFIG))


def _fingerprint(story) -> str:
    return page_fingerprints().of(story, BUDGET)


def test_the_seed_hash_stands_only_for_the_values_as_read():
    assert _fingerprint(_story("A")) == _fingerprint(_story("A"))
    assert _fingerprint(_story("A")) != _fingerprint(_story("A", seed_hash="hash-2"))
    changed = _story("A")
    changed.title = "Changed after reading"  # by another plugin: no longer the reader's
    assert _fingerprint(changed) != _fingerprint(_story("A"))
    body = _story("A")
    body._content = "<p>Another body.</p>"  # not metadata: always hashed
    assert _fingerprint(body) != _fingerprint(_story("A"))


def test_a_second_outlets_report_renders_the_first_storys_page_again(tmp_path):
    """A story's page shows the other reports of its event: one added renders it again
    (its "Also covered by"), and the pages of unrelated stories are kept."""
    from busy_site import DEVSET  # noqa: PLC0415

    names = sorted(p.name for p in DEVSET.glob("*.txt"))
    wire = DEVSET / "002_cfcdc4febb6e12ae.txt"  # the Lufthansa strike, reported by the wire
    report = DEVSET / "001_994e4e4837a3ebf2.txt"  # and by a travel paper, an hour later
    others = [DEVSET / n for n in names[6:14]]  # other events
    before = {p.name: p.read_text(encoding="utf-8") for p in (wire, *others)}
    after = {**before, report.name: report.read_text(encoding="utf-8")}
    site = _rebuild_and_compare(tmp_path, before, after)
    assert "Kept " in site.stderr
    first = next(p for p in site.files("stories/*.html")
                 if "Lufthansa pilots strike, grounding" in p.read_text(encoding="utf-8")
                 .split("<h1", 1)[1].split("</h1>", 1)[0])
    page = site.page(first.relative_to(site.output))
    assert page.xpath("string(//section[@class='coverage']//li/a)") == (
        "Lufthansa strike: 800 flights canceled, including US routes. Here's what to know")


def test_a_page_records_how_deep_its_key_went_for_the_next_build(tmp_path):
    """Each page's record keeps the depth its key went into each name its template
    reads (a digit a name), so that the next build works out that key first and keeps
    the page without walking its template when it is the same (the rebuilds above
    prove such pages equal a fresh build's). A paginated listing's digits also say
    which paginated names its page reads (``tests/test_reuse_listings.py``)."""
    _built(tmp_path / "site", _seeds(STORIES))
    [record] = (tmp_path / "site" / "cache").glob("*/pages.json")
    pages = json.loads(record.read_text(encoding="utf-8"))["pages"]
    stories = {name: entry for name, entry in pages.items() if name.startswith("stories/")}
    assert len(stories) == len(STORIES)
    assert all(entry[4] and entry[4].isdigit() for entry in stories.values())
    listings = [entry for name, entry in pages.items() if name.startswith("topics/")
                and name != "topics/index.html"]
    assert listings and all(entry[4] and entry[4].isdigit() for entry in listings)
    # Recorded under the plugins' code of the build, which the next one finds the same.
    code = json.loads(record.read_text(encoding="utf-8"))["code"]
    again = build(tmp_path / "site", _seeds(EDITS["headline changed"](STORIES)),
                  settings=SETTINGS)
    assert again.code == 0, again.stderr
    assert code and json.loads(record.read_text(encoding="utf-8"))["code"] == code
