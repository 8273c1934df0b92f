"""Feeds: RSS 2.0, Atom and JSON Feed read back by feedparser, lxml and a small validator.

The validator applies the W3C feed validator's rules that matter to every feed
file written: required elements, RFC 822 / RFC 3339 dates, unique ids,
absolute links and exactly one self link; JSON Feed against the 1.1 spec.
"""

from __future__ import annotations

import email.utils
import json
import posixpath
import re
from datetime import UTC, datetime, timedelta, timezone

import feedparser
import jinja2
import lxml.etree
import lxml.html
import pytest
from pelican.settings import read_settings
from pelican.urlwrappers import Tag

from news_digest.output import feeds
from news_digest.output.feed_history import ChannelLinks
from news_digest.output.feed_plan import SiteInfo, plan_feeds, public_site_url
from news_digest.seeds.urls import is_web_url
from news_digest.settings import SETTINGS, DigestConfigError, resolve
from news_digest.speed.fragments import MemoExtension

from sitebuild import ROOT, build, feed_paragraphs, seed_text

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
PUBLIC = "https://news-digest.example.org"  # DIGEST_SITE_URL in pelicanconf.py
RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
                    r"Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


# --- the validator -------------------------------------------------------------------------

def rss_date(text: str) -> datetime:
    assert RFC822.match(text or ""), f"not an RFC 822 date: {text!r}"
    return email.utils.parsedate_to_datetime(text)


def atom_date(text: str) -> datetime:
    assert RFC3339.match(text or ""), f"not an RFC 3339 date: {text!r}"
    return datetime.fromisoformat(text)


def absolute(url: str | None) -> str:
    assert url and is_web_url(url), f"not an absolute http(s) URL: {url!r}"
    return url


def validate_rss(data: bytes, url: str) -> lxml.etree._Element:
    root = lxml.etree.fromstring(data)
    assert root.tag == "rss" and root.get("version") == "2.0"
    [channel] = root.findall("channel")
    for name in ("title", "link", "description"):
        assert (channel.findtext(name) or "").strip(), f"channel has no {name}"
    absolute(channel.findtext("link"))
    selfs = [link for link in channel.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert len(selfs) == 1 and selfs[0].get("href") == url, "one self link, to the feed itself"
    for name in ("lastBuildDate", "pubDate"):
        if channel.find(name) is not None:
            rss_date(channel.findtext(name))
    guids = []
    for item in channel.findall("item"):
        assert item.findtext("title") or item.findtext("description")
        absolute(item.findtext("link"))
        guid = item.find("guid")
        assert guid is not None and guid.text
        if guid.get("isPermaLink", "true") == "true":
            absolute(guid.text)
        guids.append(guid.text)
        rss_date(item.findtext("pubDate"))
        for author in item.findall("author"):
            assert "@" in (author.text or ""), "RSS <author> must be an e-mail address"
        for category in item.findall("category"):
            assert (category.text or "").strip()
            if category.get("domain") is not None:
                absolute(category.get("domain"))
        for source in item.findall("source"):
            absolute(source.get("url"))
            assert (source.text or "").strip()
    assert len(guids) == len(set(guids)), "guids are unique"
    return root


def validate_atom(data: bytes, url: str) -> lxml.etree._Element:
    root = lxml.etree.fromstring(data)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{name}") or "").strip(), f"feed has no {name}"
    atom_date(root.findtext(f"{ATOM}updated"))
    selfs = [link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert len(selfs) == 1 and selfs[0].get("href") == url, "one self link, to the feed itself"
    feed_has_author = root.find(f"{ATOM}author/{ATOM}name") is not None
    ids = []
    for entry in root.findall(f"{ATOM}entry"):
        ids.append(entry.findtext(f"{ATOM}id"))
        assert re.match(r"^(urn:|https?://)", ids[-1] or ""), "an entry id is an IRI"
        assert (entry.findtext(f"{ATOM}title") or "").strip()
        atom_date(entry.findtext(f"{ATOM}updated"))
        if entry.find(f"{ATOM}published") is not None:
            atom_date(entry.findtext(f"{ATOM}published"))
        assert feed_has_author or entry.find(f"{ATOM}author/{ATOM}name") is not None
        for link in entry.iter(f"{ATOM}link"):
            absolute(link.get("href"))
        alternates = [link for link in entry.findall(f"{ATOM}link")
                      if link.get("rel", "alternate") == "alternate"]
        assert len(alternates) == 1 or entry.find(f"{ATOM}content") is not None
        for category in entry.findall(f"{ATOM}category"):
            assert category.get("term")
            if category.get("scheme") is not None:
                absolute(category.get("scheme"))
    assert len(ids) == len(set(ids)), "entry ids are unique"
    return root


def validate_json_feed(data: bytes, url: str) -> dict:
    feed = json.loads(data)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str) and feed["title"]
    assert isinstance(feed["items"], list)
    assert feed["feed_url"] == url
    absolute(feed["home_page_url"])
    ids = []
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]
        ids.append(item["id"])
        assert isinstance(item.get("content_html") or item.get("content_text"), str)
        for key in ("url", "external_url"):
            if key in item:
                absolute(item[key])
        if "date_published" in item:
            atom_date(item["date_published"])
        for author in item.get("authors", []):
            assert isinstance(author["name"], str) and author["name"]
        assert all(isinstance(tag, str) for tag in item.get("tags", []))
        if "summary" in item:
            assert isinstance(item["summary"], str)
        for key in item:  # custom objects start with _ and a letter or digit
            assert key in JSON_ITEM_KEYS or re.match(r"^_[A-Za-z0-9]", key), key
            if key.startswith("_"):  # and say where they are described
                absolute(item[key]["about"])
    assert len(ids) == len(set(ids)), "item ids are unique"
    return feed


JSON_ITEM_KEYS = {"id", "url", "external_url", "title", "content_html", "content_text",
                  "summary", "image", "banner_image", "date_published", "date_modified",
                  "authors", "tags", "language", "attachments"}


def is_feed(path) -> bool:
    """A feed document among the files under feeds/ (not the feeds page or OPML file)."""
    return path.name.endswith((".rss.xml", ".atom.xml", ".json"))


def validate_file(path, url: str):
    """Validate one written feed by its kind, and check feedparser reads it cleanly."""
    data = path.read_bytes()
    if path.suffix == ".json":
        return validate_json_feed(data, url)
    parsed = feedparser.parse(data)
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    return (validate_atom if path.name.endswith(".atom.xml") else validate_rss)(data, url)


# --- records for unit tests ----------------------------------------------------------------

def record(n: int, *, topics=(), people=("Jane Doe",), source="The Paper", day=None,
           feed=""):
    published = datetime(2020, 1, day or n, 12, 0, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    return feeds.FeedItem(
        identity=f"{n:016x}", title=f"Story <{n}> & co", link=f"{PUBLIC}/stories/s{n}.html",
        published=published, summary_html=f"Lead {n} &amp; more",
        content_html=f"<p>Lead {n} &amp; more</p>\n<p>Second {n}.</p>",
        original_url=f"https://paper.example/{n}?a=1&b=2", source_name=source,
        source_home="https://paper.example/", source_slug=source.lower().replace(" ", "-"),
        topics=tuple(feeds.Topic(slug, label, f"{PUBLIC}/topics/{slug}/")
                     for slug, label in topics), people=tuple(people), source_feed=feed,
        summary_text=f"Lead {n} & more")


def channel(path="feeds/all.rss.xml", full_text=False):
    return feeds.FeedChannel(key="all", title="Digest", description="All of it", language="en",
                             link=f"{PUBLIC}/", self_url=f"{PUBLIC}/{path}", author="Digest",
                             full_text=full_text,
                             links=ChannelLinks(source_about=f"{PUBLIC}/feeds/#json-feed-source"))


GOV = ("government-policy", "Government & Policy")
SCI = ("science", "Science")


def test_rss_item_carries_topics_source_and_byline():
    items = [record(1, topics=(GOV, SCI), people=("Jane Doe", "John Roe"),
                    feed="https://paper.example/feed.xml")]
    root = validate_rss(feeds.rss_xml(channel(), items), f"{PUBLIC}/feeds/all.rss.xml")
    [item] = root.iter("item")
    assert item.findtext("title") == "Story <1> & co"
    guid = item.find("guid")
    assert (guid.text, guid.get("isPermaLink")) == ("urn:news-digest:story:0000000000000001",
                                                     "false")
    assert [(c.text, c.get("domain")) for c in item.findall("category")] == [
        ("Government & Policy", f"{PUBLIC}/topics/government-policy/"),
        ("Science", f"{PUBLIC}/topics/science/")]
    [source] = item.findall("source")  # RSS 2.0: the url of the publisher's feed
    assert (source.text, source.get("url")) == ("The Paper", "https://paper.example/feed.xml")
    # One dc:creator naming everyone: readers that meet several show only the last.
    assert [c.text for c in item.findall(f"{DC}creator")] == ["Jane Doe and John Roe"]
    assert item.find("author") is None
    assert rss_date(item.findtext("pubDate")) == items[0].published


def test_atom_entry_carries_via_link_source_authors_and_categories():
    items = [record(1, topics=(GOV,), people=("Jane Doe", "John Roe"))]
    url = f"{PUBLIC}/feeds/all.atom.xml"
    root = validate_atom(feeds.atom_xml(channel("feeds/all.atom.xml"), items), url)
    [entry] = root.iter(f"{ATOM}entry")
    links = {(link.get("rel"), link.get("href")) for link in entry.findall(f"{ATOM}link")}
    assert links == {("alternate", f"{PUBLIC}/stories/s1.html"),
                     ("via", "https://paper.example/1?a=1&b=2")}
    [source] = entry.findall(f"{ATOM}source")
    assert source.findtext(f"{ATOM}title") == "The Paper"
    assert source.find(f"{ATOM}link").get("href") == "https://paper.example/"
    assert [a.text for a in entry.iterfind(f"{ATOM}author/{ATOM}name")] == [
        "Jane Doe and John Roe"]  # one author naming everyone: readers show only one
    [category] = entry.findall(f"{ATOM}category")
    assert (category.get("term"), category.get("scheme")) == (
        "Government & Policy", f"{PUBLIC}/topics/government-policy/")
    assert atom_date(entry.findtext(f"{ATOM}published")) == items[0].published
    parsed = feedparser.parse(feeds.atom_xml(channel("feeds/all.atom.xml"), items))
    assert not parsed.bozo
    assert parsed.entries[0].tags[0].scheme == f"{PUBLIC}/topics/government-policy/"


def test_json_feed_item_has_external_url_authors_tags_and_source():
    items = [record(1, topics=(GOV, SCI), people=("Jane Doe",)), record(2, people=())]
    feed = validate_json_feed(feeds.json_bytes(feeds.json_feed(channel("feeds/all.json"), items)),
                              f"{PUBLIC}/feeds/all.json")
    first, second = feed["items"]
    assert first["external_url"] == "https://paper.example/1?a=1&b=2"
    assert first["authors"] == [{"name": "Jane Doe"}]
    assert first["tags"] == ["Government & Policy", "Science"]
    assert first["_source"] == {"about": f"{PUBLIC}/feeds/#json-feed-source",
                                "name": "The Paper", "home_page_url": "https://paper.example/",
                                "url": "https://paper.example/1?a=1&b=2"}
    assert first["summary"] == "Lead 1 & more"
    # No byline: the publisher, not the feed's author (the digest), wrote it.
    assert second["authors"] == [{"name": "The Paper", "url": "https://paper.example/"}]
    assert second["tags"] == []
    assert datetime.fromisoformat(first["date_published"]) == items[0].published


def test_full_text_switches_the_body_in_every_format():
    items = [record(1)]
    for full in (False, True):
        ch = channel(full_text=full)
        rss = lxml.etree.fromstring(feeds.rss_xml(ch, items))
        atom = lxml.etree.fromstring(feeds.atom_xml(ch, items))
        js = feeds.json_feed(ch, items)
        bodies = [rss.findtext(f".//{CONTENT}encoded") or rss.findtext(".//item/description"),
                  atom.findtext(f".//{ATOM}content") or atom.findtext(f".//{ATOM}summary"),
                  js["items"][0]["content_html"]]
        for body in bodies:  # paragraphs only: the lead was bare text before the credit
            assert feed_paragraphs(body) == ["Lead 1 & more", *(["Second 1."] if full else []),
                                             "Originally published by The Paper."]


def test_newest_first_caps_and_breaks_ties_by_identity():
    items = [record(n, day=1 if n in (3, 4) else n) for n in range(1, 6)]
    chosen = feeds.newest_first(items, 3)
    assert [i.identity[-1] for i in chosen] == ["5", "2", "4"]
    assert feeds.updated(chosen) == items[4].published
    assert feeds.updated([]) == feeds.EMPTY_FEED_DATE


def _site():
    return SiteInfo(name="Digest", description="All", language="en", author="Digest",
                    base_url=PUBLIC)


def test_plan_groups_stories_per_topic_and_source(tmp_path):
    items = [record(1, topics=(GOV,)), record(2, topics=(GOV, SCI), source="Other Paper"),
             record(3)]
    digest = resolve({"DIGEST_FEED_MAX_ITEMS": 2})
    plan = plan_feeds(items, _site(), digest, UTC, f"{PUBLIC}/feeds/#json-feed-source")
    by_path = {f.path: f for f in plan.files}
    assert set(by_path) == {
        "feeds/all.rss.xml", "feeds/all.atom.xml", "feeds/all.json",
        *(f"feeds/{kind}/{slug}.{ext}" for kind, slug in (
            ("topics", "government-policy"), ("topics", "science"),
            ("sources", "the-paper"), ("sources", "other-paper"))
          for ext in ("rss.xml", "atom.xml", "json")),
        *(f"feeds/archive/2020-01-0{day}.{ext}" for day in (1, 2, 3)
          for ext in ("rss.xml", "atom.xml"))}

    def titles(path):
        return [i.identity[-1] for i in by_path[path].items]

    assert titles("feeds/all.json") == ["3", "2"]  # capped at 2, newest first
    assert titles("feeds/topics/government-policy.atom.xml") == ["2", "1"]
    assert titles("feeds/topics/science.rss.xml") == ["2"]
    assert titles("feeds/sources/the-paper.rss.xml") == ["3", "1"]
    gov = by_path["feeds/topics/government-policy.rss.xml"].channel
    assert (gov.title, gov.link) == ("Digest: Government & Policy",
                                     f"{PUBLIC}/topics/government-policy/")
    assert by_path["feeds/sources/other-paper.atom.xml"].channel.link == \
        f"{PUBLIC}/sources/other-paper/"
    # A source's feed is told from a topic's of the same name (Science, the journal).
    assert by_path["feeds/sources/other-paper.atom.xml"].channel.title == \
        "Digest: from Other Paper"
    assert [link.path for link in plan.topics["science"]] == [
        "feeds/topics/science.rss.xml", "feeds/topics/science.atom.xml",
        "feeds/topics/science.json"]
    assert [link.type for link in plan.site] == [
        "application/rss+xml", "application/atom+xml", "application/feed+json"]
    # Every planned feed renders into a valid document at its own address.
    for feed in plan.files:
        target = tmp_path / feed.path
        target.parent.mkdir(parents=True, exist_ok=True)
        render = {"rss": feeds.rss_xml, "atom": feeds.atom_xml,
                  "json": lambda c, i: feeds.json_bytes(feeds.json_feed(c, i))}[feed.format]
        target.write_bytes(render(feed.channel, feed.items))
        validate_file(target, f"{PUBLIC}/{feed.path}")


@pytest.mark.parametrize("settings, used", [
    ({"SITEURL": "https://a.example/sub/", "DIGEST_SITE_URL": "https://b.example"},
     "https://a.example/sub"),
    ({"SITEURL": "", "DIGEST_SITE_URL": "https://b.example/"}, "https://b.example"),
    ({"SITEURL": "/digest", "DIGEST_SITE_URL": "http://b.example"}, "http://b.example"),
])
def test_public_site_url_prefers_an_absolute_siteurl(settings, used):
    assert public_site_url(settings) == used


@pytest.mark.parametrize("settings", [{"SITEURL": ""}, {"SITEURL": "/digest"},
                                      {"SITEURL": "", "DIGEST_SITE_URL": None}])
def test_public_site_url_missing_is_a_config_error(settings):
    with pytest.raises(DigestConfigError) as err:
        public_site_url(settings)
    assert err.value.name == "DIGEST_SITE_URL"
    assert "absolute http(s) URL" in err.value.expected


@pytest.mark.parametrize("name, value", [
    ("DIGEST_SITE_URL", "digest.example.org"), ("DIGEST_SITE_URL", "/digest"),
    ("DIGEST_FEED_MAX_ITEMS", 0), ("DIGEST_FEED_MAX_ITEMS", True),
    ("DIGEST_FEED_FULL_TEXT", "yes"), ("DIGEST_FEED_TOPIC_RSS", "feeds/topics.xml"),
    ("DIGEST_FEED_ALL_RSS", "/feeds/all.xml"), ("DIGEST_FEED_SOURCE_ATOM", "../{slug}.xml"),
])
def test_bad_feed_settings_are_refused(name, value):
    with pytest.raises(DigestConfigError) as err:
        resolve({name: value})
    assert err.value.name == name and err.value.expected == SETTINGS[name].expected


# --- real builds ---------------------------------------------------------------------------

SEEDS = {
    "001_a.txt": seed_text(title="Oldest story", published="2020-01-01T08:00:00+02:00",
                           author="Jane Doe and John Roe", url="https://daily.example/old",
                           body=("Old lead.", "Old second paragraph.")),
    "002_b.txt": seed_text(title="Middle story", published="2020-01-02T09:30:00Z",
                           author=None, source="Other Paper", url="https://other.example/mid",
                           body=("Middle lead.", "Middle second paragraph.")),
    "003_c.txt": seed_text(title="Newest story", published="2020-01-03T10:00:00-05:00",
                           author="Ann Lee", url="https://daily.example/new",
                           body=("New lead.", "New second paragraph.")),
}
ALL_FEEDS = {"feeds/all.rss.xml", "feeds/all.atom.xml", "feeds/all.json",
             *(f"feeds/sources/{slug}.{ext}" for slug in ("the-daily-example", "other-paper")
               for ext in ("rss.xml", "atom.xml", "json")),
             *(f"feeds/archive/2020-01-0{day}.{ext}" for day in (1, 2, 3)
               for ext in ("rss.xml", "atom.xml"))}


def feed_files(site) -> dict[str, bytes]:
    return {str(p.relative_to(site.output)): p.read_bytes() for p in site.files("feeds/**/*")
            if is_feed(p)}


def built(tmp_path, name="site", **kwargs):
    site = build(tmp_path / name, SEEDS, **kwargs)
    assert site.code == 0, site.stderr
    assert site.warnings == []
    return site


def test_build_writes_every_feed_and_each_is_valid(tmp_path):
    site = built(tmp_path)
    files = feed_files(site)
    topics = {p.parent.name for p in site.files("topics/*/index.html")}
    assert topics  # every story has at least one topic (the fallback one)
    topic_feeds = {f"feeds/topics/{slug}.{ext}" for slug in topics
                   for ext in ("rss.xml", "atom.xml", "json")}
    assert set(files) == ALL_FEEDS | topic_feeds  # and nothing else: Pelican's are off
    assert {p.name for p in site.files("**/*.xml")
            if not str(p).startswith(str(site.output / "feeds"))} == {
        "sitemap.xml", "news-sitemap.xml"}
    for path in files:
        validate_file(site.output / path, f"{PUBLIC}/{path}")


def test_rss_items_point_to_our_pages_and_credit_the_original(tmp_path):
    site = built(tmp_path)
    root = lxml.etree.fromstring((site.output / "feeds/all.rss.xml").read_bytes())
    items = root.findall("channel/item")
    assert [i.findtext("title") for i in items] == ["Newest story", "Middle story",
                                                    "Oldest story"]
    for item in items:
        link = item.findtext("link")
        assert link.startswith(f"{PUBLIC}/stories/")
        assert (site.output / link.removeprefix(f"{PUBLIC}/")).is_file()
    newest, middle, oldest = items
    assert rss_date(oldest.findtext("pubDate")) == datetime(2020, 1, 1, 6, 0, tzinfo=UTC)
    assert rss_date(root.findtext("channel/lastBuildDate")) == datetime(2020, 1, 3, 15, 0,
                                                                        tzinfo=UTC)
    assert [c.text for c in oldest.findall(f"{DC}creator")] == ["Jane Doe and John Roe"]
    # No byline: the publisher is credited, never the digest's own name.
    assert [c.text for c in middle.findall(f"{DC}creator")] == ["Other Paper"]
    assert middle.find("source") is None  # no Feed: header: no <source> pointing elsewhere
    # The lead in its own paragraph, then the credit: no bare text beside a paragraph.
    assert feed_paragraphs(middle.findtext("description")) == [
        "Middle lead.", "Originally published by Other Paper."]
    assert root.findtext("channel/language") == "en"


def test_atom_and_json_feeds_of_a_build(tmp_path):
    site = built(tmp_path)
    atom = lxml.etree.fromstring((site.output / "feeds/all.atom.xml").read_bytes())
    entries = atom.findall(f"{ATOM}entry")
    oldest = entries[-1]
    assert oldest.findtext(f"{ATOM}title") == "Oldest story"
    via = [link.get("href") for link in oldest.findall(f"{ATOM}link") if link.get("rel") == "via"]
    assert via == ["https://daily.example/old"]
    assert oldest.findtext(f"{ATOM}source/{ATOM}title") == "The Daily Example"
    assert oldest.find(f"{ATOM}source/{ATOM}link").get("href") == "https://daily.example/"
    assert [n.text for n in oldest.iterfind(f"{ATOM}author/{ATOM}name")] == [
        "Jane Doe and John Roe"]
    feed = json.loads((site.output / "feeds/all.json").read_bytes())
    assert [i["title"] for i in feed["items"]] == ["Newest story", "Middle story",
                                                   "Oldest story"]
    assert feed["items"][0]["external_url"] == "https://daily.example/new"
    assert feed["items"][0]["authors"] == [{"name": "Ann Lee"}]
    assert feed["items"][1]["_source"]["name"] == "Other Paper"
    assert feed["home_page_url"] == f"{PUBLIC}/"
    source_feed = feedparser.parse((site.output / "feeds/sources/other-paper.atom.xml")
                                   .read_bytes())
    assert [e.title for e in source_feed.entries] == ["Middle story"]


def test_feeds_are_byte_identical_and_ids_survive_a_site_move(tmp_path):
    first = feed_files(built(tmp_path, "one"))
    second = feed_files(built(tmp_path, "two"))
    assert first == second
    moved = built(tmp_path, "moved", settings={"SITEURL": "https://elsewhere.example/digest",
                                               "RELATIVE_URLS": False})
    moved_rss = lxml.etree.fromstring((moved.output / "feeds/all.rss.xml").read_bytes())
    rss = lxml.etree.fromstring(first["feeds/all.rss.xml"])
    assert [g.text for g in moved_rss.iter("guid")] == [g.text for g in rss.iter("guid")]
    assert all(link.text.startswith("https://elsewhere.example/digest/stories/")
               for link in moved_rss.iterfind("channel/item/link"))
    moved_json = json.loads((moved.output / "feeds/all.json").read_bytes())
    assert [i["id"] for i in moved_json["items"]] == [
        i["id"] for i in json.loads(first["feeds/all.json"])["items"]]
    for path in ALL_FEEDS:
        validate_file(moved.output / path, f"https://elsewhere.example/digest/{path}")


def test_max_items_and_full_text_settings(tmp_path):
    site = built(tmp_path, settings={"DIGEST_FEED_MAX_ITEMS": 2, "DIGEST_FEED_FULL_TEXT": True})
    parsed = feedparser.parse((site.output / "feeds/all.rss.xml").read_bytes())
    assert [e.title for e in parsed.entries] == ["Newest story", "Middle story"]
    atom = feedparser.parse((site.output / "feeds/all.atom.xml").read_bytes())
    feed = json.loads((site.output / "feeds/all.json").read_bytes())
    assert len(feed["items"]) == 2
    for body in (parsed.entries[0].content[0].value, atom.entries[0].content[0].value,
                 feed["items"][0]["content_html"]):
        assert "New second paragraph." in feed_paragraphs(body)


@pytest.mark.parametrize("value", [None, "/news", "news-digest.example.org"])
def test_relative_or_missing_public_url_stops_the_build(tmp_path, value):
    site = build(tmp_path, SEEDS, settings={"DIGEST_SITE_URL": value})
    assert site.code == 1
    assert "DIGEST_SITE_URL" in site.stderr and "absolute http(s) URL" in site.stderr
    assert "Traceback" not in site.stderr
    assert not site.output.exists()


def test_publish_settings_use_the_public_url(tmp_path):
    site = build(tmp_path, SEEDS, conf=ROOT / "publishconf.py")
    assert site.code == 0, site.stderr
    for path in ALL_FEEDS:
        validate_file(site.output / path, f"{PUBLIC}/{path}")
    head = site.page("index.html").xpath("//head/link[@rel='alternate']/@href")
    assert head == [f"{PUBLIC}/feeds/all.rss.xml", f"{PUBLIC}/feeds/all.atom.xml",
                    f"{PUBLIC}/feeds/all.json"]


def _resolve(page, href: str) -> str:
    """A link's target relative to the site (the 404 page's links start at its root)."""
    if href.startswith("/"):
        return posixpath.normpath(href.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(str(page)), href))


def test_every_page_links_the_feeds_in_head_and_body(tmp_path):
    site = built(tmp_path)
    pages = [p.relative_to(site.output) for p in site.files("**/*.html")]
    assert len(pages) >= 6
    for page in pages:
        tree = site.page(page)
        head = tree.xpath("//head/link[@rel='alternate']")
        found = {(link.get("type"), _resolve(page, link.get("href"))) for link in head}
        own = set()
        kind = str(page).split("/")[0]
        if kind in ("sources", "topics") and page.name == "index.html" and \
                page.parent.name != kind:  # a publisher's or topic's page: its own feeds
            own = {("application/rss+xml", f"feeds/{kind}/{page.parent.name}.rss.xml"),
                   ("application/atom+xml", f"feeds/{kind}/{page.parent.name}.atom.xml"),
                   ("application/feed+json", f"feeds/{kind}/{page.parent.name}.json")}
        assert found == own | {("application/rss+xml", "feeds/all.rss.xml"),
                               ("application/atom+xml", "feeds/all.atom.xml"),
                               ("application/feed+json", "feeds/all.json")}, page
        assert all(link.get("title") for link in head)
        visible = tree.xpath("//nav[@class='feeds']//a/@href")
        assert {_resolve(page, href) for href in visible} == {
            path for _, path in found} | {"feeds"}, page


def test_topic_page_template_announces_its_own_feeds():
    """tag.html rendered by the theme's Jinja environment (topics reach Pelican as tags
    once the topics work lands; seeds cannot carry tags, so no build makes a tag page yet)."""
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "theme" / "templates")),
                             **settings["JINJA_ENVIRONMENT"])
    env.add_extension(MemoExtension)  # the plugin adds the theme's {% memo %} tag
    tag = Tag("Government & Policy", settings)
    plan = plan_feeds([record(1, topics=((tag.slug, str(tag)),))], _site(), resolve(settings),
                      UTC)
    html = env.get_template("tag.html").render(
        {**settings, "tag": tag, "articles": [], "articles_page": None, "pages": [],
         "SITEURL": "../..", "digest_feeds": plan, "digest_site_feeds": plan.site,
         "digest_topic_feeds": plan.topics})
    tree = lxml.html.fromstring(html)
    head = [(link.get("type"), link.get("href"), link.get("title"))
            for link in tree.xpath("//head/link[@rel='alternate']")]
    assert head == [
        ("application/rss+xml", "../../feeds/topics/government-policy.rss.xml",
         "Digest: Government & Policy (RSS)"),
        ("application/atom+xml", "../../feeds/topics/government-policy.atom.xml",
         "Digest: Government & Policy (Atom)"),
        ("application/feed+json", "../../feeds/topics/government-policy.json",
         "Digest: Government & Policy (JSON Feed)"),
        ("application/rss+xml", "../../feeds/all.rss.xml", "Digest (RSS)"),
        ("application/atom+xml", "../../feeds/all.atom.xml", "Digest (Atom)"),
        ("application/feed+json", "../../feeds/all.json", "Digest (JSON Feed)")]
    assert tree.xpath("//p[@class='page-feeds']/a/@href") == [
        "../../feeds/topics/government-policy.rss.xml",
        "../../feeds/topics/government-policy.atom.xml",
        "../../feeds/topics/government-policy.json"]


@pytest.mark.parametrize("conf", ["pelicanconf.py", "publishconf.py"])
def test_pelican_writes_no_feeds_of_its_own(conf):
    settings = read_settings(str(ROOT / conf))
    pelican_feeds = [name for name in settings if re.fullmatch(
        r"((CATEGORY|AUTHOR|TAG|TRANSLATION)_)?FEED(_ALL)?_(ATOM|RSS)", name)]
    assert len(pelican_feeds) >= 12
    assert {name: settings[name] for name in pelican_feeds if settings[name]} == {}


def test_a_digest_without_stories_still_has_valid_feeds(tmp_path):
    site = build(tmp_path, {})
    assert site.code == 0, site.stderr
    assert set(feed_files(site)) == {"feeds/all.rss.xml", "feeds/all.atom.xml", "feeds/all.json"}
    for path in feed_files(site):
        validate_file(site.output / path, f"{PUBLIC}/{path}")
    assert json.loads((site.output / "feeds/all.json").read_bytes())["items"] == []


def test_a_source_page_announces_its_own_feeds(tmp_path):
    site = build(tmp_path, {"001_a.txt": seed_text(source="Gazette One",
                                                   url="https://one.example/a")})
    assert site.code == 0, site.stderr
    page = site.page("sources/gazette-one/index.html")
    hrefs = page.xpath("//head/link[@rel='alternate']/@href")
    assert "../../feeds/sources/gazette-one.rss.xml" in hrefs
    assert "../../feeds/sources/gazette-one.atom.xml" in hrefs
    assert (site.output / "feeds" / "sources" / "gazette-one.rss.xml").exists()
