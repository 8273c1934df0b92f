"""Candidate stories out of a JSON Feed (versions 1 and 1.1, https://jsonfeed.org).

Curator stage, no Pelican import; used by ``feed_items`` for a JSON object whose
``version`` names JSON Feed (before, such a feed was refused as "not a news-API
export"). Each item is read as an RSS item is: its headline (``title``), link
(``url``, else ``external_url``, else an ``id`` that is a web address), date
(``date_published``, else ``date_modified``, RFC 3339), authors (1.1's ``authors``
or 1's ``author``, the item's or the feed's), text (``content_html``,
``content_text`` or ``summary``, the longest) and language (1.1, the item's or the
feed's). A field of the wrong JSON type counts as missing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..enrich.language import normalise_tag
from ..enrich.publisher_names import site_name
from ..errors import ImportFileError
from ..seeds.text import clean_line, markup_to_paragraphs, text_to_paragraphs, unescaped_once_more
from ..seeds.urls import is_web_url

VERSION_PREFIX = "https://jsonfeed.org/version/"


def is_json_feed(data) -> bool:
    version = data.get("version") if isinstance(data, Mapping) else None
    return isinstance(version, str) and version.startswith(VERSION_PREFIX)


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _names(holder: Mapping) -> list[str]:
    """Authors' names: 1.1's ``authors`` list, or 1's single ``author`` object."""
    people = holder.get("authors")
    if not isinstance(people, list):
        people = [holder.get("author")]
    return [_text(person.get("name")) for person in people if isinstance(person, Mapping)]


def items_from_json_feed(data: Mapping, name: str) -> Iterator:
    from .feed_items import Skipped, _byline, _iso_datetime, _longer, _short, _story  # noqa: PLC0415

    items = data.get("items")
    if not isinstance(items, list):
        raise ImportFileError(name, "is a JSON Feed without an 'items' list")
    home = _text(data.get("home_page_url")).strip()
    base = home if is_web_url(home) else ""
    title = clean_line(_text(data.get("title")))
    feed_authors = _names(data)
    source_name = site_name(title, base, (), feed_authors) if base else title
    feed_language = normalise_tag(_text(data.get("language")))
    feed_url = _text(data.get("feed_url")).strip()
    feed_url = feed_url if is_web_url(feed_url) else ""
    for number, item in enumerate(items, 1):
        label = f"{name} item {number}"
        if not isinstance(item, Mapping):
            yield Skipped(label, "is not an object", "not an item object")
            continue
        headline = unescaped_once_more(clean_line(_text(item.get("title"))))
        if headline:
            label = f"{label} ({_short(headline)})"
        raw_date = _text(item.get("date_published")) or _text(item.get("date_modified"))
        published = (_iso_datetime(_text(item.get("date_published")))
                     or _iso_datetime(_text(item.get("date_modified"))))
        paragraphs = _longer(markup_to_paragraphs(_text(item.get("content_html"))),
                             text_to_paragraphs(_text(item.get("content_text"))),
                             text_to_paragraphs(_text(item.get("summary"))))
        yield _story(label, title=headline, url=_item_link(item), base=base,
                     published=published, raw_date=raw_date,
                     byline=_byline(_names(item) or feed_authors),
                     source_name=source_name, paragraphs=paragraphs,
                     language=normalise_tag(_text(item.get("language"))) or feed_language,
                     feed_url=feed_url)


def _item_link(item: Mapping) -> str:
    for key in ("url", "external_url"):
        if link := _text(item.get(key)).strip():
            return link
    identifier = item.get("id")
    return identifier.strip() if isinstance(identifier, str) and is_web_url(identifier) else ""
