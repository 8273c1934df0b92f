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
from typing import Any

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


_TOPIC_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TOPIC_KEYS = {"slug", "label", "phrases", "keywords", "negative"}
_VOCABULARY = ("a list of words or phrases, or a dict of phrase -> weight (a number "
               "above 0, at most 10)")
_TOPIC = ("a dict with 'slug' (lowercase letters, digits and hyphens), 'label' (text) "
          "and optional 'phrases', 'keywords', 'negative'")


def _check_vocabulary(name: str, value: Any) -> None:
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list | tuple):
        items = [(phrase, 1) for phrase in value]
    else:
        raise DigestConfigError(name, value, _VOCABULARY)
    for phrase, weight in items:
        if not (isinstance(phrase, str) and re.search(r"\w", phrase)):
            raise DigestConfigError(name, phrase, "a word or phrase (text with letters)")
        if not _is_number(weight, 1e-9, 10):
            raise DigestConfigError(f"{name}[{phrase!r}]", weight,
                                    "a weight: a number above 0, at most 10")


def _check_topics(value: Any) -> bool:
    """The taxonomy's structure; raise naming the exact entry that is wrong."""
    name = "DIGEST_TOPICS"
    if not isinstance(value, list | tuple):
        raise DigestConfigError(name, value, f"a list of topics, each {_TOPIC}")
    slugs: dict[str, int] = {}
    labels: dict[str, int] = {}
    for number, topic in enumerate(value):
        where = f"{name}[{number}]"
        if not isinstance(topic, dict):
            raise DigestConfigError(where, topic, _TOPIC)
        extra = sorted(set(topic) - _TOPIC_KEYS, key=str)
        if extra:
            raise DigestConfigError(f"{where}[{extra[0]!r}]", topic[extra[0]],
                                    "no such key: a topic has " + ", ".join(sorted(_TOPIC_KEYS)))
        slug, label = topic.get("slug"), topic.get("label")
        if not (isinstance(slug, str) and _TOPIC_SLUG.match(slug)):
            raise DigestConfigError(f"{where}['slug']", slug,
                                    "a slug of lowercase letters, digits and hyphens")
        if not _is_text(label):
            raise DigestConfigError(f"{where}['label']", label, "a label: non-empty text")
        if slug in slugs:
            raise DigestConfigError(f"{where}['slug']", slug,
                                    f"a slug no other topic has ({name}[{slugs[slug]}] has it)")
        if label.casefold() in labels:
            raise DigestConfigError(f"{where}['label']", label,
                                    f"a label no other topic has ({name}"
                                    f"[{labels[label.casefold()]}] has it)")
        slugs[slug], labels[label.casefold()] = number, number
        for kind in ("phrases", "keywords", "negative"):
            if kind in topic:
                _check_vocabulary(f"{where}[{kind!r}]", topic[kind])
    return True


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
    "DIGEST_TOPICS": Setting(
        (), "a list of topics (see pelicanconf.py)", _check_topics),
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


def resolve(settings: Mapping[str, Any]) -> dict[str, Any]:
    """The digest's settings: defaults overlaid with the user's, every value checked."""
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
    return resolved
