"""Three things a reader noticed on a site of real publishers' stories (issue 19), each
built as a real site and read back: times named by their zone, publishers sorted
without their article, and (tests/test_print_browser.py) the original's address on
paper."""

from __future__ import annotations

import re

from sitebuild import build, seed_text

# One line per publisher: its sources-file language, and a story of its own.
PUBLISHERS = {
    "The Guardian": "en-GB", "Le Monde": "fr", "Die Zeit": "de", "Die Hard News": "en",
    "BBC News": "en-GB", "A Bola": "pt", "Hacker News": "", "La Repubblica": "it",
    "El País": "es", "Der Standard": "de", "An Phoblacht": "ga", "Écho de Paris": "fr",
}
# As a reader looks them up: Guardian under G, Monde under M, Zeit under Z, but Die
# Hard News (English: "Die" is a verb) under D and An Phoblacht (Irish, a language the
# table has no articles for) under A; Écho among the E, not after Z.
READER_ORDER = ["An Phoblacht", "BBC News", "A Bola", "Die Hard News", "Écho de Paris",
                "The Guardian",
                "Hacker News", "Le Monde", "El País", "La Repubblica", "Der Standard",
                "Die Zeit"]


def _sources_file() -> str:
    entries = []
    for number, (name, language) in enumerate(PUBLISHERS.items()):
        entries.append(f'[[source]]\nname = "{name}"\nhome = "https://p{number}.example/"\n'
                       f'feeds = ["https://p{number}.example/feed"]\n'
                       + (f'language = "{language}"\n' if language else ""))
    return "\n".join(entries)


def _text(element) -> str:
    return " ".join(element.text_content().split())


def test_publishers_are_sorted_without_their_leading_article(tmp_path):
    """The Sources index listed "The Guardian" under T: a reader looks under G. The name
    is shown whole; the feeds page's sources follow the same order."""
    seeds = {f"{n:03d}_{n:016x}.txt": seed_text(
                 title=f"Story number {n} of the day", source=name,
                 url=f"https://p{n}.example/story", published=f"2026-12-0{1 + n % 5}T10:00:00Z")
             for n, name in enumerate(PUBLISHERS)}
    site = build(tmp_path, seeds, sources=_sources_file())
    assert site.code == 0, site.stderr
    names = [_text(a) for a in site.page("sources/index.html").xpath(
        "//ul[@class='sources']/li/a")]
    assert names == READER_ORDER
    feeds = site.page("feeds/index.html").xpath(
        "//section[@aria-labelledby='feeds-source']//li/a[1]")
    assert [_text(a) for a in feeds] == READER_ORDER
    again = build(tmp_path / "again", seeds, sources=_sources_file())
    assert [_text(a) for a in again.page("sources/index.html").xpath(
        "//ul[@class='sources']/li/a")] == READER_ORDER


def test_a_time_names_its_zone_as_a_reader_knows_it(tmp_path):
    """A story page in New York's time said "23:56 UTC-05:00": it says EST (EDT in
    summer), CET in Berlin; an offset only where the zone has no name (São Paulo's
    time database gives "-03"). The datetime attribute keeps ISO 8601."""
    seeds = {"001_winter.txt": seed_text(title="Winter story", published="2026-12-05T04:56:00Z",
                                         url="https://news.example.com/winter"),
             "002_summer.txt": seed_text(title="Summer story", published="2026-07-05T04:56:00Z",
                                         url="https://news.example.com/summer")}
    expected = {"America/New_York": ("4 December 2026, 23:56 EST", "5 July 2026, 00:56 EDT"),
                "Europe/Berlin": ("5 December 2026, 05:56 CET", "5 July 2026, 06:56 CEST"),
                "America/Sao_Paulo": ("5 December 2026, 01:56 UTC-03:00",
                                      "5 July 2026, 01:56 UTC-03:00"),
                "UTC": ("5 December 2026, 04:56 UTC", "5 July 2026, 04:56 UTC")}
    for zone, (winter, summer) in expected.items():
        site = build(tmp_path / zone.replace("/", "-"), seeds, settings={"TIMEZONE": zone})
        assert site.code == 0, site.stderr
        for page, shown, stamp in (("stories/winter-story.html", winter, "2026-12-05T04:56:00"),
                                   ("stories/summer-story.html", summer, "2026-07-05T04:56:00")):
            [time] = site.page(page).xpath("//time[@class='published']")
            assert (_text(time), time.get("datetime")) == (shown, stamp + "+00:00"), zone
        # one shape of a date with its time across the site: no offset beside a name
        for path in site.files("**/*.html"):
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"\d\d:\d\d UTC[+-]", text) or zone == "America/Sao_Paulo", path
