"""A feed's links to elsewhere: its WebSub hub and its RFC 5005 archives.

Pure module (output stage, feedgen only). ``ChannelLinks`` says what one feed document
links: the hub that pushes it (``rel="hub"``, W3C WebSub), and, for the whole digest,
the archive documents that let a reader who was away catch up (RFC 5005 "Archived
Feeds": one archive per edition; the subscription feed links the newest archive with
``prev-archive``; each archive links the older one (``prev-archive``), the newer one
(``next-archive``) and the subscription feed (``current``), and is marked
``<fh:archive/>``). feedgen 1.0.0 writes no such links in RSS and only known ones in
Atom, so ``ChannelLinksExtension`` writes them as ``atom:link`` in both formats.
"""

from __future__ import annotations

from dataclasses import dataclass

import lxml.etree  # noqa: F401 - feedgen.util uses lxml.etree without importing it
from feedgen.ext.base import BaseExtension
from feedgen.util import xml_elem

ATOM = "http://www.w3.org/2005/Atom"
HISTORY = "http://purl.org/syndication/history/1.0"  # RFC 5005's namespace


@dataclass(frozen=True)
class ChannelLinks:
    hub: str = ""  # the WebSub hub ("" none)
    prev_archive: str = ""  # the next older archive document
    next_archive: str = ""  # the next newer archive document (archives only)
    current: str = ""  # the subscription document (archives only)
    is_archive: bool = False
    source_about: str = ""  # where the JSON Feed ``_source`` extension is described
    cluster_about: str = ""  # where the JSON Feed ``_cluster`` extension is described

    def __bool__(self) -> bool:
        return bool(self.hub or self.prev_archive or self.next_archive or self.current
                    or self.is_archive)

    def atom_links(self) -> list[tuple[str, str]]:
        """(rel, href) of every link the document carries, in a fixed order."""
        return [(rel, href) for rel, href in (
            ("hub", self.hub), ("current", self.current),
            ("prev-archive", self.prev_archive), ("next-archive", self.next_archive))
            if href]


class ChannelLinksExtension(BaseExtension):
    """feedgen extension: the channel's hub and archive links, and ``fh:archive``."""

    def __init__(self):
        self.links = ChannelLinks()

    def extend_ns(self):
        return {"fh": HISTORY}

    def _write(self, parent, tag: str) -> None:
        for rel, href in self.links.atom_links():
            xml_elem(tag, parent, rel=rel, href=href)
        if self.links.is_archive:
            xml_elem(f"{{{HISTORY}}}archive", parent)

    def extend_atom(self, feed):
        self._write(feed, "link")
        return feed

    def extend_rss(self, feed):
        self._write(feed.find("channel"), f"{{{ATOM}}}link")
        return feed


def json_hubs(links: ChannelLinks) -> list[dict[str, str]]:
    """JSON Feed 1.1 ``hubs``: the WebSub hub, when there is one."""
    return [{"type": "WebSub", "url": links.hub}] if links.hub else []
