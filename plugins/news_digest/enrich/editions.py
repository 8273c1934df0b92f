"""Editions of the digest, reading time, related stories and story order.

Pure module: plain records in, plain values out; no Pelican. The glue
(``digest_pages.py``) turns Pelican articles into ``Story`` records and back.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from itertools import combinations

WORDS_PER_MINUTE = 230
RELATED_LIMIT = 3
TOP_TOPICS = 3
# Related stories are found through an index of topic combinations; a story's
# first MAX_RELATED_TOPICS topics (its strongest) are the ones that count.
MAX_RELATED_TOPICS = 6
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


def long_date(day: date) -> str:
    """``Friday 1 November 2019`` (English, whatever the machine's locale)."""
    return f"{WEEKDAYS[day.weekday()]} {day_month(day)} {day.year}"


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


def top_topics(stories: Iterable[Story], limit: int = TOP_TOPICS) -> list[str]:
    """The most frequent topics; ties go to the alphabetically first slug."""
    counts = Counter(t for s in stories for t in dict.fromkeys(s.topics))
    return [t for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def group_editions(stories: Iterable[Story], zone: tzinfo, kind: str = "day") -> list[Edition]:
    """Stories grouped by publication day (or ISO week) in ``zone``, newest edition first."""
    editions: dict[str, Edition] = {}
    for story in newest_first(stories):
        slug, first, last = edition_of(story.published, zone, kind)
        edition = editions.get(slug)
        if edition is None:
            edition = editions[slug] = Edition(slug, kind, first, last)
        edition.stories.append(story)
    for edition in editions.values():
        edition.top_topics = top_topics(edition.stories)
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


def _topic_sets(story: Story) -> tuple[str, ...]:
    return tuple(sorted(set(list(dict.fromkeys(story.topics))[:MAX_RELATED_TOPICS])))


def related_stories(stories: Sequence[Story],
                    limit: int = RELATED_LIMIT) -> dict[Hashable, list[Story]]:
    """Up to ``limit`` earlier stories per story: sharing the most topics, then the
    newest of them first.

    Only stories published before a story are its related stories (its background):
    a story's page is then final once published, and a day's new stories change no
    older page (a static host uploads only what changed; docs/rebuilding.md).

    An index maps every combination of a story's topics to the stories that have
    all of them; stories enter it oldest first, each after its own lookup, so a
    lookup sees only earlier stories, read newest first. A story with topics T looks
    first in the lists of T itself, then of its combinations one topic smaller, and
    so on: a story found in a list of size-s combinations shares exactly s topics
    unless it was already taken at a larger size. Each lookup reads a handful of
    entries per list, so the work per story does not grow with the number of stories.
    """
    ordered = sorted(stories, key=lambda s: (s.published, s.key))  # oldest first
    rank = {s.key: i for i, s in enumerate(ordered)}  # higher = newer
    index: dict[tuple[str, ...], list[Story]] = defaultdict(list)
    result: dict[Hashable, list[Story]] = {}
    for story in ordered:
        own = _topic_sets(story)
        chosen: list[Story] = []
        taken = {story.key}
        for size in range(len(own), 0, -1):
            need = limit - len(chosen)
            if need <= 0:
                break
            found: list[Story] = []
            for combo in combinations(own, size):
                picked = 0
                for other in reversed(index.get(combo, ())):  # the newest first
                    if other.key in taken:
                        continue
                    found.append(other)
                    picked += 1
                    if picked == need:
                        break
            found.sort(key=lambda s: -rank[s.key])
            for other in found[:need]:
                chosen.append(other)
                taken.add(other.key)
        result[story.key] = chosen
        for size in range(1, len(own) + 1):
            for combo in combinations(own, size):
                index[combo].append(story)
    return result


def paginate(items: Sequence, per_page: int) -> list[list]:
    """``items`` cut into pages of ``per_page``; always at least one (maybe empty) page."""
    return [list(items[i:i + per_page]) for i in range(0, len(items), per_page)] or [[]]
