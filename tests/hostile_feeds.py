"""Hostile publisher feeds for ``import``, made from a batch of hostile stories
(``hostile_gen.batch``): each story an RSS 2.0 or Atom item or a news-API record whose
text is real HTML (so a payload's ``<script>`` is markup the importer must drop), and
some feeds not well-formed XML (an ``&nbsp;``, as many real feeds have), which feedparser
reads with its loose parser. ``feeds(seed, count)`` gives file name -> bytes.
"""

from __future__ import annotations

import json
import random
from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

from hostile_gen import Story, batch


def _rfc822(value: str) -> str:
    try:
        return format_datetime(datetime.fromisoformat(value.replace("z", "Z")))
    except (ValueError, OverflowError):
        return value  # as broken as the story's date


def _clean(text: str) -> str:
    """XML 1.0 has no way to write these: a feed that holds one is not XML at all."""
    return "".join(c for c in text if c in "\t\n\r" or (" " <= c and c not in "\ufffe\uffff"
                                                         and not "\ud800" <= c <= "\udfff"))


def _html(story: Story, rng: random.Random) -> str:
    paragraphs = story.body or [""]
    if rng.random() < 0.5:
        return "".join(f"<p>{p}</p>" for p in paragraphs)  # the payloads as markup
    return "\n\n".join(escape(p) for p in paragraphs)  # as text, escaped once


def _rss(stories: list[Story], rng: random.Random, loose: bool) -> str:
    items = []
    for s in stories:
        body = _html(s, rng)
        text = (f"<![CDATA[{body.replace(']]>', ']]]]><![CDATA[>')}]]>"
                if rng.random() < 0.5 else escape(body))
        author = f"<dc:creator>{escape(s.author)}</dc:creator>" if s.author else ""
        items.append(f"<item><title>{escape(s.title)}</title><link>{escape(s.url)}</link>"
                     f"<guid>{escape(s.url)}</guid><pubDate>{escape(_rfc822(s.published))}"
                     f"</pubDate>{author}<description>{text}</description></item>")
    nbsp = "&nbsp;" if loose else " "
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            f"<title>{escape(stories[0].source)}{nbsp}News</title>"
            "<link>https://news.example.com/</link><description>d</description>"
            + "\n".join(items) + "</channel></rss>\n")


def _atom(stories: list[Story], rng: random.Random, loose: bool) -> str:
    entries = []
    for s in stories:
        kind = rng.choice(("html", "text", "xhtml"))
        body = _html(s, rng)
        content = (f'<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
                   f"{escape(body)}</div></content>" if kind == "xhtml"
                   else f'<content type="{kind}">{escape(body)}</content>')
        author = f"<author><name>{escape(s.author)}</name></author>" if s.author else ""
        entries.append(f'<entry><title type="{rng.choice(("html", "text"))}">'
                       f"{escape(s.title)}</title><link href={_attr(s.url)}/>"
                       f"<id>{escape(s.url)}</id><updated>{escape(s.published)}</updated>"
                       f"{author}{content}</entry>")
    nbsp = "&nbsp;" if loose else " "
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(stories[0].source)}{nbsp}</title>"
            '<link href="https://news.example.com/"/><id>urn:x</id>'
            "<updated>2020-01-01T00:00:00Z</updated>" + "\n".join(entries) + "</feed>\n")


def _attr(value: str) -> str:
    return '"' + escape(value, {'"': "&quot;"}) + '"'


def _newsapi(stories: list[Story], rng: random.Random) -> str:
    records = [{"source": {"id": None, "name": s.source}, "author": s.author,
                "title": s.title, "description": (s.body or [""])[0],
                "url": s.url, "publishedAt": s.published,
                "content": "\r\n".join(s.body) + rng.choice(("", " [+123 chars]"))}
               for s in stories]
    return json.dumps({"status": "ok", "articles": records}, ensure_ascii=rng.random() < 0.5)


def feeds(seed: int, count: int) -> dict[str, bytes]:
    """Three to five feeds holding ``count`` hostile stories between them."""
    rng = random.Random(seed)
    stories = batch(seed, count)
    for s in stories:  # text an XML feed cannot carry at all is not a feed's
        s.title, s.source = _clean(s.title), _clean(s.source)
        s.author = _clean(s.author) if s.author else s.author
        s.body = [_clean(p) for p in s.body]
    files, start = {}, 0
    for number in range(rng.randint(3, 5)):
        part = stories[start:start + max(1, count // 4)] or stories[-1:]
        start += len(part)
        kind = rng.choice(("rss", "atom", "newsapi"))
        loose = rng.random() < 0.3
        if kind == "rss":
            files[f"feed{number}.xml"] = _rss(part, rng, loose).encode("utf-8")
        elif kind == "atom":
            files[f"feed{number}.atom"] = _atom(part, rng, loose).encode("utf-8")
        else:
            files[f"feed{number}.json"] = _newsapi(part, rng).encode("utf-8", "surrogatepass")
    return files
