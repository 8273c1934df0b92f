"""Feeds as the world writes them (nineteenth session, docs/history/hostile.md): other
encodings and scripts, RSS 0.91 and 1.0, Atom with ``xml:base``, JSON Feed 1 and 1.1,
a news-API export with null fields, zone names that mean several zones, and
feedparser's own corpus of odd and illegal feeds. Each feed is written here in the
shape the world writes it (the words are this test's own), imported with ``python -m
news_digest import`` into a temporary folder and the result built: each story with the
right headline, publisher, link and date, or skipped with a line saying why."""

from __future__ import annotations

import json
import subprocess
import traceback
from datetime import UTC, datetime
from pathlib import Path

import pytest

from news_digest.curator.cli import main
from news_digest.curator.feed_items import Story, items_from_bytes
from news_digest.errors import ImportFileError
from news_digest.seeds.format import read_seed
from news_digest.seeds.urls import is_web_url

from sitebuild import build, seed_text

FEEDPARSER = Path("/work/.mirror/kurtmckee+feedparser/repo")


def _rss(title: str, link: str, items, language: str = "", encoding: str = "utf-8",
         declared: str | None = None) -> bytes:
    head = (f'<?xml version="1.0" encoding="{declared or encoding}"?>\n<rss version="2.0">'
            f"<channel><title>{title}</title><link>{link}</link>"
            + (f"<language>{language}</language>" if language else ""))
    body = "".join(f"<item><title>{t}</title><link>{u}</link><pubDate>{d}</pubDate>"
                   f"<description>{text}</description></item>" for t, u, d, text in items)
    return (head + body + "</channel></rss>\n").encode(encoding)


def _when(*fields) -> datetime:
    return datetime(*fields, tzinfo=UTC)


# file name -> (bytes, {link: (headline, publisher, published)})
FEEDS = {
    "shift_jis.xml": (
        _rss("毎日ニュース", "https://news.example.jp/", [(
            "東京で大雨、交通機関に乱れ", "https://news.example.jp/a/1",
            "Mon, 07 Dec 2026 10:00:00 +0900", "朝から激しい雨が降った。")], "ja", "shift_jis"),
        {"https://news.example.jp/a/1": ("東京で大雨、交通機関に乱れ", "毎日ニュース",
                                         _when(2026, 12, 7, 1))}),
    "windows_1251.xml": (
        _rss("Новости дня", "https://news.example.ru/", [(
            "В Москве открылась новая станция", "https://news.example.ru/a/2",
            "Mon, 07 Dec 2026 10:00:00 MSK", "Станция открыта.")], "ru", "windows-1251"),
        {"https://news.example.ru/a/2": ("В Москве открылась новая станция", "Новости дня",
                                         _when(2026, 12, 7, 7))}),
    "latin1_declared_utf8.xml": (
        _rss("Le Quotidien", "https://news.example.fr/", [(
            "Café fermé à Zürich", "https://news.example.fr/a/3",
            "Mon, 07 Dec 2026 10:00:00 +0100", "Le café a fermé.")], "fr", "iso-8859-1",
             declared="UTF-8"),
        {"https://news.example.fr/a/3": ("Café fermé à Zürich", "Le Quotidien",
                                         _when(2026, 12, 7, 9))}),
    "right_to_left.xml": (
        _rss("חדשות היום", "https://news.example.il/", [
            ("הכנסת אישרה את התקציב", "https://news.example.il/a/4",
             "Mon, 07 Dec 2026 10:00:00 +0200", "התקציב אושר."),
            ("البرلمان يقر الميزانية", "https://news.example.il/a/5",
             "Mon, 07 Dec 2026 11:00:00 +0200", "أقر البرلمان الميزانية.")], "he"),
        {"https://news.example.il/a/4": ("הכנסת אישרה את התקציב", "חדשות היום",
                                         _when(2026, 12, 7, 8)),
         "https://news.example.il/a/5": ("البرلمان يقر الميزانية", "חדשות היום",
                                         _when(2026, 12, 7, 9))}),
    "cjk.xml": (
        _rss("新闻日报", "https://news.example.cn/", [
            ("北京发布暴雪橙色预警", "https://news.example.cn/a/6",
             "Mon, 07 Dec 2026 10:00:00 +0800", "气象台发布预警。"),
            ("北京发布暴雪红色预警", "https://news.example.cn/a/7",
             "Mon, 07 Dec 2026 12:00:00 CST", "气象台升级预警。")], "zh-CN"),
        {"https://news.example.cn/a/6": ("北京发布暴雪橙色预警", "新闻日报",
                                         _when(2026, 12, 7, 2)),
         # CST in China is UTC+8 (feedparser read it as America's UTC-6: 14 hours late)
         "https://news.example.cn/a/7": ("北京发布暴雪红色预警", "新闻日报",
                                         _when(2026, 12, 7, 4))}),
    "rss091.xml": (  # RSS 0.91 dates no item: skipped, 'no date'
        b'<?xml version="1.0" encoding="ISO-8859-1"?><rss version="0.91"><channel>'
        b"<title>Old Times</title><link>https://old.example.com/</link><description>d"
        b"</description><item><title>Ninety-one</title><link>https://old.example.com/91"
        b"</link><description>An old format.</description></item></channel></rss>", {}),
    "rss10.rdf": (
        b'<?xml version="1.0" encoding="utf-8"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
        b'02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/'
        b'dc/elements/1.1/"><channel rdf:about="https://rdf.example.de/"><title>RDF Zeitung'
        b"</title><link>https://rdf.example.de/</link><description>d</description></channel>"
        b'<item rdf:about="https://rdf.example.de/a/1"><title>Bahnstreik beendet</title>'
        b"<link>https://rdf.example.de/a/1</link><description>Die Z\xc3\xbcge fahren."
        b"</description><dc:date>2026-12-07T10:00:00+01:00</dc:date></item></rdf:RDF>",
        {"https://rdf.example.de/a/1": ("Bahnstreik beendet", "RDF Zeitung",
                                        _when(2026, 12, 7, 9))}),
    "atom_base.xml": (
        b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
        b'xml:base="https://atom.example.org/news/"><title>Base Herald</title><link href="./"/>'
        b"<id>urn:x</id><updated>2026-12-07T10:00:00Z</updated>"
        b'<entry xml:base="2026/12/"><title>Relative entry</title><link href="one.html"/>'
        b"<id>urn:1</id><updated>2026-12-07T10:00:00Z</updated><summary>Text.</summary></entry>"
        b'<entry xml:base="javascript:alert(1)//"><title>Script base</title><link href="x"/>'
        b"<id>urn:3</id><updated>2026-12-07T11:00:00Z</updated><summary>Text.</summary></entry>"
        b"</feed>",
        {"https://atom.example.org/news/2026/12/one.html": ("Relative entry", "Base Herald",
                                                             _when(2026, 12, 7, 10)),
         # an unsafe xml:base is not used: the feed's own base is
         "https://atom.example.org/news/x": ("Script base", "Base Herald",
                                             _when(2026, 12, 7, 11))}),
    "jsonfeed1.json": (json.dumps({
        "version": "https://jsonfeed.org/version/1", "title": "JSON Daily",
        "home_page_url": "https://json.example.net/", "author": {"name": "Ann Example"},
        "items": [{"id": "1", "url": "https://json.example.net/a/1", "title": "Feed in JSON",
                   "content_html": "<p>Hello.</p>",
                   "date_published": "2026-12-07T10:00:00+01:00"},
                  {"id": "2", "url": "javascript:alert(1)", "title": "Script link",
                   "date_published": "2026-12-07T10:00:00Z"}]}).encode(),
        {"https://json.example.net/a/1": ("Feed in JSON", "JSON Daily", _when(2026, 12, 7, 9))}),
    "jsonfeed11.json": (json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "JSON Weekly",
        "home_page_url": "https://json.example.net/", "language": "de",
        "items": [{"id": "3", "url": "https://json.example.net/a/3", "title": "Zweite Meldung",
                   "content_text": "Text hier.", "date_published": "2026-12-07T10:00:00Z",
                   "authors": [{"name": "Cy Example"}]},
                  {"id": "https://json.example.net/a/4", "content_html": "<p>Untitled.</p>",
                   "date_modified": "2026-12-07T11:00:00Z"},
                  None, {"title": ["not text"], "url": 7}]}).encode(),
        {"https://json.example.net/a/3": ("Zweite Meldung", "JSON Weekly",
                                          _when(2026, 12, 7, 10))}),
    "news_api_nulls.json": (json.dumps({"status": "ok", "articles": [
        {"source": {"id": None, "name": None}, "author": None, "title": "Null source",
         "description": None, "url": "https://api.example.com/1", "urlToImage": None,
         "publishedAt": "2026-12-07T10:00:00Z", "content": None},
        {"source": None, "title": None, "url": None, "publishedAt": None},
        {"source": {"name": "Wire"}, "title": "Milliseconds", "url": "https://api.example.com/2",
         "publishedAt": "1765101600000"},  # was read as the year 1765
        {"source": {"name": "Wire"}, "title": "A day only", "url": "https://api.example.com/3",
         "publishedAt": "2026-12-07"},  # a day as written: its midnight, UTC
        {"source": {"name": "Wire"}, "title": "A number", "url": "https://api.example.com/4",
         "publishedAt": 1765101600}]}).encode(),
        {"https://api.example.com/1": ("Null source", "api.example.com",
                                       _when(2026, 12, 7, 10)),
         "https://api.example.com/3": ("A day only", "Wire", _when(2026, 12, 7))}),
}


def _import(tmp_path: Path, files: dict[str, bytes], capsys) -> tuple[int, str, dict]:
    """Import ``files`` (name -> bytes) with the command; its exit code, standard error
    and the seeds written by their links."""
    feeds = tmp_path / "feeds"
    feeds.mkdir(exist_ok=True)
    names = list(files)
    for name, data in files.items():
        (feeds / name).write_bytes(data)
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    code = main(["import", *(str(feeds / n) for n in names), "--into", str(folder), "-v"])
    _out, err = capsys.readouterr()
    seeds = {seed.source_url: seed for seed in map(read_seed, sorted(folder.glob("*.txt")))}
    return code, err, seeds


def test_feeds_in_other_encodings_scripts_and_formats_import_and_build(tmp_path, capsys,
                                                                       monkeypatch):
    monkeypatch.chdir(tmp_path)  # no pelicanconf.py here: the defaults apply
    code, err, seeds = _import(tmp_path, {n: data for n, (data, _) in FEEDS.items()}, capsys)
    assert code == 0, err
    assert "Traceback" not in err
    expected = {url: story for _data, stories in FEEDS.values() for url, story in stories.items()}
    got = {url: (seed.title, seed.source_name, seed.published) for url, seed in seeds.items()}
    assert got == expected, err
    # A headline in Arabic letters under a feed declaring Hebrew is Arabic (it was "he")
    assert [seeds[f"https://news.example.il/a/{n}"].headers.get("language") for n in (4, 5)
            ] == ["he", "ar"]
    for words in ("rss091.xml item 1 (Ninety-one): skipped: no date",
                  "jsonfeed1.json item 2 (Script link): skipped: link 'javascript:alert(1)'",
                  "jsonfeed11.json item 2: skipped: no title",
                  "jsonfeed11.json item 3: skipped: is not an object",
                  "news_api_nulls.json article 3 (Milliseconds): skipped: date "
                  "'1765101600000' is not understood",
                  "article 5 (A number): skipped: date '1765101600' is not understood"):
        assert words in err
    site = build(tmp_path / "site", {path.name: path.read_bytes()
                                     for path in (tmp_path / "articles").glob("*.txt")})
    assert site.code == 0, site.stderr
    headlines = {" ".join(site.page(page.relative_to(site.output).as_posix())
                          .xpath("string(//h1)").split())
                 for page in site.files("stories/*.html")}
    assert headlines == {story[0] for story in expected.values()}


def test_the_sources_index_sorts_names_in_the_letters_they_are_written_in(tmp_path):
    """The publisher's key reads a Cyrillic or Greek letter as the Latin one it looks
    like (so a look-alike name is one publisher), and the index sorted by it: Новости
    under H, Ведомости under B, Коммерсантъ under K, among the Latin names."""
    names = ["Новости дня", "Ведомости", "Коммерсантъ", "Νέα", "Base Herald", "Kurier",
             "Hamburger Blatt", "Zeitung", "חדשות היום", "毎日ニュース"]
    site = build(tmp_path, {f"{n:03d}_{n:016x}.txt": seed_text(
        title=f"Story {n}", source=name, url=f"https://n{n}.example.com/story")
        for n, name in enumerate(names)})
    assert site.code == 0, site.stderr
    listed = [" ".join(a.text_content().split()) for a in site.page("sources/index.html")
              .xpath("//a[contains(@href, 'sources/')]")]
    assert [name for name in listed if name in names] == [
        "Base Herald", "Hamburger Blatt", "Kurier", "Zeitung", "Νέα", "Ведомости",
        "Коммерсантъ", "Новости дня", "חדשות היום", "毎日ニュース"]


# Dates in numbers as feeds write them -> the time they name; None: skipped, never misdated
NUMERIC_DATES = {
    "2026-12-07T10:00:00+0530": _when(2026, 12, 7, 4, 30),  # feedparser: 05:00
    "2026-12-07T10:00+0545": _when(2026, 12, 7, 4, 15),  # feedparser: 05:00
    "2026-12-07 10:00:00-0330": _when(2026, 12, 7, 13, 30),  # feedparser: 13:00
    "20261207T100000Z": _when(2026, 12, 7, 10),  # feedparser: midnight
    "2026/12/07 10:00:00 +0900": _when(2026, 12, 7, 1),  # feedparser: 1 December
    "2026-12-07T10:00:00.250+05:30": _when(2026, 12, 7, 4, 30),
    "2026-12-07T24:00:00Z": _when(2026, 12, 8),
    "2026-12-07": _when(2026, 12, 7),
    "2026-13-07T10:00:00Z": None,
    "2026-12-07T10:00:00+2400": None,
}


def test_dates_in_numbers_are_read_as_written(tmp_path, capsys, monkeypatch):
    """feedparser dropped the minutes of an offset written without a colon (India's
    +0530 read as +05:00, Newfoundland's -0330 as -03:00), the time of ISO 8601's basic
    form, and all but the month of a date with slashes."""
    monkeypatch.chdir(tmp_path)
    items = "".join(f"<item><title>Dated {n}</title><link>https://x.example.com/{n}</link>"
                    f"<pubDate>{date}</pubDate><description>Text.</description></item>"
                    for n, date in enumerate(NUMERIC_DATES))
    feed = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>X'
            f"</title><link>https://x.example.com/</link>{items}</channel></rss>").encode()
    code, err, seeds = _import(tmp_path, {"numbers.xml": feed}, capsys)
    assert code == 0, err
    got = {int(url.rsplit("/", 1)[1]): seed.published for url, seed in seeds.items()}
    assert got == {n: when for n, when in enumerate(NUMERIC_DATES.values()) if when}, err
    for n, date in enumerate(NUMERIC_DATES):
        if NUMERIC_DATES[date] is None:
            assert f"item {n + 1} (Dated {n}): skipped: date '{date}' is not understood" in err


# Zone names that mean several zones: (feed, {link: published}, note in the output or "")
ZONES = {
    "zones.xml": (_rss("Wire", "https://wire.example.com/", [
        ("Mumbai", "https://news.example.in/1", "Mon, 06 Jul 2026 10:00:00 IST", "x"),
        ("Dublin", "https://news.example.ie/2", "Mon, 06 Jul 2026 10:00:00 IST", "x"),
        ("Haifa", "https://news.example.co.il/3", "Mon, 06 Jul 2026 10:00:00 IST", "x"),
        ("London", "https://news.example.co.uk/4", "Mon, 06 Jul 2026 10:00:00 BST", "x"),
        ("Dhaka", "https://news.example.com.bd/5", "Mon, 06 Jul 2026 10:00:00 BST", "x"),
        ("Chicago", "https://news.example.com/6", "Mon, 06 Jul 2026 10:00:00 CST", "x"),
        ("Taipei", "https://news.example.tw/7", "Mon, 06 Jul 2026 10:00:00 CST", "x"),
        ("Halifax", "https://news.example.ca/8", "Mon, 06 Jul 2026 10:00:00 AST", "x"),
        ("Riyadh", "https://news.example.sa/9", "Mon, 06 Jul 2026 10:00:00 AST", "x")]), {
        "https://news.example.in/1": _when(2026, 7, 6, 4, 30),
        "https://news.example.ie/2": _when(2026, 7, 6, 9),
        "https://news.example.co.il/3": _when(2026, 7, 6, 8),
        "https://news.example.co.uk/4": _when(2026, 7, 6, 9),
        "https://news.example.com.bd/5": _when(2026, 7, 6, 4),
        "https://news.example.com/6": _when(2026, 7, 6, 16),
        "https://news.example.tw/7": _when(2026, 7, 6, 2),
        "https://news.example.ca/8": _when(2026, 7, 6, 14),
        "https://news.example.sa/9": _when(2026, 7, 6, 7)}),
    "zones_unsaid.xml": (_rss("Wire", "https://wire.example.com/", [
        ("Somewhere", "https://wire.example.com/10", "Mon, 06 Jul 2026 10:00:00 IST", "x"),
        ("Elsewhere", "https://wire.example.com/11", "Mon, 06 Jul 2026 11:00:00 IST", "x"),
        ("Hebrew", "https://wire.example.com/12", "Mon, 06 Jul 2026 10:00:00 IST",
         '<span xml:lang="he">x</span>'),
        ("Summer", "https://wire.example.com/13", "Mon, 06 Jul 2026 10:00:00 BST", "x")]), {
        "https://wire.example.com/10": _when(2026, 7, 6, 4, 30),
        "https://wire.example.com/11": _when(2026, 7, 6, 5, 30),
        "https://wire.example.com/12": _when(2026, 7, 6, 4, 30),
        "https://wire.example.com/13": _when(2026, 7, 6, 9)}),
}


def test_zone_names_of_several_zones_are_read_by_the_items_country_else_said(
        tmp_path, capsys, monkeypatch):
    """feedparser read IST and BST as UTC (right for none of their meanings: India's
    stories five and a half hours late) and CST and AST as American, 14 hours wrong
    for a Chinese feed. The country of the item's link or language now tells; with none,
    IST is India's and BST Britain's, and the import says so, once a feed."""
    monkeypatch.chdir(tmp_path)
    code, err, seeds = _import(tmp_path, {n: data for n, (data, _) in ZONES.items()}, capsys)
    assert code == 0, err
    expected = {url: when for _data, stories in ZONES.values() for url, when in stories.items()}
    assert {url: seed.published for url, seed in seeds.items()} == expected, err
    notes = [line for line in err.splitlines() if "names several" in line]
    assert notes == [
        f"{tmp_path / 'feeds' / 'zones_unsaid.xml'}: 3 items: its date's zone 'IST' names "
        "several (India's UTC+05:30, Ireland's UTC+01:00, Israel's UTC+02:00): read as "
        "India's (UTC+05:30); correct `Published at:` in the seeds if wrong",
        f"{tmp_path / 'feeds' / 'zones_unsaid.xml'}: 1 item: its date's zone 'BST' names "
        "several (Britain's UTC+01:00, Bangladesh's UTC+06:00): read as Britain's "
        "(UTC+01:00); correct `Published at:` in the seeds if wrong"], err


@pytest.mark.slow
@pytest.mark.skipif(not FEEDPARSER.is_dir(), reason="feedparser's repository is not mirrored")
def test_feedparser_corpus_of_odd_and_illegal_feeds(tmp_path, capsys, monkeypatch):
    """Every file of feedparser's own test corpus (its tests/ folders, read from the
    mirrored repository, never copied here): refused in one line or read; no item with a
    link that is not http(s) or a date outside the corpus's years; then all imported
    with the command and built."""
    subprocess.run(f"git -C {FEEDPARSER} archive HEAD tests | tar -x -C {tmp_path}",
                   shell=True, check=True)
    files = sorted(p for p in (tmp_path / "tests").rglob("*")
                   if p.is_file() and p.suffix in (".xml", ".json", ".rdf"))
    assert len(files) > 1500
    refused, stories, failures = 0, 0, []
    for path in files:
        try:
            items = list(items_from_bytes(path.read_bytes(), path.name))
        except ImportFileError as err:
            refused += 1
            assert "\n" not in str(err)
            continue
        except Exception:  # noqa: BLE001 - the hunt: every other exception is a failure
            failures.append(f"{path}: {traceback.format_exc(limit=2)}")
            continue
        for story in (item for item in items if isinstance(item, Story)):
            stories += 1
            if not is_web_url(story.url) or not 1995 <= story.published.year <= 2030:
                failures.append(f"{path}: {story}")
    assert not failures, failures[:5]
    assert stories >= 25 and refused < 20
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "articles"
    folder.mkdir()
    code = main(["import", *map(str, files), "--into", str(folder)])
    out, err = capsys.readouterr()
    assert code in (0, 1) and "Traceback" not in err
    assert f"imported {stories - 3}," in out  # three are another's duplicates
    site = build(tmp_path / "site", {p.name: p.read_bytes() for p in folder.glob("*.txt")})
    assert site.code == 0, site.stderr
    assert len(site.files("stories/*.html")) == stories - 3
