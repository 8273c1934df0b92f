"""What makes a build fast, behind one object per build: ``Speed``.

Pelican glue (it replaces Pelican internals, each listed with the Pelican version it
was checked against in ``pelican_internals.py``). The glue makes one ``Speed`` per
build (``DigestBuild.speed``) and calls it at the few points where it works:

- ``writer_class()``: Pelican's writer with lists paginated from the oldest page
  (``paging.py``: the site's page scheme), keeping the previous build's pages whose key is
  unchanged (``reuse_writer.py``, ``page_memo.py``, ``fingerprint.py``, ``template_deps.py``;
  what a template can read, how deep: ``template_paths.py``, walked by ``reach.py``);
- ``on_generator_init`` / ``on_content`` / ``on_story_addressed`` / ``on_all_read``:
  the content cache saved only when it changed and atomically (``content_cache.py``),
  a story's source path and address and a page's address worked out once
  (``fix_page_addresses``), tag listings written in one linear pass (``listings.py``),
  repeated template fragments rendered once (``fragments.py``), each template compiled
  once for every generator (``template_code.py``);
- ``key_of`` / ``text_key`` / ``reuse`` / ``note``: the same reuse for files written
  outside the writer (feeds: keyed by the records they are written from and the
  stories' text, ``text_key``);
- ``previous_clustering`` / ``keep_clustering``: the clustering of the previous build,
  so that only what changed is clustered again (``cluster_record.py``);
  ``clustering_tuned``: fewer garbage collections while clustering (``gc_tuning.py``);
- ``finish`` when every page is written, ``close`` in every case (a ``finally``):
  whatever the build changed in the process (``gc.freeze``) is undone.

``DIGEST_SPEED = False`` switches every one of them off: the build then runs Pelican's
own code paths and writes the same bytes, only slower. The ``build`` command uses
``Rebuild`` (``rebuild.py``) around Pelican: the content cache's folder keyed by code
and settings (``cache_key.py``), the up-to-date stamp (``up_to_date.py``) and the
records that become current when the new output is swapped in.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from pelican.contents import Content

from ..errors import Unfingerprintable
from . import cluster_record
from .content_cache import (
    guard_content_cache,
    note_texts_read,
    save_and_release,
    save_cache_only_when_changed,
)
from .fragments import MemoExtension
from .freed_memory import forget_memoized, trim_heap
from .gc_tuning import Frozen, fewer_collections
from .listings import write_listings_linearly
from .page_descriptions import BUDGET, page_fingerprints, page_reach
from .page_memo import PREVIOUS_OUTPUT, PageMemo
from .paging import PagingWriter
from .rebuild import Rebuild
from .reuse_writer import ReusingWriter
from .seed_stamp import SEED_HASH, seed_stamp
from .story_key import text_key
from .story_shares import StoryShares
from .template_code import SharedTemplateCode, share_compiled_templates
from .template_record import TemplateAnalyses
from .up_to_date import code_stamp

__all__ = ["PREVIOUS_OUTPUT", "SEED_HASH", "Rebuild", "Speed", "StoryShares",
           "guard_content_cache", "seed_stamp"]

def _is_story(content) -> bool:
    """A story read from a seed (its text escaped: no intrasite links to resolve)."""
    return SEED_HASH in (getattr(content, "metadata", None) or ())


class FixedRelativePath:
    """A story's ``get_relative_source_path``, answered from the path worked out once
    (for its own file: Pelican asks it on every ``url``/``save_as``)."""

    __slots__ = ("path", "compute")

    def __init__(self, path: str | None, compute):
        self.path, self.compute = path, compute

    def __call__(self, source_path: str | None = None) -> str | None:
        return self.path if source_path is None else self.compute(source_path)

    def __repr__(self) -> str:  # what a page's fingerprint sees
        return f"FixedRelativePath({self.path!r})"


class FixedSaveAs:
    """A story's ``get_url_setting``, answering ``save_as`` from the value worked out
    once its slug was final (Pelican formats it again on every use: the writer, the
    search shards, the pages' checks); any other key as Pelican does."""

    __slots__ = ("save_as", "compute")

    def __init__(self, save_as: str, compute):
        self.save_as, self.compute = save_as, compute

    def __call__(self, key: str) -> str:
        return self.save_as if key == "save_as" else self.compute(key)

    def __repr__(self) -> str:  # what a page's fingerprint sees
        return f"FixedSaveAs({self.save_as!r})"


class FixedAddress:
    """A page's (``pages/``, not a story's) ``get_url_setting``, answering ``url`` and
    ``save_as`` from the values worked out once every generator has read its content:
    Pelican formats both again on every use, and every page of the site links the
    site's pages (the menu of ``base.html``); any other key as Pelican does."""

    __slots__ = ("url", "save_as", "compute")

    def __init__(self, url: str, save_as: str, compute):
        self.url, self.save_as, self.compute = url, save_as, compute

    def __call__(self, key: str) -> str:
        if key == "url":
            return self.url
        return self.save_as if key == "save_as" else self.compute(key)

    def __repr__(self) -> str:  # what a page's fingerprint sees
        return f"FixedAddress({self.url!r}, {self.save_as!r})"


# The lists of Pelican's pages generator whose pages are final once it has read them.
PAGE_LISTS = ("pages", "hidden_pages", "draft_pages", "translations",
              "hidden_translations", "draft_translations")


def fix_page_addresses(generator) -> None:
    """Each page of ``generator`` (Pelican's pages generator) answers its ``url`` and
    ``save_as`` from the values it has now: its slug and metadata are final."""
    for name in PAGE_LISTS:
        for page in getattr(generator, name, ()):
            if not hasattr(page, "identity") and not isinstance(
                    page.__dict__.get("get_url_setting"), FixedAddress):
                page.get_url_setting = FixedAddress(page.url, page.save_as,
                                                    page.get_url_setting)


class Speed:
    """The speed-ups of one build (see the module's docstring)."""

    def __init__(self, pelican_settings: Mapping[str, Any], digest):
        self.enabled = bool(digest.speed)
        self.memo: PageMemo | None = None
        self.fingerprints = None
        self.reach = None  # how deep each page's template reaches (reach.py)
        self.fragments: dict | None = None  # {% memo %} store, once pages are written
        self.page: tuple | None = None  # the address of the page being rendered (memo)
        self.template_code = SharedTemplateCode()  # templates compiled once per build
        self.writer = None  # the build's ReusingWriter, once made (story_shares.py)
        self.collector = Frozen()  # what is frozen for the garbage collector
        # The clustering is kept beside the content cache, in every build that caches.
        self.cluster_folder = (pelican_settings.get("CACHE_PATH")
                               if self.enabled and pelican_settings.get("CACHE_CONTENT")
                               else None)
        previous = pelican_settings.get(PREVIOUS_OUTPUT)
        # Into an empty output folder (a first build, after `make clean`, CI's fresh
        # clone) there is nothing to keep, but the keys are worked out and recorded all
        # the same, so that the next build keeps what did not change (``from_scratch``).
        self.from_scratch = not (previous and os.path.isdir(previous))
        if (self.enabled and digest.reuse_pages and previous
                and pelican_settings.get("CACHE_CONTENT")):
            self.memo = PageMemo(pelican_settings["CACHE_PATH"], previous,
                                 code_stamp(pelican_settings))
            self.fingerprints = page_fingerprints()
            self.reach = page_reach(self.fingerprints)
            # each template's analysis, kept between builds (template_record.py)
            self.templates = TemplateAnalyses(pelican_settings["CACHE_PATH"])

    @property
    def keeps_pages(self) -> bool:
        """Pages' keys are worked out and recorded (over a previous output, to keep
        what did not change; into an empty one, for the next build)."""
        return self.memo is not None

    # -- Pelican's objects --------------------------------------------------------

    def writer_class(self) -> type:
        """The writer of this build: Pelican's, with lists paginated from the oldest
        page (``paging.py``: the site's page scheme, speed or not), and keeping the
        previous build's pages whose key is unchanged."""
        if not self.enabled:
            return PagingWriter
        return type("ReusingWriter", (ReusingWriter,), {"speed": self})

    def on_generator_init(self, generator) -> None:
        environment = getattr(generator, "env", None)
        if environment is not None:  # the theme's {% memo %} tag, in every build
            environment.add_extension(MemoExtension)
            environment.extensions[MemoExtension.identifier].speed = self
            if self.enabled:
                share_compiled_templates(environment, self.template_code)
        if self.enabled:
            save_cache_only_when_changed(generator)
        if self.fingerprints is not None:  # a story's text as read: keyed by its seed
            note_texts_read(generator, self.fingerprints.texts_read)

    def on_content(self, content) -> None:
        """A story's relative source path never changes once its Content is made;
        Pelican works it out again (two abspath, one relpath) on every ``url``,
        ``save_as`` and source lookup: answer those from the first."""
        if self.enabled and hasattr(content, "identity"):
            content.get_relative_source_path = FixedRelativePath(
                content.relative_source_path, content.get_relative_source_path)

    def on_story_addressed(self, article) -> None:
        """The story's slug is final: compute its address once (Pelican recomputes it
        on every use, from a copy of the metadata: seconds over a big digest). Not
        save_as by ``override_save_as``, which would switch off Pelican's check for two
        pages at one path: its ``get_url_setting`` answers it instead."""
        if self.enabled:
            article.override_url = article.url
            article.get_url_setting = FixedSaveAs(article.save_as, article.get_url_setting)

    def on_all_read(self, generators) -> None:
        """Every generator has read its content; from here on pages are only written."""
        if not self.enabled:
            return
        self.freeze_what_was_read()
        for generator in generators:
            if all(hasattr(generator, name) for name in ("dates", "tags", "authors")):
                write_listings_linearly(generator)
                self._walks_go_after_story_pages(generator)
            elif hasattr(generator, "hidden_pages"):
                fix_page_addresses(generator)
        # Fragments are kept only in builds that render every page: a build over a
        # previous output renders only what changed (they would seldom be used
        # again) and at 10,000 stories its memory goes to the page keys.
        if self.from_scratch:
            self.fragments = {}

    def release_content_cache(self, generator) -> None:
        """Every story is read: the articles generator's content cache is saved now
        (not at the end of ``generate_context``, after clustering, as Pelican does)
        and its entries, one per story (the reader's metadata dict and the file's
        stamp beside what the stories share with it), are let go: they are not read
        again in this build, and the cache on disk keeps each seed whole."""
        if self.enabled:
            save_and_release(generator)

    def _walks_go_after_story_pages(self, generator) -> None:
        """The story pages' walks go as soon as those pages are written, before the
        topic pages and archives: they are memoised by the nodes of the story
        template's paths, which the lists' paths seldom share (issue 22: held beside
        the lists' walks and fragments, they made the peak of that generator)."""
        write_stories = generator.generate_articles

        def generate_articles(write) -> None:
            write_stories(write)
            if self.reach is not None:
                self.reach.let_go()

        generator.generate_articles = generate_articles

    def story_pages_written(self) -> None:
        """Pelican's articles generator has written its pages (stories, topics,
        archives): no page of its templates is walked again, and the walks' memo,
        keyed by the node of a template's path (each page template has its own
        tree), serves none of the pages left (sources, editions, feeds page). It
        goes, and with the stories' text freed so far, back to the system."""
        if self.reach is not None:
            self.reach.let_go()
        self.give_back_freed_memory()

    def forget_fragments(self) -> None:
        """The ``{% memo %}`` fragments made so far go: the pages that reuse them are
        written. Called by the sources generator at its end (the topic and source
        pages' older pages, ``topics/<slug>/page/<n>/``, sit two folders deeper than
        any page left, so their fragments, one for most stories, serve none) and by
        the digest's generator after each home page and its editions (which share
        their stories' fragments). Held to the editions' end, they were part of the
        build's peak (issue 22). A fragment is a cache of text: one needed again is
        rendered again, the same (a theme whose later pages list the same stories at
        the same depth pays time, not bytes)."""
        if self.fragments:
            self.fragments = {}

    def page_written(self) -> None:
        """A page is rendered: the stories' texts and summaries Pelican memoized for
        it go (``freed_memory.forget_memoized``; about 50 MB at 100,000 stories)."""
        if self.enabled:
            forget_memoized(Content, _is_story)

    def give_back_freed_memory(self) -> None:
        """What the build has freed (the stories' text, the clustering's work) goes
        back to the system: the process is smaller while Pagefind runs beside it."""
        if self.enabled:
            trim_heap()

    def freeze_what_was_read(self) -> None:
        """What is read by now lives until the build ends: the garbage collector's
        full passes need not walk it while pages' keys are worked out and pages are
        written (about 12 % of the CPU time of a one-seed rebuild at N=10,000, some
        5 % of a build from scratch; see gc_tuning.py). Called once every generator
        has read its content, and by the writer of a build that keeps pages; in a
        build from scratch as its feeds begin (written before any page, and after
        every story is read and clustered): a full pass of the collector among them
        walked the whole site (0.8 s at 30,000 stories, for 10 objects freed)."""
        if self.enabled:
            self.collector.freeze_all_read()

    def stories_read(self, count: int | None = 1) -> None:
        """``count`` more stories read (None: all, frozen now): what is read is frozen
        for the collector as it grows (``gc_tuning.Frozen``)."""
        if self.enabled:
            self.collector.read(count)

    def let_go_of_page_memos(self) -> None:
        """Called before the feeds are written (and before the feeds page: in a build
        from scratch, which wrote its feed files before any page, once every story,
        listing, source and edition page is written: ``glue/signals.FROM_SCRATCH``). A
        build from scratch records every page's key (nothing to keep, every page is
        written and walked): the memos of the fingerprints and walks made so far go: held on, they
        were the build's peak of memory (at 10,000 stories 375 MB instead of 298 MB
        without keys; 334 MB once let go), and so do the ``{% memo %}`` fragments (the
        pages that reuse them are written). A page keyed later works out its values'
        fingerprints again; the texts as read stay (they key the feeds' text)."""
        if self.fingerprints is None or not self.from_scratch:
            return
        texts = dict(self.fingerprints.texts_read)
        self.fingerprints.let_go()
        self.fingerprints.texts_read.update(texts)
        self.reach.let_go()
        if self.fragments is not None:
            self.fragments = {}
        trim_heap()

    # -- files written outside the writer (feeds) ---------------------------------

    def key_of(self, value, budget: int = BUDGET) -> str | None:
        """The key of a file made of ``value``; None when this build keeps no files."""
        return None if self.fingerprints is None else self.fingerprints.of(value, budget)

    def text_key(self, story) -> str | None:
        """The key of a story's ``content`` and ``summary`` only (``reuse_writer.text_key``);
        None when this build keeps no files or the text cannot be keyed."""
        if self.fingerprints is None:
            return None
        try:
            return text_key(story, self.fingerprints)
        except Unfingerprintable:
            return None

    def reuse(self, name: str, key: str | None, target) -> bool:
        """Put the previous build's ``name`` at ``target`` when it was made under ``key``."""
        return key is not None and self.memo is not None and self.memo.reuse(name, key, target)

    def note(self, name: str, key: str | None, target, data: bytes | str) -> None:
        if self.memo is not None:
            self.memo.note(name, key, target, data)

    # -- the clustering kept between builds ----------------------------------------

    def previous_clustering(self):
        """The previous build's ``clusters.Clustering`` (None: cluster from scratch)."""
        return cluster_record.load(self.cluster_folder) if self.cluster_folder else None

    def clustering_tuned(self) -> AbstractContextManager:
        """Clustering makes a burst of long-lived objects (each story's terms, the
        pairs) while every story read is in memory: fewer young collections meanwhile,
        so the collector does not walk the whole site again and again."""
        return fewer_collections() if self.enabled else nullcontext()

    def keep_clustering(self, clustering) -> None:
        """Keep this build's clustering for the next one, once this one succeeds."""
        if self.cluster_folder:
            cluster_record.save_pending(self.cluster_folder, clustering)

    # -- the end ------------------------------------------------------------------

    def finish(self) -> None:
        """Every page is written: leave the record for the ``build`` command to commit.

        What was frozen for the collector stays frozen (``close`` thaws it, once the
        output is in place): thawed here, the collector's next full pass walked the
        whole site, still held, while the record was written (1.7 s at 30,000
        stories, for 743 objects freed)."""
        self.fragments = None
        if self.memo is not None:
            # Every key is made: the memos of the keys and walks go before the record
            # is written (its text, the end of the build's largest moments).
            self.fingerprints.let_go()
            self.reach.let_go()
            self.memo.old = {}
            self.memo.save_pending(self.memo.previous)
            self.templates.save()
            if self.memo.reused:
                print(f"Kept {len(self.memo.reused)} of {len(self.memo.new)} pages and feeds "
                      "unchanged since the previous build", file=sys.stderr)

    def close(self) -> None:
        """Undo what this build changed in the process; safe to call more than once.
        The ``build`` command calls it last, once the new output is in place."""
        self.collector.thaw()
        self.fragments = None
