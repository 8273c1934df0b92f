"""Who published a story, who wrote it, and where the original is.

Pure module: no Pelican import. ``attribute(seed, agencies)`` (or
``attribution_of(...)`` with plain values) gives an ``Attribution`` the theme
prints as the credit block; ``DIGEST_AGENCIES`` decides which byline names are
news agencies or newsroom desks rather than people.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property, lru_cache
from zoneinfo import ZoneInfo

from ..seeds.byline import split_byline
from ..seeds.urls import is_web_url, site_home
from .editions import day_text
from .lookalikes import reader_key, visible

PERSON = "person"
AGENCY = "agency"

# Names that already say what they are: no "(news agency)" after them.
_SELF_DESCRIBING = re.compile(
    r"\b(agenc(y|ies)|desk|bureau|staff|reporters?|correspondents?|service|network|wires?)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class Credit:
    """One name from the byline: a person or an agency/desk."""

    name: str
    kind: str  # PERSON or AGENCY

    @property
    def is_agency(self) -> bool:
        return self.kind == AGENCY


@dataclass(frozen=True)
class Attribution:
    """Everything a page needs to credit the original publisher."""

    publisher: str
    publisher_home: str  # scheme and host, "" when the URL is not http(s)
    original_url: str
    published: datetime
    credits: tuple[Credit, ...] = ()
    # The site's time zone (TIMEZONE): the one dates are shown in, so that a story's
    # date is its edition's day. "": the publisher's own offset.
    zone: str = ""

    @cached_property  # read by every list a story appears in
    def original_link(self) -> str:
        """The original URL when it may become a link (http/https), else ""."""
        return self.original_url if is_web_url(self.original_url) else ""

    @property
    def people(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.credits if not c.is_agency)

    @property
    def agencies(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.credits if c.is_agency)

    @property
    def agency_label(self) -> str:
        """``news agency``/``news agencies`` unless every agency name says what it is."""
        unexplained = [n for n in self.agencies if not _SELF_DESCRIBING.search(n)]
        if not unexplained:
            return ""
        return "news agency" if len(self.agencies) == 1 else "news agencies"

    @cached_property  # read by every page and list a story appears in
    def published_iso(self) -> str:
        """ISO 8601 with the offset, as JSON-LD wants it."""
        return self.published.isoformat()

    @cached_property  # read by every page and list a story appears in
    def time_datetime(self) -> str:
        """``published_iso`` as ``<time datetime>`` takes it: a fraction of a second (a
        seed's ``12:05:50.123456Z``) in at most three digits (Python writes six)."""
        return self.published.isoformat(
            timespec="milliseconds" if self.published.microsecond else "seconds")

    @cached_property
    def shown_time(self) -> datetime:
        """The publication time in the site's time zone (``zone``)."""
        return self.published.astimezone(ZoneInfo(self.zone)) if self.zone else self.published

    @property
    def date_text(self) -> str:
        """``1 November 2019, 12:05 UTC``, in the site's time zone, named as its readers
        name it (``EST``, ``CET``; ``zone_text``)."""
        shown = self.shown_time
        return f"{day_text(shown.date())}, {shown:%H:%M} {zone_text(shown)}"

    @property
    def short_date_text(self) -> str:
        """``1 November 2019``: the site's one date format, in the site's time zone."""
        return day_text(self.shown_time.date())

    @cached_property  # read two or three times by every list a story appears in
    def byline_parts(self) -> tuple[tuple[str, str], ...]:
        """The byline as ``(text, kind)`` pieces for the theme to mark up.

        ``kind`` is ``person``, ``agency``, ``label`` (``(news agency)``) or ""
        for the joining words; empty when the byline names nobody.
        """
        if not self.credits:
            return ()
        parts = [("By ", "")]
        for kind, names in ((PERSON, self.people), (AGENCY, self.agencies)):
            if kind == AGENCY and self.people and self.agencies:
                parts.append((", with ", ""))
            for index, name in enumerate(names):
                if index:
                    parts.append((" and " if index == len(names) - 1 else ", ", ""))
                parts.append((name, kind))
        if self.agency_label:
            parts += [(" ", ""), (f"({self.agency_label})", "label")]
        return tuple(parts)

    @property
    def byline_text(self) -> str:
        """``By Jane Doe, with PTI (news agency)``; "" when nobody is credited."""
        return "".join(text for text, _ in self.byline_parts)

    def credit_line(self) -> str:
        """``Originally published by X · 1 November 2019, 12:05 UTC · By PTI (news agency)``."""
        parts = [f"Originally published by {self.publisher}", self.date_text]
        if self.byline_text:
            parts.append(self.byline_text)
        return " · ".join(parts)


def zone_text(when: datetime) -> str:
    """The zone's abbreviation of the time database (``EST``, ``CEST``, ``IST``), which a
    reader knows better than an offset; the offset (``UTC-03:00``) where the database
    has no name but a number (``-03`` for Sao Paulo) or the time has no named zone."""
    name = when.tzname() if isinstance(when.tzinfo, ZoneInfo) else None
    if name and name[0].isalpha():
        return name
    return offset_text(when)


def offset_text(when: datetime) -> str:
    """``UTC`` for a zero offset, else ``UTC+05:30`` / ``UTC-04:00``."""
    offset = when.utcoffset() or timedelta(0)
    if not offset:
        return "UTC"
    sign = "+" if offset > timedelta(0) else "-"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


@lru_cache(maxsize=32)
def agency_matcher(agencies: tuple[str, ...]) -> re.Pattern:
    """One regex for the whole list: whole names, any case; ``*`` stands for any words.
    It matches a name's ``agency_form``."""
    alternatives = []
    for entry in agencies:
        words = reader_key(entry)
        pieces = (re.escape(p).replace(r"\ ", r"\s+") for p in words.split("*"))
        alternatives.append(".+?".join(pieces))
    if not alternatives:
        return re.compile(r"(?!)")
    return re.compile(r"(?:" + "|".join(alternatives) + r")", re.IGNORECASE)


def agency_form(name: str) -> str:
    """``name`` as the agencies are matched: as a reader reads it (``lookalikes.py``:
    'Reuters' with a zero-width space, 'REUTERS', 'Rеuters' with a Cyrillic 'е'),
    without the full stop a byline may end with ('By Reuters.')."""
    return reader_key(name).rstrip(". ")


def is_agency(name: str, agencies: Iterable[str]) -> bool:
    """True when ``name`` is, as a whole, one of ``agencies`` (names or ``*`` patterns)."""
    return bool(agency_matcher(tuple(agencies)).fullmatch(agency_form(name)))


def split_credits(byline: str, agencies: Iterable[str],
                  publisher: str = "") -> tuple[Credit, ...]:
    """The byline's names (less ``publisher``, see ``split_byline``), each marked as a
    person or an agency. An agency is credited without invisible characters or a
    final full stop ('Reuters.' is credited 'Reuters (news agency)')."""
    matcher = agency_matcher(tuple(agencies))
    credits = []
    for name in split_byline(byline, publisher):
        if matcher.fullmatch(agency_form(name)):
            credits.append(Credit(visible(name).rstrip(". ") or name, AGENCY))
        else:
            credits.append(Credit(name, PERSON))
    return tuple(credits)


def attribution_of(publisher: str, original_url: str, published: datetime, byline: str,
                   agencies: Iterable[str], zone: str = "", home: str = "") -> Attribution:
    """An ``Attribution`` from plain values; dates shown in time zone ``zone``. The
    publisher's ``home`` is the sources file's when it names one, else the story's site."""
    if not home:
        home = site_home(original_url) if is_web_url(original_url) else ""
    return Attribution(
        publisher=" ".join(publisher.split()),
        publisher_home=home,
        original_url=original_url.strip(),
        published=published,
        credits=split_credits(byline, agencies, publisher),
        zone=zone,
    )


def attribute(seed, agencies: Iterable[str], zone: str = "", home: str = "") -> Attribution:
    """An ``Attribution`` from a parsed ``Seed``; dates shown in time zone ``zone``."""
    return attribution_of(seed.source_name, seed.source_url, seed.published, seed.byline,
                          agencies, zone, home)


def publisher_feed(seed) -> str:
    """The publisher's feed the story was imported from (the seed's ``Feed:`` header,
    written by the importer), when it is an http(s) URL; "" when unknown."""
    feed = (seed.headers.get("feed") or "").strip()
    return feed if is_web_url(feed) else ""
