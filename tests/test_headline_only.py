"""A story whose feed gives only its headline and link (Science's feeds do): the seed
says ``Headline only: **yes**`` and has no body; the build shows it as a link story
whatever the policy (there is no text to show), tags it from the headline alone,
clusters it with nothing, and every page and feed carries it. The importer side (a
real feed served locally) is in test_import_headline_only.py."""

from __future__ import annotations

import json

import feedparser
import pytest

from news_digest.curator.cli import main
from news_digest.seeds.format import SeedError, parse_seed, render_seed

from sitebuild import build, seed_text

HEADLINE_ONLY = (("Headline only", "yes"),)
SNAILS = "A quiet week for garden snails"
FLOOD = "Storm floods coastal town as river bursts its banks"
CARBON = "Catalyst turns carbon chains into rings"
HIV = "Gut bacteria and HIV acquisition"
MEASLES = "Measles vaccine trial begins in Ghana"
FLOOD_BODY = ("A storm flooded the coastal town of Marlow Bay on Tuesday after the river "
              "Wend burst its banks, and two hundred homes were evacuated.",
              "Rescue crews used boats to reach residents; the storm is expected to ease.")
SEEDS = {
    "001_a.txt": seed_text(title=SNAILS, author="Doe, J.", source="Garden Weekly",
                           url="https://garden.example/snails", body=(), extra=HEADLINE_ONLY,
                           published="2020-03-03T08:00:00Z"),
    "002_b.txt": seed_text(title=FLOOD, source="Coast Courier", url="https://courier.example/flood",
                           body=FLOOD_BODY, published="2020-03-03T09:00:00Z"),
    "003_c.txt": seed_text(title=FLOOD, source="Bay Herald", url="https://herald.example/flood",
                           body=(), extra=HEADLINE_ONLY, published="2020-03-03T10:00:00Z"),
    # From a headline alone, one light word is no evidence: "carbon" (a Climate phrase)
    # in chemistry, "acquisition" (a Business one) beside HIV.
    "004_d.txt": seed_text(title=CARBON, source="Lab Letters", url="https://lab.example/carbon",
                           body=(), extra=HEADLINE_ONLY, published="2020-03-04T08:00:00Z"),
    "005_e.txt": seed_text(title=HIV, source="Clinic Weekly", url="https://clinic.example/hiv",
                           body=(), extra=HEADLINE_ONLY, published="2020-03-04T09:00:00Z"),
    "006_f.txt": seed_text(title=MEASLES, source="Health Wire",
                           url="https://wire.example/measles", body=(), extra=HEADLINE_ONLY,
                           published="2020-03-04T10:00:00Z"),
}


def test_a_seed_without_a_body_says_so_or_is_refused(tmp_path, capsys):
    seed = parse_seed(SEEDS["001_a.txt"], "001_a.txt")
    assert (seed.paragraphs, seed.lead, seed.headers["headline_only"]) == ((), "", "yes")
    assert parse_seed(render_seed(seed), "001_a.txt") == seed  # written back the same
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "001_a.txt").write_text(SEEDS["001_a.txt"], encoding="utf-8")
    (folder / "002_none.txt").write_text(seed_text(body=()), encoding="utf-8")
    (folder / "003_both.txt").write_text(seed_text(extra=HEADLINE_ONLY), encoding="utf-8")
    assert main(["check", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "001_a.txt" not in err
    assert (f"{folder / '002_none.txt'}:8: no body: add the story's text, one paragraph per "
            "line, after the headers (for a story whose feed gives only its headline and "
            "link, write 'Headline only: **yes**' instead)") in err
    assert (f"{folder / '003_both.txt'}:9: 'Headline only: **yes**' but the story has text "
            "(from line 11): remove this line, or the text") in err
    with pytest.raises(SeedError):
        parse_seed(seed_text(body=(), extra=(("Headline only", "no"),)), "x.txt")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Every publisher on the full-text policy (sitebuild's default): a headline-only
    story still shows as a link story, since it has no text."""
    built = build(tmp_path_factory.mktemp("headline-only"), SEEDS)
    assert built.code == 0, built.stderr
    return built


def test_its_page_is_a_link_page_with_one_call_to_the_original(site):
    page = site.page("stories/a-quiet-week-for-garden-snails.html")
    assert page.xpath("string(//h1)") == SNAILS
    assert page.xpath("//main//div[contains(@class, 'body')]") == []
    assert page.xpath("//p[@class='reading-time']") == []
    links = page.xpath("//main//a[@href='https://garden.example/snails']")
    assert [a.text_content() for a in links] == ["Read the original at Garden Weekly"]
    assert page.xpath("string(//p[@class='read-there'])").strip() == (
        "The News Digest links to this story rather than republishing it.")
    # Not a copy of anything: indexable and canonical to itself, unlike a full-text page.
    assert page.xpath("//head/meta[@name='robots']") == []
    assert page.xpath("//head/link[@rel='canonical']/@href")
    assert [e.text for e in page.xpath("//*[@data-pagefind-body]")] == [SNAILS]
    ld = json.loads(page.xpath("string(//script[@type='application/ld+json'])"))
    assert ld["isBasedOn"] == "https://garden.example/snails"
    assert "Garden Weekly" in ld["description"]
    assert "/stories/a-quiet-week-for-garden-snails.html" in (
        site.output / "sitemap.xml").read_text(encoding="utf-8")


def test_it_gets_topics_from_its_headline_only_and_joins_no_event(site):
    by_publisher = {s["publisher"]: s for s in json.loads(
        (site.output / "stories.json").read_bytes())["stories"]}
    # Nothing in the headline names a topic, and there is nothing else to read.
    assert by_publisher["Garden Weekly"]["topics"] == ["General"]
    # A headline alone gives its best topic only, and only at the threshold: not one
    # light word near the line (Climate for "carbon"), nor a second topic (Business for
    # "acquisition"), which a story's text would have had to bear out.
    assert by_publisher["Lab Letters"]["topics"] == ["General"]
    assert by_publisher["Clinic Weekly"]["topics"] == ["Health"]
    assert by_publisher["Health Wire"]["topics"] == ["Health"]
    page = site.page("stories/gut-bacteria-and-hiv-acquisition.html")
    assert [a.text_content() for a in page.xpath("//div[@class='topics']//a")] == ["Health"]
    # The same headline as the Courier's report, but a headline alone is no evidence.
    assert by_publisher["Bay Herald"]["cluster_size"] == 1
    assert by_publisher["Coast Courier"]["cluster_size"] == 1


def test_feeds_carry_its_headline_credit_and_link(site):
    for name in ("all.atom.xml", "all.rss.xml"):
        parsed = feedparser.parse((site.output / "feeds" / name).read_bytes())
        assert not parsed.bozo, name
        [entry] = [e for e in parsed.entries if e.title == SNAILS]
        body = entry.get("content", [{}])[0].get("value") or entry.summary
        assert "https://garden.example/snails" in body and "Garden Weekly" in body
    items = json.loads((site.output / "feeds/all.json").read_bytes())["items"]
    [item] = [i for i in items if i["title"] == SNAILS]
    assert item["external_url"] == "https://garden.example/snails"
    assert item["summary"].startswith("Garden Weekly, 3 March 2020")


def test_explain_says_why_it_shows_no_text(tmp_path, capsys):
    seed_file = tmp_path / "001_a.txt"
    seed_file.write_text(SEEDS["001_a.txt"], encoding="utf-8")
    assert main(["explain", str(seed_file)]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert "Topics: General  [from the headline alone (the story has no text): its best " \
        "topic only, and only when it reaches 5; else General]" in out
    assert out.rstrip().endswith(
        "Shown as: link (the headline, the credit and a link to the original, none of its "
        "text): the seed says 'Headline only: **yes**', its feed gave no text to show "
        "(docs/importing.md)")


def test_explain_cluster_says_a_headline_is_not_enough(tmp_path, capsys):
    for name in ("002_b.txt", "003_c.txt"):
        (tmp_path / name).write_text(SEEDS[name], encoding="utf-8")
    assert main(["explain", "--cluster", str(tmp_path / "003_c.txt"),
                 "--content", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Cluster " in out and ": 1 story," in out
    assert out.rstrip().endswith(
        "Headline only (no text): a headline alone is too little to tell one event from "
        "another, so no pair is scored for this story; 'Same event as:' joins it to a "
        "cluster (docs/clusters.md)")
