"""The sources file (``sources.toml`` beside ``pelicanconf.py``): the digest's publishers.

Curator data, read by a pure module (tomllib only, no Pelican import): the import reads
the feeds and names, the build the republishing policy (``publishing_policies``); its
place after the reorganisation is beside ``settings.py``. One ``[[source]]`` table per
publisher: ``name``, ``home``, ``feeds`` (URLs or files), ``language``, ``policy``
(``link``, ``excerpt`` or ``full``: what the digest may republish), ``aliases`` (other
spellings of the name) and ``keep`` / ``drop`` rules (see ``rules``). Every mistake is a
``SourcesFileError`` naming the file, the line and the fix. docs/importing.md has the
format.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..errors import SourcesFileError
from ..seeds.safe_read import read_at_most
from ..seeds.urls import is_web_url
from .language import normalise_tag
from .publishers import publisher_key
from .republishing import POLICIES
from .rules import Rule, RuleError, compile_rule

KEYS = ("name", "home", "feeds", "language", "policy", "aliases", "keep", "drop")
_TABLE_RE = re.compile(r"^\s*\[")
_SOURCE_RE = re.compile(r"^\s*\[\[\s*source\s*\]\]\s*(?:#.*)?$")
_MAX_BYTES = 5_000_000


@dataclass(frozen=True)
class Source:
    name: str
    home: str
    feeds: tuple[str, ...]  # http(s) URLs, or absolute paths of files
    language: str  # BCP 47, "" when not given
    policy: str  # "" when the file gives none: the site's DIGEST_DEFAULT_POLICY applies
    aliases: tuple[str, ...] = ()
    keep: tuple[Rule, ...] = ()
    drop: tuple[Rule, ...] = ()
    line: int = 0  # of its [[source]] line
    feed_lines: Mapping[str, int] = field(default_factory=dict, compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class SourcesFile:
    path: str
    sources: tuple[Source, ...]

    def by_feed(self, feed: str) -> Source | None:
        return next((s for s in self.sources if feed in s.feeds), None)

    def where(self, source: Source, feed: str = "") -> str:
        return f"{self.path}:{source.feed_lines.get(feed, source.line)}"

    @cached_property
    def policies(self) -> dict[str, str]:
        return publishing_policies(self)

    @cached_property
    def homes(self) -> dict[str, str]:
        """``publisher_key`` of every name and alias -> the publisher's ``home``."""
        return {publisher_key(name): s.home for s in self.sources for name in s.names}

    @cached_property
    def languages(self) -> dict[str, str]:
        """``publisher_key`` of every name and alias -> the publisher's ``language``."""
        return {publisher_key(name): s.language for s in self.sources for name in s.names}


def publishing_policies(sources: SourcesFile) -> dict[str, str]:
    """``publisher_key`` of every name and alias in the file -> its policy ("" when the
    file gives none): one look-up per story (``policy_for``)."""
    return {publisher_key(name): s.policy for s in sources.sources for name in s.names}


def policy_for(sources: SourcesFile | None, publisher: str, default: str) -> str:
    """The policy of the publisher named ``publisher`` (any case or spacing, or an
    alias); ``default`` (the site's ``DIGEST_DEFAULT_POLICY``) when the file does not
    name it, gives it no policy, or there is no sources file."""
    if sources is None:
        return default
    return sources.policies.get(publisher_key(publisher)) or default


def home_for(sources: SourcesFile | None, publisher: str) -> str:
    """The home page the sources file gives ``publisher`` (any case or spacing, or an
    alias); "" when it does not name it, or there is no sources file."""
    return sources.homes.get(publisher_key(publisher), "") if sources is not None else ""


def language_for(sources: SourcesFile | None, publisher: str) -> str:
    """The language the sources file gives ``publisher``; "" when it gives none."""
    return sources.languages.get(publisher_key(publisher), "") if sources is not None else ""


def load_sources(path: str | Path) -> SourcesFile:
    """Read and check a sources file; ``SourcesFileError`` for anything wrong."""
    path = Path(path)
    try:
        data = read_at_most(path, _MAX_BYTES)
    except OSError as err:
        raise SourcesFileError(str(path), 1, f"cannot be read: {err.strerror}") from None
    if len(data) > _MAX_BYTES:
        raise SourcesFileError(str(path), 1, "is larger than 5 MB: is it the right file?")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise SourcesFileError(str(path), data.count(b"\n", 0, err.start) + 1,
                               "is not UTF-8: save it as UTF-8") from None
    return parse_sources(text, str(path), base=path.parent)


def _deep_line(text: str, deepest: int = 100) -> int:
    """The line where brackets and braces first nest ``deepest`` deep (1 if nowhere)."""
    depth = 0
    for index, ch in enumerate(text):
        depth += (ch in "[{") - (ch in "]}")
        if depth > deepest:
            return text.count("\n", 0, index) + 1
    return 1


def parse_sources(text: str, path: str, base: Path = Path(".")) -> SourcesFile:
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        line = getattr(err, "lineno", None) or _line_of_message(str(err))
        raise SourcesFileError(path, line, f"not valid TOML: {_toml_reason(str(err))}") from None
    except RecursionError:  # tomllib reads nested arrays and tables recursively
        raise SourcesFileError(path, _deep_line(text), "not valid TOML: arrays or tables "
                               "nested too deeply for a sources file") from None
    lines = text.replace("\r\n", "\n").split("\n")
    for key in table:
        if key != "source":
            close = " (did you mean [[source]]?)" if difflib.get_close_matches(
                key, ["source"]) else ""
            raise SourcesFileError(path, _key_line(lines, 0, len(lines), key),
                                   f"unknown key '{key}'{close}: the file holds [[source]] "
                                   "tables only")
    entries = table.get("source", [])
    if not isinstance(entries, list):
        raise SourcesFileError(path, _key_line(lines, 0, len(lines), "source"),
                               "'source' must be [[source]] tables, one per publisher")
    blocks = _blocks(lines, len(entries))
    sources = [_source(entry, n, blocks[n], lines, path, base) for n, entry in enumerate(entries)]
    _check_unique(sources, path)
    return SourcesFile(path, tuple(sources))


def _source(entry, number: int, block: tuple[int, int], lines: list[str], path: str,
            base: Path) -> Source:
    first, end = block
    label = f"source {number + 1}"

    def fail(key: str | None, message: str, needle: str = "") -> SourcesFileError:
        line = _key_line(lines, first, end, key, needle) if key else first + 1
        return SourcesFileError(path, line, f"{label}: {message}")

    if not isinstance(entry, dict):
        raise fail(None, "must be a table of keys")
    name = entry.get("name")
    if isinstance(name, str) and name.strip():
        name = " ".join(name.split())
        label = f"source '{name}'"
    for key in entry:
        if key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "known keys: " + ", ".join(KEYS)
            raise fail(key, f"unknown key '{key}' ({hint})")
    if not isinstance(name, str) or not name.strip():
        raise fail("name" if "name" in entry else None,
                   "needs a name = \"...\": the publisher's name as readers know it")
    home = entry.get("home")
    if not (isinstance(home, str) and is_web_url(home) and " " not in home.strip()):
        raise fail("home" if "home" in entry else None,
                   "needs home = \"https://...\": the publisher's home page, an absolute "
                   "http(s) URL")
    feeds = entry.get("feeds", [])
    if isinstance(feeds, str):
        feeds = [feeds]
    if not isinstance(feeds, list) or not feeds:
        raise fail("feeds" if "feeds" in entry else None,
                   "needs feeds = [\"https://...\"]: one or more feed URLs or files")
    resolved, feed_lines = [], {}
    for feed in feeds:
        if not isinstance(feed, str) or not feed.strip():
            raise fail("feeds", "each feed is a URL or a file name (text)")
        feed = feed.strip()
        if "://" in feed or feed.startswith(("http:", "https:")):
            if not is_web_url(feed) or any(c.isspace() for c in feed):
                raise fail("feeds", f"'{feed}' is not an http(s) URL", feed)
            value = feed
        else:
            value = str((base / feed).resolve()) if not Path(feed).is_absolute() else feed
        if value in feed_lines:
            raise fail("feeds", f"'{feed}' is listed twice", feed)
        resolved.append(value)
        feed_lines[value] = _key_line(lines, first, end, "feeds", feed)
    language = entry.get("language", "")
    if not isinstance(language, str) or (language and not normalise_tag(language)):
        raise fail("language", f"language = {language!r} is not a BCP 47 tag: write e.g. "
                   "\"en\", \"en-GB\", \"de\" or \"sk\" (or leave it out to detect it)")
    policy = entry.get("policy", "")  # "": the site's DIGEST_DEFAULT_POLICY
    if "policy" in entry and policy not in POLICIES:
        raise fail("policy", f"policy = {policy!r}: expected one of " +
                   ", ".join(f'"{p}"' for p in POLICIES))
    aliases = entry.get("aliases", [])
    if not (isinstance(aliases, list) and all(isinstance(a, str) and a.strip()
                                              for a in aliases)):
        raise fail("aliases", "aliases = [\"...\"] is a list of other spellings of the name")
    rules = {}
    for kind in ("keep", "drop"):
        given = entry.get(kind, [])
        if isinstance(given, str):
            given = [given]
        if not isinstance(given, list):
            raise fail(kind, f"{kind} = [\"...\"] is a list of rules (words or /regex/)")
        compiled = []
        for rule in given:
            try:
                compiled.append(compile_rule(rule))
            except RuleError as err:
                raise fail(kind, f"{kind} rule {rule!r}: {err}",
                           rule if isinstance(rule, str) else "") from None
        rules[kind] = tuple(compiled)
    return Source(name=name, home=home.strip(), feeds=tuple(resolved),
                  language=normalise_tag(language), policy=policy,
                  aliases=tuple(" ".join(a.split()) for a in aliases),
                  keep=rules["keep"], drop=rules["drop"], line=first + 1,
                  feed_lines=feed_lines)


def _check_unique(sources: list[Source], path: str) -> None:
    names: dict[str, Source] = {}
    feeds: dict[str, Source] = {}
    for source in sources:
        for name in source.names:
            other = names.setdefault(publisher_key(name), source)
            if other is not source:
                raise SourcesFileError(path, source.line,
                                       f"the name '{name}' is also used by the source on line "
                                       f"{other.line}: each publisher once")
        for feed in source.feeds:
            other = feeds.setdefault(feed, source)
            if other is not source:
                raise SourcesFileError(path, source.feed_lines[feed],
                                       f"the feed '{feed}' is also listed by '{other.name}' "
                                       f"(line {other.line}): a feed belongs to one publisher")


def _blocks(lines: list[str], count: int) -> list[tuple[int, int]]:
    """(first, end) line indexes of each [[source]] table, for line numbers in messages."""
    starts = [n for n, line in enumerate(lines) if _SOURCE_RE.match(line)]
    blocks = []
    for start in starts:
        end = next((n for n in range(start + 1, len(lines)) if _TABLE_RE.match(lines[n])),
                   len(lines))
        blocks.append((start, end))
    while len(blocks) < count:  # sources written another way (inline tables): no lines
        blocks.append((0, len(lines)))
    return blocks


def _key_line(lines: list[str], first: int, end: int, key: str, needle: str = "") -> int:
    """1-based line of ``key = `` or a ``[key]``/``[[key]]`` table in lines[first:end] (or
    of ``needle`` after it)."""
    name = rf"(?:{re.escape(key)}|\"{re.escape(key)}\")"
    key_re = re.compile(rf"^\s*(?:{name}\s*=|\[\[?\s*{name}\s*\]\]?)")
    at = next((n for n in range(first, end) if key_re.match(lines[n])), None)
    if at is None:
        return first + 1
    if needle:
        for n in range(at, end):
            if needle in lines[n]:
                return n + 1
    return at + 1


def _line_of_message(message: str) -> int:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else 1


def _toml_reason(message: str) -> str:
    """tomllib's "Invalid value (at line 3, column 8)" as "Invalid value (column 8)"."""
    return re.sub(r"\(at line \d+, (column \d+)\)", r"(\1)", message)
