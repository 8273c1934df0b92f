"""RSS 2.0, Atom and JSON Feed 1.1 from plain story records.

Pure module: no Pelican import. Every value a feed carries is in a ``FeedItem``
or a ``FeedChannel``; nothing reads the clock, so the same records always give
byte-identical feeds.

Per item: the headline, a link to our story page, an id built from the story's
identity (never from the site URL or the build date), the original publication
time, the summary (or the text the story's page shows), one category per topic
(scheme/domain = the topic page), the publisher (RSS ``<source>`` naming its feed,
Atom ``<source>`` and ``link rel="via"``, JSON Feed ``_source``), the other stories
of its event (Atom ``link rel="related"``, JSON Feed ``_cluster``), its language when
not the site's (Atom ``xml:lang``, RSS ``dc:language``, JSON Feed ``language``) and who wrote it:
the byline (RSS one ``dc:creator`` and Atom one ``<author>`` naming everyone, as
readers such as newsboat and feedparser show only the last of several; JSON Feed one
``authors`` entry per person), else the publisher, so that no reader credits the
digest's own name (the feed's author) with someone else's story.
Channel links (WebSub hub, RFC 5005 archives) are ``feed_history.py``'s.
"""

from __future__ import annotations

import dataclasses
import html
from dataclasses import dataclass
from datetime import UTC, datetime

from feedgen.entry import FeedEntry
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.ext.dc import DcEntryExtension, DcExtension
from feedgen.feed import FeedGenerator

from .feed_atom import AtomLinksExtension
from .feed_entries import (  # noqa: F401 - feeds.X
    BuiltOnceEntry,
    SharedEntries,
    SharedJsonItems,
    entry_kind,
    item_text,
    json_with_items,
)
from .feed_history import ChannelLinks, ChannelLinksExtension, json_hubs
from .json_text import dumps_indented

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# A feed with no story still needs a date: a fixed one keeps builds identical.
EMPTY_FEED_DATE = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Topic:
    slug: str
    label: str
    url: str  # absolute URL of the topic page


@dataclass(frozen=True)
class FeedItem:
    identity: str  # stable id of the story (16 hex digits from the original URL)
    title: str  # plain text
    link: str  # absolute URL of our story page
    published: datetime  # original publication time, time-zone aware
    summary_html: str
    content_html: str
    original_url: str
    source_name: str
    source_home: str
    source_slug: str = ""
    topics: tuple[Topic, ...] = ()
    people: tuple[str, ...] = ()  # the byline, one name per person
    source_feed: str = ""  # the publisher's feed the story was imported from ("" unknown)
    summary_text: str = ""  # the summary as plain text (JSON Feed ``summary``)
    cluster: str = ""  # the id of its cluster (enrich/clusters.py), "" when not known
    lead: bool = True  # it leads its cluster
    related: tuple[tuple[str, str], ...] = ()  # (identity, link) of its cluster's others
    language: str = ""  # the story's language when not the site's (seeds/language_tags.py)

    @property
    def guid(self) -> str:
        return story_id(self.identity)

    @property
    def credited(self) -> tuple[str, ...]:
        """Who wrote the story as readers are told: the byline, else the publisher."""
        return self.people or (self.source_name,)


@dataclass(frozen=True)
class FeedChannel:
    key: str  # stable part of the feed's id: "all", "topic:<slug>", "source:<slug>"
    title: str
    description: str
    language: str
    link: str  # absolute URL of the page the feed mirrors
    self_url: str  # absolute URL of the feed file itself
    author: str  # who publishes the digest (Atom needs a feed author)
    full_text: bool = False
    links: ChannelLinks = ChannelLinks()  # WebSub hub, RFC 5005 archive links


# What a format does not write of an item: blanked before the item is rendered
# (``as_written``), so that a feed kept from the previous build is keyed by the
# written fields only (glue/feed_writer.py). RSS shows no event, Atom no plain-text
# summary, and an Atom archive no later report of the event (see ``_entry``).
UNWRITTEN = {"rss": ("summary_text", "source_home", "cluster", "lead", "related"),
             "atom": ("summary_text", "cluster", "lead"),
             "json": ()}
_BLANK = {"summary_text": "", "source_home": "", "cluster": "", "lead": True, "related": ()}
_FIELDS = frozenset(field.name for field in dataclasses.fields(FeedItem))


def unwritten(fmt: str, channel: FeedChannel) -> tuple[str, ...]:
    """The item fields a feed of format ``fmt`` on ``channel`` does not write."""
    fields = UNWRITTEN[fmt]
    return fields + ("related",) if fmt == "atom" and channel.links.is_archive else fields


def as_written(item: FeedItem, fields: tuple[str, ...]) -> FeedItem:
    """``item`` with ``fields`` (``unwritten``) blanked: what the renderer may read."""
    return replaced(item, {f: _BLANK[f] for f in fields}) if fields else item


def replaced(item: FeedItem, changes: dict) -> FeedItem:
    """``dataclasses.replace(item, **changes)`` for a record of plain fields, without
    its checks and ``__init__`` (half of rendering an entry's record, 40,000 a build at
    10,000 stories): a copy of its fields with ``changes``."""
    if not _FIELDS.issuperset(changes):
        raise TypeError(f"FeedItem has no field {sorted(set(changes) - _FIELDS)}")
    new = object.__new__(FeedItem)
    fields = new.__dict__
    fields.update(item.__dict__)
    fields.update(changes)
    return new


def story_id(identity: str) -> str:
    """The id of a story in every feed: a URN, so not a permalink."""
    return f"urn:news-digest:story:{identity}"


def feed_id(key: str) -> str:
    return f"urn:news-digest:feed:{key}"


def newest_first(items, max_items: int) -> list[FeedItem]:
    """Newest story first (identity breaks ties, so the order is stable), at most N."""
    ordered = sorted(items, key=lambda i: (i.published, i.identity), reverse=True)
    return ordered[:max_items]


def names_text(names: tuple[str, ...]) -> str:
    """``A``, ``A and B``, ``A, B and C``: every name in one line."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def updated(items: list[FeedItem]) -> datetime:
    """The feed's date: the newest story's, never the build time."""
    return max((i.published for i in items), default=EMPTY_FEED_DATE)


def item_html(item: FeedItem, full_text: bool, site_language: str = "") -> str:
    """The item's body, paragraphs only: the summary (its own ``<p>``: it is one line of
    text) or the full text (the page's paragraphs; the summary when the page shows no
    text, as a ``link`` story with the curator's ``Summary:``), then a credit paragraph
    linking the original. No bare text beside a paragraph: readers that sanitise or restyle an
    item (newsboat, feedparser's users) read each part as a block of its own."""
    body = (item.content_html if full_text else "") or (
        f"<p>{item.summary_html}</p>" if item.summary_html else "")
    # A story in another language (``item.language``): the credit is in the site's.
    lang = f' lang="{html.escape(site_language)}"' if item.language and site_language else ""
    credit = (f'<p{lang}>Originally published by <a href="{html.escape(item.original_url)}">'
              f"{html.escape(item.source_name)}</a>.</p>")
    return f"{body}\n{credit}" if body else credit


def _generator(channel: FeedChannel, items: list[FeedItem], self_type: str) -> FeedGenerator:
    fg = FeedGenerator()
    # What ``fg.load_extension("dc", atom=False, rss=True)`` registers, without its
    # failed import of a ``dc_entry`` module on every feed.
    fg.register_extension("dc", DcExtension, DcEntryExtension, atom=False, rss=True)
    fg.register_extension("digest", BaseExtension, AtomLinksExtension, atom=True, rss=False)
    if channel.links:
        fg.register_extension("history", ChannelLinksExtension, BaseEntryExtension)
        fg.history.links = channel.links
    fg.id(feed_id(channel.key))
    fg.title(channel.title)
    fg.description(channel.description)
    fg.language(channel.language)
    fg.author({"name": channel.author})
    fg.link(href=channel.self_url, rel="self", type=self_type)
    fg.link(href=channel.link, rel="alternate")
    fg.updated(updated(items))
    return fg


def _entry(fe: FeedEntry, item: FeedItem, full_text: bool, *, atom: bool,
           archive: bool = False, site_language: str = ""):
    fe.id(item.guid)
    fe.guid(item.guid, permalink=False)
    fe.title(item.title)
    fe.link(href=item.link, rel="alternate")
    fe.published(item.published)
    fe.updated(item.published)
    summary = item_html(item, False, site_language)
    if full_text:
        fe.content(item_html(item, True, site_language), type="html")  # RSS: content:encoded
    fe.summary(summary, type="html")
    for topic in item.topics:
        fe.category(term=topic.label, scheme=topic.url, label=topic.label)
    if atom:
        # An archive document of a complete edition never changes (RFC 5005): a later
        # report of one of its events is linked from the subscription feed only.
        related = () if archive else item.related
        fe.digest.links = [("alternate", item.link), ("via", item.original_url),
                           *(("related", link) for _, link in related)]
        fe.digest.source = (item.source_name, item.source_home, item.source_feed)
        fe.digest.language = (item.language, site_language)
        # One <author> naming everyone: feedparser and newsboat show only the last of
        # several. No byline: the publisher, else readers show the feed's author (the
        # digest) as the story's.
        uri = {"uri": item.source_home} if item.source_home and not item.people else {}
        fe.author({"name": names_text(item.credited), **uri})
    else:
        if item.source_feed:  # RSS 2.0: the url of the publisher's feed, or no <source>
            fe.source(url=item.source_feed, title=item.source_name)
        # One dc:creator: readers that meet several show only the last.
        fe.dc.dc_creator(names_text(item.credited))
        if item.language:  # RSS 2.0 has a channel's language only
            fe.dc.dc_language(item.language)
    return fe


def rss_xml(channel: FeedChannel, items: list[FeedItem],
            shared: SharedEntries | None = None) -> bytes:
    """An RSS 2.0 document; ``items`` as given (see ``newest_first``). ``shared``:
    the entries of the feeds written before it (one build's feeds)."""
    hidden = unwritten("rss", channel)
    fg = _generator(channel, items, "application/rss+xml")
    shared = shared if shared is not None else SharedEntries()
    kind = entry_kind(channel, "rss")
    for item in items:
        # What an entry hides (``unwritten``) depends only on its kind.
        shared.add(fg, item, kind, lambda fe, item=item: _entry(
            fe, as_written(item, hidden), channel.full_text, atom=False,
            site_language=channel.language))
    return fg.rss_str(pretty=True)


def atom_xml(channel: FeedChannel, items: list[FeedItem],
             shared: SharedEntries | None = None) -> bytes:
    """An Atom 1.0 document; ``items`` as given (see ``newest_first``); ``shared`` as
    for ``rss_xml``."""
    hidden = unwritten("atom", channel)
    fg = _generator(channel, items, "application/atom+xml")
    shared = shared if shared is not None else SharedEntries()
    kind = entry_kind(channel, "atom")
    archive = channel.links.is_archive
    for item in items:
        shared.add(fg, item, kind, lambda fe, item=item: _entry(
            fe, as_written(item, hidden), channel.full_text, atom=True, archive=archive,
            site_language=channel.language))
    return fg.atom_str(pretty=True)


def json_feed(channel: FeedChannel, items: list[FeedItem]) -> dict:
    """A JSON Feed 1.1 object."""
    feed = {
        "version": JSON_FEED_VERSION,
        "title": channel.title,
        "description": channel.description,
        "home_page_url": channel.link,
        "feed_url": channel.self_url,
        "language": channel.language,
        "authors": [{"name": channel.author}],
        "items": [_json_item(item, channel) for item in items],
    }
    hubs = json_hubs(channel.links)
    if hubs:
        feed["hubs"] = hubs
    return feed


def _json_item(item: FeedItem, channel: FeedChannel) -> dict:
    source = {"about": channel.links.source_about, "name": item.source_name,
              "home_page_url": item.source_home, "url": item.original_url}
    if item.source_feed:
        source["feed_url"] = item.source_feed
    if item.people:
        authors = [{"name": person} for person in item.people]
    else:  # else readers show the feed's author, the digest, as the story's
        authors = [{"name": item.source_name, **({"url": item.source_home}
                                                  if item.source_home else {})}]
    return {
        "id": item.guid,
        "url": item.link,
        "external_url": item.original_url,
        "title": item.title,
        "summary": item.summary_text,
        "content_html": item_html(item, channel.full_text, channel.language),
        "date_published": item.published.isoformat(),
        "tags": [topic.label for topic in item.topics],
        "authors": authors,
        "_source": source,
        **({"_cluster": _json_cluster(item, channel)} if item.cluster else {}),
        **({"language": item.language} if item.language else {}),
    }


def _json_cluster(item: FeedItem, channel: FeedChannel) -> dict:
    """The ``_cluster`` extension: the story's event and the other stories of it."""
    return {"about": channel.links.cluster_about, "id": item.cluster, "lead": item.lead,
            "size": len(item.related) + 1,
            "related": [{"id": story_id(identity), "url": link}
                        for identity, link in item.related]}


def json_bytes(feed: dict) -> bytes:
    """Stable serialisation: sorted keys, UTF-8, one trailing newline."""
    return (dumps_indented(feed, 2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def json_item_kind(channel: FeedChannel) -> tuple:
    """What a JSON Feed item depends on besides its story (``_json_item``)."""
    return (channel.full_text, channel.language, channel.links.source_about,
            channel.links.cluster_about)


def json_document(channel: FeedChannel, items: list[FeedItem],
                  shared: SharedJsonItems | None = None) -> bytes:
    """``json_bytes(json_feed(channel, items))``, each item's text made once for every
    feed that carries it (``shared``; a build's JSON Feed files were a tenth of its
    feeds' time, each item's indented text written again for each of its feeds)."""
    kind = json_item_kind(channel)
    texts = [shared.text(item, kind, lambda item=item: _json_item(item, channel))
             if shared is not None else item_text(_json_item(item, channel))
             for item in items]
    return json_with_items(json_feed(channel, []), texts)
