"""schema.org ``NewsArticle`` structured data for a story page.

Pure module: no Pelican import. ``news_article(...)`` builds the dict,
``script_json(...)`` serialises it so it can sit inside ``<script>`` whatever the
headline holds (``</script>``, ``<!--``, quotes): ``<``, ``>`` and ``&`` become
``\\u003c`` etc., which every JSON parser reads back as the same characters.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..enrich.attribution import Attribution
from ..seeds.urls import is_web_url
from .json_text import dumps_indented

# Replaced one after another: ``str.translate`` with a table looks up every character
# (about 50 us a story, most of this module's time in a build).
_SCRIPT_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def _organization(name: str, url: str = "") -> dict[str, str]:
    org = {"@type": "Organization", "name": name}
    if is_web_url(url):
        org["url"] = url
    return org


def news_article(*, headline: str, attribution: Attribution, site_name: str, site_url: str = "",
                 page_url: str = "", description: str = "",
                 keywords: Iterable[str] = (), language: str = "") -> dict[str, Any]:
    """The ``NewsArticle`` of one story, in ``language`` (a BCP 47 tag: the story's
    ``Language:``, else the site's).

    ``site_url`` and ``page_url`` are used only when they are absolute http(s)
    URLs (a local build with relative links has none, and says nothing rather
    than something wrong).
    """
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "datePublished": attribution.published_iso,
    }
    if language:
        data["inLanguage"] = language
    if description:
        data["description"] = description
    authors = [
        {"@type": "Organization" if c.is_agency else "Person", "name": c.name}
        for c in attribution.credits
    ]
    if authors:
        data["author"] = authors
    data["sourceOrganization"] = _organization(attribution.publisher,
                                               attribution.publisher_home)
    data["publisher"] = _organization(site_name, site_url)
    if attribution.original_link:
        data["isBasedOn"] = attribution.original_link
    if is_web_url(page_url):
        data["url"] = page_url
        data["mainEntityOfPage"] = {"@type": "WebPage", "@id": page_url}
    keywords = [k for k in keywords if k]
    if keywords:
        data["keywords"] = keywords
    return data


def script_json(data: Any) -> str:
    """JSON that is safe between ``<script type="application/ld+json">`` tags."""
    return script_safe(dumps_indented(data, 1, ensure_ascii=False))


def script_safe(text: str) -> str:
    """JSON text with ``<``, ``>``, ``&`` and the two line separators escaped: the same
    data to any JSON parser, and nothing that can end a ``<script>`` element."""
    for character, escaped in _SCRIPT_SAFE:
        text = text.replace(character, escaped)
    return text
