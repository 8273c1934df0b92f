"""Topics in a real build (tag pages, links) and the `explain` and `check` commands."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sitebuild import ROOT, SAMPLE_SEED, build, seed_text

LABELLED = Path(__file__).parent / "data" / "labelled"
TENNIS = "001_a1f0c3d2e4b5a6c7.txt"  # sports
VIRUS = "002_b2e1d4c3f5a6b7c8.txt"  # cybersecurity
CRYPTO = "033_c3f2e5d4a6b7c8d9.txt"  # law-courts, business


def _seeds() -> dict[str, bytes]:
    seeds = {name: (LABELLED / name).read_bytes() for name in (TENNIS, VIRUS, CRYPTO)}
    seeds[SAMPLE_SEED.name] = SAMPLE_SEED.read_bytes()
    seeds["100_override.txt"] = seed_text(
        title="Tennis club opens new courts", url="https://club.example/courts",
        body=("The tennis club opened four new courts on Saturday.",),
        extra=[("Topics", "PRIVACY, Law & Courts")])
    seeds["101_nothing.txt"] = seed_text(
        title="Bakery opens", url="https://bakery.example/opens",
        body=("A bakery opened on the corner of the square.",))
    return seeds


def _topic_links(site, element, folder="stories") -> list[tuple[str, str]]:
    """(label, href) of the topic links in an element; each must lead to a topic page."""
    links = []
    for a in element.xpath(".//div[@class='topics']//ul/li/a"):
        href = a.get("href")
        assert (site.output / folder / href / "index.html").resolve().is_file(), href
        links.append((a.text_content(), href))
    return links


def test_topics_become_tag_pages_and_links(tmp_path):
    site = build(tmp_path, _seeds())
    assert site.code == 0, site.stderr
    assert site.warnings == []

    index = site.page("topics/index.html")
    listed = {a.text_content(): a.getparent().xpath("string(.//*[@class='count'])")
              for a in index.xpath("//main//li/a")}
    assert listed["Law & Courts"] == "2 stories"  # the crypto trial and the override
    assert listed["Privacy"] == "2 stories"  # the sample and the override
    assert listed["Sports"] == "1 story" and listed["General"] == "1 story"
    assert "Health" not in listed  # the computer virus is not a health story
    hrefs = {a.get("href") for a in index.xpath("//main//li/a")}
    assert "../topics/law-courts/" in hrefs and "../topics/social-media/" in hrefs

    law = site.page("topics/law-courts/index.html")
    assert law.xpath("string(//h1)") == "Law & Courts"
    titles = sorted(h.text_content() for h in law.xpath("//article[@class='story']/h2"))
    assert titles == ["Former crypto boss convicted of fraud after month-long trial",
                      "Tennis club opens new courts"]

    sample = site.page("stories/agree-with-indian-government-on-need-to-safeguard-citizens-"
                       "privacy-taken-strong.html")
    assert sample.xpath("string(//div[@class='topics']/span)").strip() == "Topics:"
    topics = dict(_topic_links(site, sample))
    for label, slug in [("Privacy", "privacy"), ("Surveillance", "surveillance"),
                        ("Cybersecurity", "cybersecurity"),
                        ("Social Media & Messaging", "social-media")]:
        assert topics[label] == f"../topics/{slug}/"

    override = site.page("stories/tennis-club-opens-new-courts.html")
    assert _topic_links(site, override) == [("Privacy", "../topics/privacy/"),
                                             ("Law & Courts", "../topics/law-courts/")]
    assert _topic_links(site, site.page("stories/bakery-opens.html")) == [
        ("General", "../topics/general/")]

    # Every entry of the digest shows its topics too: one entry per event, and the six
    # stories are six events (the tennis club's new courts and the bakery's opening
    # share only "open": not one event), so no entry has "Also covered by".
    home = site.page("index.html")
    entries = home.xpath("//article[@class='story']")
    assert len(entries) == 6
    assert not home.xpath("//article[@class='story']//p[@class='also-covered']")
    for entry in entries:
        assert _topic_links(site, entry, folder="")


def test_unknown_topic_in_header_stops_the_build_with_file_and_line(tmp_path):
    seeds = {"001_ok.txt": seed_text(),
             "002_bad.txt": seed_text(url="https://x.example/2",
                                      extra=[("Topics", "privacy, astrology")])}
    site = build(tmp_path, seeds)
    assert site.code == 1
    assert "002_bad.txt:9: unknown topic 'astrology'" in site.stderr
    assert "Traceback" not in site.stderr


def test_unknown_topic_is_skipped_with_a_warning_when_not_strict(tmp_path):
    seeds = {"001_ok.txt": seed_text(),
             "002_bad.txt": seed_text(url="https://x.example/2", extra=[("Topics", "nope")])}
    site = build(tmp_path, seeds, settings={"DIGEST_STRICT": False})
    assert site.code == 0, site.stderr
    assert len(site.files("stories/*.html")) == 1
    assert any("002_bad.txt:9" in w and "unknown topic 'nope'" in w for w in site.warnings)


def test_malformed_taxonomy_stops_the_build(tmp_path):
    taxonomy = tmp_path / "topics.toml"
    taxonomy.write_text('[[topics]]\nslug = "Bad Slug"\nlabel = "Bad"\n')
    site = build(tmp_path, {"001.txt": seed_text()},
                 settings={"DIGEST_TOPICS_FILE": str(taxonomy)})
    assert site.code == 1
    assert f"{taxonomy}:2: topics[0].slug = 'Bad Slug' is not valid" in site.stderr
    assert "Traceback" not in site.stderr


def _cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "news_digest", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd)


def test_explain_prints_scores_and_matched_phrases():
    result = _cli("explain", SAMPLE_SEED)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("Agree with Indian government on need to safeguard citizens' "
                             "privacy, taken strong action: WhatsApp")
    assert lines[1].startswith("Topics: ") and "Privacy" in lines[1]
    topic_lines = [line.split() for line in lines if " - kept" in line]
    kept = {words[1] for words in topic_lines}
    assert {"privacy", "surveillance", "cybersecurity", "social-media"} <= kept
    scores = [float(words[0]) for words in topic_lines]
    assert scores == sorted(scores, reverse=True) and min(scores) >= 5
    privacy = lines.index(next(line for line in lines if " privacy (Privacy)" in line))
    assert 'phrase "privacy" (weight 3; headline, body x' in lines[privacy + 1]


def test_explain_shows_a_curator_override(tmp_path):
    seed = tmp_path / "a.txt"
    seed.write_text(seed_text(body=("A lawsuit went before the judge.",),
                              extra=[("Topics", "sports")]))
    result = _cli("explain", seed, "-s", ROOT / "pelicanconf.py", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Topics: Sports  [set by the curator (Topics: on line 9)]" in result.stdout
    assert "law-courts (Law & Courts) - not kept" in result.stdout


def test_explain_reports_a_missing_settings_file(tmp_path):
    result = _cli("explain", SAMPLE_SEED, "-s", tmp_path / "missing.py")
    assert result.returncode == 2
    assert "missing.py: no such settings file" in result.stderr


def test_check_refuses_an_unknown_topic_with_file_and_line(tmp_path):
    (tmp_path / "good.txt").write_text(seed_text(extra=[("Topics", "Human Rights")]))
    (tmp_path / "bad.txt").write_text(seed_text(extra=[("Topics", "privacy, Sportz")]))
    result = _cli("check", tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(line.endswith("bad.txt:9: unknown topic 'Sportz' (did you mean 'sports'?): use a "
                             "slug or label of the taxonomy (privacy, cybersecurity, surveillance, "
                             "government-policy, law-courts, technology, business, "
                             "social-media, human-rights, misinformation, elections, health, "
                             "climate, science, sports, general)") for line in lines)
    assert lines[-1] == "2 seed(s) checked, 1 refused"


def test_check_without_a_settings_file_says_topics_are_not_checked(tmp_path):
    (tmp_path / "a.txt").write_text(seed_text(extra=[("Topics", "anything")]))
    result = _cli("check", tmp_path / "a.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no pelicanconf.py here, so 'Topics:' headers are not checked" in result.stderr
