"""Pelican glue: every seed is read; make the stories of the build.

``finish_reading`` runs once the articles generator has read every file (Pelican's
``article_generator_pretaxonomy``): it reports the refused seeds, drops duplicate
originals, makes slugs unique, then credits each story (what search engines are told
under its publisher's policy: canonical link, robots; its description and JSON-LD),
groups the stories by publisher (``DigestBuild.publishers``) and clusters the
published ones by event (``story_clusters.py``: each story's ``coverage``, and
``DigestBuild.related``). Before they are clustered, Pelican's content cache is saved
and let go and the stories drop their seeds' text (``drop_texts_read``): the text
goes as clustering reads it (docs/development.md, "Memory").
"""

from __future__ import annotations

import dataclasses
import logging
from types import MappingProxyType

from pelican.utils import order_content

from ..enrich.attribution import Attribution
from ..enrich.publishers import StoryRef, find_duplicates, group_by_publisher
from ..enrich.republishing import search_signals
from ..errors import SeedErrors
from ..output.jsonld import news_article, script_json
from ..output.previews import story_description
from ..seeds.slugs import unique_slugs
from .story_clusters import cluster_stories

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


class JsonLd:
    """The article's ``NewsArticle``, made when a template prints it (topics included).

    Made only of what ``inputs`` returns, which is also what a page key holds of it
    (``__fingerprint__``): a kept page shows the JSON-LD of the same inputs."""

    def __init__(self, article, site_name: str, site_url: str, page_url: str,
                 site_language: str = ""):
        self.article = article
        self.site_name = site_name
        self.site_url = site_url
        self.page_url = page_url
        self.site_language = site_language  # a story without a ``Language:`` is in it

    def inputs(self) -> dict:
        article = self.article
        return {"headline": article.title, "attribution": article.attribution,
                "site_name": self.site_name, "site_url": self.site_url,
                "page_url": self.page_url, "description": article.description,
                "keywords": tuple(str(t) for t in getattr(article, "tags", None) or ()),
                "language": getattr(article, "language", "") or self.site_language}

    def data(self) -> dict:
        return news_article(**self.inputs())

    def __fingerprint__(self) -> tuple:
        return tuple(self.inputs().values())  # in the order inputs() gives them

    def __fingerprint_in__(self, owner) -> tuple | None:
        """What it adds to the key of ``owner`` when ``owner`` is its own story, whose
        key holds the story's headline, credit and description already (its own
        attributes, of these exact types: a text and a frozen dataclass count whole at
        any depth): the site's name and address, the page's, the topics' names and the
        language. None otherwise (another holder, a subclass): then it counts whole."""
        article = self.article
        if (owner is not article or type(self) is not JsonLd
                or type(article.title) is not str or type(article.description) is not str
                or type(article.attribution) is not Attribution):
            return None
        return (self.site_name, self.site_url, self.page_url,
                tuple(str(t) for t in getattr(article, "tags", None) or ()),
                getattr(article, "language", "") or self.site_language)

    def __html__(self) -> str:  # Jinja prints this unescaped: it is already script-safe
        return script_json(self.data())

    __str__ = __html__


def attach_attribution(build, stories: list) -> None:
    """Give every story (its ``attribution`` and ``republished`` come from the reader)
    what its page tells readers and search engines: ``page_url`` (at the public
    address, in `make html` too), ``canonical_url`` (the page itself, or "" on a page
    that says ``robots`` noindex), ``description`` and ``jsonld`` (whose ``url`` and
    ``mainEntityOfPage`` are the page's address: its canonical where it has one)."""
    site_url = build.site.base_url + "/"
    for article in stories:
        page_url = build.page_url(article.url)
        signals = search_signals(article.republished.policy)
        article.page_url = page_url
        article.robots = signals.robots
        article.canonical_url = page_url if signals.canonical_self else ""
        article.description = story_description(
            article.republished.summary, article.title, article.attribution.publisher,
            article.attribution.published)
        article.jsonld = JsonLd(article, build.site.name, site_url, page_url,
                                build.site.language)


def assign_publishers(build, generator, stories: list) -> None:
    """Group published stories by publisher; give each story its final ``source_slug``."""
    digest = build.settings
    taken = {a.save_as for a in stories}
    # Each topic and author once (equal by slug), not once per story that has it.
    listings = {x for article in generator.articles
                for x in (*(getattr(article, "authors", None) or ()),
                          *(getattr(article, "tags", None) or ()))}
    taken.update(x.save_as for x in listings)
    publishers = group_by_publisher(
        (StoryRef(a.source, a.source_url, a.date, a.source_path, a)
         for a in generator.articles if hasattr(a, "identity")),
        save_as=digest.source_save_as, taken_paths=taken, home_of=build.home_of,
        language_of=build.language_of)
    for publisher in publishers:
        url = digest.source_url.format(slug=publisher.slug)
        for story in publisher.stories:
            story.item.source_slug = publisher.slug
            story.item.source_page_url = url
    build.publishers = publishers


def source_key(content) -> str:
    """A story's path in the content folder: what breaks every tie, the same from one
    build to the next (Pelican reads files in a set's order)."""
    return content.relative_source_path or content.source_path


_STORY_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations",
                "drafts", "drafts_translations")


def settle_order(generator) -> None:
    """Pelican orders stories by ``ARTICLE_ORDER_BY`` alone: stories that share a
    publication time came in the order the files were read, which changes from one
    build to the next. Ties are broken by path (the sort is stable), before the
    topic, author and archive lists are made from these lists."""
    order_by = generator.settings["ARTICLE_ORDER_BY"]
    for name in _STORY_LISTS:
        items = getattr(generator, name, None)
        if items:
            items[:] = order_content(sorted(items, key=source_key), order_by=order_by)


def report_seed_warnings(stories: list) -> None:
    """What each story's seed left out (undocumented headers), on every build: a
    story read from the cache warns as it did when it was read."""
    warnings = [w for story in stories for w in story.seed.warnings]
    for warning in sorted(warnings, key=lambda w: (w.path, w.line)):
        logger.warning("%s", warning)


def finish_reading(build, generator) -> None:
    """All seeds are read: report the refused ones, drop duplicate originals, make
    slugs unique, then credit each story, group the stories by publisher and
    cluster them by event."""
    if build.seed_errors:
        if build.settings.strict:
            raise SeedErrors(build.seed_errors)
        for error in sorted(build.seed_errors, key=lambda e: (e.path, e.line)):
            logger.warning("Skipped seed %s", error)
    stories = [
        a for group in (generator.articles, generator.translations,
                        generator.hidden_articles, generator.drafts)
        for a in group if hasattr(a, "identity")
    ]
    report_seed_warnings(stories)
    stories = drop_duplicates(generator, stories)
    settle_order(generator)
    # A date partition's build: the stories it did not read claim their slugs too.
    unread = (build.partition.unread_slug_claims({a.identity for a in stories})
              if build.partition is not None else [])
    slugs = unique_slugs([
        *((a.source_path, a.digest_base_slug, (a.date, a.identity, source_key(a)), a.identity)
          for a in stories), *unread])
    for article in stories:
        article.slug = slugs[article.source_path]
        build.speed.on_story_addressed(article)
    attach_attribution(build, stories)
    assign_publishers(build, generator, stories)
    if build.partition is not None:
        build.partition.stories_read(stories)
    # Nothing reads a seed's text after clustering: Pelican's content cache (which
    # keeps it whole for the next build) is saved now and let go, and the stories
    # let go of their text while they are clustered (issue 22: the build's peak).
    build.speed.release_content_cache(generator)
    build.speed.stories_read(None)  # the stories as they stay, frozen for the collector
    cluster_stories(build, generator.articles, lambda: drop_texts_read(generator))


def drop_texts_read(generator) -> None:
    """Every story is read, Pelican's content cache is saved and the clustering's
    inputs are made: no page, feed or listing reads a seed's paragraphs after that
    (a page shows ``article.content``, made and its reading time counted when the
    seed was read). Each story keeps its seed and ``republished`` without them: half
    of what a story holds in memory (about 6 KB of 13 KB for a story of 1,000 words),
    600 MB at 100,000 stories, while the stories are clustered and the pages, feeds
    and their keys are made."""
    for name in _STORY_LISTS:
        for article in getattr(generator, name, None) or ():
            seed = getattr(article, "seed", None)
            if seed is not None and seed.paragraphs:
                article.seed = article.metadata["seed"] = without_paragraphs(seed)
            shown = getattr(article, "republished", None)
            if shown is not None and shown.paragraphs:
                article.republished = article.metadata["republished"] = without_paragraphs(
                    shown)


def without_paragraphs(value):
    """``dataclasses.replace(value, paragraphs=())`` for a frozen dataclass (a seed,
    what is shown of it), without running its ``__init__`` and ``__post_init__``
    again: every other field is the very object ``value`` holds. A seed's checks
    made each mapping a read-only view over a private copy (``Seed.__post_init__``);
    the copy shares those views, which no one can change, so it is still what it was
    when read, all the way down (``speed.fingerprint.is_unchangeable``). Making a
    seed again copied every header and line number of 10,000 stories on each build:
    about 0.1 s of a steady day's 13 s of CPU."""
    fields = getattr(value, "__dict__", None)
    if type(fields) is not dict or not dataclasses.is_dataclass(value) \
            or "paragraphs" not in fields:
        return dataclasses.replace(value, paragraphs=())
    copy = object.__new__(type(value))
    copy.__dict__.update(fields)
    object.__setattr__(copy, "paragraphs", ())
    if "lines" in fields:  # a seed's headers' line numbers: they name a line in a
        # problem found while the seeds are read and clustered, never later (about
        # 460 bytes a story, 46 MB at 100,000 stories; ``Seed.lines`` compares not)
        object.__setattr__(copy, "lines", NO_LINES)
    return copy


NO_LINES: MappingProxyType = MappingProxyType({})
