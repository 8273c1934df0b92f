"""A story in another language than the site's (``Language: de`` on an English digest)
carries it in every feed, as its pages do: Atom ``xml:lang`` on its entry, RSS
``dc:language`` on its item, JSON Feed ``language``; a story in the site's language
carries none, and an edited ``Language:`` is in every feed after a rebuild."""

from __future__ import annotations

import json

import feedparser
import lxml.etree
import lxml.html
import pytest
from test_feed_readers import newsboat_items

from sitebuild import build, seed_text, stable_tree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ATOM = "{http://www.w3.org/2005/Atom}"
DC_LANGUAGE = "{http://purl.org/dc/elements/1.1/}language"

GERMAN = "Ein Bericht auf Deutsch"
SEEDS = {
    "001_de.txt": seed_text(title=GERMAN, url="https://zeitung.example/bericht",
                            source="Die Zeitung", extra=(("Language", "DE"),)),
    "002_en.txt": seed_text(title="A report in English", url="https://daily.example/report"),
    # The site's language in another region: no language of its own, as on its page.
    "003_gb.txt": seed_text(title="A report from London", url="https://daily.example/uk",
                            extra=(("Language", "en-GB"),)),
}


def _languages(site) -> dict[str, dict[str, str | None]]:
    """Title -> {format: the language its item carries (None: none)}, checked to be the
    same in every feed of the format that carries the story."""
    found: dict[str, dict[str, set]] = {}

    def note(title, fmt, language):
        found.setdefault(title, {}).setdefault(fmt, set()).add(language)

    for path in site.files("feeds/**/*.atom.xml"):
        for entry in lxml.etree.parse(path).getroot().iter(f"{ATOM}entry"):
            note(entry.findtext(f"{ATOM}title"), "atom", entry.get(XML_LANG))
    for path in site.files("feeds/**/*.rss.xml"):
        for item in lxml.etree.parse(path).getroot().iter("item"):
            note(item.findtext("title"), "rss", item.findtext(DC_LANGUAGE))
    for path in site.files("feeds/**/*.json"):
        for item in json.loads(path.read_bytes())["items"]:
            note(item["title"], "json", item.get("language"))
    assert all(len(seen) == 1 for formats in found.values() for seen in formats.values()), found
    return {title: {fmt: next(iter(seen)) for fmt, seen in formats.items()}
            for title, formats in found.items()}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    built = build(tmp_path_factory.mktemp("feed-language"), SEEDS)
    assert built.code == 0, built.stderr
    return built


def test_a_story_in_another_language_carries_it_in_every_feed(site):
    assert _languages(site) == {
        GERMAN: {"atom": "de", "rss": "de", "json": "de"},  # the seed's tag, canonical
        "A report in English": {"atom": None, "rss": None, "json": None},
        "A report from London": {"atom": None, "rss": None, "json": None}}


def test_feedparser_reads_the_german_story_in_german_and_the_others_in_english(site):
    atom = feedparser.parse((site.output / "feeds/all.atom.xml").read_bytes())
    rss = feedparser.parse((site.output / "feeds/all.rss.xml").read_bytes())
    assert not atom.bozo and not rss.bozo
    assert {e.title: (e.title_detail.language, e.summary_detail.language)
            for e in atom.entries} == {GERMAN: ("de", "de"), "A report in English": ("en", "en"),
                                       "A report from London": ("en", "en")}  # the feed's
    assert {e.title: e.get("language") for e in rss.entries} == {
        GERMAN: "de", "A report in English": None, "A report from London": None}


def test_the_credit_line_and_topic_labels_of_a_german_story_are_read_in_english(site):
    """They are the digest's words, in the site's language, as on the story's page."""
    atom = lxml.etree.parse(site.output / "feeds/all.atom.xml").getroot()
    marked = {}
    for entry in atom.iter(f"{ATOM}entry"):
        credit = lxml.html.fragments_fromstring(entry.findtext(f"{ATOM}summary"))[-1]
        marked[entry.findtext(f"{ATOM}title")] = (
            credit.get("lang"), {c.get(XML_LANG) for c in entry.iter(f"{ATOM}category")})
    assert marked == {GERMAN: ("en", {"en"}), "A report in English": (None, {None}),
                      "A report from London": (None, {None})}
    [german] = [i for i in json.loads((site.output / "feeds/all.json").read_bytes())["items"]
                if i["title"] == GERMAN]
    assert '<p lang="en">Originally published by' in german["content_html"]


@pytest.mark.slow
def test_newsboat_reads_every_feed_with_a_german_story(site, tmp_path):
    for n, path in enumerate(site.files("feeds/*.*.xml")):
        items = newsboat_items(tmp_path / str(n), path)
        assert set(items) == set(_languages(site)), path.name


def test_an_edited_language_is_in_the_feeds_of_a_rebuild(tmp_path):
    first = build(tmp_path / "site", SEEDS)
    assert first.code == 0, first.stderr
    again = build(tmp_path / "site", SEEDS, force=True)  # records what each file was made of
    assert again.code == 0, again.stderr
    edited = {**SEEDS, "001_de.txt": SEEDS["001_de.txt"].replace("**DE**", "**sk**")}
    rebuilt = build(tmp_path / "site", edited)
    assert rebuilt.code == 0, rebuilt.stderr
    assert "Kept " in rebuilt.stderr  # a rebuild that kept files: the files it kept are right
    assert _languages(rebuilt)[GERMAN] == {"atom": "sk", "rss": "sk", "json": "sk"}
    fresh = build(tmp_path / "fresh", edited)
    assert fresh.code == 0, fresh.stderr
    feeds = {name: data for name, data in stable_tree(rebuilt.output).items()
             if name.startswith("feeds/")}
    assert feeds and feeds == {name: data for name, data in stable_tree(fresh.output).items()
                               if name.startswith("feeds/")}
