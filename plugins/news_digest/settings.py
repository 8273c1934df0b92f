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


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


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
    "DIGEST_SLUG_MAX_LENGTH": Setting(
        80, "a whole number of characters from 20 to 200",
        lambda v: isinstance(v, int) and not isinstance(v, bool) and 20 <= v <= 200),
    "DIGEST_TOPICS": Setting(
        (), "a list of topics (see pelicanconf.py)", _check_topics),
    "DIGEST_MAX_TOPICS": Setting(
        5, "a whole number of topics per story from 1 to 20",
        lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 20),
    "DIGEST_FALLBACK_TOPIC": Setting(
        "General", "the label of the topic for stories that match none, e.g. 'General'",
        lambda v: _is_text(v) and bool(re.search(r"[A-Za-z0-9]", v))),
    "DIGEST_TOPIC_THRESHOLD": Setting(
        5.0, "the score a topic needs, a number from 0.1 to 100",
        lambda v: _is_number(v, 0.1, 100)),
    "DIGEST_TOPIC_HEADLINE_WEIGHT": Setting(
        3.0, "how many times a headline phrase counts, a number from 1 to 10",
        lambda v: _is_number(v, 1, 10)),
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
