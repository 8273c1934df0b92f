"""What a shared link previews: a page's description and its preview image.

Pure module (output stage). Every page has a ``<meta name="description">`` of its own;
a story's is its summary (only what its publisher's policy lets the digest show),
else a sentence of the digest's own about who published it and when. Link previews
(Open Graph, Twitter cards) repeat it; ``site_image_url`` is the optional
``DIGEST_SITE_IMAGE`` as the absolute URL ``og:image`` needs.
"""

from __future__ import annotations

from datetime import datetime

from ..enrich.editions import MONTHS
from ..seeds.text_checks import close_bidi
from ..seeds.urls import is_web_url

DESCRIPTION_CHARS = 200  # search engines show about 160; previews a little more


def clip(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    """``text`` on one line, cut at a word and ended with "…" when longer than ``limit``."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0] if " " in text[:limit - 1] else text[:limit - 1]
    return close_bidi(cut.rstrip(",;:–—-")) + "…"


def story_description(summary: str, headline: str, publisher: str,
                      published: datetime) -> str:
    """The story's summary, or (when its page shows none) who published it and when."""
    if summary.strip():
        return clip(summary)
    when = f"{published.day} {MONTHS[published.month - 1]} {published.year}"
    return clip(f"{publisher}, {when}: “{' '.join(headline.split())}”. The digest credits "
                "the story and links to the original.")


def site_image_url(image: str | None, base_url: str) -> str:
    """``DIGEST_SITE_IMAGE`` as an absolute URL ("" when not set)."""
    if not image:
        return ""
    return image if is_web_url(image) else f"{base_url}/{image.lstrip('/')}"
