"""The pure editions module: grouping, top topics, reading time, related, neighbours."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from itertools import combinations
from zoneinfo import ZoneInfo

import pytest

from news_digest.enrich import editions as ed


def story(key, when, topics=()):
    published = datetime.fromisoformat(when) if isinstance(when, str) else when
    return ed.Story(key=key, published=published, topics=tuple(topics))


def test_stories_group_by_day_in_the_site_time_zone():
    late = story("late", "2019-11-01T23:30:00-05:00")  # 04:30 UTC on the 2nd
    early = story("early", "2019-11-01T09:00:00+00:00")
    utc = ed.group_editions([early, late], UTC)
    assert [(e.slug, [s.key for s in e.stories]) for e in utc] == [
        ("2019-11-02", ["late"]), ("2019-11-01", ["early"])]
    chicago = ed.group_editions([early, late], ZoneInfo("America/Chicago"))
    assert [(e.slug, [s.key for s in e.stories]) for e in chicago] == [
        ("2019-11-01", ["late", "early"])]


def test_week_editions_follow_iso_weeks_newest_first():
    stories = [story("sun", "2019-11-03T12:00:00+00:00"),  # Sunday of week 44
               story("mon", "2019-10-28T00:30:00+00:00"),  # Monday of week 44
               story("new-year", "2020-12-31T12:00:00+00:00")]  # ISO week 53 of 2020
    editions = ed.group_editions(stories, UTC, "week")
    assert [e.slug for e in editions] == ["2020-w53", "2019-w44"]
    week44 = editions[1]
    assert (week44.first_day, week44.last_day) == (date(2019, 10, 28), date(2019, 11, 3))
    assert [s.key for s in week44.stories] == ["sun", "mon"]
    assert week44.datetime_attr == "2019-W44"
    assert week44.title == "Week 44, 2019"
    assert week44.span == "28 October – 3 November 2019"
    across = ed.group_editions([story("ny", "2020-01-01T12:00:00+00:00")], UTC, "week")[0]
    assert (across.slug, across.span) == ("2020-w01", "30 December 2019 – 5 January 2020")


def test_unknown_edition_kind_is_refused():
    with pytest.raises(ValueError, match="day"):
        ed.edition_of(datetime(2020, 1, 1, tzinfo=UTC), UTC, "month")


def test_day_edition_labels_are_english_dates():
    [edition] = ed.group_editions([story("a", "2019-11-01T10:00:00+00:00")], UTC)
    assert edition.title == "Friday 1 November 2019"
    assert edition.datetime_attr == "2019-11-01"


def test_top_topics_are_the_most_frequent_with_ties_alphabetical():
    stories = [story("a", "2020-01-01T01:00:00+00:00", ["privacy", "law-courts"]),
               story("b", "2020-01-01T02:00:00+00:00", ["privacy", "health"]),
               story("c", "2020-01-01T03:00:00+00:00", ["sports", "health", "privacy"])]
    assert ed.top_topics(stories) == ["privacy", "health", "law-courts"]
    [edition] = ed.group_editions(stories, UTC)
    assert edition.top_topics == ["privacy", "health", "law-courts"]


@pytest.mark.parametrize(("words", "minutes"), [(0, 1), (1, 1), (230, 1), (460, 2), (575, 3),
                                                 (2300, 10)])
def test_reading_time_is_words_over_230_at_least_one_minute(words, minutes):
    assert ed.reading_minutes(words) == minutes


def test_words_are_counted_across_paragraphs():
    assert ed.count_words(["One two three.", "  four\tfive "]) == 5


def test_neighbours_are_the_stories_just_before_and_after():
    stories = [story(k, f"2020-01-0{d}T00:00:00+00:00") for k, d in
               [("c", 3), ("a", 1), ("b", 2)]]
    result = ed.neighbours(stories)
    assert result["a"] == (None, stories[2])
    assert result["b"] == (stories[1], stories[0])
    assert result["c"] == (stories[2], None)


def test_related_prefers_most_shared_topics_then_newest_of_the_earlier_stories():
    base = datetime(2020, 1, 1, tzinfo=UTC)
    stories = [
        story("me", base, ["privacy", "law-courts", "health"]),
        story("one-old", base - timedelta(days=9), ["privacy"]),
        story("one-older", base - timedelta(days=12), ["health"]),
        story("one-new", base + timedelta(days=1), ["health"]),
        story("two", base - timedelta(days=5), ["privacy", "law-courts"]),
        story("three", base - timedelta(days=30), ["health", "privacy", "law-courts", "x"]),
        story("none", base + timedelta(days=2), ["sports"]),
    ]
    related = ed.related_stories(stories)
    assert [s.key for s in related["me"]] == ["three", "two", "one-old"]
    assert related["none"] == []
    # A story's related stories are earlier ones: a later story changes no older page.
    assert [s.key for s in related["one-new"]] == ["me", "one-older", "three"]
    assert related["three"] == []


def _related_by_pairwise_scan(stories, limit=3):
    """The obvious quadratic definition, to compare the index against."""
    result = {}
    for s in stories:
        mine = set(s.topics)
        scored = [(len(mine & set(o.topics)), o) for o in stories
                  if (o.published, o.key) < (s.published, s.key)]
        scored = [(n, o) for n, o in scored if n]
        scored.sort(key=lambda t: (-t[0], -t[1].published.timestamp(), [-ord(c) for c in t[1].key]))
        result[s.key] = [o.key for _, o in scored[:limit]]
    return result


def test_related_matches_the_definition_on_random_stories():
    rng = random.Random(6)
    topics = [f"t{i}" for i in range(7)]
    base = datetime(2020, 1, 1, tzinfo=UTC)
    stories = [story(f"s{i:03d}", base + timedelta(hours=rng.randrange(400)),
                     rng.sample(topics, rng.randint(0, 5))) for i in range(150)]
    related = {k: [s.key for s in v] for k, v in ed.related_stories(stories).items()}
    assert related == _related_by_pairwise_scan(stories)


def test_related_never_scans_all_stories(monkeypatch):
    """With one topic shared by every story, each lookup still reads a few entries."""
    stories = [story(f"s{i:04d}", datetime(2020, 1, 1, tzinfo=UTC) + timedelta(minutes=i),
                     ["general"]) for i in range(2000)]
    reads = 0

    class CountingList(list):
        def __iter__(self):
            nonlocal reads
            for item in super().__iter__():
                reads += 1
                yield item

        def __reversed__(self):
            nonlocal reads
            for item in super().__reversed__():
                reads += 1
                yield item

    monkeypatch.setattr(ed, "defaultdict", lambda factory: defaultdict(CountingList))
    related = ed.related_stories(stories)
    assert [s.key for s in related["s1999"]] == ["s1998", "s1997", "s1996"]
    assert related["s0000"] == []
    assert reads <= len(stories) * 5


def test_paginate_cuts_pages_and_always_has_one():
    assert ed.paginate([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]
    assert ed.paginate([], 3) == [[]]


def test_subset_index_covers_every_combination():
    s = story("a", "2020-01-01T00:00:00+00:00", ["b", "a", "c"])
    assert ed._topic_sets(s) == ("a", "b", "c")
    assert len([c for n in range(1, 4) for c in combinations(ed._topic_sets(s), n)]) == 7
