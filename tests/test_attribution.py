"""Attribution, JSON-LD and publisher grouping as pure functions (no site built)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import lxml.html
import pytest
from hypothesis import given
from hypothesis import strategies as st

from news_digest.enrich.attribution import AGENCY, PERSON, attribute, attribution_of, is_agency
from news_digest.enrich.publishers import StoryRef, find_duplicates, group_by_publisher, story_key
from news_digest.output.jsonld import news_article, script_json
from news_digest.seeds.format import read_seed
from news_digest.seeds.urls import site_home
from news_digest.settings import DEFAULT_AGENCIES, DigestConfigError, resolve

from sitebuild import SAMPLE_SEED

WHEN = datetime(2019, 11, 1, 12, 5, 50, tzinfo=UTC)


def credit(byline, agencies=DEFAULT_AGENCIES, url="https://news.example/story"):
    return attribution_of("The Daily Example", url, WHEN, byline, agencies)


@pytest.mark.parametrize("name", [
    "PTI", "pti", "AP", "Associated Press", "The Associated Press", "Reuters", "AFP", "IANS",
    "ANI", "UNI", "DPA", "Bloomberg", "news agencies", "Staff Reporter",
    "Special Correspondent", "Express News Desk", "Web Desk", "HT  Correspondent",
])
def test_agencies_and_desks_are_recognised_in_any_case(name):
    assert is_agency(name, DEFAULT_AGENCIES)


@pytest.mark.parametrize("name", [
    "Jane Doe", "AP Singh", "Aptitude", "Reuters Jones", "Desk", "Bloombergson", "Deskin Roe",
])
def test_people_are_not_agencies_even_when_a_name_contains_one(name):
    assert not is_agency(name, DEFAULT_AGENCIES)


def test_byline_splits_into_people_and_agencies_in_order():
    a = credit("By Jane Doe, John Roe and Reuters")
    assert a.people == ("Jane Doe", "John Roe")
    assert a.agencies == ("Reuters",)
    assert [c.kind for c in a.credits] == [PERSON, PERSON, AGENCY]
    assert a.byline_text == "By Jane Doe and John Roe, with Reuters (news agency)"


@pytest.mark.parametrize(("publisher", "byline", "credited"), [
    # Real bylines of news-API exports and feeds (/work/shared/realworld-feeds/): the
    # credit line read "By Rob Picheta and CNN", "By Peter Weber and Senior editor",
    # "By Elizabeth Cohen, with CNN Senior Medical Correspondent" and "By Associated
    # Press in Palm Beach and Florida".
    ("CNN", "Rob Picheta, CNN", "By Rob Picheta"),
    ("CNN", "Jeremy Herb, Katelyn Polantz and Annie Grayer, CNN",
     "By Jeremy Herb, Katelyn Polantz and Annie Grayer"),
    ("CNN", "Hanna Ziady, CNN Business", "By Hanna Ziady"),
    ("CNN", "Elizabeth Cohen, CNN Senior Medical Correspondent", "By Elizabeth Cohen"),
    ("Yahoo Entertainment", "Peter Weber, Senior editor", "By Peter Weber"),
    ("The Guardian", "Associated Press in Palm Beach, Florida",
     "By Associated Press in Palm Beach, Florida"),
    ("The Guardian", "Tom McCarthy in New York, Jane Doe",
     "By Tom McCarthy in New York and Jane Doe"),
    ("Engadget", "https://www.engadget.com/about/editors/mariella-moon", ""),
    ("The Guardian", "Damian Carrington Environment editor", "By Damian Carrington"),
    ("The Guardian", "Jessica Elgot Chief political correspondent", "By Jessica Elgot"),
    ("The Guardian", "Guardian staff reporter", "By Guardian staff reporter"),
    # The publisher alone credits nobody it does not already ("FOX 9 · ... · By FOX 9");
    # a desk of it alone is still its byline.
    ("CNN", "CNN", ""),
    ("FOX 9", "By fox 9", ""),
    ("CNN", "CNN Business", "By CNN Business"),
    ("The Daily Example", "Staff Reporter", "By Staff Reporter"),
    # Wire credits (the same-event set's reports): editors are not bylined.
    ("Global Wire Service", "Toby Sterling; editing by Jan Harvey", "By Toby Sterling"),
    ("Global Wire Service", "Reporting by Ann Lee and Bo Chan; Editing by Dee Fox and Ed "
     "Gray; Additional reporting by Cy Park", "By Ann Lee, Bo Chan and Cy Park"),
    # A journal's citation order (Science's feeds: "Hines, P. J."): one person each.
    ("Science", "Hines, P. J.", "By P. J. Hines"),
    ("Science", "Kiberstis, P. A., Zahn, L. M.", "By P. A. Kiberstis and L. M. Zahn"),
])
def test_a_byline_credits_names_not_titles_regions_or_the_publisher(publisher, byline,
                                                                    credited):
    a = attribution_of(publisher, "https://news.example/story", WHEN, byline,
                       DEFAULT_AGENCIES)
    assert a.byline_text == credited


def test_and_news_agencies_is_an_agency_credit_without_a_label():
    a = credit("Jane Doe and news agencies")
    assert a.people == ("Jane Doe",)
    assert a.agencies == ("news agencies",)
    assert a.byline_text == "By Jane Doe, with news agencies"


def test_desks_say_what_they_are_and_get_no_agency_label():
    assert credit("Express Web Desk").byline_text == "By Express Web Desk"
    assert credit("PTI, AFP").byline_text == "By PTI and AFP (news agencies)"


def test_the_agency_list_is_configurable():
    a = credit("Jane Doe and PTI", agencies=["Jane Doe"])
    assert a.agencies == ("Jane Doe",) and a.people == ("PTI",)
    assert credit("Metro Team", agencies=["* team"]).agencies == ("Metro Team",)


def test_no_byline_credits_nobody():
    a = credit("")
    assert a.credits == () and a.byline_text == "" and a.byline_parts == ()


def test_the_sample_seed_gives_the_credit_line_of_the_issue():
    a = attribute(read_seed(SAMPLE_SEED), DEFAULT_AGENCIES)
    assert a.publisher == "The Times of India"
    assert a.publisher_home == "https://timesofindia.indiatimes.com/"
    assert a.credit_line() == ("Originally published by The Times of India · "
                               "1 November 2019, 12:05 UTC · By PTI (news agency)")


def test_times_keep_their_offset():
    when = datetime(2019, 11, 1, 17, 35, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    a = attribution_of("X", "https://x.example/a", when, "", DEFAULT_AGENCIES)
    assert a.published_iso == "2019-11-01T17:35:00+05:30"
    assert a.date_text == "1 November 2019, 17:35 UTC+05:30"


@pytest.mark.parametrize(("url", "home"), [
    ("HTTPS://News.Example:443/a/b?c=1#d", "https://news.example/"),
    ("http://user:pw@news.example:8080/x", "http://news.example:8080/"),
    ("http://news.example:80", "http://news.example/"),
])
def test_publisher_home_is_scheme_and_host(url, home):
    assert site_home(url) == home
    assert credit("", url=url).publisher_home == home


def test_only_web_urls_become_links():
    a = credit("", url="javascript:alert(1)")
    assert a.publisher_home == "" and a.original_link == ""


def test_agency_settings_are_checked():
    with pytest.raises(DigestConfigError, match="DIGEST_AGENCIES"):
        resolve({"DIGEST_AGENCIES": "PTI"})
    with pytest.raises(DigestConfigError, match="DIGEST_DEFAULT_POLICY"):
        resolve({"DIGEST_DEFAULT_POLICY": "everything"})
    assert resolve({"DIGEST_DEFAULT_POLICY": "excerpt"}).default_policy == "excerpt"


@pytest.mark.parametrize("value", ["original", "self"])
def test_the_replaced_canonical_setting_says_what_replaced_it(value):
    with pytest.raises(DigestConfigError) as refused:
        resolve({"DIGEST_CANONICAL": value})
    message = str(refused.value)
    assert "DIGEST_CANONICAL" in message and "DIGEST_DEFAULT_POLICY" in message
    assert "sources file" in message and "remove DIGEST_CANONICAL" in message


HOSTILE = [
    'He said "stop" </script><script>alert(1)</script>',
    "<!-- <script> half a comment",
    "Back\\slash & ampersand > gt ' quote \u2028 line separator",
    "]]> </SCRIPT > </script",
]


@pytest.mark.parametrize("headline", HOSTILE)
def test_jsonld_survives_any_headline_inside_a_script_element(headline):
    data = news_article(headline=headline, attribution=credit("Jane Doe and PTI"),
                        site_name="Digest </script>", site_url="https://digest.example/",
                        page_url="https://digest.example/stories/x.html",
                        keywords=["Government & Policy"])
    page = lxml.html.fromstring(
        '<html><head><script type="application/ld+json">' + script_json(data)
        + '</script></head><body><p id="after">after</p></body></html>')
    [script] = page.xpath("//script")
    assert json.loads(script.text) == data
    assert json.loads(script.text)["headline"] == headline
    assert page.xpath("string(//p[@id='after'])") == "after"  # the script did not break out


@given(st.text())
def test_script_json_of_any_text_reads_back_and_never_closes_the_script(text):
    out = script_json({"headline": text})
    assert json.loads(out) == {"headline": text}
    assert "<" not in out and ">" not in out and "&" not in out


def test_jsonld_fields():
    data = news_article(headline="H", attribution=credit("Jane Doe and PTI"), site_name="D",
                        site_url="https://digest.example/",
                        page_url="https://digest.example/stories/h.html", keywords=["Economy"])
    assert data["@type"] == "NewsArticle"
    assert data["datePublished"] == "2019-11-01T12:05:50+00:00"
    assert data["author"] == [{"@type": "Person", "name": "Jane Doe"},
                              {"@type": "Organization", "name": "PTI"}]
    assert data["sourceOrganization"] == {"@type": "Organization", "name": "The Daily Example",
                                          "url": "https://news.example/"}
    assert data["publisher"] == {"@type": "Organization", "name": "D",
                                 "url": "https://digest.example/"}
    assert data["isBasedOn"] == "https://news.example/story"
    assert data["url"] == data["mainEntityOfPage"]["@id"] == "https://digest.example/stories/h.html"
    assert data["keywords"] == ["Economy"]


def test_jsonld_leaves_out_relative_addresses():
    data = news_article(headline="H", attribution=credit(""), site_name="D", site_url="/",
                        page_url="stories/h.html")
    assert "url" not in data and "url" not in data["publisher"] and "author" not in data
    assert "keywords" not in data


def story(publisher, day, key, url=None):
    return StoryRef(publisher, url or f"https://{key}.example/s", WHEN + timedelta(days=day), key)


def test_publishers_are_grouped_with_stories_newest_first():
    publishers = group_by_publisher([
        story("Daily", 1, "a"), story("Weekly", 5, "b"), story("daily ", 3, "c"),
        story("Daily", 2, "d"),
    ])
    assert [(p.name, p.count) for p in publishers] == [("daily", 3), ("Weekly", 1)]
    assert [s.key for s in publishers[0].stories] == ["c", "d", "a"]


def test_publisher_slugs_never_collide_and_do_not_depend_on_input_order():
    stories = [story("AT&T News", 1, "a"), story("AT T News", 2, "b"), story("At-T news", 0, "c")]
    first = {p.name: p.slug for p in group_by_publisher(stories)}
    again = {p.name: p.slug for p in group_by_publisher(reversed(stories))}
    assert first == again
    assert len(set(first.values())) == 3  # three names, one base slug, three slugs
    assert first["At-T news"] == "at-t-news"  # the oldest keeps the plain slug


def test_publisher_slugs_avoid_pages_already_taken():
    [p] = group_by_publisher([story("Jane Doe", 0, "a")], save_as="authors/{slug}/index.html",
                             taken_paths={"authors/jane-doe/index.html"})
    assert p.slug.startswith("jane-doe-") and p.slug != "jane-doe"


def test_duplicates_are_found_after_normalising_the_url():
    urls = {
        "002_b.txt": "HTTP://News.Example:80/story/?utm_source=x#top",
        "001_a.txt": "https://news.example/story",
        "003_c.txt": "https://news.example/other",
        "004_d.txt": "https://news.example/story?id=2",
    }
    assert find_duplicates(urls.items()) == [
        ("001_a.txt", "002_b.txt", "HTTP://News.Example:80/story/?utm_source=x#top")]
    assert story_key(urls["002_b.txt"]) == story_key(urls["001_a.txt"])
