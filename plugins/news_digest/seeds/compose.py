"""A story's plain fields to seed text that the parser reads back as the same story.

Pure module. Shared by ``import`` and ``new``: fields are fitted to the format's
limits (one-line headline of at most 300 characters, a publisher name without
brackets, a URL without spaces), the text is rendered with ``render_seed`` and
parsed back; a story the parser would refuse is never written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime

from ..errors import StoryError
from .format import (
    MAX_HEADER_CHARS,
    MAX_HEADLINE_CHARS,
    MAX_SEED_BYTES,
    Seed,
    SeedError,
    looks_like_header,
    parse_seed,
    render_seed,
)
from .inner_breaks import drop_inner_breaks
from .text import clean_line
from .text_checks import close_bidi

# Invisible, not whitespace and not a control character: put before a first
# paragraph that would otherwise read as a title or header line ("# 1 ...", "Note: **x**"):
# the header block runs up to the first line that is neither.
WORD_JOINER = "\u2060"


def fit(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word to at most ``limit`` characters."""
    text = clean_line(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return close_bidi(cut.rstrip()) + "…"  # a cut run left open: the seed is refused


_UNSAFE_IN_LINK_RE = re.compile(r"[\s\x00-\x1f\x7f\[\]<>\"\\]")


def safe_url(url: str) -> str:
    """Spaces, controls, brackets, angle brackets, quotes and backslashes
    percent-encoded: one Markdown link target that means what it says."""
    return _UNSAFE_IN_LINK_RE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()),
                                  url.strip())


def story_seed(path: str, *, title: str, published: datetime, byline: str, source_name: str,
               url: str, paragraphs: list[str] | tuple[str, ...],
               headers: Mapping[str, str] | None = None) -> tuple[Seed, str]:
    """The ``Seed`` and its rendered text; ``StoryError`` if it cannot be a valid seed.

    ``headers`` are further documented headers (``headers.HEADERS`` keys, e.g. ``feed``,
    ``language``), written after ``Original:``; empty values are left out. A story
    without text needs ``headline_only="yes"`` among them."""
    body = [p for p in (clean_line(p) for p in paragraphs) if p]
    if not body and (headers or {}).get("headline_only") != "yes":
        raise StoryError("no text")
    if body and looks_like_header(body[0]):
        body[0] = WORD_JOINER + body[0]
    # A new story: a zero-width space inside a word is left out, not cut into its address
    name = drop_inner_breaks(clean_line(source_name)).replace("[", "(").replace("]", ")")
    seed = Seed(
        path=path,
        title=fit(drop_inner_breaks(title), MAX_HEADLINE_CHARS),
        published=published,
        byline=fit(byline, MAX_HEADER_CHARS),
        source_name=fit(name, max(20, MAX_HEADER_CHARS - len(url) - 10)),
        source_url=safe_url(url),
        paragraphs=tuple(body),
        # A value with "**" would end its own header line early: such a header is left out.
        headers={key: fit(value, MAX_HEADER_CHARS) for key, value in (headers or {}).items()
                 if value and clean_line(value) and "**" not in value},
    )
    text = render_seed(seed)
    size = len(text.encode("utf-8"))
    if size > MAX_SEED_BYTES:
        raise StoryError(f"the story is {size / 1e6:.1f} MB; a seed may be at most "
                         f"{MAX_SEED_BYTES / 1e6:.0f} MB")
    try:
        back = parse_seed(text, path)
    except SeedError as err:
        raise StoryError(err.message) from None
    if (back.title, back.published, back.byline, back.source_name, back.source_url,
            back.paragraphs) != (seed.title, seed.published, seed.byline, seed.source_name,
                                 seed.source_url, seed.paragraphs) or any(
            back.headers.get(key) != value for key, value in seed.headers.items()):
        raise StoryError("the seed would not read back as the same story")
    return back, text
