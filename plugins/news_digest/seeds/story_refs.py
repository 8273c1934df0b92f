"""References from one seed to another story: ``Same event as:`` / ``Not same event as:``.

Pure module (seeds stage). A value is one or more references separated by spaces:
the other story's original URL (what its ``Original:`` link says: stable when files
are renamed or moved), its 16-hex-digit identity, or its seed file name. Whether a
reference names a story of the digest is worked out with every story at hand
(``enrich/cluster_links.py``); here only its form is checked.
"""

from __future__ import annotations

import re

from .urls import is_web_url

IDENTITY_RE = re.compile(r"^[0-9a-f]{16}$")


def references(value: str) -> list[str]:
    """The references in a header value, in order, without separators."""
    return [token.rstrip(",;") for token in value.split() if token.rstrip(",;")]


def reference_problem(value: str) -> str | None:
    """Why a ``Same event as:`` / ``Not same event as:`` value is malformed, or None.

    Each reference must be an absolute http(s) URL, a 16-hex-digit story identity or
    a seed file name ending in ``.txt``.
    """
    found = references(value)
    if not found:
        return "give the other story's original URL (or its seed file name)"
    for ref in found:
        if not (is_web_url(ref) or IDENTITY_RE.match(ref.lower()) or ref.endswith(".txt")):
            return (f"'{ref[:80]}' is neither an http(s) URL, a 16-hex-digit story identity "
                    "nor a seed file name (.txt): give the other story's original URL")
    return None
