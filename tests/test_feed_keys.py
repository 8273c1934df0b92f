"""A feed kept from the previous build is keyed by its items as its format writes them
(``feed_writer.keys_of_item``): every field of a story's record that a kind of feed
writes changes that kind's key, and a field it leaves unwritten (``feeds.unwritten``)
does not. A field left out of the key would keep a stale feed."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from test_feeds import GOV, PUBLIC, SCI, channel, record

from news_digest.glue.feed_writer import keys_of_item
from news_digest.output import feeds
from news_digest.output.feed_history import ChannelLinks

ARCHIVE = dataclasses.replace(channel("feeds/archive/2020-01-03.atom.xml"),
                              links=ChannelLinks(is_archive=True))
KINDS = {(fmt, archive): feeds.unwritten(fmt, ARCHIVE if archive else channel("f"))
         for fmt in ("rss", "atom", "json") for archive in (False, True)
         if not (archive and fmt == "json")}
HIDDENS = sorted(set(KINDS.values()))


def _no_key_of(value, budget):
    raise AssertionError(f"a plain value was fingerprinted: {value!r}")


def _item() -> feeds.FeedItem:
    return dataclasses.replace(
        record(3, topics=(GOV,), feed="https://paper.example/feed"), people=("Ann Lee",),
        summary_text="A plain summary.", cluster="c1", lead=False,
        related=(("0000000000000004", "https://news-digest.example.org/stories/4.html"),),
        language="de")


def _changed(value):
    if isinstance(value, bool):
        return not value
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, tuple):
        return (*value, feeds.Topic(*SCI, f"{PUBLIC}/topics/science/")) if value and \
            isinstance(value[0], feeds.Topic) else (
            *value, ("5", "https://news-digest.example.org/stories/5.html")
            if value and isinstance(value[0], tuple) else "Bo Roe")
    return value + timedelta(seconds=1)  # the publication time


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(feeds.FeedItem)])
def test_every_field_a_kind_writes_is_in_its_key(name):
    item = _item()
    other = dataclasses.replace(item, **{name: _changed(getattr(item, name))})
    assert other != item
    before, after = (dict(zip(HIDDENS, keys_of_item(i, HIDDENS, _no_key_of), strict=True))
                     for i in (item, other))
    for kind, hidden in KINDS.items():
        if name in hidden:  # not written: a change there keeps the feed
            assert before[hidden] == after[hidden], (kind, name)
        else:
            assert before[hidden] != after[hidden], (kind, name)


def test_a_value_that_is_not_plain_is_fingerprinted():
    """A list (a record made by other code) has no ``repr`` to trust: it is keyed by
    the fingerprint, and a value that cannot be keyed leaves the feed unkept."""
    item = dataclasses.replace(_item(), people=["Ann Lee"])
    seen = []
    keys = keys_of_item(item, HIDDENS, lambda value, budget: seen.append(value) or "fp")
    assert seen == [["Ann Lee"]] and len(keys) == len(HIDDENS)
    assert keys_of_item(item, HIDDENS, lambda value, budget: None) is None
    assert keys_of_item(dataclasses.replace(item, people=("Ann Lee",)), HIDDENS,
                        _no_key_of) != keys


def test_keys_with_one_memo_for_every_record_are_each_records_own():
    """The feeds key every record with one memo of the plain tuples met (``seen``, by
    identity, holding each tuple): each record gets the keys it has alone, whether
    it shares a tuple with another, holds an equal one, or another; and an entry
    under a tuple's id for another object (an id reused) is not taken."""
    base = _item()
    items = [base, dataclasses.replace(base, topics=base.topics),
             dataclasses.replace(base, topics=(*base.topics,))]
    items += [dataclasses.replace(base, **{f.name: _changed(getattr(base, f.name))})
              for f in dataclasses.fields(feeds.FeedItem)]
    seen: dict = {}
    for item in items:
        assert keys_of_item(item, HIDDENS, _no_key_of, seen) == keys_of_item(
            item, HIDDENS, _no_key_of)
    other = dataclasses.replace(base, topics=_changed(base.topics))
    planted = {id(other.topics): (base.topics, "('stale',)")}
    assert keys_of_item(other, HIDDENS, _no_key_of, planted) == keys_of_item(
        other, HIDDENS, _no_key_of)


def test_a_record_made_with_the_builds_memo_is_the_records_own():
    """``feed_item`` makes a topic's record once per tag object and a related story's
    link once per card (by identity, in the build's ``same``): a story's record is
    the one made alone, and an entry under a tag's or card's id for another object
    (an id reused) is not taken."""
    from types import SimpleNamespace

    from news_digest.glue import feed_writer

    class Tag(SimpleNamespace):
        def __str__(self):
            return self.name

    def story(number, tags, others):
        coverage = SimpleNamespace(cluster="c", lead="x", others=others)
        return SimpleNamespace(
            identity=f"{number:016x}", title=f"Story {number}", url=f"stories/{number}.html",
            date=record(number).published, source_url="https://paper.example/a",
            source="Paper", source_slug="paper", tags=tags, authors=(), byline="",
            seed=None, coverage=coverage, description="D.", language="en")

    gov = Tag(slug="gov", name="Government", url="topics/gov/")
    sci = Tag(slug="sci", name="Science", url="topics/science/")
    cards = [SimpleNamespace(identity=f"{n:016x}", url=f"stories/{n}.html") for n in (7, 8)]
    stories = [story(1, [gov], cards), story(2, [gov, sci], cards[:1]), story(3, [sci], ())]
    alone = [feed_writer.feed_item(s, PUBLIC) for s in stories]
    same: dict = {}
    assert [feed_writer.feed_item(s, PUBLIC, same) for s in stories] == alone
    planted = {(feed_writer._topic, id(gov)): (sci, "stale"),
               (feed_writer._related, id(cards[0])): (cards[1], ("stale", "stale"))}
    assert feed_writer.feed_item(stories[0], PUBLIC, planted) == alone[0]
