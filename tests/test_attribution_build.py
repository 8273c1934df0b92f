"""Real builds: the credit block, JSON-LD, canonical links, source pages, duplicates."""

from __future__ import annotations

import json

import pytest

from sitebuild import SAMPLE_SEED, build, seed_text

SITEURL = "https://digest.example.org"
HOSTILE = 'He said "no" </script><script>alert(1)</script> <!-- & more'
TOI_URL = ("https://timesofindia.indiatimes.com/business/india-business/agree-with-indian-govt-"
           "on-need-to-safeguard-citizens-privacy-taken-strong-action-whatsapp/articleshow/"
           "71854158.cms")


def story_page(site, slug):
    return site.page(f"stories/{slug}.html")


def jsonld(page):
    [script] = page.xpath("//head/script[@type='application/ld+json']")
    return json.loads(script.text)


def rel_tokens(link):
    return set(link.get("rel", "").split())


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The sample seed plus three stories from one publisher, built once for these tests."""
    seeds = {
        "000_6658c6a34da15a44.txt": SAMPLE_SEED.read_bytes(),
        "001_a.txt": seed_text(title=HOSTILE, author="Jane Doe and news agencies",
                               published="2020-01-02T09:30:00+05:30",
                               url="https://news.example.com/hostile"),
        "002_b.txt": seed_text(title="Older story", author="Staff Reporter",
                               published="2019-12-30T00:00:00Z", url="https://news.example.com/old"),
        "003_c.txt": seed_text(title="Newest story", author="John Roe",
                               published="2020-02-01T00:00:00Z", url="https://news.example.com/new"),
    }
    return build(tmp_path_factory.mktemp("attribution"), seeds,
                 settings={"SITEURL": SITEURL, "RELATIVE_URLS": False})


def test_build_is_clean(site):
    assert site.code == 0, site.stderr
    assert site.warnings == []


def test_article_page_shows_publisher_date_and_agency(site):
    page = story_page(site, "agree-with-indian-government-on-need-to-safeguard-citizens-privacy"
                            "-taken-strong")
    [block] = page.xpath("//aside[@class='attribution']")
    [publisher] = block.xpath(".//a[@class='publisher']")
    assert publisher.text_content() == "The Times of India"
    assert publisher.get("href") == "https://timesofindia.indiatimes.com/"
    [time] = block.xpath(".//time")
    assert time.get("datetime") == "2019-11-01T12:05:50+00:00"
    assert time.text_content() == "1 November 2019, 12:05 UTC"
    assert [a.text_content() for a in block.xpath(".//*[@class='agency']")] == ["PTI"]
    assert block.xpath(".//*[@class='person']") == []
    line = " ".join(block.xpath("string(.//p[@class='credit-line'])").split())
    assert line == ("Originally published by The Times of India · 1 November 2019, 12:05 UTC · "
                    "By PTI (news agency)")


def test_read_the_original_link_is_prominent_and_safe(site):
    page = story_page(site, "agree-with-indian-government-on-need-to-safeguard-citizens-privacy"
                            "-taken-strong")
    [link] = page.xpath("//aside[@class='attribution']//p[@class='read-original']/a")
    assert link.text_content().startswith("Read the original")
    assert link.get("href") == TOI_URL
    assert {"noopener", "noreferrer"} <= rel_tokens(link)


def test_people_and_agencies_are_told_apart_on_the_page(site):
    [path] = [p for p in site.files("stories/*.html") if p.name.startswith("he-said")]
    page = site.page(path.relative_to(site.output))
    block = page.xpath("//aside[@class='attribution']")[0]
    assert [e.text_content() for e in block.xpath(".//*[@class='person']")] == ["Jane Doe"]
    assert [e.text_content() for e in block.xpath(".//*[@class='agency']")] == ["news agencies"]
    assert block.xpath("string(.//time/@datetime)") == "2020-01-02T09:30:00+05:30"


def test_a_full_text_page_says_noindex_and_names_no_canonical(site):
    """The test site republishes in full: never a canonical to another site."""
    page = story_page(site, "older-story")
    assert page.xpath("//head/link[@rel='canonical']") == []
    assert page.xpath("//head/meta[@name='robots']/@content") == ["noindex"]


def test_jsonld_carries_the_attribution_and_survives_a_hostile_headline(site):
    [path] = [p for p in site.files("stories/*.html") if p.name.startswith("he-said")]
    page = site.page(path.relative_to(site.output))
    assert page.xpath("//h1")[0].text_content() == HOSTILE
    assert not page.xpath("//body//script")  # nothing broke out of the head's script
    data = jsonld(page)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == HOSTILE
    assert data["datePublished"] == "2020-01-02T09:30:00+05:30"
    assert data["author"] == [{"@type": "Person", "name": "Jane Doe"},
                              {"@type": "Organization", "name": "news agencies"}]
    assert data["sourceOrganization"] == {"@type": "Organization", "name": "The Daily Example",
                                          "url": "https://news.example.com/"}
    assert data["publisher"]["name"] == "The News Digest"
    assert data["publisher"]["url"] == SITEURL + "/"
    assert data["isBasedOn"] == "https://news.example.com/hostile"
    assert data["url"] == f"{SITEURL}/stories/{path.name}"
    assert data["mainEntityOfPage"]["@id"] == data["url"]


def test_sources_list_every_publisher_with_its_count(site):
    page = site.page("sources/index.html")
    rows = {a.text_content(): (a.get("href"), a.getparent().xpath("string(.//*[@class='count'])"))
            for a in page.xpath("//ul[@class='sources']/li/a")}
    assert rows == {
        "The Daily Example": (f"{SITEURL}/sources/the-daily-example/", "3 stories"),
        "The Times of India": (f"{SITEURL}/sources/the-times-of-india/", "1 story"),
    }
    # The stylesheet puts "· " before a count, as on the topics page: no brackets around it.
    assert "(" not in page.xpath("string(//ul[@class='sources'])")
    nav = page.xpath("//nav//a[text()='Sources']/@href")
    assert nav == [f"{SITEURL}/sources/"]


def test_a_source_page_lists_its_stories_newest_first(site):
    page = site.page("sources/the-daily-example/index.html")
    assert page.xpath("string(//h1)") == "The Daily Example"
    titles = [a.text_content() for a in page.xpath("//article[@class='story']/h2/a")]
    assert titles == ["Newest story", HOSTILE, "Older story"]
    credits = page.xpath("//article[@class='story']//p[@class='credit']")
    assert [c.xpath("string(.//time/@datetime)") for c in credits] == [
        "2020-02-01T00:00:00+00:00", "2020-01-02T09:30:00+05:30", "2019-12-30T00:00:00+00:00"]
    [original] = credits[0].xpath(".//a[@class='original']")
    assert original.get("href") == "https://news.example.com/new"
    assert {"noopener", "noreferrer"} <= rel_tokens(original)


def test_list_credits_name_where_the_original_link_goes(site):
    """A screen reader's list of links read "original" once per story on every list
    page; each link is now named "original at <publisher>". Sighted readers still see
    "original" after the publisher's name (the rest is visually hidden, by the
    stylesheet's one rule for it)."""
    lists = [p for p in site.files("**/*.html") if not p.parent.name == "stories"]
    seen = 0
    for path in lists:
        page = site.page(str(path.relative_to(site.output)))
        for credit in page.xpath("//p[@class='credit'][a[@class='original']]"):
            [original] = credit.xpath("a[@class='original']")
            publisher = credit.xpath("string(*[@class='publisher'])")
            assert original.text_content() == f"original at {publisher}", path
            [hidden] = original.xpath("span[@class='visually-hidden']")
            assert (original.text, hidden.text) == ("original", f" at {publisher}")
            seen += 1
        names = [" ".join(a.text_content().split()) for a in page.xpath("//a")]
        assert "original" not in names, path
    assert seen >= 10  # the front page, editions, topics, sources, archives
    css = (site.output / "theme/css/style.css").read_text(encoding="utf-8")
    assert ".visually-hidden { position: absolute;" in css


def test_self_canonical_uses_the_page_address(tmp_path):
    site = build(tmp_path, {"001_a.txt": seed_text(title="Self story")},
                 settings={"DIGEST_DEFAULT_POLICY": "excerpt", "SITEURL": SITEURL,
                           "RELATIVE_URLS": False})
    assert site.code == 0, site.stderr
    page = story_page(site, "self-story")
    assert page.xpath("//head/link[@rel='canonical']/@href") == [
        f"{SITEURL}/stories/self-story.html"]


def test_publisher_slugs_collide_neither_with_each_other_nor_with_authors(tmp_path):
    seeds = {
        # "Jane Doe" is an author and, here, also a publisher sharing the authors' folder
        # (her byline on her own publication would credit nobody: the publisher alone).
        "001_a.txt": seed_text(title="One", source="Jane Doe", author=None,
                               url="https://a.example/1", published="2020-01-01T00:00:00Z"),
        "002_b.txt": seed_text(title="Two", source="AT&T News", author="Jane Doe",
                               url="https://b.example/2", published="2020-01-02T00:00:00Z"),
        "003_c.txt": seed_text(title="Three", source="AT T News", author=None,
                               url="https://c.example/3", published="2020-01-03T00:00:00Z"),
    }
    site = build(tmp_path, seeds, settings={
        "DIGEST_DEFAULT_POLICY": "link",  # canonical to itself at the public DIGEST_SITE_URL
        "DIGEST_SOURCE_URL": "authors/{slug}/",
        "DIGEST_SOURCE_SAVE_AS": "authors/{slug}/index.html",
        "AUTHOR_SAVE_AS": "authors/{slug}/index.html"})  # author pages on, to collide with
    assert site.code == 0, site.stderr
    assert site.warnings == []
    assert site.page("stories/one.html").xpath("//link[@rel='canonical']/@href") == [
        "https://news-digest.example.org/stories/one.html"]
    assert site.page("authors/jane-doe/index.html").xpath("string(//h1)") == "Jane Doe"
    index = site.page("sources/index.html")
    hrefs = {a.text_content(): a.get("href") for a in index.xpath("//ul[@class='sources']/li/a")}
    assert hrefs["AT&T News"].endswith("/authors/at-t-news/")  # older keeps the plain slug
    assert hrefs["AT T News"] != hrefs["AT&T News"]
    assert "/authors/jane-doe/" not in hrefs["Jane Doe"]
    for name, href in hrefs.items():
        folder = href.split("/authors/", 1)[1]
        page = site.page(f"authors/{folder}index.html")
        assert page.xpath("string(//h1)") == name
        assert len(page.xpath("//article[@class='story']")) == 1


def test_two_seeds_with_one_original_become_one_story_with_a_warning(tmp_path):
    seeds = {
        "002_b.txt": seed_text(title="Copy", url="HTTP://News.Example.com:80/a-story/?utm_source=x"),
        "001_a.txt": seed_text(title="First", url="https://news.example.com/a-story#top"),
        "003_c.txt": seed_text(title="First", source="Other Paper",
                               url="https://other.example/first"),
    }
    site = build(tmp_path, seeds)
    assert site.code == 0, site.stderr
    titles = sorted(site.page(p.relative_to(site.output)).xpath("string(//h1)")
                    for p in site.files("stories/*.html"))
    assert titles == ["First", "First"]  # the copy is gone; same headline elsewhere stays
    [warning] = site.warnings
    assert "001_a.txt" in warning and "002_b.txt" in warning
    page = site.page("sources/index.html")
    counts = {a.text_content(): a.getparent().xpath("string(.//*[@class='count'])")
              for a in page.xpath("//ul[@class='sources']/li/a")}
    assert counts == {"Other Paper": "1 story", "The Daily Example": "1 story"}


def test_a_long_source_page_is_paginated_newest_first(tmp_path):
    seeds = {f"00{n}_{n}.txt": seed_text(title=f"Story {n}", url=f"https://news.example.com/{n}",
                                         published=f"2020-01-0{n}T00:00:00Z")
             for n in range(1, 6)}
    site = build(tmp_path, seeds, settings={"DEFAULT_PAGINATION": 2})
    assert site.code == 0, site.stderr
    # Stable pages (docs/rebuilding.md): the front page holds 2 to 3 stories, the
    # newest first; older pages are numbered from the oldest and never change.
    folder = "sources/the-daily-example/"
    pages = [folder + "index.html", folder + "page/1/index.html"]
    titles = [[a.text_content() for a in site.page(p).xpath("//article[@class='story']/h2/a")]
              for p in pages]
    assert titles == [["Story 5", "Story 4", "Story 3"], ["Story 2", "Story 1"]]
    assert not (site.output / folder / "page/2/index.html").exists()
    assert site.page("sources/index.html").xpath("string(//*[@class='count'])") == "5 stories"


def test_a_publisher_s_home_is_the_sources_file_s_on_every_page(tmp_path):
    # The source page showed "https://amp.theguardian.com/": its newest story's host,
    # not the home the curator wrote in sources.toml (the story pages linked others).
    sources = ('[[source]]\nname = "The Guardian"\nhome = "https://www.theguardian.com/"\n'
               'feeds = ["https://www.theguardian.com/world/rss"]\naliases = ["Guardian"]\n')
    seeds = {
        "001_a.txt": seed_text(title="Amp story", source="The Guardian",
                               published="2021-06-04T12:00:00Z",
                               url="https://amp.theguardian.com/sport/2021/jun/04/amp-story"),
        "002_b.txt": seed_text(title="Unlisted story", source="Other Paper",
                               url="https://m.otherpaper.example/a/unlisted"),
    }
    site = build(tmp_path, seeds, sources=sources, settings={"DIGEST_DEFAULT_POLICY": "link"})
    assert site.code == 0, site.stderr
    source_page = site.page("sources/the-guardian/index.html")
    [home] = source_page.xpath("//a[@class='publisher-home']")
    assert home.get("href") == home.text_content() == "https://www.theguardian.com/"
    # and no full stop after it, which read as part of the address
    assert source_page.xpath("string(//p[@class='lede'])").endswith("theguardian.com/")
    [credit] = site.page("stories/amp-story.html").xpath("//aside//a[@class='publisher']")
    assert credit.get("href") == "https://www.theguardian.com/"
    assert jsonld(site.page("stories/amp-story.html"))["sourceOrganization"]["url"] == (
        "https://www.theguardian.com/")
    # A publisher the sources file does not name: its story's own site, as before.
    [other] = site.page("sources/other-paper/index.html").xpath("//a[@class='publisher-home']")
    assert other.get("href") == "https://m.otherpaper.example/"



def test_editors_and_initials_are_not_credited_as_people(tmp_path):
    """The credit read "By Toby Sterling and editing by Jan Harvey" (a wire credit of
    the same-event set) and "By Hines and P. J." (Science's citation order); a byline
    that is only the publisher read "The Daily Example · ... · By The Daily Example"."""
    seeds = {"001_a.txt": seed_text(title="Wire story", author="Toby Sterling; editing by "
                                    "Jan Harvey", url="https://news.example.com/wire"),
             "002_b.txt": seed_text(title="Journal brief", author="Hines, P. J.",
                                    url="https://news.example.com/brief"),
             "003_c.txt": seed_text(title="Station story", author="The Daily Example",
                                    url="https://news.example.com/station")}
    built = build(tmp_path, seeds)
    assert built.code == 0, built.stderr
    for slug, person in [("wire-story", "Toby Sterling"), ("journal-brief", "P. J. Hines")]:
        page = story_page(built, slug)
        credit = " ".join(page.xpath("string(//p[@class='credit-line'])").split())
        assert credit.endswith(f"· By {person}")
        assert [a["name"] for a in jsonld(page)["author"]] == [person]
    page = story_page(built, "station-story")
    credit = " ".join(page.xpath("string(//p[@class='credit-line'])").split())
    assert "By " not in credit and "The Daily Example" in credit
    assert "author" not in jsonld(page)  # not a Person named after the publisher
    # Its feed entry credits the publisher, not the digest (Pelican's default AUTHOR).
    feed = json.loads((built.output / "feeds" / "all.json").read_bytes())
    authors = {item["title"]: item["authors"] for item in feed["items"]}
    assert [a["name"] for a in authors["Station story"]] == ["The Daily Example"]
