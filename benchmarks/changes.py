"""What a rebuild changed in the output: the files a static host would upload again.

``snapshot`` keeps the output as it was (hard links: no copy, and the build replaces
files, never writes into them); ``changes`` compares the new output with it, file by
file: new, gone, bytes changed, and rewritten with the same bytes (a new file: what a
host that compares modification times uploads again), each counted by kind of file.
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# The first folder of a path, as a kind of file; the rest are named by ``kind``.
FOLDERS = {"stories": "story pages", "topics": "topic pages", "sources": "source pages",
           "editions": "edition pages", "page": "home pages", "archives": "archive page",
           "theme": "theme files"}


def kind(path: str) -> str:
    """The kind of an output file, from its path relative to the output folder."""
    first, _, rest = path.partition("/")
    if path == "index.html":
        return "home pages"
    if first.startswith("pagefind"):
        return "search index"
    if first == "feeds":
        if rest.startswith("archive/"):
            return "feed archives"
        return "feeds page and OPML" if rest in ("index.html", "feeds.opml") else "feeds"
    if path.startswith(("sitemap", "news-sitemap")) or path == "robots.txt":
        return "sitemaps"
    if path == "stories.json":
        return "stories.json"
    if first == "editions" and rest == "index.html":
        return "edition list"
    if first in ("topics", "sources") and rest == "index.html":
        return f"{first[:-1]} list"
    return FOLDERS.get(first, "other")


def snapshot(output: Path, into: Path) -> Path:
    """A copy of ``output`` made of hard links (the build replaces files it writes)."""
    shutil.rmtree(into, ignore_errors=True)
    shutil.copytree(output, into, copy_function=os.link)
    return into


@dataclass
class Changes:
    new: Counter = field(default_factory=Counter)
    gone: Counter = field(default_factory=Counter)
    changed: Counter = field(default_factory=Counter)  # other bytes
    rewritten: Counter = field(default_factory=Counter)  # the same bytes, a new file
    unchanged: int = 0

    @property
    def uploaded(self) -> int:
        """Files a host comparing contents uploads (new or changed)."""
        return sum(self.new.values()) + sum(self.changed.values())

    def rewritten_by_kind(self) -> str:
        """The files written again with the same bytes, by kind, most first."""
        return ", ".join(f"{name} {count}" for name, count in self.rewritten.most_common())

    def by_kind(self) -> str:
        kinds = sorted(set(self.new) | set(self.changed) | set(self.gone),
                       key=lambda k: -(self.new[k] + self.changed[k] + self.gone[k]))
        parts = []
        for name in kinds:
            bits = [f"{self.changed[name]} changed" if self.changed[name] else "",
                    f"{self.new[name]} new" if self.new[name] else "",
                    f"{self.gone[name]} gone" if self.gone[name] else ""]
            parts.append(f"{name} {', '.join(b for b in bits if b)}")
        return "; ".join(parts) or "nothing"


def _files(folder: Path) -> dict[str, os.stat_result]:
    found = {}
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            found[os.path.relpath(path, folder).replace(os.sep, "/")] = os.stat(path)
    return found


def _same_bytes(a: Path, b: Path) -> bool:
    with open(a, "rb") as x, open(b, "rb") as y:
        while True:
            one, two = x.read(1 << 20), y.read(1 << 20)
            if one != two:
                return False
            if not one:
                return True


def changes(before: Path, after: Path) -> Changes:
    """What ``after`` (a new output) changed from ``before`` (a snapshot of the old)."""
    old, new = _files(before), _files(after)
    found = Changes()
    for path, info in new.items():
        previous = old.get(path)
        if previous is None:
            found.new[kind(path)] += 1
        elif (previous.st_ino, previous.st_dev) == (info.st_ino, info.st_dev):
            found.unchanged += 1
        elif previous.st_size == info.st_size and _same_bytes(before / path, after / path):
            found.rewritten[kind(path)] += 1
        else:
            found.changed[kind(path)] += 1
    for path in old.keys() - new.keys():
        found.gone[kind(path)] += 1
    return found
