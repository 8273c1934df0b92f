"""The pure editions module: grouping, top topics, reading time, neighbours (related
stories by text: tests/test_front_page_pure.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime
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


def test_the_fallback_topic_is_a_top_topic_only_when_there_is_no_other():
    general = [story(k, "2020-01-01T01:00:00+00:00", ["general"]) for k in "abc"]
    one = [*general, story("d", "2020-01-01T02:00:00+00:00", ["sports"])]
    assert ed.top_topics(one, fallback="general") == ["sports"]
    assert ed.top_topics(general, fallback="general") == ["general"]
    [edition] = ed.group_editions(one, UTC, fallback="general")
    assert edition.top_topics == ["sports"]


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


def test_paginate_cuts_pages_and_always_has_one():
    assert ed.paginate([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]
    assert ed.paginate([], 3) == [[]]
