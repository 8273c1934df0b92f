"""The seed article format: parse, validate, render back.

Pure module (no Pelican import), shared by the Pelican reader, the curator CLI,
the importer and the benchmark. See SEED_FORMAT.md for the format; every refusal
is a ``SeedError`` naming the file, the line and the fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType

from ..errors import SeedError
from .urls import is_web_url, url_identity

MAX_SEED_BYTES = 1_000_000
MAX_HEADLINE_CHARS = 300
MAX_HEADER_CHARS = 2_000

# Header keys as curators write them, folded to one name each.
_KEY_ALIASES = {
    "published_at": "published",
    "published": "published",
    "date": "published",
    "author": "author",
    "authors": "author",
    "byline": "author",
    "by": "author",
    "original": "original",
}
_KEY_LABELS = {"published": "Published at", "author": "Author", "original": "Original"}
# Names Pelican or the plugin act on, or that are attributes of Pelican's Article
# (every metadata key becomes one): as extra headers they could re-route, hide
# or break a page. ``Summary:`` and ``Topics:`` are the curator's to set.
RESERVED_HEADERS = frozenset({
    "allowed_statuses", "author", "authors", "byline", "category", "content", "date",
    "date_format", "default_status", "default_template", "digest_base_slug", "digest_error",
    "filename", "get_content", "get_relative_source_path", "get_siteurl", "get_static_links",
    "get_summary", "get_url_setting", "identity", "in_default_lang", "is_valid", "lang",
    "locale_date", "mandatory_properties", "metadata", "modified", "page_order", "path",
    "reader", "refresh_metadata_intersite_links", "relative_dir", "relative_source_path",
    "source_slug",
    "save_as", "seed", "settings", "slug", "source", "source_path", "source_url", "status",
    "tag", "tags", "template", "title", "translation", "translations", "url", "url_format",
})

_TITLE_RE = re.compile(r"^#(?!#)\s*(.*?)\s*$")
_HEADER_RE = re.compile(r"^([A-Za-z][A-Za-z0-9 _-]{0,39}?)\s*:\s*\*\*(.*)\*\*\s*$")
_ORIGINAL_RE = re.compile(r"^original\s*:\s*(.*?)\s*$", re.IGNORECASE)
_LINK_RE = re.compile(r"^\[(.*)\]\((.*)\)$")
# C0 and C1 controls other than tab and newline: never valid in a story, and
# most of them are not even allowed in XML feeds.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Seed:
    """One news story as delivered."""

    path: str
    title: str
    published: datetime  # always time-zone aware
    byline: str  # "" when the seed names no author
    source_name: str
    source_url: str
    paragraphs: tuple[str, ...]
    extra: Mapping[str, str] = field(default_factory=dict)  # other headers, snake_case keys
    lines: Mapping[str, int] = field(default_factory=dict, compare=False)

    def __post_init__(self):
        # Every mapping a read-only view over a private copy: a seed cannot change once
        # read, all the way down (the page keys of speed/ rely on it: is_unchangeable).
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Mapping):
                object.__setattr__(self, f.name, MappingProxyType(dict(value)))

    def __reduce__(self):
        # A view cannot be pickled (Pelican's content cache keeps the seed): the
        # mappings travel as dicts and become views again in __post_init__.
        return (Seed, tuple(dict(v) if isinstance(v, MappingProxyType) else v
                            for v in (getattr(self, f.name) for f in fields(self))))

    @property
    def identity(self) -> str:
        """Stable id of the story: a hash of its normalised original URL."""
        return url_identity(self.source_url)

    @property
    def lead(self) -> str:
        """The curator's ``Summary:`` when given, else the first paragraph."""
        return self.extra.get("summary") or self.paragraphs[0]


def normalise_key(key: str) -> str:
    """``Published  At`` -> ``published_at``; aliases fold to one canonical name."""
    snake = re.sub(r"[\s_-]+", "_", key.strip().lower())
    return _KEY_ALIASES.get(snake, snake)


def looks_like_header(line: str) -> bool:
    """True when a line would be read as a title or header line, not as body text."""
    line = line.strip()
    return bool(_TITLE_RE.match(line) or _HEADER_RE.match(line) or _ORIGINAL_RE.match(line))


def _check_size(size: int, path: str) -> None:
    if size > MAX_SEED_BYTES:
        raise SeedError(
            path, 1,
            f"the file is {size / 1e6:.1f} MB; a seed may be at most "
            f"{MAX_SEED_BYTES / 1e6:.0f} MB: shorten the story or split it",
        )


def decode_seed(data: bytes, path: str) -> str:
    """Bytes to text: UTF-8 with or without BOM, any line ending, nothing binary."""
    _check_size(len(data), path)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise SeedError(path, data.count(b"\n", 0, nul) + 1,
                        "contains a NUL byte: this is a binary file, not a seed")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        bad = data[err.start]
        raise SeedError(
            path, data.count(b"\n", 0, err.start) + 1,
            f"byte 0x{bad:02X} is not UTF-8: re-save the file as UTF-8",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_seed(path: str | Path) -> Seed:
    """Read and parse one seed file."""
    return parse_seed(read_seed_bytes(path), str(path))


def read_seed_bytes(path: str | Path) -> bytes:
    """A seed file's bytes, refused (``SeedError``) when unreadable or too large."""
    path = Path(path)
    try:
        _check_size(path.stat().st_size, str(path))  # before reading a huge file
        return path.read_bytes()
    except OSError as err:
        raise SeedError(str(path), 1, f"cannot be read: {err.strerror}") from None


def parse_seed(data: bytes | str, path: str) -> Seed:
    """Parse a seed's bytes (or text) into a ``Seed``; raise ``SeedError`` if broken."""
    text = decode_seed(data, path) if isinstance(data, bytes) else (
        data.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    lines = text.split("\n")
    bad = _CONTROL_RE.search(text)  # one scan of the whole text, the line only if needed
    if bad:
        raise SeedError(path, text.count("\n", 0, bad.start()) + 1,
                        f"contains the control character U+{ord(bad.group()):04X}: remove it")
    if not text.strip():
        raise SeedError(path, 1, "the file is empty: a seed needs a title, headers and a body")

    title, headers, where, body_start = _read_head(lines, path)
    published = _parse_published(headers, where, path)
    source_name, source_url = _parse_original(headers, where, path)
    paragraphs = tuple(p for p in (line.strip() for line in lines[body_start:]) if p)
    if not paragraphs:
        raise SeedError(path, len(lines),
                        "no body: add the story's text, one paragraph per line, after the headers")
    extra = {k: v for k, v in headers.items() if k not in _KEY_LABELS}
    return Seed(
        path=path,
        title=title,
        published=published,
        byline=headers.get("author", ""),
        source_name=source_name,
        source_url=source_url,
        paragraphs=paragraphs,
        extra=extra,
        lines={**where, "body": body_start + 1},
    )


def _read_head(lines: list[str], path: str) -> tuple[str, dict[str, str], dict[str, int], int]:
    """Title and header lines, in any order, up to the first line of body text."""
    title = None
    headers: dict[str, str] = {}
    where: dict[str, int] = {}
    index = 0
    for index, raw in enumerate(lines):
        number, line = index + 1, raw.strip()
        if not line:
            continue
        title_match = _TITLE_RE.match(line)
        if title_match:
            if title is not None:
                first = where["title"]
                raise SeedError(path, number, f"a second '# ' title line (the first is on "
                                f"line {first}): a seed has one headline")
            title = title_match.group(1)
            if not title:
                raise SeedError(path, number, "the title line is empty: write '# <headline>'")
            if len(title) > MAX_HEADLINE_CHARS:
                raise SeedError(path, number,
                                f"the headline is {len(title)} characters long; at most "
                                f"{MAX_HEADLINE_CHARS} are allowed")
            where["title"] = number
            continue
        key, value = _split_header(line, path, number)
        if key is None:
            break
        if key == "title":
            raise SeedError(path, number, "a 'Title:' header: the headline is the '# ' line")
        if key in RESERVED_HEADERS and key not in _KEY_LABELS:
            raise SeedError(path, number, f"the '{key}' header is reserved (it would change "
                            "how the page is built): remove the line")
        if key in where:
            label = _KEY_LABELS.get(key, key)
            raise SeedError(path, number,
                            f"'{label}' is given twice (first on line {where[key]}): keep one")
        if len(value) > MAX_HEADER_CHARS:
            raise SeedError(path, number,
                            f"the '{key}' header is {len(value)} characters long; at most "
                            f"{MAX_HEADER_CHARS} are allowed")
        where[key] = number
        if value:
            headers[key] = value
    else:
        index = len(lines)
    if title is None:
        first = next((n for n, raw in enumerate(lines, 1) if raw.strip()), 1)
        raise SeedError(path, first,
                        "no title: a seed starts with a '# <headline>' line")
    return title, headers, where, index


def _split_header(line: str, path: str, number: int) -> tuple[str | None, str]:
    """``Key: **value**`` or ``Original: [name](url)``; (None, "") for body text."""
    original = _ORIGINAL_RE.match(line)
    if original:
        return "original", original.group(1)
    match = _HEADER_RE.match(line)
    if not match:
        return None, ""
    return normalise_key(match.group(1)), match.group(2).strip()


def _parse_published(headers: dict[str, str], where: dict[str, int], path: str) -> datetime:
    value = headers.get("published")
    if value is None:
        raise SeedError(path, where.get("published", where["title"]),
                        "no publication date: add 'Published at: **2019-11-01T12:05:50+00:00**' "
                        "below the title")
    try:
        published = datetime.fromisoformat(value)
    except ValueError:
        raise SeedError(path, where["published"],
                        f"'{value}' is not an ISO 8601 timestamp: write it like "
                        "2019-11-01T12:05:50+00:00") from None
    if not 1900 <= published.year <= 2999:
        raise SeedError(path, where["published"],
                        f"the year {published.year} is out of range (1900 to 2999)")
    if published.tzinfo is None:  # the format says: no offset means UTC
        published = published.replace(tzinfo=UTC)
    return published


def _parse_original(headers: dict[str, str], where: dict[str, int], path: str) -> tuple[str, str]:
    value = headers.get("original")
    example = "'Original: [Publisher name](https://example.org/story)'"
    if value is None:
        raise SeedError(path, where.get("original", where["title"]),
                        f"no 'Original:' line: add {example} naming the publisher and its URL")
    line = where["original"]
    link = _LINK_RE.match(value)
    if not link:
        raise SeedError(path, line, f"'Original:' must be a Markdown link like {example}")
    name, url = link.group(1).strip(), link.group(2).strip().strip("<>").strip()
    if not name:
        raise SeedError(path, line, "the 'Original:' link has no publisher name between [ ]")
    if not is_web_url(url) or any(c.isspace() for c in url) or len(url) > MAX_HEADER_CHARS:
        raise SeedError(path, line,
                        f"'{url[:80]}' is not an absolute http(s) URL: give the story's full "
                        "address, starting with https://")
    return name, url


def render_seed(seed: Seed) -> str:
    """A ``Seed`` back in the seed format; ``parse_seed`` of it gives the same story."""
    out = [f"# {seed.title}", "", f"Published at: **{seed.published.isoformat()}**", ""]
    if seed.byline:
        out += [f"Author: **{seed.byline}**", ""]
    out += [f"Original: [{seed.source_name}]({seed.source_url})", ""]
    for key, value in seed.extra.items():
        out += [f"{key.replace('_', ' ').capitalize()}: **{value}**", ""]
    out += list(seed.paragraphs)
    return "\n".join(out) + "\n"
