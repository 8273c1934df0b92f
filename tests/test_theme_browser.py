"""The theme in a real browser: axe-core, phone width, screenshots, no outside requests.

Every check runs on two sites: one with each republishing policy (``mixed``) and the
fresh clone's, where every publisher is on the default ``link`` policy.

Debian's Chromium driven by Playwright; the site is served by http.server on
127.0.0.1. Tools missing locally skip (see tools.py); on CI they fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from theme_site import EXCERPT_STORY, LINK_STORY, POLICIES, build_theme_site
from tools import ROOT, axe

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "tests" / "artifacts" / "screenshots"
SAMPLE = ("stories/agree-with-indian-government-on-need-to-safeguard-citizens-privacy-"
          "taken-strong.html")
PAGES = {
    "home": "",
    "article": SAMPLE,
    "article (excerpt)": EXCERPT_STORY,
    "article (link)": LINK_STORY,
    "topic": "topics/privacy/",
    "topics": "topics/",
    "edition": "editions/2019-11-01/",
    "editions": "editions/",
    "archive": "archives/",
    "sources": "sources/",
    "about": "about/",
    "search": "search/",
    "feeds": "feeds/",
    "404": "no/such/page/here",  # the server answers with 404.html, as static hosts do
}


@pytest.fixture(scope="module", params=POLICIES)
def site(tmp_path_factory, request):
    built = build_theme_site(tmp_path_factory.mktemp(request.param), policy=request.param)
    assert built.code == 0, built.stderr
    return built


def _source_page(site) -> str | None:
    pages = sorted(p for p in site.output.glob("sources/*/index.html"))
    return str(pages[0].parent.relative_to(site.output)) + "/" if pages else None


def _checked_pages(site) -> dict[str, str]:
    pages = dict(PAGES)
    source = _source_page(site)
    if source:
        pages["source"] = source
    return pages


def test_a_source_page_exists_to_check(site):
    """The checks below visit a publisher's page: the site must have one."""
    assert _source_page(site) is not None


def _open(browser, server, path, **context):
    ctx = browser.new_context(**context)
    page = ctx.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    response = page.goto(server + path, wait_until="load")
    assert response is not None, path
    assert response.ok or (response.status == 404 and path == PAGES["404"]), path
    return ctx, page, requests


_AXE_RUN = """async () => (await axe.run(document)).violations.map(v =>
                 `${v.id} (${v.impact}): ${v.help} -> ` +
                 v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations(site, server, browser, scheme):
    script = axe().read_text(encoding="utf-8")
    found = {}
    for name, path in _checked_pages(site).items():
        # The test injects axe inline, which the site's own CSP rightly forbids.
        ctx, page, _ = _open(browser, server, path, color_scheme=scheme, bypass_csp=True)
        page.add_script_tag(content=script)
        violations = page.evaluate(_AXE_RUN)
        ctx.close()
        if violations:
            found[name] = violations
    assert found == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_in_search_results(site, server, browser, scheme):
    """Results with their highlighted words (<mark>): readable in both schemes."""
    from playwright.sync_api import expect  # noqa: PLC0415

    ctx, page, _ = _open(browser, server, PAGES["search"], color_scheme=scheme,
                         bypass_csp=True)
    box = page.locator("#search-q")
    expect(box).to_be_visible()
    box.press_sequentially("privacy")
    expect(page.locator("#search-results mark").first).to_be_visible()
    page.add_script_tag(content=axe().read_text(encoding="utf-8"))
    violations = page.evaluate(_AXE_RUN)
    ctx.close()
    assert violations == []


def test_the_header_navigation_is_one_line_at_1280(site, server, browser):
    wrapped = {}
    for name, path in _checked_pages(site).items():
        ctx, page, _ = _open(browser, server, path, viewport={"width": 1280, "height": 900})
        tops = page.evaluate("() => Array.from(document.querySelectorAll('.site-nav li'),"
                             " li => Math.round(li.getBoundingClientRect().top))")
        ctx.close()
        if len(set(tops)) != 1 or len(tops) < 7:  # Latest ... Search and the About page
            wrapped[name] = tops
    assert wrapped == {}


def test_pages_break_no_rule_of_their_content_security_policy(site, server, browser):
    broken = {}
    for name, path in _checked_pages(site).items():
        ctx = browser.new_context()
        page = ctx.new_page()
        messages: list[str] = []
        page.on("console", lambda m, seen=messages: seen.append(m.text))
        page.goto(server + path, wait_until="load")
        styled = page.evaluate("() => document.styleSheets.length")
        ctx.close()
        violations = [m for m in messages if "Content Security Policy" in m]
        if violations or not styled:
            broken[name] = (violations, styled)
    assert broken == {}


# Which elements the page sets apart by their background alone (a pill, a box), by
# their index among the body's elements; and, under forced colours, which of them keep
# neither a background of their own nor a border: their shapes gone.
_SHADED = """() => { const page = getComputedStyle(document.body).backgroundColor;
  return Array.from(document.querySelectorAll('body *'), (e, i) => [e, i]).filter(([e]) => {
    const s = getComputedStyle(e), r = e.getBoundingClientRect();
    return ![page, 'rgba(0, 0, 0, 0)'].includes(s.backgroundColor) && r.bottom > 0 &&
           r.width > 0 && r.height > 0; }).map(([, i]) => i); }"""
_SHAPELESS = """(indexes) => { const page = getComputedStyle(document.body).backgroundColor;
  const all = document.querySelectorAll('body *');
  return indexes.map((i) => all[i]).filter((e) => { const s = getComputedStyle(e);
    return [page, 'rgba(0, 0, 0, 0)'].includes(s.backgroundColor) &&
      !['Top', 'Right', 'Bottom', 'Left'].some((side) => s[`border${side}Style`] !== 'none'
                                           && parseFloat(s[`border${side}Width`]) > 0);
  }).map((e) => `${e.tagName.toLowerCase()}.${e.className}`); }"""


def test_boxes_and_pills_keep_their_shapes_in_forced_colours(site, server, browser):
    # Windows' high contrast themes (forced-colors: active) drop every background: the
    # topic pills ran together as plain words and the related stories' box lost its edge.
    lost = {}
    for name, path in _checked_pages(site).items():
        ctx, page, _ = _open(browser, server, path)
        shaded = page.evaluate(_SHADED)
        ctx.close()
        ctx, page, _ = _open(browser, server, path, forced_colors="active")
        shapeless = page.evaluate(_SHAPELESS, shaded)
        ctx.close()
        if shapeless:
            lost[name] = sorted(set(shapeless))
    assert lost == {}


def test_no_horizontal_scrolling_on_a_phone(site, server, browser):
    too_wide = {}
    for name, path in _checked_pages(site).items():
        ctx, page, _ = _open(browser, server, path, viewport={"width": 390, "height": 844})
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]")
        ctx.close()
        if widths[0] > widths[1]:
            too_wide[name] = widths
    assert too_wide == {}


def test_screenshots_of_home_and_article(site, server, browser, request):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    policy = request.node.callspec.params["site"]
    prefix = "" if policy == "mixed" else f"{policy}-"
    written = []
    for width, height in ((390, 844), (1440, 900)):
        for name in ("home", "article"):
            for scheme in ("light", "dark"):
                ctx, page, _ = _open(browser, server, PAGES[name], color_scheme=scheme,
                                     viewport={"width": width, "height": height})
                target = SCREENSHOTS / f"{prefix}{name}-{width}-{scheme}.png"
                page.screenshot(path=str(target), full_page=True)
                ctx.close()
                written.append(target)
    assert all(p.stat().st_size > 1000 for p in written)


def test_every_request_stays_on_the_site(site, server, browser):
    outside = {}
    for name, path in _checked_pages(site).items():
        ctx, page, requests = _open(browser, server, path)
        page.wait_for_load_state("networkidle")
        ctx.close()
        leaving = [url for url in requests if not url.startswith(server)]
        if leaving:
            outside[name] = leaving
    assert outside == {}


def test_pages_read_without_javascript(site, server, browser):
    for name, path in _checked_pages(site).items():
        ctx, page, _ = _open(browser, server, path, java_script_enabled=False)
        heading = page.locator("h1")
        assert heading.count() == 1, name
        assert heading.is_visible() and heading.inner_text().strip(), name
        main_text = page.locator("main").inner_text()
        scripts = page.locator("script:not([type='application/ld+json'])").count()
        ctx.close()
        if name == "search":  # the one page that needs a script says so, with links
            assert "Search needs JavaScript" in main_text
            continue
        assert len(main_text.split()) > 20, name
        assert scripts == 0, name


def test_skip_link_is_first_and_shows_when_focused(site, server, browser):
    ctx, page, _ = _open(browser, server, PAGES["article"])
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.className, document.activeElement.getAttribute('href'),"
        " getComputedStyle(document.activeElement).outlineStyle,"
        " document.activeElement.getBoundingClientRect().top]")
    ctx.close()
    assert focused[:2] == ["skip-link", "#main"]
    assert focused[2] != "none" and focused[3] >= 0  # visible focus, on screen


def test_screenshot_folder_is_ignored_by_git():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert "tests/artifacts/" in ignored
    assert Path(SCREENSHOTS).is_relative_to(ROOT / "tests" / "artifacts")


def test_the_404_page_is_styled_at_any_address(site, server, browser):
    """Static hosts serve 404.html at the missing address itself: its stylesheet must
    load from there too (its links start at the site's root)."""
    ctx = browser.new_context()
    page = ctx.new_page()
    loaded: dict[str, int] = {}
    page.on("response", lambda r: loaded.__setitem__(r.url.removeprefix(server), r.status))
    response = page.goto(server + "stories/gone/deeper/still", wait_until="load")
    heading = page.locator("h1").inner_text()
    colour = page.evaluate("() => getComputedStyle(document.querySelector('.site-header'))"
                           ".borderBottomStyle")
    ctx.close()
    assert response.status == 404 and heading == "Page not found"
    assert loaded.get("theme/css/style.css") == 200
    assert colour != "none"  # the theme's rule under the header: the stylesheet applied


# A count on more than one line (its "· " and its text are boxes of their own).
_BROKEN_COUNTS = """() => Array.from(document.querySelectorAll('.count')).filter((c) =>
  new Set(Array.from(c.getClientRects(), (r) => Math.round(r.top))).size > 1)
  .map((c) => c.textContent)"""


# The layout sweeps below do not depend on the policy: the mixed site only.
@pytest.mark.parametrize("site", ["mixed"], indirect=True)
@pytest.mark.parametrize("path", ["topics/", "sources/"])
def test_a_count_never_breaks_between_its_number_and_its_word(site, server, browser, path):
    # "Social Media & Messaging · 11" at the end of a line and "stories" on the next.
    ctx, page, _ = _open(browser, server, path)
    broken = {}
    for width in range(320, 1301, 5):
        page.set_viewport_size({"width": width, "height": 900})
        found = page.evaluate(_BROKEN_COUNTS)
        if found:
            broken[width] = found
    ctx.close()
    assert broken == {}


# Feed links split over two lines ("JSON" / "Feed") or a line that starts with their
# separator, and each group's heading's distance below the end of the group before it.
_FEEDS_LAYOUT = """() => {
  const lines = (e) => new Set(Array.from(e.getClientRects(), (r) => Math.round(r.top))).size;
  const split = Array.from(document.querySelectorAll('.feed-group a[type]'))
    .filter((a) => lines(a) > 1).map((a) => a.textContent);
  const groups = Array.from(document.querySelectorAll('.feed-group'));
  const gaps = groups.slice(1).map((g, i) =>
    g.querySelector('h2').getBoundingClientRect().top -
    groups[i].getBoundingClientRect().bottom);
  const lineStarts = [];  // a separator that begins a line ("· Atom")
  for (const li of document.querySelectorAll('.feed-group li')) {
    for (const node of li.childNodes) {
      const before = node.previousSibling;
      if (node.nodeType !== Node.TEXT_NODE || !node.textContent.includes('·') || !before) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const dot = range.getClientRects()[0], link = Array.from(before.getClientRects()).pop();
      if (dot && link && Math.round(dot.top) !== Math.round(link.top)) {
        lineStarts.push(li.textContent);
      }
    }
  }
  return [split.concat(lineStarts), Math.min(...gaps)];
}"""


@pytest.mark.parametrize("site", ["mixed"], indirect=True)
def test_the_feeds_page_keeps_each_link_whole_and_its_groups_apart(site, server, browser):
    # At 390 px "JSON Feed" broke after "JSON", and "Topics" sat on the rule that ends
    # "The whole digest" (4 px below it).
    ctx, page, _ = _open(browser, server, PAGES["feeds"])
    found = {}
    for width in range(320, 1301, 20):
        page.set_viewport_size({"width": width, "height": 900})
        split, gap = page.evaluate(_FEEDS_LAYOUT)
        if split or gap < 16:
            found[width] = (split, gap)
    ctx.close()
    assert found == {}
