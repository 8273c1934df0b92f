"""Feed items with a headline, a link and a date but no text (Science's feeds are all
like that), imported by the real importer from feeds served on 127.0.0.1: under the
`link` policy they become headline-only seeds, flagged in the summary; under `excerpt`
and `full` they are skipped with the reason. Then the seeds are checked and built."""

from __future__ import annotations

from datetime import UTC, datetime

import feedparser
import pytest
from feedgen.feed import FeedGenerator

from news_digest.curator.cli import main
from news_digest.seeds.format import read_seed

from sitebuild import SHARED, build

# A real HTTP server and whole imports: the slow tier (make test), not make test-fast.
pytestmark = pytest.mark.slow

SCIENCE = SHARED / "realworld-feeds" / "science-twis-2017.rss1.rdf.xml"


def feed(home: str, items: list[tuple[str, str]]) -> bytes:
    """RSS 2.0: (headline, text) per item; an item with no text has no description."""
    out = FeedGenerator()
    out.title("Gazette")
    out.link(href=home, rel="alternate")
    out.description("News")
    for number, (title, text) in enumerate(items):
        entry = out.add_entry(order="append")
        entry.title(title)
        entry.link(href=f"{home}story-{number}")
        entry.guid(f"{home}story-{number}", permalink=True)
        entry.published(datetime(2021, 5, 4, 8 + number, tzinfo=UTC))
        if text:
            entry.description(f"<p>{text}</p>")
    return out.rss_str(pretty=True)


ITEMS = [("Harbour bridge reopens after repairs", "The harbour bridge reopened on Tuesday."),
         ("A headline and nothing more", "")]


def _import(capsys, tmp_path, sources: str, *extra) -> tuple[int, str, str, dict]:
    (tmp_path / "sources.toml").write_text(sources, encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    code = main(["import", "--sources", str(tmp_path / "sources.toml"), "--into", str(folder),
                 "--state", str(tmp_path / "state.json"), "--retries", "0", *extra])
    out, err = capsys.readouterr()
    return code, out, err, {p.name: read_seed(p) for p in sorted(folder.iterdir())}


def _source(name: str, home: str, feed_url: str, policy: str) -> str:
    return (f'[[source]]\nname = "{name}"\nhome = "{home}"\nfeeds = ["{feed_url}"]\n'
            f'policy = "{policy}"\n')


def test_link_imports_the_headline_full_and_excerpt_skip_it(feed_server, tmp_path, capsys):
    sources = "\n".join(
        _source(name, home, feed_server.add(f"/{policy}.xml", body=feed(home, ITEMS)), policy)
        for name, home, policy in [("Link Gazette", "https://link.example/", "link"),
                                   ("Lead Gazette", "https://lead.example/", "excerpt"),
                                   ("Full Gazette", "https://full.example/", "full")])
    code, out, err, seeds = _import(capsys, tmp_path, sources, "--verbose")
    assert code == 0, err
    assert out.strip() == ("imported 4, duplicates 0, skipped 2 (no text: 2); headline only: 1 of "
                           "the 4 imported (the feed gives no text); feeds: 3 fetched")
    bare = [s for s in seeds.values() if not s.paragraphs]
    assert [(s.source_name, s.title, s.source_url, s.headers["headline_only"]) for s in bare] \
        == [("Link Gazette", "A headline and nothing more", "https://link.example/story-1",
             "yes")]
    assert bare[0].published == datetime(2021, 5, 4, 9, tzinfo=UTC)
    assert bare[0].headers["feed"] == feed_server.url("/link.xml")
    assert "item 2 (A headline and nothing more): imported with its headline only" in err
    for name in ("Lead Gazette", "Full Gazette"):
        policy = "excerpt" if name == "Lead Gazette" else "full"
        assert (f"item 2 (A headline and nothing more): skipped: no text (neither description "
                f"nor content), and the policy of {name} is '{policy}', which shows the text "
                "(under 'link' it is imported with its headline only)") in err
    assert main(["check", str(tmp_path / "articles")]) == 0
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.skipif(not SCIENCE.is_file(), reason=f"{SCIENCE} is absent (real-world "
                    "captures exist only beside the repository on CI)")
def test_sciences_headline_only_feed_becomes_a_link_digest(feed_server, tmp_path, capsys):
    url = feed_server.add("/science.rdf", body=SCIENCE.read_bytes(),
                     content_type="application/rdf+xml")
    code, out, err, seeds = _import(
        capsys, tmp_path, _source("Science", "https://www.science.org/", url, "link"))
    assert code == 0, err
    assert out.strip() == ("imported 69, duplicates 0, skipped 0; headline only: 69 of the 69 "
                           "imported (the feed gives no text); feeds: 1 fetched")
    assert all(not s.paragraphs and s.source_name == "Science" for s in seeds.values())
    site = build(tmp_path / "site", {name: (tmp_path / "articles" / name).read_bytes()
                                     for name in seeds},
                 settings={"DIGEST_DEFAULT_POLICY": "link"})
    assert site.code == 0, site.stderr
    stories = site.files("stories/*.html")
    assert len(stories) == 69
    for path in stories:
        page = site.page(str(path.relative_to(site.output)))
        [original] = page.xpath("//main//p[@class='read-original']/a/@href")
        assert page.xpath(f"//main//a[@href='{original}']/text()") == [
            "Read the original at Science"]
        assert page.xpath("//main//div[contains(@class, 'body')]") == []
    parsed = feedparser.parse((site.output / "feeds/all.atom.xml").read_bytes())
    assert not parsed.bozo and len(parsed.entries) == 50
