"""Pelican glue: index the site with Pagefind while the rest of it is written.

Two generators of one build bracket the other plugin generators: the first starts
Pagefind on the story pages (``start_after_stories`` starts it as soon as Pelican's
articles generator has written them, before its listings), the last waits for it.
Indexing thus runs on the second core while listings, editions and feeds are
rendered. The running job lives in this build's context.
"""

from __future__ import annotations

from pathlib import Path

from .search_index import ANCHOR, SearchJob, shard_key, shards
from .settings import resolve

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

    def generate_output(self, writer) -> None:
        self.start(writer)  # if the story pages did not start it already

    def start(self, writer) -> None:
        """Start Pagefind once, on the story pages just written."""
        # No stories, nothing to search: the search page then says it is unavailable.
        if not self.enabled or _JOB in self.context:
            return
        # A shard whose pages were all kept from the previous build keeps its index.
        memo = getattr(writer, "memo", None)
        keys, reuse = {}, {}
        if memo is not None:
            for bundle, pages in self.bundles:
                key = shard_key(bundle, pages, [memo.digest_of(page) for page in pages])
                if key is not None:
                    keys[bundle] = key
                    previous = memo.reusable_tree(bundle, key, ANCHOR)
                    if previous is not None:
                        reuse[bundle] = previous
        self.context[_KEYS] = keys
        self.context[_JOB] = SearchJob(self.output_path, self.bundles, reuse)


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
    """Start the index as soon as the articles generator has written the story pages,
    before it writes its listings (topic pages, archives): Pagefind gets the second
    core sooner, and a rebuild that renders few pages waits less for it."""
    search = next((g for g in generators if isinstance(g, StartSearchIndex)), None)
    articles = next((g for g in generators if hasattr(g, "generate_articles")), None)
    if search is None or articles is None:
        return
    write_stories = articles.generate_articles

    def generate_articles(write) -> None:
        write_stories(write)
        # ``write`` is Pelican's partial of the writer's bound ``write_file``.
        search.start(getattr(getattr(write, "func", None), "__self__", None))

    articles.generate_articles = generate_articles


def start_search_generator(pelican):
    return StartSearchIndex


def finish_search_generator(pelican):
    return FinishSearchIndex
