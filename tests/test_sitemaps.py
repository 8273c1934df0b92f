"""sitemap.xml, news-sitemap.xml and robots.txt, validated against their schemas with lxml.

The schemas (tests/data/schemas/, README there) were written from the sitemaps.org
protocol and Google's news sitemap documentation.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import lxml.etree
import pytest
from theme_site import build_theme_site

from news_digest.output.sitemaps import (
    NewsEntry,
    SitemapEntry,
    news_language,
    news_sitemap,
    recent_editions,
    sitemap_files,
)

from sitebuild import ROOT, build

SCHEMAS = ROOT / "tests" / "data" / "schemas"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
PUBLIC = "https://news-digest.example.org"


@pytest.fixture(scope="module")
def schema():
    """Both schemas at once: the news elements inside a urlset are checked too."""
    wrapper = f"""<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
      <xsd:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9"
                  schemaLocation="{(SCHEMAS / 'sitemap.xsd').as_uri()}"/>
      <xsd:import namespace="http://www.google.com/schemas/sitemap-news/0.9"
                  schemaLocation="{(SCHEMAS / 'sitemap-news.xsd').as_uri()}"/>
    </xsd:schema>"""
    return lxml.etree.XMLSchema(lxml.etree.fromstring(wrapper.encode()))


def valid(schema, data: bytes) -> lxml.etree._Element:
    root = lxml.etree.fromstring(data)
    assert schema.validate(root), schema.error_log
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    built = build_theme_site(tmp_path_factory.mktemp("sitemaps"), DIGEST_SEARCH=False)
    assert built.code == 0, built.stderr
    return built


def _indexable_pages(site) -> set[str]:
    found = set()
    for path in site.files("**/*.html"):
        relative = str(path.relative_to(site.output))
        if site.page(relative).xpath("//head/meta[@name='robots'][contains(@content, "
                                     "'noindex')]"):
            continue
        found.add(relative.removesuffix("index.html"))
    return found


def test_the_sitemap_is_valid_and_lists_every_indexable_page(site, schema):
    root = valid(schema, (site.output / "sitemap.xml").read_bytes())
    listed = [u.findtext(f"{SM}loc") for u in root.iter(f"{SM}url")]
    assert listed == sorted(listed)
    assert {u.removeprefix(f"{PUBLIC}/") for u in listed} == _indexable_pages(site)
    assert f"{PUBLIC}/404.html" not in listed
    # Story pages that republish in full say noindex: they are left out, the others not.
    assert f"{PUBLIC}/stories/parliament-debates-new-surveillance-powers.html" not in listed
    assert f"{PUBLIC}/stories/hospital-waiting-lists-grow.html" in listed


def test_lastmod_comes_from_the_stories_a_page_shows(site, schema):
    root = valid(schema, (site.output / "sitemap.xml").read_bytes())
    lastmod = {u.findtext(f"{SM}loc").removeprefix(f"{PUBLIC}/"): u.findtext(f"{SM}lastmod")
               for u in root.iter(f"{SM}url")}
    assert lastmod["stories/hospital-waiting-lists-grow.html"] == "2019-10-31T08:00:00+00:00"
    assert lastmod["topics/sports/"] == "2019-10-30T18:00:00+00:00"  # its one story
    newest = "2019-11-02T04:30:00+00:00"  # 23:30 at UTC-05:00, the digest's newest story
    assert lastmod[""] == lastmod["topics/"] == lastmod["feeds/"] == newest
    assert lastmod["editions/2019-10-28/"] == "2019-10-28T15:00:00+00:00"
    assert lastmod["about/"] is None  # a hand-written page without a date


def test_the_news_sitemap_lists_the_editions_of_the_last_two_days(site, schema):
    root = valid(schema, (site.output / "news-sitemap.xml").read_bytes())
    urls = root.findall(f"{SM}url")
    # Relative to the newest story (2 Nov 04:30 UTC), not to the clock: 31 Oct on.
    assert [u.findtext(f"{SM}loc") for u in urls] == [
        f"{PUBLIC}/editions/2019-11-02/", f"{PUBLIC}/editions/2019-11-01/",
        f"{PUBLIC}/editions/2019-10-31/"]
    news = urls[1].find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "The News Digest"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert news.findtext(f"{NEWS}publication_date") == "2019-11-01T09:00:00+00:00"
    assert news.findtext(f"{NEWS}title") == "The News Digest: Friday 1 November 2019"


def test_robots_txt_names_both_sitemaps(site):
    robots = (site.output / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert robots[:2] == ["User-agent: *", "Allow: /"]
    assert [line for line in robots if line.startswith("Sitemap:")] == [
        f"Sitemap: {PUBLIC}/news-sitemap.xml", f"Sitemap: {PUBLIC}/sitemap.xml"]


def test_the_schemas_do_refuse_a_broken_sitemap(site, schema):
    data = (site.output / "sitemap.xml").read_bytes()
    bad = data.replace(b"<lastmod>2019-10-31T08:00:00+00:00", b"<lastmod>31 October 2019", 1)
    assert bad != data and not schema.validate(lxml.etree.fromstring(bad))
    news = (site.output / "news-sitemap.xml").read_bytes()
    untitled = news.replace(b"<news:title>", b"<news:headline>").replace(
        b"</news:title>", b"</news:headline>")
    assert not schema.validate(lxml.etree.fromstring(untitled))
    twice = data.replace(b"</urlset>", data[data.index(b"<url>"):data.index(b"</url>") + 6]
                         + b"</urlset>")
    assert not schema.validate(lxml.etree.fromstring(twice))  # an address listed twice


def test_a_big_site_gets_a_sitemap_index(schema):
    when = datetime(2020, 1, 1, tzinfo=UTC)
    entries = [SitemapEntry(f"stories/{n}.html", when + timedelta(hours=n)) for n in range(5)]
    files = sitemap_files(PUBLIC, entries, limit=2)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    index = valid(schema, files["sitemap.xml"])
    assert index.tag == f"{SM}sitemapindex"
    assert [s.findtext(f"{SM}loc") for s in index] == [
        f"{PUBLIC}/sitemap-{n}.xml" for n in (1, 2, 3)]
    assert index[2].findtext(f"{SM}lastmod") == "2020-01-01T04:00:00+00:00"
    listed = []
    for n in (1, 2, 3):
        part = valid(schema, files[f"sitemap-{n}.xml"])
        listed += [u.findtext(f"{SM}loc") for u in part]
    assert listed == [f"{PUBLIC}/stories/{n}.html" for n in range(5)]


def test_the_news_window_counts_back_from_the_newest_story():
    day = datetime(2020, 3, 10, 12, tzinfo=UTC)
    editions = [NewsEntry(f"editions/{n}/", f"Edition {n}", day - timedelta(days=n),
                          day - timedelta(days=n) + timedelta(hours=3)) for n in range(6)]
    assert [e.path for e in recent_editions(editions)] == [
        "editions/0/", "editions/1/", "editions/2/"]
    assert recent_editions([]) == []


@pytest.mark.parametrize("tag, code", [("en", "en"), ("en-GB", "en"), ("de_AT", "de"),
                                       ("zh-Hans", "zh-cn"), ("zh-TW", "zh-tw")])
def test_news_languages_are_iso_639(tag, code):
    assert news_language(tag) == code


def test_an_empty_digest_has_valid_sitemaps(tmp_path, schema):
    site = build(tmp_path, {})
    assert site.code == 0, site.stderr
    valid(schema, (site.output / "sitemap.xml").read_bytes())
    news = valid(schema, (site.output / "news-sitemap.xml").read_bytes())
    assert len(news) == 0
    assert news_sitemap(PUBLIC, [], "X", "en") == (site.output / "news-sitemap.xml").read_bytes()
