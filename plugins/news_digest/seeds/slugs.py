"""Slugs from headlines: ASCII, bounded in length, unique across the build.

Pure module: no Pelican import.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from unidecode import unidecode

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


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
    return slug or "story"


def unique_slugs(stories: Iterable[tuple[str, str, object, str]]) -> dict[str, str]:
    """Map each story's key to a slug no other story has.

    ``stories`` yields ``(key, base_slug, order_key, suffix)``. Within a group
    sharing a base slug the first by ``order_key`` keeps it and the others get
    ``-<suffix>`` (the story's identity): the result does not depend on the
    order the files were read in, and an older story's address never changes
    when a newer one with the same headline arrives.
    """
    groups: dict[str, list[tuple[object, str, str]]] = defaultdict(list)
    for key, base, order_key, suffix in stories:
        groups[base].append((order_key, suffix, key))
    slugs = {}
    for base, members in groups.items():
        members.sort()
        taken = {base}
        slugs[members[0][2]] = base
        for _, suffix, key in members[1:]:
            slug = f"{base}-{suffix[:8]}"
            while slug in taken:  # same story id twice: fall back to a counter
                slug = f"{base}-{suffix[:8]}-{len(taken)}"
            taken.add(slug)
            slugs[key] = slug
    return slugs
