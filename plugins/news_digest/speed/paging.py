"""Pelican glue: lists paginated so that a page, once full, never changes (stable pages).

Pelican numbers the pages of a list from the newest: each new story moves every
story one place down, and every page of the list changes. ``PagingWriter`` is
Pelican 4.12's writer with ``write_file``'s pagination counted from the oldest page
instead (``output/page_numbers.py``): page 1 holds the oldest stories, the newest
page is the list's front page at its own address and the only one that grows.

Pelican's interface stays: templates get ``articles_page``, ``articles_paginator``,
``articles_previous_page`` (the newer page: ``rel="prev"``) and ``articles_next_page``
(the older one), and the pages' ``has_next()``/``has_previous()`` follow the reading
order, newest first, as Pelican's do. What changes is the numbers: a page's
``number`` is counted from the oldest page, ``next_page_number()`` is one less, and
``articles_page.newest`` tells the front page. Archive pages are addressed by
``PAGINATION_PATTERNS``' rule for page 2 and later, with that number
(``{base_name}/page/{number}/`` in pelicanconf.py: ``topics/privacy/page/1/`` holds
the oldest privacy stories); the front page by its rule for page 1.

This is the site's page scheme, not a speed-up: ``DIGEST_SPEED = False`` paginates so
too (``Speed.writer_class``). It lives here because it is what lets an old page be
kept: a page's key (``reuse_writer.py``) covers its own stories and numbers, and the
neighbours it links (``PageLink``: their address, not their stories); the list's
length and page count (``count``, ``num_pages``, ``page_range``, the positions
``start_index``/``end_index``) change with every story, so a template that reads them
on a page has that page rendered every time.
"""

from __future__ import annotations

import logging
import os

from pelican.paginator import Page, Paginator
from pelican.plugins import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from ..errors import DigestConfigError
from ..output.page_numbers import page_spans

logger = logging.getLogger(__name__)


class StablePage(Page):
    """A page of a ``StablePaginator``: ``number`` counted from the oldest page."""

    def __init__(self, name, url, object_list, number, paginator, settings, newest: bool):
        super().__init__(name, url, object_list, number, paginator, settings)
        self.newest = newest

    def __repr__(self):
        return f"<{type(self).__name__} {self.number}{' (newest)' if self.newest else ''}>"

    # Reading order, newest first: the next page is the older one.
    def has_next(self):
        return self.number > 1

    def has_previous(self):
        return not self.newest

    def next_page_number(self):
        return self.number - 1

    def previous_page_number(self):
        return self.number + 1

    def start_index(self):
        """1-based position of the page's first story in the list, newest first."""
        return self.paginator.position(self)[0]

    def end_index(self):
        return self.paginator.position(self)[1]

    def _from_settings(self, key):
        """The front page at the list's address (the rule for page 1); the others by
        the rule for page 2 and later, with their own number."""
        rule = None
        for pattern in self.settings["PAGINATION_PATTERNS"]:
            if pattern.min_page == -1:
                if not self.has_next():
                    rule = pattern
                    break
            elif pattern.min_page <= (1 if self.newest else max(self.number, 2)):
                rule = pattern
        if not rule:
            return ""
        value = getattr(rule, key)
        if not isinstance(value, str):
            logger.warning("%s is set to %s", key, value)
            return value
        found = value.format(save_as=self.full_name, url=self.base_url, name=self.name,
                             base_name=self.base_name, extension=self.extension,
                             number=self.number)
        return found[1:] if found.startswith("/") else found

    url = property(lambda self: self._from_settings("URL"))
    save_as = property(lambda self: self._from_settings("SAVE_AS"))


class PageLink(StablePage):
    """A neighbouring page as a page links it (``articles_previous_page``,
    ``articles_next_page``): the same page, but its key holds its address, not its
    stories (the newest page's change every day)."""


class StablePaginator(Paginator):
    """Pelican's paginator with pages counted from the oldest (``page_numbers``)."""

    def __init__(self, name, url, object_list, settings, per_page=None):
        super().__init__(name, url, object_list, settings, per_page)
        self.spans = page_spans(len(object_list), self.per_page)  # the newest first
        self._count, self._num_pages = len(object_list), len(self.spans)

    def page(self, number):
        """The page ``number`` (1: the oldest)."""
        return self._page(self.spans[len(self.spans) - number], StablePage)

    def pages(self) -> list[tuple[StablePage, PageLink | None, PageLink | None]]:
        """Each page with its newer and older neighbour, newest first."""
        spans = self.spans
        return [(self._page(span, StablePage),
                 self._page(spans[i - 1], PageLink) if i > 0 else None,
                 self._page(spans[i + 1], PageLink) if i + 1 < len(spans) else None)
                for i, span in enumerate(spans)]

    def _page(self, span, kind):
        return kind(self.name, self.url, self.object_list[span.start:span.stop], span.number,
                    self, self.settings, span.newest)

    def position(self, page: StablePage) -> tuple[int, int]:
        span = self.spans[len(self.spans) - page.number]
        return (span.start + 1 if span.stop > span.start else 0), span.stop


class PagingWriter(Writer):
    """Pelican's writer, paginating lists with ``StablePaginator``."""

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        """Pelican 4.12's ``Writer.write_file``, paginated from the oldest page."""
        if not name:
            return None

        def localcontext_for(page_name, extra):
            localcontext = context.copy()
            localcontext["localsiteurl"] = localcontext.get("localsiteurl", None)
            if relative_urls:
                relative_url = path_to_url(get_relative_path(page_name))
                localcontext["SITEURL"] = relative_url
                localcontext["localsiteurl"] = relative_url
            localcontext["output_file"] = page_name
            localcontext.update(extra)
            return localcontext

        if paginated is None:
            paginated = {k: v for k, v in kwargs.items() if k in {"articles", "dates"}}
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            self._write_page(template, context, localcontext_for(name, kwargs), name,
                             override_output, frozenset())
            return None
        per_page = (self.settings["PAGINATED_TEMPLATES"][template_name]
                    or self.settings["DEFAULT_PAGINATION"])
        paginators = {key: StablePaginator(name, url, value, self.settings, per_page)
                      for key, value in paginated.items()}
        pages = {key: paginator.pages() for key, paginator in paginators.items()}
        for position in range(len(next(iter(paginators.values())).spans)):
            extra = kwargs.copy()
            for key, paginator in paginators.items():
                page, newer, older = pages[key][position]
                extra.update({f"{key}_paginator": paginator, f"{key}_page": page,
                              f"{key}_previous_page": newer, f"{key}_next_page": older})
            if position and page.save_as == name:
                raise DigestConfigError(
                    "PAGINATION_PATTERNS", self.settings["PAGINATION_PATTERNS"],
                    "a rule for page 2 and later whose address has {number} in it: the "
                    f"pages of {name} are numbered from the oldest, and page "
                    f"{page.number} would overwrite its front page")
            self._write_page(template, context, localcontext_for(page.save_as, extra),
                             page.save_as, override_output, frozenset(paginated))
        return None

    def _write_page(self, template, context, localcontext, name, override, paginated):
        """Pelican's ``_write_file`` (``paginated``: the names paginated on the page)."""
        if localcontext["localsiteurl"]:
            context["localsiteurl"] = localcontext["localsiteurl"]
        output = template.render(localcontext)
        path = sanitised_join(self.output_path, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with self._open_w(path, "utf-8", override=override) as f:
            f.write(output)
        logger.info('Writing "%s"', path)
        signals.content_written.send(path, context=localcontext)
