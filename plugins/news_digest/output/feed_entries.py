"""A story's RSS item or Atom entry, made with lxml as feedgen 1.0 makes it.

Pure module. feedgen fills an entry through setters that check and copy every value
(``ensure_format``), switches the process's locale twice per RSS date, and builds
the element from those copies: most of the CPU time of the feeds, thousands of
entries in a big digest. ``StoryEntry`` builds the same element from the record
directly, in feedgen's order (its ``atom_entry``, ``rss_entry`` and the extensions
the feeds register: ``dc:creator`` for RSS, the links and ``<source>`` for Atom), once
per entry; ``FeedGenerator`` asks it for the element of each feed it is added to.
``tests/test_feed_entries.py`` holds it byte for byte to feedgen's own entries.
"""

from __future__ import annotations

from copy import deepcopy

from lxml.etree import Element, SubElement

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
# RFC 2822 dates in the C locale, as feedgen's ``formatRFC2822`` writes them.
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
           "Dec")


def rfc2822(when) -> str:
    """``when.strftime('%a, %d %b %Y %H:%M:%S %z')`` in the C locale."""
    return f"{_DAYS[when.weekday()]}, {when:%d} {_MONTHS[when.month - 1]} " \
           f"{when:%Y %H:%M:%S %z}"


class StoryEntry:
    """One story's entry for one kind of feed (``feeds.entry_kind``), made once and
    copied into each feed it is added to. ``fields``: what ``feeds._entry_fields``
    works out of the record as that kind writes it."""

    __slots__ = ("fields", "_element")

    def __init__(self, fields: dict):
        self.fields = fields
        self._element = None

    def register_extension(self, *args, **kwargs) -> None:
        """``FeedGenerator.add_entry`` offers the feed's extensions: what they would
        write of an entry is written here."""

    def atom_entry(self, extensions: bool = True):
        if self._element is None:
            self._element = atom_element(self.fields)
        return deepcopy(self._element)  # appending it to a feed moves it

    def rss_entry(self, extensions: bool = True):
        if self._element is None:
            self._element = rss_element(self.fields)
        return deepcopy(self._element)


def _text(parent, tag: str, text: str):
    element = SubElement(parent, tag)
    element.text = text
    return element


def atom_element(f: dict):
    """feedgen's ``FeedEntry.atom_entry`` with ``AtomLinksExtension`` after it."""
    if not (f["id"] and f["title"]):
        raise ValueError("Required fields not set")
    entry = Element("entry")
    _text(entry, "id", f["id"])
    _text(entry, "title", f["title"])
    _text(entry, "updated", f["published"].isoformat())
    if f["author"]:  # feedgen skips an author without a name
        author = SubElement(entry, "author")
        _text(author, "name", f["author"])
        if f["author_uri"]:
            _text(author, "uri", f["author_uri"])
    if f["content"] is not None:
        _html(entry, "content", f["content"])
    # feedgen's own links are removed by the extension, which writes them last.
    _html(entry, "summary", f["summary"])
    for term, scheme, label in f["categories"]:
        category = SubElement(entry, "category", term=term)
        if scheme:
            category.attrib["scheme"] = scheme
        if label:
            category.attrib["label"] = label
    _text(entry, "published", f["published"].isoformat())
    for rel, href in f["links"]:
        SubElement(entry, "link", rel=rel, href=href)
    title, home, feed = f["source"]
    source = SubElement(entry, "source")
    _text(source, "title", title)
    if home:
        SubElement(source, "link", rel="alternate", href=home)
    if feed:
        SubElement(source, "link", rel="self", href=feed)
    return entry


def _html(entry, tag: str, text: str) -> None:
    """feedgen's ``_add_text_elm`` for ``type="html"``."""
    element = SubElement(entry, tag)
    if text:
        element.text = text
    element.attrib["type"] = "html"


def rss_element(f: dict):
    """feedgen's ``FeedEntry.rss_entry`` with the ``dc`` extension after it."""
    if not (f["title"] or f["summary"] or f["content"]):
        raise ValueError("Required fields not set")
    item = Element("item")
    if f["title"]:
        _text(item, "title", f["title"])
    if f["link"]:
        _text(item, "link", f["link"])
    if f["summary"] and f["content"] is not None:
        _text(item, "description", f["summary"])
        _text(item, f"{{{CONTENT_NS}}}encoded", f["content"])
    elif f["summary"]:
        _text(item, "description", f["summary"])
    elif f["content"] is not None:
        _text(item, "description", f["content"])
    if f["id"]:
        guid = _text(item, "guid", f["id"])
        guid.attrib["isPermaLink"] = "false"
    for _term, scheme, label in f["categories"]:
        category = _text(item, "category", label)
        if scheme:
            category.attrib["domain"] = scheme
    _text(item, "pubDate", rfc2822(f["published"]))
    if f["source_feed"]:
        source = SubElement(item, "source", url=f["source_feed"])
        source.text = f["source"][0]
    _text(item, f"{{{DC_NS}}}creator", f["author"])
    return item
