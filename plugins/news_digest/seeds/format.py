"""The seed article format: parse, validate, render back.

Pure module (seeds stage), shared by the Pelican reader, the curator CLI, the
importer and the benchmark. See docs/curating.md for the format; every refusal is a
``SeedError`` naming the file, the line and the fix.

The documented headers are ``headers.HEADERS``: nothing else in a seed reaches
Pelican. Any other ``Key: **value**`` line is kept inert on ``Seed.extra`` (which
the reader never turns into metadata) and reported with a ``SeedWarning``.

The header block is the title line and the header lines, separated by nothing but
blank lines; it ends at the first line that is neither, where the body starts. A line
written like a header but naming none of the documented ones, and followed at once by
text (as a body's paragraphs follow one another), is the body's first paragraph
("Update: **...**").
Everything from there on is body text, kept whole: after the body has started no
line is a header or a title.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path
from types import MappingProxyType

from ..errors import HeaderValueError, SeedError, UnreadableFile
from .decode import MAX_SEED_BYTES, check_characters, decode_seed
from .headers import (
    BY_KEY,
    CORE,
    HEADERS,
    MAX_HEADER_CHARS,
    MAX_HEADLINE_CHARS,
    Header,
    _check_original,
    example_line,
    hint,
    normalise_key,
    odd_header,
    resemblance,
    suggest,
    title_hint,
)
from .inner_breaks import inner_break_notes
from .safe_read import read_capped
from .urls import url_identity

__all__ = ["HEADERS", "MAX_HEADER_CHARS", "MAX_HEADLINE_CHARS", "MAX_SEED_BYTES", "Seed",
           "SeedError", "SeedWarning", "looks_like_header", "parse_seed", "read_headline",
           "read_seed", "read_seed_bytes", "render_seed", "write_headline"]

# A title line: '#', then a space, then the headline ("#MeToo" is text, as in Markdown).
_TITLE_RE = re.compile(r"^#(?:[ \t]+(.*?))?[ \t]*$")
# Markdown's closing sequence of a heading: a run of '#' at the end of the line after a
# space or tab, or the whole text ("# Headline #" is "Headline"; "C#", "#1" are kept).
_CLOSING_RE = re.compile(r"(?:^|[ \t]+)#+$")
# Markdown's escaped '#' ("We're \#", "C\# \#"): a literal '#', never a closing one.
_ESCAPED_HASH = "\\#"
_BEFORE_ESCAPED_HASH_RE = re.compile(r"(?<=\\)#")
_HEADER_RE = re.compile(r"^([A-Za-z][A-Za-z0-9 _-]{0,39}?)\s*:\s*\*\*(.*)\*\*\s*$")
# ``Original:`` is written as a Markdown link (the line is a header when it starts so).
_ORIGINAL_RE = re.compile(r"^(original)\s*:\s*(\[.*?)\s*$", re.IGNORECASE)
# A line that starts like a header whose value is written another way.
_KEY_START_RE = re.compile(r"^([A-Za-z][A-Za-z0-9 _-]{0,39}?)\s*:")
_LINK_RE = re.compile(r"^\[(.*)\]\((.*)\)$")


@dataclass(frozen=True)
class SeedWarning:
    """Something in an accepted seed that was left out, and how to fix it."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


_NOT_MAPPINGS = frozenset({str, tuple, datetime})


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
    # The other documented headers (``HEADERS``), by key ("summary", "language", ...).
    headers: Mapping[str, str] = field(default_factory=dict)
    # Undocumented headers, snake_case keys: inert, never Pelican metadata.
    extra: Mapping[str, str] = field(default_factory=dict)
    lines: Mapping[str, int] = field(default_factory=dict, compare=False)
    warnings: tuple[SeedWarning, ...] = field(default=(), compare=False)

    def __post_init__(self):
        # Every mapping a read-only view over a private copy: a seed cannot change once
        # read, all the way down (the page keys of speed/ rely on it: is_unchangeable).
        # Text, times and tuples first: a Mapping check (an ABC's) costs more than the
        # rest of a seed read back from the content cache.
        for f in fields(self):
            value = getattr(self, f.name)
            if type(value) not in _NOT_MAPPINGS and isinstance(value, Mapping):
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
        return self.headers.get("summary") or (self.paragraphs[0] if self.paragraphs else "")


def header_line(line: str) -> tuple[str, str] | None:
    """``(key as written, value)`` of a header line (stripped), else None."""
    original = _ORIGINAL_RE.match(line)
    if original:
        return original.group(1), original.group(2)
    match = _HEADER_RE.match(line)
    return (match.group(1), match.group(2).strip()) if match else None


def read_headline(written: str) -> str:
    """The headline of a title line's text (after '# '), read as Markdown reads a
    heading: its closing '#'s dropped, then each '\\#' a '#'."""
    return _CLOSING_RE.sub("", written).replace(_ESCAPED_HASH, "#")


def write_headline(headline: str) -> str:
    """The text after '# ' that ``read_headline`` reads as ``headline``: a '#' after a
    backslash gets one more, and a run of '#' that would read as closing ones ("Ranked #")
    is escaped ("Ranked \\#"), as Markdown writes a literal '#'."""
    text = _BEFORE_ESCAPED_HASH_RE.sub(_ESCAPED_HASH, headline)
    closing = _CLOSING_RE.search(text)
    if closing:
        run = text.index("#", closing.start())
        text = text[:run] + "\\" + text[run:]
    return text


def looks_like_header(line: str) -> bool:
    """True when a line would be read as a title or header line, not as body text."""
    line = line.strip()
    return bool(_TITLE_RE.match(line) or header_line(line))


def read_seed(path: str | Path) -> Seed:
    """Read and parse one seed file."""
    return parse_seed(read_seed_bytes(path), str(path))


def read_seed_bytes(path: str | Path) -> bytes:
    """A seed file's bytes, refused (``SeedError``) when it is not a regular file,
    cannot be read or is too large (checked while reading, not before)."""
    try:
        return read_capped(path, MAX_SEED_BYTES)
    except UnreadableFile as err:
        raise SeedError(str(path), 1, err.reason) from None


def parse_seed(data: bytes | str, path: str) -> Seed:
    """Parse a seed's bytes (or text) into a ``Seed``; raise ``SeedError`` if broken."""
    text = decode_seed(data, path) if isinstance(data, bytes) else (
        data.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    check_characters(text, path, data if isinstance(data, bytes) else None)
    if not text.strip():
        raise SeedError(path, 1, "the file is empty: a seed needs a title, headers and a body")
    lines = text.split("\n")
    head = _Head(path)
    body_start = head.read(lines)
    values = head.values(lines, body_start)
    paragraphs = tuple(p for p in (line.strip() for line in lines[body_start:]) if p)
    _check_body(path, paragraphs, values, head, body_start, len(lines) - (lines[-1] == ""))
    head.header_like_body(lines, body_start)
    source_name, source_url = values["original"]
    return Seed(
        path=path,
        title=values["title"],
        published=values["published_at"],
        byline=values.get("author", ""),
        source_name=source_name,
        source_url=source_url,
        paragraphs=paragraphs,
        headers={k: v for k, v in values.items() if k not in CORE},
        extra=head.extra,
        lines={**head.where, "body": body_start + 1},
        warnings=tuple(sorted(head.warnings + [SeedWarning(path, line, note) for line, note
                                               in inner_break_notes(values, head.where)],
                              key=lambda w: w.line)),  # in file order
    )


def _check_body(path: str, paragraphs: tuple[str, ...], values: dict, head: _Head,
                body_start: int, last_line: int) -> None:  # a body, or 'Headline only'
    # last_line: as an editor numbers it (a final newline ends a line, starts none)
    headline_only = values.get("headline_only") == "yes"
    if paragraphs and headline_only:
        raise SeedError(path, head.where["headline_only"],
                        f"'Headline only: **yes**' but the story has text (from line "
                        f"{body_start + 1}): remove this line, or the text")
    if not paragraphs and not headline_only:
        raise SeedError(path, last_line,
                        "no body: add the story's text, one paragraph per line, after the "
                        "headers (for a story whose feed gives only its headline and link, "
                        "write 'Headline only: **yes**' instead)")


def _text_follows(lines: list[str], index: int) -> bool:
    """The line after ``index`` is body text (not blank, a title or a header): a body's
    paragraphs follow one another, header lines are separated by blank lines."""
    following = lines[index + 1].strip() if index + 1 < len(lines) else ""
    return bool(following) and not looks_like_header(following)


class _Head:
    """The header block of one seed, read line by line."""

    def __init__(self, path: str):
        self.path = path
        self.found: dict[str, tuple[str, int]] = {}  # documented key -> (value, line)
        self.where: dict[str, int] = {}  # key -> line, documented and inert
        self.extra: dict[str, str] = {}
        self.inert: list[tuple[str, int]] = []  # (key as written, line)
        self.warnings: list[SeedWarning] = []

    def read(self, lines: list[str]) -> int:
        """Read the title and header lines; the index of the body's first line."""
        for index, raw in enumerate(lines):
            number, line = index + 1, raw.strip()
            if not line:
                continue
            title = _TITLE_RE.match(line)
            if title:
                written = title.group(1) or ""
                headline = read_headline(written)
                if written and not headline.strip():
                    raise SeedError(self.path, number, f"the headline '{written[:40]}' is only "
                                    "Markdown's closing '#'s, which are not part of it: write "
                                    "the headline after '# ' (a '#' of the headline itself is "
                                    "written '\\#')")
                self._add("title", "# ", headline, number, title_line=True)
                continue
            header = header_line(line)
            if header is None:
                return index
            written, value = header
            key = normalise_key(written)
            if key not in BY_KEY and _text_follows(lines, index):
                return index  # a first paragraph that looks like a header: body text
            self._add(key, written, value, number)
        return len(lines)

    def _add(self, key: str, written: str, value: str, number: int, *,
             title_line: bool = False) -> None:
        header = BY_KEY.get(key)
        if len(value) > MAX_HEADER_CHARS:
            raise SeedError(self.path, number,
                            f"the '{written}' header is {len(value)} characters long; at "
                            f"most {MAX_HEADER_CHARS} are allowed")
        if header is None or (key == "title" and not title_line):  # 'Title: **...**'
            self._inert(key, written, value, number)
            return
        if key in self.found:
            first = self.found[key][1]
            if key == "title":
                raise SeedError(self.path, number, f"a second '# ' title line (the first is "
                                f"on line {first}): a seed has one headline")
            raise SeedError(self.path, number,
                            f"'{header.name}' is given twice (first on line {first}): keep one")
        self.found[key] = (value, number)
        self.where[key] = number

    def _inert(self, key: str, written: str, value: str, number: int) -> None:
        self.extra.setdefault(key, value)
        self.where.setdefault(key, number)
        self.inert.append((written, number))
        if key == "title":
            fix = "the headline is the '# ' line"
        else:
            fix = (hint(written, value, misspelt_only=True) or
                   "remove it, or use one of the seed headers (" +
                   ", ".join(h.name for h in HEADERS[1:]) + "); if it is the story's first "
                   "paragraph, put another paragraph before it")
        self.warnings.append(SeedWarning(
            self.path, number, f"'{written}' is not a seed header, so the line is ignored: {fix}"))

    def header_like_body(self, lines: list[str], body_start: int) -> None:
        """Warn when the body's first line starts like a seed header written without ** **
        and, as header lines are, is followed by a blank line and more text."""
        first = lines[body_start].strip() if body_start < len(lines) else ""
        start = _KEY_START_RE.match(first)
        header = BY_KEY.get(normalise_key(start.group(1))) if start else None
        odd = None if header else odd_header(first)
        if (header or odd) and (odd or header.key != "title") and not _text_follows(
                lines, body_start) and any(line.strip() for line in lines[body_start + 1:]):
            self.warnings.append(SeedWarning(self.path, body_start + 1, _odd_message(
                *odd, ", so the line is the story's first paragraph") if odd else (
                f"this line starts like the '{header.name}' header "
                "but its value is not between ** **, so it is the story's first paragraph: if "
                f"it is the header, write '{example_line(header)}'")))

    def values(self, lines: list[str], body_start: int) -> dict[str, object]:
        """Every documented header checked, in the order of ``HEADERS``."""
        values: dict[str, object] = {}
        for header in HEADERS:
            if header.key not in self.found:
                if header.required:
                    self._missing(header, lines, body_start)
                continue
            value, number = self.found[header.key]
            if not value.strip() and not header.required:
                if header.key != "author":  # 'Author: ****' is documented: no author
                    self.warnings.append(SeedWarning(
                        self.path, number, f"'{header.name}:' is empty, so the line is "
                        "ignored: write its value between the ** **, or remove the line"))
                continue
            try:
                values[header.key] = header.check(value.strip(), header.name)
            except HeaderValueError as problem:
                raise SeedError(self.path, number, str(problem)) from None
        return values

    def _missing(self, header: Header, lines: list[str], body_start: int) -> None:
        path = self.path
        first_body = lines[body_start].strip() if body_start < len(lines) else ""
        start = _KEY_START_RE.match(first_body)
        if header.key == "title":  # at an inert 'Title:' line, else at the first line
            first = self.where.get("title") or next(
                (n for n, raw in enumerate(lines, 1) if raw.strip()), 1)
            raise SeedError(path, first, "no title: a seed starts with a '# <headline>' line"
                            + title_hint(lines[first - 1].strip(), self.extra.get("title")))
        if start and normalise_key(start.group(1)) == header.key:  # written another way
            if header.key == "original":
                try:
                    _check_original(first_body.split(":", 1)[1].strip(), header.name)
                except HeaderValueError as problem:
                    raise SeedError(path, body_start + 1, str(problem)) from None
            raise SeedError(path, body_start + 1,
                            f"this looks like the '{header.name}' header, but the value is not "
                            f"between ** **: write '{header.name}: **...**'")
        odd = odd_header(first_body)
        if odd and odd[0] is header:  # the header, with a pasted character in its name
            raise SeedError(path, body_start + 1, _odd_message(*odd))
        other = BY_KEY.get(normalise_key(start.group(1))) if start else None
        if other and other.key != "title":  # another header, written so the body starts there
            raise SeedError(path, body_start + 1, f"this looks like the '{other.name}' header, "
                            "but the value is not between ** **, so the story's text starts "
                            f"here and no line after it is a header: write '{example_line(other)}'")
        if start and suggest(start.group(1)) is header:  # misspelt: read as the body's start
            raise SeedError(path, body_start + 1, f"'{start.group(1)}' is not a seed header, so "
                            f"the story's text starts here and it has no '{header.name}:' "
                            f"line: {hint(start.group(1), first_body[start.end():])}")
        misspelt = next(((w, n) for w, n in self.inert if suggest(w) is header), None)
        line = misspelt[1] if misspelt else self.found["title"][1]
        where = f" ('{misspelt[0]}' on line {line} {resemblance(misspelt[0])})" if misspelt else ""
        if header.key == "published_at":
            raise SeedError(path, line, "no publication date: add 'Published at: "
                            f"**2019-11-01T12:05:50+00:00**' below the title{where}")
        raise SeedError(path, line, f"no 'Original:' line: add 'Original: [Publisher name]"
                        f"(https://example.org/story)' naming the publisher and its URL{where}")


def _odd_message(header, odd: str, so: str = "") -> str:
    return (f"this looks like the '{header.name}' header, but its name holds {odd}, pasted "
            f"from a web page or a word processor{so}: "
            f"{'if it is the header, ' if so else ''}type the name and ':' again")


def render_seed(seed: Seed) -> str:
    """A ``Seed`` back in the seed format; ``parse_seed`` of it gives the same story."""
    out = [f"# {write_headline(seed.title)}", "",
           f"Published at: **{seed.published.isoformat()}**", ""]
    if seed.byline:
        out += [f"Author: **{seed.byline}**", ""]
    out += [f"Original: [{seed.source_name}]({seed.source_url})", ""]
    for header in HEADERS:
        if header.key in seed.headers:
            out += [f"{header.name}: **{seed.headers[header.key]}**", ""]
    for key, value in seed.extra.items():
        out += [f"{key.replace('_', ' ').capitalize()}: **{value}**", ""]
    out += list(seed.paragraphs)
    return "\n".join(out) + "\n"
