"""Feeds as real readers see them: newsboat (Debian) and feedparser on every feed, the
RFC 5005 archive walked from the newest document back, the OPML file imported by
newsboat, the /feeds/ page, and WebSub pings received by a hub on 127.0.0.1."""

from __future__ import annotations

import calendar
import http.server
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
import urllib.parse
from pathlib import Path

import feedparser
import lxml.etree
import pytest
from tools import require

from sitebuild import ROOT, build, feed_paragraphs, seed_text

# Real builds read back by newsboat and feedparser: the slow tier (make test), not make test-fast.
pytestmark = pytest.mark.slow

PUBLIC = "https://news-digest.example.org"
ATOM = "{http://www.w3.org/2005/Atom}"
HISTORY = "{http://purl.org/syndication/history/1.0}"
SITE_NAME = "The News Digest"

# Who wrote each story, as every reader must show it.
SEEDS = {
    "001_a.txt": seed_text(title="Two people wrote this", author="Jane Doe and John Roe",
                           published="2020-01-01T08:00:00Z", url="https://daily.example/two",
                           extra=(("Feed", "https://daily.example/rss.xml"),)),
    "002_b.txt": seed_text(title="Nobody signed this", author=None, source="Other Paper",
                           published="2020-01-02T09:00:00Z", url="https://other.example/none"),
    "003_c.txt": seed_text(title="Three and an agency", author="Ann Lee, Bo Chan, Cy Park, PTI",
                           published="2020-01-02T18:00:00Z", url="https://daily.example/three",
                           extra=(("Feed", "https://daily.example/rss.xml"),)),
    "004_d.txt": seed_text(title="One person", author="Dee Solo", source="Other Paper",
                           published="2020-01-04T07:00:00Z", url="https://other.example/one"),
    # Its feed gave only the headline and link: the item is the headline and the credit.
    "005_e.txt": seed_text(title="Only a headline", author="Eve Brief", body=(),
                           published="2020-01-04T06:00:00Z", url="https://daily.example/bare",
                           extra=(("Headline only", "yes"),)),
}
CREDITED = {
    "Two people wrote this": ["Jane Doe", "John Roe"],
    "Nobody signed this": ["Other Paper"],  # the publisher, never the digest
    "Three and an agency": ["Ann Lee", "Bo Chan", "Cy Park", "PTI"],
    "One person": ["Dee Solo"],
    "Only a headline": ["Eve Brief"],
}
PUBLISHER = {"Nobody signed this": "Other Paper", "One person": "Other Paper"}  # else Daily


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    built = build(tmp_path_factory.mktemp("readers"), SEEDS)
    assert built.code == 0, built.stderr
    return built


def feed_paths(site) -> list[Path]:
    return [p for p in site.files("feeds/**/*")
            if p.name.endswith((".rss.xml", ".atom.xml")) and "archive" not in p.parts]


def test_feedparser_shows_every_author_and_never_the_digest(site):
    paths = feed_paths(site)
    assert len(paths) >= 6
    for path in paths:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, path
        for entry in parsed.entries:
            shown = entry.get("author", "")
            for name in CREDITED[entry.title]:
                assert name in shown, (path.name, entry.title, shown)
            assert SITE_NAME not in shown, (path.name, entry.title)


def test_rss_source_names_the_publishers_feed_or_is_left_out(site):
    root = lxml.etree.fromstring((site.output / "feeds/all.rss.xml").read_bytes())
    sources = {item.findtext("title"): item.find("source") for item in root.iter("item")}
    two = sources["Two people wrote this"]
    assert (two.text, two.get("url")) == ("The Daily Example", "https://daily.example/rss.xml")
    assert sources["Nobody signed this"] is None  # the import did not know its feed
    atom = lxml.etree.fromstring((site.output / "feeds/all.atom.xml").read_bytes())
    entry = next(e for e in atom.iter(f"{ATOM}entry")
                 if e.findtext(f"{ATOM}title") == "Two people wrote this")
    links = {link.get("rel"): link.get("href")
             for link in entry.find(f"{ATOM}source").findall(f"{ATOM}link")}
    assert links == {"alternate": "https://daily.example/", "self": "https://daily.example/rss.xml"}


def test_json_feed_items_credit_and_describe_themselves(site):
    feed = json.loads((site.output / "feeds/all.json").read_bytes())
    page = site.page("feeds/index.html")
    for item in feed["items"]:
        assert [a["name"] for a in item["authors"]] == CREDITED[item["title"]]
        assert item["summary"] == ("First paragraph." if item["title"] != "Only a headline"
                                   else "The Daily Example, 4 January 2020: “Only a headline”. "
                                   "The digest credits the story and links to the original.")
        about = item["_source"]["about"]
        assert about == f"{PUBLIC}/feeds/#json-feed-source"
        assert page.xpath("//*[@id='json-feed-source']")  # the anchor it names exists


# --- newsboat ------------------------------------------------------------------------------

def newsboat() -> str:
    found = shutil.which("newsboat")
    require(found is not None, "newsboat (a feed reader, to read the feeds back)",
            "apt-get install newsboat")
    return found


def newsboat_items(tmp: Path, feed: Path, column: str = "author") -> dict[str, str]:
    """Title -> author (or another ``column`` of newsboat's ``rss_item`` table: ``content``)
    of each item of ``feed`` as newsboat stores it after a reload."""
    tmp.mkdir(parents=True, exist_ok=True)
    urls, cache, config = tmp / "urls", tmp / "cache.db", tmp / "config"
    urls.write_text(feed.as_uri() + "\n", encoding="utf-8")
    config.write_text("", encoding="utf-8")
    result = subprocess.run(
        [newsboat(), "-u", str(urls), "-c", str(cache), "-C", str(config), "-x", "reload"],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "HOME": str(tmp)})
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(cache) as db:
        return dict(db.execute(f"SELECT title, {column} FROM rss_item"))  # noqa: S608


def test_newsboat_shows_every_author_and_never_the_digest(site, tmp_path):
    paths = feed_paths(site)
    for n, path in enumerate(paths):
        items = newsboat_items(tmp_path / str(n), path)  # one cache each: ids repeat
        expected = {e.title for e in feedparser.parse(path.read_bytes()).entries}
        assert set(items) == expected, path.name
        for title, author in items.items():
            for name in CREDITED[title]:
                assert name in author, (path.name, title, author)
            assert SITE_NAME not in author, (path.name, title)


def test_newsboat_and_feedparser_read_the_lead_and_the_credit_as_paragraphs(site, tmp_path):
    """The lead was bare text before the credit's <p>: readers ran the two together."""
    for n, path in enumerate(feed_paths(site)):
        contents = newsboat_items(tmp_path / str(n), path, "content")
        read = {e.title: e.summary for e in feedparser.parse(path.read_bytes()).entries}
        assert set(contents) == set(read) <= set(CREDITED), path.name
        for title, content in contents.items():
            lead = [] if title == "Only a headline" else ["First paragraph."]
            publisher = PUBLISHER.get(title, "The Daily Example")
            expected = [*lead, f"Originally published by {publisher}."]
            assert feed_paragraphs(content) == feed_paragraphs(read[title]) == expected, (
                path.name, title)


# --- sfeed: a second reader, its own C parser --------------------------------------------

def _sfeed_rows(path: Path) -> list[list[str]]:
    """sfeed's TAB-separated lines for ``path`` (Debian's sfeed; RSS and Atom alike)."""
    found = shutil.which("sfeed")
    require(found is not None, "sfeed (a second feed reader)", "apt-get install sfeed")
    result = subprocess.run([found], input=path.read_bytes(), capture_output=True,
                            timeout=60, check=True)
    return [line.split("\t") for line in result.stdout.decode().splitlines()]


def _unescaped(content: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), content)


def test_sfeed_reads_every_item_its_time_link_id_authors_and_paragraphs(site):
    for path in feed_paths(site):
        entries = {e.title: e for e in feedparser.parse(path.read_bytes()).entries}
        rows = _sfeed_rows(path)
        assert sorted(row[1] for row in rows) == sorted(entries), path.name
        for stamp, title, link, content, kind, item_id, author, *_ in rows:
            entry = entries[title]
            assert int(stamp) == calendar.timegm(entry.published_parsed), (path.name, title)
            assert link == entry.link and link.startswith(f"{PUBLIC}/stories/"), title
            assert item_id == entry.id and item_id.startswith("urn:news-digest:story:")
            for name in CREDITED[title]:  # sfeed shows an item's first author only
                assert name in author, (path.name, title, author)
            assert SITE_NAME not in author, (path.name, title)
            lead = [] if title == "Only a headline" else ["First paragraph."]
            credit = f"Originally published by {PUBLISHER.get(title, 'The Daily Example')}."
            assert kind == "html" and feed_paragraphs(_unescaped(content)) == [*lead, credit]


def test_newsboat_imports_the_opml_file_of_every_feed(site, tmp_path):
    urls = tmp_path / "urls"
    result = subprocess.run(
        [newsboat(), "-u", str(urls), "-C", str(tmp_path / "config"), "-c",
         str(tmp_path / "cache.db"), "-i", str(site.output / "feeds/feeds.opml")],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    imported = {line.split()[0] for line in urls.read_text().splitlines() if line.strip()}
    rss = {f"{PUBLIC}/{p.relative_to(site.output)}" for p in feed_paths(site)
           if p.name.endswith(".rss.xml")}
    assert imported == rss  # every feed once, by its RSS address


def test_the_feeds_page_lists_every_feed_in_every_format(site):
    page = site.page("feeds/index.html")
    linked = {os.path.normpath(os.path.join("feeds", href))
              for href in page.xpath("//main//a/@href") if not href.startswith("http")}
    feeds = {str(p.relative_to(site.output)) for p in site.files("feeds/**/*")
             if p.name.endswith((".rss.xml", ".atom.xml", ".json"))
             and "archive" not in p.parts}
    assert feeds <= linked
    assert "feeds/feeds.opml" in linked
    topics = {p.parent.name for p in site.files("topics/*/index.html")}
    assert topics and {f"feeds/topics/{t}.json" for t in topics} <= linked


# --- the archive ---------------------------------------------------------------------------

def _archive_walk(site, current: str, fmt: str) -> list[tuple[str, list[str]]]:
    """(document, titles) from the subscription feed's newest archive back to the oldest."""
    def links(path):
        root = lxml.etree.fromstring((site.output / path).read_bytes())
        head = root.find("channel") if root.tag == "rss" else root
        found = {link.get("rel"): link.get("href") for link in head.findall(f"{ATOM}link")}
        titles = [t.text for t in root.iterfind("channel/item/title")] + [
            t.text for t in root.iterfind(f"{ATOM}entry/{ATOM}title")]
        return found, head.find(f"{HISTORY}archive") is not None, titles

    subscription, is_archive, _ = links(current)
    assert not is_archive
    walked, seen = [], set()
    url = subscription.get("prev-archive")
    newer = None
    while url:
        path = url.removeprefix(f"{PUBLIC}/")
        assert path not in seen, "the archive loops"
        seen.add(path)
        found, is_archive, titles = links(path)
        assert is_archive and found["current"] == f"{PUBLIC}/{current}"
        assert found.get("next-archive") == newer  # each links the one it came from
        assert not feedparser.parse((site.output / path).read_bytes()).bozo
        walked.append((path, titles))
        newer, url = url, found.get("prev-archive")
    assert walked and all(p.endswith(f".{fmt}.xml") for p, _ in walked)
    return walked


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_walking_the_archive_back_finds_every_story_exactly_once(site, fmt):
    walked = _archive_walk(site, f"feeds/all.{fmt}.xml", fmt)
    assert [p.rsplit("/", 1)[1] for p, _ in walked] == [
        f"2020-01-04.{fmt}.xml", f"2020-01-02.{fmt}.xml", f"2020-01-01.{fmt}.xml"]
    titles = [t for _, found in walked for t in found]
    assert sorted(titles) == sorted(CREDITED)  # every story, each exactly once


def test_complete_editions_keep_byte_identical_archives(tmp_path):
    first = build(tmp_path / "one", SEEDS)
    later = {**SEEDS, "005_e.txt": seed_text(title="A later day", url="https://x.example/e",
                                              published="2020-01-06T10:00:00Z")}
    second = build(tmp_path / "two", later)
    again = build(tmp_path / "three", later)
    assert first.code == second.code == again.code == 0

    def archive(site):
        return {p.name: p.read_bytes() for p in site.files("feeds/archive/*")}

    before, after = archive(first), archive(second)
    for name in ("2020-01-01.atom.xml", "2020-01-02.rss.xml", "2020-01-01.rss.xml"):
        assert after[name] == before[name], name  # complete before: never changes
    # The edition that was the newest gains its next-archive link, once.
    assert after["2020-01-04.atom.xml"] != before["2020-01-04.atom.xml"]
    assert set(after) - set(before) == {"2020-01-06.atom.xml", "2020-01-06.rss.xml"}
    assert archive(again) == after  # a rebuild changes nothing


# --- WebSub --------------------------------------------------------------------------------

class _Hub(http.server.BaseHTTPRequestHandler):
    received: list[dict] = []
    status = 204

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        type(self).received.append(urllib.parse.parse_qs(body))
        self.send_response(type(self).status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def hub():
    handler = type("Hub", (_Hub,), {"received": [], "status": 204})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield handler, f"http://127.0.0.1:{server.server_address[1]}/hub"
    server.shutdown()
    server.server_close()


def _ping(tmp_path, conf, *extra):
    return subprocess.run(
        [sys.executable, "-m", "news_digest", "ping", "-s", str(conf), "-o",
         str(tmp_path / "output"), "--state", str(tmp_path / "state.json"), *extra],
        capture_output=True, text=True, timeout=120, check=False, cwd=tmp_path)


def test_feeds_name_the_hub_and_ping_notifies_it_of_what_changed(tmp_path, hub):
    handler, url = hub
    site = build(tmp_path, SEEDS, settings={"DIGEST_WEBSUB_HUB": url})
    assert site.code == 0, site.stderr
    atom = lxml.etree.fromstring((site.output / "feeds/all.atom.xml").read_bytes())
    assert [link.get("href") for link in atom.findall(f"{ATOM}link")
            if link.get("rel") == "hub"] == [url]
    rss = lxml.etree.fromstring((site.output / "feeds/topics/general.rss.xml").read_bytes())
    assert [link.get("href") for link in rss.find("channel").findall(f"{ATOM}link")
            if link.get("rel") == "hub"] == [url]
    assert json.loads((site.output / "feeds/all.json").read_bytes())["hubs"] == [
        {"type": "WebSub", "url": url}]

    conf = tmp_path / "conf.py"
    conf.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
                    f"DIGEST_TOPICS_FILE = {str(ROOT / 'topics.toml')!r}\n"
                    f"THEME = {str(ROOT / 'theme')!r}\n"
                    f"DIGEST_WEBSUB_HUB = {url!r}\n", encoding="utf-8")
    result = _ping(tmp_path, conf)
    assert result.returncode == 0, result.stderr
    subscription = {f"{PUBLIC}/{p.relative_to(site.output)}" for p in site.files("feeds/**/*")
                    if p.name.endswith((".rss.xml", ".atom.xml", ".json"))
                    and "archive" not in p.parts}
    assert all(r["hub.mode"] == ["publish"] for r in handler.received)
    assert sorted(r["hub.url"][0] for r in handler.received) == sorted(subscription)
    assert f"of {len(subscription)} changed feed(s)" in result.stdout
    handler.received.clear()
    again = _ping(tmp_path, conf)  # nothing changed since: nothing to tell
    assert again.returncode == 0 and handler.received == []
    handler.status = 500
    failing = _ping(tmp_path, conf, "--all")
    assert failing.returncode == 1
    assert "HTTP 500" in failing.stderr and f"{PUBLIC}/feeds/all.atom.xml" in failing.stderr


def test_ping_without_a_hub_says_what_to_set(tmp_path):
    (tmp_path / "output").mkdir()
    result = _ping(tmp_path, ROOT / "pelicanconf.py")
    assert result.returncode == 2
    assert "DIGEST_WEBSUB_HUB is not set" in result.stderr
