"""OPML 2.0 subscription list of every feed of the digest.

Pure module (output stage, standard library only). A feed reader imports the file and
subscribes to each feed once: the whole digest, then every topic and every source in
an outline of their own, each by its RSS 2.0 address (the format every reader reads;
the feeds page lists the Atom and JSON Feed addresses too). Same feeds, same bytes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable

OPML_FORMAT = "rss"  # which of a feed's formats the subscription list names
_GROUPS = (("topic", "Topics"), ("source", "Sources"))


def _outline(parent, group, base_url: str) -> None:
    link = next((f for f in group.links if f.format == OPML_FORMAT), group.links[0])
    ET.SubElement(parent, "outline", {
        "text": group.name, "title": group.name, "type": "rss",
        "xmlUrl": f"{base_url}/{link.path}", "htmlUrl": group.page})


def opml_bytes(title: str, groups: Iterable, base_url: str) -> bytes:
    """The OPML document of ``groups`` (``feed_plan.FeedGroup``: site, topics, sources)."""
    groups = list(groups)
    root = ET.Element("opml", {"version": "2.0"})
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    body = ET.SubElement(root, "body")
    for group in groups:
        if group.kind == "site":
            _outline(body, group, base_url)
    for kind, label in _GROUPS:
        members = [g for g in groups if g.kind == kind]
        if members:
            folder = ET.SubElement(body, "outline", {"text": label, "title": label})
            for group in members:
                _outline(folder, group, base_url)
    ET.indent(root)
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True) + b"\n"
