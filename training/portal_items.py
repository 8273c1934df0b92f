"""Short news items with a desk, read from Wikipedia's "Current events" portal.

Offline training data for the topic model (``train_topic_model.py``), never read by a
build. The portal's daily pages (https://en.wikipedia.org/wiki/Portal:Current_events,
text CC BY-SA 4.0, Wikipedia contributors) list the day's news as one- or two-sentence
items under a desk heading ("Business and economy", "Sports", ...), nested under the
story they belong to ("Russo-Ukrainian war" > "2025 Sumy offensive" > item). A public
repository keeps them as Markdown, one file a day (docs/topics.md, "Retraining", says
how to obtain it); this module turns such a folder into items:
``Item(day, desk, story titles, text)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# The portal's headings, as written on most days, and their variants.
DESKS = {
    "armed conflicts and attacks": "conflict", "attacks and armed conflicts": "conflict",
    "arts and culture": "culture",
    "business and economy": "business", "business and econony": "business",
    "disasters and accidents": "disaster", "disaster and accidents": "disaster",
    "disasters and incidents": "disaster",
    "health and environment": "health-environment",
    "international relations": "international",
    "law and crime": "law-crime",
    "politics and elections": "politics",
    "science and technology": "science-technology",
    "sports": "sports",
}
_HEADING = re.compile(r"^(?:#+\s*(.+?)\s*|\*\*(.+?)\*\*)\s*$")
_BULLET = re.compile(r"^(\s*)[*+-]\s+(.*)$")
_CITATION = re.compile(r"\[\(([^\]]*)\)\]\([^)]*\)")  # [(Reuters)](https://...)
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_MARKUP = re.compile(r"[*_`]+")


@dataclass(frozen=True)
class Item:
    day: str  # YYYY-MM-DD, from the file name
    desk: str  # one of DESKS' values
    stories: tuple[str, ...]  # the titles of the stories it is nested under
    text: str  # the item itself, links and citations reduced to their words

    @property
    def words_text(self) -> str:
        return " ".join((*self.stories, self.text))


def _plain(markdown: str) -> str:
    text = _CITATION.sub(" ", markdown)
    text = _LINK.sub(lambda m: m.group(1), text)
    return re.sub(r"\s+", " ", _MARKUP.sub("", text)).strip()


def items_of_day(path: Path) -> Iterator[Item]:
    day = path.name[:10]
    desk = None
    parents: list[tuple[int, str]] = []  # (indent, story title) above the current line
    for line in path.read_text(encoding="utf-8").splitlines():
        heading = _HEADING.match(line)
        if heading:
            desk = DESKS.get((heading.group(1) or heading.group(2)).strip().casefold())
            parents = []
            continue
        bullet = _BULLET.match(line)
        if not bullet or desk is None:
            continue
        indent, body = len(bullet.group(1)), bullet.group(2)
        while parents and parents[-1][0] >= indent:
            parents.pop()
        text = _plain(body)
        # A story title is links only (no sentence, no source): it heads the items below.
        if not _CITATION.search(body) and not text.endswith((".", "!", "?", ")", '"')):
            parents.append((indent, text))
            continue
        if len(text.split()) >= 4:
            yield Item(day, desk, tuple(title for _, title in parents), text)


def read_items(folder: Path) -> list[Item]:
    """Every item of every day in ``folder`` (``*.md``), in file order."""
    found: list[Item] = []
    for path in sorted(Path(folder).glob("*.md")):
        found.extend(items_of_day(path))
    return found
