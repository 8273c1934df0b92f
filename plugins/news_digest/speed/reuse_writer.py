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
folder does not exist (a build from scratch), nothing is kept but every key is still
worked out and recorded, so that the next build keeps what did not change.
"""

from __future__ import annotations

import logging
import os

from pelican.plugins import signals
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError

from ..diskspace import make_folder, write_bytes_naming
from .fingerprint import Unfingerprintable, digest
from .page_descriptions import BUDGET, MAX_BUDGET, MIN_BUDGET
from .paging import PagingWriter
from .reach import Beyond
from .template_deps import TemplateDeps

logger = logging.getLogger(__name__)

_MISSING = "<missing>"


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
        self.speed.writer = self  # the story pages' second process merges into it
        # Files linked from the previous output may be in the new one (none in a
        # build from scratch: nothing is kept, so nothing needs replacing, ``_open_w``).
        self.links = self.memo is not None and not self.speed.from_scratch
        if self.memo is not None:
            self.speed.freeze_what_was_read()
            self.deps: dict[int, TemplateDeps] = {}
            self.shared: dict[tuple[str, int, int], str] = {}  # site-wide parts, once each
            self.reach = self.speed.reach
            self._decoded: dict[str, tuple[int, ...]] = {}  # recorded budgets, read once
            self._texts: dict[str, str] = {}  # one string for each distinct budgets
            self._paged: dict[tuple, tuple | None] = {}  # a listing's, decoded once
            self._floors: dict[int, tuple] = {}  # id(found) -> (found, index, floor)

    # -- the key of one page ------------------------------------------------------

    def _key(self, template, context, localcontext, paginated: frozenset,
             page: str) -> tuple[str | None, str | None]:
        """(the key of ``page``, its budgets to record: see ``_budgets``); None: it
        is rendered, and nothing is recorded of it."""
        environment = template.environment
        deps = self.deps.get(id(environment))
        if deps is None:
            deps = self.deps[id(environment)] = self.speed.templates.deps(environment)
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
            budgets = self._budgets_found(found, needed)
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

    def _budgets_found(self, found, needed: dict[str, int]) -> tuple[int, ...]:
        """Each of ``found.names`` keyed as deep as the walk found (``needed``), at
        least ``MIN_BUDGET``: a walk names a few of a template's thirty-odd names, so
        the others' floor is made once per template and build, not once per page."""
        entry = self._floors.get(id(found))
        if entry is None:  # ``found`` kept in the entry: its id stays its own
            entry = self._floors[id(found)] = (
                found, {name: index for index, name in enumerate(found.names)},
                (MIN_BUDGET,) * len(found.names))
        _, index, floor = entry
        budgets = None
        for name, cost in needed.items():
            at = index.get(name)
            if at is not None and cost > MIN_BUDGET:
                if budgets is None:
                    budgets = list(floor)
                budgets[at] = cost
        return floor if budgets is None else tuple(budgets)

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
        if self.links and filename != os.devnull and os.path.lexists(filename) \
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
            self.speed.page_written()
        folder = os.path.dirname(path)
        if folder not in self.folders:
            make_folder(folder)
            self.folders.add(folder)
        # Pelican's ``_open_w`` and its text file, less the file object: the page's
        # bytes (encoded once, for the file and the record) in one write.
        data = output.encode("utf-8")
        if self._claim(path, override):
            if self.links and os.path.lexists(path):  # see ``_open_w``
                os.unlink(path)
            write_bytes_naming(path, data)  # a full disk: the error names the page
            if self.memo is not None:
                self.memo.note(name, key, path, data, budgets)
        else:  # written to os.devnull by Pelican's writer: nothing
            logger.info('Skipping "%s", not overwriting', path)
        logger.info('Writing "%s"', path)
        signals.content_written.send(path, context=localcontext)
