"""Which feeds a build writes, where, and the links pages show for them.

Pure module: no Pelican import. Takes the story records (``feeds.FeedItem``),
the resolved ``DIGEST_*`` settings and a few site facts; returns the feeds to
write (path, format, channel, items) and the feed links for templates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .feeds import FeedChannel, FeedItem, newest_first
from ..settings import DigestConfigError
from ..seeds.urls import is_web_url

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


@dataclass
class FeedPlan:
    files: list[FeedFile] = field(default_factory=list)
    site: list[FeedLink] = field(default_factory=list)  # the whole digest
    topics: dict[str, list[FeedLink]] = field(default_factory=dict)  # topic slug -> links
    sources: dict[str, list[FeedLink]] = field(default_factory=dict)  # source slug -> links

    @property
    def links(self) -> FeedLinks:
        return FeedLinks(self.site, self.topics, self.sources)


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


def plan_feeds(items: Iterable[FeedItem], site: SiteInfo, digest: Mapping[str, Any]) -> FeedPlan:
    """Every feed of the build: the whole digest, then one per topic and per source."""
    items = list(items)
    max_items = digest.feed_max_items
    topics: dict[str, tuple[str, str, list[FeedItem]]] = {}
    sources: dict[str, tuple[str, list[FeedItem]]] = {}
    for item in items:  # one pass groups every story under its topics and its source
        for topic in item.topics:
            topics.setdefault(topic.slug, (topic.label, topic.url, []))[2].append(item)
        sources.setdefault(item.source_slug, (item.source_name, []))[1].append(item)

    plan = FeedPlan()

    def channel(key, title, link, path):
        return FeedChannel(key=key, title=title, description=site.description,
                           language=site.language, link=link,
                           self_url=f"{site.base_url}/{path}", author=site.author,
                           full_text=digest.feed_full_text)

    def add(key, title, link, paths, stories) -> list[FeedLink]:
        chosen = newest_first(stories, max_items)
        links = []
        for fmt, path in paths.items():
            plan.files.append(FeedFile(path, fmt, channel(key, title, link, path), chosen))
            mime, label = FORMATS[fmt]
            links.append(FeedLink(f"{title} ({label})", mime, path, fmt, label))
        return links

    plan.site = add("all", site.name, f"{site.base_url}/", {
        "rss": digest.feed_all_rss, "atom": digest.feed_all_atom,
        "json": digest.feed_all_json}, items)
    for slug, (label, url, stories) in sorted(topics.items()):
        plan.topics[slug] = add(f"topic:{slug}", f"{site.name}: {label}", url, {
            "rss": digest.feed_topic_rss.format(slug=slug),
            "atom": digest.feed_topic_atom.format(slug=slug)}, stories)
    for slug, (name, stories) in sorted(sources.items()):
        page = digest.source_url.format(slug=slug)
        plan.sources[slug] = add(f"source:{slug}", f"{site.name}: {name}",
                                 f"{site.base_url}/{page}", {
            "rss": digest.feed_source_rss.format(slug=slug),
            "atom": digest.feed_source_atom.format(slug=slug)}, stories)
    return plan
