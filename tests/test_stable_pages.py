"""Stable pages: a day's new stories change the newest pages only.

Lists (a topic's, a publisher's, the home page's editions) are paginated from the
oldest page, so an older page keeps its stories and stays byte for byte the same
when newer stories arrive; the search index is cut into shards the same way. Real
builds: a digest, then a day of new stories over it; the older pages are the very
files of the previous build (kept, not written again), every link between pages
leads through the whole list in order, and the output is what a build from scratch
writes.
"""

from __future__ import annotations

import posixpath
from datetime import datetime, timedelta

import pytest

from sitebuild import build, seed_text, stable_tree

pytestmark = pytest.mark.slow

SETTINGS = {"DEFAULT_PAGINATION": 3, "DIGEST_EDITIONS_PER_PAGE": 2,
            "DIGEST_SEARCH_SHARD_SIZE": 4}
START = datetime(2024, 3, 1, 8)


# Every story an event of its own (stories of one event share "Also covered by", which
# a later report of that event changes: docs/front-page.md).
EVENTS = (
    "Alderbrook Bank closed 14 branches in Leeds after a strike by cashiers.",
    "A ferry ran aground near Oban; 212 passengers were taken ashore by lifeboat.",
    "Glenmark Pharma recalled 9,000 inhalers over a faulty valve.",
    "The city council of Utrecht voted to ban cars from its old centre by 2027.",
    "Cobalt Ridge Mining found lithium at its Nevada site, its shares rose 31 percent.",
    "A heatwave pushed Madrid to 44 degrees; schools sent pupils home at noon.",
    "Harrowgate United sacked its manager after nine defeats in a row.",
    "Volcano Etna erupted overnight, closing Catania airport until Sunday.",
    "Ironbridge Foods raised the price of bread by 12 pence across Wales.",
    "Astronomers in Chile spotted a comet that will pass Earth in March.",
    "Juniper Lane Books won the national prize for a debut novel about Orkney.",
    "Floods in Bavaria cut the railway between Munich and Salzburg for a week.",
    "Kestrel Point Telecom laid 600 kilometres of fibre under the Baltic.",
    "A chess prodigy aged 11 beat a grandmaster at the Wijk aan Zee tournament.",
    "Northcliff Shipyard launched the first hydrogen tug for the port of Antwerp.",
    "Wildfires near Marseille burned 3,000 hectares of pine forest.",
    "Oakhurst Motors cut 1,800 jobs at its gearbox plant in Turin.",
    "A rare orchid flowered at Kew Gardens for the first time in 40 years.",
    "Quarry Hill Brewery was sold to a Danish rival for 85 million kroner.",
    "The marathon in Berlin was won in a course record by an Ethiopian runner.",
)


def _stories(days: int, per_day: int = 2, first_day: int = 0) -> dict[str, str]:
    """``per_day`` stories a day on ``days`` days, all about privacy, one publisher."""
    seeds = {}
    for day in range(first_day, first_day + days):
        for n in range(per_day):
            when = START + timedelta(days=day, hours=n)
            seeds[f"{day:03d}-{n}.txt"] = seed_text(
                title=f"Story {n} of day {day}", published=when.isoformat() + "+00:00",
                url=f"https://news.example.com/{day}/{n}", source="The Daily Example",
                body=(EVENTS[(day * 2 + n) % len(EVENTS)],), extra=(("Topics", "privacy"),))
    return seeds


def _walk(site, front: str) -> tuple[list[str], list[str]]:
    """The pages of a list from its front page, following ``rel=next`` (older), and the
    story titles they show in that order; then back with ``rel=prev``."""
    pages, titles, page = [], [], front
    while page:
        pages.append(page)
        tree = site.page(page)
        titles += [a.text_content() for a in tree.xpath("//*[@class='story-title']/a")]
        older = tree.xpath("string(//a[@rel='next']/@href)")
        page = posixpath.normpath(posixpath.join(posixpath.dirname(page), older)) + \
            "/index.html" if older else ""
    back, page = [], pages[-1]
    while page:
        back.append(page)
        newer = site.page(page).xpath("string(//a[@rel='prev']/@href)")
        if not newer:
            break
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), newer))
        page = "index.html" if target == "." else f"{target}/index.html"
    return pages, titles if back == pages[::-1] else ["the way back differs", *back]


def _newest_first(seeds: dict[str, str]) -> list[str]:
    return [f"Story {n} of day {day}" for day, n in sorted(
        ((int(name[:3]), int(name[4])) for name in seeds), reverse=True)]


def test_a_day_of_new_stories_leaves_the_older_pages_as_they_were(tmp_path):
    before = _stories(8)  # 16 stories: a front page of four, four older pages of three
    site = build(tmp_path / "site", before, settings=SETTINGS, search=True)
    assert site.code == 0, site.stderr
    site = build(tmp_path / "site", before, settings=SETTINGS, search=True, force=True)
    pages, titles = _walk(site, "topics/privacy/index.html")
    assert titles == _newest_first(before)
    assert pages[1:] == [f"topics/privacy/page/{n}/index.html" for n in (4, 3, 2, 1)]
    older = [p.relative_to(site.output) for p in site.files()]
    old = {p.as_posix(): ((site.output / p).stat().st_ino, (site.output / p).read_bytes())
           for p in older if "page" in p.parts or p.parts[0].startswith("pagefind-")}
    assert any(name.startswith("pagefind-") for name in old)

    after = {**before, **_stories(1, per_day=1, first_day=8)}  # a new day, a new story
    again = build(tmp_path / "site", after, settings=SETTINGS, search=True)
    assert again.code == 0, again.stderr
    pages, titles = _walk(again, "topics/privacy/index.html")
    assert titles == _newest_first(after)
    # 17 stories: the front page grew to five, the older pages are the same files.
    assert len(again.page("topics/privacy/index.html").xpath("//article")) == 5
    for name, (inode, data) in old.items():
        path = again.output / name
        assert path.read_bytes() == data, name
        assert path.stat().st_ino == inode, f"{name} was written again"
    home_pages, _ = _walk(again, "index.html")
    assert home_pages == ["index.html", "page/3/index.html", "page/2/index.html",
                          "page/1/index.html"]
    fresh = build(tmp_path / "fresh", after, settings=SETTINGS, search=True)
    assert stable_tree(again.output) == stable_tree(fresh.output)


def test_a_full_front_page_becomes_the_next_numbered_page(tmp_path):
    seeds = _stories(3)  # 6 stories, 3 a page: the front page and page 1
    site = build(tmp_path / "site", seeds, settings=SETTINGS)
    assert site.code == 0, site.stderr
    assert _walk(site, "topics/privacy/index.html")[0] == [
        "topics/privacy/index.html", "topics/privacy/page/1/index.html"]
    seeds = {**seeds, **_stories(1, first_day=3)}  # 8: the front page holds five
    seeds = {**seeds, **_stories(1, per_day=1, first_day=4)}  # 9: page 2 appears
    site = build(tmp_path / "site", seeds, settings=SETTINGS)
    pages, titles = _walk(site, "topics/privacy/index.html")
    assert pages == ["topics/privacy/index.html", "topics/privacy/page/2/index.html",
                     "topics/privacy/page/1/index.html"]
    assert titles == _newest_first(seeds)
    front = site.page("topics/privacy/index.html")
    assert "9 stories" in front.xpath("string(//p[@class='lede'])")
    # An older page is named by its stories' days (its number, counted from the oldest
    # page, said "page 2" right after the front page), as the home page's are.
    older = site.page("topics/privacy/page/2/index.html")
    span = "2 March 2024 to 3 March 2024"  # its stories, of days 1 and 2
    assert older.xpath("string(//p[@class='lede'])") == f"Older stories, newest first: {span}."
    assert older.xpath("string(//title)") == f"Privacy: older stories, {span} · The News Digest"
    assert older.xpath("string(//meta[@name='description']/@content)") == \
        f"Privacy: stories in The News Digest, {span}."
    source = site.page("sources/the-daily-example/page/2/index.html")
    assert source.xpath("string(//title)") == \
        f"The Daily Example: older stories, {span} · The News Digest"
    assert source.xpath("string(//p[@class='lede'])").startswith(
        f"Older stories, newest first: {span} · https://")
    oldest = site.page("topics/privacy/page/1/index.html")  # days 0 and 1
    assert "1 March 2024 to 2 March 2024 ·" in oldest.xpath("string(//title)")


def test_a_new_report_of_a_recent_event_changes_that_events_pages_only(tmp_path):
    """A new story of an event already reported: the earlier report shows it under
    "Also covered by" (its page, and the list pages showing it, change), while pages
    of older stories stay the same files; the update is what a fresh build writes."""
    before = _stories(8)
    site = build(tmp_path / "site", before, settings=SETTINGS)
    assert site.code == 0, site.stderr
    site = build(tmp_path / "site", before, settings=SETTINGS, force=True)
    oldest = {name: (site.output / name).stat().st_ino for name in (
        "topics/privacy/page/1/index.html", "stories/story-0-of-day-0.html")}
    event = EVENTS[7 * 2 + 1]  # the story of day 7, told again by another outlet
    when = (START + timedelta(days=8)).isoformat() + "+00:00"
    after = {**before, "008-0.txt": seed_text(
        title="Story 0 of day 8", published=when, url="https://other.example/8/0",
        source="Other Paper", body=(event,), extra=(("Topics", "privacy"),))}
    again = build(tmp_path / "site", after, settings=SETTINGS)
    assert again.code == 0, again.stderr
    covered = again.page("stories/story-1-of-day-7.html").xpath(
        "//section[@class='coverage']//li/a/text()")
    assert covered == ["Story 0 of day 8"]
    for name, inode in oldest.items():
        assert (again.output / name).stat().st_ino == inode, f"{name} was written again"
    fresh = build(tmp_path / "fresh", after, settings=SETTINGS)
    assert stable_tree(again.output) == stable_tree(fresh.output)


def test_a_list_page_is_not_keyed_by_what_it_does_not_show_of_a_neighbour(tmp_path):
    """A list page shows its stories, not the stories they link ("Next story"): when a
    new report changes the "Also covered by" of the oldest story of the front page,
    the numbered page holding its older neighbour is kept (the same file), and the
    update is byte for byte what a fresh build writes."""
    before = _stories(8)  # privacy: the front page holds days 6 and 7, page 4 day 5's
    site = build(tmp_path / "site", before, settings=SETTINGS)
    assert site.code == 0, site.stderr
    site = build(tmp_path / "site", before, settings=SETTINGS, force=True)
    front, beside = "topics/privacy/index.html", "topics/privacy/page/4/index.html"
    assert site.page(front).xpath("//*[@class='story-title']/a/text()")[-1] == \
        "Story 0 of day 6"
    assert site.page(beside).xpath("//*[@class='story-title']/a/text()")[0] == \
        "Story 1 of day 5"  # whose newer neighbour is Story 0 of day 6
    inode = (site.output / beside).stat().st_ino
    when = (START + timedelta(days=8)).isoformat() + "+00:00"
    after = {**before, "008-0.txt": seed_text(  # day 6's first event, told again
        title="Story 0 of day 8", published=when, url="https://other.example/8/0",
        source="Other Paper", body=(EVENTS[6 * 2],), extra=(("Topics", "privacy"),))}
    again = build(tmp_path / "site", after, settings=SETTINGS)
    assert again.code == 0, again.stderr
    items = again.page(front).xpath("//article[@class='story']")
    assert items[-1].xpath("string(.//*[@class='story-title'])") == "Story 0 of day 6"
    assert items[-1].xpath(".//p[@class='also-covered']/a/text()") == ["Other Paper"]
    assert (again.output / beside).stat().st_ino == inode, \
        f"{beside} was written again for a neighbour it does not show"
    fresh = build(tmp_path / "fresh", after, settings=SETTINGS)
    assert stable_tree(again.output) == stable_tree(fresh.output)


def test_a_feed_is_keyed_by_what_its_format_writes(tmp_path):
    """RSS shows no event: a new report of an event leaves the RSS feed of the
    earlier report's publisher as it was (the same file), while its JSON Feed, which
    lists the event's other reports (``_cluster``), is written again. A story's text
    edited changes every feed that carries it. Each update is what a fresh build
    writes (a feed key leaving out what a format shows would keep a stale feed)."""
    before = _stories(8)
    site = build(tmp_path / "site", before, settings=SETTINGS)
    assert site.code == 0, site.stderr
    site = build(tmp_path / "site", before, settings=SETTINGS, force=True)
    rss, json_feed = ("feeds/sources/the-daily-example.rss.xml",
                      "feeds/sources/the-daily-example.json")
    inodes = {name: (site.output / name).stat().st_ino for name in (rss, json_feed)}
    when = (START + timedelta(days=8)).isoformat() + "+00:00"
    after = {**before, "008-0.txt": seed_text(  # day 7's event, told by another outlet
        title="Story 0 of day 8", published=when, url="https://other.example/8/0",
        source="Other Paper", body=(EVENTS[7 * 2 + 1],), extra=(("Topics", "privacy"),))}
    again = build(tmp_path / "site", after, settings=SETTINGS)
    assert again.code == 0, again.stderr
    assert (again.output / rss).stat().st_ino == inodes[rss], f"{rss} was written again"
    assert (again.output / json_feed).stat().st_ino != inodes[json_feed]
    assert b"https://news-digest" in (again.output / json_feed).read_bytes()
    assert b"story-0-of-day-8" in (again.output / json_feed).read_bytes()
    assert b"story-0-of-day-8" not in (again.output / rss).read_bytes()
    fresh = build(tmp_path / "fresh", after, settings=SETTINGS)
    assert stable_tree(again.output) == stable_tree(fresh.output)

    edited = {**after, "007-1.txt": after["007-1.txt"].replace(
        EVENTS[7 * 2 + 1], EVENTS[7 * 2 + 1] + " Rescuers later counted 214.")}
    again = build(tmp_path / "site", edited, settings=SETTINGS)
    assert again.code == 0, again.stderr
    assert b"Rescuers later counted 214." in (again.output / rss).read_bytes()
    fresh = build(tmp_path / "fresh2", edited, settings=SETTINGS)
    assert stable_tree(again.output) == stable_tree(fresh.output)


def test_a_shard_is_kept_when_its_pages_changed_only_where_pagefind_does_not_read(tmp_path):
    """A new report of an event whose earlier report sits in a full search shard: that
    page gains "Also covered by", which Pagefind skips (data-pagefind-ignore), so the
    shard's index is the previous build's very files; an edited headline in another
    full shard has that shard indexed again. Each update is what a fresh build writes."""
    before = {**_stories(8), **_stories(1, per_day=1, first_day=8)}  # 17: 4 full shards
    site = build(tmp_path / "site", before, settings=SETTINGS, search=True)
    assert site.code == 0, site.stderr

    def inodes(bundle):
        return {p.relative_to(site.output).as_posix(): p.stat().st_ino
                for p in (site.output / bundle).rglob("*") if p.is_file()}
    full = inodes("pagefind-4")  # days 6 and 7
    story = site.output / "stories/story-1-of-day-7.html"
    page = story.read_bytes()
    when = (START + timedelta(days=9)).isoformat() + "+00:00"
    after = {**before, "009-0.txt": seed_text(  # day 7's second event, told again
        title="Story 0 of day 9", published=when, url="https://other.example/9/0",
        source="Other Paper", body=(EVENTS[7 * 2 + 1],), extra=(("Topics", "privacy"),))}
    again = build(tmp_path / "site", after, settings=SETTINGS, search=True)
    assert again.code == 0, again.stderr
    assert story.read_bytes() != page  # "Also covered by" Story 0 of day 9
    assert inodes("pagefind-4") == full, "pagefind-4 was indexed again"
    fresh = build(tmp_path / "fresh", after, settings=SETTINGS, search=True)
    assert stable_tree(again.output) == stable_tree(fresh.output)

    third = inodes("pagefind-3")  # days 4 and 5: a headline there is what Pagefind reads
    edited = {**after, "005-0.txt": after["005-0.txt"].replace(
        "Story 0 of day 5", "Story 0 of day 5, updated")}
    again = build(tmp_path / "site", edited, settings=SETTINGS, search=True)
    assert again.code == 0, again.stderr
    assert not set(inodes("pagefind-3").values()) & set(third.values())  # indexed again
    assert inodes("pagefind-4") == full
    fresh = build(tmp_path / "fresh2", edited, settings=SETTINGS, search=True)
    assert stable_tree(again.output) == stable_tree(fresh.output)
