"""Pelican glue that keeps the build linear in the number of stories.

Found by profiling a 10,000-story build (benchmarks/RESULTS.md):

- Pelican writes each tag, author and category page with
  ``dates = [a for a in self.dates if a in articles]``: a pass over every story
  per listing, so the cost grows with stories x listings (5.6 s of a 10,000-story
  build with 684 authors, under the profiler). The articles generator of this
  build gets its own ``generate_tags``/``generate_authors``/``generate_categories``
  that write the same pages with the same context, ordering each listing's
  ``dates`` from one index of positions instead.
- Pelican saves its whole content cache at the end of every build, even when
  every file came from it (a pickle of every story: 122 MB at 10,000). The
  readers of this build save it only when something was read anew.
- ``article.url`` is recomputed on every use (a copy of the metadata and two
  absolute paths each time); a story's address is fixed once its slug is, so
  ``plugin.finish_reading`` computes it once and keeps it as Pelican's
  ``override_url`` (not ``override_save_as``, which would switch off Pelican's check
  for two pages at one path).
"""

from __future__ import annotations

import logging
import os
from functools import partial

from pelican.writers import FileOverwriteFailedError

logger = logging.getLogger(__name__)

# listing kind (its template and context name) -> the generator attribute holding them
LISTINGS = {"tag": "tags", "author": "authors", "category": "categories"}


def write_listings(generator, write, kind: str) -> None:
    """Pelican's generate_tags/_authors/_categories, linear in the stories listed."""
    template = generator.get_template(kind)
    position = {id(article): i for i, article in enumerate(generator.dates)}
    items = getattr(generator, LISTINGS[kind])
    for listing, articles in (items.items() if hasattr(items, "items") else items):
        dates = sorted((a for a in articles if id(a) in position),
                       key=lambda a: position[id(a)])
        try:
            write(listing.save_as, template, generator.context, url=listing.url,
                  articles=articles, dates=dates, template_name=kind, blog=True,
                  page_name=listing.page_name, all_articles=generator.articles,
                  **{kind: listing})
        except FileOverwriteFailedError:
            if not listing.slug:
                logger.info('%s "%s" has an invalid slug; skipping writing its page...',
                            kind.capitalize(), listing)
                continue
            logger.error('Failed to write %s page for "%s".', kind.capitalize(), listing)
            raise


def speed_up(generators) -> None:
    """After every generator read its content: listings written in one linear pass."""
    for generator in generators:
        if not all(hasattr(generator, name) for name in ("dates", "tags", "authors")):
            continue  # not the articles generator
        for kind in LISTINGS:
            setattr(generator, f"generate_{LISTINGS[kind]}", partial(write_listings, generator,
                                                                     kind=kind))


def save_cache_only_when_changed(generator) -> None:
    """Give this generator's readers a ``save_cache`` that skips an unchanged cache."""
    readers = getattr(generator, "readers", None)
    if readers is None or not getattr(readers, "_cache_data_policy", False):
        return
    changed = []
    cache_data, save_cache = readers.cache_data, readers.save_cache

    def cache_data_and_note(filename, data):
        changed.append(filename)
        cache_data(filename, data)

    def save_if_changed():
        if changed or not os.path.exists(readers._cache_path):
            save_cache()

    readers.cache_data = cache_data_and_note
    readers.save_cache = save_if_changed
