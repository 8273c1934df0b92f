"""Pelican glue: index the site with Pagefind while the rest of it is written.

Two generators of one build bracket the other plugin generators: the first starts
Pagefind on the story pages (written by then, by Pelican's articles generator),
the last waits for it. Indexing thus runs on the second core while listings,
editions and feeds are rendered. The running job lives in this build's context.
"""

from __future__ import annotations

from .search_index import SearchJob, pages_glob
from .settings import resolve

_JOB = "digest_search_job"


class _SearchGenerator:
    def __init__(self, context, settings, path, theme, output_path, **kwargs):
        self.context = context
        self.settings = settings
        self.output_path = output_path


class StartSearchIndex(_SearchGenerator):
    def generate_output(self, writer) -> None:
        # No stories, nothing to search: the search page then says it is unavailable.
        if resolve(self.settings)["DIGEST_SEARCH"] and self.context.get("articles"):
            self.context[_JOB] = SearchJob(self.output_path,
                                           pages_glob(self.settings["ARTICLE_SAVE_AS"]))


class FinishSearchIndex(_SearchGenerator):
    def generate_output(self, writer) -> None:
        job = self.context.pop(_JOB, None)
        if job is not None:
            job.wait()  # raises SearchIndexError: the build fails, output/ is kept


def start_search_generator(pelican):
    return StartSearchIndex


def finish_search_generator(pelican):
    return FinishSearchIndex
