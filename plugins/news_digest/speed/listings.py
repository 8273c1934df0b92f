"""Tag, author and category listings written in one linear pass.

Pelican writes each tag, author and category page with
``dates = [a for a in self.dates if a in articles]``: a pass over every story per
listing, so the cost grows with stories x listings (5.6 s of a 10,000-story build
with 684 authors, under the profiler). The articles generator of a build gets its
own ``generate_tags``/``generate_authors``/``generate_categories`` that write the
same pages with the same context, ordering each listing's ``dates`` from one index
of positions instead.
"""

from __future__ import annotations

import logging
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


def write_listings_linearly(generator) -> None:
    """Give the articles generator (after it read its content) the linear listings."""
    for kind in LISTINGS:
        setattr(generator, f"generate_{LISTINGS[kind]}", partial(write_listings, generator,
                                                                 kind=kind))
