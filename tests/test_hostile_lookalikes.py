"""What the hostile hunt of the fourteenth session left (docs/history/hostile.md): names
a reader cannot tell apart were two names. Each test failed before the fix
(``enrich/lookalikes.py``)."""

from __future__ import annotations

import json

import pytest

from news_digest.enrich.attribution import split_credits
from news_digest.enrich.lookalikes import LATIN_LOOKS
from news_digest.enrich.publishers import publisher_key
from news_digest.settings import DEFAULT_AGENCIES

from sitebuild import build, seed_text

# Written as a wire story's byline may come: an invisible character (a feed's
# zero-width space), capitals, a final full stop, a Cyrillic 'е', a Greek capital Epsilon.
WIRE_BYLINES = ["Reuters\u200b", "REUTERS", "Reuters.", "R\u0435uters", "REUT\u0395RS"]


@pytest.mark.parametrize("byline", WIRE_BYLINES)
def test_the_wire_is_credited_however_its_name_is_written(byline):
    [credit] = split_credits(byline, DEFAULT_AGENCIES, "The Daily Example")
    assert credit.is_agency
    assert "\u200b" not in credit.name and not credit.name.endswith(".")


def test_people_and_names_that_only_contain_an_agency_stay_people():
    credits = split_credits("John Smith Jr., Reutersson, Ap Dijk", DEFAULT_AGENCIES)
    assert [(c.name, c.is_agency) for c in credits] == [
        ("John Smith Jr.", False), ("Reutersson", False), ("Ap Dijk", False)]


def test_a_wire_story_page_credits_the_agency(tmp_path):
    seeds = {f"00{i}_w.txt": seed_text(title=f"Wire story {i}", author=byline,
                                       url=f"https://news.example.com/w{i}")
             for i, byline in enumerate(WIRE_BYLINES)}
    site = build(tmp_path, seeds)
    assert site.code == 0, site.stderr
    pages = site.files("stories/*.html")
    assert len(pages) == len(WIRE_BYLINES)
    for page in pages:
        tree = site.page(page.relative_to(site.output))
        [ld] = [json.loads(s) for s in tree.xpath("//script[@type='application/ld+json']/text()")
                if '"NewsArticle"' in s]
        assert [a["@type"] for a in ld["author"]] == ["Organization"], page.name
        assert "(news agency)" in " ".join(tree.xpath("string(//main)").split()), page.name


LINKED_SOURCES = """[[source]]
name = "Reuters"
home = "https://reuters.example/"
feeds = ["https://reuters.example/rss"]
policy = "link"
"""


def test_a_look_alike_publisher_is_the_publisher_and_keeps_its_policy(tmp_path):
    """'Rеuters' with a Cyrillic 'е' (or a Greek capital Epsilon) was another publisher: listed
    twice on /sources/ under names no reader tells apart, and outside the sources
    file's 'link' policy (its text republished in full, the test site's default)."""
    names = ["Reuters", "R\u0435uters", "REUT\u0395RS", "REUTERS", "Re\u03c5ters"]
    assert len({publisher_key(n) for n in names}) == 1
    seeds = {f"00{i}_x.txt": seed_text(title=f"Story {i}", source=name, author="Jane Doe",
                                       url=f"https://reuters.example/{i}",
                                       published=f"2020-01-0{i + 1}T00:00:00Z",
                                       body=(f"Secret paragraph {i}.",))
             for i, name in enumerate(names)}
    site = build(tmp_path, seeds, sources=LINKED_SOURCES)
    assert site.code == 0, site.stderr
    listed = site.page("sources/index.html").xpath("//main//li//a/@href")
    assert len(listed) == 1, listed
    for page in site.files("stories/*.html"):
        text = site.page(page.relative_to(site.output)).xpath("string(//main)")
        assert "Secret paragraph" not in text, page.name


def test_names_in_their_own_script_stay_their_own():
    """Only letters drawn as Latin ones are read so: a Russian or Greek name keeps its
    key, and two that differ in a letter a reader sees stay two."""
    assert publisher_key("Коммерсантъ") != publisher_key("Kommersant")
    assert publisher_key("Καθημερινή") != publisher_key("Kathimerini")
    assert publisher_key("ВЕСТИ") == publisher_key("Вести")  # case, as ever
    assert publisher_key("ΚΑΘΗΜΕΡΙΝΗ") == publisher_key("Καθημερινη")
    assert publisher_key("ВВС") == publisher_key("BBC")  # every letter looks Latin


def test_a_letter_and_its_capital_look_like_one_latin_letter():
    """Else a name and its capitals would be two keys (case is folded first)."""
    for letter, latin in LATIN_LOOKS.items():
        for other, its in LATIN_LOOKS.items():
            if other.casefold() == letter.casefold():
                assert its.casefold() == latin.casefold(), (letter, other)


def test_two_faced_letters_read_as_they_look_beside_latin_ones():
    """Greek 'Ν' looks like N and 'ν' like v ('Υ' Y, 'υ' u; the palochka 'Ӏ' I, 'ӏ' l):
    in a word with a Latin letter each is read as it looks (the fifteenth session left
    them out: case folded first made both one letter). A Greek word keeps them, so a
    Greek name and its capitals stay one."""
    assert publisher_key("\u039dEWS") == publisher_key("News")  # Greek capital Nu
    assert publisher_key("\u03bdiews") == publisher_key("Views")  # Greek small nu
    assert publisher_key("\u03a5ahoo") == publisher_key("Yahoo")
    assert publisher_key("\u04c0nsider") == publisher_key("Insider")  # palochka
    assert publisher_key("Pa\u04cfm Beach") == publisher_key("Palm Beach")
    assert publisher_key("\u03bdews") != publisher_key("News")  # reads 'vews'
    assert publisher_key("\u039d\u0388\u0391") == publisher_key("\u039d\u03ad\u03b1")
    assert publisher_key("BBC \u039d\u0388\u0391") == publisher_key("BBC \u039d\u03ad\u03b1")
    # Latin letters that look like others are other names: real names differ so
    assert publisher_key("Modem") != publisher_key("Modern")
