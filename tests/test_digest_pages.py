"""The digest's pages in real builds: editions, home pages, article extras."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from theme_site import STORIES, build_theme_site

from sitebuild import build, seed_text


def _slug(title):
    return title.lower().replace(" ", "-")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    # Only stories with curated topics: their topics are exactly the Topics header.
    built = build_theme_site(tmp_path_factory.mktemp("digest"), with_sample=False)
    assert built.code == 0, built.stderr
    assert built.warnings == []
    return built


def _editions(page):
    return [(s.xpath("string(.//h2//time/@datetime)"),
             [a.get("href").rsplit("/", 1)[-1] for a in s.xpath(".//*[@class='story-title']/a")])
            for s in page.xpath("//section[@class='edition']")]


def test_home_page_is_the_digest_in_editions_newest_first(site):
    home = site.page("index.html")
    editions = _editions(home)
    dates = [d for d, _ in editions]
    assert dates == sorted(dates, reverse=True) and len(dates) == len(set(dates))
    # UTC: the 23:30 (-05:00) story of 1 November is in the edition of 2 November.
    assert editions[0] == ("2019-11-02", ["late-night-vote-on-the-budget.html"])
    assert editions[1] == ("2019-11-01", [
        "parliament-debates-new-surveillance-powers.html",
        "court-hears-challenge-to-data-retention-law.html"])
    shown = sum(len(stories) for _, stories in editions)
    assert shown == len(STORIES)
    assert [h.text_content() for h in home.iter("h1")] == ["Latest news"]


def test_an_edition_opens_with_its_headlines_under_topic_headings(site):
    home = site.page("index.html")
    [edition] = home.xpath("//section[.//h2//time/@datetime='2019-11-01']")
    assert edition.xpath("string(.//p[@class='edition-meta'])") == "2 stories"
    [index] = edition.xpath(".//nav[@class='edition-index']")
    groups = [(g.xpath("string(h3)"), [a.text_content() for a in g.xpath(".//li/a")])
              for g in index.xpath("div[contains(@class, 'index-group')]")]
    # Each entry under its strongest topic; the newer first where sizes are equal.
    assert groups == [("Surveillance", ["Parliament debates new surveillance powers"]),
                      ("Privacy", ["Court hears challenge to data retention law"])]
    for link in index.xpath(".//li/a"):  # each to its entry below, on this page
        [entry] = edition.xpath(f".//article[@id='{link.get('href')[1:]}']")
        assert entry.xpath("string(.//*[@class='story-title'])") == link.text_content()
    credits = [c.text_content() for c in index.xpath(".//span[@class='credit']")]
    assert credits == ["Example Herald", "The Daily Example"]


def test_the_editions_archive_names_each_editions_top_topics(site):
    archive = site.page("editions/index.html")
    [meta] = archive.xpath("//li[a/time/@datetime='2019-11-01']/p[@class='edition-meta']")
    topics = [a.get("href").strip("./").split("/")[-1] for a in meta.iter("a")]
    assert topics == ["privacy", "government-policy", "law-courts"]
    assert meta.text_content().startswith("2 stories")


def test_an_edition_of_one_story_names_its_topics_once(tmp_path):
    built = build(tmp_path, {"001_a.txt": seed_text(
        title="Court hears challenge to data retention law",
        extra=[("Topics", "Privacy, Law & Courts")])})
    assert built.code == 0, built.stderr
    for page in ("index.html", "editions/2020-01-02/index.html"):
        tree = built.page(page)
        text = " ".join(tree.xpath("string(//main)").split())
        assert text.count("Privacy") == 1, (page, text)
        assert tree.xpath("//nav[@class='edition-index']") == []  # no index of one entry


def test_the_site_time_zone_decides_the_edition(tmp_path):
    site = build_theme_site(tmp_path, with_sample=False, TIMEZONE="America/Chicago")
    assert site.code == 0, site.stderr
    editions = _editions(site.page("index.html"))
    assert editions[0][0] == "2019-11-01"
    assert "late-night-vote-on-the-budget.html" in editions[0][1]
    assert (site.output / "editions" / "2019-11-01" / "index.html").exists()
    assert not (site.output / "editions" / "2019-11-02").exists()


def test_each_edition_has_a_page_and_the_archive_lists_them(site):
    archive = site.page("editions/index.html")
    links = [a.get("href") for a in archive.xpath("//main//ol[@class='index-list']/li/a")]
    assert links == [f"../editions/{d}/" for d, _ in _editions(site.page("index.html"))]
    page = site.page("editions/2019-10-30/index.html")
    assert page.xpath("string(//h1/time/@datetime)") == "2019-10-30"
    titles = [a.text_content() for a in page.xpath("//*[@class='story-title']/a")]
    assert titles == ["Local team wins the cup", "Messaging app fixes flaw used for spying"]
    older = page.xpath("string(//a[@rel='prev']/@href)")
    newer = page.xpath("string(//a[@rel='next']/@href)")
    assert (older, newer) == ("../../editions/2019-10-28/", "../../editions/2019-10-31/")


def test_home_pages_paginate_whole_editions_counted_from_the_oldest(tmp_path):
    site = build_theme_site(tmp_path, with_sample=False, DIGEST_EDITIONS_PER_PAGE=2)
    assert site.code == 0, site.stderr
    # Five editions, two a page: page 1 holds the oldest two, the home page the rest.
    home = _editions(site.page("index.html"))
    oldest = _editions(site.page("page/1/index.html"))
    assert [len(home), len(oldest)] == [3, 2]
    assert home[-1][0] > oldest[0][0]
    assert site.page("index.html").xpath("string(//a[@rel='next']/@href)") == "./page/1/"
    page = site.page("page/1/index.html")
    assert page.xpath("string(//a[@rel='prev']/@href)") == "../../"
    assert page.xpath("//a[@rel='next']") == []
    # Named by its editions' days, oldest first (its number, counted from the oldest
    # page, would say nothing to a reader); its tab reads like every other page's.
    days = [h.text_content() for h in page.xpath("//section[@class='edition']/header/h2")]
    assert page.xpath("string(//h1)") == f"Older news: {days[-1]} to {days[0]}"
    assert page.xpath("string(//title)") == f"Older news: {days[-1]} to {days[0]} · The News Digest"
    assert page.xpath("string(//nav[@class='pagination']/span)") == "Page 1"
    assert page.xpath("string(//meta[@name='description']/@content)").endswith(
        f" Older news: {days[-1]} to {days[0]}.")  # it said "Older editions, page 1."
    assert site.page("index.html").xpath("string(//title)") == "The News Digest"
    assert not (site.output / "page" / "2").exists()


def test_week_editions(tmp_path):
    site = build_theme_site(tmp_path, with_sample=False, DIGEST_EDITION="week")
    assert site.code == 0, site.stderr
    editions = _editions(site.page("index.html"))
    assert [d for d, _ in editions] == ["2019-W44"]
    assert len(editions[0][1]) == len(STORIES)
    page = site.page("editions/2019-w44/index.html")
    assert "Week 44, 2019" in page.xpath("string(//h1)")


def _article(site, title):
    return site.page(f"stories/{_slug(title)}.html")


def test_article_page_has_one_h1_reading_time_related_and_neighbours(site):
    page = _article(site, "Regulator fines social network over tracking")
    assert [h.text_content() for h in page.iter("h1")] == [
        "Regulator fines social network over tracking"]
    # The Daily Example's stories are linked, not republished: no reading time here.
    assert page.xpath("//p[@class='reading-time']") == []
    full = _article(site, "Messaging app fixes flaw used for spying")  # republished in full
    assert full.xpath("string(//header[@class='story-head']//p[@class='reading-time'])") == (
        "3 min read")  # 610 words / 230 a minute
    # Related stories are chosen by their text (tests/test_front_page.py) among the
    # earlier stories (a later story changes no older page), each credited with its
    # publisher and date in the site's one format.
    published = {t: datetime.fromisoformat(when) for t, when, *_ in STORIES}
    related = page.xpath("//section[@class='related']//li")
    assert related
    for item in related:
        title = item.xpath("string(a)")
        assert published[title] < published["Regulator fines social network over tracking"]
        credit = item.xpath("string(span[@class='credit'])")
        assert re.fullmatch(r"[^·]+ · \d{1,2} (October|November) 2019", credit), credit


def test_previous_and_next_follow_publication_order(site):
    chrono = [title for title, *_ in sorted(STORIES, key=lambda s: datetime.fromisoformat(s[1]))]
    for i, title in enumerate(chrono):
        page = _article(site, title)
        links = (page.xpath("string(//nav[@class='pager']//a[@rel='prev']/@href)"),
                 page.xpath("string(//nav[@class='pager']//a[@rel='next']/@href)"))
        expected = (f"../stories/{_slug(chrono[i - 1])}.html" if i > 0 else "",
                    f"../stories/{_slug(chrono[i + 1])}.html" if i + 1 < len(chrono) else "")
        assert links == expected, title


def test_a_story_without_topics_has_no_related_section(tmp_path):
    site = build(tmp_path, {"001_a.txt": seed_text()})
    assert site.code == 0, site.stderr
    page = site.page("stories/a-story.html")
    assert page.xpath("//section[@class='related']") == []
    assert page.xpath("string(//p[@class='reading-time'])") == "1 min read"


@pytest.mark.parametrize(("settings", "named"), [
    ({"DIGEST_EDITION": "month"}, "DIGEST_EDITION"),
    ({"DIGEST_EDITIONS_PER_PAGE": 0}, "DIGEST_EDITIONS_PER_PAGE"),
    ({"DIRECT_TEMPLATES": ["index", "tags"]}, "DIRECT_TEMPLATES"),
])
def test_bad_digest_settings_stop_the_build_with_a_message(tmp_path, settings, named):
    site = build(tmp_path, {"001_a.txt": seed_text()}, settings=settings)
    assert site.code == 1
    assert named in site.stderr and "Traceback" not in site.stderr
