"""Search: what `make html` indexes with Pagefind, and the search page (without a browser).

The browser tests (test_search_browser.py) search the index for real.
"""

from __future__ import annotations

import gzip
import json
import os
import posixpath
import subprocess
import sys
from functools import partial

from news_digest.glue import search_job
from news_digest.glue.search_job import SearchJob, pagefind_executable
from news_digest.output.search_plan import as_indexed
from news_digest.seeds.format import read_seed

from sitebuild import SAMPLE_SEED, seed_text
from sitebuild import build as build_site_with

# These tests are about the search index too: build it.
build = partial(build_site_with, search=True)

SAMPLE = "000_6658c6a34da15a44.txt"


def _story(site, title):
    for path in site.files("stories/*.html"):
        page = site.page(path.relative_to(site.output))
        if page.xpath("string(//h1)") == title:
            return page
    raise AssertionError(f"no story page titled {title!r}")


def _values(page, attribute, name):
    return [e.get("value") for e in page.xpath(f"//*[@{attribute}='{name}[value]']")]


def test_story_pages_mark_headline_and_body_with_filters_meta_and_date(tmp_path):
    other = seed_text(title="Tram line opens", source="Harbour City Times", author=None,
                      published="2021-03-01T01:30:00+05:30",
                      extra=[("Topics", "Technology, Government & Policy")])
    site = build(tmp_path, {SAMPLE: SAMPLE_SEED.read_bytes(), "001_b.txt": other},
                 )
    assert site.code == 0, site.stderr
    assert site.warnings == []
    seed = read_seed(SAMPLE_SEED)
    page = _story(site, seed.title)
    # Only the headline and the body are indexed: not the nav, credit line or topics.
    regions = page.xpath("//*[@data-pagefind-body]")
    assert [r.tag for r in regions] == ["h1", "div"]
    assert regions[0].text_content() == seed.title
    assert [p.text_content() for p in regions[1].xpath("./p")] == list(seed.paragraphs)
    assert _values(page, "data-pagefind-meta", "attribution") == [
        "The Times of India · 1 November 2019 · By PTI (news agency)"]  # as lists credit it
    assert _values(page, "data-pagefind-filter", "source") == ["The Times of India"]
    assert _values(page, "data-pagefind-filter", "topic") == [
        a.text_content() for a in page.xpath("//*[@class='topics']//a")]
    assert _values(page, "data-pagefind-sort", "date") == ["2019-11-01T12:05:50Z"]

    tram = _story(site, "Tram line opens")
    assert _values(tram, "data-pagefind-meta", "attribution") == [
        "Harbour City Times · 28 February 2021"]  # no byline, no "By"; in the site's UTC
    assert _values(tram, "data-pagefind-filter", "source") == ["Harbour City Times"]
    assert _values(tram, "data-pagefind-filter", "topic") == ["Technology", "Government & Policy"]
    # Sorted on one clock: 01:30 at +05:30 is the previous evening in UTC.
    assert _values(tram, "data-pagefind-sort", "date") == ["2021-02-28T20:00:00Z"]


def test_a_search_result_credits_the_byline_as_the_story_page_does(tmp_path):
    # The result's credit line is the lists' one: the people the byline credits, not the
    # byline as written (a journal's citation order, a wire story's editor).
    seeds = {"001_a.txt": seed_text(title="Electrons leave", author="Yeston, J.",
                                    url="https://news.example.com/electrons"),
             "002_b.txt": seed_text(title="Markets fall", author="Reporting by Jane Doe; "
                                    "Editing by John Roe", url="https://news.example.com/m")}
    site = build(tmp_path, seeds)
    assert site.code == 0, site.stderr
    for title, credited in (("Electrons leave", "By J. Yeston"),
                            ("Markets fall", "By Jane Doe")):
        page = _story(site, title)
        shown = " ".join(page.xpath("string(//*[@class='byline'])").split())
        assert shown == credited
        assert _values(page, "data-pagefind-meta", "attribution") == [
            f"The Daily Example · 2 January 2020 · {credited}"]


def test_build_indexes_only_story_pages(tmp_path):
    seeds = {SAMPLE: SAMPLE_SEED.read_bytes(),
             "001_b.txt": seed_text(title="Tram line opens", url="https://b.example/tram")}
    site = build(tmp_path, seeds, pages={"about.md": "Title: About\n\nAbout us.\n"})
    assert site.code == 0, site.stderr
    assert site.warnings == []
    bundle = site.output / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    # Listing pages, the About page and the search page carry no data-pagefind-body.
    assert [lang["page_count"] for lang in entry["languages"].values()] == [2]
    for listing in ("index.html", "topics/index.html", "archives/index.html",
                    "about/index.html", "search/index.html"):
        assert not site.page(listing).xpath("//*[@data-pagefind-body]"), listing


def test_search_can_be_switched_off(tmp_path):
    site = build(tmp_path, {SAMPLE: SAMPLE_SEED.read_bytes()},
                 settings={"DIGEST_SEARCH": False})
    assert site.code == 0, site.stderr
    assert site.warnings == []
    assert not (site.output / "pagefind").exists()
    assert (site.output / "search" / "index.html").is_file()


def test_a_bad_search_setting_is_a_clear_error(tmp_path):
    site = build(tmp_path, {SAMPLE: SAMPLE_SEED.read_bytes()}, settings={"DIGEST_SEARCH": "yes"})
    assert site.code == 1
    assert "DIGEST_SEARCH = 'yes'" in site.stderr and "True" in site.stderr
    assert "Traceback" not in site.stderr


def test_a_failing_index_fails_the_build_and_keeps_the_previous_output(tmp_path, monkeypatch):
    broken = tmp_path / "pagefind-broken"
    broken.write_text("#!/bin/sh\necho 'Error: cannot write index' >&2\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "index.html").write_text("previous build")  # a site built before
    site = build(tmp_path, {SAMPLE: SAMPLE_SEED.read_bytes()})
    assert site.code == 1
    assert "Pagefind failed with exit code 3" in site.stderr
    assert "cannot write index" in site.stderr
    assert "DIGEST_SEARCH = False" in site.stderr
    assert "Traceback" not in site.stderr
    assert [p.name for p in site.files()] == ["index.html"]
    assert not list(tmp_path.glob(".output.building-*"))  # no staging folder left behind


def test_a_missing_pagefind_binary_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    site = build(tmp_path, {SAMPLE: SAMPLE_SEED.read_bytes()})
    assert site.code == 1
    assert "Pagefind binary was not found" in site.stderr
    assert "Traceback" not in site.stderr


def _resolve(page_path: str, href: str) -> str:
    if href.startswith("/"):  # the 404 page links from the site's root
        return posixpath.normpath(href.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_path), href))


def test_every_page_links_the_search_page_which_works_without_inline_script(tmp_path):
    site = build(tmp_path, {SAMPLE: SAMPLE_SEED.read_bytes()},
                 pages={"about.md": "Title: About\n\nAbout us.\n"})
    assert site.code == 0, site.stderr
    pages = [str(p.relative_to(site.output)) for p in site.files("**/*.html")
             if not p.relative_to(site.output).parts[0] == "pagefind"]
    assert len(pages) >= 6
    for path in pages:
        nav = site.page(path).xpath("//header//nav//a[normalize-space()='Search']/@href")
        assert [_resolve(path, href) for href in nav] == ["search"], path

    search = site.page("search/index.html")
    # Scripts are external files (pages get a Content-Security-Policy without inline script).
    scripts = search.xpath("//script")
    assert scripts and all(s.get("src") and not (s.text or "").strip() for s in scripts)
    assert {_resolve("search/index.html", s.get("src")) for s in scripts} == {
        "theme/js/search.js"}
    assert (site.output / "theme" / "js" / "search.js").is_file()
    form = search.xpath("//form[@role='search']")[0]
    assert [_resolve("search/index.html", b) for b in form.get("data-bundles").split()] == [
        "pagefind"]
    # Without JavaScript: say so and offer the topic and source indexes instead, and the
    # archive, every headline on one page, where the browser's own search finds a word.
    [fallback] = search.xpath("//*[@id='search-unavailable']")
    assert "needs JavaScript" in fallback.text_content()
    assert {_resolve("search/index.html", a.get("href")) for a in fallback.iter("a")} == {
        "topics", "sources", "archives"}
    assert form.get("hidden") is not None  # the form only appears once search.js runs


def _search_box(site) -> tuple[str, str]:
    page = site.page("search/index.html")
    [label] = page.xpath("//label[@for='search-q']")
    [description] = page.xpath("//head/meta[@name='description']/@content")
    return " ".join(label.text_content().split()), description


def test_the_search_box_says_what_the_policies_let_it_search(tmp_path):
    """Under ``link`` (the default) a story page shows none of the story's text, so
    only headlines are indexed: the search page says so, and says more once a policy
    (or the curator's summary) puts text in the index, in the same output folder."""
    seeds = {"001_a.txt": seed_text(title="Tram line opens", body=("Trams run at dawn.",))}
    linked = build(tmp_path, seeds, settings={"DIGEST_DEFAULT_POLICY": "link"})
    assert linked.code == 0, linked.stderr
    label, description = _search_box(linked)
    assert label == "Words in a headline"
    assert "by words in their headline, by topic" in description
    assert "Trams run at dawn." not in _story(linked, "Tram line opens").text_content()

    full = build(tmp_path, seeds)  # the test sites republish in full
    assert full.code == 0, full.stderr
    label, description = _search_box(full)
    assert label == "Words in a headline or story"
    assert "by words in their headline or text, by topic" in description

    summed = dict(seeds, **{"002_b.txt": seed_text(
        title="Bridge shut", url="https://news.example.com/bridge",
        extra=[("Summary", "The old bridge closes for repairs.")])})
    summary = build(tmp_path, summed, settings={"DIGEST_DEFAULT_POLICY": "link"})
    assert summary.code == 0, summary.stderr
    assert _search_box(summary)[0] == "Words in a headline or story"


def test_a_big_digest_is_indexed_in_date_ordered_shards(tmp_path):
    """Pagefind holds a whole index in memory: more stories than DIGEST_SEARCH_SHARD_SIZE
    are indexed in several bundles, each a complete Pagefind index, cut from the oldest
    story (so that new stories change the newest bundle only) and listed newest first."""
    seeds = {f"{n:03d}_{n:016x}.txt": seed_text(
        title=f"Story number {n}", url=f"https://shard.example/{n}",
        published=f"2020-01-{n + 1:02d}T00:00:00Z") for n in range(7)}
    site = build(tmp_path, seeds, settings={"DIGEST_SEARCH_SHARD_SIZE": 3})
    assert site.code == 0, site.stderr
    form = site.page("search/index.html").xpath("//form[@role='search']")[0]
    bundles = [_resolve("search/index.html", b) for b in form.get("data-bundles").split()]
    assert bundles == ["pagefind", "pagefind-2", "pagefind-1"]
    counts = [json.loads((site.output / b / "pagefind-entry.json").read_text())
              ["languages"]["en"]["page_count"] for b in bundles]
    assert counts == [1, 3, 3]

    def slugs(bundle):
        text = b"".join(gzip.decompress(p.read_bytes())
                        for p in (site.output / bundle / "fragment").iterdir())
        return {n for n in range(7) if f"story-number-{n}".encode() in text}

    # pagefind-1 holds the three oldest stories, pagefind the newest.
    assert [slugs(b) for b in bundles] == [{6}, {3, 4, 5}, {0, 1, 2}]
    assert not list(site.output.glob(".search-*")) and not list(tmp_path.glob(".search-*"))


def test_a_failing_shard_fails_the_build_without_waiting_for_the_others(tmp_path, monkeypatch):
    broken = tmp_path / "pagefind-broken"
    broken.write_text("#!/bin/sh\necho 'Error: disk full' >&2\nexit 2\n")
    broken.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    seeds = {f"{n:03d}_{n:016x}.txt": seed_text(
        title=f"Story number {n}", url=f"https://shard.example/{n}",
        published=f"2020-01-{n + 1:02d}T00:00:00Z") for n in range(7)}
    site = build(tmp_path, seeds, settings={"DIGEST_SEARCH_SHARD_SIZE": 3})
    assert site.code == 1
    assert "Pagefind failed with exit code 2" in site.stderr and "disk full" in site.stderr
    assert "Traceback" not in site.stderr
    assert not list(tmp_path.glob(".search-*")) and not list(tmp_path.glob(".output.building-*"))


def _tiny_site(tmp_path):
    site = tmp_path / "site"
    (site / "stories").mkdir(parents=True)
    for name in ("a", "b"):
        (site / "stories" / f"{name}.html").write_text(
            f'<html lang="en"><body><h1 data-pagefind-body>Story {name}</h1></body></html>')
    return site


def test_pages_are_linked_as_they_are_written_and_the_links_go_once_indexed(tmp_path):
    site = _tiny_site(tmp_path)
    job = SearchJob(site)
    job.written("pagefind", "stories/a.html")  # linked while the next page renders
    job.add("pagefind", ["stories/a.html", "stories/b.html"])
    job.wait()
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 2
    assert sorted(p.name for p in site.iterdir()) == ["pagefind", "stories"]


def test_a_shards_copies_are_written_again_for_the_next_shard_and_index_alike(tmp_path,
                                                                             monkeypatch):
    """Pagefind is given each story page less what it skips: a copy. The copies of an
    indexed shard are the files of the next shard's copies (no file made and deleted
    per page: see SearchJob), and each shard indexes as one made of fresh copies."""
    site = tmp_path / "site"
    (site / "stories").mkdir(parents=True)
    names = ["a", "b", "c", "d", "e"]
    for name in names:
        (site / "stories" / f"{name}.html").write_text(
            f'<html lang="en"><body><h1 data-pagefind-body>Story {name}</h1>'
            f'<p data-pagefind-body>Rain in {name}ville.</p>'
            f'<nav data-pagefind-ignore="all"><a href="x">Story {name}{name}</a></nav>'
            "</body></html>")
    shards = {"pagefind": names[:2], "pagefind-2": names[2:4], "pagefind-3": names[4:]}
    made, real_write = [], search_job.write_bytes_naming

    def write(path, data):  # whether each copy was a file already (a spare)
        made.append(path.exists())
        real_write(path, data)

    with monkeypatch.context() as patched:
        patched.setattr(search_job, "write_bytes_naming", write)
        job = SearchJob(site)
        for bundle, pages in shards.items():
            job.add(bundle, [f"stories/{n}.html" for n in pages])
        job.wait()
    assert made == [False, False, True, True, True]
    assert sorted(p.name for p in site.iterdir()) == [*shards, "stories"]
    fresh = tmp_path / "fresh"
    for bundle, pages in shards.items():  # each shard from fresh copies, by hand
        given = fresh / bundle
        (given / "stories").mkdir(parents=True)
        for name in pages:
            page = (site / "stories" / f"{name}.html").read_bytes()
            (given / "stories" / f"{name}.html").write_bytes(as_indexed(page))
        subprocess.run([str(pagefind_executable()), "--site", str(given), "--output-path",
                        str(given / "pagefind"), "--quiet"], cwd=given, check=True)

        def index(folder):
            return {p.relative_to(folder).as_posix(): p.read_bytes()
                    for p in sorted(folder.rglob("*")) if p.is_file()
                    and p.relative_to(folder).parts[0] in ("fragment", "index")}
        assert index(given / "pagefind") == index(site / bundle)


def test_a_stopped_search_job_leaves_nothing_in_its_folder(tmp_path):
    """A failed build closes its DigestBuild, which stops the job, before the staging
    folder is removed: no Pagefind run or link may still be writing into it, and the
    links made so far are gone."""
    site = _tiny_site(tmp_path)
    job = SearchJob(site)
    job.written("pagefind", "stories/a.html")
    job.stop()
    assert not job.thread.is_alive()
    assert all(process.poll() is not None for process in job.running)
    assert [p.name for p in site.iterdir()] == ["stories"]


def test_pagefind_is_given_a_story_page_less_what_it_skips_and_indexes_it_alike(tmp_path):
    # A story page's related stories, "Also covered by" and pager are marked
    # data-pagefind-ignore="all"; Pagefind is given the page without them (what a
    # shard's key hashes, so a shard is kept when only they changed:
    # tests/test_stable_pages.py). Given the whole pages, it writes the same index.
    event = "Glenmark Pharma recalled 9,000 inhalers over a faulty valve in Leeds."
    seeds = {f"00{n}_{n}.txt": seed_text(
        title=f"Inhaler recall, report {n}", source=f"Paper {n}", body=(event,),
        published=f"2020-01-02T0{n}:00:00+00:00", url=f"https://p{n}.example/recall")
        for n in (1, 2, 3)}
    site = build(tmp_path / "site", seeds)
    assert site.code == 0, site.stderr
    pages = site.files("stories/*.html")
    first = site.page(pages[0].relative_to(site.output))
    skipped = first.xpath("//*[@data-pagefind-ignore='all']")
    assert [e.get("class") for e in skipped] == ["story-aside", "pager"]
    assert first.xpath("//section[@class='coverage']//li")  # the event's other reports
    whole = tmp_path / "whole"
    for page in pages:
        (whole / "stories").mkdir(parents=True, exist_ok=True)
        (whole / "stories" / page.name).write_bytes(page.read_bytes())
    subprocess.run([str(pagefind_executable()), "--site", str(whole), "--output-path",
                    str(whole / "pagefind"), "--quiet"], cwd=whole, check=True)

    def index(folder):
        return {p.relative_to(folder).as_posix(): p.read_bytes()
                for p in sorted(folder.rglob("*")) if p.is_file()
                and p.relative_to(folder).parts[0] in ("fragment", "index")}
    assert index(whole / "pagefind") == index(site.output / "pagefind")
    assert len([name for name in index(whole / "pagefind") if "fragment" in name]) == 3


def test_what_pagefind_is_given_cuts_each_skipped_element_whole():
    page = (b'<h1 data-pagefind-body>T</h1><div class="a" data-pagefind-ignore="all">'
            b'<div>x</div><p>y</p></div>\n<nav data-pagefind-ignore="all"><ul></ul></nav>'
            b'<p data-pagefind-ignore="all">never closed')
    assert as_indexed(page) == (b'<h1 data-pagefind-body>T</h1>\n'
                                b'<p data-pagefind-ignore="all">never closed')
    assert as_indexed(b"<p>plain</p>") == b"<p>plain</p>"


FIND_PAGEFIND = """
import sys
from news_digest.glue.search_job import pagefind_executable
found = pagefind_executable()
assert "asyncio" not in sys.modules, "a build imported asyncio to find Pagefind"
from pagefind.service import get_executable
assert found == get_executable(), (found, get_executable())
"""


def test_pagefind_is_found_as_its_package_finds_it_without_its_service_module():
    """The binary is the one ``pagefind.service`` names, found without importing that
    module (it imports asyncio, about 10 ms of every build, for a mode never used)."""
    for variable in ({}, {"PAGEFIND_BINARY_PATH": sys.executable}):  # any file
        done = subprocess.run([sys.executable, "-c", FIND_PAGEFIND], capture_output=True,
                              text=True, env={**os.environ, **variable}, timeout=60)
        assert done.returncode == 0, done.stderr
