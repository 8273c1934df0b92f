"""The documented seed headers: their names, aliases, how each value is checked, and
what it becomes.

Pure module (seeds stage). ``HEADERS`` is the one table of documented headers; adding
a header is one row here (and its row in docs/curating.md: a test keeps the two in
step). Nothing else in a seed reaches Pelican: ``format.py`` keeps any other
``Key: **value**`` line inert on ``Seed.extra`` and warns about it, suggesting the
documented header it most likely misspells (``suggest``).
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import cached_property

from ..errors import HeaderValueError
from .language_tags import canonical_language_tag, tag_for_name
from .story_refs import reference_problem
from .text_checks import describe, has_visible_character
from .url_checks import web_url_problem
from .zone_names import AMBIGUOUS, ZONE_HOURS, meanings_of, offset_text

MAX_HEADLINE_CHARS = 300
MAX_HEADER_CHARS = 2_000
# A story may be dated a little ahead (a publisher's clock, a time zone written
# wrong), not more: a date far ahead would pin it to the top of the digest.
MAX_AHEAD = timedelta(days=1)
MIN_UTC_OFFSET, MAX_UTC_OFFSET = timedelta(hours=12), timedelta(hours=14)  # -12:00..+14:00
_LINK_RE = re.compile(r"^\[(.*)\]\((.*)\)$")
# '[P](url) (paywalled)': a link, then text (a URL with parentheses is not taken for one).
_TEXT_AFTER_LINK_RE = re.compile(r"^\[[^\[\]]*\]\([^()\s]*\)\s*(\S.*)$")


def _snake(key: str) -> str:
    return re.sub(r"[\s_-]+", "_", key.strip().lower())


def _visible(value: str, name: str) -> str:
    if not has_visible_character(value):
        raise HeaderValueError(f"'{name}' has no visible character (only spaces, zero-width or "
                           "other invisible characters): write it or remove the line")
    return value


def _check_topics(value: str, name: str) -> str:
    """Topic names separated by commas: at least one (", ," named none, and the
    classifier chose in silence what the curator meant to choose)."""
    value = _visible(value, name)
    if not any(has_visible_character(part) for part in value.split(",")):
        raise HeaderValueError(f"'{name}' names no topic: write the topics' names or slugs "
                               "separated by commas, or remove the line to let the digest "
                               "choose")
    return value


_BLANKS_RE = re.compile(r"[ \t]{2,}|\t")


def _check_headline(value: str, name: str) -> str:
    """The headline, a tab or a run of spaces in it one space (as ``import`` writes it:
    a tab typed into a headline reached the page's <title> and every feed's title)."""
    value = _BLANKS_RE.sub(" ", value)
    if not has_visible_character(value):
        raise HeaderValueError("the headline is empty or has no visible character: write "
                           "'# <headline>'")
    if len(value) > MAX_HEADLINE_CHARS:
        raise HeaderValueError(f"the headline is {len(value)} characters long; at most "
                           f"{MAX_HEADLINE_CHARS} are allowed")
    return value


TIMESTAMP_EXAMPLE = "2019-11-01T12:05:50+00:00"
_ISO_PARTS = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")
_DAY_FIRST = re.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b")
_ZONE_NAME = re.compile(r"\s*\b(UTC|GMT)\s*$", re.IGNORECASE)
_OFFSET_END = re.compile(r"(?:[+-]\d{2}(?::?\d{2})?|Z)$")
_LEAP_SECOND = re.compile(r"\d{2}:\d{2}:60(?!\d)")
_RFC822_START = re.compile(r"(?:[A-Za-z]{3},?\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s")


def timestamp_problem(value: str) -> str:
    """Why ``value``, which datetime.fromisoformat refused, is not a timestamp, and how
    to write it: a curator who wrote 2025-11-31 in the right shape learns the day is
    wrong, not only that the shape is."""
    start = f"'{value[:80]}' is not an ISO 8601 timestamp"
    if _LEAP_SECOND.search(value):  # real feeds date items 23:59:60 at a leap second
        return (f"'{value[:80]}': second 60 (a leap second) cannot be written here: write "
                "59, the second before it")
    rfc822 = _rfc822(value)
    if rfc822:  # 'Mon, 07 Dec 2026 10:00:00 EST', as RSS dates its items
        return f"{start}: it is written as feeds date their items (RFC 822): {rfc822}"
    parts = _ISO_PARTS.match(value.strip())
    if parts:
        year, month, day = (int(n) for n in parts.group(1, 2, 3))
        if not 1 <= month <= 12:
            return f"{start}: there is no month {month} (the month comes after the year)"
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            return f"{start}: {calendar.month_name[month]} {year} has {days} days"
        if parts.group(4) and (int(parts.group(4)) > 23 or int(parts.group(5)) > 59):
            return f"{start}: the time of day runs from 00:00 to 23:59"
    zone = _ZONE_NAME.search(value)
    if zone and parts:  # '2019-11-01T12:05:50 UTC'
        bare = value[:zone.start()].strip()
        if _OFFSET_END.search(bare):
            return f"{start}: remove '{zone.group(1)}', the offset before it says the time zone"
        return f"{start}: write the time zone as an offset, like {bare}+00:00 for UTC"
    if _DAY_FIRST.match(value.strip()):
        return f"{start}: write the year first, like {TIMESTAMP_EXAMPLE}"
    return f"{start}: write it like {TIMESTAMP_EXAMPLE}"


def _rfc822(value: str) -> str:
    """How to write an RFC 822 date (feeds' ``pubDate``) in ISO 8601; "" if it is none."""
    if not _RFC822_START.match(value.strip()):
        return ""
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return ""
    if moment.tzinfo is None:  # no zone, '-0000' or a zone name Python does not know
        name = value.split()[-1].upper()
        if name in ZONE_HOURS:  # 'CET': one offset wherever feeds use it
            return f"write it as {moment.isoformat()}{offset_text(ZONE_HOURS[name])}"
        if name in AMBIGUOUS:  # 'IST': India's, Ireland's or Israel's
            return (f"write it as {moment.isoformat()} followed by its offset from UTC "
                    f"('{name}' names several zones: {meanings_of(name)})")
        return (f"write it as {moment.isoformat()} followed by its offset from UTC "
                "(+00:00 for UTC)")
    return f"write it as {moment.isoformat()}"


def _check_published(value: str, name: str) -> datetime:
    example = TIMESTAMP_EXAMPLE
    if not value:  # 'Published at: ****'
        raise HeaderValueError(f"'{name}:' is empty: write the time the story was published, "
                               f"like {example}")
    try:  # RFC 3339 allows a lower-case 'z' (UTC); Python reads only 'Z'
        published = datetime.fromisoformat(value[:-1] + "Z" if value.endswith("z") else value)
    except ValueError:
        raise HeaderValueError(timestamp_problem(value)) from None
    if not 1900 <= published.year <= 2999:
        raise HeaderValueError(f"the year {published.year} is out of range (1900 to 2999): "
                               "give the time the story was published")
    if published.tzinfo is None:  # the format says: no offset means UTC
        published = published.replace(tzinfo=UTC)
    offset = published.utcoffset()
    if offset % timedelta(minutes=1) or not -MIN_UTC_OFFSET <= offset <= MAX_UTC_OFFSET:
        raise HeaderValueError(f"the UTC offset of '{value[:80]}' is not a time zone's: write "
                           f"hours and minutes from -12:00 to +14:00, like {example}")
    if ahead_of_the_clock(published):  # the clock named: a wrong one refuses every new story
        raise HeaderValueError(
            f"{published.isoformat()} is in the future (more than a day after this machine's "
            f"clock, {now():%Y-%m-%d %H:%M} UTC): give the time the story was published, or "
            "set the clock right if it is wrong")
    return published


def _check_url(value: str, name: str) -> str:
    problem = web_url_problem(value)
    if problem:
        raise HeaderValueError(problem)
    return value


# A Markdown link's optional title after its address: "title", 'title' or (title).
_LINK_TITLE_RE = re.compile(r"""^(\S+)[ \t]+("[^"]*"|'[^']*'|\([^()]*\))$""")


def _check_original(value: str, name: str) -> tuple[str, str]:
    example = "'Original: [Publisher name](https://example.org/story)'"
    if value.count("](") > 1:
        raise HeaderValueError("two links on the 'Original:' line: keep the one to the story, "
                           f"like {example}")
    after = _TEXT_AFTER_LINK_RE.match(value)
    if after:
        raise HeaderValueError(f"text after the link ('{after.group(1)[:80]}'): the "
                               f"'Original:' line is the link alone, like {example}")
    link = _LINK_RE.match(value)
    if not link:
        bare = value.strip("*<> \t")  # the address alone: 'Original: https://...'
        if bare.startswith(("http://", "https://")) and not any(c.isspace() for c in bare):
            example = f"'Original: [Publisher name]({bare[:300]})'"
        raise HeaderValueError(f"'Original:' must be a Markdown link like {example}")
    publisher, url = link.group(1).strip(), link.group(2).strip()
    if "[" in publisher or "]" in publisher:
        raise HeaderValueError("the publisher name holds '[' or ']', which end a Markdown link "
                           "text: write ( ) instead")
    if url.startswith("<") and url.endswith(">"):  # [name](<url>), CommonMark's form
        url = url[1:-1].strip()
    titled = _LINK_TITLE_RE.match(url)
    if titled:  # [name](url "title"): Markdown's link title, not part of the address
        raise HeaderValueError(f"a link title ({titled.group(2)[:60]}) after the address: the "
                               "'Original:' link is the address alone, like 'Original: "
                               f"[{publisher[:40]}]({titled.group(1)[:120]})'")
    if not publisher:
        raise HeaderValueError("the 'Original:' link has no publisher name between [ ]")
    if not has_visible_character(publisher):
        raise HeaderValueError("the publisher name has no visible character (only spaces, "
                           "zero-width or other invisible characters): write it between [ ]")
    if len(url) > MAX_HEADER_CHARS:
        raise HeaderValueError(f"the URL is {len(url)} characters long; at most "
                           f"{MAX_HEADER_CHARS} are allowed")
    return publisher, _check_url(url, name)


def _check_language(value: str, name: str) -> str:
    tag = canonical_language_tag(value)
    if tag is None:
        named = tag_for_name(value)
        fix = (f"write its tag, '{name}: **{named}**'" if named
               else "write the story's language as a tag like en, de or pt-BR")
        raise HeaderValueError(f"'{value[:80]}' is not a BCP 47 language tag: {fix}")
    return tag


def _check_references(value: str, name: str) -> str:
    problem = reference_problem(value)
    if problem:
        raise HeaderValueError(f"'{name}:' {problem}")
    return value


YES_NO = {"yes": "yes", "true": "yes", "no": "no", "false": "no"}


def _check_yes_no(value: str, name: str) -> str:
    answer = YES_NO.get(value.strip().lower())
    if answer is None:
        raise HeaderValueError(f"'{name}:' is '{value[:80]}': write yes or no")
    return answer


@dataclass(frozen=True)
class Header:
    """One documented seed header (a row of ``HEADERS``)."""

    name: str  # as documented, and as ``render_seed`` writes it
    check: Callable[[str, str], object]  # (value, name) -> what the story keeps
    becomes: str  # what the value becomes, for people (docs/curating.md, messages)
    aliases: tuple[str, ...] = ()  # other spellings curators use
    # Other names curators write for it by mistake ('Source:' for 'Original:'): never
    # read as it (a curator's 'Source: **...**' may mean something else), only named in
    # the hint that says how to write it (``hint``).
    mistaken: tuple[str, ...] = ()
    required: bool = False
    metadata: str | None = None  # the story attribute (Pelican metadata key) set from it

    @cached_property
    def key(self) -> str:
        return _snake(self.name)


HEADERS: tuple[Header, ...] = (
    Header("Title", _check_headline, "the headline (Pelican's title), written '# <headline>'",
           required=True),
    Header("Published at", _check_published,
           "the publication time (date); ISO 8601, no offset means UTC",
           aliases=("published", "date"), required=True,
           mistaken=("time", "timestamp", "datetime", "pubdate", "publication date")),
    Header("Author", _visible, "the byline, split into people and agencies (authors)",
           aliases=("authors", "byline", "by")),
    Header("Original", _check_original,
           "the publisher's name and the story's URL, written as a Markdown link",
           required=True, mistaken=("source", "url", "link", "source url", "original url",
                                    "original link", "story url", "article url")),
    Header("Summary", _visible, "the summary shown in lists and feeds instead of the first "
           "paragraph"),
    Header("Topics", _check_topics, "the story's topics, instead of the classifier's (names or "
           "slugs of the taxonomy's topics, comma-separated)"),
    Header("Language", _check_language,
           "the story's language, a BCP 47 tag such as en, de or pt-BR (language)",
           metadata="language"),
    Header("Feed", _check_url, "the publisher feed the story was imported from, an "
           "absolute http(s) URL (source_feed)", metadata="source_feed"),
    Header("Same event as", _check_references, "other stories of the same event, joined to "
           "this one's cluster: their original URLs, identities or seed file names"),
    Header("Not same event as", _check_references, "stories this one is never clustered "
           "with, given the same way"),
    Header("Lead story", _check_yes_no, "yes: this story leads its cluster on the front "
           "page, instead of the earliest report (docs/front-page.md)"),
    Header("Headline only", _check_yes_no, "yes: the publisher's feed gave only the "
           "headline and link, so the seed has no body; the story is shown as under the "
           "link policy (docs/importing.md)"),
)
BY_KEY = {key: h for h in HEADERS for key in (h.key, *map(_snake, h.aliases))}
MISTAKEN = {_snake(name): h for h in HEADERS for name in h.mistaken}
# Kept on Seed fields of their own; the other documented headers go to Seed.headers.
CORE = frozenset({"title", "published_at", "author", "original"})


def now() -> datetime:
    """The time seeds are checked against (a function, so tests can move it)."""
    return datetime.now(UTC)


def ahead_of_the_clock(published: datetime | None) -> bool:
    """Whether a seed published at ``published`` is refused by the clock now."""
    return published is not None and published - now() > MAX_AHEAD


def normalise_key(key: str) -> str:
    """``Published  At`` -> ``published_at``; aliases fold to the header's own key."""
    snake = _snake(key)
    header = BY_KEY.get(snake)
    return header.key if header else snake


def suggest(written: str) -> Header | None:
    """The documented header an unknown key is most likely a misspelling of."""
    key = _snake(written)
    if key in MISTAKEN:
        return MISTAKEN[key]
    candidates = {k: h for k, h in BY_KEY.items() if k != "title"}
    # 0.82: one letter off in a short name ("Autor", "Topcs"); not "Update" for "Date"
    close = difflib.get_close_matches(key, list(candidates), n=1, cutoff=0.82)
    if close:
        return candidates[close[0]]
    if len(key) >= 3:  # an abbreviation: 'Lang', 'Pub'
        return next((h for k, h in candidates.items() if k.startswith(key)), None)
    return None


def hint(written: str, value: str = "", misspelt_only: bool = False) -> str | None:
    """How to fix an unknown header key ``written`` (its value as written after the
    colon): the documented header it misspells, or the one it stands for and how that
    one is written ('Source: [P](url)' is 'Original: [P](url)'); None for neither.
    ``misspelt_only`` for a line that may be meant as it is (a 'Source: **Reuters**'
    beside the 'Original:' line): only a misspelling is named."""
    header = suggest(written)
    if header is None:
        return None
    if _snake(written) not in MISTAKEN:
        return f"did you mean '{header.name}'?"
    if misspelt_only:
        return None
    value = value.strip().strip("*").strip()
    if header.key != "original":
        example = f"{header.name}: **{value or '...'}**"
    elif _LINK_RE.match(value):
        example = f"Original: {value}"
    else:
        url = value if value.startswith(("http://", "https://")) else "https://example.org/story"
        example = f"Original: [Publisher name]({url})"
    return f"'{header.name}' is the header for {header.becomes}: write '{example}'"


def resemblance(written: str) -> str:
    """What an unknown key that ``suggest`` maps to a header is to that header."""
    return ("may stand for it" if _snake(written) in MISTAKEN
            else "looks like a misspelling of it")


def example_line(header: Header) -> str:
    """How a header's line is written, its value a placeholder."""
    if header.key == "original":
        return "Original: [Publisher name](https://example.org/story)"
    return f"{header.name}: **...**"


# Characters a web page or a word processor pastes where a header's name has a plain
# space or nothing (no-break and other spaces, zero-width ones), and the full-width colon.
_ODD = "\u00a0\u1680\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff"
_ODD_RE = re.compile(f"[{_ODD}\uff1a]")
_ODD_KEY_RE = re.compile(f"^([A-Za-z][A-Za-z0-9 _{_ODD}-]{{0,39}}?)\\s*[:\uff1a]")


def odd_header(line: str) -> tuple[Header, str] | None:
    """``(header, the odd character described)`` when ``line`` starts like one of the
    seed headers but for a character pasted into its name or colon (so it is no header
    line: ``Published\u00a0at: **...**``); None otherwise."""
    match = _ODD_KEY_RE.match(line)
    odd = match and _ODD_RE.search(match.group(0))
    if not odd:
        return None
    name = re.sub(f"[{_ODD}]", lambda m: " " if m.group().isspace() else "", match.group(1))
    header = BY_KEY.get(normalise_key(name))
    return (header, describe(odd.group())) if header and header.key != "title" else None


def title_hint(first: str, title_header: str | None) -> str:
    """The fix for a seed with no '# ' title line, from its first line (stripped) and
    the value of a 'Title: **...**' header, which is inert, if it has one."""
    if title_header is not None:
        return f": write this 'Title:' line as '# {title_header[:80]}'"
    if first.startswith("##"):
        return ": the headline is a level-1 heading, written with one '#'"
    if first.startswith("#") and _ODD_RE.match(first[1:]):
        return (f": the space after the '#' is {describe(first[1])}, pasted from a web page "
                "or a word processor: type a plain space")
    return ": write a space after the '#'" if first.startswith("#") else ""
