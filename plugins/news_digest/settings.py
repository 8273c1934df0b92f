"""Every ``DIGEST_*`` setting: its default, what it must be, and the check.

Pure module: takes the settings mapping Pelican read, never writes into it, and
returns the digest's own resolved copy. Add a setting here (and to README.md);
nowhere else holds a default.
"""

from __future__ import annotations

import difflib
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
    "DIGEST_SEARCH": Setting(
        True, "True (`build` indexes the site with Pagefind for the search page) or False",
        _is_bool),
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
