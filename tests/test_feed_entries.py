"""A story's feed entry is made once per kind of subscription feed and shared by every
feed of that kind that carries it (``feeds.SharedEntries``): each feed is byte for byte
the feed made alone, no entry is held past the last feed that needs it, and none is
held for an archive document (written after every subscription feed)."""

from __future__ import annotations

import dataclasses
import json
import pathlib

import pytest
from test_feeds import GOV, PUBLIC, SCI, channel, record

from news_digest.output import feeds
from news_digest.output.feed_history import ChannelLinks

from sitebuild import build, seed_text


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
    original = feeds._entry
    monkeypatch.setattr(feeds, "_entry", lambda fe, item, *a, **k: (
        made.append((item.identity, k["atom"])), original(fe, item, *a, **k))[1])
    shared = feeds.SharedEntries(feeds.SharedEntries.count_uses(planned))
    for channel_, fmt, items in planned:
        if fmt != "json":
            RENDER[fmt](channel_, items, shared)
    # Kinds: RSS summary, RSS full text, Atom summary, Atom full text, made once a
    # story for the subscription feeds; an archive document makes its own entries.
    kinds = _union([p for p in planned if not p[0].links.is_archive])
    assert len(kinds) == 4
    archived = [(i.identity, fmt == "atom") for c, fmt, items in planned
                if c.links.is_archive and fmt != "json" for i in items]
    expected = sorted([(identity, kind[0] == "atom") for kind, identities in kinds.items()
                       for identity in identities] + archived)
    assert archived and sorted(made) == expected
    assert len(made) < sum(len(items) for _, fmt, items in planned if fmt != "json")


def _union(planned) -> dict:
    kinds: dict[tuple, set] = {}
    for c, fmt, items in planned:
        if fmt != "json":
            kinds.setdefault(feeds.entry_kind(c, fmt), set()).update(
                i.identity for i in items)
    return kinds


def test_no_entry_is_counted_or_kept_for_an_archive_document():
    """Every story is in its day's archive document, written after every subscription
    feed: an entry kept for it would be held from the story's first subscription feed
    to the end of the feeds, for every story a subscription feed carries at once."""
    planned = _feeds()
    archive_only = record(99, day=9)
    archive = next(c for c, fmt, _ in planned if c.links.is_archive)
    uses = feeds.SharedEntries.count_uses([*planned, (archive, "atom", [archive_only]),
                                           (archive, "rss", [archive_only])])
    assert not [key for key in uses if key[0] == archive_only.identity or key[3]]
    assert uses  # the subscription feeds' stories are counted
    shared = feeds.SharedEntries(uses)
    for channel_, fmt, items in planned:
        if fmt != "json":
            RENDER[fmt](channel_, items, shared)
            if channel_.links.is_archive:
                assert not [key for key in shared.made if key[3]]


def test_a_build_makes_each_feed_folder_once(tmp_path, monkeypatch):
    """Feeds share a few folders (``feeds/sources/``, ``feeds/archive/``, ...): each is
    made once, not asked for again before each of its hundreds of feeds."""
    asked = []
    original = pathlib.Path.mkdir

    def counting(self, *args, **kwargs):
        if "feeds" in self.parts:
            asked.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "mkdir", counting)
    seeds = {f"{n}.txt": seed_text(f"Story number {n}", url=f"https://n.example/{n}",
                                   source=f"Paper {n % 2}", published=f"2020-01-0{n + 1}T08:00:00Z")
             for n in range(4)}
    site = build(tmp_path, seeds)
    written = site.files("feeds/**/*.xml")
    assert site.code == 0 and len(written) > 10
    # One for each folder of feeds, and one for the OPML file beside the feeds page.
    assert len(asked) == len({path.parent for path in written}) + 1


def test_an_archive_entry_is_the_subscription_entry_less_its_related_links():
    """A story with other reports of its event in a subscription feed and in its day's
    archive: the archive document's entry is the subscription's less its related
    links, and each document is the one made alone."""
    planned = _feeds()
    story = next(i for _, fmt, items in planned if fmt == "atom" for i in items if i.related)
    archive, subscription = (next(c for c, fmt, items in planned if fmt == "atom"
                                  and c.links.is_archive is wanted and story in items)
                             for wanted in (True, False))
    shared = feeds.SharedEntries(feeds.SharedEntries.count_uses(planned))
    written = {c.self_url: feeds.atom_xml(c, items, shared)
               for c, fmt, items in planned if fmt == "atom"}
    assert b'rel="related"' in written[subscription.self_url]
    assert b'rel="related"' not in written[archive.self_url]
    archived = next(items for c, fmt, items in planned if c is archive and fmt == "atom")
    assert written[archive.self_url] == feeds.atom_xml(archive, archived)


def test_replaced_is_dataclasses_replace():
    item = record(3, topics=(GOV, SCI))
    changes = {"summary_html": "<b>x</b>", "related": (("a", "b"),), "lead": False}
    assert feeds.replaced(item, changes) == dataclasses.replace(item, **changes)
    assert item.summary_html != "<b>x</b>"  # the record itself is left as it was
    with pytest.raises(TypeError, match="no field"):
        feeds.replaced(item, {"headline": "x"})


def test_shared_json_items_write_the_documents_made_alone():
    """Each JSON Feed item's text is made once for the feeds of one kind that carry it
    (a feed with full text is another kind) and let go after its last; every document
    is byte for byte ``json.dumps(..., indent=2, sort_keys=True)`` of the feed made
    alone, whatever its text (quotes, line breaks, right-to-left text, no items)."""
    planned = _feeds()
    items = next(items for c, fmt, items in planned if fmt == "json")
    odd = dataclasses.replace(items[0], title='A "quoted"\nline\u2028 \u05e9\u05dc\u05d5\u05dd',
                              summary_text="x\\ny\t")
    full = channel("feeds/full.json", full_text=True)
    documents = [(channel("feeds/all.json"), "json", [odd, *items[1:]]),
                 (full, "json", [odd, *items[1:3]]), (channel("feeds/none.json"), "json", []),
                 (channel("feeds/topics/science.json"), "json", items[1::2])]
    shared = feeds.SharedJsonItems(feeds.SharedJsonItems.count_uses(
        documents, feeds.json_item_kind))
    for channel_, _, items_ in documents:
        alone = feeds.json_bytes(feeds.json_feed(channel_, items_))
        assert alone == (json.dumps(feeds.json_feed(channel_, items_), indent=2,
                                    sort_keys=True, ensure_ascii=False) + "\n").encode()
        assert feeds.json_document(channel_, items_, shared) == alone, channel_.self_url
        assert feeds.json_document(channel_, items_) == alone
    assert shared.made == {} and not +shared.left
