"""Slugs from headlines: ASCII, bounded in length, unique across the build.

Pure module: no Pelican import.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from unidecode import unidecode

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# Names Windows keeps for devices, with any extension ('con.html', a folder 'nul'): a
# site built or copied there would lose such a page or fail to write it.
_WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                              *(f"lpt{n}" for n in range(10))})


def slugify_headline(title: str, max_length: int = 80) -> str:
    """``"Agree with Indian government…"`` -> ``agree-with-indian-government…``.

    Cut at a word boundary so file names stay short; ``story`` when nothing
    of the headline survives (emoji, punctuation).
    """
    ascii_text = unidecode(unicodedata.normalize("NFKC", title)).lower()
    slug = _NOT_SLUG.sub("-", ascii_text).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:max_length]
    if slug in _WINDOWS_DEVICES:
        slug += "-1"
    return slug or "story"


def unique_slugs(stories: Iterable[tuple[str, str, object, str]]) -> dict[str, str]:
    """Map each story's key to a slug no other story has.

    ``stories`` yields ``(key, base_slug, order_key, suffix)``; ``order_key`` must
    order the stories totally (e.g. date, identity, path). In that order, oldest
    first, each story takes its base slug if no story before it took that slug,
    else ``<base>-<suffix[:8]>`` (the story's identity), else that with a counter.
    Every slug is checked against all the slugs taken before it, so a headline
    written to equal an older story's suffixed slug gets a suffix of its own: paths
    are unique by construction. The result does not depend on the order the files
    were read in, and an older story's address never changes when a newer one arrives.
    """
    ordered = sorted(stories, key=lambda story: (story[2], story[0]))
    taken: set[str] = set()
    slugs = {}
    for key, base, _, suffix in ordered:
        if base in taken:
            slug = f"{base}-{suffix[:8]}"
            number = 2
            while slug in taken:
                slug = f"{base}-{suffix[:8]}-{number}"
                number += 1
        else:
            slug = base
        taken.add(slug)
        slugs[key] = slug
    return slugs
