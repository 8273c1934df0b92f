"""Sitemaps and robots.txt: what search engines are told the site holds.

Pure module (output stage, standard library only). ``sitemap_files`` writes the
sitemaps.org protocol 0.9: one ``sitemap.xml`` of every page search engines may index
with its ``lastmod`` (from the stories it shows), or, past 50,000 pages, a sitemap
index naming ``sitemap-1.xml``, ``sitemap-2.xml``, ... ``news_sitemap`` writes the
Google News sitemap of the digest's own edition pages of the last two days, counted
back from the newest story (never from the build's clock: builds stay reproducible).
``robots_txt`` names them. Nothing reads the clock; the same pages give the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape

SITEMAP = "sitemap.xml"
NEWS_SITEMAP = "news-sitemap.xml"
PART = "sitemap-{number}.xml"
MAX_URLS = 50_000  # the protocol's limit per file (and 50 MB, far from reached)
MAX_NEWS_URLS = 1_000  # Google News' limit per news sitemap
NEWS_WINDOW = timedelta(days=2)
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
_XML = '<?xml version="1.0" encoding="UTF-8"?>\n'


@dataclass(frozen=True)
class SitemapEntry:
    path: str  # the page's address relative to the site ("" for the home page)
    lastmod: datetime | None = None


@dataclass(frozen=True)
class NewsEntry:
    path: str  # the edition page
    title: str
    published: datetime  # when the edition first appeared: its oldest story's time
    newest: datetime  # its newest story's time


def w3c(when: datetime) -> str:
    """A W3C datetime in UTC, to the second: ``2019-11-01T12:05:50+00:00``."""
    return when.astimezone(UTC).replace(microsecond=0).isoformat()


def _urlset(base_url: str, entries: list[SitemapEntry]) -> bytes:
    lines = [_XML, f'<urlset xmlns="{SITEMAP_NS}">\n']
    for entry in entries:
        lines.append(f"<url><loc>{escape(f'{base_url}/{entry.path}')}</loc>")
        if entry.lastmod is not None:
            lines.append(f"<lastmod>{w3c(entry.lastmod)}</lastmod>")
        lines.append("</url>\n")
    lines.append("</urlset>\n")
    return "".join(lines).encode("utf-8")


def sitemap_files(base_url: str, entries: Iterable[SitemapEntry],
                  limit: int = MAX_URLS) -> dict[str, bytes]:
    """File name -> bytes: ``sitemap.xml`` (a urlset, or past ``limit`` pages the index
    of its parts), in address order."""
    unique = {e.path: e for e in entries}  # one entry per address
    ordered = [unique[path] for path in sorted(unique)]
    if len(ordered) <= limit:
        return {SITEMAP: _urlset(base_url, ordered)}
    files: dict[str, bytes] = {}
    index = [_XML, f'<sitemapindex xmlns="{SITEMAP_NS}">\n']
    for number, start in enumerate(range(0, len(ordered), limit), start=1):
        part = ordered[start:start + limit]
        name = PART.format(number=number)
        files[name] = _urlset(base_url, part)
        dates = [e.lastmod for e in part if e.lastmod is not None]
        index.append(f"<sitemap><loc>{escape(f'{base_url}/{name}')}</loc>")
        if dates:
            index.append(f"<lastmod>{w3c(max(dates))}</lastmod>")
        index.append("</sitemap>\n")
    index.append("</sitemapindex>\n")
    files[SITEMAP] = "".join(index).encode("utf-8")
    return files


def news_language(language: str) -> str:
    """Google News wants an ISO 639 code (``en``), or ``zh-cn`` / ``zh-tw``."""
    tag = language.strip().lower().replace("_", "-")
    if tag.startswith("zh-") and tag[3:] in ("cn", "tw", "hans", "hant"):
        return "zh-cn" if tag[3:] in ("cn", "hans") else "zh-tw"
    return tag.split("-")[0] or "en"


def recent_editions(editions: Iterable[NewsEntry]) -> list[NewsEntry]:
    """The editions with a story in the two days before the newest story, newest first."""
    editions = list(editions)
    if not editions:
        return []
    newest = max(e.newest for e in editions)
    recent = [e for e in editions if e.newest >= newest - NEWS_WINDOW]
    recent.sort(key=lambda e: (e.newest, e.path), reverse=True)
    return recent[:MAX_NEWS_URLS]


def news_sitemap(base_url: str, editions: Iterable[NewsEntry], publication: str,
                 language: str) -> bytes:
    """The Google News sitemap of the recent editions (``recent_editions``)."""
    name, lang = escape(publication), escape(news_language(language))
    lines = [_XML, f'<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">\n']
    for edition in recent_editions(editions):
        lines.append(
            f"<url><loc>{escape(f'{base_url}/{edition.path}')}</loc>"
            f"<news:news><news:publication><news:name>{name}</news:name>"
            f"<news:language>{lang}</news:language></news:publication>"
            f"<news:publication_date>{w3c(edition.published)}</news:publication_date>"
            f"<news:title>{escape(edition.title)}</news:title></news:news></url>\n")
    lines.append("</urlset>\n")
    return "".join(lines).encode("utf-8")


def robots_txt(base_url: str, sitemaps: Iterable[str]) -> str:
    """Every crawler may read every page; where the sitemaps are."""
    lines = ["User-agent: *", "Allow: /", ""]
    lines += [f"Sitemap: {base_url}/{name}" for name in sitemaps]
    return "\n".join(lines) + "\n"
