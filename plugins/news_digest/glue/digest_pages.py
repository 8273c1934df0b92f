"""Pelican glue: the digest's own pages (home, editions, edition archive).

A generator of the build (``DigestBuild.bound``): ``generate_context`` groups the
published stories into editions, each edition's stories into one entry per event
under topic headings (``DigestEdition.sections``), and gives every article its
reading time, related stories (by text: ``enrich/related_text.py``, worked out with
the clusters) and neighbours; ``generate_output`` writes the pages. The computations
are in the pure modules ``editions.py`` and ``front_page.py``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from pelican.generators import Generator

from ..enrich import editions as ed
from ..enrich.front_page import Listed, edition_sections
from ..output.feed_plan import ARCHIVE_EDITION_URL
from ..output.page_numbers import page_spans
from .story_clusters import LEAD_STORY

EDITION_URL = ARCHIVE_EDITION_URL  # an archive document follows its edition page
EDITIONS_URL = "editions/"
HOME_PAGE_URL = "page/{number}/"


@dataclass(frozen=True)
class DigestSection:
    """A topic heading of an edition and the entries under it (one per event)."""

    topic: object  # a Pelican Tag
    entries: tuple  # the articles that lead the entries; each shows its coverage


@dataclass
class DigestEdition:
    """One edition as templates see it."""

    slug: str
    title: str
    span: str
    datetime: str
    kind: str
    articles: list
    top_topics: list  # Pelican Tag objects
    sections: tuple = ()  # DigestSection, the biggest first
    url: str = ""
    save_as: str = ""
    newer: DigestEdition | None = None
    older: DigestEdition | None = None


@dataclass(frozen=True)
class HomeLink:
    """A home page as its neighbours link it: not its editions (those of the newest
    change every day, and the pages linking it must not)."""

    number: int
    url: str
    newest: bool


@dataclass
class HomePage:
    """One page of the digest, counted from the oldest (``output/page_numbers.py``):
    page 1 holds the oldest editions, the newest page is the home page itself and the
    only one that grows; an older page never changes once written."""

    number: int
    url: str
    save_as: str
    newest: bool
    editions: list = field(default_factory=list)
    newer: HomeLink | None = None
    older: HomeLink | None = None


def _save_as(url: str) -> str:
    return f"{url}index.html" if url.endswith("/") or not url else url


def words_of(article) -> int:
    seed = getattr(article, "seed", None)
    if seed is not None:
        return ed.count_words(seed.paragraphs)
    return ed.count_words([html.unescape(re.sub(r"<[^>]+>", " ", article.content))])


def story_of(article) -> ed.Story:
    topics = tuple(tag.slug for tag in getattr(article, "tags", None) or ())
    return ed.Story(key=article.url, published=article.date, topics=topics)


def annotate(articles: list, related=None) -> None:
    """Reading time, related stories (``related``: identity -> identities, from
    ``enrich/related_text.py``) and older/newer story on each article."""
    stories = [story_of(a) for a in articles]
    by_key = {a.url: a for a in articles}
    by_identity = {a.identity: a for a in articles if hasattr(a, "identity")}
    related = related or {}
    neighbours = ed.neighbours(stories)
    for article in articles:
        if getattr(article, "reading_time", None) is None:  # seeds have theirs already
            article.reading_time = ed.reading_minutes(words_of(article))
        article.related_stories = [by_identity[k] for k in
                                   related.get(getattr(article, "identity", None), ())
                                   if k in by_identity]
        older, newer = neighbours[article.url]
        article.older_story = by_key[older.key] if older else None
        article.newer_story = by_key[newer.key] if newer else None


def listed(article) -> Listed:
    """An article as the front page sees it (``enrich/front_page.py``)."""
    coverage = getattr(article, "coverage", None)
    seed = getattr(article, "seed", None)
    return Listed(key=article.url, published=article.date,
                  topics=tuple(tag.slug for tag in getattr(article, "tags", None) or ()),
                  cluster=coverage.cluster if coverage else article.url,
                  cluster_size=coverage.size if coverage else 1,
                  chosen=bool(seed and seed.headers.get(LEAD_STORY) == "yes"))


def sections_of(articles: list, fallback, tag_of) -> tuple[DigestSection, ...]:
    """An edition's entries (one per event) under their topic headings."""
    by_key = {a.url: a for a in articles}
    return tuple(DigestSection(tag_of(section.topic),
                               tuple(by_key[entry.lead] for entry in section.entries))
                 for section in edition_sections(map(listed, articles), fallback.slug))


def make_editions(articles: list, zone, kind: str, build) -> list[DigestEdition]:
    by_key = {a.url: a for a in articles}
    tags = {tag.slug: tag for a in articles for tag in getattr(a, "tags", None) or ()}
    fallback = build.taxonomy.fallback  # General: a heading only for stories with no other

    def tag_of(slug):
        return tags.get(slug) or build.tag(fallback)

    result = []
    for edition in ed.group_editions((story_of(a) for a in articles), zone, kind,
                                     fallback.slug):
        url = EDITION_URL.format(slug=edition.slug)
        stories = [by_key[s.key] for s in edition.stories]
        result.append(DigestEdition(
            slug=edition.slug, title=edition.title, span=edition.span,
            datetime=edition.datetime_attr, kind=kind, articles=stories,
            top_topics=[tags[t] for t in edition.top_topics],
            sections=sections_of(stories, fallback, tag_of),
            url=url, save_as=_save_as(url)))
    for newer, older in zip(result, result[1:], strict=False):
        newer.older, older.newer = older, newer
    for edition in result:
        for article in edition.articles:
            article.edition = edition
    return result


def make_home_pages(editions: list[DigestEdition], per_page: int) -> list[HomePage]:
    """The pages of the digest, the home page first (``editions``: newest first)."""
    pages = []
    for span in page_spans(len(editions), per_page):
        url = "" if span.newest else HOME_PAGE_URL.format(number=span.number)
        pages.append(HomePage(span.number, url, _save_as(url), span.newest,
                              editions[span.start:span.stop]))
    for newer, older in zip(pages, pages[1:], strict=False):
        newer.older = HomeLink(older.number, older.url, older.newest)
        older.newer = HomeLink(newer.number, newer.url, newer.newest)
    return pages


class DigestGenerator(Generator):
    """Writes the home page (the digest), one page per edition and the edition archive."""

    build = None  # the DigestBuild this class is bound to

    def generate_context(self):
        digest = self.build.settings
        articles = list(self.context.get("articles", []))
        zone = ZoneInfo(self.settings.get("TIMEZONE") or "UTC")
        annotate(articles, self.build.related)
        self.build.editions = make_editions(articles, zone, digest.edition, self.build)
        self.build.home_pages = make_home_pages(self.build.editions, digest.editions_per_page)
        self.context["digest_editions"] = self.build.editions  # for templates
        self.context["EDITIONS_URL"] = EDITIONS_URL

    def generate_output(self, writer):
        relative = self.settings.get("RELATIVE_URLS", False)
        index, template = self.get_template("index"), self.get_template("edition")
        written: set[int] = set()

        def write_edition(edition) -> None:
            writer.write_file(edition.save_as, template, self.context, relative,
                              url=edition.url, page_name=edition.save_as[:-len(".html")],
                              edition=edition)
            written.add(id(edition))

        # Each home page, then its editions: they list the same stories at the same
        # depth (``page/<n>/``, ``editions/<day>/``), so their {% memo %} fragments are
        # made and reused, then let go before the next page's (issue 22: every story's,
        # held to the editions' end, was part of the build's peak).
        for page in self.build.home_pages:
            writer.write_file(page.save_as, index, self.context, relative, url=page.url,
                              page_name="index", digest_page=page, editions=page.editions)
            for edition in page.editions:
                write_edition(edition)
            self.build.speed.forget_fragments()
        for edition in self.build.editions:
            if id(edition) not in written:
                write_edition(edition)
        writer.write_file(_save_as(EDITIONS_URL), self.get_template("editions"), self.context,
                          relative, url=EDITIONS_URL, page_name="editions/index",
                          editions=self.build.editions)
