"""Import every real-world capture in ../shared/realworld-feeds/ (absent on users'
machines: the tests skip there). Nothing is copied into the repository."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest

from news_digest.curator.cli import main
from news_digest.seeds.format import read_seed

from sitebuild import SHARED, build

pytestmark = pytest.mark.slow

FEEDS = SHARED / "realworld-feeds"
CAPTURES = sorted(p for p in FEEDS.glob("*") if p.suffix in (".xml", ".json")) \
    if FEEDS.is_dir() else []
needs_captures = pytest.mark.skipif(
    not CAPTURES, reason=f"{FEEDS} is absent (real-world captures exist only beside the "
                         "repository on CI)")


@pytest.fixture(autouse=True)
def outside_the_project(tmp_path, monkeypatch):
    """No pelicanconf.py nor sources.toml in the working folder: the feeds alone."""
    monkeypatch.chdir(tmp_path)


def _import(capsys, folder: Path, *files: Path):
    folder.mkdir(exist_ok=True)
    code = main(["import", *map(str, files), "--into", str(folder)])
    out, err = capsys.readouterr()
    return code, out, err, {p.name: read_seed(p) for p in sorted(folder.iterdir())}


@needs_captures
@pytest.mark.parametrize("capture", CAPTURES, ids=lambda p: p.name)
def test_every_capture_imports_and_every_seed_parses(capture, tmp_path, capsys):
    code, out, err, seeds = _import(capsys, tmp_path / "articles", capture)
    assert code == 0, err
    assert "Traceback" not in err
    imported = int(out.split()[1].rstrip(","))
    assert imported == len(seeds)
    for seed in seeds.values():  # read_seed above parsed each one
        assert seed.title and (seed.paragraphs or seed.headers["headline_only"] == "yes")
        assert seed.published.utcoffset().total_seconds() == 0
        assert not any("chars]" in p for p in seed.paragraphs[-1:])


@needs_captures
def test_latin1_golem_feed_keeps_its_umlauts(tmp_path, capsys):
    capture = FEEDS / "golem-de-2023.rss1.rdf.xml"
    assert capture.read_bytes().decode("latin-1").count("ö") > 0  # really Latin-1 on disk
    *_, seeds = _import(capsys, tmp_path / "articles", capture)
    [seed] = seeds.values()
    assert seed.title == "Digitalministerium: Neue Glasfaserförderung mit Schnellkasse"
    assert seed.source_name == "Golem.de"
    assert seed.byline == "Achim Sawall"
    assert "Förderung" in seed.paragraphs[0]
    assert "\ufffd" not in "".join(seed.paragraphs)


@needs_captures
def test_tpm_relative_links_become_absolute(tmp_path, capsys):
    capture = FEEDS / "talkingpointsmemo-2017.atom.xml"
    assert 'href="/' in capture.read_text(encoding="utf-8")  # the capture's links are relative
    code, _, _, seeds = _import(capsys, tmp_path / "articles", capture)
    assert code == 0 and seeds
    for seed in seeds.values():
        assert seed.source_url.startswith("http://talkingpointsmemo.com/"), seed.source_url
        assert seed.source_name == "All TPM News"


@needs_captures
def test_all_captures_together_then_again_are_all_duplicates(tmp_path, capsys):
    folder = tmp_path / "articles"
    _, first, _, seeds = _import(capsys, folder, *CAPTURES)
    imported = int(first.split()[1].rstrip(","))
    assert imported == len(seeds) > 0
    _, again, _, same = _import(capsys, folder, *CAPTURES)
    assert again.startswith(f"imported 0, duplicates {imported + int(first.split()[3][:-1])},")
    assert same.keys() == seeds.keys()
    site = build(tmp_path / "site", {name: (folder / name).read_bytes() for name in seeds})
    assert site.code == 0, site.stderr
    assert site.warnings == []
    titles = sorted(site.page(p.relative_to(site.output)).xpath("string(//h1)")
                    for p in site.files("stories/*.html"))
    assert titles == sorted(seed.title for seed in seeds.values())


@needs_captures
def test_news_api_text_keeps_its_paragraph_breaks(tmp_path, capsys):
    capture = FEEDS / "newsapi-top-headlines-us-2019.json"
    *_, seeds = _import(capsys, tmp_path / "articles", capture)
    uber = next(s for s in seeds.values() if "Uber" in s.title and "drivers" in s.title.lower())
    # content: "...offering.\r\n5.4 million shares, ...\r\nStill, relations..."
    assert len(uber.paragraphs) == 3
    assert uber.paragraphs[1].startswith("5.4 million shares")
    assert sum(len(s.paragraphs) > 1 for s in seeds.values()) >= 10


@needs_captures
def test_languages_are_detected_per_story(tmp_path, capsys):
    for capture, language in [("aktuality-sk-2021.rss.xml", "sk"),
                              ("heise-developer-2016.atom.xml", "de"),
                              ("golem-de-2023.rss1.rdf.xml", "de"),
                              ("guardian-us-2018.rss.xml", "en-GB"),  # as declared
                              ("livemint-news-2019.rss.xml", "en")]:
        folder = tmp_path / capture
        *_, seeds = _import(capsys, folder, FEEDS / capture)
        assert {s.headers.get("language") for s in seeds.values()} == {language}, capture


@needs_captures
def test_69_empty_items_are_one_summary_not_69_lines(tmp_path, capsys):
    """Science's items have no text: the default policy, link, imports each with its
    headline only (test_import_headline_only.py builds them); one summary line says so."""
    code, out, err, seeds = _import(capsys, tmp_path / "articles",
                                    FEEDS / "science-twis-2017.rss1.rdf.xml")
    assert (code, len(seeds), err) == (0, 69, "")
    assert out.strip() == ("imported 69, duplicates 0, skipped 0; headline only: 69 of the 69 "
                           "imported (the feed gives no text)")


@needs_captures
def test_captured_bylines_credit_people_in_link_policy(tmp_path, capsys):
    """In link policy the credit line is most of what a story page shows: it credited
    "By https://www.engadget.com/about/editors/...", "By Rob Picheta and CNN",
    "By Peter Weber and Senior editor" and "By Associated Press in Palm Beach and
    Florida" from these captures."""
    folder = tmp_path / "articles"
    _, _, _, seeds = _import(capsys, folder, *CAPTURES)
    assert not any("://" in seed.byline for seed in seeds.values())
    site = build(tmp_path / "site", {name: (folder / name).read_bytes() for name in seeds},
                 settings={"DIGEST_DEFAULT_POLICY": "link"})
    assert site.code == 0, site.stderr
    wrong = {}
    for path in site.files("stories/*.html"):
        page = site.page(path.relative_to(site.output))
        publisher = page.xpath("string(//aside//*[@class='publisher'])").strip()
        names = [" ".join(n.text_content().split())
                 for n in page.xpath("//aside//span[@class='byline']/span[@class!='label']")]
        own = publisher in names  # the credit line names it already
        if own or any("://" in n or n.endswith((" editor", " correspondent"))
                      or n in ("Florida", "Senior editor") for n in names):
            wrong[path.name] = names
    assert wrong == {}


@needs_captures
def test_imported_german_and_slovak_stories_carry_their_language_in_the_feeds(tmp_path, capsys):
    """Imported, built on an English digest, read back: a feed reader (and its screen
    reader) read Golem.de's story in German and Aktuality.sk's in Slovak; the Guardian's
    (en-GB) and Livemint's (en) are in the feed's language."""
    folder = tmp_path / "articles"
    captures = ("golem-de-2023.rss1.rdf.xml", "aktuality-sk-2021.rss.xml",
                "guardian-us-2018.rss.xml", "livemint-news-2019.rss.xml")
    *_, seeds = _import(capsys, folder, *(FEEDS / c for c in captures))
    site = build(tmp_path / "site", {name: (folder / name).read_bytes() for name in seeds})
    assert site.code == 0, site.stderr
    read = {}
    for path in site.files("feeds/sources/*.atom.xml"):  # one publisher's each
        stem = path.name.removesuffix(".atom.xml")
        atom = feedparser.parse(path.read_bytes())
        rss = feedparser.parse((path.parent / f"{stem}.rss.xml").read_bytes())
        items = json.loads((path.parent / f"{stem}.json").read_bytes())["items"]
        assert atom.entries and not atom.bozo and not rss.bozo
        read[atom.feed.title.split(": ")[-1].removeprefix("from ")] = {
            (entry.summary_detail.language, item.get("language"), json_item.get("language"))
            for entry, item, json_item in zip(atom.entries, rss.entries, items, strict=True)}
    english = {("en", None, None)}
    assert read == {"Golem.de": {("de", "de", "de")}, "Aktuality.sk": {("sk", "sk", "sk")},
                    "The Guardian": english, "Livemint": english}
