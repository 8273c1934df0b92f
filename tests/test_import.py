"""``python -m news_digest import``: feeds and news-API exports assembled in
tests/data/feeds/ imported into temporary folders, read back, then built."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from news_digest.curator import seed_folder as seed_store
from news_digest.curator.cli import main
from news_digest.seeds.format import read_seed
from news_digest.seeds.urls import url_identity

from sitebuild import ROOT, build, seed_text

FEEDS = Path(__file__).parent / "data" / "feeds"
NAME_RE = re.compile(r"^(\d{3,})_([0-9a-f]{16})\.txt$")
# What the fixtures hold, item by item (see the files): 15 stories, 2 of them with no
# text (imported headline only: the default policy is link), the Zürich story twice
# (utm parameters, host case, trailing slash and fragment differ).
SKIPPED = {"no date": 3, "no link": 2, "no title": 1, "link not http(s)": 1}


@pytest.fixture(autouse=True)
def outside_the_project(tmp_path, monkeypatch):
    """No pelicanconf.py nor sources.toml in the working folder: defaults only."""
    monkeypatch.chdir(tmp_path)


def run_import(capsys, folder, *files):
    code = main(["import", *map(str, files), "--into", str(folder)])
    out, err = capsys.readouterr()
    return code, out, err


def seeds_in(folder: Path) -> dict[str, object]:
    """URL -> parsed seed for every seed file in the folder (each must parse)."""
    found = {}
    for path in sorted(folder.iterdir()):
        assert NAME_RE.match(path.name), path.name
        seed = read_seed(path)
        assert NAME_RE.match(path.name).group(2) == seed.identity
        found[seed.source_url] = seed
    return found


@pytest.fixture
def imported(tmp_path, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    code, out, err = run_import(capsys, folder, *sorted(FEEDS.iterdir()), "--verbose")
    return folder, code, out, err


def test_every_story_is_imported_once_and_reads_back(imported):
    folder, code, out, err = imported
    assert code == 0, err
    seeds = seeds_in(folder)
    assert len(seeds) == 15
    assert sum(not s.paragraphs for s in seeds.values()) == 2
    numbers = sorted(int(NAME_RE.match(p.name).group(1)) for p in folder.iterdir())
    assert numbers == list(range(15))
    summary, flagged = out.strip().splitlines()[-1].split("; ")
    counts = ", ".join(f"{k}: {v}" for k, v in SKIPPED.items())
    assert summary.startswith("imported 15, duplicates 1, skipped 7 (")
    assert sorted(summary[summary.index("(") + 1:-1].split(", ")) == sorted(counts.split(", "))
    assert flagged == "headline only: 2 of the 15 imported (the feed gives no text)"


def test_skipped_items_are_named_with_the_reason(imported):
    _, _, _, err = imported
    lines = err.splitlines()
    planet = str(FEEDS / "planet-world.rss.xml")
    assert f"{planet} item 5 (An item without a date): skipped: no date (neither published " \
           "nor updated)" in lines
    assert f"{planet} item 6 (An item without a link): skipped: no link" in lines
    assert f"{planet} item 7: skipped: no title" in lines
    assert any(line.startswith(f"{planet} item 8 (A link that is not a web page): skipped: "
                               "link 'mailto:") for line in lines)
    assert any(line.startswith(f"{planet} item 9 (Picture of the day): imported with its "
                               "headline only (the feed gives no text): ") for line in lines)
    atom = str(FEEDS / "heise-like.atom.xml")
    assert f"{atom} item 3 (Ohne Datum geht es nicht): skipped: date 'irgendwann' is not " \
           "understood" in lines
    assert sum(": skipped: " in line for line in lines) == sum(SKIPPED.values())


def test_without_verbose_skipped_items_are_one_summary(tmp_path, capsys):
    folder = tmp_path / "quiet"
    folder.mkdir()
    code, out, err = run_import(capsys, folder, *sorted(FEEDS.iterdir()))
    assert code == 0
    assert err == ""
    [summary] = out.strip().splitlines()
    assert summary.startswith("imported 15, duplicates 1, skipped 7 (no date: 3, ")


def test_rss_html_description_becomes_plain_paragraphs(imported):
    seeds = seeds_in(imported[0])
    zurich = seeds["https://planet.example/world/2024/03/zurich-tram"]  # utm_* stripped
    assert zurich.title == "Zürich votes on new tram line & bike lanes"
    assert zurich.byline == "Anna Müller"  # dc:creator
    assert zurich.source_name == "The Daily Planet"  # the feed's title less its section
    assert zurich.published == datetime(2024, 3, 5, 8, 15, tzinfo=UTC)
    assert zurich.published.utcoffset().total_seconds() == 0
    assert zurich.paragraphs == (
        "Voters in Zürich approved the tram line & two bike lanes on Sunday.",
        "The city council said work starts in May.",
        "Residents of Oerlikon welcomed the news – “finally”.",
    )
    tokyo = seeds["https://planet.example/world/2024/03/tokyo-markets"]  # relative link
    assert tokyo.paragraphs == ("The Nikkei 225 rose 1.2% in 東京 on Tuesday.",
                                "Exporters led the gains.")
    storm = seeds["https://planet.example/world/2024/03/storm-season"]
    assert storm.byline == "Lois Lane"  # <author>mail (Name)</author>
    assert storm.published == datetime(2024, 3, 5, 3, 30, tzinfo=UTC)
    assert storm.paragraphs == ("Forecasters warned on Monday that the storm season has "
                                "started three weeks early.",
                                "Coastal towns were told to prepare sandbags.")


def test_atom_html_content_authors_and_relative_links(imported):
    seeds = seeds_in(imported[0])
    java = seeds["https://technik.example/news/java-aenderungen-1001.html"]
    assert java.title == "Größere Änderungen für Java-Entwickler"
    assert java.byline == "Jürgen Weiß, Eva Öztürk"
    assert java.published == datetime(2024, 2, 1, 16, 22, tzinfo=UTC)  # published, not updated
    assert java.paragraphs == ("Die nun verfügbare Version bringt größere Änderungen für "
                               "Entwickler.", "Übergänge & Migrationen werden einfacher.")
    libfoo = seeds["https://technik.example/news/sicherheit/libfoo-1002.html"]
    assert libfoo.title == "Sicherheitslücke in libfoo geschlossen"  # type="html" title
    assert libfoo.published == datetime(2024, 1, 31, 8, 0, tzinfo=UTC)  # only <updated>
    archive = seeds["https://technik.example/archiv/2024/erste-ausgabe-1004.html"]  # xml:base
    assert archive.paragraphs == ("Ein Blick zurück auf die erste Ausgabe.",)


def test_latin1_rdf_feed_keeps_its_umlauts(imported):
    seeds = seeds_in(imported[0])
    graz = seeds["https://rundschau.example/2023/01/graz-bruecke.html"]
    assert graz.title == "Grazer Brücke wird für Fußgänger geöffnet"
    assert graz.byline == "Jörg Großmann"
    assert graz.source_name == "Rundschau Österreich"
    assert graz.published == datetime(2023, 1, 25, 18, 3, 2, tzinfo=UTC)  # dc:date
    assert len(graz.paragraphs) == 2  # content:encoded beats the shorter description


def test_news_api_records_with_nulls(imported):
    seeds = seeds_in(imported[0])
    records = json.loads((FEEDS / "newsapi-export.json").read_text())["articles"]
    library = seeds[records[0]["url"]]
    assert library.title == "City opens new library"  # " - Metro Wire" dropped
    assert library.byline == ""
    assert library.source_name == "Metro Wire"
    assert library.paragraphs == ("The new central library opened on Saturday with 200,000 "
                                  "books and a rooftop café. Mayor Ana Ruiz cut the ribbon",)
    floods = seeds[records[1]["url"]]
    assert floods.byline == "Sam Hill, Dana Scully"
    assert floods.published == datetime(2021, 6, 4, 3, 10, 5, tzinfo=UTC)
    assert not any("chars]" in p for p in floods.paragraphs)
    harbour = seeds[records[4]["url"]]
    assert harbour.source_name == "harbour.example"  # source.name null
    assert harbour.published == datetime(2021, 6, 4, 8, 0, tzinfo=UTC)
    [valley] = [s for s in seeds.values() if s.source_name == "Valley Times"]  # a bare list
    assert valley.published == datetime(2022, 11, 20, 15, 45, tzinfo=UTC)


def test_second_import_only_counts_duplicates(imported, capsys):
    folder = imported[0]
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
    code, out, _ = run_import(capsys, folder, *sorted(FEEDS.iterdir()))
    assert code == 0
    assert out.strip().splitlines()[-1].startswith("imported 0, duplicates 16, skipped 7")
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()} == before


def test_numbering_continues_and_existing_seeds_are_untouched(tmp_path, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    mine = folder / "041_aaaaaaaaaaaaaaaa.txt"
    mine.write_text(seed_text(url="https://valleytimes.example/school-robotics/?utm_medium=x"))
    other = folder / "007_bbbbbbbbbbbbbbbb.txt"
    other.write_text(seed_text(url="https://other.example/story"))
    stamp = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (mine, other)}
    code, out, _ = run_import(capsys, folder, FEEDS / "newsapi-list.json",
                              FEEDS / "rundschau.rss1.rdf.xml")
    assert code == 0
    assert out.strip() == "imported 2, duplicates 1, skipped 0"
    new = sorted(p.name for p in folder.iterdir() if p not in stamp)
    assert [NAME_RE.match(n).group(1) for n in new] == ["042", "043"]
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in stamp} == stamp


def test_source_option_names_the_publisher(tmp_path, capsys):
    code, _, err = run_import(capsys, tmp_path, FEEDS / "planet-world.rss.xml",
                              "--source", "Daily Planet")
    assert code == 0, err
    assert {read_seed(p).source_name for p in tmp_path.iterdir()} == {"Daily Planet"}


def test_a_taken_name_is_never_replaced(tmp_path):
    folder = tmp_path
    identity = url_identity("https://e.example/a")
    taken = folder / seed_store.seed_name(5, identity)
    taken.write_text("the curator's own file\n")
    path = seed_store.write_new(folder, 5, identity, seed_text(url="https://e.example/a"))
    assert path.name == seed_store.seed_name(6, identity)
    assert taken.read_text() == "the curator's own file\n"
    assert read_seed(path).source_url == "https://e.example/a"
    assert sorted(p.name for p in folder.iterdir()) == sorted([taken.name, path.name])


def test_interrupted_import_leaves_only_whole_seeds(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "articles"
    folder.mkdir()
    real_link, calls = os.link, []

    def link_then_interrupt(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            raise KeyboardInterrupt
        real_link(src, dst)

    monkeypatch.setattr(seed_store.os, "link", link_then_interrupt)
    code, out, err = run_import(capsys, folder, FEEDS / "planet-world.rss.xml")
    assert code == 130
    assert "interrupted" in err
    assert out.strip().startswith("imported 2,")
    assert sorted(p.name for p in folder.iterdir()) == sorted(Path(c).name for c in calls[:2])
    assert len(seeds_in(folder)) == 2


def test_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    def fail(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(seed_store.os, "fsync", fail)
    with pytest.raises(OSError):
        seed_store.write_new(tmp_path, 0, "0" * 16, seed_text())
    assert list(tmp_path.iterdir()) == []


def test_imported_stories_build_into_pages(imported, tmp_path):
    folder = imported[0]
    seeds = seeds_in(folder)
    site = build(tmp_path / "site", {p.name: p.read_bytes() for p in folder.iterdir()})
    assert site.code == 0, site.stderr
    assert site.warnings == []
    pages = {}
    for path in site.files("stories/*.html"):
        page = site.page(path.relative_to(site.output))
        [h1] = page.iter("h1")
        body = [p.text_content() for p in page.xpath("//div[@class='body']/p")]
        pages[h1.text_content()] = body
    assert sorted(pages) == sorted(s.title for s in seeds.values())
    for seed in seeds.values():
        assert pages[seed.title] == list(seed.paragraphs)


def _cli(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "news_digest", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, **kwargs)


def test_user_errors_are_messages_and_the_rest_is_imported(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (tmp_path / "broken.json").write_text('{"articles": [\n  {"title": "x",}\n]}')
    (tmp_path / "notes.txt").write_text("just some notes, not a feed\n")
    (tmp_path / "other.json").write_text('{"status": "ok"}')
    result = _cli("import", tmp_path / "broken.json", tmp_path / "notes.txt",
                  tmp_path / "missing.xml", tmp_path / "other.json",
                  FEEDS / "newsapi-list.json", "--into", folder)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert f"{tmp_path / 'broken.json'}: line 2, column 17: not valid JSON: Expecting " \
           "property name enclosed in double quotes" in lines
    assert any(line.startswith(f"{tmp_path / 'notes.txt'}: is not an RSS or Atom feed")
               for line in lines)
    assert f"{tmp_path / 'missing.xml'}: cannot be read: No such file or directory" in lines
    assert any(line.startswith(f"{tmp_path / 'other.json'}: is JSON but neither a news-API "
                               "export nor a JSON Feed")
               for line in lines)
    summary = result.stdout.strip()
    assert summary.startswith("imported 1, duplicates 0, skipped 0; feeds: 1 read, 4 failed (")
    for name in ("broken.json", "notes.txt", "missing.xml", "other.json"):
        assert f"{tmp_path / name}: " in summary  # which failed, and why
    assert len(seeds_in(folder)) == 1


def test_missing_target_folder_is_a_message(tmp_path):
    result = _cli("import", FEEDS / "newsapi-list.json", "--into", tmp_path / "nowhere")
    assert result.returncode == 2
    assert result.stderr.strip() == (f"{tmp_path / 'nowhere'}: the target folder does not "
                                     "exist: create it or pass --into with the seed folder "
                                     "(content/articles/)")
    assert not (tmp_path / "nowhere").exists()


def test_many_items_import_without_a_bar_when_not_on_a_terminal(tmp_path):
    records = [{"source": {"id": None, "name": "Bulk News"}, "author": None,
                "title": f"Story number {n}", "description": f"Text of story {n}.",
                "url": f"https://bulk.example/{n}", "publishedAt": "2021-01-01T00:00:00Z",
                "content": None} for n in range(350)]
    export = tmp_path / "bulk.json"
    export.write_text(json.dumps({"articles": records}))
    folder = tmp_path / "articles"
    folder.mkdir()
    result = _cli("import", export, "--into", folder)
    assert result.returncode == 0, result.stderr
    assert "\r" not in result.stderr and "#" not in result.stderr
    assert result.stdout.strip() == "imported 350, duplicates 0, skipped 0"
    names = sorted(p.name for p in folder.iterdir())
    assert names[0].startswith("000_") and names[-1].startswith("349_")
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_progress_bar_on_a_terminal(tmp_path):
    pty = pytest.importorskip("pty", reason="needs a pseudo-terminal (POSIX)")
    records = [{"source": {"name": "Bulk News"}, "title": f"Story {n}",
                "description": f"Text {n}.", "url": f"https://bulk.example/{n}",
                "publishedAt": "2021-01-01T00:00:00Z"} for n in range(320)]
    records.append({"title": "Undated", "description": "x", "url": "https://bulk.example/u"})
    export = tmp_path / "bulk.json"
    export.write_text(json.dumps(records))
    folder = tmp_path / "articles"
    folder.mkdir()
    master, slave = pty.openpty()
    try:
        # The bar is ~30 short redraws: well under a terminal's buffer while we wait.
        result = subprocess.run([sys.executable, "-m", "news_digest", "import", str(export),
                                 "--into", str(folder), "--verbose"], stderr=slave,
                                stdout=subprocess.PIPE, cwd=ROOT, timeout=120)
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the terminal's other end is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
    shown = b"".join(chunks).decode()
    assert result.returncode == 0
    assert result.stdout.decode().strip() == ("imported 320, duplicates 0, skipped 1 "
                                              "(no date: 1)")
    frames = [f for f in re.split(r"[\r\n]+", shown) if f.startswith("[")]
    assert frames[-1].strip() == "[" + "#" * 30 + "] 320/320"  # the stories to write
    assert any(f.startswith("[#") and "#." in f for f in frames)  # a partly filled bar
    assert any("article 321 (Undated): skipped: no date" in line for line in shown.splitlines())


def _closed_port() -> int:
    """A local port nobody listens on: connecting to it is refused at once."""
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_import_that_reaches_no_feed_says_so_once(tmp_path, capsys):
    """Offline, the import printed the same failure once per feed on standard error and
    again, feed by feed, in its summary."""
    port = _closed_port()
    urls = [f"http://127.0.0.1:{port}/feed{n}.xml" for n in range(3)]
    (tmp_path / "sources.toml").write_text(
        '[[source]]\nname = "Nowhere News"\nhome = "https://nowhere.example/"\n'
        'feeds = [' + ", ".join(f'"{u}"' for u in urls)
        + ']\n')
    folder = tmp_path / "articles"
    folder.mkdir()
    code = main(["import", "--into", str(folder), "--sources", str(tmp_path / "sources.toml"),
                 "--retries", "0"])
    out, err = capsys.readouterr()
    assert code == 1
    [line] = err.splitlines()
    assert line.startswith("import: none of the 3 feeds could be reached (cannot connect: ")
    assert line.endswith("is the network down? Nothing was imported; the next import tries "
                         "every feed again")
    assert out.count("cannot connect") == 1
    assert out.strip().endswith(")") and "feeds: 3 failed (every one: cannot connect" in out
    assert list(folder.iterdir()) == []
    # Beside a feed that was read, each one that failed is named, its reason once.
    code, out, err = run_import(capsys, folder, FEEDS / "newsapi-list.json", *urls[:2],
                                "--retries", "0")
    assert code == 1
    assert [line.split(": ")[0] for line in err.splitlines()] == urls[:2]
    assert out.count("cannot connect") == 1 and f"{urls[0]}, {urls[1]}" in out
    assert len(seeds_in(folder)) == 1


def test_a_feeds_control_characters_never_reach_the_terminal(tmp_path, capsys):
    """A hostile export's ESC sequences (clear the screen, retitle the window, forge a
    log line) were printed as they came in the reasons items are skipped for."""
    escape = "\u001b[2J\u001b]0;pwned\u0007"
    export = tmp_path / "export.json"
    export.write_text(json.dumps({"status": "ok", "articles": [
        {"source": {"name": "Wire"}, "title": "A link", "url": f"javascript:{escape}",
         "publishedAt": "2023-01-02T10:00:00Z", "content": "Body."},
        {"source": {"name": "Wire"}, "title": "A date", "url": "https://wire.example/1",
         "publishedAt": f"{escape}monday", "content": "Body."},
        {"source": {"name": f"Wire{escape}"}, "title": f"Harbour{escape} bridge shut",
         "url": "https://wire.example/2", "publishedAt": "2023-01-02T10:00:00Z",
         "content": "The harbour bridge was shut."}]}), encoding="utf-8")
    folder = tmp_path / "content" / "articles"
    folder.mkdir(parents=True)
    assert main(["import", str(export), "--into", str(folder), "-v"]) == 0
    out, err = capsys.readouterr()
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out + err), err
    assert "link 'javascript:\\x1b[2J\\x1b]0;pwned\\x07' is not an absolute" in err
    assert "date '\\x1b[2J\\x1b]0;pwned\\x07monday' is not understood" in err
    site = build(tmp_path, {})
    assert site.code == 0, site.stderr
    [page] = site.files("stories/*.html")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", page.read_text(encoding="utf-8"))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_named_as_a_feed_or_sources_file_is_refused_at_its_cap(tmp_path):
    """`stat` gives a device's size as 0: the size check passed and /dev/zero was read
    until the memory ran out (MemoryError, or the system killing the import)."""
    folder = tmp_path / "content" / "articles"
    folder.mkdir(parents=True)
    result = _cli("import", "/dev/zero", FEEDS / "newsapi-list.json", "--into", folder)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "/dev/zero: is larger than 50 MB" in result.stderr
    assert list(folder.glob("*.txt"))  # the other file was imported
    sources = _cli("import", "--sources", "/dev/zero", "--into", folder)
    assert sources.returncode == 2
    assert sources.stderr == "import: /dev/zero:1: is larger than 5 MB: is it the right file?\n"
    site = build(tmp_path, {})
    assert site.code == 0 and site.files("stories/*.html"), site.stderr


def test_a_headline_escaped_twice_by_its_feed_reads_as_written(tmp_path, capsys):
    """Publishers escape a headline twice ("AT&amp;amp;T" in the XML, "AT&amp;T" once
    read): the page showed "AT&amp;T" where the headline is "AT&T"."""
    atom = tmp_path / "wire.atom"
    atom.write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
        '<link href="https://wire.example/"/><id>urn:w</id><updated>2026-12-06T10:00:00Z</updated>'
        '<entry><title>AT&amp;amp;T buys &amp;#8216;Time&amp;#8217; for $85bn</title>'
        '<link href="https://wire.example/a"/><id>urn:a</id><updated>2026-12-06T10:00:00Z</updated>'
        '<summary>AT&amp;T agreed on Sunday to buy Time Warner.</summary></entry>'
        '<entry><title type="html">Tom &amp;amp;amp; Jerry return</title>'
        '<link href="https://wire.example/b"/><id>urn:b</id><updated>2026-12-06T11:00:00Z</updated>'
        '<summary>The studio said on Sunday.</summary></entry>'
        '<entry><title>Fish &amp; chips &lt; 5 pounds</title>'
        '<link href="https://wire.example/c"/><id>urn:c</id><updated>2026-12-06T12:00:00Z</updated>'
        '<summary>A survey said.</summary></entry></feed>', encoding="utf-8")
    export = tmp_path / "export.json"
    export.write_text(json.dumps({"status": "ok", "articles": [
        {"source": {"name": "Wire"}, "title": "Q&amp;A: the harbour&#x2019;s bridge",
         "url": "https://wire.example/d", "publishedAt": "2026-12-06T13:00:00Z",
         "content": "The harbour bridge was shut."}]}), encoding="utf-8")
    folder = tmp_path / "content" / "articles"
    folder.mkdir(parents=True)
    code, _out, err = run_import(capsys, folder, atom, export)
    assert code == 0, err
    assert sorted(seed.title for seed in seeds_in(folder).values()) == [
        "AT&T buys \u2018Time\u2019 for $85bn", "Fish & chips < 5 pounds",
        "Q&A: the harbour\u2019s bridge", "Tom & Jerry return"]
    site = build(tmp_path, {})
    assert site.code == 0, site.stderr
    pages = " ".join(page.read_text(encoding="utf-8") for page in site.files("stories/*.html"))
    assert "AT&amp;T buys" in pages and "&amp;amp;" not in pages


def test_an_earlier_versions_temporary_seed_is_removed_once_old(tmp_path, capsys):
    """Imports before 7 December 2026 wrote each seed to ``.import-XXXXXXXX.tmp`` (no
    pid); one killed while writing left it in the seed folder for good (hidden, so
    never built, but committed with the folder). The next import removes such a file
    once it is a minute old; a fresh one (another version's live import) is left."""
    folder = tmp_path / "articles"
    folder.mkdir()
    old, fresh = folder / ".import-k3x_9q2a.tmp", folder / ".import-p0p0p0p0.tmp"
    notes = folder / ".import-notes.tmp"  # not a name mkstemp gives
    for path in (old, fresh, notes):
        path.write_text("# half a seed\n", encoding="utf-8")
    hour_ago = time.time() - 3600
    for path in (old, notes):
        os.utime(path, (hour_ago, hour_ago))
    code, _, err = run_import(capsys, folder, FEEDS / "planet-world.rss.xml")
    assert code == 0, err
    assert not old.exists() and fresh.exists() and notes.exists()
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == sorted(
        [fresh.name, notes.name])
