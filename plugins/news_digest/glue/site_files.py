"""Pelican glue: the files a site needs besides its pages: 404 page, sitemaps, robots.txt.

A generator of the build (``DigestBuild.bound``), run after the generators that write
pages. ``generate_context`` gives templates the public address (``digest_site_url``)
and the preview image (``digest_site_image``), and starts a ``PageRecord``: every page
Pelican writes (or keeps from the previous build) is noted through Pelican's
``content_written`` signal, with the newest date of the stories it shows and whether
search engines may index it. ``generate_output`` writes ``404.html``, then the
sitemaps and ``robots.txt`` from that record (``output/sitemaps.py``).
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from pelican.generators import Generator

from ..output.previews import site_image_url
from ..output.sitemaps import (
    NEWS_SITEMAP,
    NewsEntry,
    SitemapEntry,
    news_sitemap,
    robots_txt,
    sitemap_files,
)

RECORD = "digest_page_record"  # the context key the content_written handler looks for
NOT_FOUND_PAGE = "404.html"


def _dates(stories) -> list[datetime]:
    return [s.date for s in stories or () if getattr(s, "date", None) is not None]


class PageRecord:
    """Every page written in this build: its address, newest story date, indexability."""

    def __init__(self, output_path: str, newest: datetime | None):
        self.output_path = output_path
        self.newest = newest  # of the whole digest: for pages that list it all
        self.entries: dict[str, SitemapEntry] = {}
        self._prefix: str | None = None  # the output folder, absolute, with a separator

    def note(self, path: str, context) -> None:
        article = context.get("article")
        if context.get("digest_robots") or "noindex" in getattr(article, "robots", ""):
            return  # asked not to be indexed: not in the sitemap either
        if article is not None and getattr(article, "status", "published") != "published":
            return  # a draft or a hidden story
        relative = self._relative(path).replace(os.sep, "/")
        address = relative[:-len("index.html")] if relative.endswith("index.html") \
            else relative
        self.entries[address] = SitemapEntry(address, self.lastmod(context))

    def _relative(self, path: str) -> str:
        """``os.path.relpath(path, output_path)``; a page's path is the output folder's
        joined and normalised (``sanitised_join``), so most need no more than the
        folder cut off (relpath works out both absolute paths again: 1 % of a day)."""
        if self._prefix is None:  # "": a relative folder, which depends on the cwd
            self._prefix = (os.path.join(os.path.normpath(self.output_path), "")
                            if os.path.isabs(self.output_path) else "")
        if self._prefix and path.startswith(self._prefix) and os.path.normpath(path) == path:
            return path[len(self._prefix):]
        return os.path.relpath(path, self.output_path)

    def lastmod(self, context) -> datetime | None:
        """The newest date of the stories the page shows; a page that lists no stories
        of its own (the topic index, the search page) shows the whole digest's."""
        for name in ("article", "page"):
            item = context.get(name)
            if item is not None:
                return getattr(item, "date", None)  # a hand-written page may have none
        page = context.get("articles_page")
        if page is not None:
            return max(_dates(page.object_list), default=None)
        edition = context.get("edition")
        if edition is not None:
            return max(_dates(edition.articles), default=None)
        editions = context.get("editions")
        if editions:
            return max((d for e in editions for d in _dates(e.articles)), default=None)
        return self.newest


def on_content_written(path, context=None) -> None:
    record = context.get(RECORD) if context else None
    if record is not None:
        record.note(path, context)


class SiteFilesGenerator(Generator):
    """Writes 404.html, sitemap.xml (and its parts), news-sitemap.xml and robots.txt."""

    build = None  # the DigestBuild this class is bound to

    def generate_context(self):
        site = self.build.site
        self.context["digest_site_url"] = site.base_url
        self.context["digest_site_image"] = site_image_url(self.build.settings.site_image,
                                                           site.base_url)
        stories = [a for a in self.context.get("articles", []) if hasattr(a, "identity")]
        self.record = PageRecord(self.output_path, max(_dates(stories), default=None))
        self.context[RECORD] = self.record

    def generate_output(self, writer):
        site = self.build.site
        # Shown at whatever address was asked for: its links start at the site's root.
        root = urlsplit(site.base_url).path.rstrip("/")
        writer.write_file(NOT_FOUND_PAGE, self.get_template("404"), self.context,
                          relative_urls=False, SITEURL=root, digest_robots="noindex")
        output = Path(self.output_path)
        files = sitemap_files(site.base_url, self.record.entries.values())
        files[NEWS_SITEMAP] = news_sitemap(site.base_url, self.news_entries(), site.name,
                                           site.language)
        for name, data in files.items():
            (output / name).write_bytes(data)
        names = [n for n in files if n == NEWS_SITEMAP or n == "sitemap.xml"]
        (output / "robots.txt").write_text(robots_txt(site.base_url, sorted(names)),
                                           encoding="utf-8")

    def news_entries(self) -> list[NewsEntry]:
        entries = []
        for edition in self.build.editions:
            dates = _dates(edition.articles)
            if dates and edition.url in self.record.entries:
                entries.append(NewsEntry(edition.url, f"{self.build.site.name}: "
                                         f"{edition.title}", min(dates), max(dates)))
        return entries
