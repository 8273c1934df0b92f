"""Split a byline into the names it credits.

Pure module: no Pelican import. Whether a name is a person or a news agency
is attribution's job; this only finds the names.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"\s*(?:,|;|\band\b|&|\|)\s*", re.IGNORECASE)
_BY_PREFIX = re.compile(r"^by\s+", re.IGNORECASE)


def split_byline(byline: str) -> list[str]:
    """``"By Jane Doe and John Roe"`` -> ``["Jane Doe", "John Roe"]``, in order, no repeats."""
    names = []
    for part in _SEPARATORS.split(_BY_PREFIX.sub("", byline.strip())):
        name = " ".join(part.split())
        if name and name.casefold() not in (n.casefold() for n in names):
            names.append(name)
    return names
