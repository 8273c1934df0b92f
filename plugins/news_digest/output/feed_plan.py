"""Which feeds a build writes, where, and the links pages show for them.

Pure module: no Pelican import. Takes the story records (``feeds.FeedItem``),
the resolved ``DIGEST_*`` settings and a few site facts; returns the feeds to
write (path, format, channel, items) and the feed links for templates: the whole
digest, each topic and each source in RSS, Atom and JSON Feed, and the RFC 5005
archive of the whole digest, one document per edition (Atom and RSS).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any
from urllib.parse import urlsplit

from ..enrich.editions import edition_of
from ..seeds.urls import is_web_url
from ..settings import DigestConfigError
from .feed_history import ChannelLinks
from .feeds import FeedChannel, FeedItem, newest_first

FORMATS = {  # format -> (MIME type, name shown to readers)
    "rss": ("application/rss+xml", "RSS"),
    "atom": ("application/atom+xml", "Atom"),
    "json": ("application/feed+json", "JSON Feed"),
}


def public_site_url(settings: Mapping[str, Any]) -> str:
    """The absolute address feeds use: SITEURL when absolute, else DIGEST_SITE_URL.

    ``make html`` builds with a relative SITEURL for local browsing; feeds
    still need the public address, and a feed with relative links is broken.
    """
    siteurl = settings.get("SITEURL") or ""
    if is_web_url(siteurl):
        return siteurl.rstrip("/")
    configured = settings.get("DIGEST_SITE_URL")
    if isinstance(configured, str) and is_web_url(configured):
        return configured.rstrip("/")
    raise DigestConfigError(
        "DIGEST_SITE_URL", configured,
        f"the absolute http(s) URL the site is published at, e.g. "
        f"'https://digest.example.org': SITEURL is {siteurl!r}, not absolute, and feeds "
        f"need absolute links (set DIGEST_SITE_URL in pelicanconf.py)")


# Addresses reserved for examples and tests (RFC 2606, RFC 6761): a site is never
# published there, so `build --publish` refuses them (the project's own placeholder,
# news-digest.example.org, is one).
PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net", "example", "test",
                       "invalid", "localhost")


def is_placeholder(url: str) -> bool:
    """True when ``url``'s host is an example, test or local name, not a public one."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    return not host or any(host == d or host.endswith("." + d) for d in PLACEHOLDER_DOMAINS)


@dataclass(frozen=True)
class FeedLink:
    """A feed as a page links it: ``href="{{ SITEURL }}/{{ link.path }}"``."""

    title: str
    type: str
    path: str
    format: str
    label: str  # RSS, Atom, JSON Feed


@dataclass(frozen=True)
class FeedFile:
    path: str
    format: str  # rss, atom or json
    channel: FeedChannel
    items: list[FeedItem]


@dataclass(frozen=True)
class FeedGroup:
    """One feed in all its formats, as the feeds page and the OPML file list it."""

    kind: str  # site, topic or source
    slug: str
    name: str  # the topic's label, the publisher's name, the site's name
    page: str  # absolute URL of the page the feed follows
    links: tuple[FeedLink, ...]


@dataclass
class FeedPlan:
    files: list[FeedFile] = field(default_factory=list)
    site: list[FeedLink] = field(default_factory=list)  # the whole digest
    topics: dict[str, list[FeedLink]] = field(default_factory=dict)  # topic slug -> links
    sources: dict[str, list[FeedLink]] = field(default_factory=dict)  # source slug -> links
    groups: list[FeedGroup] = field(default_factory=list)  # every feed, site first
    archives: list[FeedFile] = field(default_factory=list)  # newest edition first

    @property
    def links(self) -> FeedLinks:
        return FeedLinks(self.site, self.topics, self.sources)

    def let_go_of_items(self) -> None:
        """The feeds are written: forget their files and items (a record per story);
        the links and groups, which pages show, stay."""
        self.files, self.archives = [], []


@dataclass(frozen=True)
class FeedLinks:
    """What pages show of the feeds (``digest_feeds`` in templates): links, not items.

    Kept apart from the items so that a page depends on the feeds' addresses only,
    not on every story in them (``page_memo.py`` reuses pages whose inputs match).
    """

    site: list[FeedLink]
    topics: dict[str, list[FeedLink]]
    sources: dict[str, list[FeedLink]]


@dataclass(frozen=True)
class SiteInfo:
    name: str
    description: str
    language: str
    author: str
    base_url: str  # absolute, no trailing slash


def plan_feeds(items: Iterable[FeedItem], site: SiteInfo, digest: Mapping[str, Any],
               zone: tzinfo, about: str = "", cluster_about: str = "",
               source_order: Mapping[str, int] | None = None) -> FeedPlan:
    """Every feed of the build: the whole digest (with its archives, editions in
    ``zone``), then one per topic and per source. ``about``, ``cluster_about``: the
    URLs that describe the JSON Feed ``_source`` and ``_cluster`` extensions;
    ``source_order``: source slug -> its place in the sources index (its order on the
    feeds page: The Guardian under G), else by slug."""
    items = list(items)
    max_items = digest.feed_max_items
    hub = digest.websub_hub or ""
    topics: dict[str, tuple[str, str, list[FeedItem]]] = {}
    sources: dict[str, tuple[str, list[FeedItem]]] = {}
    for item in items:  # one pass groups every story under its topics and its source
        for topic in item.topics:
            topics.setdefault(topic.slug, (topic.label, topic.url, []))[2].append(item)
        sources.setdefault(item.source_slug, (item.source_name, []))[1].append(item)

    plan = FeedPlan()

    archives = plan_archives(items, site, digest, zone, hub)

    def channel(key, title, link, path, fmt):
        newest = next((a for a in archives if a.format == fmt), None) if key == "all" else None
        return FeedChannel(key=key, title=title, description=site.description,
                           language=site.language, link=link,
                           self_url=f"{site.base_url}/{path}", author=site.author,
                           full_text=digest.feed_full_text, links=ChannelLinks(
                               hub=hub, source_about=about, cluster_about=cluster_about,
                               prev_archive=newest.channel.self_url if newest else ""))

    def add(kind, slug, name, title, link, paths, stories) -> list[FeedLink]:
        chosen = newest_first(stories, max_items)
        links = []
        for fmt, path in paths.items():
            plan.files.append(FeedFile(path, fmt, channel(
                kind if kind == "all" else f"{kind}:{slug}", title, link, path, fmt), chosen))
            mime, label = FORMATS[fmt]
            links.append(FeedLink(f"{title} ({label})", mime, path, fmt, label))
        plan.groups.append(FeedGroup("site" if kind == "all" else kind, slug, name, link,
                                     tuple(links)))
        return links

    plan.site = add("all", "", site.name, site.name, f"{site.base_url}/", {
        "rss": digest.feed_all_rss, "atom": digest.feed_all_atom,
        "json": digest.feed_all_json}, items)
    for slug, (label, url, stories) in sorted(topics.items()):
        plan.topics[slug] = add("topic", slug, label, f"{site.name}: {label}", url, {
            "rss": digest.feed_topic_rss.format(slug=slug),
            "atom": digest.feed_topic_atom.format(slug=slug),
            "json": digest.feed_topic_json.format(slug=slug)}, stories)
    order = source_order or {}
    for slug, (name, stories) in sorted(sources.items(),
                                        key=lambda pair: (order.get(pair[0], len(order)), pair[0])):
        page = digest.source_url.format(slug=slug)
        # "from": a publisher may share a topic's name (Science, the journal), and two
        # subscriptions of one title cannot be told apart in a reader.
        plan.sources[slug] = add("source", slug, name, f"{site.name}: from {name}",
                                 f"{site.base_url}/{page}", {
            "rss": digest.feed_source_rss.format(slug=slug),
            "atom": digest.feed_source_atom.format(slug=slug),
            "json": digest.feed_source_json.format(slug=slug)}, stories)
    plan.archives = archives
    plan.files += archives
    return plan


ARCHIVE_FORMATS = ("atom", "rss")


def plan_archives(items: list[FeedItem], site: SiteInfo, digest: Mapping[str, Any],
                  zone: tzinfo, hub: str) -> list[FeedFile]:
    """The whole digest's RFC 5005 archive: per format, one document per edition
    (every story of it, newest first), newest edition first. An edition's document
    changes only while the edition is the newest one: then it gains its
    ``next-archive`` link and never changes again (unless a story dated into it is
    added later)."""
    editions: dict[str, list[FeedItem]] = {}
    for item in items:
        slug, _, _ = edition_of(item.published, zone, digest.edition)
        editions.setdefault(slug, []).append(item)
    slugs = sorted(editions, key=lambda s: max(i.published for i in editions[s]),
                   reverse=True)
    paths = {"atom": digest.feed_archive_atom, "rss": digest.feed_archive_rss}
    current = {"atom": digest.feed_all_atom, "rss": digest.feed_all_rss}
    files = []
    for fmt in ARCHIVE_FORMATS:
        url = [f"{site.base_url}/{paths[fmt].format(slug=slug)}" for slug in slugs]
        for n, slug in enumerate(slugs):
            links = ChannelLinks(
                hub=hub, current=f"{site.base_url}/{current[fmt]}", is_archive=True,
                next_archive=url[n - 1] if n > 0 else "",
                prev_archive=url[n + 1] if n + 1 < len(slugs) else "")
            channel = FeedChannel(
                key=f"archive:{slug}", title=f"{site.name}: archive {slug}",
                description=site.description, language=site.language,
                link=f"{site.base_url}/{ARCHIVE_EDITION_URL.format(slug=slug)}",
                self_url=url[n], author=site.author, full_text=digest.feed_full_text,
                links=links)
            files.append(FeedFile(paths[fmt].format(slug=slug), fmt, channel,
                                  newest_first(editions[slug], len(editions[slug]))))
    return files


# The edition page an archive document follows (glue/digest_pages.py writes it there).
ARCHIVE_EDITION_URL = "editions/{slug}/"
