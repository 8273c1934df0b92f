"""Pelican glue: a writer that keeps the pages of the previous build whose inputs match.

A page is the product of its template and of the values the template reads. When
a build computes the same key for a page as the previous one did (``page_memo``),
the previous file is linked into the new output instead of being rendered again:
after one seed changed, only the pages showing something of it are rendered.

Each page of ``PagingWriter.write_file`` (Pelican 4.12's, paginated from the oldest
page: ``paging.py``) gets the key check before it is rendered (and each folder is
made once per build: Pelican makes the folder of every file again). On a paginated
listing, the full story list (``articles``, ``dates``) counts by its length only,
and only on a page that reads it: each page reads its own stories through
``articles_page``, which is fingerprinted in full, and the pages it links by their
address (``PageLink``).

The key covers what the template can read, by construction: ``template_paths``
works out every path the template can follow, ``reach`` walks them on the page's
values and counts the objects they enter, and each name is fingerprinted that deep
(at least ``MIN_BUDGET``, at most ``MAX_BUDGET``). A page whose template reads what no
key covers (Python code over objects, a listing's other pages, a path deeper than
``MAX_BUDGET``) or cannot be analysed is rendered, never kept (docs/rebuilding.md).

Only ``python -m news_digest build`` turns it on: it builds into a fresh folder and
names the previous output in the private setting ``PREVIOUS_OUTPUT_PATH``; when that
folder does not exist, there is nothing to keep and nothing is worked out.
"""

from __future__ import annotations

import logging
import os

from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.plugins import signals
from pelican.urlwrappers import URLWrapper
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError

from ..diskspace import naming
from .fingerprint import Fingerprints, Unfingerprintable, digest
from .paging import PageLink, PagingWriter, StablePage, StablePaginator
from .reach import Beyond, Described, Reach
from .story_key import describe_content
from .template_deps import TemplateDeps

logger = logging.getLogger(__name__)

# Objects entered from each name a template reads: article.related_stories[0].title
# enters two (the stock theme reaches no deeper). Each name is fingerprinted as deep as
# its template's paths reach on the page (``reach``), at least MIN_BUDGET: a list page
# reaching its stories only (one object deep) is not keyed by the stories they link
# (a neighbour whose "Also covered by" changed), which it does not show. Up to
# MAX_BUDGET (each object and budget is hashed once per build: a deeper budget costs
# another pass over what it reaches); deeper still, its pages are rendered. Files
# written outside the writer (feeds) are keyed BUDGET deep.
MIN_BUDGET = 1
BUDGET = 2
MAX_BUDGET = 4
_MISSING = "<missing>"
def _extras(value, kind: type) -> str:
    """The attributes ``value`` carries beyond those its description (``DESCRIBED``)
    admits: none, normally. A walk (``reach``) refuses a page reading such a value, so
    its key names them: a key equal to the previous build's then means the walk would
    find what it found then (``ReusingWriter._key``, a page kept without its walk)."""
    described = DESCRIBED[kind]
    extra = set(vars(value)) - described.fields - described.hidden
    return f"+{sorted(extra)!r}" if extra else ""


def _describe_wrapper(wrapper, budget, fingerprints):
    # url/save_as follow from slug and settings
    return f"{wrapper.name!r}{wrapper.slug!r}{_extras(wrapper, URLWrapper)}"


def _describe_paginator(paginator, budget, fingerprints):
    return (f"{paginator.name!r}{paginator.url!r}{paginator.count}"
            f"{paginator.num_pages}{paginator.per_page}{_extras(paginator, Paginator)}")


def _describe_page(page, budget, fingerprints):
    # One page of a listing: a list of stories with its numbers (entering it is free).
    return (f"{page.number}{page.full_name!r}{page.base_url!r}"
            f"{_describe_paginator(page.paginator, budget, fingerprints)}"
            f"{fingerprints.of(page.object_list, budget)}")


def _describe_stable_paginator(paginator, budget, fingerprints):
    # Not its count nor its number of pages: they change with every story (reading
    # them is refused, see DESCRIBED), and the old pages must not.
    return (f"{paginator.name!r}{paginator.url!r}{paginator.per_page}"
            f"{_extras(paginator, StablePaginator)}")


def _describe_page_link(page, budget, fingerprints):
    # A page as another links it: its number and address (its stories are refused).
    return (f"{page.number}{page.newest}{page.full_name!r}{page.base_url!r}"
            f"{_extras(page, PageLink if isinstance(page, PageLink) else StablePage)}"
            f"{_describe_stable_paginator(page.paginator, budget, fingerprints)}")


def _describe_stable_page(page, budget, fingerprints):
    return (f"{_describe_page_link(page, budget, fingerprints)}"
            f"{fingerprints.of(page.object_list, budget)}")


# The first type a value is an instance of decides (subclasses first).
SPECIAL = {PageLink: _describe_page_link, StablePage: _describe_stable_page,
           Page: _describe_page, StablePaginator: _describe_stable_paginator,
           Paginator: _describe_paginator, URLWrapper: _describe_wrapper,
           Content: describe_content}


def page_fingerprints() -> Fingerprints:
    """Fingerprints for one build's pages: Pelican's types described their own way."""
    return Fingerprints(SPECIAL, flat=(URLWrapper, Paginator, PageLink), costly=(Content,))


STABLE_PAGE_FIELDS = frozenset({"full_name", "name", "extension", "base_name", "base_url",
                                "object_list", "number", "paginator", "settings", "newest"})
STABLE_PAGE_COMPUTED = frozenset({"url", "save_as", "has_next", "has_previous",
                                  "has_other_pages", "next_page_number",
                                  "previous_page_number", "_from_settings"})

# What each description above covers, for ``reach`` (checked against Pelican 4.12):
# the attributes a template may read of these types and how far the key follows them.
DESCRIBED = {
    # Every attribute but the site's context and the metadata (for a seed, its hash
    # stands for what was read; in place changes to it would not show). Its
    # properties and methods read its attributes, metadata and settings; __str__
    # is its source path; it is compared by identity (no __eq__).
    Content: Described(
        hidden=frozenset({"_context", "metadata"}),
        computed=frozenset({"url", "save_as", "content", "summary", "status",
                            "relative_dir", "get_content", "get_summary", "get_siteurl",
                            "get_url_setting", "get_relative_source_path",
                            "get_static_links"}),
        shown=True, compared=True),
    # A page counted from the oldest (paging.py): its number, whether it is the
    # newest, its address and its own stories; the paginator below. Not the positions
    # of its stories in the whole list, which move with every story.
    PageLink: Described(
        fields=STABLE_PAGE_FIELDS, hidden=frozenset({"object_list"}),
        computed=STABLE_PAGE_COMPUTED, shown=True, compared=True),
    StablePage: Described(
        fields=STABLE_PAGE_FIELDS, computed=STABLE_PAGE_COMPUTED, shown=True, compared=True),
    StablePaginator: Described(
        fields=frozenset({"name", "url", "settings", "per_page", "orphans", "object_list",
                          "_num_pages", "_count", "spans"}),
        hidden=frozenset({"object_list", "_num_pages", "_count", "spans"}),
        compared=True),
    # Number, names, address and its own stories (object_list); the paginator below.
    Page: Described(
        computed=frozenset({"url", "save_as", "has_next", "has_previous",
                            "has_other_pages", "next_page_number",
                            "previous_page_number", "start_index", "end_index"}),
        shown=True, compared=True),
    # Its numbers; not the whole listing's stories (only their number is in the key).
    Paginator: Described(
        fields=frozenset({"name", "url", "settings", "per_page", "orphans", "_num_pages",
                          "_count"}),
        hidden=frozenset({"object_list"}),
        computed=frozenset({"count", "num_pages", "page_range"}),
        compared=True),
    # A tag, author or category: its name and slug (its address follows from them;
    # as_dict() copies both into the instance, where the properties hide them).
    URLWrapper: Described(
        fields=frozenset({"settings", "_name", "_slug", "_slug_from_name", "name", "slug"}),
        computed=frozenset({"name", "slug", "url", "save_as", "page_name"}),
        shown=True, compared=True),
}


def page_reach(fingerprints: Fingerprints) -> Reach:
    """How deep each page's template reaches, counted as ``fingerprints`` count."""
    return Reach(fingerprints.kind_of, DESCRIBED)


# On a paginated listing's recorded budgets: a paginated name its page reads (its
# length is in the key) has its digit READ more (a paginated name's budget is 1).
READ = MAX_BUDGET + 1


def _decode_paged(recorded: str, names: tuple[str, ...],
                  paginated: frozenset) -> tuple[tuple[int, ...], frozenset] | None:
    """(budgets, names read) of a paginated listing's recorded digits; None when they
    do not fit the names paginated on this page (then it is walked)."""
    budgets, read = [], set()
    for name, digit in zip(names, map(int, recorded), strict=True):
        if digit >= READ:
            if name not in paginated:
                return None
            read.add(name)
            digit -= READ
        budgets.append(digit)
    return tuple(budgets), frozenset(read)


class ReusingWriter(PagingWriter):
    """The build's writer, keeping what ``speed`` (the build's ``Speed``, bound to the
    class made for the build) says may be kept."""

    speed = None

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.memo = self.speed.memo
        self.fingerprints = self.speed.fingerprints
        self.folders: set[str] = set()  # made already in this build
        if self.memo is not None:
            self.speed.freeze_what_was_read()
            self.deps: dict[int, TemplateDeps] = {}
            self.shared: dict[tuple[str, int, int], str] = {}  # site-wide parts, once each
            self.reach = self.speed.reach
            self._decoded: dict[str, tuple[int, ...]] = {}  # recorded budgets, read once
            self._texts: dict[str, str] = {}  # one string for each distinct budgets
            self._paged: dict[tuple, tuple | None] = {}  # a listing's, decoded once

    # -- the key of one page ------------------------------------------------------

    def _key(self, template, context, localcontext, paginated: frozenset,
             page: str) -> tuple[str | None, str | None]:
        """(the key of ``page``, its budgets to record: see ``_budgets``); None: it
        is rendered, and nothing is recorded of it."""
        environment = template.environment
        deps = self.deps.get(id(environment))
        if deps is None:
            deps = self.deps[id(environment)] = TemplateDeps(environment)
        found = deps.of(template.name) if template.name else None
        if found is None:
            return None, None
        if found.reads is None:
            logger.debug("Rendering %s: %s", localcontext.get("output_file"), found.why)
            return None, None
        try:
            kept = self._as_before(found, context, localcontext, paginated, page)
            if kept is not None:
                return kept
            needed = self.reach.needed(found.reads, localcontext, paginated, context, BUDGET)
            deepest = max(needed.values(), default=0)
            if deepest > MAX_BUDGET:
                name = max(needed, key=needed.get)
                raise Beyond(f"it reaches {deepest} objects deep from {name}; page keys go "
                             f"{MAX_BUDGET} deep at most")
            every_branch = self.reach.every_branch
            read = self.reach.live_names(found.reads, localcontext) if paginated else ()
            budgets = tuple(max(MIN_BUDGET, needed.get(name, 0)) for name in found.names)
            key = self._keyed(found, context, localcontext, paginated, budgets, read)
        except (Unfingerprintable, Beyond) as err:
            logger.debug("Rendering %s: %s", localcontext.get("output_file"), err)
            return None, None
        if paginated:  # its live names too (``_as_before``)
            return key, self._budgets(budgets, found.names, paginated, read)
        return key, (self._budgets(budgets) if every_branch else None)

    def _as_before(self, found, context, localcontext, paginated, page):
        """(key, budgets) when ``page``'s key, worked out at the budgets its walk found
        in an earlier build, is the key it had in the previous build; None otherwise.

        Then the page is kept without walking its template's paths again (about a
        tenth of a steady day). Safe because the key covers everything the walk reads:
        it counts objects as the fingerprints count them, every name at the budget
        the walk found, and what the walk looks at in an object (its type, its
        attributes, a described type's attributes beyond its description: ``_extras``,
        a container's kind, an opaque value's type) is in its fingerprint. So the same
        key means the same values as far as that walk went, hence the same walk. For
        a page that is not a paginated listing, only budgets found by a walk of every
        branch of the template are recorded.

        A paginated listing's walk follows the branches its conditions leave
        (``{% if articles_page.newest %}``), and its key also says which paginated
        names those branches read (their length: ``read``), so both are recorded
        (``_budgets``). The same key still means the same walk: a condition's test is
        read in the branch around it (``template_statements.s_If``,
        ``template_expressions.e_CondExpr``), so the value of every condition that
        decides a live branch lies on a path that walk followed, within the budgets
        recorded, or is a paginated name's truth, its length, which the key holds
        since the name is read there. Same values, same live branches, same paths
        walked, same budgets and names read."""
        recorded = self.memo.budgets_of(page)
        if recorded is None or len(recorded) != len(found.names):
            return None
        if paginated:
            decoded = self._paged.get((recorded, paginated, found.names))
            if decoded is None:
                decoded = self._paged[recorded, paginated, found.names] = _decode_paged(
                    recorded, found.names, paginated)
            if decoded is None:
                return None
            budgets, read = decoded
        else:
            budgets, read = self._decoded.get(recorded), ()
            if budgets is None:
                budgets = self._decoded[recorded] = tuple(map(int, recorded))
        key = self._keyed(found, context, localcontext, paginated, budgets, read)
        return (key, recorded) if self.memo.key_of(page) == key else None

    def _budgets(self, budgets: tuple[int, ...], names: tuple[str, ...] = (),
                 paginated: frozenset = frozenset(), read=()) -> str | None:
        """Budgets as recorded (a digit a name; one string per distinct budgets). On
        a paginated listing, a paginated name's digit is ``READ`` more when the page
        reads it (its length is in the key); None when a digit cannot say it."""
        if paginated:
            digits = [budget + READ if name in paginated and name in read else budget
                      for name, budget in zip(names, budgets, strict=True)]
            if max(digits, default=0) > 9:
                return None
            text = "".join(map(str, digits))
        else:
            text = "".join(map(str, budgets))
            self._decoded.setdefault(text, budgets)
        return self._texts.setdefault(text, text)

    def _keyed(self, found, context, localcontext, paginated: frozenset,
               budgets: tuple[int, ...], read) -> str:
        """The key of a page whose names are fingerprinted ``budgets`` deep."""
        parts = [found.source]
        shared, site = self.shared, context.get
        for name, budget in zip(found.names, budgets, strict=True):
            value = localcontext.get(name, _MISSING)
            if name in paginated:  # each page reads its own slice (articles_page)
                if name in read:  # the list's length, on a page that may show it
                    parts.append(f"{name}#{len(value)}")
                if budget != BUDGET:
                    parts.append(f"{name}@{budget}")
            elif site(name, _MISSING) is value:  # the site's, on every page: its
                # parts worked out once per build (the value lives as long)
                found_parts = shared.get((name, id(value), budget))
                if found_parts is None:
                    found_parts = f"{name}={self.fingerprints.of(value, budget)}"
                    if budget != BUDGET:
                        found_parts += f"\x1e{name}@{budget}"
                    shared[name, id(value), budget] = found_parts
                parts.append(found_parts)
            else:
                parts.append(f"{name}={self.fingerprints.of(value, budget)}")
                if budget != BUDGET:
                    parts.append(f"{name}@{budget}")
        return digest("\x1e".join(parts))

    # -- Pelican's write path, with the check -------------------------------------

    def _claim(self, filename, override) -> bool:
        """``_open_w``'s bookkeeping without opening; False: skip this write."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)')
            return False
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already written to it '
                "previously (set `override=True` if intended)")
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return True

    def _open_w(self, filename, encoding, override=False):
        # A file linked from the previous output shares its data with it: writing
        # into it would change the previous output, so replace it instead.
        if self.memo is not None and filename != os.devnull and os.path.lexists(filename) \
                and filename not in self._overridden_files:
            os.unlink(filename)
        return super()._open_w(filename, encoding, override)

    def _write_page(self, template, context, localcontext, name, override, paginated):
        if localcontext["localsiteurl"]:
            context["localsiteurl"] = localcontext["localsiteurl"]
        path = sanitised_join(self.output_path, name)
        key, budgets = (None, None) if self.memo is None else self._key(
            template, context, localcontext, paginated, name)
        if key is not None and name not in self._written_files \
                and self.memo.reuse(name, key, path, budgets):
            if self._claim(path, override):
                logger.info('Kept "%s"', path)
                signals.content_written.send(path, context=localcontext)
            return
        # The page's address, for the {% memo %} fragments its templates render (the
        # summary of a story links with the shared context's localsiteurl).
        self.speed.page = (localcontext.get("SITEURL"), localcontext["localsiteurl"],
                           context.get("localsiteurl"))
        try:
            output = template.render(localcontext)
        finally:
            self.speed.page = None
        folder = os.path.dirname(path)
        if folder not in self.folders:
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)
        try:
            with self._open_w(path, "utf-8", override=override) as f:
                f.write(output)
        except OSError as err:  # a full disk: say which page
            if err.filename is not None:
                raise
            raise naming(err, path) from err
        logger.info('Writing "%s"', path)
        if self.memo is not None and f.name == path:  # not skipped (os.devnull)
            self.memo.note(name, key, path, output, budgets)
        signals.content_written.send(path, context=localcontext)
