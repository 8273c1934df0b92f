"""Pelican glue: signals that check settings, add the seed reader and finish reading.

``register()`` only connects module-level functions (Pelican keeps weak
references); per-build state lives on the generator objects of that build.
"""

from __future__ import annotations

import logging

from pelican import signals

from .attribution_glue import (
    assign_publishers,
    attach_attribution,
    drop_duplicates,
)
from .attribution_glue import (
    get_generators as source_generators,
)
from .content_cache import install as guard_content_cache
from .digest_pages import get_generators as digest_generators
from .feedplan import public_site_url
from .feedwriter import get_generators as feed_generators
from .fragment_memo import MemoExtension
from .fragment_memo import start as start_fragments
from .reader import SeedReader
from .reuse_writer import get_writer, keeps_pages, save_record_generator
from .search_glue import finish_search_generator, start_after_stories, start_search_generator
from .seed import SeedError
from .settings import DigestConfigError, resolve
from .slugs import unique_slugs
from .speed import save_cache_only_when_changed, speed_up

logger = logging.getLogger(__name__)


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


class SeedErrors(Exception):
    """Every seed refused in one build, reported together."""

    def __init__(self, errors: list[SeedError]):
        self.errors = sorted(errors, key=lambda e: (e.path, e.line))
        lines = "\n".join(f"  {e}" for e in self.errors)
        super().__init__(
            f"{len(self.errors)} seed file(s) refused:\n{lines}\n"
            "Fix them, or set DIGEST_STRICT = False to skip them with a warning."
        )


def fix_relative_path(content) -> None:
    """A story's relative source path, worked out by ``Content.__init__``, never
    changes; Pelican works it out again (two abspath, one relpath) on every ``url``,
    ``save_as`` and source lookup: answer those from the first."""
    if hasattr(content, "identity"):
        content.get_relative_source_path = FixedRelativePath(
            content.relative_source_path, content.get_relative_source_path)


def check_settings(pelican) -> None:
    resolve(pelican.settings)  # raises DigestConfigError before anything is read
    public_site_url(pelican.settings)  # feeds need an absolute site URL
    if "index" in pelican.settings.get("DIRECT_TEMPLATES", ()):
        raise DigestConfigError(
            "DIRECT_TEMPLATES", pelican.settings["DIRECT_TEMPLATES"],
            "a list without 'index': the digest plugin writes the home page itself")


def add_reader(readers) -> None:
    readers.reader_classes["txt"] = SeedReader


def collect_seed_error(generator, metadata) -> None:
    error = metadata.get("digest_error")
    if error is not None:
        generator.__dict__.setdefault("digest_seed_errors", []).append(error)


def finish_reading(generator) -> None:
    """All seeds are read: report the refused ones, drop duplicate originals, make
    slugs unique, then credit each story and group the stories by publisher."""
    errors = generator.__dict__.get("digest_seed_errors", [])
    if errors:
        if resolve(generator.settings)["DIGEST_STRICT"]:
            raise SeedErrors(errors)
        for error in sorted(errors, key=lambda e: (e.path, e.line)):
            logger.warning("Skipped seed %s", error)
    stories = [
        a for group in (generator.articles, generator.translations,
                        generator.hidden_articles, generator.drafts)
        for a in group if hasattr(a, "identity")
    ]
    stories = drop_duplicates(generator, stories)
    slugs = unique_slugs(
        (a.source_path, a.digest_base_slug, (a.date, a.identity), a.identity) for a in stories)
    for article in stories:
        article.slug = slugs[article.source_path]
        # The address is final now: compute it once (Pelican recomputes it on every
        # use, from a copy of the metadata: seconds over a big digest). Not save_as:
        # Pelican's override_save_as would switch off its check for two pages at one path.
        article.override_url = article.url
    attach_attribution(generator, stories)
    assign_publishers(generator, stories)


def add_template_tags(generator) -> None:
    """The theme's ``{% memo %}`` tag, in every generator's Jinja environment."""
    environment = getattr(generator, "env", None)
    if environment is not None:
        environment.add_extension(MemoExtension)


def keep_fragments(generators) -> None:
    """Every generator has read its content; from here on pages are only written.

    Not in a build that keeps pages of the previous output: it renders only what
    changed (the fragments would seldom be used again), and at 10,000 stories its
    memory goes to the page keys' fingerprints (``--force``: 364 MB peak, 388 MB
    with the fragments)."""
    settings = next((g.settings for g in generators if hasattr(g, "settings")), None)
    if settings is None or keeps_pages(settings):
        return
    contexts = {id(g.context): g.context for g in generators if hasattr(g, "context")}
    for context in contexts.values():
        start_fragments(context)


def register() -> None:
    guard_content_cache()  # saved atomically, a damaged one set aside
    signals.initialized.connect(check_settings)
    signals.readers_init.connect(add_reader)
    signals.content_object_init.connect(fix_relative_path)
    signals.article_generator_context.connect(collect_seed_error)
    signals.article_generator_pretaxonomy.connect(finish_reading)
    # In this order: the search index is made while the other generators write.
    signals.get_generators.connect(start_search_generator)
    signals.get_generators.connect(feed_generators)
    signals.get_generators.connect(source_generators)
    signals.get_generators.connect(digest_generators)
    signals.get_generators.connect(finish_search_generator)
    signals.get_generators.connect(save_record_generator)  # after every page is written
    signals.get_writer.connect(get_writer)
    signals.generator_init.connect(save_cache_only_when_changed)
    signals.generator_init.connect(add_template_tags)
    signals.all_generators_finalized.connect(speed_up)
    signals.all_generators_finalized.connect(start_after_stories)
    signals.all_generators_finalized.connect(keep_fragments)
