"""The whole site as a reader finds it, on a digest of real publishers' stories
(tests/reader_site.py: the real-world captures imported and moved onto busy days, the
same-event development set's day, a Hebrew and a long German headline, New York's time
zone), in Debian's Chromium: issue 19's checks on a real site rather than the fixtures,
and what a review of it found (docs/history/theme.md)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from reader_site import (
    BUSY_CLUSTERS,
    BUSY_FEEDS,
    BUSY_REAL,
    FEW,
    build_reader_site,
    captures_present,
)
from tools import ROOT, axe

from busy_site import covered_story

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not captures_present(),
                                 reason="the real-world captures (../shared/realworld-feeds) "
                                        "are absent")]

DESKTOP = {"width": 1280, "height": 900}
SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
          "December")
# The site's one date format (docs/front-page.md, "Dates"), its three lengths.
DATE = rf"\d{{1,2}} ({MONTHS}) \d{{4}}"
DATE_SHAPES = (re.compile(DATE),
               re.compile(rf"(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day {DATE}"),
               # the zone by its name (EST, CET, UTC), by its offset where it has none
               re.compile(rf"{DATE}, \d\d:\d\d ([A-Z]{{2,5}}|UTC[+-]\d\d:\d\d)"))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    built = build_reader_site(tmp_path_factory.mktemp("reader"))
    assert built.code == 0, built.stderr
    return built


def _pages(site) -> dict[str, str]:
    """One page of every kind."""
    topic = sorted(site.output.glob("topics/*/index.html"))[0].parent.name
    source = sorted(site.output.glob("sources/*/index.html"))[0].parent.name
    return {"home": "", "busy edition": BUSY_REAL, "clusters' edition": BUSY_CLUSTERS,
            "edition of two": FEW, "story": covered_story(site),
            "topics": "topics/", "topic": f"topics/{topic}/", "sources": "sources/",
            "source": f"sources/{source}/", "editions": "editions/", "archive": "archives/",
            "search": "search/", "feeds": "feeds/", "404": "no/such/page/"}


def _open(browser, server, path, **context):
    ctx = browser.new_context(**context)
    page = ctx.new_page()
    page.goto(server + path, wait_until="load")
    return ctx, page


# Where each headline of an edition's index sits: its column (left edge), whether it is
# cut between two columns, and whether each topic heading shares its first headline's
# column; and how many columns the index has room for.
_INDEX_COLUMNS = """() => {
  const index = document.querySelector('.edition-index');
  const left = (e) => Math.round(e.getBoundingClientRect().left);
  const items = Array.from(index.querySelectorAll('li'));
  const style = getComputedStyle(index);
  const gap = parseFloat(style.columnGap);
  const room = Math.max(1, Math.floor((index.clientWidth + gap) /
                                      (parseFloat(style.columnWidth) + gap)));
  return {
    room, entries: items.length,
    used: new Set(items.map(left)).size,
    cut: items.filter((li) => new Set(Array.from(li.getClientRects(),
                                                 (r) => Math.round(r.left))).size > 1).length,
    orphans: Array.from(index.querySelectorAll('.index-topic')).filter(
      (h) => left(h) !== left(h.nextElementSibling.querySelector('li'))).length,
  };
}"""


@pytest.mark.parametrize("width", [1280, 1024])
def test_a_busy_edition_index_fills_every_column_it_has(site, server, browser, width):
    # A topic group was kept whole in one column: a day whose 30 journal papers share a
    # topic showed them in one tall column and left the third empty, 29 headlines on the
    # first screen instead of 42.
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    found = {}
    for path in (BUSY_REAL, BUSY_CLUSTERS, BUSY_FEEDS, ""):
        page.goto(server + path, wait_until="load")
        found[path or "home"] = page.evaluate(_INDEX_COLUMNS)
    ctx.close()
    for name, index in found.items():
        assert index["entries"] >= 12, name
        assert index["used"] == index["room"] >= 2, (name, index)
        assert index["cut"] == index["orphans"] == 0, (name, index)


_VISIBLE_HEADLINES = """() => {
  const inside = (r) => r.width > 0 && r.height > 0 && r.top >= 0 &&
                        r.bottom <= window.innerHeight && r.left >= 0 &&
                        r.right <= window.innerWidth;
  return Array.from(document.querySelectorAll('.edition-index li')).filter((li) => {
    const headline = li.querySelector('a'), credit = li.querySelector('.credit');
    return headline && credit && credit.textContent.trim() &&
           inside(headline.getBoundingClientRect()) && inside(credit.getBoundingClientRect());
  }).length;
}"""


def test_busy_days_show_at_least_12_headlines_with_their_credits(site, server, browser,
                                                                 capsys):
    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    seen = {}
    for path in ("", BUSY_REAL, BUSY_CLUSTERS, BUSY_FEEDS):
        page.goto(server + path, wait_until="load")
        seen[path or "home"] = page.evaluate(_VISIBLE_HEADLINES)
    ctx.close()
    with capsys.disabled():
        print(f"\nheadlines with their credit on the first 1280x900 screen: {seen}")
    assert min(seen.values()) >= 12, seen


def test_the_header_navigation_is_one_line_at_1280_on_every_kind_of_page(site, server,
                                                                         browser):
    lines = {}
    for name, path in _pages(site).items():
        ctx, page = _open(browser, server, path, viewport=DESKTOP)
        lines[name] = page.evaluate("""() => new Set(Array.from(
            document.querySelectorAll('.site-nav li'),
            (li) => Math.round(li.getBoundingClientRect().top))).size""")
        ctx.close()
    assert set(lines.values()) == {1}, lines


def test_no_paragraph_runs_wider_than_a_reading_measure(site, server, browser):
    # The 404 page's, the search page's and the feeds page's text ran to the page's
    # full 66rem at 1280 px, about 110 characters a line.
    wide = {}
    for name, path in _pages(site).items():
        ctx, page = _open(browser, server, path, viewport=DESKTOP)
        widths = page.evaluate("""() => Array.from(document.querySelectorAll('main p'))
            .filter((p) => p.textContent.trim())
            .map((p) => p.getBoundingClientRect().width /
                        parseFloat(getComputedStyle(document.documentElement).fontSize))""")
        ctx.close()
        if widths and max(widths) > 46.01:
            wide[name] = round(max(widths), 1)
    assert wide == {}


def test_the_sources_index_reads_like_the_topics_index(site, server, browser):
    # It was a bulleted column of every publisher, without the topics' lede or columns.
    index = site.page("sources/index.html")
    assert "(" not in index.xpath("string(//ul[@class='sources'])")  # no "(· 1)"
    assert index.xpath("//div[@class='page-head']/p[@class='lede']")
    layout = {}
    for path in ("sources/", "topics/"):
        ctx, page = _open(browser, server, path, viewport=DESKTOP)
        layout[path] = page.evaluate("""() => {
            const list = document.querySelector('main ul');
            const items = Array.from(list.children);
            return [getComputedStyle(list).listStyleType,
                    new Set(items.map((li) => li.getBoundingClientRect().left)).size > 1,
                    getComputedStyle(items[0]).borderBottomStyle];
        }""")
        ctx.close()
    assert layout["sources/"] == layout["topics/"] == ["none", True, "solid"], layout


def test_every_story_shows_its_editions_day_and_every_date_one_format(site):
    """In New York's time zone: a story published at 01:30 UTC sits under, and says,
    the day before."""
    off, shapes = [], Counter()
    for edition in site.files("editions/*/index.html"):
        tree = site.page(edition.relative_to(site.output))
        day = " ".join(tree.xpath("string(//h1)").split()).split(" ", 1)[1]
        off += [(edition.parent.name, t) for t in tree.xpath(
            "//article[@class='story']/p[@class='credit']/time/text()") if t != day]
    assert off == []
    for path in site.files("**/*.html"):
        for text in site.page(path.relative_to(site.output)).xpath("//time"):
            words = " ".join(text.text_content().split())
            shapes[next((n for n, shape in enumerate(DATE_SHAPES) if shape.fullmatch(words)),
                        words)] += 1
    assert set(shapes) == {0, 1, 2}, [s for s in shapes if not isinstance(s, int)][:5]
    # the Hebrew story, 01:30 UTC on 2 November, is on 1 November in New York
    assert "ממשלת ישראל" in site.page(FEW + "index.html").xpath("string(//main)")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_any_kind_of_page(site, server, browser, scheme):
    script = axe().read_text(encoding="utf-8")
    found = {}
    for name, path in _pages(site).items():
        ctx, page = _open(browser, server, path, color_scheme=scheme, bypass_csp=True,
                          viewport=DESKTOP)
        if name == "search":  # with results and their highlighted words
            box = page.locator("#search-q")
            box.wait_for()  # the form shows once search.js runs: keys typed before are lost
            box.press_sequentially("Brexit")
            page.locator("#search-results mark").first.wait_for()
        page.add_script_tag(content=script)
        violations = page.evaluate(
            """async () => (await axe.run(document)).violations.map(v =>
                 `${v.id} (${v.impact}): ${v.help} -> ` +
                 v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))""")
        ctx.close()
        if violations:
            found[name] = violations
    assert found == {}


def test_the_other_reports_beside_a_story_are_set_as_headlines(site, server, browser):
    # Their links had line-height 1.35 but sat on the page's 1.6 lines: a two-line
    # headline in "Also covered by" or related stories read as two separate ones.
    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    ratios = []
    for path in site.files("stories/*.html"):
        if 'class="story-aside"' not in path.read_text(encoding="utf-8"):
            continue
        page.goto(server + str(path.relative_to(site.output)), wait_until="load")
        ratios += page.evaluate("""() => Array.from(
            document.querySelectorAll('.coverage li > a, .related li > a')).flatMap((a) => {
              const lines = Array.from(a.getClientRects());
              return lines.slice(1).map((r, i) => (r.top - lines[i].top) /
                                                  parseFloat(getComputedStyle(a).fontSize));
            })""")
        if len(ratios) >= 10:
            break
    ctx.close()
    assert ratios, "no headline beside a story runs to two lines"
    assert max(ratios) <= 1.4, ratios


def test_screenshots_of_the_real_site(site, server, browser):
    """For a person to look at (tests/artifacts/screenshots/reader-*.png, git-ignored):
    the busy day, a story with its other reports, the sources index and search results,
    light and dark, at 1280 and 390 px; the busy day and the story in forced colours."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = {"edition": BUSY_REAL, "story": covered_story(site),
             "sources": "sources/", "search": "search/"}
    written = []
    for label, viewport in (("1280", DESKTOP), ("390", {"width": 390, "height": 844})):
        for scheme in ("light", "dark"):
            for name, path in pages.items():
                ctx, page = _open(browser, server, path, color_scheme=scheme,
                                  viewport=viewport)
                if name == "search":
                    box = page.locator("#search-q")
                    box.wait_for()
                    box.press_sequentially("Brexit")
                    page.locator("#search-results mark").first.wait_for()
                shot = SCREENSHOTS / f"reader-{name}-{label}-{scheme}.png"
                page.screenshot(path=str(shot))
                written.append(shot)
                ctx.close()
    for name in ("edition", "story"):  # Windows' high contrast: backgrounds dropped
        ctx, page = _open(browser, server, pages[name], forced_colors="active",
                          viewport=DESKTOP)
        shot = SCREENSHOTS / f"reader-{name}-1280-forced.png"
        page.screenshot(path=str(shot))
        written.append(shot)
        ctx.close()
    assert len(written) == 18 and all(p.stat().st_size > 10_000 for p in written)
