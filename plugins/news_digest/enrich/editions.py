"""Editions of the digest, reading time and story order.

Pure module: plain records in, plain values out; no Pelican. The glue
(``digest_pages.py``) turns Pelican articles into ``Story`` records and back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

WORDS_PER_MINUTE = 230
TOP_TOPICS = 3
EDITION_KINDS = ("day", "week")


@dataclass(frozen=True)
class Story:
    """What these computations need to know about one story."""

    key: Hashable  # unique and orderable among stories (e.g. the slug)
    published: datetime  # time-zone aware
    topics: tuple[str, ...] = ()  # topic slugs, strongest first


@dataclass
class Edition:
    slug: str  # "2019-11-01" (day) or "2019-w44" (ISO week)
    kind: str
    first_day: date
    last_day: date
    stories: list[Story] = field(default_factory=list)  # newest first
    top_topics: list[str] = field(default_factory=list)

    @property
    def datetime_attr(self) -> str:
        """The edition as an HTML ``<time datetime>`` value (a date or a week)."""
        if self.kind == "day":
            return self.first_day.isoformat()
        year, week, _ = self.first_day.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def title(self) -> str:
        if self.kind == "day":
            return long_date(self.first_day)
        year, week, _ = self.first_day.isocalendar()
        return f"Week {week}, {year}"

    @property
    def span(self) -> str:
        """The days an edition covers, in words."""
        if self.kind == "day":
            return long_date(self.first_day)
        first, last = self.first_day, self.last_day
        start = day_month(first) + ("" if first.year == last.year else f" {first.year}")
        return f"{start} – {day_month(last)} {last.year}"


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_month(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def day_text(day: date) -> str:
    """``1 November 2019``: the one way the site writes a date (English, whatever the
    machine's locale); an edition's title puts the weekday before it."""
    return f"{day_month(day)} {day.year}"


def long_date(day: date) -> str:
    """``Friday 1 November 2019`` (English, whatever the machine's locale)."""
    return f"{WEEKDAYS[day.weekday()]} {day_text(day)}"


def edition_of(published: datetime, zone: tzinfo, kind: str) -> tuple[str, date, date]:
    """The edition a story published at ``published`` belongs to in time zone ``zone``."""
    day = published.astimezone(zone).date()
    if kind == "day":
        return day.isoformat(), day, day
    if kind == "week":
        year, week, weekday = day.isocalendar()
        monday = day - timedelta(days=weekday - 1)
        return f"{year}-w{week:02d}", monday, monday + timedelta(days=6)
    raise ValueError(f"edition kind must be one of {EDITION_KINDS}, not {kind!r}")


def newest_first(stories: Iterable[Story]) -> list[Story]:
    return sorted(stories, key=lambda s: (s.published, s.key), reverse=True)


def top_topics(stories: Iterable[Story], limit: int = TOP_TOPICS,
               fallback: str | None = None) -> list[str]:
    """The most frequent topics; ties go to the alphabetically first slug. The
    ``fallback`` topic (General: a story matching no other) is one only when no story
    has another."""
    counts = Counter(t for s in stories for t in dict.fromkeys(s.topics))
    if fallback in counts and len(counts) > 1:
        del counts[fallback]
    return [t for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def group_editions(stories: Iterable[Story], zone: tzinfo, kind: str = "day",
                   fallback: str | None = None) -> list[Edition]:
    """Stories grouped by publication day (or ISO week) in ``zone``, newest edition first
    (``fallback``: the topic that is a top topic only when there is no other)."""
    editions: dict[str, Edition] = {}
    for story in newest_first(stories):
        slug, first, last = edition_of(story.published, zone, kind)
        edition = editions.get(slug)
        if edition is None:
            edition = editions[slug] = Edition(slug, kind, first, last)
        edition.stories.append(story)
    for edition in editions.values():
        edition.top_topics = top_topics(edition.stories, fallback=fallback)
    return sorted(editions.values(), key=lambda e: e.first_day, reverse=True)


def count_words(paragraphs: Iterable[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)


def reading_minutes(words: int, wpm: int = WORDS_PER_MINUTE) -> int:
    """Minutes to read ``words`` at ``wpm`` words a minute, rounded, at least 1."""
    return max(1, int(words / wpm + 0.5))


def neighbours(stories: Iterable[Story]) -> dict[Hashable, tuple[Story | None, Story | None]]:
    """For each story, the one published just before it and the one just after."""
    ordered = sorted(stories, key=lambda s: (s.published, s.key))
    result = {}
    for i, story in enumerate(ordered):
        older = ordered[i - 1] if i > 0 else None
        newer = ordered[i + 1] if i + 1 < len(ordered) else None
        result[story.key] = (older, newer)
    return result


def paginate(items: Sequence, per_page: int) -> list[list]:
    """``items`` cut into pages of ``per_page``; always at least one (maybe empty) page."""
    return [list(items[i:i + per_page]) for i in range(0, len(items), per_page)] or [[]]
