"""A zero-width space inside a word of a headline or publisher, and the address it cuts.

Pure module (seeds stage). U+200B between two letters or digits of a Latin word
(``Ti\u200bmes``, pasted from a web page that hints a line break there) is the one
invisible character a slug reads: unidecode writes it as a space, so the story's or
publisher's address is cut in two (``ti-mes``). Between words of a script written
without spaces (Thai) it is the word break, and stays one.

Which stories may lose it is told by their seeds, not by the build: a build reads a
story's address from its seed alone (a build from scratch equals a rebuild), so a seed
already published keeps its character and its address, and ``check`` warns of it (the
curator deletes it while the story is not published yet). ``import`` and ``new``, which
write new stories only, leave it out (``seeds/compose.py``). A publisher's address is
made without it (``enrich/publishers.py``): it follows the spelling of the publisher's
newest story, so one new story spelt with it moved the publisher's page.
"""

from __future__ import annotations

import re

from .slugs import slugify_headline

_LATIN = "0-9A-Za-z\u00c0-\u024f"
_INNER_BREAK_RE = re.compile(f"(?<=[{_LATIN}])\u200b+(?=[{_LATIN}])")


def drop_inner_breaks(text: str) -> str:
    """``text`` without a zero-width space inside a Latin word."""
    return _INNER_BREAK_RE.sub("", text) if "\u200b" in text else text


def inner_break(text: str) -> str:
    """The word a zero-width space cuts in two, shown with '|' where it is; ""."""
    found = _INNER_BREAK_RE.search(text) if "\u200b" in text else None
    if found is None:
        return ""
    start = max(text.rfind(" ", 0, found.start()) + 1, found.start() - 20)
    end = text.find(" ", found.end())
    end = min(len(text) if end < 0 else end, found.end() + 20)
    return text[start:end].replace("\u200b", "|")


def inner_break_notes(values: dict, where: dict) -> list[tuple[int, str]]:
    """``(line, message)`` for the headline of a parsed seed. (A publisher's address
    leaves the character out: ``enrich/publishers.py``.)"""
    title = values.get("title") or ""
    if not (word := inner_break(title)):
        return []
    return [(where.get("title", 1), (
        f"the headline holds a zero-width space (U+200B) inside '{word}' (at the '|'), "
        "invisible, which its address reads as a word break: "
        f"stories/{slugify_headline(title)}.html, not "
        f"stories/{slugify_headline(drop_inner_breaks(title))}.html. Delete it if the story "
        "is not published yet; a published story keeps it, and its address"))]
