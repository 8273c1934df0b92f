"""On which day a story says its event happened (``enrich/`` stage).

Pure module (no Pelican import); ``clusters.py`` lowers the score of two stories
whose first paragraphs put their events on different days.

A news story says when its event happened in its first sentence: "Arsenal beat
Bayern Munich 3-1 on Tuesday", "the central bank said on Thursday", "killed 14
people yesterday", "on 16 April". That day tells two events about one subject
apart where their words cannot: a ruling against a firm on Wednesday and another
ruling against it on Thursday, a sprint race on Saturday and the grand prix on
Sunday, a match and the same team's next match, a breach at one retailer and at
another two days later.

Days are read in the story's own calendar (its time stamp's UTC offset: "Tuesday"
in Manila is not Tuesday in New York) and kept as spans of UTC time, so that two
outlets in different time zones can agree on one event: two days match when their
spans overlap by ``SAME_DAY_OVERLAP`` or more. Only the headline and the first
paragraph are read (and the second when the first is short): later paragraphs
recall other days (the first event a follow-up builds on, the background).
Words that point ahead ("next Tuesday", "until Friday", "starting Sunday") are
not the event's day, nor is a weekday five or six days before the time stamp
("will meet Sanders on Thursday", written on a Wednesday): a lead names a day that
far back as "last Thursday" or by its date, and a day ahead is told by its weekday.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from itertools import islice

LEAD_WORDS = 25  # the headline and paragraphs up to this many words are the lead
SAME_DAY_OVERLAP = 9 * 3600  # seconds two days' spans must share to be one day
RECENT_DAYS = 7  # an explicit date further back is background, not the event
# A weekday further back than this (not "last Thursday") is a day ahead ("will meet
# on Thursday", written on Wednesday): not the event's day. It could hardly be the
# day of an event whose other reports lie within the window (four days) anyway.
WEEKDAY_BACK = 4

DAY_SECONDS = 24 * 3600

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
           "sep": 9, "oct": 10, "nov": 11, "dec": 12}
# Month names as written in dates, capitalised ("may" is also a verb).
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
# Words before a weekday that make it another day than the event's.
_AHEAD = frozenset({"next", "until", "till", "by", "before", "from", "coming", "every",
                    "since", "starting", "beginning", "effective", "through"})
# A clock time between such a word and its weekday ("until 7am on Saturday", "from
# midnight on Friday") leaves the weekday pointed ahead (``CLOCK_AHEAD``).
CLOCK_AHEAD = True
_CLOCK_BEFORE_RE = re.compile(
    r"(\w+)\s+(?:\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)|midnight|noon|midday)"
    r"(?:\s+(?:on|GMT|BST|UTC|local time))?\s+$", re.IGNORECASE)
# But before a weekday's event these tell of it: "killed by Sunday's earthquake", "the
# toll from Wednesday's protests", "since Friday's quake" (not "by Friday", "from Monday").
_BACK_BEFORE_POSSESSIVE = frozenset({"by", "from", "since"})
# A weekday told in the future tense is a day ahead, however near in the week: "will
# start Paris-Roubaix on Sunday", written on a Tuesday, is the coming Sunday, not the
# one before (``FUTURE_AHEAD``): "will", "is to" or "is due to" up to ``FUTURE_WORDS``
# words before the weekday, in its clause (no comma or sentence end between).
FUTURE_WORDS = 5
_FUTURE_RE = re.compile(r"\b(?:will|won't|(?:is|are)(?: due)? to)\s+"
                        rf"(?:[\w'’-]+\s+){{0,{FUTURE_WORDS}}}$")
FUTURE_AHEAD = True
_EVENT_OF_DAY_RE = re.compile(r"['’]s\b(?! deadlines?\b)")  # not "by Friday's deadline"
# A headline that says a toll rose ("Death toll from Philippine quake rises to 31")
# counts, on the day its lead names, the dead of an event of that day or of one of the
# TOLL_DAYS_BACK days before ("Barpak landslide toll climbs to 27", two days on).
_TOLL_RE = re.compile(r"\btoll\b.{0,60}\b(?:rises|rose|climbs|climbed|reaches|reached|tops|hits)\b",
                      re.IGNORECASE)
TOLL_DAY_BEFORE = True
TOLL_DAYS_BACK = 2
_WEEKDAY_RE = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# "voted Monday local time", "the early hours of Monday, local time": the event's own
# day in the zone where it happened, which the outlet does not give (LOCAL_PARAGRAPHS).
_LOCAL_RE = re.compile(
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? local time\b")
LOCAL_PARAGRAPHS = 3  # the paragraphs read for a day said in local time
# A calendar day somewhere on Earth: from UTC+14 (its start) to UTC-12 (its end).
LOCAL_BEFORE, LOCAL_AFTER = 14 * 3600, 12 * 3600
_RELATIVE_WORDS = ("yesterday", "today", "tonight", "night", "this morning", "this afternoon",
                   "this evening", "early hours")
# "In the early hours" is "overnight": the day before in the zones to the west, where
# the event (a final in Augusta, a vote in Washington) took place in the evening.
_RELATIVE_RE = re.compile(
    r"\b(yesterday|today|tonight|last night|overnight|this (?:morning|afternoon|evening)"
    r"|early hours(?! of))\b", re.IGNORECASE)
# A lead that opens with the time since its event ("Three days after the quake, the
# villages wait for help", "WASHINGTON — Two days after ..."; at the start of the
# headline, of a paragraph or of a sentence of the lead) tells of the event's day,
# that many days back, as "Sunday's earthquake" does (``DAYS_AFTER``), unless it names
# another day (a new event's own: "..., a second quake struck on Thursday"). Not in a
# sentence's middle: "The ruling comes a day after the EU fined Apple" tells another day.
_DAYS_AFTER_RE = re.compile(
    r"(?:^|[.!?]\s+)(?:[A-Z][A-Z .'-]{1,40}[-–—]+\s*)?(?i:(a|one|two|three|four) days? after)\b",
    re.MULTILINE)  # a dateline in capitals ("WASHINGTON — ") may come first
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
DAYS_AFTER = True
# A day told in a clause about someone or something else, set off by commas ("Aiko
# Tanabe, who lost the runoff on Saturday, was appointed ... on Tuesday"; "Typhoon
# Kiko, which hit Okinawa on Tuesday"), is background: when the lead names another day
# outside such clauses, that day is the event's (``ASIDE_DAYS``); when it names none,
# the clause's day is read as before ("a firm, which said on Wednesday that ...").
_ASIDE_RE = re.compile(r",\s+(?:who|which|whose)\s[^,;:.!?\n]*$")
ASIDE_DAYS = True
_DATE_RE = re.compile(rf"\b(?:({_MONTH})\s+(\d{{1,2}})|(\d{{1,2}})\s+({_MONTH}))\b")
# A wire dateline: "BRUSSELS, May 14 (GWS) - ": the day of writing, not of the event.
_DATELINE_RE = re.compile(
    rf"^[^a-z]{{2,60}}?,\s*{_MONTH}\s*\d{{1,2}}\s*(?:\([^)]{{1,30}}\))?\s*[-–—:]")


def _lead(title: str, paragraphs) -> str:
    parts = [title]
    told = 0
    for number, paragraph in enumerate(paragraphs):
        if number == 0:
            paragraph = _DATELINE_RE.sub("", paragraph, count=1)
        parts.append(paragraph)
        told += len(paragraph.split())
        if told >= LEAD_WORDS:
            break
    return "\n".join(parts)


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")[:3]]


def _in_aside(text: str, at: int) -> bool:
    """Whether the day at ``at`` is told in a clause set off by a comma and "who",
    "which" or "whose", within its sentence (``ASIDE_DAYS``)."""
    return ASIDE_DAYS and _ASIDE_RE.search(text, max(0, at - 160), at) is not None


def days_after(text: str, today: date, lowered: str | None = None) -> set[date]:
    """The days a lead opening with the time since its event ("Three days after the
    quake, ...") puts that event on (``DAYS_AFTER``); ``lowered``: the text in lower
    case, where the caller has it."""
    lowered = text.lower() if lowered is None else lowered
    if not DAYS_AFTER or ("day after" not in lowered and "days after" not in lowered):
        return set()
    return {today - timedelta(days=_COUNTS[match.group(1).lower()])
            for match in _DAYS_AFTER_RE.finditer(text)}


def named_days(title: str, paragraphs, published: datetime) -> tuple[date, ...]:
    """The calendar days (in the story's own time zone) its lead names."""
    return _read_days(title, paragraphs, published)[0]


def aside_days(title: str, paragraphs, published: datetime) -> tuple[date, ...]:
    """The days the lead tells only in a clause aside and that are left out for the
    other days it names (``ASIDE_DAYS``), for ``explain``."""
    days, aside = _read_days(title, paragraphs, published)
    return tuple(sorted(set(aside) - set(days)))


def _read_days(title: str, paragraphs, published: datetime) -> tuple[tuple[date, ...],
                                                                     tuple[date, ...]]:
    """The days the lead names, and those it names in a clause aside (``ASIDE_DAYS``)."""
    today = published.date()  # ``published`` keeps the outlet's UTC offset
    text = _lead(title, paragraphs)
    days: set[date] = set()
    aside: set[date] = set()  # days told in a clause set off by commas (ASIDE_DAYS)
    if "day" in text:  # every weekday, "today" and "yesterday" end so
        for match in _WEEKDAY_RE.finditer(text):
            before = text[max(0, match.start() - 12):match.start()].split()
            before = before[-1].lower() if before else ""
            if CLOCK_AHEAD and before in ("on", "am", "pm", "a.m.", "p.m.", "midnight", "noon",
                                          "midday"):
                clock = _CLOCK_BEFORE_RE.search(text, max(0, match.start() - 40), match.start())
                before = clock.group(1).lower() if clock else before
            if before in _AHEAD and not (before in _BACK_BEFORE_POSSESSIVE
                                         and _EVENT_OF_DAY_RE.match(text, match.end())):
                continue
            if FUTURE_AHEAD and before != "last" and _FUTURE_RE.search(
                    text, max(0, match.start() - 60), match.start()):
                continue
            back = (today.weekday() - _WEEKDAYS.index(match.group(1).lower())) % 7
            if before == "last":
                back = back or 7
            elif back > WEEKDAY_BACK:
                continue
            (aside if _in_aside(text, match.start()) else days).add(today - timedelta(days=back))
    lowered = text.lower()
    if any(word in lowered for word in _RELATIVE_WORDS):
        for match in _RELATIVE_RE.finditer(lowered):
            word = match.group(1)
            if word == "yesterday":
                days.add(today - timedelta(days=1))
            elif word in ("last night", "overnight", "early hours"):
                days.update((today - timedelta(days=1), today))
            else:
                days.add(today)
    for match in _DATE_RE.finditer(text):
        month = _month(match.group(1) or match.group(4))
        day = int(match.group(2) or match.group(3))
        for year in (today.year, today.year - 1):
            try:
                found = date(year, month, day)
            except ValueError:
                break
            if found <= today + timedelta(days=1):
                if (today - found).days <= RECENT_DAYS:
                    (aside if _in_aside(text, match.start()) else days).add(found)
                break
    if aside and not days:  # the only days named: read them as before
        days = set(aside)
    since = days_after(text, today, lowered)
    if since and days <= since:  # no other day: a new event's lead names its own
        days |= since
    return tuple(sorted(days)), tuple(sorted(aside))


def lead_days(title: str, paragraphs, published: datetime) -> tuple[date, ...]:
    """The calendar days (in the story's own time zone) its lead puts the event on:
    the days it names (``named_days``), and the ``TOLL_DAYS_BACK`` days before each
    when its headline says a toll rose (the dead of an event of that day or before)."""
    days = named_days(title, paragraphs, published)
    if days and TOLL_DAY_BEFORE and _TOLL_RE.search(title):
        return tuple(sorted({*days, *(day - timedelta(days=back) for day in days
                                      for back in range(1, TOLL_DAYS_BACK + 1))}))
    return days


def local_days(paragraphs, published: datetime) -> tuple[date, ...]:
    """The weekdays the first paragraphs say in local time ("voted Monday local time"):
    a Japanese outlet's report of a vote in Seattle names its own Wednesday in its
    lead and the vote's Monday, in Seattle's calendar, further on."""
    today = published.date()
    days = set()
    for paragraph in islice(paragraphs, LOCAL_PARAGRAPHS):
        if "local time" in paragraph:
            for match in _LOCAL_RE.finditer(paragraph):
                before = paragraph[max(0, match.start() - 12):match.start()].split()
                back = (today.weekday() - _WEEKDAYS.index(match.group(1).lower())) % 7
                if back <= WEEKDAY_BACK and not (before and before[-1].lower() in _AHEAD):
                    days.add(today - timedelta(days=back))
    return tuple(sorted(days))


def event_days(title: str, paragraphs, published: datetime) -> tuple[tuple[int, int], ...]:
    """The lead's days as spans of POSIX seconds [start, end): what clusters compare.

    A lead that names no day tells news of the last day before it was written: its
    span is the 24 hours before the time stamp, marked one second short of a day
    (``implicit``), as it is weaker evidence than a day the story names. A day said
    in local time (``local_days``) is that day in any time zone, 50 hours.
    """
    days = lead_days(title, paragraphs, published)
    local = local_days(paragraphs, published)
    if not days and not local:
        end = int(published.timestamp())
        return ((end - DAY_SECONDS + 1, end),)
    offset = published.utcoffset() or timedelta(0)
    spans = []
    for day in days:
        start = int((datetime(day.year, day.month, day.day, tzinfo=UTC) - offset).timestamp())
        spans.append((start, start + DAY_SECONDS))
    for day in local:
        start = int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp())
        spans.append((start - LOCAL_BEFORE, start + DAY_SECONDS + LOCAL_AFTER))
    return tuple(spans)


def day_notes(title: str, paragraphs, published: datetime) -> str:
    """The days a story's lead names, as ``explain`` prints them, with the rule that
    read a day a plain reading would not: "Tue 19 Aug and the 2 days before each (its
    headline counts a toll)", "Mon 3 Nov in local time", "none (guessed: the day before Tue 19
    Aug 09:35)"."""
    paragraphs = tuple(paragraphs)
    since = days_after(_lead(title, paragraphs), published.date())
    days = [f"{day:%a} {day.day} {day:%b}" + (" (its lead opens with the days since)"
                                              if day in since else "")
            for day in named_days(title, paragraphs, published)]
    aside = aside_days(title, paragraphs, published)
    if days and aside:
        days[-1] += " (not " + ", ".join(f"{day:%a} {day.day} {day:%b}" for day in aside) \
            + ": told in a clause aside, background)"
    if days and TOLL_DAY_BEFORE and _TOLL_RE.search(title):
        before = "the day" if TOLL_DAYS_BACK == 1 else f"the {TOLL_DAYS_BACK} days"
        days[-1] += f" and {before} before each (its headline counts a toll)"
    days += [f"{day:%a} {day.day} {day:%b} in local time (in any time zone)"
             for day in local_days(paragraphs, published)]
    return ", ".join(days) or f"none (guessed: the day before {published:%a} {published.day} " \
        f"{published:%b %H:%M})"


def same_day_said(a: tuple[tuple[int, int], ...], b: tuple[tuple[int, int], ...]) -> str:
    """How two leads that share a day share it, for ``explain``: "" when they do not
    (or either day is guessed), "in local time" when only through a day said so."""
    if implicit(a) or implicit(b):
        return ""
    found = ""
    for start_a, end_a in a:
        for start_b, end_b in b:
            if min(end_a, end_b) - max(start_a, start_b) >= SAME_DAY_OVERLAP:
                if end_a - start_a == DAY_SECONDS and end_b - start_b == DAY_SECONDS:
                    return "named"
                found = "in local time"
    return found


def implicit(spans: tuple[tuple[int, int], ...]) -> bool:
    """Whether ``event_days`` guessed the spans from the time of writing."""
    return bool(spans) and (spans[0][1] - spans[0][0]) == DAY_SECONDS - 1


def same_day(a: tuple[tuple[int, int], ...], b: tuple[tuple[int, int], ...]) -> bool | None:
    """Whether two stories' leads share a day; None when either lead names none."""
    if not a or not b:
        return None
    return any(min(end_a, end_b) - max(start_a, start_b) >= SAME_DAY_OVERLAP
               for start_a, end_a in a for start_b, end_b in b)
