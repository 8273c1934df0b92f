"""On paper, in Chromium's print emulation: a list's "original" link printed without its
address, lost on paper (issue 19). The original's address and the publisher's home
print after their links, in lists and on a story page; no navigation link does, even
where the site's links are absolute (a published build's)."""

from __future__ import annotations

import pytest
from tools import launched_chromium, serve

from sitebuild import build, seed_text

pytestmark = pytest.mark.browser

SOURCES = '''[[source]]
name = "Herald"
home = "https://herald.example/"
feeds = ["https://herald.example/feed"]
policy = "link"
'''
# Every link of the page, with its text's first word, its class, its address, and what
# prints after it.
LINKS = """() => Array.from(document.querySelectorAll('main a'), a => [
    a.textContent.trim().split(/\\s+/)[0], a.className, a.href,
    getComputedStyle(a, '::after').content])"""


def _printed(browser, address: str, path: str, media: str) -> list[list[str]]:
    ctx = browser.new_context()
    page = ctx.new_page()
    page.emulate_media(media=media)
    response = page.goto(address + path, wait_until="load")
    assert response is not None and response.ok, path
    links = page.evaluate(LINKS)
    ctx.close()
    return links


def test_a_printed_list_gives_the_original_its_address(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    seeds = {f"00{n}_a.txt": seed_text(title=f"Harbour story {n}", source="Herald",
                                       url=f"https://herald.example/harbour-{n}",
                                       published=f"2026-12-0{n}T10:00:00Z")
             for n in (1, 2)}
    with serve(output) as address, launched_chromium() as browser:
        site = build(tmp_path, seeds, sources=SOURCES,
                     settings={"SITEURL": address.rstrip("/"), "RELATIVE_URLS": False})
        assert site.code == 0, site.stderr
        for path in ("", "editions/2026-12-02/", "sources/herald/",
                     "stories/harbour-story-1.html"):
            screen = _printed(browser, address, path, "screen")
            paper = _printed(browser, address, path, "print")
            assert {after for *_, after in screen} <= {"none", "normal"}, path
            shown = {(word, href) for word, _, href, after in paper
                     if after not in ("none", "normal")}
            for word, _, href, after in paper:
                if (word, href) in shown:
                    assert after == f'" <{href}>"', (path, word)
            originals = {href for word, _, href, _ in paper
                         if href.startswith("https://herald.example/harbour-")}
            assert originals and {h for _, h in shown} >= originals, path
            # the publisher's home is printed on the story page only, beside its credit
            wanted = originals | ({"https://herald.example/"} if path.startswith("stories")
                                  else set())
            assert {h for _, h in shown} == wanted, path
            assert not any(h.startswith(address) for _, h in shown), path
