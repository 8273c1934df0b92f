"""Stories passed on by an aggregator (Google News) are credited to their publisher.

Google News gives "Headline - Publisher" and a news.google.com link, in its RSS feeds and
as a news-API source; the seed credits the publisher, keeps the headline without it, and
links the story's own address when the link carries it (docs/importing.md)."""

from __future__ import annotations

import base64
import json

import pytest

from news_digest.curator.aggregator import original_address, publisher_from_title
from news_digest.curator.cli import main
from news_digest.seeds.format import read_seed


@pytest.fixture(autouse=True)
def outside_the_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def google_link(address: str) -> str:
    """An older Google News link: its id holds the address (field 4 of a protobuf)."""
    raw = address.encode()
    size = bytes([len(raw)]) if len(raw) < 128 else bytes([len(raw) & 0x7F | 0x80, len(raw) >> 7])
    token = base64.urlsafe_b64encode(b"\x08\x13\x22" + size + raw + b"\xd2\x01\x00")
    return f"https://news.google.com/rss/articles/{token.decode().rstrip('=')}?oc=5"


def imported(tmp_path, name: str, data: str) -> list:
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    assert main(["import", str(path), "--into", str(folder)]) == 0
    return [read_seed(seed) for seed in sorted(folder.iterdir())]


def test_a_news_api_record_from_google_news_credits_its_publisher(tmp_path):
    espn = "https://www.espn.com/nba/story/_/id/1/winners-and-losers"
    long_address = "https://example.com/" + "a" * 150  # a length of two bytes
    records = [
        {"source": {"id": "google-news", "name": "Google News"}, "author": None,
         "title": "Winners and losers: Lakers vs. Suns - ESPN", "url": google_link(espn),
         "description": "The Lakers won in Phoenix.", "publishedAt": "2021-06-04T03:10:05Z"},
        {"source": {"id": "google-news", "name": "Google News"}, "author": None,
         "title": "Council approves the budget - Metro Wire", "url": google_link(long_address),
         "description": "The vote was 7 to 2.", "publishedAt": "2021-06-04T04:00:00Z"},
        {"source": {"id": "google-news", "name": "Google News"}, "author": None,
         "title": "Storm closes schools - Valley Times",
         "url": "https://news.google.com/rss/articles/CBMiAU_yqLopaque?oc=5",
         "description": "Schools are shut.", "publishedAt": "2021-06-04T05:00:00Z"},
        {"source": {"id": None, "name": "Fox News"}, "author": None,
         "title": "Senate passes bill - in a late vote - Fox News",
         "url": "https://www.foxnews.com/politics/senate-bill",
         "description": "The bill passed.", "publishedAt": "2021-06-04T06:00:00Z"},
    ]
    seeds = {seed.title: seed for seed in imported(
        tmp_path, "export.json", json.dumps({"articles": records}))}
    assert set(seeds) == {"Winners and losers: Lakers vs. Suns", "Council approves the budget",
                          "Storm closes schools", "Senate passes bill - in a late vote"}
    assert seeds["Winners and losers: Lakers vs. Suns"].source_name == "ESPN"
    assert seeds["Winners and losers: Lakers vs. Suns"].source_url == espn
    assert seeds["Council approves the budget"].source_url == long_address
    opaque = seeds["Storm closes schools"]  # a newer link does not hold the address
    assert opaque.source_name == "Valley Times"
    assert opaque.source_url.startswith("https://news.google.com/")
    assert seeds["Senate passes bill - in a late vote"].source_name == "Fox News"


def test_a_google_news_rss_item_credits_its_source(tmp_path):
    reuters = "https://www.reuters.com/world/talks-resume-2021-06-04/"
    feed = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Top stories - Google News</title>
<link>https://news.google.com/?hl=en-US</link><description>Google News</description>
<item><title>Talks resume in Geneva - Reuters</title><link>{google_link(reuters)}</link>
<pubDate>Fri, 04 Jun 2021 07:00:00 GMT</pubDate><description>Talks resumed.</description>
<source url="https://www.reuters.com">Reuters</source></item>
<item><title>Port reopens - harbour news - The Harbour Gazette</title>
<link>{google_link("https://gazette.example/port")}</link>
<pubDate>Fri, 04 Jun 2021 08:00:00 GMT</pubDate><description>Ships are back.</description>
</item></channel></rss>"""
    seeds = {seed.title: seed for seed in imported(tmp_path, "google.rss", feed)}
    assert seeds["Talks resume in Geneva"].source_name == "Reuters"
    assert seeds["Talks resume in Geneva"].source_url == reuters
    assert seeds["Port reopens - harbour news"].source_name == "The Harbour Gazette"


def test_titles_and_links_that_name_no_publisher_stay_as_they_are():
    assert publisher_from_title("Q&A with the mayor") == ("Q&A with the mayor", "")
    assert publisher_from_title("Headline - " + "x" * 80)[1] == ""  # too long for a name
    assert original_address("https://example.com/articles/CBMi") == "https://example.com/articles/CBMi"
    assert original_address("https://news.google.com/rss/articles/!!!") == \
        "https://news.google.com/rss/articles/!!!"


def test_a_platform_domain_does_not_take_the_name_of_a_publisher_it_hosts(tmp_path):
    """ESPN's video on youtube.com, passed on by Google News, leaves "Youtube.com" as it is
    (a bare domain takes only a real name that names its host: "Npr.org" is NPR)."""
    records = [
        {"source": {"id": "google-news", "name": "Google News"}, "author": None,
         "title": "Winners and losers - ESPN",
         "url": google_link("https://www.youtube.com/watch?v=espn1"),
         "description": "Highlights.", "publishedAt": "2021-06-04T03:10:05Z"},
        {"source": {"id": None, "name": "Youtube.com"}, "author": None,
         "title": "A dressing room after a comeback",
         "url": "https://www.youtube.com/watch?v=club2",
         "description": "The players sing.", "publishedAt": "2021-06-04T04:00:00Z"},
        {"source": {"id": None, "name": "NPR"}, "author": None, "title": "Budget passes",
         "url": "https://www.npr.org/a", "description": "It passed.",
         "publishedAt": "2021-06-04T05:00:00Z"},
        {"source": {"id": None, "name": "Npr.org"}, "author": None, "title": "Storm nears",
         "url": "https://www.npr.org/b", "description": "It nears.",
         "publishedAt": "2021-06-04T06:00:00Z"},
    ]
    names = {seed.title: seed.source_name for seed in imported(
        tmp_path, "export.json", json.dumps({"articles": records}))}
    assert names == {"Winners and losers": "ESPN", "A dressing room after a comeback":
                     "Youtube.com", "Budget passes": "NPR", "Storm nears": "NPR"}
