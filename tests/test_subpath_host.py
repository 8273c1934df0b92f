"""The site as a static host serves it from a folder of its own (a GitHub Pages project
site, `https://user.github.io/digest/`): built with `SITEURL` ending in `/digest`
(`make publish SITEURL=...`), served by http.server under `/digest/` with the folder's
own 404.html for any missing address there, then crawled: every link, feed, sitemap and
asset of every page and feed resolves under the folder, no page loads anything from
elsewhere, search finds stories in Chromium, and the 404 page is styled and leads back
into the folder."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin
from urllib.request import urlopen

import lxml.etree
import lxml.html
import pytest
from theme_site import build_theme_site
from tools import QuietHandler, launched_chromium, serve

pytestmark = [pytest.mark.slow, pytest.mark.browser]

FOLDER = "digest"


class FolderHandler(QuietHandler):
    """A host's handler: a missing address under the folder gets the folder's 404.html."""

    def not_found_page(self) -> Path | None:
        if not self.path.startswith(f"/{FOLDER}/"):
            return None
        return Path(self.directory) / FOLDER / "404.html"


@contextlib.contextmanager
def host(root: Path):
    """``root`` served on 127.0.0.1 (the port chosen before the site is built with it)."""
    with serve(root, FolderHandler) as origin:
        yield origin.rstrip("/")


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    root = tmp_path_factory.mktemp("host")
    with host(root) as origin:
        base = f"{origin}/{FOLDER}/"
        site = build_theme_site(tmp_path_factory.mktemp("subpath"), search=True,
                                SITEURL=base.rstrip("/"), RELATIVE_URLS=False)
        assert site.code == 0, site.stderr
        (root / FOLDER).symlink_to(site.output, target_is_directory=True)
        yield origin, base


def _links(url: str, body: bytes, kind: str) -> list[tuple[str, str]]:
    """(what, address) of everything ``body`` links or loads."""
    if "html" in kind:
        tree = lxml.html.fromstring(body)
        found = [(e.tag, e.get(a)) for a in ("href", "src", "action")
                 for e in tree.xpath(f"//*[@{a}]")]
        # A search bundle is a folder the search page loads Pagefind's script and entry
        # file from (a host lists no folder: those files must resolve); the site's
        # address is a page.
        bundles = [b for e in tree.xpath("//*[@data-bundles]")
                   for b in e.get("data-bundles").split()]
        return (found + [("data", b + name) for b in bundles
                         for name in ("pagefind.js", "pagefind-entry.json")]
                + [("data", e.get("data-site")) for e in tree.xpath("//*[@data-site]")])
    if url.endswith((".xml", ".opml")):
        found = []
        for e in lxml.etree.fromstring(body).iter():
            found += [(str(e.tag), e.get(a)) for a in ("href", "url", "xmlUrl", "htmlUrl")
                      if e.get(a)]
            if (e.text or "").startswith("http"):
                found.append((str(e.tag), e.text.strip()))
        return found
    if url.endswith(".json") and "/feeds/" in url:
        def walk(value):
            if isinstance(value, dict):
                return [x for v in value.values() for x in walk(v)]
            if isinstance(value, list):
                return [x for v in value for x in walk(v)]
            return [("json", value)] if isinstance(value, str) and value.startswith("http") else []
        return walk(json.loads(body))
    if url.endswith("robots.txt"):
        return [("robots", line.split(":", 1)[1].strip()) for line in body.decode().splitlines()
                if line.lower().startswith("sitemap:")]
    return []


def test_every_link_feed_and_asset_resolves_under_the_folder(hosted):
    origin, base = hosted
    queue, seen, broken, astray = [base, base + "robots.txt"], set(), [], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urlopen(url) as response:  # noqa: S310 - our own server on 127.0.0.1
                body, kind = response.read(), response.headers.get("Content-Type", "")
        except HTTPError as error:
            broken.append((url, error.code))
            continue
        for what, address in _links(url, body, kind):
            target = urldefrag(urljoin(url, address))[0]
            if target.startswith(base):
                queue.append(target)
            elif target.startswith(origin) or (what in ("link", "script", "img") and
                                               not target.startswith("https://")):
                astray.append((url, what, address))  # this host outside the folder
    assert broken == [] and astray == []
    assert len([u for u in seen if u.endswith(".html") or u.endswith("/")]) > 30
    assert {base + "feeds/all.atom.xml", base + "feeds/feeds.opml", base + "sitemap.xml",
            base + "theme/css/style.css", base + "pagefind/pagefind.js"} <= seen


def test_the_404_page_is_styled_and_leads_back_into_the_folder(hosted):
    origin, base = hosted
    for missing in (base + "no/such/page/", base + "stories/gone.html"):
        with pytest.raises(HTTPError) as answer:
            urlopen(missing)  # noqa: S310
        assert answer.value.code == 404
        tree = lxml.html.fromstring(answer.value.read())
        addresses = [urljoin(missing, a) for a in
                     tree.xpath("//link[@rel='stylesheet']/@href | //main//a/@href")]
        assert addresses and all(a.startswith(base) for a in addresses), addresses
        for address in addresses:
            with urlopen(address) as response:  # noqa: S310
                assert response.status == 200, address


def test_search_finds_stories_under_the_folder(hosted):
    from playwright.sync_api import expect  # noqa: PLC0415

    _, base = hosted
    with launched_chromium() as browser:
        page = browser.new_page()
        failed = []
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        page.goto(base + "search/")
        box = page.locator("#search-q")
        expect(box).to_be_visible(timeout=30_000)
        box.press_sequentially("privacy")
        results = page.locator("#search-results li h2 a")
        expect(results.first).to_be_visible(timeout=30_000)
        links = results.evaluate_all("(links) => links.map((a) => a.href)")
        page.goto(links[0])
        assert page.url.startswith(base + "stories/")
        assert failed == [] and page.title()
        page.close()
