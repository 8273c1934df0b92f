"""Pelican glue: index the site with Pagefind while the rest of it is written.

Two generators of the build (``DigestBuild.bound``) bracket the digest's other
generators. The first plans the shards and gives the search page their folders
(``digest_search_bundles``); Pelican's articles generator then hands each shard to
Pagefind as soon as its story pages are written (``index_while_writing``), so the
index is made on the second core while the other stories, listings, editions and
feeds are rendered. The last generator waits for it. The running index is the
build's ``SearchRun`` (``DigestBuild.search``), which a failed build stops.
"""

from __future__ import annotations

from pathlib import Path

from ..output.search_plan import ANCHOR, shard_key, shards
from .search_job import SearchJob


class SearchRun:
    """The search index of one build: its shards, and Pagefind indexing them."""

    def __init__(self, output_path: str, bundles: list[tuple[str, list[str]]], memo):
        self.output_path = output_path
        self.memo = memo  # the build's page memo (None: no shard can be kept)
        self.pages_of = dict(bundles)
        self.waiting = {bundle: set(pages) for bundle, pages in bundles}  # not written yet
        self.bundle_of = {page: bundle for bundle, pages in bundles for page in pages}
        self.keys: dict[str, str] = {}  # bundle -> key, for shards whose pages all have keys
        self.elsewhere: set[str] = set()  # pages another process is writing (``later``)
        self.job = SearchJob(Path(output_path))

    def written(self, page: str) -> None:
        """A story page is written: hand its shard over if it was the shard's last."""
        self.elsewhere.discard(page)
        bundle = self.bundle_of.get(page)
        waiting = self.waiting.get(bundle)
        if waiting is not None:
            if self.memo is None:  # no shard can be kept: link the page for its index now
                self.job.written(bundle, page)
            waiting.discard(page)
            if not waiting:
                self._hand_over(bundle)

    def later(self, pages: list[str]) -> None:
        """Pages another process writes (``speed/story_shares.py``): their shards are
        handed over when it is told they are ``written``, not by ``hand_over_rest``."""
        self.elsewhere.update(pages)

    def hand_over_rest(self, *, finishing: bool = False) -> None:
        """The shards whose pages were not all written (none expected): indexed
        anyway; not those waiting for another process, unless the build is finishing."""
        for bundle, waiting in list(self.waiting.items()):
            if finishing or self.elsewhere.isdisjoint(waiting):
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
                self.keys[bundle] = key
                previous = self.memo.reusable_tree(bundle, key, ANCHOR)
        self.job.add(bundle, pages, previous)

    def finish(self) -> None:
        """Wait for every shard (``SearchIndexError``: the build fails, output/ is kept)."""
        self.hand_over_rest(finishing=True)
        self.job.wait()
        if self.memo is not None:
            for bundle, key in self.keys.items():
                self.memo.note_tree(bundle, key, Path(self.output_path) / bundle / ANCHOR)

    def stop(self) -> None:
        """The build failed: no Pagefind run or link may still write into its folder."""
        self.job.stop()


def indexes_text(article) -> bool:
    """Whether a story page indexes some of the story's text besides its headline:
    what its policy shows or the curator's summary (``partials/republished.html``).
    Read from the policy: the paragraphs are let go once the stories are clustered."""
    shown = getattr(article, "republished", None)
    if shown is None:  # not a seed: the page shows its whole content
        return True
    return shown.policy != "link" or shown.own_summary


class _SearchGenerator:
    build = None  # the DigestBuild this class is bound to

    def __init__(self, context, settings, path, theme, output_path, **kwargs):
        self.context = context
        self.settings = settings
        self.output_path = output_path


class StartSearchIndex(_SearchGenerator):
    def generate_context(self) -> None:
        """Plan the shards (newest stories first) so the search page can name them."""
        digest = self.build.settings
        paths = (a.save_as for a in self.context.get("articles", ()))  # computed each use
        stories = [path for path in paths if path]
        self.bundles = shards(stories, digest.search_shard_size)
        self.context["digest_search_bundles"] = [f"{bundle}/" for bundle, _ in self.bundles]
        # The search page says what its box searches: headlines only, when no story
        # page shows any of its text (every publisher's policy ``link``, the default).
        self.context["digest_search_text"] = any(
            indexes_text(a) for a in self.context.get("articles", ()))
        # No stories, nothing to search: the search page then says it is unavailable.
        self.enabled = digest.search and bool(stories)

    def generate_output(self, writer) -> None:
        # If the story pages were not written through ``index_while_writing``: now.
        self.begin()
        if self.build.search is not None:
            self.build.search.hand_over_rest()

    def begin(self) -> None:
        """Start Pagefind, waiting for shards (once per build)."""
        if self.enabled and self.build.search is None:
            self.build.search = SearchRun(self.output_path, self.bundles, self.build.speed.memo)


class FinishSearchIndex(_SearchGenerator):
    def generate_output(self, writer) -> None:
        search = self.build.search
        if search is not None:
            search.finish()
            self.build.search = None


def index_while_writing(generators) -> None:
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
        search.begin()
        run = search.build.search
        if run is None:
            write_stories(write)
            return

        def write_and_tell(name, *args, **kwargs):
            result = write(name, *args, **kwargs)
            run.written(name)
            return result

        # A story page written by another process (``speed/story_shares.py``).
        write_and_tell.tell = run.written
        write_and_tell.later = run.later
        write_stories(write_and_tell)
        run.hand_over_rest()  # a page not written (none expected): index anyway

    articles.generate_articles = generate_articles
