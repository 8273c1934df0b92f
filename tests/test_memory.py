"""What a build lets go of once every story is read (issue 22).

Memory must not grow with what no page being rendered needs: once the articles
generator has read every story, Pelican's content cache is saved and its entries let
go, and while the stories are clustered each one's text is freed as soon as its terms
are read (the build's peak at 100,000 stories was every story's text beside every
clustering profile); the cache on disk keeps everything the next build reads back.
"""

from __future__ import annotations

import dataclasses
import gc
import pickle
import platform
from types import MappingProxyType

import pytest
from pelican import signals
from pelican.contents import Content

from news_digest.enrich import clusters
from news_digest.enrich.republishing import republished
from news_digest.glue.digest_pages import DigestGenerator
from news_digest.glue.feed_writer import DigestFeedGenerator
from news_digest.glue.source_pages import SourcesGenerator
from news_digest.glue.stories import without_paragraphs
from news_digest.output import feeds
from news_digest.seeds.format import Seed, parse_seed
from news_digest.speed import SEED_HASH, Rebuild, Speed
from news_digest.speed.fingerprint import is_unchangeable
from news_digest.speed.freed_memory import trim_heap
from news_digest.speed.page_memo import PageMemo

from sitebuild import build, seed_text

BODY = ("The council voted on the new budget after a long debate on Tuesday.",
        "Opposition members walked out before the final count was taken.")
SEEDS = {
    "001_a.txt": seed_text(title="Council passes the budget", url="https://a.example/budget",
                           body=BODY),
    "002_b.txt": seed_text(title="Budget vote ends in a walkout", url="https://b.example/vote",
                           published="2020-01-02T09:00:00+00:00", body=BODY),
}

seen: dict = {}


def _while_pages_are_written(generator, writer=None) -> None:
    """At ``article_writer_finalized``: what the stories and readers hold then."""
    seen["paragraphs"] = [(a.seed.paragraphs, a.republished.paragraphs, a.metadata["seed"])
                          for a in generator.articles]
    seen["cache entries"] = len(generator.readers._cache)
    seen["content"] = [a.content for a in generator.articles]


def _build_watched(tmp_path, force=False):
    seen.clear()
    signals.article_writer_finalized.connect(_while_pages_are_written)
    try:
        site = build(tmp_path, SEEDS, force=force)
    finally:
        signals.article_writer_finalized.disconnect(_while_pages_are_written)
    assert site.code == 0, site.stderr
    return site


def _cached_seeds(tmp_path) -> list:
    [path] = [p for p in (tmp_path / "cache").glob("*/ArticlesGenerator-Readers")]
    with open(path, "rb") as handle:
        cache = pickle.load(handle)
    return [metadata["seed"] for _stamp, (_content, metadata) in cache.values()]


def test_stories_keep_no_seed_text_once_read_and_cached(tmp_path):
    site = _build_watched(tmp_path)
    assert len(seen["paragraphs"]) == 2
    for paragraphs, shown, seed in seen["paragraphs"]:
        assert paragraphs == () and shown == () and seed.paragraphs == ()
    assert seen["cache entries"] == 0
    # The pages show the text all the same: it was made into each story's content.
    assert all("walked out before the final count" in text for text in seen["content"])
    bodies = [p.text_content() for f in site.files("**/*.html")
              for p in [site.page(str(f.relative_to(site.output)))]
              if "walked out before the final count" in p.text_content()]
    assert bodies, "no page shows the story's text"
    # The content cache on disk keeps every seed whole: the next build clusters the
    # stories it reads back from it.
    seeds = _cached_seeds(tmp_path)
    assert len(seeds) == 2 and all(seed.paragraphs == BODY for seed in seeds)


def test_a_seed_let_go_of_its_text_is_not_made_again(tmp_path, monkeypatch):
    """Letting go of a seed's text keeps every other field but its line numbers as
    the very object it was (no ``Seed`` made again: its checks copied every header of
    every story in each build): equal to ``replace(seed, paragraphs=())``, its
    headers still read-only views, so still keyed by its stamp (``is_unchangeable``)."""
    seed = parse_seed(SEEDS["001_a.txt"], str(tmp_path / "001_a.txt"))
    shown = republished("full", seed.paragraphs)
    made = []
    checks = Seed.__post_init__
    monkeypatch.setattr(Seed, "__post_init__", lambda self: made.append(self))
    bare_seed, bare_shown = without_paragraphs(seed), without_paragraphs(shown)
    assert made == []  # no seed made again
    monkeypatch.setattr(Seed, "__post_init__", checks)
    for value, bare in ((seed, bare_seed), (shown, bare_shown)):
        assert bare == dataclasses.replace(value, paragraphs=()) and bare.paragraphs == ()
        assert type(bare) is type(value) and value.paragraphs == BODY  # not changed
        assert is_unchangeable(bare)
    assert type(bare_seed.headers) is MappingProxyType and bare_seed.headers is seed.headers
    # its headers' line numbers go too (read only while the seeds are read and
    # clustered): one empty view shared by every story
    assert bare_seed.lines == {} and type(bare_seed.lines) is MappingProxyType
    assert without_paragraphs(seed).lines is bare_seed.lines and seed.lines


def test_a_build_from_the_cache_lets_go_as_well_and_writes_the_same(tmp_path):
    first = _build_watched(tmp_path)
    before = {p.relative_to(first.output): p.read_bytes() for p in first.files()}
    # --force: every story from the content cache, every page rendered again
    again = _build_watched(tmp_path, force=True)
    assert all(paragraphs == () for paragraphs, _, _ in seen["paragraphs"])
    assert seen["cache entries"] == 0
    after = {p.relative_to(again.output): p.read_bytes() for p in again.files()}
    assert after == before
    assert all(seed.paragraphs == BODY for seed in _cached_seeds(tmp_path))


def test_each_story_is_clustered_after_its_text_and_the_cache_entries_are_let_go(
        tmp_path, monkeypatch):
    """When clustering reads a story's terms, no story keeps its seed's text, the
    readers hold no cache entry, and the inputs already read are gone: only the
    stories not yet read hold their text (the build's peak of memory, issue 22)."""
    generators, calls = [], []

    def seen_generator(generator):
        generators.append(generator)

    def profile_watched(story, *made):  # made: its terms, where made as it was read
        gc.collect()
        [generator] = generators
        calls.append({
            "inputs with text": sum(1 for o in gc.get_objects()
                                    if isinstance(o, clusters.StoryInput) and o.paragraphs),
            "seed texts": [a.seed.paragraphs for a in generator.articles],
            "shown texts": [a.republished.paragraphs for a in generator.articles],
            "cache entries": len(generator.readers._cache),
        })
        return real_profile(story, *made)

    real_profile = clusters.profile
    monkeypatch.setattr(clusters, "profile", profile_watched)
    signals.article_generator_init.connect(seen_generator)
    try:
        site = build(tmp_path, SEEDS)
    finally:
        signals.article_generator_init.disconnect(seen_generator)
    assert site.code == 0, site.stderr
    assert [c["inputs with text"] for c in calls] == [2, 1]  # the one read, then none
    for call in calls:
        assert call["seed texts"] == [(), ()] and call["shown texts"] == [(), ()]
        assert call["cache entries"] == 0
    # ...and the cache on disk, saved before, keeps every seed whole.
    assert all(seed.paragraphs == BODY for seed in _cached_seeds(tmp_path))


def test_an_update_lets_go_of_every_text_before_it_copies_the_kept_pairs(
        tmp_path, monkeypatch):
    """An update (the clustering kept from the build before) gives the freed memory
    back first once no story's text is held any more, before the pairs it keeps are
    copied into a new table (the daily update's peak at 100,000 stories, issue 22)."""
    assert build(tmp_path, SEEDS).code == 0  # from scratch: the clustering is kept
    calls = []
    real = Speed.give_back_freed_memory

    def watched(self):
        gc.collect()
        calls.append(sum(1 for o in gc.get_objects()
                         if isinstance(o, clusters.StoryInput) and o.paragraphs))
        return real(self)

    monkeypatch.setattr(Speed, "give_back_freed_memory", watched)
    seeds = {**SEEDS, "003_c.txt": seed_text(
        title="Budget walkout explained", url="https://c.example/walkout",
        published="2020-01-03T09:00:00+00:00", body=BODY)}
    site = build(tmp_path, seeds)
    assert site.code == 0, site.stderr
    # in recluster once the text is read, after clustering, after the story pages,
    # after the feeds: never a story's text held
    assert calls == [0, 0, 0, 0]


def test_no_feed_record_nor_key_memo_outlives_its_use(tmp_path, monkeypatch):
    """Once the feeds are written, no feed record (one per story) is held while the
    source pages and editions are made; once every page is keyed, the fingerprints
    hold nothing while the record of the pages is written (the ends of a daily
    update's peak at 100,000 stories, issue 22). In an update, which keys every feed;
    and in a build from scratch, which writes its feeds before any page (its peak at
    100,000 stories was the feeds', written over the room the pages' keys had held),
    and whose fingerprints too hold nothing at the end."""
    seen_feeds, seen_keys = [], []
    real_output, real_save = DigestGenerator.generate_output, PageMemo.save_pending

    def editions_watched(self, writer):
        gc.unfreeze()  # what was read is frozen (gc_tuning.py): get_objects omits it
        gc.collect()
        seen_feeds.append(sum(1 for o in gc.get_objects() if isinstance(o, feeds.FeedItem)))
        gc.freeze()
        return real_output(self, writer)

    def save_watched(self, output):
        frozen = gc.get_freeze_count() > 0  # the record is written with the site frozen
        gc.unfreeze()
        [build] = [o for o in gc.get_objects() if isinstance(o, Speed) and o.memo is self]
        if frozen:
            gc.freeze()
        seen_keys.append((build.fingerprints.of(("a new value",), 1) and
                          len(build.fingerprints._alive), frozen))
        return real_save(self, output)

    monkeypatch.setattr(DigestGenerator, "generate_output", editions_watched)
    monkeypatch.setattr(PageMemo, "save_pending", save_watched)
    assert build(tmp_path, SEEDS).code == 0
    seeds = {**SEEDS, "003_c.txt": seed_text(
        title="Budget walkout explained", url="https://c.example/walkout",
        published="2020-01-03T09:00:00+00:00", body=BODY)}
    site = build(tmp_path, seeds)
    assert site.code == 0, site.stderr
    assert seen_feeds == [0, 0]  # from scratch too: the feeds are written by then
    # Both builds key pages and record them (the build from scratch for the update
    # after it): the value just fingerprinted, and nothing else
    assert seen_keys == [(1, True), (1, True)]


def test_what_was_read_stays_frozen_from_the_feeds_to_the_swap(tmp_path, monkeypatch):
    """A build from scratch freezes what it read for the collector as its feeds begin
    (written before any page), and every build keeps it frozen until its output and
    records are in place: thawed earlier, the collector's next full pass walked the
    whole site, still held (issue 22: 0.8 s and 1.7 s at 30,000 stories). The build
    command thaws it before it returns, failed or not: nothing stays frozen in the
    process."""
    seen = []
    real_feeds, real_swapped = DigestFeedGenerator.write_feeds, Rebuild.swapped_in

    def feeds_watched(self):
        seen.append(("feeds", gc.get_freeze_count() > 0))
        return real_feeds(self)

    def swapped_watched(self, **kwargs):
        seen.append(("swapped", gc.get_freeze_count() > 0))
        return real_swapped(self, **kwargs)

    monkeypatch.setattr(DigestFeedGenerator, "write_feeds", feeds_watched)
    monkeypatch.setattr(Rebuild, "swapped_in", swapped_watched)
    assert gc.get_freeze_count() == 0
    assert build(tmp_path, SEEDS).code == 0
    assert seen == [("feeds", True), ("feeds", True), ("swapped", True)]
    assert gc.get_freeze_count() == 0
    seen.clear()
    assert build(tmp_path, {**SEEDS, "003_c.txt": "Title: no date\n\nA broken seed.\n"}
                 ).code != 0
    assert gc.get_freeze_count() == 0


def test_the_story_pages_walks_go_before_the_source_pages(tmp_path, monkeypatch):
    """The walks' memo is keyed by the nodes of a page template's paths, and each page
    template has its own: once Pelican's articles generator has written its pages
    (stories, topics, archives), nothing walks those again, and what they memoised
    (about 15 MB at 10,000 stories) is let go before the source pages and editions."""
    before, held = [], []
    real_written, real_sources = Speed.story_pages_written, SourcesGenerator.generate_output

    def written(self):
        before.append(len(self.reach._memo))
        return real_written(self)

    def sources_watched(self, writer):
        held.append(len(self.build.speed.reach._memo))
        return real_sources(self, writer)

    monkeypatch.setattr(Speed, "story_pages_written", written)
    monkeypatch.setattr(SourcesGenerator, "generate_output", sources_watched)
    site = build(tmp_path, SEEDS)
    assert site.code == 0, site.stderr
    assert before[0] > 0 and held == [0]


def _memoized_stories() -> int:
    """Entries of Pelican's memoized ``get_content`` and ``get_summary`` for a story."""
    return sum(1 for name in ("get_content", "get_summary")
               for key in vars(Content)[name].cache if SEED_HASH in key[0].metadata)


def test_no_story_text_stays_memoized_by_pelican_past_its_page(tmp_path, monkeypatch):
    """Pelican memoizes each story's text and summary per page address for the whole
    run (about five entries a story, 50 MB at 100,000 stories, held at the build's
    peak): they go after each page, the source pages and editions included; the site
    is the same (tests/test_speed.py)."""
    held = []
    real_sources = SourcesGenerator.generate_output

    def sources_watched(self, writer):
        held.append(_memoized_stories())
        return real_sources(self, writer)

    monkeypatch.setattr(SourcesGenerator, "generate_output", sources_watched)
    site = build(tmp_path, SEEDS)
    assert site.code == 0, site.stderr
    assert held == [0] and _memoized_stories() == 0


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc",
                    reason="malloc_trim is glibc's: elsewhere nothing is given back")
def test_freed_memory_is_given_back_on_glibc():
    assert trim_heap() is True
