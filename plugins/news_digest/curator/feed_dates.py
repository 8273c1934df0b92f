"""When a feed item was published: feedparser's reading, mended where it is wrong.

Curator stage, no Pelican import. feedparser reads RFC 822 dates (RSS's ``pubDate``)
with a table of North American zone names and military letters; any other name it
reads as UTC without a word, so ``10:00:00 CET`` was imported an hour late and
``JST`` nine hours. A date it cannot read at all is the item skipped: a leap second
(``23:59:60``, which real feeds print at the end of a leap year) and a date with no
zone (``Mon, 07 Dec 2026 10:00:00``, which the seed format reads as UTC). Here:

- a zone name of the table below (unambiguous, common in feeds) gives its offset;
  one feedparser knows keeps its reading; another (``IST`` is India, Ireland or
  Israel) is read as feedparser reads it, as UTC;
- a date feedparser could not read is read again by the standard library's RFC 822
  parser, a leap second as the second before it, no zone as UTC.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

# Names feedparser does not know, each meaning one offset (hours) wherever feeds use it.
ZONE_HOURS = {
    "UTC": 0, "WET": 0, "WEST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3,
    "HKT": 8, "SGT": 8, "AWST": 8, "JST": 9, "KST": 9, "ACST": 9.5, "ACDT": 10.5,
    "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13, "HST": -10, "AKST": -9, "AKDT": -8,
}
_RFC822_ZONE = re.compile(r"^\s*(?:[A-Za-z]{3},?\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+"
                          r"\d{1,2}:\d{2}(?::\d{2})?\s+([A-Za-z]{2,5})\s*$")
_LEAP_SECOND = re.compile(r"(\d{1,2}:\d{2}):60(?!\d)")


def item_time(parsed_time, raw: str) -> datetime | None:
    """The item's time in UTC from feedparser's ``*_parsed`` and the date as written."""
    zone = _RFC822_ZONE.match(raw or "")
    if parsed_time and zone and zone.group(1).upper() in ZONE_HOURS:
        read_as_utc = datetime.fromtimestamp(calendar.timegm(parsed_time), UTC)
        return read_as_utc - timedelta(hours=ZONE_HOURS[zone.group(1).upper()])
    if parsed_time:
        return datetime.fromtimestamp(calendar.timegm(parsed_time), UTC)
    return _again(raw or "")


def _again(raw: str) -> datetime | None:
    text = _LEAP_SECOND.sub(r"\1:59", raw.strip())
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:  # no zone, '-0000' or an unknown name: UTC, as seeds say
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
