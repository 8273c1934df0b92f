"""Every ``DIGEST_*`` setting: its default, what it must be, and the check.

Pure module: takes the settings mapping Pelican read, never writes into it, and
returns the digest's own resolved copy. Add a setting here (and to README.md);
nowhere else holds a default.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .taxonomy_file import load_taxonomy
from .urls import is_web_url

PREFIX = "DIGEST_"


class DigestConfigError(ValueError):
    """A ``DIGEST_*`` setting (or a setting the digest depends on) is wrong."""

    def __init__(self, name: str, value: Any, expected: str):
        super().__init__(f"setting {name} = {value!r} is not valid: expected {expected}")
        self.name = name
        self.value = value
        self.expected = expected


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
    "DIGEST_CANONICAL": Setting(
        "original", "'original' (canonical link to the publisher's page) or 'self'",
        lambda v: v in ("original", "self")),
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
    "DIGEST_REUSE_PAGES": Setting(
        True, "True (`build` keeps pages of the previous build whose inputs are unchanged) "
        "or False (render every page)", _is_bool),
    "DIGEST_SEARCH_SHARD_SIZE": Setting(
        1000, "a whole number of stories per search index shard from 1 to 1000000",
        _whole(1, 1_000_000)),
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


def resolve(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The digest's settings: defaults overlaid with the user's, every value checked.

    ``DIGEST_TOPICS`` is the taxonomy read from ``DIGEST_TOPICS_FILE`` (a
    ``TaxonomyFileError`` names its line when it is malformed), not a setting."""
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
        resolved[name] = value
    name = resolved["DIGEST_TOPICS_FILE"]
    resolved["DIGEST_TOPICS"] = () if name is None else load_taxonomy(taxonomy_path(settings,
                                                                                    name))
    return resolved
