"""A story's feed entry is made once per kind of feed and shared by every feed of that
kind that carries it (``feeds.SharedEntries``): each feed is byte for byte the feed
made alone, and no entry is held past the last feed that needs it."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

import lxml.etree  # noqa: F401 - feedgen.util uses lxml.etree without importing it
import pytest
from feedgen.ext.base import BaseEntryExtension
from feedgen.util import xml_elem
from test_feeds import GOV, PUBLIC, SCI, channel, record

from news_digest.output import feeds
from news_digest.output.feed_history import ChannelLinks


def _feeds():
    """Subscription feeds (summary and full text), an archive document, in every format."""
    items = [record(n, topics=(GOV,) if n % 2 else (GOV, SCI), source="Other Paper"
                    if n % 3 else "The Paper", feed="https://paper.example/feed")
             for n in range(1, 9)]
    items[2] = dataclasses.replace(items[2], cluster="c1", lead=False,
                                   related=((items[3].identity, items[3].link),))
    full = channel("feeds/full.rss.xml", full_text=True)
    archive = dataclasses.replace(channel("feeds/archive/2020-01-03.atom.xml"),
                                  links=ChannelLinks(is_archive=True,
                                                     prev_archive=f"{PUBLIC}/feeds/x.xml"))
    return [(channel(f"feeds/all.{fmt}.xml"), fmt, items) for fmt in ("rss", "atom")] + [
        (channel("feeds/topics/science.rss.xml"), "rss", items[1::2]),
        (channel("feeds/topics/science.atom.xml"), "atom", items[1::2]),
        (full, "rss", items[:4]), (full, "atom", items[:4]),
        (archive, "atom", items[2:5]), (archive, "rss", items[2:5]),
        (channel("feeds/all.json"), "json", items)]


RENDER = {"rss": feeds.rss_xml, "atom": feeds.atom_xml}


def test_shared_entries_write_the_feeds_made_alone():
    planned = _feeds()
    shared = feeds.SharedEntries(feeds.SharedEntries.count_uses(planned))
    for channel_, fmt, items in planned:
        if fmt == "json":
            continue
        alone = RENDER[fmt](channel_, items)
        assert RENDER[fmt](channel_, items, shared) == alone, (channel_.self_url, fmt)
    # Every entry was let go after the last feed that carried it.
    assert shared.made == {} and not +shared.left


def test_an_entry_is_made_once_per_kind(monkeypatch):
    planned = _feeds()
    made = []
    original = feeds._entry_fields
    monkeypatch.setattr(feeds, "_entry_fields", lambda item, *a, **k: (
        made.append((item.identity, k["atom"])), original(item, *a, **k))[1])
    shared = feeds.SharedEntries(feeds.SharedEntries.count_uses(planned))
    for channel_, fmt, items in planned:
        if fmt != "json":
            RENDER[fmt](channel_, items, shared)
    # Kinds: RSS summary, RSS full text, Atom summary, Atom full text, Atom archive.
    kinds = _union(planned)
    assert len(kinds) == 5
    expected = sorted((identity, kind[0] == "atom") for kind, identities in kinds.items()
                      for identity in identities)
    assert sorted(made) == expected
    assert len(made) < sum(len(items) for _, fmt, items in planned if fmt != "json")


def _union(planned) -> dict:
    kinds: dict[tuple, set] = {}
    for c, fmt, items in planned:
        if fmt != "json":
            kinds.setdefault(feeds.entry_kind(c, fmt), set()).update(i.identity for i in items)
    return kinds


def test_stories_of_the_archive_alone_are_not_counted():
    """A big digest's archive holds every story, each in one feed of a kind: nothing to
    share, so nothing is counted or kept for them."""
    planned = _feeds()
    archive_only = record(99, day=9)
    archive = next(c for c, fmt, _ in planned if c.links.is_archive)
    uses = feeds.SharedEntries.count_uses([*planned, (archive, "atom", [archive_only]),
                                           (archive, "rss", [archive_only])])
    assert not [key for key in uses if key[0] == archive_only.identity]
    assert uses  # the subscription feeds' stories are counted


# --- the entries as feedgen itself makes them ------------------------------------------
# ``feed_entries.StoryEntry`` builds the element feedgen 1.0 builds from these calls
# (the code the feeds used before it); every feed must be the same bytes either way.

class _AtomLinks(BaseEntryExtension):
    def __init__(self):
        self.links, self.source = [], None

    def extend_atom(self, entry):
        for old in entry.findall("link"):
            entry.remove(old)
        for rel, href in self.links:
            xml_elem("link", entry, rel=rel, href=href)
        if self.source:
            title, home, feed = self.source
            source = xml_elem("source", entry)
            xml_elem("title", source).text = title
            if home:
                xml_elem("link", source, rel="alternate", href=home)
            if feed:
                xml_elem("link", source, rel="self", href=feed)
        return entry


def _feedgen_entry(fe, item, full_text, *, atom, archive=False):
    fe.id(item.guid)
    fe.guid(item.guid, permalink=False)
    fe.title(item.title)
    fe.link(href=item.link, rel="alternate")
    fe.published(item.published)
    fe.updated(item.published)
    if full_text:
        fe.content(feeds.item_html(item, full_text=True), type="html")
    fe.summary(feeds.item_html(item, full_text=False), type="html")
    for topic in item.topics:
        fe.category(term=topic.label, scheme=topic.url, label=topic.label)
    if atom:
        related = () if archive else item.related
        fe.digest.links = [("alternate", item.link), ("via", item.original_url),
                           *(("related", link) for _, link in related)]
        fe.digest.source = (item.source_name, item.source_home, item.source_feed)
        uri = {"uri": item.source_home} if item.source_home and not item.people else {}
        fe.author({"name": feeds.names_text(item.credited), **uri})
    else:
        if item.source_feed:
            fe.source(url=item.source_feed, title=item.source_name)
        fe.dc.dc_creator(feeds.names_text(item.credited))


def _feedgen_feed(channel_, items, fmt):
    fg = feeds._generator(channel_, items, f"application/{fmt}+xml")
    # The feed registers "digest" for its entries: feedgen's entries get _AtomLinks.
    fg._FeedGenerator__extensions["digest"]["extension_class_entry"] = _AtomLinks
    hidden = feeds.unwritten(fmt, channel_)
    for item in items:
        _feedgen_entry(fg.add_entry(order="append"), feeds.as_written(item, hidden),
                       channel_.full_text, atom=fmt == "atom",
                       archive=channel_.links.is_archive)
    return fg.atom_str(pretty=True) if fmt == "atom" else fg.rss_str(pretty=True)


def test_every_entry_is_what_feedgen_writes():
    """Bylines or none, a publisher's home page and feed or none, topics or none, an
    event's other reports, summary or full text, an archive document, text to escape
    and a date in another zone: every feed is the bytes feedgen writes."""
    items = [record(n, topics=((GOV,), (), (GOV, SCI))[n % 3],
                    people=(("Jane Doe",), (), ("A & B", "C <D>"))[n % 3],
                    source=("The Paper", "Other & Paper")[n % 2],
                    feed=("", "https://paper.example/feed?x=1&y=2")[n % 2])
             for n in range(1, 10)]
    items[1] = dataclasses.replace(items[1], source_home="")
    items[3] = dataclasses.replace(items[3], cluster="c1", lead=False,
                                   related=((items[4].identity, items[4].link),
                                            (items[5].identity, items[5].link)))
    items[5] = dataclasses.replace(items[5], summary_html="", content_html="")
    planned = [(c, fmt, items) for c, fmt, _ in _feeds() if fmt != "json"]
    for channel_, fmt, feed_items in planned:
        ours = (feeds.atom_xml if fmt == "atom" else feeds.rss_xml)(channel_, feed_items)
        assert ours == _feedgen_feed(channel_, feed_items, fmt), (channel_.self_url, fmt)
    # An Atom entry without a headline is refused, as feedgen refuses it.
    untitled = [dataclasses.replace(items[0], title="")]
    for write in (feeds.atom_xml, lambda c, i: _feedgen_feed(c, i, "atom")):
        with pytest.raises(ValueError, match="Required fields not set"):
            write(channel("feeds/all.atom.xml"), untitled)


def test_rss_dates_are_written_in_the_c_locale_whatever_the_process_locale():
    from feedgen.util import formatRFC2822

    from news_digest.output.feed_entries import rfc2822
    for n in range(1, 400, 7):
        when = datetime(2019 + n % 3, 1 + n % 12, 1 + n % 28, n % 24, n % 60, n % 60,
                        tzinfo=timezone(timedelta(minutes=(n % 25 - 12) * 30)))
        assert rfc2822(when) == formatRFC2822(when)
