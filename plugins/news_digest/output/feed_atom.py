"""An Atom entry's parts that feedgen 1.0.0 cannot write: a feedgen entry extension.

Pure module: no Pelican import (``feeds.py`` registers it on its Atom feeds)."""

from __future__ import annotations

from feedgen.ext.base import BaseEntryExtension
from feedgen.util import xml_elem

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class AtomLinksExtension(BaseEntryExtension):
    """Writes an Atom entry's links and ``<source>`` (feedgen 1.0.0 drops ``rel``
    from entry links and cannot give the source a home page different from the
    RSS ``<source url>``)."""

    def __init__(self):
        self.links: list[tuple[str, str]] = []  # (rel, href)
        self.source: tuple[str, str, str] | None = None  # (title, home page, feed)
        # (the story's language, the site's): a story in another language than the
        # feed's has it as the entry's xml:lang (RFC 4287 2); its topics' labels are
        # in the site's (as its credit line, ``feeds.item_html``).
        self.language: tuple[str, str] = ("", "")

    def extend_atom(self, entry):
        story, site = self.language
        if story:
            entry.set(XML_LANG, story)
            for category in entry.findall("category"):
                category.set(XML_LANG, site)
        for old in entry.findall("link"):
            entry.remove(old)
        for rel, href in self.links:
            xml_elem("link", entry, rel=rel, href=href)
        if self.source:
            title, home, feed = self.source
            source = xml_elem("source", entry)
            xml_elem("title", source).text = title
            if home:
                xml_elem("link", source, rel="alternate", href=home)
            if feed:
                xml_elem("link", source, rel="self", href=feed)
        return entry
