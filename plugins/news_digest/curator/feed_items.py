"""Candidate stories out of feeds (RSS 2.0, RSS 1.0/RDF, Atom) and news-API exports.

Reads a file's bytes, tells JSON from XML, and turns each item into a ``Story``
(plain values, ready to become a seed) or a ``Skipped`` that says which item and
why. No Pelican import; feedparser does the feed parsing, always from bytes (so
it never fetches anything).
"""

from __future__ import annotations

import json
import re
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..enrich.language import normalise_tag
from ..enrich.publisher_names import site_name
from ..errors import ImportFileError
from ..seeds.safe_read import read_at_most
from ..seeds.text import (
    clean_line,
    html_to_line,
    markup_to_paragraphs,
    text_to_paragraphs,
    unescaped_once_more,
    without_truncation,
)
from ..seeds.text_checks import close_bidi
from ..seeds.urls import is_web_url
from .aggregator import is_aggregator, original_address, publisher_from_title
from .feed_dates import item_time
from .json_feed import is_json_feed, items_from_json_feed

MAX_FILE_BYTES = 50_000_000
_READ_MORE_RE = re.compile(r"^(continue reading|read more|read the full story)\W*$", re.I)
_MAIL_AND_NAME_RE = re.compile(r"^\S+@\S+\s*\((.+)\)$|^(.+?)\s*<\S+@\S+>$")
_EMAIL_RE = re.compile(r"^\s*\S+@\S+\s*$")


@dataclass(frozen=True)
class Story:
    """One candidate story, in plain values."""

    title: str
    published: datetime  # aware, UTC
    byline: str
    source_name: str  # the record's publisher, or the site's name from the feed
    url: str
    paragraphs: tuple[str, ...]
    label: str  # which item, for messages: "FILE item N"
    language: str = ""  # BCP 47 as the item or its feed declares it; "" if neither does
    aggregated: bool = False  # from a news-API export: each record names its publisher
    feed_url: str = ""  # the feed's own address, when it declares one (rel="self")
    note: str = ""  # what the import guessed (an ambiguous zone), for it to say


@dataclass(frozen=True)
class Skipped:
    """An item that cannot become a story: which one, and why."""

    label: str
    reason: str
    kind: str = ""  # the reason without the item's details, for the summary

    def __post_init__(self):
        if not self.kind:
            object.__setattr__(self, "kind", self.reason)

    def __str__(self) -> str:
        return f"{self.label}: skipped: {self.reason}"


def read_items(path: str | Path) -> list[Story | Skipped]:
    """Every item of one feed or news-API file; ``ImportFileError`` if it is neither."""
    path = Path(path)
    try:
        if path.is_dir():
            raise ImportFileError(str(path), "is a folder: name feed or JSON files")
        data = read_at_most(path, MAX_FILE_BYTES)
    except OSError as err:
        raise ImportFileError(str(path), f"cannot be read: {err.strerror}") from None
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(str(path), f"is larger than {MAX_FILE_BYTES // 1_000_000} MB")
    if not data and _is_pipe(path):
        raise ImportFileError(str(path), "is a named pipe nothing was written to: name the "
                                         "feed file itself")
    return list(items_from_bytes(data, str(path)))


def _is_pipe(path: Path) -> bool:
    try:
        return stat.S_ISFIFO(path.stat().st_mode)
    except OSError:
        return False


def items_from_bytes(data: bytes, name: str) -> Iterator[Story | Skipped]:
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start in (b"{", b"["):
        loaded = _load_json(data, name)
        if is_json_feed(loaded):
            return items_from_json_feed(loaded, name)
        return items_from_newsapi(loaded, name)
    return items_from_feed(_load_feed(data, name), name)


def _load_json(data: bytes, name: str):
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise ImportFileError(name, f"is not UTF-8 JSON (byte {err.start})") from None
    except json.JSONDecodeError as err:
        raise ImportFileError(name, f"line {err.lineno}, column {err.colno}: "
                              f"not valid JSON: {err.msg}") from None
    except RecursionError:  # '[[[[...' a hundred thousand deep: no export is
        raise ImportFileError(name, "is JSON nested too deeply to be a news-API "
                              "export") from None


def _load_feed(data: bytes, name: str):
    import feedparser  # noqa: PLC0415 - only the import command needs it

    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=True)
    if not parsed.get("version") and not parsed.entries:
        why = parsed.get("bozo_exception")
        detail = f" ({why})" if why else ""
        raise ImportFileError(name, "is not an RSS or Atom feed nor a news-API JSON "
                              f"export{detail}")
    return parsed


# --- news-API JSON -----------------------------------------------------------------

def items_from_newsapi(data, name: str) -> Iterator[Story | Skipped]:
    """Records of a news-API export: a list, or an object with an ``articles`` list."""
    records = data.get("articles") if isinstance(data, dict) else data
    if not isinstance(records, list):
        raise ImportFileError(name, "is JSON but neither a news-API export nor a JSON Feed: "
                              "expected a list of articles, an object with an 'articles' "
                              "list, or a 'version' of https://jsonfeed.org/version/1.1")
    for number, record in enumerate(records, 1):
        label = f"{name} article {number}"
        if not isinstance(record, Mapping):
            yield Skipped(label, "is not an object", "not an article record")
            continue
        yield _newsapi_story(record, label)


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _newsapi_story(record: Mapping, label: str) -> Story | Skipped:
    title = unescaped_once_more(clean_line(_text(record.get("title"))))
    if title:
        label = f"{label} ({_short(title)})"
    source = record.get("source")
    source_name = clean_line(_text(source.get("name"))) if isinstance(source, Mapping) else ""
    url = _text(record.get("url")).strip()
    if is_aggregator(url, source_name):  # "Headline - ESPN", passed on by Google News
        title, source_name = publisher_from_title(title)
        url = original_address(url)
    elif source_name and title.endswith(f" - {source_name}"):  # "Headline - Fox News"
        title = title[: -len(source_name) - 3].rstrip() or title
    content = without_truncation(_text(record.get("content")))
    # news-API text is plain lines (CRLF between paragraphs), sometimes with HTML in them.
    paragraphs = _longer(markup_to_paragraphs(_text(record.get("description")), every_line=True),
                         markup_to_paragraphs(content, every_line=True))
    published = _iso_datetime(_text(record.get("publishedAt")))
    raw_date = record.get("publishedAt")  # a number is a date too, not understood
    raw_date = str(raw_date) if isinstance(raw_date, int | float) else _text(raw_date)
    return _story(label, title=title, url=url, base="",
                  published=published, raw_date=raw_date,
                  byline=_byline([_text(record.get("author"))]),
                  source_name=source_name, paragraphs=paragraphs, aggregated=True)


def _iso_datetime(value: str) -> datetime | None:
    if value.strip().isdigit():  # (milli)seconds: fromisoformat read '1765101600000'
        return None              # as the year 1765
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


# --- feeds ----------------------------------------------------------------------

def items_from_feed(parsed, name: str) -> Iterator[Story | Skipped]:
    feed = parsed.feed
    title = _plain(feed.get("title_detail")) or clean_line(feed.get("title", ""))
    base = feed.get("link", "") or ""
    if not is_web_url(base):
        base = next((link.get("href", "") for link in feed.get("links", [])
                     if is_web_url(link.get("href", ""))), "")
    source_name = site_name(title, base, *_publisher_fields(feed)) if base else title
    feed_language = normalise_tag(feed.get("language", "") or "")
    self_link = next((link.get("href", "") for link in feed.get("links", [])
                      if link.get("rel") == "self" and is_web_url(link.get("href", ""))), "")
    for number, entry in enumerate(parsed.entries, 1):
        title = unescaped_once_more(
            _plain(entry.get("title_detail")) or clean_line(entry.get("title", "")))
        label = f"{name} item {number}" + (f" ({_short(title)})" if title else "")
        raw_date = entry.get("published") or entry.get("updated") or ""
        url, publisher = _entry_link(entry), source_name
        language = _entry_language(entry) or feed_language
        when = item_time(entry.get("published_parsed"), entry.get("published") or "",
                         url, language)
        if when.moment is None:
            when = item_time(entry.get("updated_parsed"), entry.get("updated") or "",
                             url, language)
        if is_aggregator(url):  # "Headline - ESPN", <source>ESPN</source>
            title, publisher = publisher_from_title(
                title, clean_line((entry.get("source") or {}).get("title", "") or ""))
            url, publisher = original_address(url), publisher or source_name
        yield _story(label, title=title, url=url, base=base,
                     published=when.moment, raw_date=raw_date,
                     byline=_byline(_entry_authors(entry)),
                     source_name=publisher, paragraphs=_entry_text(entry),
                     language=language, feed_url=self_link, note=when.note)


def _publisher_fields(feed) -> tuple[list[str], list[str]]:
    """Fields naming the publication (PRISM, the logo's title), and the feed's authors
    and publisher (the publisher, a person or a mailbox: ``site_name`` tells them apart)."""
    image = feed.get("image") or {}
    fields = [feed.get("prism_publicationname"), image.get("title")]
    # feedparser reads RSS webMaster and dc:publisher as "publisher": often a mailbox.
    authors = [(feed.get("author_detail") or {}).get("name") or feed.get("author"),
               (feed.get("publisher_detail") or {}).get("name") or feed.get("publisher")]
    return ([unescaped_once_more(clean_line(v)) for v in fields if isinstance(v, str)],
            [unescaped_once_more(clean_line(v)) for v in authors if isinstance(v, str)])


def _entry_language(entry) -> str:
    """The item's own declared language (dc:language, or xml:lang on its text)."""
    details = [entry.get("content", [{}])[0] if entry.get("content") else {},
               entry.get("summary_detail") or {}]
    for value in (entry.get("language"), *(d.get("language") for d in details)):
        tag = normalise_tag(value or "")
        if tag:
            return tag
    return ""


def _plain(detail) -> str:
    """A feed text construct (title) as one plain line, whatever its declared type."""
    if not detail or not detail.get("value"):
        return ""
    if "html" in detail.get("type", ""):
        return html_to_line(detail["value"])
    return clean_line(detail["value"])


def _entry_link(entry) -> str:
    link = entry.get("link", "") or ""
    if not link:
        link = next((item.get("href", "") for item in entry.get("links", [])
                     if item.get("rel", "alternate") == "alternate"), "")
    if not link and entry.get("guidislink") is False and is_web_url(entry.get("id", "")):
        link = entry["id"]
    return link.strip()


def _entry_authors(entry) -> list[str]:
    raw = entry.get("author", "") or ""
    if "@" in raw:  # RSS <author>: "mail@host (Name)"; feedparser's split of it is unreliable
        return [raw]
    names = [a.get("name", "") for a in entry.get("authors", []) if a]
    return names if any(names) else [raw]


def _entry_text(entry) -> list[str]:
    candidates = [_html_or_text(entry.get("summary", ""),
                                (entry.get("summary_detail") or {}).get("type", "text/html"))]
    for content in entry.get("content", []):
        candidates.append(_html_or_text(content.get("value", ""),
                                        content.get("type", "text/html")))
    return _longer(*candidates)


def _html_or_text(value: str, kind: str = "text/html") -> list[str]:
    if not value:
        return []
    if "html" in kind or "xml" in kind:
        return markup_to_paragraphs(value)
    return text_to_paragraphs(value)


def _longer(*texts: list[str]) -> list[str]:
    """The variant with the most text (a teaser loses to the full story), without a
    trailing "Continue reading..." link text."""
    best = max(texts, key=lambda paragraphs: sum(len(p) for p in paragraphs), default=[])
    if len(best) > 1 and _READ_MORE_RE.match(best[-1]):
        best = best[:-1]
    return best


def no_text(story: Story, policy: str) -> Skipped | None:
    """Why a story without text is skipped under ``policy``; None when it is not.
    Under ``link`` a headline, its publisher, date and link are what the digest shows."""
    if story.paragraphs or policy == "link":
        return None
    return Skipped(story.label, f"no text (neither description nor content), and the "
                   f"policy of {story.source_name} is '{policy}', which shows the text "
                   "(under 'link' it is imported with its headline only)", "no text")


def _byline(names: list[str]) -> str:
    """People's names, e-mail addresses dropped ('jd@x.org (Jane Doe)' -> 'Jane Doe'),
    and web addresses (news-API exports give some authors as their page's URL)."""
    kept = []
    for name in names:
        # A feed that is not well-formed XML (an '&nbsp;', a control character) is read
        # by feedparser's loose parser, which leaves a name's references escaped.
        name = unescaped_once_more(clean_line(name or ""))
        match = _MAIL_AND_NAME_RE.match(name)
        if match:
            name = (match.group(1) or match.group(2)).strip()
        if name and not _EMAIL_RE.match(name) and not is_web_url(name) and name not in kept:
            kept.append(name)
    return ", ".join(kept)


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else close_bidi(text[: width - 1].rstrip()) + "…"


def _story(label: str, *, title: str, url: str, base: str, published: datetime | None,
           raw_date: str, byline: str, source_name: str, paragraphs: list[str],
           language: str = "", aggregated: bool = False, feed_url: str = "",
           note: str = "") -> Story | Skipped:
    """Validate one item's fields; the first missing one is the reason to skip it (the
    text may be missing: ``no_text`` says when that is a reason)."""
    if not url:
        return Skipped(label, "no link")
    if not is_web_url(url) and not urlsplit(url).scheme and is_web_url(base):
        url = urljoin(base, url)
    if not is_web_url(url):
        where = "" if urlsplit(url).scheme else " and the feed gives no web address to resolve it"
        return Skipped(label, f"link '{_short(url)}' is not an absolute http(s) URL{where}",
                       "link not http(s)")
    if not title:
        return Skipped(label, "no title")
    if published is None:
        return Skipped(label, f"date '{_short(raw_date)}' is not understood" if raw_date
                       else "no date (neither published nor updated)", "no date")
    # No text (only a headline and a link, as in Science's feeds) is still a story: the
    # importer keeps it under the link policy and skips it under the others (no_text).
    source_name = source_name or (urlsplit(url).hostname or "")
    return Story(title=title, published=published.replace(microsecond=0), byline=byline,
                 source_name=source_name, url=url, paragraphs=tuple(paragraphs), label=label,
                 language=language, aggregated=aggregated, feed_url=feed_url, note=note)
