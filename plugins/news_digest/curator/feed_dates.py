"""When a feed item was published: feedparser's reading, mended where it is wrong.

Curator stage, no Pelican import. feedparser reads RFC 822 dates (RSS's ``pubDate``)
with a table of North American zone names and military letters; any other name it
reads as UTC without a word, so ``10:00:00 CET`` was imported an hour late and
``JST`` nine hours. A date it cannot read at all is the item skipped: a leap second
(``23:59:60``, which real feeds print at the end of a leap year) and a date with no
zone (``Mon, 07 Dec 2026 10:00:00``, which the seed format reads as UTC). Here:

- a zone name of the table below (unambiguous, common in feeds) gives its offset;
  one feedparser knows keeps its reading;
- a name meaning several zones (``IST`` is India's, Ireland's or Israel's; ``BST``
  Britain's or Bangladesh's; ``CST`` and ``AST`` China's and Arabia's besides the
  American ones feedparser reads) is read by the country the item's link or language
  names (``.ie``, ``he``); with no country among its meanings, ``IST`` and ``BST``
  (feedparser: UTC, right for none) are read as their most common meaning in feeds,
  India and Britain, with a note for the import to print, ``CST`` and ``AST`` as
  feedparser reads them (American, silently: the common case);
- a date feedparser could not read is read again by the standard library's RFC 822
  parser, a leap second as the second before it, no zone as UTC;
- a date in numbers (ISO 8601 and its kin) is read here, not by feedparser, which
  dropped an offset's minutes when it has no colon (``10:00+0530`` read as 04:30's
  half hour later, 05:00), the time of the basic form (``20261207T100000Z`` as
  midnight) and all but the month of ``2026/12/07 10:00`` (read as 1 December).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from ..seeds.zone_names import AMBIGUOUS, ZONE_HOURS, meanings_of, offset_text

_RFC822_ZONE = re.compile(r"^\s*(?:[A-Za-z]{3},?\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+"
                          r"\d{1,2}:\d{2}(?::\d{2})?\s+([A-Za-z]{2,5})\s*$")
_LEAP_SECOND = re.compile(r"(\d{1,2}:\d{2}):60(?!\d)")


# A language with one country among those meanings (the region of "en-IN" says more).
_LANGUAGE_COUNTRY = {"he": "il", "hi": "in", "ga": "ie", "bn": "bd", "zh": "cn", "ar": "sa"}


@dataclass(frozen=True)
class ItemTime:
    moment: datetime | None
    note: str = ""  # a guessed zone, for the import to say


def item_time(parsed_time, raw: str, link: str = "", language: str = "") -> ItemTime:
    """The item's time in UTC from feedparser's ``*_parsed`` and the date as written;
    ``link`` and ``language`` tell which zone an ambiguous name means."""
    if numeric := _NUMERIC.match(raw or ""):
        return ItemTime(_numeric_time(numeric))
    zone = _RFC822_ZONE.match(raw or "")
    name = zone.group(1).upper() if zone else ""
    if parsed_time and name in AMBIGUOUS:
        read_as_utc = _as_utc(parsed_time) + timedelta(hours=_FEEDPARSER_HOURS.get(name, 0))
        meanings = AMBIGUOUS[name]
        country = next((c for c in _countries(link, language) if c in meanings), None)
        if country is None and None not in meanings:
            return ItemTime(_as_utc(parsed_time))
        where, hours = meanings[country]
        note = "" if country else (
            f"its date's zone '{name}' names several ({meanings_of(name)}): read as "
            f"{where}'s (UTC{offset_text(hours)}); correct `Published at:` in the seeds if wrong")
        return ItemTime(read_as_utc - timedelta(hours=hours), note)
    if parsed_time and name in ZONE_HOURS:
        return ItemTime(_as_utc(parsed_time) - timedelta(hours=ZONE_HOURS[name]))
    if parsed_time:
        return ItemTime(_as_utc(parsed_time))
    return ItemTime(_again(raw or ""))


# What feedparser took these names for (hours from UTC): undone before they are read.
_FEEDPARSER_HOURS = {"CST": -6, "AST": -4}


def _as_utc(parsed_time) -> datetime:
    return datetime.fromtimestamp(calendar.timegm(parsed_time), UTC)


def _countries(link: str, language: str) -> list[str]:
    """Countries an item names: its link's top-level domain, its language's region,
    the one country of its language."""
    host = (urlsplit(link).hostname or "") if link else ""
    first, _, region = (language or "").lower().partition("-")
    return [host.rsplit(".", 1)[-1], region.split("-")[-1], _LANGUAGE_COUNTRY.get(first, "")]


def _again(raw: str) -> datetime | None:
    text = _LEAP_SECOND.sub(r"\1:59", raw.strip())
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:  # no zone, '-0000' or an unknown name: UTC, as seeds say
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


_NUMERIC = re.compile(
    r"^\s*(?P<y>\d{4})(?P<s>[-/]?)(?P<mo>\d{1,2})(?P=s)(?P<d>\d{1,2})"
    r"(?:(?:T|\s+)(?P<h>\d{1,2}):?(?P<mi>\d{2})(?::?(?P<sec>\d{2})(?:[.,]\d+)?)?)?"
    r"\s*(?P<z>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?\s*$", re.IGNORECASE)


def _numeric_time(match: re.Match) -> datetime | None:
    """A date in numbers as written (no zone: UTC, no time: midnight), or None when
    one of its numbers is out of range (then the item is skipped, never misdated)."""
    part = match.groupdict()
    if not part["s"] and (len(part["mo"]) != 2 or len(part["d"]) != 2):
        return None  # 2026127: no reading is sure
    hour, minute = int(part["h"] or 0), int(part["mi"] or 0)
    second = min(int(part["sec"] or 0), 59)  # a leap second: the one before it
    zone = (part["z"] or "Z").upper()
    hours, minutes = (0, 0) if zone in ("Z", "UTC", "GMT") else (
        int(zone[1:3]), int(zone[-2:]) if len(zone) > 3 else 0)
    if hours > 14 or minutes > 59:  # no zone is further from UTC
        return None
    offset = (hours * 60 + minutes) * (-1 if zone[0] == "-" else 1)
    try:
        day = datetime(int(part["y"]), int(part["mo"]), int(part["d"]), tzinfo=UTC)
        if hour == 24 and minute == second == 0:  # ISO 8601's end of the day
            hour, day = 0, day + timedelta(days=1)
        moment = day.replace(hour=hour, minute=minute, second=second)
    except ValueError:
        return None
    return moment - timedelta(minutes=offset)
