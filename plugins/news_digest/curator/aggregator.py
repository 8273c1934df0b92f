"""Stories an aggregator passes on (Google News), credited to their publisher, not to it.

Google News, in its RSS feeds and as a source of news-API exports, gives each story as
"Headline - Publisher" with a link to news.google.com. The publisher is the part after
the last " - " (in RSS also the item's ``<source>``). Its older links carry the story's
own address inside their id (a small protobuf, base64): it is read out when it is there;
a link that does not carry it (the newer, opaque ids) stays the aggregator's.
"""

from __future__ import annotations

import base64
import binascii
from urllib.parse import urlsplit

from ..seeds.urls import is_web_url

HOSTS = frozenset({"news.google.com"})
NAMES = frozenset({"google news"})
_LONGEST_NAME = 60  # a " - " further from the end is part of the headline


def is_aggregator(url: str, name: str = "") -> bool:
    return (urlsplit(url).hostname or "").lower() in HOSTS or name.casefold() in NAMES


def publisher_from_title(title: str, publisher: str = "") -> tuple[str, str]:
    """``("Headline - ESPN", "")`` -> ``("Headline", "ESPN")``; the publisher given (an
    RSS ``<source>``) wins when the title does not end with it. No " - ": as it is."""
    if publisher and title.endswith(f" - {publisher}"):
        return title[: -len(publisher) - 3].rstrip() or title, publisher
    head, dash, tail = title.rpartition(" - ")
    tail = tail.strip()
    if dash and head.strip() and tail and len(tail) <= _LONGEST_NAME:
        return head.rstrip(), publisher or tail
    return title, publisher


def original_address(url: str) -> str:
    """The story's own address inside a Google News link, or the link as it is."""
    parts = urlsplit(url)
    if (parts.hostname or "").lower() not in HOSTS or "/articles/" not in parts.path:
        return url
    token = parts.path.rsplit("/articles/", 1)[1].split("/")[0]
    try:
        data = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        return url
    # field 1 (a number), then field 4: the address, length-prefixed (one or two bytes)
    if len(data) < 4 or data[0] != 0x08 or data[2] != 0x22:
        return url
    length, start = data[3], 4
    if length & 0x80:
        if len(data) < 5:
            return url
        length, start = (length & 0x7F) | (data[4] << 7), 5
    try:
        address = data[start:start + length].decode("ascii")
    except UnicodeDecodeError:
        return url
    return address if len(address) == length and is_web_url(address) else url
