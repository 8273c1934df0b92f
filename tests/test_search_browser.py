"""Search in a real browser: Debian's Chromium driven by Playwright, on loopback only.

The built ``output/`` is served by http.server in a thread, with a strict
Content-Security-Policy (no inline script; WebAssembly allowed), as a static host would.
Locally these tests skip when Chromium is not installed; on CI (CI set) they fail instead.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from functools import partial

import pytest
from tools import serve

from news_digest.seeds.format import parse_seed, read_seed

from searchsite import SOURCES, story_seeds
from sitebuild import SAMPLE_SEED, seed_text
from sitebuild import build as build_site_with

# These tests are about the search index too: build it.
build = partial(build_site_with, search=True)

pytestmark = pytest.mark.browser

BUDGET = 300_000  # bytes the first search may fetch on a 1,000-story site
SAMPLE = "000_6658c6a34da15a44.txt"
SAMPLE_CREDIT = "The Times of India · 1 November 2019 · By PTI (news agency)"
SAMPLE_ONLY = "spyware Pegasus"  # in the sample seed's body, in no generated story
MARKUP_BODY = "Zebrafish <img src=x onerror=alert(1)> & <b>bold</b> stay text."


def expect(locator):
    """Playwright's waiting assertions, with room for a machine busy with other builds."""
    from playwright.sync_api import expect as playwright_expect  # noqa: PLC0415

    playwright_expect.set_options(timeout=30_000)
    return playwright_expect(locator)


@contextmanager
def open_page(browser, url, **context_options):
    context = browser.new_context(**context_options)
    page = context.new_page()
    errors = []  # script errors, CSP violations and failed requests (a theme has no favicon)
    page.on("console", lambda m: errors.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
    try:
        page.goto(url)
        yield page, errors
    finally:
        context.close()


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    seeds = {SAMPLE: SAMPLE_SEED.read_bytes(), **story_seeds(40, seed=11),
             "900_markup.txt": seed_text(title="Zebra <i>tank</i>", body=(MARKUP_BODY,),
                                         source="Aquarium & <Co>", author="A <b>Keeper</b>")}
    # Three index shards (42 stories, 15 a shard): the page merges them for relevance
    # and filters, and reads them newest shard first for "Newest first".
    site = build(tmp_path_factory.mktemp("search-small"), seeds,
                 settings={"DIGEST_SEARCH_SHARD_SIZE": 15})
    assert site.code == 0, site.stderr
    assert (site.output / "pagefind-2" / "pagefind.js").is_file()
    assert site.warnings == []
    stories = {}
    for name, text in seeds.items():
        seed = parse_seed(text.decode() if isinstance(text, bytes) else text, name)
        stories[seed.title] = seed
    assert len(stories) == len(seeds), "titles must be unique for these checks"
    return site, stories


def _type(page, text, **options):
    """Type into the search box once search.js has shown it (keys typed earlier are lost)."""
    box = page.locator("#search-q")
    expect(box).to_be_visible()
    box.press_sequentially(text, **options)


def _status(page):
    return page.locator("#search-status")


def _results(page) -> list[tuple[str, str]]:
    """Every result of the current search as (headline, credit), fetching all pages."""
    more = page.locator("#search-more")
    items = page.locator("#search-results > li")
    while more.is_visible():
        before = items.count()
        more.click()
        expect(items.nth(before)).to_be_attached()
    return [(items.nth(i).locator("h2").inner_text(), items.nth(i).locator(".credit").inner_text())
            for i in range(items.count())]


def _wait_for_count(page, count):
    word = "story" if count == 1 else "stories"
    expect(_status(page)).to_have_text(f"{count} {word} found.")


def _wait_for_search(page):
    # Locator waits, not wait_for_function: the page's CSP forbids evaluating strings.
    expect(_status(page)).to_have_text(re.compile(r"^\d+ (story|stories) found\.$"))
    return int(_status(page).inner_text().split()[0])


def test_a_phrase_from_the_sample_body_finds_the_sample_story_first(browser, small_site):
    site, _ = small_site
    seed = read_seed(SAMPLE_SEED)
    with serve(site.output) as base, open_page(browser, base + "search/") as (page, errors):
        _type(page, SAMPLE_ONLY)
        assert _wait_for_search(page) >= 1
        first = page.locator("#search-results > li").first
        assert first.locator("h2").inner_text() == seed.title
        assert first.locator(".credit").inner_text() == SAMPLE_CREDIT
        marks = {m.strip(",.").lower() for m in first.locator("mark").all_inner_texts()}
        assert marks == {"spyware", "pegasus"}  # the excerpt highlights the words asked
        first.locator("h2 a").click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == seed.title
        assert page.url.startswith(base + "stories/")
        assert errors == []


def test_results_show_markup_from_a_story_as_text(browser, small_site):
    site, _ = small_site
    with serve(site.output) as base, open_page(browser, base + "search/") as (page, errors):
        _type(page, "zebrafish")
        assert _wait_for_search(page) == 1
        result = page.locator("#search-results > li")
        assert result.locator("h2").inner_text() == "Zebra <i>tank</i>"
        assert MARKUP_BODY in result.locator("p").first.inner_text()
        assert result.locator(".credit").inner_text() == (
            "Aquarium & <Co> · 2 January 2020 · By A <b>Keeper</b>")
        assert result.locator("img, b, i, script").count() == 0
        option = page.locator("#search-source option", has_text="Aquarium")
        expect(option).to_have_text("Aquarium & <Co> (1)")  # the filter list fills in later
        assert errors == []


def _page_topics(site) -> dict[str, list[str]]:
    """Headline -> the topic filter values its story page gives Pagefind."""
    found = {}
    for path in site.files("stories/*.html"):
        page = site.page(path.relative_to(site.output))
        found[page.xpath("string(//h1)")] = [
            e.get("value") for e in page.xpath("//*[@data-pagefind-filter='topic[value]']")]
    return found


def test_source_and_topic_filters_narrow_the_results(browser, small_site):
    site, stories = small_site
    with serve(site.output) as base, open_page(browser, base + "search/") as (page, errors):
        _type(page, "reported")
        everything = _wait_for_search(page)
        unfiltered = _results(page)
        assert len(unfiltered) == everything > 3
        source = next(s for s in SOURCES
                      if 0 < sum(c.startswith(s + " ·") for _, c in unfiltered) < everything)

        page.locator("#search-source").select_option(source)
        expected = [r for r in unfiltered if r[1].startswith(source + " ·")]
        _wait_for_count(page, len(expected))
        assert sorted(_results(page)) == sorted(expected)

        page.locator("#search-source").select_option("")
        topics = _page_topics(site)  # as each story page declares them to the index
        topic = topics[unfiltered[0][0]][0]
        page.locator("#search-topic").select_option(topic)
        expected = [r for r in unfiltered if topic in topics[r[0]]]
        _wait_for_count(page, len(expected))
        assert sorted(_results(page)) == sorted(expected)
        assert errors == []


def test_a_source_alone_lists_its_stories_newest_first(browser, small_site):
    site, stories = small_site
    source = SOURCES[0]
    mine = sorted((s for s in stories.values() if s.source_name == source),
                  key=lambda s: s.published, reverse=True)
    assert len(mine) >= 2
    with serve(site.output) as base, open_page(browser, base + "search/") as (page, errors):
        page.locator("#search-order").select_option("date")
        page.locator("#search-source").select_option(source)
        _wait_for_count(page, len(mine))
        assert [title for title, _ in _results(page)] == [s.title for s in mine]
        assert errors == []


def test_without_javascript_the_page_points_to_topics_sources_and_archive(browser,
                                                                         small_site):
    site, _ = small_site
    with serve(site.output) as base, open_page(browser, base + "search/",
                                               java_script_enabled=False) as (page, _):
        notice = page.locator("#search-unavailable")
        assert notice.is_visible()
        assert "needs JavaScript" in notice.inner_text()
        links = notice.locator("a")
        assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
            "../topics/", "../sources/", "../archives/"]
        assert page.locator("#search").is_hidden()


def test_a_site_built_without_search_says_search_is_unavailable(browser, tmp_path):
    site = build(tmp_path, {SAMPLE: SAMPLE_SEED.read_bytes()}, settings={"DIGEST_SEARCH": False})
    assert site.code == 0, site.stderr
    with serve(site.output) as base, open_page(browser, base + "search/") as (page, _):
        expect(page.locator("#search-unavailable")).to_contain_text("Search is not available")
        assert page.locator("#search").is_hidden()


def test_first_search_on_1000_stories_fetches_at_most_300_kb(browser, tmp_path_factory, capsys):
    seeds = {SAMPLE: SAMPLE_SEED.read_bytes(), **story_seeds(999, seed=3)}
    site = build(tmp_path_factory.mktemp("search-1000"), seeds)
    assert site.code == 0, site.stderr
    assert len(site.files("stories/*.html")) == 1000
    with serve(site.output) as base:
        context = browser.new_context()
        page = context.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(base + "search/")
        _type(page, "court ruling", delay=60)  # as people type
        found = _wait_for_search(page)
        page.wait_for_load_state("networkidle")
        sizes = {r.url.removeprefix(base): len(r.body()) for r in responses}
        context.close()
    total = sum(sizes.values())
    largest = sorted(sizes.items(), key=lambda item: -item[1])[:30]
    with capsys.disabled():
        print(f"\nfirst search on 1,000 stories ({found} found): {len(sizes)} files, "
              f"{total:,} bytes fetched (budget {BUDGET:,}); largest: "
              + ", ".join(f"{name} {size:,}" for name, size in largest))
    assert any(name.endswith(".pf_fragment") for name in sizes)  # results were loaded
    assert total <= BUDGET


def _beside_or_above(label: dict, control: dict) -> bool:
    """The label sits just left of its control on one line, or just above it."""
    same_line = (label["y"] < control["y"] + control["height"]
                 and control["y"] < label["y"] + label["height"]
                 and 0 <= control["x"] - (label["x"] + label["width"]) <= 24)
    above = (abs(control["x"] - label["x"]) <= 2
             and 0 <= control["y"] - (label["y"] + label["height"]) <= 16)
    return same_line or above


def test_each_filter_stays_with_its_label_at_every_width(browser, small_site):
    # A label and its list were separate items of one wrapping row: at 1280 px "Order"
    # could end the first row while its list opened the next one, under "Topic".
    site, _ = small_site
    with serve(site.output) as base, open_page(browser, base + "search/") as (page, errors):
        expect(page.locator("#search-source option").nth(1)).to_be_attached()
        misplaced = []
        for width in range(320, 1301, 60):
            page.set_viewport_size({"width": width, "height": 900})
            for name in ("topic", "source", "order"):
                label = page.locator(f"label[for='search-{name}']").bounding_box()
                control = page.locator(f"#search-{name}").bounding_box()
                if not _beside_or_above(label, control):
                    misplaced.append((width, name, label, control))
                if control["x"] + control["width"] > width:
                    misplaced.append((width, name, "overflows the page", control))
        assert misplaced == []
        assert errors == []


def test_a_linked_story_is_one_highlighted_headline_not_two(browser, tmp_path):
    # Under the default policy ("link") a story page shows, and the index holds, only
    # the headline; Pagefind's excerpt was the headline again under the headline.
    seeds = story_seeds(6, seed=5)
    site = build(tmp_path, seeds, settings={"DIGEST_DEFAULT_POLICY": "link"})
    assert site.code == 0, site.stderr
    titles = {parse_seed(text, name).title for name, text in seeds.items()}
    word = max(" ".join(titles).split(), key=lambda w: sum(w in t.split() for t in titles))
    with serve(site.output) as base, open_page(browser, base + "search/") as (page, errors):
        _type(page, word)
        found = _wait_for_search(page)
        items = page.locator("#search-results > li")
        expect(items).to_have_count(found)
        for i in range(found):
            item = items.nth(i)
            assert item.locator("h2").inner_text() in titles
            assert item.locator("h2 mark").count() >= 1
            assert item.locator("p:not(.credit)").count() == 0
        assert errors == []


def test_a_word_in_no_story_finds_nothing_rather_than_its_first_letter(browser, tmp_path):
    # Pagefind searches ever shorter starts of a word it does not know: "xyzzyq" found
    # the story with an "X", one letter highlighted. A longer start still finds its word.
    seeds = {"001_a.txt": seed_text(title="Polycomb steps to inactivate X",
                                    body=("Cells silence one X chromosome early.",))}
    site = build(tmp_path, seeds)
    assert site.code == 0, site.stderr
    with serve(site.output) as base, open_page(browser, base + "search/") as (page, errors):
        _type(page, "xyzzyq")
        expect(_status(page)).to_have_text("No stories found.")
        expect(page.locator("#search-results > li")).to_have_count(0)
        page.locator("#search-q").fill("")
        _type(page, "inactivates")
        _wait_for_count(page, 1)
        assert errors == []


def test_loading_search_never_takes_the_focus_from_where_a_reader_moved_it(browser,
                                                                          small_site):
    # Once its index had loaded, the page put the cursor in the search box whatever the
    # reader had done meanwhile: a keyboard reader who had tabbed to the skip link or the
    # navigation while it loaded (seconds on a slow line) was thrown back into the form.
    site, _ = small_site
    held = []
    with serve(site.output) as base:
        for tab_first in (True, False):
            context = browser.new_context()
            page = context.new_page()
            page.route(re.compile(r"/pagefind/pagefind\.js$"),
                       lambda route: held.append(route))  # a slow line
            page.goto(base + "search/", wait_until="domcontentloaded")
            expect(page.locator("#search-unavailable")).to_have_text("Loading search…")
            if tab_first:
                page.keyboard.press("Tab")
            while not held:  # the page asks for the index once its script runs
                page.wait_for_timeout(50)
            held.pop().continue_()
            expect(page.locator("#search-q")).to_be_visible()
            page.wait_for_load_state("networkidle")
            focused = page.evaluate("() => [document.activeElement.className,"
                                    " document.activeElement.id]")
            context.close()
            # the reader's place kept; a reader who did nothing still starts in the box
            assert focused == (["skip-link", ""] if tab_first else ["", "search-q"])
