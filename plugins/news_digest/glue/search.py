"""Pelican glue: index the site with Pagefind while the rest of it is written.

Two generators of one build bracket the other plugin generators: the first starts
Pagefind (``start_after_stories`` hands it each shard of story pages as soon as
Pelican's articles generator has written them), the last waits for it. Indexing
thus runs on the second core while the other stories, listings, editions and
feeds are rendered. The running job lives in this build's context.
"""

from __future__ import annotations

from pathlib import Path

from ..settings import resolve
from .search_job import ANCHOR, SearchJob, shard_key, shards

_JOB = "digest_search_job"
_BUNDLES = "digest_search_bundles"  # for search.html: the index folders, newest first
_KEYS = "digest_search_keys"  # bundle -> key, for shards whose pages all have keys


class _SearchGenerator:
    def __init__(self, context, settings, path, theme, output_path, **kwargs):
        self.context = context
        self.settings = settings
        self.output_path = output_path


class StartSearchIndex(_SearchGenerator):
    def generate_context(self) -> None:
        """Plan the shards (newest stories first) so the search page can name them."""
        digest = resolve(self.settings)
        paths = (a.save_as for a in self.context.get("articles", ()))  # computed each use
        stories = [path for path in paths if path]
        self.bundles = shards(stories, digest["DIGEST_SEARCH_SHARD_SIZE"])
        self.context[_BUNDLES] = [f"{bundle}/" for bundle, _ in self.bundles]
        self.enabled = digest["DIGEST_SEARCH"] and bool(stories)
        self.waiting: dict[str, set[str]] = {}  # shard -> its pages not written yet
        self.bundle_of: dict[str, str] = {}  # story page -> its shard

    def generate_output(self, writer) -> None:
        # If the story pages were not written through ``start_after_stories``: now.
        self.begin(writer)
        self.hand_over_rest()

    def begin(self, writer) -> None:
        """Start Pagefind, waiting for shards (once per build)."""
        # No stories, nothing to search: the search page then says it is unavailable.
        if not self.enabled or _JOB in self.context:
            return
        self.memo = getattr(writer, "memo", None)
        self.pages_of = dict(self.bundles)
        self.waiting = {bundle: set(pages) for bundle, pages in self.bundles}
        self.bundle_of = {page: bundle for bundle, pages in self.bundles for page in pages}
        self.context[_KEYS] = {}
        self.context[_JOB] = SearchJob(self.output_path)

    def written(self, page: str) -> None:
        """A story page is written: hand its shard over if it was the shard's last."""
        bundle = self.bundle_of.get(page)
        waiting = self.waiting.get(bundle)
        if waiting is not None:
            if self.memo is None:  # no shard can be kept: link the page for its index now
                self.context[_JOB].written(bundle, page)
            waiting.discard(page)
            if not waiting:
                self._hand_over(bundle)

    def hand_over_rest(self) -> None:
        for bundle in list(self.waiting):
            self._hand_over(bundle)

    def _hand_over(self, bundle: str) -> None:
        # A shard whose pages are byte for byte those of the previous build keeps
        # that build's index.
        del self.waiting[bundle]
        pages = self.pages_of[bundle]
        previous = None
        if self.memo is not None:
            key = shard_key(bundle, pages, [self.memo.digest_of(page) for page in pages])
            if key is not None:
                self.context[_KEYS][bundle] = key
                previous = self.memo.reusable_tree(bundle, key, ANCHOR)
        self.context[_JOB].add(bundle, pages, previous)


class FinishSearchIndex(_SearchGenerator):
    def generate_output(self, writer) -> None:
        job = self.context.pop(_JOB, None)
        if job is None:
            return
        job.wait()  # raises SearchIndexError: the build fails, output/ is kept
        memo = getattr(writer, "memo", None)
        if memo is not None:
            for bundle, key in self.context.pop(_KEYS, {}).items():
                memo.note_tree(bundle, key, Path(self.output_path) / bundle / ANCHOR)


def start_after_stories(generators) -> None:
    """Hand each shard to Pagefind as soon as the articles generator has written its
    story pages (newest first, as the shards are): indexing starts while the older
    stories are written, before the listings, and gets the second core sooner. A
    10,000-story build used to wait 7 s for Pagefind at its end."""
    search = next((g for g in generators if isinstance(g, StartSearchIndex)), None)
    articles = next((g for g in generators if hasattr(g, "generate_articles")), None)
    if search is None or articles is None:
        return
    write_stories = articles.generate_articles

    def generate_articles(write) -> None:
        # ``write`` is Pelican's partial of the writer's bound ``write_file``.
        search.begin(getattr(getattr(write, "func", None), "__self__", None))

        def write_and_tell(name, *args, **kwargs):
            result = write(name, *args, **kwargs)
            search.written(name)
            return result

        write_stories(write_and_tell)
        search.hand_over_rest()  # a page not written (none expected): index anyway

    articles.generate_articles = generate_articles


def start_search_generator(pelican):
    return StartSearchIndex


def finish_search_generator(pelican):
    return FinishSearchIndex
