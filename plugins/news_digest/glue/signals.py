"""Pelican glue: which Pelican signal does what, for each build.

``register()`` only connects module-level functions (Pelican keeps weak
references). Each run of Pelican makes one ``DigestBuild`` (``get_generators``, the
first signal of a run); every other handler finds that build and hands the work to
it, to its speed-ups (``DigestBuild.speed``) or to the stage that does the work.
"""

from __future__ import annotations

from pelican import signals

from ..seeds.headers import ahead_of_the_clock
from ..speed import StoryShares, guard_content_cache
from .article_files import add_seed_reader, read_seeds_only, regular_files_only
from .digest_build import DigestBuild
from .digest_pages import DigestGenerator
from .feed_writer import DigestFeedGenerator
from .partition_build import partition_writer
from .read_ahead import read_seeds_ahead
from .reader import SeedReader
from .search import FinishSearchIndex, StartSearchIndex, index_while_writing
from .site_files import RECORD, SiteFilesGenerator, on_content_written
from .source_pages import SourcesGenerator
from .stories import finish_reading
from .stories_index_writer import StoriesIndexGenerator

# The digest's generators, in the order Pelican runs them: the search index is made
# while the others write, and waited for last; the sitemaps list the pages written
# before them (Pelican's articles and pages generators run first). An update writes
# the feeds first: their records (one per story) are let go before the source pages
# and editions (the end of a daily update's peak at 100,000 stories).
GENERATORS = (StartSearchIndex, DigestFeedGenerator, SourcesGenerator, DigestGenerator,
              StoriesIndexGenerator, SiteFilesGenerator, FinishSearchIndex)
# A build from scratch writes the source pages and editions before the feeds page: it
# lets go of the page keys' memos there (``Speed.let_go_of_page_memos``), and pages
# keyed after that worked out their stories' fingerprints a second time. Its feed
# files are written before any page (``DigestFeedGenerator.generate_context``).
FROM_SCRATCH = (StartSearchIndex, SourcesGenerator, DigestGenerator, DigestFeedGenerator,
                StoriesIndexGenerator, SiteFilesGenerator, FinishSearchIndex)


def start_build(pelican):
    """A run of Pelican begins: a new build, and its generators."""
    build = DigestBuild.start(pelican)
    order = FROM_SCRATCH if build.speed.from_scratch else GENERATORS
    return [build.bound(cls) for cls in order]


def get_writer(pelican):
    build = DigestBuild.of(pelican.settings)
    if build is None:
        return None
    writer = build.speed.writer_class()
    if build.partition is not None:  # a date partition's pages, or partitions assembled
        writer = partition_writer(build.partition, build, writer)
    return writer


def add_reader(readers) -> None:
    build = DigestBuild.of(readers.settings)
    if build is None:  # a reader made outside a run of Pelican (a tool of its own)
        build = DigestBuild(readers.settings)
    add_seed_reader(readers, build.bound(SeedReader))
    forget_refusals(readers)


def forget_refusals(readers) -> None:
    """A refused seed is read again by the next build, not answered from Pelican's
    content cache: what refused it (a date ahead of the clock, a topic missing from
    the taxonomy file) may have changed while the file did not."""
    cache_data, get_cached_data = readers.cache_data, readers.get_cached_data

    def cache_all_but_refusals(filename, data):
        if "digest_error" not in data[1]:
            cache_data(filename, data)

    def not_ahead_of_the_clock(filename, default=None):
        """A cached story now dated ahead of the clock (the clock was set back) is
        read again, and refused as a build from scratch refuses it."""
        found = get_cached_data(filename, default)
        if found is not default and type(found) is tuple and len(found) == 2 \
                and isinstance(found[1], dict):
            date = found[1].get("date")  # a seed's is aware; a page's may be naive
            if getattr(date, "tzinfo", None) is not None and ahead_of_the_clock(date):
                return default
        return found

    readers.cache_data = cache_all_but_refusals
    readers.get_cached_data = not_ahead_of_the_clock


def list_seeds_only(generator) -> None:
    build = DigestBuild.of(generator.settings)
    if build is not None:
        read_seeds_only(generator, build.seed_errors, build.partition,
                        lambda seeds: read_seeds_ahead(build, generator, seeds))


def on_generator_init(generator) -> None:
    build = DigestBuild.of(generator.settings)
    if build is not None:
        regular_files_only(generator)  # a named pipe among the pages hung the build
        build.speed.on_generator_init(generator)


def on_content(content) -> None:
    build = DigestBuild.of(content.settings)
    if build is not None:
        build.speed.on_content(content)


def collect_seed_error(generator, metadata) -> None:
    error = metadata.get("digest_error")
    build = DigestBuild.of(generator.settings)
    if error is not None and build is not None:
        build.seed_errors.append(error)


def on_all_read(generators) -> None:
    build = next((DigestBuild.of(g.settings) for g in generators if hasattr(g, "settings")),
                 None)
    if build is not None:
        speed, shares = build.speed, None
        # A build from scratch may write its older story pages in a second process
        # (not a date partition's: its writer keeps records of its own). Pelican's loop
        # is replaced first: the other wrappers wrap it.
        if (speed.enabled and speed.from_scratch and build.partition is None
                and build.settings.second_core):
            shares = StoryShares.install_in(generators, speed)
        speed.on_all_read(generators)
        index_while_writing(generators)
        if shares is not None:  # the outermost wrapper, which forks
            record = next((g.context[RECORD] for g in generators
                           if hasattr(g, "context") and RECORD in g.context), None)
            # the dicts that writing a page adds to: the page record's, the sitemap's
            shares.fork_around([(speed.memo, "new")] * (speed.memo is not None)
                               + [(record, "entries")] * (record is not None))


def on_articles_read(generator) -> None:
    build = DigestBuild.of(generator.settings)
    build.read_ahead = {}  # anything read ahead that Pelican did not ask for
    finish_reading(build, generator)


def on_story_pages_written(generator, writer=None) -> None:
    """The story pages are written: their walks' memo and what their rendering
    freed go back to the system before the listings, feeds and search are made
    (issue 22)."""
    build = DigestBuild.of(generator.settings)
    if build is not None:
        build.speed.story_pages_written()


def end_build(pelican) -> None:
    build = DigestBuild.of(pelican.settings)
    if build is not None:
        if build.partition is not None:
            build.partition.finish(pelican.output_path)
        build.speed.finish()


def register() -> None:
    guard_content_cache()  # saved atomically, a damaged one set aside (Pelican-wide)
    signals.get_generators.connect(start_build)
    signals.get_writer.connect(get_writer)
    signals.readers_init.connect(add_reader)
    signals.article_generator_init.connect(list_seeds_only)
    signals.generator_init.connect(on_generator_init)
    signals.content_object_init.connect(on_content)
    signals.article_generator_context.connect(collect_seed_error)
    signals.article_generator_pretaxonomy.connect(on_articles_read)
    signals.all_generators_finalized.connect(on_all_read)
    signals.article_writer_finalized.connect(on_story_pages_written)
    signals.finalized.connect(end_build)
    signals.content_written.connect(on_content_written)
