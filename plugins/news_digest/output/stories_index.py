"""``stories.json``: the digest as data, one record per story (``output/`` stage).

Pure module (no Pelican import). For people who build on the digest: every
published story with its page here, headline, publisher, original URL, publication
time, topics and cluster (the stories that report one event share a cluster id;
docs/stories-json.md). Nothing reads the clock and every list has a fixed order, so
the same stories always give the same bytes.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

from .jsonld import script_safe

STORIES_JSON = "stories.json"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class StoryRecord:
    identity: str  # 16 hex digits of the original URL: the story's id everywhere
    url: str  # absolute URL of its page here
    headline: str
    publisher: str
    publisher_url: str  # the publisher's home page ("" when unknown)
    original_url: str
    published: datetime  # time-zone aware, as the publisher gave it
    topics: tuple[str, ...]  # topic names, strongest first
    cluster: str  # the id of its cluster (its earliest story's identity)
    lead: bool  # it leads its cluster
    cluster_size: int
    byline: str = ""

    def plain(self) -> dict:
        return {"id": self.identity, "url": self.url, "headline": self.headline,
                "publisher": self.publisher, "publisher_url": self.publisher_url,
                "original_url": self.original_url, "published": self.published.isoformat(),
                "byline": self.byline, "topics": list(self.topics), "cluster": self.cluster,
                "lead": self.lead, "cluster_size": self.cluster_size}


def stories_json(records: Iterable[StoryRecord], site_name: str, site_url: str) -> bytes:
    """The index as UTF-8 JSON (``write_stories_json``), as bytes."""
    out = io.BytesIO()
    write_stories_json(records, site_name, site_url, out)
    return out.getvalue()


def write_stories_json(records: Iterable[StoryRecord], site_name: str, site_url: str,
                       out: BinaryIO) -> None:
    """The index as UTF-8 JSON into ``out``: a head (version, title, home page,
    count), then the stories newest first (id breaking ties), one record a line, keys
    sorted. Written a record at a time: this runs when the build's memory peaks, and
    the whole text made at once (its lines, then joined, then encoded) held some
    100 MB for a moment at 100,000 stories."""
    ordered = sorted(records, key=lambda r: (r.published.timestamp(), r.identity),
                     reverse=True)
    head = script_safe(json.dumps({"version": FORMAT_VERSION, "title": site_name,
                                   "home_page_url": f"{site_url}/", "count": len(ordered)},
                                  sort_keys=True, ensure_ascii=False))
    out.write((head[:-1] + ', "stories": [\n').encode("utf-8"))
    for number, record in enumerate(ordered):
        # script-safe: a reading app may inline the file in a page's <script> as it is
        line = script_safe(json.dumps(record.plain(), sort_keys=True, ensure_ascii=False))
        out.write(((",\n" if number else "") + line).encode("utf-8"))
    out.write(b"\n]}\n" if ordered else b"]}\n")
