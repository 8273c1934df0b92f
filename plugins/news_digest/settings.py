"""Every ``DIGEST_*`` setting: its default, what it must be, and the check.

Pure module: ``resolve`` takes the settings mapping Pelican read, never writes into
it, and returns the digest's own ``DigestSettings``: every value checked once, then
read-only for the rest of the build. Add a setting here (and to docs/settings.md);
nowhere else holds a default.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .enrich.partitions import MIN_MARGIN_DAYS
from .enrich.republishing import DEFAULT_POLICY, POLICIES
from .enrich.taxonomy_file import load_taxonomy
from .errors import DigestConfigError
from .seeds.text_checks import XML_UNSAFE_RE, has_visible_character
from .seeds.urls import is_web_url

PREFIX = "DIGEST_"


@dataclass(frozen=True)
class Setting:
    default: Any
    expected: str  # said to the user when the check fails
    check: Callable[[Any], bool]


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _whole(low: int, high: int) -> Callable[[Any], bool]:
    """A check for a whole number from ``low`` to ``high`` (``True`` is not a number)."""
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_output_path(value: Any, *, slug: bool = False) -> bool:
    """A relative path inside the output folder (with ``{slug}`` when ``slug``)."""
    return (_is_text(value) and not value.startswith("/") and ".." not in value.split("/")
            and ("{slug}" in value) == slug)


def _is_site_url(value: Any) -> bool:
    return value is None or (isinstance(value, str) and is_web_url(value))


def _is_image(value: Any) -> bool:
    """None, an absolute http(s) URL, or a path inside the output folder."""
    return value is None or _is_site_url(value) or (
        _is_output_path(value) and ":" not in value.split("/")[0])


def _feed_path(default: str, slug: bool = False) -> Setting:
    expected = ("a relative file path with {slug}, e.g. " if slug else
                "a relative file path without {slug}, e.g. ") + repr(default)
    return Setting(default, expected, lambda v: _is_output_path(v, slug=slug))

def _is_names(value: Any) -> bool:
    return (isinstance(value, list | tuple)
            and all(_is_text(v) and v.strip() != "*" for v in value))


# Byline names that are news agencies or newsroom desks, not people: whole
# names, any case; "*" stands for any words ("* Desk" matches "Express Web Desk").
DEFAULT_AGENCIES = (
    "PTI", "Press Trust of India", "AP", "Associated Press", "The Associated Press",
    "Reuters", "Thomson Reuters", "AFP", "Agence France-Presse", "IANS", "ANI", "UNI",
    "United News of India", "DPA", "Deutsche Presse-Agentur", "Bloomberg", "Xinhua", "EFE",
    "TNN", "Agencies", "News Agencies", "Agency", "News Agency", "Staff", "Staff Reporter",
    "Our Staff Reporter", "Special Correspondent", "Our Special Correspondent",
    "* Correspondent", "* Desk", "* Bureau", "* Staff", "* News Service", "* News Network",
)


def _is_date_range(value: Any) -> bool:
    """Two ISO dates (``YYYY-MM-DD``), the first before the second."""
    if not isinstance(value, list | tuple) or len(value) != 2 \
            or not all(isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v)
                       for v in value):
        return False
    try:
        start, until = (date.fromisoformat(v) for v in value)
    except ValueError:
        return False
    return start < until


def _is_number(value: Any, low: float, high: float) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high


SETTINGS: dict[str, Setting] = {
    "DIGEST_STRICT": Setting(
        True, "True (a broken seed stops the build) or False (it is skipped with a warning)",
        _is_bool),
    "DIGEST_SOURCE_URL": Setting(
        "sources/{slug}/", "a relative URL pattern with {slug}, e.g. 'sources/{slug}/'",
        lambda v: _is_text(v) and "{slug}" in v and not v.startswith("/")),
    "DIGEST_SOURCE_SAVE_AS": Setting(
        "sources/{slug}/index.html", "a relative file path pattern with {slug}",
        lambda v: _is_text(v) and "{slug}" in v and not v.startswith("/")),
    "DIGEST_SOURCES_URL": Setting(
        "sources/", "a relative URL of the list of publishers, e.g. 'sources/'",
        lambda v: _is_text(v) and not v.startswith("/")),
    "DIGEST_SOURCES_SAVE_AS": Setting(
        "sources/index.html", "a relative file path, e.g. 'sources/index.html'",
        lambda v: _is_text(v) and not v.startswith("/")),
    "DIGEST_AGENCIES": Setting(
        DEFAULT_AGENCIES,
        "a list of names (and '* Desk'-style patterns) of news agencies and desks",
        _is_names),
    "DIGEST_DEFAULT_POLICY": Setting(
        DEFAULT_POLICY, "what the digest republishes of a publisher the sources file gives "
        "no policy: 'link' (headline, credit and link), 'excerpt' (the lead and a link) or "
        "'full' (the whole text; docs/publishing.md)", lambda v: v in POLICIES),
    "DIGEST_SITE_IMAGE": Setting(
        None, "None, or the image link previews show (og:image): an absolute http(s) URL "
        "or a file of the site such as 'images/preview.png' (add its folder to "
        "STATIC_PATHS)", _is_image),
    "DIGEST_WEBSUB_HUB": Setting(
        None, "None, or the absolute http(s) URL of the WebSub hub the feeds name "
        "(rel=\"hub\"), which `python -m news_digest ping` notifies", _is_site_url),
    "DIGEST_SLUG_MAX_LENGTH": Setting(
        80, "a whole number of characters from 20 to 200",
        _whole(20, 200)),
    "DIGEST_SITE_URL": Setting(
        None, "the absolute http(s) URL the site is published at, e.g. "
        "'https://digest.example.org' (feeds need it when SITEURL is relative)", _is_site_url),
    "DIGEST_FEED_MAX_ITEMS": Setting(
        50, "a whole number of stories per feed from 1 to 10000",
        _whole(1, 10000)),
    "DIGEST_FEED_FULL_TEXT": Setting(
        False, "True (feeds carry every paragraph) or False (the summary only)", _is_bool),
    "DIGEST_FEED_ALL_RSS": _feed_path("feeds/all.rss.xml"),
    "DIGEST_FEED_ALL_ATOM": _feed_path("feeds/all.atom.xml"),
    "DIGEST_FEED_ALL_JSON": _feed_path("feeds/all.json"),
    "DIGEST_FEED_TOPIC_RSS": _feed_path("feeds/topics/{slug}.rss.xml", slug=True),
    "DIGEST_FEED_TOPIC_ATOM": _feed_path("feeds/topics/{slug}.atom.xml", slug=True),
    "DIGEST_FEED_SOURCE_RSS": _feed_path("feeds/sources/{slug}.rss.xml", slug=True),
    "DIGEST_FEED_SOURCE_ATOM": _feed_path("feeds/sources/{slug}.atom.xml", slug=True),
    "DIGEST_FEED_TOPIC_JSON": _feed_path("feeds/topics/{slug}.json", slug=True),
    "DIGEST_FEED_SOURCE_JSON": _feed_path("feeds/sources/{slug}.json", slug=True),
    # RFC 5005 archives of the whole digest, one per edition ({slug}: the edition's).
    "DIGEST_FEED_ARCHIVE_RSS": _feed_path("feeds/archive/{slug}.rss.xml", slug=True),
    "DIGEST_FEED_ARCHIVE_ATOM": _feed_path("feeds/archive/{slug}.atom.xml", slug=True),
    "DIGEST_EDITION": Setting(
        "day", "'day' (an edition per publication day) or 'week' (per ISO week)",
        lambda v: v in ("day", "week")),
    "DIGEST_EDITIONS_PER_PAGE": Setting(
        7, "a whole number of editions per home page from 1 to 100",
        _whole(1, 100)),
    "DIGEST_TOPICS_FILE": Setting(
        "topics.toml", "the taxonomy file (TOML), relative to the settings file's folder, "
        "e.g. 'topics.toml', or None for no topics (every story is General)",
        lambda v: v is None or _is_text(v)),
    "DIGEST_MAX_TOPICS": Setting(
        5, "a whole number of topics per story from 1 to 20",
        _whole(1, 20)),
    "DIGEST_FALLBACK_TOPIC": Setting(
        "General", "the label of the topic for stories that match none, e.g. 'General'",
        lambda v: _is_text(v) and bool(re.search(r"[A-Za-z0-9]", v))),
    "DIGEST_TOPIC_THRESHOLD": Setting(
        5.0, "the score a topic needs, a number from 0.1 to 100",
        lambda v: _is_number(v, 0.1, 100)),
    "DIGEST_TOPIC_HEADLINE_WEIGHT": Setting(
        3.0, "how many times a headline phrase counts, a number from 1 to 10",
        lambda v: _is_number(v, 1, 10)),
    "DIGEST_SEARCH": Setting(
        True, "True (`build` indexes the site with Pagefind for the search page) or False",
        _is_bool),
    "DIGEST_SPEED": Setting(
        True, "True (the build's speed-ups: reused pages, Pelican internals replaced by "
        "faster ones) or False (plain Pelican code paths: slower, the same output)", _is_bool),
    "DIGEST_REUSE_PAGES": Setting(
        True, "True (`build` keeps pages of the previous build whose inputs are unchanged) "
        "or False (render every page)", _is_bool),
    "DIGEST_SECOND_CORE": Setting(
        True, "True (a build from scratch of 400 to 20,000 stories writes most story "
        "pages in a second process when a core is idle: the same output) or False (one "
        "process)", _is_bool),
    "DIGEST_SEARCH_SHARD_SIZE": Setting(
        1000, "a whole number of stories per search index shard from 1 to 1000000",
        _whole(1, 1_000_000)),
    # Building in date partitions (docs/partitions.md).
    "DIGEST_PARTITION": Setting(
        None, "None (build every page) or two dates ['YYYY-MM-DD', 'YYYY-MM-DD'], the "
        "first before the second: write only the story and edition pages of the stories "
        "published from the first day up to (not including) the second, in TIMEZONE",
        lambda v: v is None or _is_date_range(v)),
    "DIGEST_PARTITION_MARGIN_DAYS": Setting(
        16, f"the days read on either side of a partition's range, a whole number from "
        f"{MIN_MARGIN_DAYS} to 366", _whole(MIN_MARGIN_DAYS, 366)),
    "DIGEST_ASSEMBLE": Setting(
        (), "a list of the output folders of partition builds, e.g. ['parts/2024', "
        "'parts/2025'], or [] (a build of its own)",
        lambda v: isinstance(v, list | tuple) and all(_is_text(x) for x in v)),
    # `import`: the sources file and how feeds are fetched (docs/importing.md).
    "DIGEST_SOURCES_FILE": Setting(
        "sources.toml", "a TOML file name, relative to the settings file's folder, e.g. "
        "'sources.toml'", lambda v: _is_text(v) and v.strip().endswith(".toml")),
    "DIGEST_IMPORT_STATE": Setting(
        ".cache/import-state.json", "a JSON file name, relative to the settings file's "
        "folder, e.g. '.cache/import-state.json'", lambda v: _is_text(v)),
    "DIGEST_FETCH_TIMEOUT": Setting(
        20, "seconds to wait for a feed's server, a number from 1 to 300",
        lambda v: _is_number(v, 1, 300)),
    "DIGEST_FETCH_MAX_BYTES": Setting(
        10_000_000, "the largest feed to download in bytes, a whole number from 10000 to "
        "1000000000", _whole(10_000, 1_000_000_000)),
    "DIGEST_FETCH_RETRIES": Setting(
        3, "further attempts after a server error or a broken connection, 0 to 10",
        _whole(0, 10)),
    "DIGEST_FETCH_BACKOFF": Setting(
        1.0, "seconds before the first retry (doubled for each next one), a number from "
        "0 to 60", lambda v: _is_number(v, 0, 60)),
}


def _is_site_text(value: Any) -> bool:
    """Text a page, a feed and a JSON-LD block can all hold: something visible, no
    control character (tab and line breaks aside), nothing XML cannot carry."""
    return (isinstance(value, str) and has_visible_character(value)
            and not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", value)
            and not XML_UNSAFE_RE.search(value))


def _is_time_zone(value: Any) -> bool:
    try:
        return isinstance(value, str) and ZoneInfo(value) is not None
    except (ZoneInfoNotFoundError, ValueError):
        return False


def _escapes_html(value: Any) -> bool:
    """Jinja's ``autoescape`` on: seed text is printed as text, never as markup."""
    return isinstance(value, Mapping) and (
        value.get("autoescape") is True
        or (callable(value.get("autoescape")) and value["autoescape"]("index.html") is True))


# Pelican's own settings the pages rely on, checked by a build when present (Pelican checks
# none of them; a wrong one failed deep in a build with a bare TypeError, or, for
# JINJA_ENVIRONMENT, printed every seed's text as raw HTML).
PELICAN_SETTINGS: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "SITENAME": ("the site's name: text with a visible character and no control "
                 "character, e.g. 'The News Digest'", _is_site_text),
    "DEFAULT_PAGINATION": ("a whole number of stories per page (e.g. 20), or False",
                           lambda v: v is False or _whole(0, 10**6)(v)),
    "TIMEZONE": ("a time zone name of the IANA database, e.g. 'UTC' or 'Europe/Berlin'",
                 _is_time_zone),
    "JINJA_ENVIRONMENT": ("a dict with \"autoescape\": True (the theme relies on it to "
                          "print seed text as text; Pelican's default has none): add it "
                          "beside your other keys", _escapes_html),
}


def check_pelican_settings(settings: Mapping[str, Any]) -> None:
    """Raise ``DigestConfigError`` for the first of ``PELICAN_SETTINGS`` that is wrong.
    Asked by a build only: ``check`` and ``explain`` render no page."""
    for name, (expected, check) in PELICAN_SETTINGS.items():
        if name in settings and not check(settings[name]):
            raise DigestConfigError(name, settings[name], expected)


# Settings that were replaced: naming one stops the build with what replaced it.
RETIRED = {
    "DIGEST_CANONICAL": "a story page's canonical link now follows its publisher's "
    "republishing policy (DIGEST_DEFAULT_POLICY, and `policy` per publisher in the "
    "sources file): remove DIGEST_CANONICAL (docs/publishing.md)",
}


# Set by ``python -m news_digest`` to the settings file it read: relative paths in
# DIGEST_* settings are read from that file's folder (else from the current folder,
# where `make regenerate` and `make devserver` run Pelican).
SETTINGS_FILE = "NEWS_DIGEST_SETTINGS_FILE"


def taxonomy_path(settings: Mapping[str, Any], name: str) -> Path:
    """Where DIGEST_TOPICS_FILE ``name`` is: beside the settings file when relative."""
    path = Path(name)
    if not path.is_absolute() and settings.get(SETTINGS_FILE):
        path = Path(settings[SETTINGS_FILE]).resolve().parent / path
    return path


def sources_file_path(settings: Mapping[str, Any]) -> Path:
    """Where the sources file (DIGEST_SOURCES_FILE) is: beside the settings file."""
    return taxonomy_path(settings, settings.get("DIGEST_SOURCES_FILE",
                                                SETTINGS["DIGEST_SOURCES_FILE"].default))


class DigestSettings(Mapping):
    """The checked ``DIGEST_*`` settings of one build, read-only.

    Read a setting as an attribute, without the prefix and in lower case
    (``settings.feed_max_items``), or by its name (``settings["DIGEST_FEED_MAX_ITEMS"]``).
    ``topics`` is the taxonomy read from ``DIGEST_TOPICS_FILE``.
    """

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, Any]):
        object.__setattr__(self, "_values", MappingProxyType(dict(values)))

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[PREFIX + name.upper()]
        except KeyError:
            raise AttributeError(f"no setting {PREFIX}{name.upper()}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("the digest's settings are read-only once resolved")

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"DigestSettings({dict(self._values)!r})"


def _frozen(value: Any) -> Any:
    """A setting's value that nobody can change afterwards (lists become tuples)."""
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, dict):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    return value


def resolve(settings: Mapping[str, Any]) -> DigestSettings:
    """The digest's settings: defaults overlaid with the user's, every value checked.

    ``DIGEST_TOPICS`` is the taxonomy read from ``DIGEST_TOPICS_FILE`` (a
    ``TaxonomyFileError`` names its line when it is malformed), not a setting."""
    retired = sorted(k for k in settings if k in RETIRED)
    if retired:
        raise DigestConfigError(retired[0], settings[retired[0]],
                                f"no such setting any more: {RETIRED[retired[0]]}")
    unknown = sorted(k for k in settings if k.startswith(PREFIX) and k not in SETTINGS)
    if unknown:
        name = unknown[0]
        close = difflib.get_close_matches(name, SETTINGS, n=1)
        hint = f"did you mean {close[0]}?" if close else "one of " + ", ".join(sorted(SETTINGS))
        raise DigestConfigError(name, settings[name], f"a known setting ({hint})")
    resolved = {}
    for name, spec in SETTINGS.items():
        value = settings.get(name, spec.default)
        if not spec.check(value):
            raise DigestConfigError(name, value, spec.expected)
        resolved[name] = _frozen(value)
    name = resolved["DIGEST_TOPICS_FILE"]
    resolved["DIGEST_TOPICS"] = () if name is None else load_taxonomy(taxonomy_path(settings,
                                                                                    name))
    return DigestSettings(resolved)
