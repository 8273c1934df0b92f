"""The pure cleaning stages of ``import``: tracking parameters, publisher names and
their spellings, headline suffixes, languages, keep/drop rules, paragraph breaks."""

from __future__ import annotations

import pytest

from news_digest.enrich.language import normalise_tag, story_language
from news_digest.enrich.publisher_names import (
    PublisherTable,
    merge_names,
    name_key,
    site_name,
    strip_name_suffix,
)
from news_digest.enrich.rules import RuleError, compile_rule, judge
from news_digest.seeds.text import markup_to_paragraphs
from news_digest.seeds.tracking import strip_tracking


@pytest.mark.parametrize("url, clean", [
    ("https://www.heise.de/meldung/x-3088438.html?wt_mc=rss.developer.beitrag.atom",
     "https://www.heise.de/meldung/x-3088438.html"),
    ("https://a.example/s?id=7&utm_source=rss&utm_medium=feed&fbclid=Iw&page=2",
     "https://a.example/s?id=7&page=2"),
    ("https://a.example/s?GCLID=1&mc_cid=2&mc_eid=3&ocid=4&cmpid=5&CMP=share",
     "https://a.example/s"),
    ("https://a.example/s?ref=main&src=rss&cid=9", "https://a.example/s?ref=main&src=rss&cid=9"),
    ("https://a.example/s#xtor=RSS-3", "https://a.example/s"),
    ("https://a.example/s#section-2", "https://a.example/s#section-2"),
    ("https://a.example/s?q=a%20b&utm_campaign=x", "https://a.example/s?q=a+b"),
    ("https://a.example/s?q=%2F", "https://a.example/s?q=%2F"),  # untouched: kept as sent
    ("not a url", "not a url"),
])
def test_tracking_parameters_are_stripped_and_routing_ones_kept(url, clean):
    assert strip_tracking(url) == clean


@pytest.mark.parametrize("title, home, fields, authors, name", [
    ("BBC News - UK Politics", "https://www.bbc.co.uk/news/", ["BBC News - UK Politics"], [],
     "BBC News"),
    ("heise developer neueste Meldungen", "http://www.heise.de/developer/", [],
     ["heise online"], "heise online"),
    ("Livemint - News", "https://www.livemint.com/rss/News", [], [], "Livemint"),
    ("Science twis", "http://science.sciencemag.org", ["Science"], [], "Science"),
    ("Aktuality.sk - aktuálne spravodajstvo", "https://www.aktuality.sk", [],
     ["Ringier Axel Springer SK"], "Aktuality.sk"),
    ("World news | The Guardian", "https://www.theguardian.com/world", [], [], "The Guardian"),
    ("Latest News", "https://www.example-news.example/", [], [], "example-news.example"),
    ("Golem.de", "https://www.golem.de/", [], [], "Golem.de"),
    ("NYT > Home Page", "http://www.nytimes.com/pages/index.html", [], [], "NYT"),
    ("Accidental Tech Podcast", "http://atp.fm/", [], ["atp@marco.org"],
     "Accidental Tech Podcast"),  # a mailbox is never a name
    ("Family Medicine Headlines", "http://www.medscape.com/fm", [],
     ["Medscape Customer Support"], "Family Medicine Headlines"),  # nor is a role
    ("yakubin’s notes", "https://yakubin.com/notes", [], ["Jakub Alba (yakubin)"],
     "yakubin’s notes"),  # the author is a person; the blog has a name
])
def test_site_names_from_feed_titles(title, home, fields, authors, name):
    assert site_name(title, home, fields, authors) == name


def test_spellings_of_one_publisher_are_merged():
    pairs = [("New York Times", "https://www.nytimes.com/a"),
             ("The New York Times", "https://www.nytimes.com/b"),
             ("New York Times", "https://www.nytimes.com/c"),
             ("NPR", "https://www.npr.org/a"), ("Npr.org", "https://www.npr.org/b"),
             ("Yahoo.com", "https://finance.yahoo.com/x"),
             ("Yahoo Entertainment", "https://finance.yahoo.com/y"),
             ("Boston.com", "https://www.boston.com/z"),
             ("BBC Sport", "https://www.bbc.co.uk/sport/1"),
             ("BBC News", "https://www.bbc.co.uk/news/2")]
    names = merge_names(pairs, PublisherTable())
    assert [names[p] for p in pairs] == [
        "The New York Times", "The New York Times", "The New York Times", "NPR", "NPR",
        "Yahoo Entertainment", "Yahoo Entertainment", "Boston.com", "BBC Sport", "BBC News"]


def test_known_publishers_win_over_feed_names():
    table = PublisherTable()
    table.add_source("Mint", ["Livemint"], "https://www.livemint.com/")
    table.add_source("BBC News", [], "https://www.bbc.co.uk/news")
    table.add_seen("The Times of India", "https://timesofindia.indiatimes.com/x")
    pairs = [("Livemint", "https://example.org/elsewhere"),  # an alias
             ("Whatever", "https://www.livemint.com/news/a"),  # under the home page
             ("BBC Sport", "https://www.bbc.co.uk/sport/1"),  # outside /news: its own name
             ("Times of India", "https://timesofindia.indiatimes.com/y"),  # the folder's
             ("Indiatimes.com", "https://timesofindia.indiatimes.com/z")]
    names = merge_names(pairs, table)
    assert [names[p] for p in pairs] == ["Mint", "Mint", "BBC Sport", "The Times of India",
                                         "The Times of India"]


@pytest.mark.parametrize("title, names, url, clean", [
    ("Apple ships a thing - Gizmodo", ["Gizmodo.com"], "https://gizmodo.com/a",
     "Apple ships a thing"),
    ("Markets fall | Reuters", ["Reuters"], "https://www.reuters.com/a", "Markets fall"),
    ("A long read — The Guardian", ["Guardian"], "https://amp.theguardian.com/a", "A long read"),
    ("Kate and William - The New York Times", ["New York Times"], "https://nytimes.com/a",
     "Kate and William"),
    ("Why we march | Erica Chenoweth", ["The Guardian"], "https://www.theguardian.com/a",
     "Why we march | Erica Chenoweth"),  # the author, not the publisher
    ("Spider-Man - a review", ["Film Weekly"], "https://film.example/a", "Spider-Man - a review"),
    ("Gizmodo", ["Gizmodo"], "https://gizmodo.com/a", "Gizmodo"),
    # The publisher's name and a word it adds: its host does not spell it (wionews.com).
    ("Quake hits Japan | WION News", ["WION"], "https://www.wionews.com/a", "Quake hits Japan"),
    ("Quake hits Japan | WION News", ["WION"], "https://news.google.com/rss/articles/a",
     "Quake hits Japan"),
    ("Cup final tonight - BBC Sport", ["BBC News"], "https://www.bbc.com/a", "Cup final tonight"),
    # A headline's last words that only end like a name stay.
    ("Trade war hits | Asia Business", ["Asia Times"], "https://asiatimes.com/a",
     "Trade war hits | Asia Business"),
    ("Votes counted - Ohio Politics", ["Reuters"], "https://www.reuters.com/a",
     "Votes counted - Ohio Politics"),
])
def test_headline_suffixes_naming_the_publisher_are_cut(title, names, url, clean):
    assert strip_name_suffix(title, names, url) == clean


def test_name_keys():
    assert name_key("Npr.org") == name_key("NPR") == "npr"
    assert name_key("The Guardian") == name_key("guardian")
    assert name_key("Stuff.co.nz") == "stuff"
    assert name_key("BBC News") != name_key("BBC Sport")


GERMAN = ("Die nun verfügbare Version 10 des Enterprise-Java-Servers stellt die Basis für "
          "Red Hats kommerzielle Plattform dar und ist zugleich das dritte größere Release "
          "seit dem Namenswechsel des Open-Source-Projekts. Die Entwickler haben viel getan.")
SLOVAK = ("Analytici banky zvýšili odhad rastu ekonomiky Spojených štátov na tento rok. "
          "Podľa nich bude oživenie rýchlejšie, než sa pôvodne čakalo, a nezamestnanosť "
          "klesne. Vláda pripravuje ďalší balík pomoci pre podniky a domácnosti.")


def test_language_detected_declared_or_overruled():
    assert story_language(GERMAN) == "de"
    assert story_language(SLOVAK) == "sk"
    assert story_language(SLOVAK, ["cs"]) == "cs"  # close languages: the declaration stands
    assert story_language(GERMAN, ["en-GB"]) == "de"  # a long German text is German
    assert story_language("Brexit vote", ["en-GB"]) == "en-GB"
    assert story_language("OK", []) == ""  # too short to say, nothing declared
    assert story_language("Kurz", ["de-at"]) == "de-AT"
    assert story_language("a\x00b\udcff " + GERMAN) == "de"  # no crash on odd characters
    assert normalise_tag("en_us") == "en-US" and normalise_tag("zh-hant-tw") == "zh-Hant-TW"
    assert normalise_tag("english please") == ""


def test_rules_words_and_expressions():
    quiz = compile_rule("quiz")
    assert quiz.matches("Quiz of the week", [])
    assert not quiz.matches("A quizzical look", [])
    assert compile_rule("live  blog").matches("x", ["Our LIVE blog continues"])
    assert compile_rule("C++").matches("What's new in C++ 23", [])
    assert compile_rule("/^watch:/").matches("Watch: a video", [])
    assert not compile_rule("/^watch:/").matches("We watch: a video", [])
    keep, drop = (compile_rule("election"),), (compile_rule("/opinion/"),)
    assert judge("Election day", [], keep, drop).kept
    assert judge("Election opinion", [], keep, drop).reason == "dropped by '/opinion/'"
    assert judge("Football", [], keep, drop).reason == "matches no keep rule"
    assert judge("Football", [], (), ()).kept


@pytest.mark.parametrize("rule, message", [
    ("", "non-empty"), ("/(unclosed/", "not valid at character"),
    ("/half", "does not end with one"), ("--", "no letters or digits"), (3, "non-empty"),
])
def test_bad_rules_say_why(rule, message):
    with pytest.raises(RuleError, match=message.replace("(", r"\(")):
        compile_rule(rule)


def test_line_breaks_are_paragraph_breaks_in_news_api_text():
    text = "First line.\r\nSecond line.\r\n<ul><li>A</li><li>B</li></ul> … [+100 chars]"
    assert markup_to_paragraphs(text, every_line=True) == [
        "First line.", "Second line.", "A", "B", "… [+100 chars]"]
    assert markup_to_paragraphs("One.\n\nTwo <b>bold</b>.\nSame.") == ["One.", "Two bold. Same."]
    assert markup_to_paragraphs("<p>One.\n\nstill one</p><p>Two</p>") == ["One. still one", "Two"]


def test_feed_and_language_headers_read_back():
    from datetime import UTC, datetime

    from news_digest.seeds.compose import story_seed
    from news_digest.seeds.format import parse_seed

    seed, text = story_seed("x.txt", title="T", published=datetime(2020, 1, 1, tzinfo=UTC),
                            byline="", source_name="P", url="https://p.example/a",
                            paragraphs=["Text."], headers={
                                "feed": "https://p.example/feed.xml", "language": "de-AT"})
    assert "\nFeed: **https://p.example/feed.xml**\n" in text
    assert "\nLanguage: **de-AT**\n" in text
    back = parse_seed(text, "x.txt")
    assert (back.headers["feed"], back.headers["language"]) == (
        "https://p.example/feed.xml", "de-AT")
    _, text = story_seed("x.txt", title="T", published=datetime(2020, 1, 1, tzinfo=UTC),
                         byline="", source_name="P", url="https://p.example/a",
                         paragraphs=["Text."], headers={"feed": "https://p.example/**x",
                                                        "language": ""})
    assert "Feed:" not in text and "Language:" not in text  # left out, not broken
