"""The front page of an edition: one entry per event, grouped under topic headings.

Pure module (``enrich/`` stage, no Pelican). An edition's stories that belong to one
cluster (``clusters.py``: one event, several outlets) make one entry, led by the
story the curator chose (``Lead story: yes``) or else the earliest of them in the
edition; the others are its "Also covered by" (``coverage.py``). Entries are grouped
under their lead's strongest topic; the fallback topic (General) heads a group only
for stories that have no other topic, and comes last. Bigger events come first:
groups by their number of entries (then of stories), entries by the number of
stories that report the event; newer first where those are equal, then by key, so
the same stories always give the same page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .coverage import lead_of


@dataclass(frozen=True)
class Listed:
    """What the front page needs to know of one story of an edition."""

    key: str
    published: datetime  # time-zone aware
    topics: tuple[str, ...]  # topic slugs, strongest first
    cluster: str  # its cluster's id
    cluster_size: int = 1  # stories in the whole cluster, in any edition
    chosen: bool = False  # the curator made it its cluster's lead


@dataclass(frozen=True)
class Entry:
    lead: str  # the key of the story the entry shows
    members: tuple[str, ...]  # the edition's stories of the cluster, the lead first
    topic: str  # the heading it is listed under
    size: int  # stories in the whole cluster


@dataclass(frozen=True)
class Section:
    topic: str
    entries: tuple[Entry, ...]


def heading_topic(topics: Iterable[str], fallback: str) -> str:
    """The topic a story is listed under: its strongest one that is not the fallback."""
    topics = tuple(topics)
    return next((t for t in topics if t != fallback), topics[0] if topics else fallback)


def edition_entries(stories: Iterable[Listed], fallback: str) -> list[Entry]:
    """One entry per cluster among ``stories`` (one edition's)."""
    by_cluster: dict[str, list[Listed]] = {}
    for story in sorted(stories, key=lambda s: (s.published, s.key)):
        by_cluster.setdefault(story.cluster, []).append(story)
    entries = []
    for members in by_cluster.values():
        keys = [s.key for s in members]
        lead = lead_of(keys, {s.key for s in members if s.chosen})
        first = next(s for s in members if s.key == lead)
        entries.append(Entry(
            lead=lead, members=(lead, *(k for k in keys if k != lead)),
            topic=heading_topic(first.topics, fallback),
            size=max(first.cluster_size, len(keys))))
    return entries


def edition_sections(stories: Iterable[Listed], fallback: str) -> list[Section]:
    """The edition's entries under their topic headings, bigger events first."""
    stories = list(stories)
    time_of = {s.key: s.published for s in stories}
    groups: dict[str, list[Entry]] = {}
    for entry in edition_entries(stories, fallback):
        groups.setdefault(entry.topic, []).append(entry)
    sections = []
    for topic, entries in groups.items():
        entries.sort(key=lambda e: (-e.size, -time_of[e.lead].timestamp(), e.lead))
        sections.append(Section(topic, tuple(entries)))
    sections.sort(key=lambda s: (s.topic == fallback, -len(s.entries),
                                 -sum(e.size for e in s.entries),
                                 -time_of[s.entries[0].lead].timestamp(), s.topic))
    return sections
