"""Clusters in real builds, read back from stories.json, the edition pages, the story
pages and the feeds: one entry per event, "Also covered by", related stories by text,
the curator's lead, references that name no story, dates in the site's time zone, and
the clustering kept between builds."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.etree
import pytest

from news_digest.enrich.cluster_links import stories_for_clustering
from news_digest.enrich.clusters import cluster
from news_digest.glue import story_clusters
from news_digest.seeds.format import parse_seed, read_seed
from news_digest.speed import cluster_record

from busy_site import DEVSET, devset_labels
from sitebuild import ROOT, build, seed_text

FIRST = 40  # the development set's first seeds: events, their copies and distractors


def devset_seeds(count: int = FIRST) -> dict[str, str]:
    return {name: (DEVSET / name).read_text(encoding="utf-8")
            for name in sorted(devset_labels())[:count]}


def pure_partition(texts: dict[str, str]) -> set[frozenset[str]]:
    """The clusters ``enrich/clusters.py`` makes of these seeds, as sets of original URLs."""
    seeds = [parse_seed(t.encode(), n) for n, t in texts.items()]
    clustering = cluster(stories_for_clustering(seeds)[0])
    url = {s.identity: s.source_url for s in seeds}
    return {frozenset(url[k] for k in c.members) for c in clustering.clusters}


def stories_json(site) -> list[dict]:
    return json.loads((site.output / "stories.json").read_bytes())["stories"]


def page_of(url_or_href: str) -> str:
    """``stories/x.html`` from an absolute URL or a relative link to a story page."""
    return "stories/" + url_or_href.split("stories/", 1)[1]


def by_cluster(records) -> dict[str, list[dict]]:
    """Each cluster's records in the clustering's order (time, then identity)."""
    found = defaultdict(list)
    for record in records:
        found[record["cluster"]].append(record)
    for members in found.values():
        members.sort(key=lambda r: (datetime.fromisoformat(r["published"]).timestamp(),
                                    r["id"]))
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    built = build(tmp_path_factory.mktemp("clusters"), devset_seeds())
    assert built.code == 0, built.stderr
    assert built.warnings == []
    return built


def test_stories_json_holds_every_story_with_the_clusters_the_clustering_makes(site):
    records = stories_json(site)
    texts = devset_seeds()
    assert len(records) == len(texts)
    clusters = by_cluster(records)
    assert {frozenset(r["original_url"] for r in members) for members in clusters.values()} \
        == pure_partition(texts)
    assert sum(len(m) > 1 for m in clusters.values()) >= 5
    for cid, members in clusters.items():
        assert [r["lead"] for r in members] == [True] + [False] * (len(members) - 1)
        assert members[0]["id"] == cid  # the id is its earliest story's identity
        assert {r["cluster_size"] for r in members} == {len(members)}
    for record in records:
        assert (site.output / page_of(record["url"])).is_file()
        assert record["url"].startswith("https://news-digest.example.org/stories/")
        assert record["topics"] and record["publisher"] and record["headline"]
        seed = read_seed(DEVSET / next(n for n, t in texts.items()
                                       if record["original_url"] in t))
        assert (record["original_url"], record["id"]) == (seed.source_url, seed.identity)
        assert datetime.fromisoformat(record["published"]) == seed.published


def _entries(page) -> list:
    return page.xpath("//ol[@class='story-list']/li/article[@class='story']")


def test_each_edition_shows_an_event_once_with_the_other_reports_linked(site):
    records = stories_json(site)
    record_of = {page_of(r["url"]): r for r in records}
    clusters = by_cluster(records)
    shown = set()
    for path in sorted(site.output.glob("editions/*/index.html")):
        day = path.parent.name
        page = site.page(path.relative_to(site.output))
        mine = [r for r in records if datetime.fromisoformat(r["published"])
                .astimezone(ZoneInfo("UTC")).date().isoformat() == day]
        entries = _entries(page)
        leads = [record_of[page_of(e.xpath("string(.//*[@class='story-title']/a/@href)"))]
                 for e in entries]
        assert len({r["cluster"] for r in leads}) == len(leads)  # an event once
        assert {r["cluster"] for r in leads} == {r["cluster"] for r in mine}
        for entry, lead in zip(entries, leads, strict=True):
            members = clusters[lead["cluster"]]
            here = [r for r in members if r in mine]
            assert lead == here[0]  # the earliest of the event's stories in this edition
            also = [page_of(h) for h in entry.xpath(".//p[@class='also-covered']/a/@href")]
            assert also == [page_of(r["url"]) for r in members if r is not lead]
            names = entry.xpath(".//p[@class='also-covered']/a/text()")
            assert names == [r["publisher"] for r in members if r is not lead]
            shown.update(r["id"] for r in here)
        index = page.xpath("//nav[@class='edition-index']//li/a/@href")
        assert index == [f"#{e.get('id')}" for e in entries] or len(entries) == 1
    assert shown == {r["id"] for r in records}  # every story is on its edition's page


def test_story_pages_list_the_other_reports_and_related_other_events(site):
    records = stories_json(site)
    record_of = {page_of(r["url"]): r for r in records}
    clusters = by_cluster(records)
    for record in records:
        page = site.page(page_of(record["url"]))
        others = [r for r in clusters[record["cluster"]] if r is not record]
        block = page.xpath("//section[@class='coverage']//li")
        assert [page_of(li.xpath("string(a/@href)")) for li in block] == [
            page_of(r["url"]) for r in others]
        assert [li.xpath("string(a)") for li in block] == [r["headline"] for r in others]
        assert [li.xpath("string(.//time/@datetime)") for li in block] == [
            r["published"] for r in others]
        related = [record_of[page_of(h)] for h in
                   page.xpath("//section[@class='related']//li/a/@href")]
        events = [r["cluster"] for r in related]
        assert record["cluster"] not in events and len(set(events)) == len(events)


def test_feed_items_of_one_event_link_each_other(site):
    records = stories_json(site)
    clusters = by_cluster(records)
    record_of = {r["id"]: r for r in records}
    atom = lxml.etree.fromstring((site.output / "feeds/all.atom.xml").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = atom.xpath("//a:entry", namespaces=ns)
    assert len(entries) == len(records)
    for entry in entries:
        identity = entry.xpath("string(a:id)", namespaces=ns).rsplit(":", 1)[1]
        record = record_of[identity]
        related = entry.xpath("a:link[@rel='related']/@href", namespaces=ns)
        assert related == [r["url"] for r in clusters[record["cluster"]] if r is not record]
    feed = json.loads((site.output / "feeds/all.json").read_bytes())
    for item in feed["items"]:
        record = record_of[item["id"].rsplit(":", 1)[1]]
        extension = item["_cluster"]
        assert extension["about"].endswith("/feeds/#json-feed-cluster")
        assert (extension["id"], extension["lead"], extension["size"]) == (
            record["cluster"], record["lead"], record["cluster_size"])
        others = [r for r in clusters[record["cluster"]] if r is not record]
        assert extension["related"] == [
            {"id": f"urn:news-digest:story:{r['id']}", "url": r["url"]} for r in others]
    feeds_page = site.page("feeds/index.html")
    assert feeds_page.xpath("//p[@id='json-feed-cluster']")
    assert feeds_page.xpath("//a[@href='../stories.json']")


def test_the_curator_chooses_an_events_lead(tmp_path):
    texts = devset_seeds(12)
    plain = build(tmp_path / "plain", texts)
    assert plain.code == 0, plain.stderr
    # A cluster with two stories or more in one edition, and its second story there.
    records = stories_json(plain)
    members = next(m for m in by_cluster(records).values() if len(m) > 1
                   and m[0]["published"][:10] == m[1]["published"][:10])
    chosen = members[1]
    name = next(n for n, t in texts.items() if chosen["original_url"] in t)
    texts[name] = texts[name].replace("\nOriginal:", "\nLead story: **yes**\n\nOriginal:", 1)
    site = build(tmp_path / "chosen", texts)
    assert site.code == 0, site.stderr
    assert site.warnings == []
    again = {r["id"]: r for r in stories_json(site)}
    assert again[chosen["id"]]["lead"] and not again[members[0]["id"]]["lead"]
    assert again[chosen["id"]]["cluster"] == members[0]["id"]  # the id does not move
    day = datetime.fromisoformat(chosen["published"]).date().isoformat()
    titles = [e.xpath("string(.//*[@class='story-title'])")
              for e in _entries(site.page(f"editions/{day}/index.html"))]
    assert chosen["headline"] in titles and members[0]["headline"] not in titles


REF_SEEDS = {
    "001_a.txt": seed_text(title="Ferry strike strands passengers at Calais",
                           url="https://one.example/ferry", published="2020-01-02T08:00:00Z",
                           extra=[("Same event as", "https://nowhere.example/missing")]),
    "002_b.txt": seed_text(title="Heatwave closes schools in Seville", source="Other Paper",
                           url="https://two.example/heat", published="2020-01-02T09:00:00Z",
                           extra=[("Not same event as", "099_gone.txt")]),
}


@pytest.mark.slow  # several real builds
def test_a_reference_to_no_story_is_a_warning_in_the_build_and_refused_by_check(tmp_path):
    site = build(tmp_path, REF_SEEDS)
    assert site.code == 0, site.stderr
    assert len(site.warnings) == 2
    assert ("content/articles/001_a.txt:9: 'Same event as: https://nowhere.example/missing' "
            "names no story") in site.warnings[0]
    assert "content/articles/002_b.txt:9: 'Not same event as: 099_gone.txt' names no story" \
        in site.warnings[1]
    assert len(stories_json(site)) == 2  # both stories are built
    checked = subprocess.run([sys.executable, "-m", "news_digest", "check",
                              str(tmp_path / "content" / "articles")],
                             capture_output=True, text=True, cwd=ROOT)
    assert checked.returncode == 1
    lines = checked.stderr.splitlines()
    assert any(line.endswith("001_a.txt:9: 'Same event as: https://nowhere.example/missing' "
                             "names no story of this digest: check the URL, or remove the "
                             "reference if that story was removed") for line in lines), lines
    assert lines[-1] == "2 seed(s) checked, 2 refused"
    # Named by its file, the other story resolves: check accepts it.
    fixed = tmp_path / "content" / "articles" / "002_b.txt"
    fixed.write_text(REF_SEEDS["002_b.txt"].replace("099_gone.txt", "001_a.txt"))
    checked = subprocess.run([sys.executable, "-m", "news_digest", "check", str(fixed)],
                             capture_output=True, text=True, cwd=ROOT)
    assert checked.returncode == 1  # 001_a.txt is not among the site's seeds here
    both = subprocess.run([sys.executable, "-m", "news_digest", "check", str(fixed),
                           str(tmp_path / "content" / "articles" / "001_a.txt")],
                          capture_output=True, text=True, cwd=ROOT)
    assert both.stderr.splitlines()[-1] == "2 seed(s) checked, 1 refused"  # only 001_a


def test_a_story_is_dated_on_its_editions_day_in_the_site_time_zone(tmp_path):
    seeds = {
        "001_a.txt": seed_text(title="Night vote passes budget", url="https://a.example/1",
                               published="2019-11-01T02:30:00+00:00",  # 31 Oct in New York
                               body=("The assembly voted on the budget past midnight.",)),
        "002_b.txt": seed_text(title="Morning market rally", url="https://a.example/2",
                               published="2019-11-01T07:30:00+05:30", source="Other",
                               body=("Mumbai shares rose in early trade.",)),
    }
    site = build(tmp_path, seeds, settings={"TIMEZONE": "America/New_York"})
    assert site.code == 0, site.stderr
    [edition] = site.files("editions/*/index.html")
    assert edition.parent.name == "2019-10-31"  # both: 22:30 and 22:00 in New York
    page = site.page("editions/2019-10-31/index.html")
    assert page.xpath("string(//h1)") == "Thursday 31 October 2019"
    dates = page.xpath("//p[@class='credit']/time/text()")
    assert dates == ["31 October 2019", "31 October 2019"]
    story = site.page("stories/night-vote-passes-budget.html")
    assert story.xpath("string(//time[@class='published'])") == "31 October 2019, 22:30 EDT"
    assert story.xpath("string(//time[@class='published']/@datetime)") == (
        "2019-11-01T02:30:00+00:00")  # the machine-readable time is the publisher's
    home = site.page("index.html")
    assert home.xpath("//p[@class='credit']/time/text()") == dates


def test_an_edition_of_one_story_names_its_topics_once(tmp_path):
    seeds = {"001_a.txt": seed_text(
        title="Court blocks data retention law", url="https://a.example/retention",
        body=("The constitutional court blocked the data retention law on privacy grounds, "
              "saying the surveillance of every phone call went too far.",))}
    site = build(tmp_path, seeds)
    assert site.code == 0, site.stderr
    [edition] = site.files("editions/*/index.html")
    for page in (site.page(str(edition.relative_to(site.output))), site.page("index.html")):
        labels = [a.text_content() for a in page.xpath("//main//a[contains(@href, 'topics/')]")]
        assert labels, "the story's topics are shown"
        assert len(labels) == len(set(labels)), labels  # no topic linked twice
        texts = [t.strip().lower() for t in page.xpath("//main//text()") if t.strip()]
        for label in labels:  # nor written out again elsewhere (a heading, a summary)
            assert texts.count(label.lower()) == 1, (label, texts)


@pytest.mark.slow  # several real builds
def test_a_build_reclusters_only_what_changed_and_keeps_the_result(tmp_path, monkeypatch):
    calls = []
    real = story_clusters.recluster

    def counting(previous, inputs, text_freed=None):
        inputs = list(inputs)
        calls.append((len(previous.profiles), len(inputs)))
        return real(previous, inputs, text_freed)

    monkeypatch.setattr(story_clusters, "recluster", counting)
    texts = devset_seeds(20)
    first = build(tmp_path, texts)
    assert first.code == 0 and calls == []  # nothing kept yet: clustered from scratch
    assert len(list((tmp_path / "cache").rglob("clusters.bin"))) == 1
    name = sorted(texts)[3]
    texts[name] = texts[name].rstrip("\n") + "\nA paragraph added by an update.\n"
    second = build(tmp_path, texts)
    assert second.code == 0, second.stderr
    assert calls == [(20, 20)]
    fresh = build(tmp_path / "fresh", texts)
    assert stories_json(second) == stories_json(fresh)


def test_a_damaged_kept_clustering_is_dropped_with_one_warning(tmp_path):
    texts = devset_seeds(12)
    assert build(tmp_path, texts).code == 0
    [record] = (tmp_path / "cache").rglob("clusters.bin")
    record.write_bytes(record.read_bytes()[:100])
    again = build(tmp_path, texts, force=True)
    assert again.code == 0, again.stderr
    assert len(again.warnings) == 1 and "clusters.bin" in again.warnings[0]
    assert "clustered anew" in again.warnings[0]
    assert record.is_file()  # the new build's own, once it succeeded
    assert cluster_record.load(record.parent) is not None


def test_a_failed_build_leaves_the_kept_clustering_as_it_was(tmp_path):
    texts = devset_seeds(12)
    assert build(tmp_path, texts).code == 0
    [record] = (tmp_path / "cache").rglob("clusters.bin")
    before = record.read_bytes()
    broken = dict(texts)
    broken["999_broken.txt"] = "# A title\n\nno date here\n"
    failed = build(tmp_path, {**broken, sorted(texts)[0]: texts[sorted(texts)[0]] + "More.\n"})
    assert failed.code == 1
    assert record.read_bytes() == before
    assert not list(Path(record.parent).glob("clusters.bin.*new"))


def _dock_strike() -> dict[str, str]:
    """One event, three reports: a wire's story, a herald's and the wire's own update."""
    body = ("Dockers at Rotterdam walked out on Monday over pay.",)
    first = "https://wire.example/dock-strike"
    return {
        "001_a.txt": seed_text(title="Rotterdam dockers strike over pay", source="Wire",
                               url=first, published="2021-03-01T07:00:00Z", body=body),
        "002_b.txt": seed_text(title="Port of Rotterdam halted by strike", source="Herald",
                               url="https://herald.example/port", body=body,
                               published="2021-03-01T09:00:00Z",
                               extra=[("Same event as", first)]),
        "003_c.txt": seed_text(title="Rotterdam strike: unions and port talk again",
                               source="Wire", url="https://wire.example/dock-talks",
                               published="2021-03-01T16:30:00Z", body=body,
                               extra=[("Same event as", first)]),
    }


def test_a_publisher_with_two_reports_of_an_event_is_named_with_each_date(tmp_path):
    # A wire's update of its own story: "Also covered by Wire, Herald, Wire" read like a
    # mistake; each of the wire's reports now says its date, the herald's does not.
    seeds = _dock_strike()
    site = build(tmp_path, seeds)
    assert site.code == 0, site.stderr
    assert {r["cluster_size"] for r in stories_json(site)} == {3}
    for page in ("editions/2021-03-01/index.html", "index.html"):
        [entry] = _entries(site.page(page))
        [line] = entry.xpath(".//p[@class='also-covered']")
        assert " ".join("".join(line.itertext()).split()) == \
            "Also covered by Herald, Wire (1 March 2021)"
        assert line.xpath("time/@datetime") == ["2021-03-01T16:30:00+00:00"]


def test_two_reports_of_one_publisher_on_one_day_are_told_apart_by_their_time(tmp_path):
    # Under the herald's story both of the wire's reports are named, on one day:
    # "Also covered by Wire (1 March 2021), Wire (1 March 2021)" read as a repetition.
    site = build(tmp_path, _dock_strike())
    assert site.code == 0, site.stderr
    herald = next(e for e in _entries(site.page("topics/general/index.html"))
                  if e.xpath("string(.//h2)").strip() == "Port of Rotterdam halted by strike")
    [line] = herald.xpath(".//p[@class='also-covered']")
    assert " ".join("".join(line.itertext()).split()) == (
        "Also covered by Wire (1 March 2021, 07:00 UTC), Wire (1 March 2021, 16:30 UTC)")


def test_the_headline_index_counts_the_other_reports_as_reports(tmp_path):
    # "Wire and 2 more" read as two more outlets; the count is of the event's other
    # reports (here one outlet, Herald, and Wire's own update), so it says "reports".
    seeds = {
        **_dock_strike(),
        "004_d.txt": seed_text(title="Library extends its opening hours", source="Courier",
                               url="https://courier.example/library",
                               published="2021-03-01T10:00:00Z",
                               body=("The city library opens until nine from April.",)),
        "005_e.txt": seed_text(title="New ferry timetable for the islands", source="Courier",
                               url="https://courier.example/ferry",
                               published="2021-03-01T11:00:00Z",
                               body=("Ferries to the islands run hourly from May.",),
                               extra=[("Same event as", "https://gazette.example/ferry")]),
        "006_f.txt": seed_text(title="Island ferries to run every hour", source="Gazette",
                               url="https://gazette.example/ferry",
                               published="2021-03-01T08:00:00Z",
                               body=("Ferries to the islands run hourly from May.",)),
    }
    site = build(tmp_path, seeds)
    assert site.code == 0, site.stderr
    for page in ("editions/2021-03-01/index.html", "index.html"):
        credits = {" ".join(li.xpath("string(a)").split()):
                   " ".join(li.xpath("string(span[@class='credit'])").split())
                   for li in site.page(page).xpath("//nav[@class='edition-index']//li")}
        assert credits == {"Rotterdam dockers strike over pay": "Wire and 2 more reports",
                           "Island ferries to run every hour": "Gazette and 1 more report",
                           "Library extends its opening hours": "Courier"}, page
