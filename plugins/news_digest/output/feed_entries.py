"""A story's feed entry made once and shared by every feed that writes it alike.

Pure module: no Pelican import (``feeds.py`` renders with it). feedgen builds an
entry's element anew whenever a feed is serialised; a story is in several feeds of
one kind (the whole digest, its topics, its publisher, its day's archive), with the
same entry in each. Here each story's entry is filled and built once per kind
(``entry_kind``) of subscription feed, each feed gets a copy of the element, and the
last feed the original; an archive document's entries are made for it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from copy import deepcopy
from json.encoder import encode_basestring

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from .json_text import dumps_indented

# A JSON Feed document as ``json_bytes`` writes it: ``json.dumps(feed, indent=2,
# sort_keys=True, ensure_ascii=False)``; an item sits two levels in.
_INDENT = 2
_ITEM_PAD = "\n" + " " * (2 * _INDENT)


class BuiltOnceEntry(FeedEntry):
    """A feed entry whose XML is built once: each feed it is added to gets a copy,
    the last (``uses``: how many feeds will serialise it) the element itself."""

    _built: dict | None = None
    uses = 1

    def _once(self, kind: str, build):
        if self._built is None:
            self._built = {}
        element = self._built.pop(kind, None)
        if element is None:
            element = build()
        self.uses -= 1
        if self.uses <= 0:  # its last feed: nothing will copy it again
            return element
        self._built[kind] = element
        return deepcopy(element)  # appending it to a feed moves it: keep the original

    def rss_entry(self, extensions=True):
        return self._once(f"rss{extensions}", lambda: super(BuiltOnceEntry, self).rss_entry(
            extensions))

    def atom_entry(self, extensions=True):
        return self._once(f"atom{extensions}", lambda: super(BuiltOnceEntry, self).atom_entry(
            extensions))


def entry_kind(channel, fmt: str) -> tuple:
    """What a story's entry depends on besides the story: the format, summary or
    full text, and whether the feed is an archive document (whose entries are its
    own: ``SharedEntries``)."""
    return (fmt, channel.full_text, channel.links.is_archive)


class SharedEntries:
    """Each story's entry made once per kind of subscription feed (``entry_kind``) and
    added to every subscription feed of that kind that carries it. ``uses``: how
    many feeds of each kind carry each story (``count_uses``); an entry is kept only
    until its last use. An archive document's entries are its own, made for it: the
    archive is written after every subscription feed, so an entry shared with it was
    held from a story's first subscription feed to its edition's archive, for every
    story a subscription feed carries at once (30,000 entries, about 370 MB at
    30,000 stories: the peak of a build from scratch)."""

    def __init__(self, uses: Counter | None = None):
        self.left = uses if uses is not None else Counter()
        self.made: dict[tuple, FeedEntry] = {}

    @staticmethod
    def count_uses(feeds) -> Counter:
        """``feeds``: (channel, format, items) of every feed to be written. Only the
        subscription feeds' entries are counted (an archive document makes its own)."""
        return Counter((item.identity, *entry_kind(channel, fmt))
                       for channel, fmt, items in feeds
                       if fmt in ("rss", "atom") and not channel.links.is_archive
                       for item in items)

    def add(self, fg: FeedGenerator, item, kind: tuple, fill) -> None:
        """Add ``item``'s entry of ``kind`` to ``fg``; ``fill(entry)`` fills a new one
        as a feed of ``kind`` writes it."""
        key = (item.identity, *kind)
        entry = self.made.get(key)
        if entry is not None:
            fg.add_entry(entry, order="append")
        else:
            entry = fg.add_entry(BuiltOnceEntry(), order="append")
            fill(entry)
            if self.left[key] > 1:
                entry.uses = self.left[key]
                self.made[key] = entry
        if key not in self.left:  # an archive's, or a feed's not counted
            return
        self.left[key] -= 1
        if self.left[key] <= 0:
            self.made.pop(key, None)
            del self.left[key]


def item_text(item: dict) -> str:
    """A JSON Feed item's text as it stands in the document's ``items`` (two levels
    in): its own text with every line break indented further. A JSON text has no
    line break but those of its indentation (one in a string is written ``\\n``)."""
    return dumps_indented(item, _INDENT, sort_keys=True, ensure_ascii=False).replace(
        "\n", _ITEM_PAD)


def json_with_items(feed: dict, texts: list[str]) -> bytes:
    """``feed`` (its ``items`` empty) written as ``json_bytes`` writes it, with the
    items' ``texts`` (``item_text``) as its ``items``."""
    pad = "\n" + " " * _INDENT
    parts = []
    for key in sorted(feed):
        if key == "items":
            value = "[" + ",".join(_ITEM_PAD + text for text in texts) + pad + "]" \
                if texts else "[]"
        else:
            value = dumps_indented(feed[key], _INDENT, sort_keys=True,
                                   ensure_ascii=False).replace("\n", pad)
        parts.append(f"{pad}{encode_basestring(key)}: {value}")
    return ("{" + ",".join(parts) + "\n}\n").encode()


class SharedJsonItems:
    """Each story's JSON Feed item text made once per kind of feed (``uses``: how many
    feeds of each kind carry it, ``count_uses``) and kept until its last use."""

    def __init__(self, uses: Counter | None = None):
        self.left = uses if uses is not None else Counter()
        self.made: dict[tuple, str] = {}

    @staticmethod
    def count_uses(feeds, kind_of: Callable) -> Counter:
        """``feeds``: (channel, format, items) of every feed to be written."""
        return Counter((item.identity, kind_of(channel)) for channel, fmt, items in feeds
                       if fmt == "json" for item in items)

    def text(self, item, kind: tuple, make: Callable[[], dict]) -> str:
        key = (item.identity, kind)
        text = self.made.get(key)
        if text is None:
            text = item_text(make())
            if self.left[key] > 1:
                self.made[key] = text
        self.left[key] -= 1
        if self.left[key] <= 0:
            self.made.pop(key, None)
            del self.left[key]
        return text
