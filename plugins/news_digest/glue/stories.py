"""Pelican glue for attribution: duplicates, credit, canonical, JSON-LD, source pages.

Called from ``plugin.finish_reading`` once all seeds are read (before taxonomy
and writing), and ``SourcesGenerator`` writes ``/sources/`` and one page per
publisher. State lives on the generators and the build's context only.
"""

from __future__ import annotations

import logging
from functools import partial

from pelican.generators import Generator

from ..enrich.publishers import StoryRef, find_duplicates, group_by_publisher
from ..output.feed_plan import public_site_url
from ..output.jsonld import news_article, script_json
from ..settings import resolve

logger = logging.getLogger(__name__)

_LISTS = ("articles", "translations", "hidden_articles", "drafts")


def drop_duplicates(generator, stories: list) -> list:
    """Keep one story per original URL (the earliest file name); warn naming both."""
    by_path = {a.source_path: a for a in stories}
    duplicates = find_duplicates((a.source_path, a.source_url) for a in stories)
    if not duplicates:
        return stories
    dropped = set()
    for kept, gone, url in duplicates:
        dropped.add(gone)
        keep = by_path[kept]
        logger.warning("Duplicate story: %s and %s have the same original %s; kept %s, "
                       "left out %s (delete one of them)", keep.seed.path,
                       by_path[gone].seed.path, url, keep.seed.path, by_path[gone].seed.path)
        # {filename} links to the dropped file now lead to the story that stays.
        generator.context["generated_content"][
            by_path[gone].get_relative_source_path()] = keep
    for name in _LISTS:
        items = getattr(generator, name)
        items[:] = [a for a in items if a.source_path not in dropped]
    return [a for a in stories if a.source_path not in dropped]


def site_page_url(settings, article) -> str:
    """The article's absolute URL at the public address (also in ``make html``)."""
    return f"{public_site_url(settings)}/{article.url}"


class JsonLd:
    """The article's ``NewsArticle``, made when a template prints it (topics included)."""

    def __init__(self, article, site_name: str, site_url: str, page_url: str):
        self.article = article
        self.site_name = site_name
        self.site_url = site_url
        self.page_url = page_url

    def data(self) -> dict:
        article = self.article
        return news_article(
            headline=article.title, attribution=article.attribution,
            site_name=self.site_name, site_url=self.site_url, page_url=self.page_url,
            description=article.seed.lead,
            keywords=[str(t) for t in getattr(article, "tags", None) or []])

    def __html__(self) -> str:  # Jinja prints this unescaped: it is already script-safe
        return script_json(self.data())

    __str__ = __html__


def attach_attribution(generator, stories: list) -> None:
    """Give every story (its ``attribution`` comes from the reader) its
    ``canonical_url`` and ``jsonld``."""
    settings = generator.settings
    digest = resolve(settings)
    site_url = public_site_url(settings) + "/"
    for article in stories:
        page_url = site_page_url(settings, article)
        article.canonical_url = (article.attribution.original_link
                                 if digest["DIGEST_CANONICAL"] == "original" else page_url)
        article.jsonld = JsonLd(article, settings.get("SITENAME", ""), site_url, page_url)


def assign_publishers(generator, stories: list) -> None:
    """Group published stories by publisher; give each story its final ``source_slug``."""
    digest = resolve(generator.settings)
    taken = {a.save_as for a in stories}
    # Each topic and author once (equal by slug), not once per story that has it.
    listings = {x for article in generator.articles
                for x in (*(getattr(article, "authors", None) or ()),
                          *(getattr(article, "tags", None) or ()))}
    taken.update(x.save_as for x in listings)
    publishers = group_by_publisher(
        (StoryRef(a.source, a.source_url, a.date, a.source_path, a)
         for a in generator.articles if hasattr(a, "identity")),
        save_as=digest["DIGEST_SOURCE_SAVE_AS"], taken_paths=taken)
    for publisher in publishers:
        url = digest["DIGEST_SOURCE_URL"].format(slug=publisher.slug)
        for story in publisher.stories:
            story.item.source_slug = publisher.slug
            story.item.source_page_url = url
    generator.context["digest_publishers"] = publishers


class SourcesGenerator(Generator):
    """Writes the list of publishers and one page of stories per publisher."""

    def generate_context(self):
        digest = resolve(self.settings)
        self.context.setdefault("DIGEST_SOURCES_URL", digest["DIGEST_SOURCES_URL"])

    def generate_output(self, writer):
        digest = resolve(self.settings)
        publishers = self.context.get("digest_publishers", [])
        write = partial(writer.write_file, relative_urls=self.settings["RELATIVE_URLS"])
        feeds = self.context.get("digest_feeds")
        entries = [
            {"name": p.name, "slug": p.slug, "home": p.home, "count": p.count,
             "url": digest["DIGEST_SOURCE_URL"].format(slug=p.slug),
             "feeds": feeds.sources.get(p.slug, []) if feeds is not None else []}
            for p in publishers
        ]
        write(digest["DIGEST_SOURCES_SAVE_AS"], self.get_template("sources"), self.context,
              publishers=entries, template_name="sources", url=digest["DIGEST_SOURCES_URL"])
        template = self.get_template("source")
        for entry, publisher in zip(entries, publishers, strict=True):
            stories = [s.item for s in publisher.stories]
            write(digest["DIGEST_SOURCE_SAVE_AS"].format(slug=publisher.slug), template,
                  self.context, publisher=entry, articles=stories, dates=stories,
                  template_name="source", url=entry["url"], blog=True)


def get_generators(pelican):
    return SourcesGenerator
