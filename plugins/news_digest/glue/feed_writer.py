"""Pelican glue: a generator that writes the digest's feeds with ``feeds.py``.

A generator of the build (``DigestBuild.bound``). ``generate_context`` turns the
published stories into plain records (their text is added only to the feeds
written), plans the feeds (``DigestBuild.feed_plan``) and gives templates the feed
links (``digest_feeds``); ``generate_output`` writes the files, keeping those of the
previous build whose stories are unchanged (``DigestBuild.speed``), then the page
that lists every feed (``/feeds/``) and the OPML file of them all.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.generators import Generator

from ..diskspace import write_bytes_naming
from ..enrich.attribution import publisher_feed
from ..output import feeds
from ..output.feed_plan import plan_feeds
from ..output.opml import opml_bytes
from ..output.stories_index import STORIES_JSON
from ..output.uris import as_uri
from ..seeds.language_tags import foreign_language
from ..seeds.urls import site_home

FEEDS_PAGE_URL = "feeds/"
FEEDS_PAGE_SAVE_AS = "feeds/index.html"
OPML_PATH = "feeds/feeds.opml"
# The feeds page describes the JSON Feed ``_source`` and ``_cluster`` extensions
# under these anchors.
SOURCE_EXTENSION_ANCHOR = "json-feed-source"
CLUSTER_EXTENSION_ANCHOR = "json-feed-cluster"

logger = logging.getLogger(__name__)

_ITEM_FIELDS = tuple(field.name for field in dataclasses.fields(feeds.FeedItem))
_PLAIN = (str, int, float, bool, type(None))
# Fields some format leaves unwritten (``feeds.unwritten``): keyed per format; the
# others once per item. A field missing here is keyed for every format: never stale.
HIDEABLE = frozenset({"summary_text", "source_home", "cluster", "lead", "related"})
SEP = "\x1f"  # never inside a repr or a hex digest


_PLAIN_TYPES = frozenset({*_PLAIN, datetime})
# The fields whose tuples ``feed_item`` shares between records (``_same``): their key
# text is kept for the next record that holds the same tuple. A story's own tuples
# (its related stories' links) are not: kept, their text only took room (about 12 MB
# at 30,000 stories while the feeds are keyed).
_SHARED = frozenset({"topics"})


def _is_plain(value) -> bool:
    """A value whose ``repr`` is all it is: text, numbers, a time, tuples of such and
    of the feeds' frozen records (a topic). Exact types only (a subclass may carry
    more than its ``repr`` shows)."""
    if type(value) in _PLAIN_TYPES:
        return True
    if type(value) is tuple:
        return _PLAIN_TYPES.issuperset(map(type, value)) or all(_is_plain(v) for v in value)
    if type(value) is feeds.Topic:
        return all(type(v) is str for v in (value.slug, value.label, value.url))
    return False

def _hashed(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def keys_of_item(item: feeds.FeedItem, hiddens: list, key_of,
                 seen: dict | None = None) -> tuple[str, ...] | None:
    """The keys of ``item`` as each kind of feed writes it: the fields it writes
    (not those of ``hiddens``, which ``feeds.as_written`` blanks). A record holds
    plain values (text, dates, tuples of them and of frozen dataclasses of them),
    whose ``repr`` says all they are; anything else is keyed by ``key_of`` (a
    fingerprint). The fields no format hides are hashed once per item, not once per
    format (a key may cover more than its format writes, never less). None: a field
    cannot be keyed. ``seen``: the text of each plain tuple met before, by identity
    (the records share their topics' tuples: ``feed_item``'s ``same``)."""
    parts = _item_parts(item, key_of, {} if seen is None else seen)
    if parts is None:
        return None
    always, hideable = parts
    return tuple(_hashed(SEP.join([always, *(f"{name}={text}" for name, text in hideable
                                             if name not in hidden)]))
                 for hidden in hiddens)


def _item_parts(item: feeds.FeedItem, key_of, seen: dict) -> tuple[str, tuple] | None:
    """(hash of the fields no format hides, the others as text); None: a field
    cannot be keyed."""
    texts = []
    for name in _ITEM_FIELDS:
        value = getattr(item, name)
        if type(value) in _PLAIN_TYPES:
            text = repr(value)
        elif name in _SHARED and type(value) is tuple:
            # a tuple, held by ``seen`` with its text: the same object, the same
            # plain values (a tuple of plain values cannot change)
            found = seen.get(id(value))
            if found is not None and found[0] is value:
                text = found[1]
            elif _is_plain(value):
                text = repr(value)
                seen[id(value)] = (value, text)
            else:
                text = key_of(value, 1)
        else:
            text = repr(value) if _is_plain(value) else key_of(value, 1)
        if text is None:
            return None
        texts.append((name, text))
    always = SEP.join([f"{name}={text}" for name, text in texts if name not in HIDEABLE])
    return (_hashed(always), tuple((name, text) for name, text in texts if name in HIDEABLE))


RENDER = {
    "rss": feeds.rss_xml,
    "atom": feeds.atom_xml,
    "json": feeds.json_document,
}


def feed_item(article, base_url: str, same: dict | None = None,
              site_language: str = "en") -> feeds.FeedItem:
    """A published story as the plain record the feeds are made from, but for its
    summary and text (``with_text``): the plan needs only dates, topics and sources,
    and a feed kept from the previous build needs no text at all. ``same``: values
    met before, by value (``_same``), for the records of one build to share them.
    ``site_language``: its language is carried only when it is another (as its pages)."""
    same = {} if same is None else same
    topics = _same(same, tuple(_topic(same, tag, base_url)
                               for tag in getattr(article, "tags", None) or ()))
    attribution = getattr(article, "attribution", None)
    # Pelican's default author (AUTHOR, the digest) is no byline, nor is a byline that
    # credits nobody (only the publisher, or a web address): the publisher is credited.
    credited = attribution.credits if attribution else getattr(article, "byline", "")
    people = tuple(str(a) for a in getattr(article, "authors", None) or () if credited)
    seed = getattr(article, "seed", None)
    coverage = getattr(article, "coverage", None)
    return feeds.FeedItem(
        identity=article.identity, title=article.title,
        link=_same(same, f"{base_url}/{article.url}"),
        published=article.date, summary_html="", content_html="",
        original_url=as_uri(article.source_url), source_name=article.source,
        source_home=_same(same, as_uri((attribution and attribution.publisher_home)
                                       or site_home(article.source_url))),
        source_slug=article.source_slug, topics=topics, people=people,
        source_feed=_same(same, as_uri(publisher_feed(seed)) if seed is not None else ""),
        summary_text=getattr(article, "description", ""),
        cluster=coverage.cluster if coverage else "",
        lead=not coverage or coverage.lead == article.identity,
        related=tuple(_related(same, card, base_url)
                      for card in coverage.others) if coverage else (),
        language=foreign_language(getattr(article, "language", ""), site_language))


def _topic(same: dict, tag, base_url: str) -> feeds.Topic:
    """The feeds' record of a topic, made once per tag object a build shares between
    its stories (held by ``same``, so that its id names no other object)."""
    found = same.get((_topic, id(tag)))
    if found is not None and found[0] is tag:
        return found[1]
    topic = _same(same, feeds.Topic(tag.slug, str(tag), f"{base_url}/{tag.url}"))
    same[(_topic, id(tag))] = (tag, topic)
    return topic


def _related(same: dict, card, base_url: str) -> tuple[str, str]:
    """(identity, link) of another report of a story's event, made once per card
    (``coverage_of`` shares one between the stories of an event)."""
    found = same.get((_related, id(card)))
    if found is not None and found[0] is card:
        return found[1]
    pair = (card.identity, _same(same, f"{base_url}/{card.url}"))
    same[(_related, id(card))] = (card, pair)
    return pair


def _same(same: dict, value):
    """The value equal to ``value`` met first (a topic, a publisher's address, a
    story's link that its event's other reports name too): one object instead of one
    per story (the feeds' records are held from planning to the last feed written)."""
    return same.setdefault(value, value)


def with_text(item: feeds.FeedItem, article) -> feeds.FeedItem:
    """``item`` with the story's summary and text, for a feed that is written."""
    return feeds.replaced(item, {"summary_html": article.summary,
                                 "content_html": article.content})


class DigestFeedGenerator(Generator):
    build = None  # the DigestBuild this class is bound to

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.output_path = Path(self.output_path)
        self.story_of: dict[int, object] = {}  # id of a planned item -> its story
        # (edition, path, stories) of each Atom archive feed, once the feeds are written
        self.archive_lengths: list[tuple[str, str, int]] | None = None

    def generate_context(self) -> None:
        if self.build.speed.from_scratch:  # every story is read and clustered by now
            self.build.speed.freeze_what_was_read()
        base_url = self.build.site.base_url
        stories = [a for a in self.context.get("articles", []) if hasattr(a, "identity")]
        same: dict = {}
        language = self.build.site.language
        items = [feed_item(a, base_url, same, language) for a in stories]
        del same
        self.story_of = {id(item): story for item, story in zip(items, stories, strict=True)}
        zone = ZoneInfo(self.settings.get("TIMEZONE") or "UTC")
        about = f"{base_url}/{FEEDS_PAGE_URL}#{SOURCE_EXTENSION_ANCHOR}"
        cluster_about = f"{base_url}/{FEEDS_PAGE_URL}#{CLUSTER_EXTENSION_ANCHOR}"
        order = {p.slug: place for place, p in enumerate(self.build.publishers)}
        plan = self.build.feed_plan = plan_feeds(items, self.build.site, self.build.settings,
                                                 zone, about, cluster_about, order)
        links = plan.links
        self.context["digest_feeds"] = links
        # Each page names only the feed links it shows, so that it is not rendered
        # again when another source's feeds come or go (see speed/reuse_writer.py).
        self.context["digest_site_feeds"] = links.site
        self.context["digest_topic_feeds"] = links.topics
        self.context["DIGEST_FEEDS_URL"] = FEEDS_PAGE_URL
        if self.build.speed.from_scratch:
            # A build from scratch writes its feeds now, before any page: their records
            # (one per story) and entries are let go before the pages' keys and the
            # {% memo %} fragments grow, instead of being made over the room those
            # left behind (issue 22: the peak of a build from scratch was the feeds').
            self.write_feeds()

    def generate_output(self, writer) -> None:
        self.build.speed.let_go_of_page_memos()
        self.write_feeds()  # an update's (a build from scratch wrote them already)
        self.write_feeds_page(writer)

    def write_feeds(self) -> None:
        """Write every feed file (once), then let go of the feeds' records."""
        if self.archive_lengths is not None:
            return
        # A feed whose channel and items are those of the previous build is kept
        # from it. Its key: the channel, its items as its format writes them
        # (``feeds.as_written``: an RSS feed shows no event, so a later report of one
        # leaves it as it was) and the text of their stories (``Speed.text_key``).
        speed = self.build.speed
        written: dict[int, feeds.FeedItem] = {}  # a story's item with its text, once
        files = self.build.feed_plan.files
        # What a feed leaves unwritten, by format and channel: a few kinds (RSS, Atom,
        # an Atom archive, JSON Feed). Each item's keys for all of them are worked out
        # at once, and only the keys kept: an item's texts (its summary, the links of
        # its event's other reports) were held until every feed was keyed (issue 22).
        hiddens = sorted({feeds.unwritten(feed.format, feed.channel) for feed in files})
        item_keys: dict[int, tuple[str, ...] | None] = {}  # id of an item -> its keys
        text_keys: dict[int, str | None] = {}
        seen: dict = {}  # the text of each plain tuple keyed (``keys_of_item``)
        to_write = []
        for feed in files:
            key = self._key(feed, hiddens, item_keys, text_keys, seen)
            if not speed.reuse(feed.path, key, self.output_path / feed.path):
                to_write.append((feed, key))
        # Every feed is keyed: the items' and texts' keys (a few hashes a story) go
        # before the entries are made, which reuse the room they held (issue 22).
        del item_keys, text_keys, seen
        # A story's entry is made once for all the feeds of a kind that carry it, and
        # kept until the last feed written that carries it: counted over the feeds
        # kept too, the entries of a day's written feeds were held to the end (about
        # 70 MB at 20,000 stories, when the build's memory peaks).
        planned = [(feed.channel, feed.format, feed.items) for feed, _ in to_write]
        shared = feeds.SharedEntries(feeds.SharedEntries.count_uses(planned))
        # Each JSON Feed item's text, likewise, once for the feeds that carry it.
        shared_json = feeds.SharedJsonItems(feeds.SharedJsonItems.count_uses(
            planned, feeds.json_item_kind))
        del planned
        folders = set()  # made already: one mkdir a folder, not one a feed
        for feed, key in to_write:
            target = self.output_path / feed.path
            items = []
            for item in feed.items:
                full = written.get(id(item))
                if full is None:
                    full = written[id(item)] = with_text(item, self.story_of[id(item)])
                items.append(full)
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            data = RENDER[feed.format](feed.channel, items,
                                       shared_json if feed.format == "json" else shared)
            write_bytes_naming(target, data)
            speed.note(feed.path, key, target, data)
        logger.debug("Wrote %d feeds", len(self.build.feed_plan.files))
        del written, shared, shared_json
        # What the feeds page tells of the archive (it is written with the pages).
        self.archive_lengths = [(f.channel.key.partition(":")[2], f.path, len(f.items))
                                for f in self.build.feed_plan.archives if f.format == "atom"]
        # Nothing reads the feeds' records after this: a record for every story (19 MB
        # at 10,000 stories, tracemalloc) and the map to the stories are let go before
        # the pages written after the feeds (in an update, the source pages and
        # editions: ``signals.GENERATORS``), sitemaps and search index (issue 22).
        self.build.feed_plan.let_go_of_items()
        self.story_of = {}
        speed.give_back_freed_memory()  # the feeds' records, entries and keys

    def _key(self, feed, hiddens: list, item_keys: dict, text_keys: dict,
             seen: dict) -> str | None:
        """The key of ``feed``: what its format writes (None: it is written).
        ``hiddens``: what each kind of feed leaves unwritten; ``item_keys``: each
        item's keys for those kinds, in their order."""
        speed = self.build.speed
        if not speed.keeps_pages:  # no record of pages (no cache, DIGEST_REUSE_PAGES off)
            return None
        which = hiddens.index(feeds.unwritten(feed.format, feed.channel))
        parts = []
        for item in feed.items:
            found = item_keys.get(id(item), False)
            if found is False:
                found = item_keys[id(item)] = keys_of_item(item, hiddens, speed.key_of,
                                                           seen)
            story = self.story_of[id(item)]
            text = text_keys.get(id(story), False)
            if text is False:
                text = text_keys[id(story)] = speed.text_key(story)
            if found is None or text is None:
                return None
            parts += (found[which], text)
        # One string, hashed once: a tuple of pairs would be hashed pair by pair, and
        # a tuple holding the string would be kept, with its text, to the build's end
        # (the fingerprints keep what they memoise alive).
        return _hashed(SEP.join(("feed", feed.format, speed.key_of(feed.channel, 1),
                                 " ".join(parts))))

    def write_feeds_page(self, writer) -> None:
        """``/feeds/``: every feed with its formats, and the OPML file of them all."""
        plan, site = self.build.feed_plan, self.build.site
        data = opml_bytes(f"{site.name}: feeds", plan.groups, site.base_url)
        (self.output_path / OPML_PATH).parent.mkdir(parents=True, exist_ok=True)
        (self.output_path / OPML_PATH).write_bytes(data)
        writer.write_file(FEEDS_PAGE_SAVE_AS, self.get_template("feeds"), self.context,
                          self.settings.get("RELATIVE_URLS", False), url=FEEDS_PAGE_URL,
                          feed_groups=plan.groups, opml=OPML_PATH,
                          archive=self.archive_lengths,
                          source_extension=SOURCE_EXTENSION_ANCHOR,
                          cluster_extension=CLUSTER_EXTENSION_ANCHOR,
                          stories_json=STORIES_JSON)
