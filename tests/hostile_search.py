"""The search index of a site built from hostile seeds (``hostile_hunt --search``):
what Pagefind keeps of each story is what its page shows, and the search page shows
it as text. Each check returns problems, one line each, empty when sound.

``index_problems`` reads every fragment of every index bundle (gzip, Pagefind's
``pagefind_dcd`` signature, JSON) and compares its address, headline, credit and
source filter with the story page it was made from. ``browser_problems`` searches the
built site in Chromium (as tests/test_search_browser.py does) for the canary every
hostile payload carries and for each story's headline word, and looks at the results:
no element or attribute made from seed text, no script run (a dialog, a console error
or a CSP violation), every result's headline and credit as the index holds them.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import lxml.html
from hostile_checks import dom_problems
from hostile_gen import CANARY

SIGNATURE = b"pagefind_dcd"
_ELEMENTS = "img, script, iframe, object, embed, svg, math, b, i, a[href^='javascript']"


def _plain(text: str) -> str:
    return " ".join(text.split())


def _fragments(output: Path):
    """(bundle/file, fragment dict or the reason it cannot be read)."""
    for path in sorted(output.glob("pagefind*/fragment/*.pf_fragment")):
        where = path.relative_to(output).as_posix()
        try:
            data = gzip.decompress(path.read_bytes())
        except (OSError, EOFError) as error:
            yield where, f"not gzip: {error}"
            continue
        if not data.startswith(SIGNATURE):
            yield where, "no pagefind_dcd signature"
            continue
        try:
            yield where, json.loads(data[len(SIGNATURE):])
        except ValueError as error:
            yield where, f"not JSON: {error}"


def index_problems(output: Path) -> list[str]:
    problems = []
    for entry in output.glob("pagefind*/pagefind-entry.json"):
        try:
            json.loads(entry.read_bytes())
        except ValueError as error:
            problems.append(f"{entry.relative_to(output)}: not JSON: {error}")
    indexed = set()
    for where, fragment in _fragments(output):
        if isinstance(fragment, str):
            problems.append(f"{where}: {fragment}")
            continue
        url = fragment.get("url", "")
        page = output / url.lstrip("/")
        if url.endswith("/"):  # a story slugged 'index': stories/index.html
            page = page / "index.html"
        if not url.startswith("/") or not page.is_file():
            problems.append(f"{where}: its address {url[:80]!r} is no page")
            continue
        indexed.add(page)
        tree = lxml.html.fromstring(page.read_bytes())
        meta = fragment.get("meta", {})
        shown = {"title": _plain(tree.xpath("string(//h1)")),
                 "attribution": _plain("".join(tree.xpath(
                     "//data[@data-pagefind-meta='attribution[value]']/@value")))}
        for key, value in shown.items():
            if _plain(meta.get(key, "")) != value:
                problems.append(f"{where}: {key} {meta.get(key, '')[:60]!r} is not the "
                                f"page's {value[:60]!r} ({url})")
        # the publisher as the page's credit line shows it (not the filter's attribute:
        # Pagefind reads it as HTML once more, so the theme escapes it once more)
        sources = [_plain(tree.xpath("string((//p[@class='credit-line']"
                                     "/*[@class='publisher'])[1])"))]
        if [_plain(s) for s in fragment.get("filters", {}).get("source", [])] != sources:
            problems.append(f"{where}: source filter {fragment.get('filters')} is not the "
                            f"page's {sources} ({url})")
    for page in sorted(output.glob("stories/*.html")):
        if page not in indexed:
            problems.append(f"{page.relative_to(output)}: not in the search index")
    return problems


def queries(output: Path) -> list[str]:
    """The canary, and the first word of a few indexed headlines."""
    words = [CANARY]
    for _, fragment in _fragments(output):
        if isinstance(fragment, dict):
            first = re.findall(r"\w{4,}", fragment.get("meta", {}).get("title", ""))
            if first and first[0] not in words:
                words.append(first[0])
    return words[:6]


def browser_problems(output: Path) -> list[str]:
    """Search the site in Chromium; skipped (no problem) where Chromium is absent."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415
    from tools import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: PLC0415

    if not CHROMIUM.exists():
        return []
    problems = []
    with sync_playwright() as p, serve(output) as base:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for word in queries(output):
                problems += _search(browser, base, word)
        finally:
            browser.close()
    return problems


def _search(browser, base: str, word: str) -> list[str]:
    context = browser.new_context()
    page = context.new_page()
    problems = []
    page.on("dialog", lambda d: (problems.append(f"search {word!r}: a dialog: {d.message}"),
                                 d.dismiss()))
    page.on("console", lambda m: problems.append(f"search {word!r}: console: {m.text[:200]}")
            if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
    page.on("pageerror", lambda e: problems.append(f"search {word!r}: script error: {e}"))
    try:
        page.goto(f"{base}search/?q={word}")
        status = page.locator("#search-status")
        status.filter(has_text=re.compile(r"found\.|failed")).wait_for(timeout=60_000)
        if "failed" in status.inner_text():
            problems.append(f"search {word!r}: {status.inner_text()}")
        results = page.locator("#search-results")
        if results.locator(_ELEMENTS).count():
            problems.append(f"search {word!r}: results hold elements made from seed text: "
                            f"{results.inner_html()[:300]}")
        # the results' DOM as the browser made it, read as the pages are (hostile_checks)
        tree = lxml.html.fragment_fromstring(results.inner_html() or " ", create_parent="ol")
        problems += dom_problems(tree, f"search {word!r}")
    except Exception as error:  # noqa: BLE001 (a hang or a page that never answers)
        problems.append(f"search {word!r}: {type(error).__name__}: {str(error)[:300]}")
    finally:
        context.close()
    return problems
