"""A headline's '#'s as Markdown reads a heading: closing '#'s ("# Headline #") are not
part of it, an escaped one ("\\#") is; the importer writes a headline that ends with
'#' so that it reads back whole. Real builds and the real commands, read back."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime

import feedparser
from feedgen.feed import FeedGenerator

from news_digest.curator.cli import main
from news_digest.seeds.format import read_seed

from sitebuild import ROOT, build, seed_text

# (as written after '# ', the headline readers are shown)
WRITTEN = [
    ("Markets rally after the vote #", "Markets rally after the vote"),
    ("Markets fall after the vote   ## ", "Markets fall after the vote"),
    ("C# 13 ships with new features", "C# 13 ships with new features"),
    ("Team ranked #1 again", "Team ranked #1 again"),
    ("#MeToo rally in the capital", "#MeToo rally in the capital"),
    ("Fans chant We're \\#", "Fans chant We're #"),
    ("Learn C\\# in a week #", "Learn C# in a week"),
]


def _titles_shown(site) -> dict[str, str]:
    """Story page's file name -> its <h1>."""
    return {p.name: " ".join(site.page(f"stories/{p.name}").xpath("string(//h1)").split())
            for p in site.files("stories/*.html")}


def test_closing_hashes_are_left_out_and_escaped_ones_kept(tmp_path):
    seeds = {f"{n:03d}_s.txt": seed_text(title=written, url=f"https://paper.example/{n}")
             for n, (written, _) in enumerate(WRITTEN)}
    site = build(tmp_path, seeds)
    assert site.code == 0, site.stderr
    shown = {title for _, title in WRITTEN}
    assert set(_titles_shown(site).values()) == shown
    for feed in ("all.rss.xml", "all.atom.xml"):
        parsed = feedparser.parse((site.output / "feeds" / feed).read_bytes())
        assert {e.title for e in parsed.entries} == shown, feed
    items = json.loads((site.output / "feeds" / "all.json").read_bytes())["items"]
    assert {item["title"] for item in items} == shown


def test_a_headline_of_closing_hashes_alone_is_refused_by_check(tmp_path):
    seed = tmp_path / "hashes.txt"
    seed.write_text(seed_text(title="##"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "news_digest", "check", str(seed)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert f"{seed}:1: the headline '##' is only Markdown's closing '#'s" in result.stderr


def _feed(items: list[str]) -> bytes:
    out = FeedGenerator()
    out.title("Gazette")
    out.link(href="https://gazette.example/", rel="alternate")
    out.description("News")
    for number, title in enumerate(items):
        entry = out.add_entry(order="append")
        entry.title(title)
        entry.link(href=f"https://gazette.example/story-{number}")
        entry.published(datetime(2021, 5, 4, 8 + number, tzinfo=UTC))
        entry.description(f"<p>The text of story {number}.</p>")
    return out.rss_str(pretty=True)


def test_import_keeps_a_headline_that_ends_with_a_hash(tmp_path, capsys, monkeypatch):
    """The importer writes each seed and reads it back before keeping it: a headline
    ending in ' #' was written as '# Ranked #', read back as 'Ranked', and the story
    refused. It is written '# Ranked \\#' now, and every headline reads back whole."""
    monkeypatch.chdir(tmp_path)  # no pelicanconf.py here: the defaults apply
    headlines = ["We are ranked #", "Top story ##", "C#", "We're #1", "A path ends in \\#",
                 "#"]
    (tmp_path / "feed.xml").write_bytes(_feed(headlines))
    folder = tmp_path / "articles"
    folder.mkdir()
    code = main(["import", str(tmp_path / "feed.xml"), "--into", str(folder)])
    _, err = capsys.readouterr()
    assert code == 0, err
    paths = sorted(folder.iterdir())
    assert sorted(read_seed(p).title for p in paths) == sorted(headlines)
    written = {p.read_text(encoding="utf-8").splitlines()[0] for p in paths}
    assert {"# We are ranked \\#", "# Top story \\##", "# C#", "# \\#"} <= written
    site = build(tmp_path / "site", {p.name: p.read_bytes() for p in paths})
    assert site.code == 0, site.stderr
    assert set(_titles_shown(site).values()) == set(headlines)
