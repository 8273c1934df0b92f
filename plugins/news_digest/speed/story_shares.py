"""The story pages of a build from scratch written by two processes (issue 22).

Pelican glue (it replaces Pelican's ``ArticlesGenerator.generate_articles`` loop,
listed in ``pelican_internals.py``). The story pages are the longest loop of the
writing phase, and each is rendered from the finished context alone. When a build
from scratch writes at least ``SHARE_FROM`` of them and a core is idle, a child is
forked once that context is complete (the stories shared copy-on-write, the
collector frozen by ``Speed.freeze_what_was_read``) and writes the older
``CHILD_SHARE`` of them, while this process writes the newer ones (whose search
shards go to Pagefind first) and then the topic pages and archives. At the end of
the articles generator's pages the child sends back, through a pipe, what writing
changed that the rest of the build reads (the dicts named in ``merged``: the page
record's new entries, the sitemap's; the files it wrote, for Pelican's check of two
pages at one path; its log records), and this process splices them in where one
process would have written those pages (after its own story pages, before the
listings): same order, same bytes, same record.

One process writes them all when the split cannot be safe or cannot pay: fewer
stories than ``SHARE_FROM`` or more than ``SHARE_UP_TO`` (the child's copies of
the pages it touches would take a 100,000-story build past its memory budget), no
idle core (the last minute's load, as the clustering's workers read it), no
``fork``, another thread running (forking one can deadlock), a story that overrides
its address or uses another template than the first (the template record must be
the same as one process's), or ``DIGEST_SECOND_CORE = False``. An error in the
child (a template's, a full disk) is raised here once this process's share is
written; Ctrl-C stops both (the child is killed and reaped whatever happens here).
"""

from __future__ import annotations

import ctypes
import logging
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable
from itertools import chain

from pelican.plugins import signals
from pelican.writers import FileOverwriteFailedError

from ..enrich.cluster_parallel import cores

log = logging.getLogger(__name__)

# Story pages: fewer are written by one process. Measured in builds from scratch of
# ``make bench``'s corpus (docs/history/rebuilding.md, 7 December, thirteenth session).
SHARE_FROM = 400
SHARE_UP_TO = 20_000  # as cluster_parallel's PARALLEL_UP_TO: memory (see above)
# Of the story pages, the older ones: this process writes the rest and then the topic
# pages and archives (about 0.6 of the story pages' CPU at 1,000 stories, 7 December).
CHILD_SHARE = 0.75
PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _stories(generator) -> list:
    """The pages Pelican's loop writes, in its order."""
    return list(chain(generator.translations, generator.articles,
                      generator.hidden_translations, generator.hidden_articles))


def _write_one(generator, write, article) -> None:
    """Pelican 4.12's ``generate_articles``, for one story."""
    signals.article_generator_write_article.send(generator, content=article)
    write(article.save_as, generator.get_template(article.template), generator.context,
          article=article, category=getattr(article, "category", None),
          override_output=hasattr(article, "override_save_as"), url=article.url,
          blog=True)


def split_at(stories: list) -> int | None:
    """Where the child's share begins; None: one process writes every page."""
    if (not SHARE_FROM <= len(stories) <= SHARE_UP_TO or cores() < 2
            or not a_core_idle()
            or not hasattr(os, "fork") or threading.active_count() > 1):
        return None
    template = stories[0].template
    if any(hasattr(s, "override_save_as") or s.template != template for s in stories):
        return None
    return len(stories) - int(len(stories) * CHILD_SHARE)


def a_core_idle() -> bool:
    """Whether the last minute's load average leaves a core idle beside the build's
    own (which it counts: a build running alone reads about 1), by at least half a core:
    the rule of ``glue/read_ahead.py``. A child on a busy machine only shares the build's
    share of the cores, and adds its copied pages and the merge."""
    try:
        busy = os.getloadavg()[0]
    except OSError:  # not available here
        busy = 0.0
    count = cores()
    return count > 1 and busy <= count - 0.5


class _Collect(logging.Handler):
    """The child's log records, sent back to be handled by this process's handlers."""

    def __init__(self):
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        # What a handler reads of it, as plain values: the rest may not pickle.
        self.records.append(logging.makeLogRecord({
            "name": record.name, "levelno": record.levelno, "levelname": record.levelname,
            "msg": record.getMessage(), "pathname": record.pathname,
            "lineno": record.lineno, "funcName": record.funcName,
            "created": record.created, "msecs": record.msecs}))


class StoryShares:
    """The story pages of one articles generator, in one process or two."""

    def __init__(self, generator, speed):
        self.generator = generator
        self.speed = speed
        # (object, attribute): the dicts writing a page adds to (glue/signals.on_all_read)
        self.merged: list[tuple[object, str]] = []
        self.own: list | None = None  # this process's share (None: every story)
        self.child: _Child | None = None
        self.marks: list[int] = []  # the dicts' lengths once this process's share is written
        self.tell: Callable[[str], None] | None = None  # the search index's "written"
        self.cpu = 0.0  # this process's story pages (time.process_time)
        self.forked_at = 0.0  # time.process_time() at the fork

    @classmethod
    def install_in(cls, generators, speed) -> StoryShares | None:
        """Pelican's loop replaced in the articles generator (before the other
        wrappers wrap it); the child's pages merged once its pages are written."""
        generator = next((g for g in generators
                          if all(hasattr(g, name) for name in ("dates", "tags", "authors"))),
                         None)
        if generator is None:
            return None
        shares = cls(generator, speed)
        generator.generate_articles = shares.write_own
        write_pages = generator.generate_pages

        def generate_pages(writer) -> None:
            try:
                write_pages(writer)
                if shares.child is not None:
                    shares.merge()
            finally:
                shares.stop()

        generator.generate_pages = generate_pages
        return shares

    def fork_around(self, merged: list[tuple[object, str]]) -> None:
        """The outermost wrapper (once the others are in place)."""
        self.merged = merged
        self.generator.generate_articles = self.around(self.generator.generate_articles)

    def write_own(self, write) -> None:
        """Pelican's loop (innermost), over this process's share. ``write`` may carry
        ``tell`` and ``later`` (a page written elsewhere, written later: for the search
        index, ``glue/search.index_while_writing``)."""
        started = time.process_time()
        stories = _stories(self.generator) if self.own is None else self.own
        if self.child is not None:
            self.tell = getattr(write, "tell", None)
            later = getattr(write, "later", None)
            if later is not None:  # their shards wait for them
                later(self.child.pages)
        for article in stories:
            _write_one(self.generator, write, article)
        # The child's entries go here, where one process would have made them.
        self.marks = [len(getattr(owner, name)) for owner, name in self.merged]
        self.cpu = time.process_time() - started

    def around(self, inner: Callable) -> Callable:
        """``generate_articles`` (outermost): forks before the search index starts
        its thread, then runs the wrapped loop over this process's share."""

        def generate_articles(write) -> None:
            stories = _stories(self.generator)
            at = split_at(stories) if self.speed.writer is not None else None
            if at is None:
                return inner(write)
            self.own, theirs = stories[:at], stories[at:]
            self.forked_at = time.process_time()
            self.child = _Child.start(self, write, theirs)
            if self.child is None:
                self.own = None
            try:
                return inner(write)
            finally:
                self.own = None

        return generate_articles

    def merge(self) -> None:
        """The child's pages, as if this process had written them after its own."""
        child, self.child = self.child, None
        here = time.process_time() - self.forked_at  # with the topic pages and archives
        waited = time.perf_counter()
        try:
            kind, sent = child.result()
        finally:
            child.stop()
        waited, merging = time.perf_counter() - waited, time.process_time()
        if kind == "failed":  # an exception that could not travel, or none sent
            raise RuntimeError(f"writing story pages in a second process: {sent}")
        if kind == "error":
            raise sent
        written, overridden, folders, dicts, records, (cpu, private) = sent
        writer = self.speed.writer
        for path in sorted(written & writer._written_files):  # as Pelican's check says
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{path}" as Pelican has already written to it '
                "previously (set `override=True` if intended)")
        writer._written_files |= written
        writer._overridden_files |= overridden
        writer.folders |= folders
        for (owner, name), mark, items in zip(self.merged, self.marks, dicts, strict=True):
            _splice(getattr(owner, name), mark, items)
        for record in records:
            logging.getLogger(record.name).handle(record)
        if self.tell is not None:
            for page in child.pages:
                self.tell(page)
        log.debug("story pages: %d here in %.2f s of CPU (%.2f s with the listings), %d in "
                  "a second process in %.2f s (%.0f MB of its own memory); waited %.2f s, "
                  "merged in %.2f s", len(_stories(self.generator)) - len(child.pages),
                  self.cpu, here, len(child.pages), cpu, private / 1024, waited,
                  time.process_time() - merging)

    def stop(self) -> None:
        """Whatever stopped this process (an error, Ctrl-C): no child left writing."""
        self.own, self.tell = None, None
        if self.child is not None:
            child, self.child = self.child, None
            child.stop()


def _splice(entries: dict, mark: int, items: list) -> None:
    """``items`` put in ``entries`` after its first ``mark`` entries (in place: the
    dict's owner keeps it), where one process would have added them."""
    if mark == len(entries):
        entries.update(items)
        return
    after = list(entries.items())[mark:]
    for key, _ in after:
        del entries[key]
    entries.update(items)
    entries.update(after)


class _Child:
    def __init__(self, pid: int, reading: int, pages: list[str]):
        self.pid, self.reading, self.pages = pid, reading, pages

    @classmethod
    def start(cls, shares: StoryShares, write, theirs: list) -> _Child | None:
        writer = shares.speed.writer
        reading, writing = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            pid = os.fork()
        except OSError as error:  # no process to be had: this one writes them all
            log.debug("story pages in one process: %s", error)
            os.close(reading)
            os.close(writing)
            return None
        if pid == 0:  # the child: write, send, never return into the build
            code = 1
            try:
                os.close(reading)
                code = _child(shares, writer, write, theirs, writing)
            finally:
                os._exit(code)
        os.close(writing)
        return cls(pid, reading, [a.save_as for a in theirs])

    def result(self):
        with os.fdopen(self.reading, "rb") as pipe:
            self.reading = -1
            data = pipe.read()
        os.waitpid(self.pid, 0)
        self.pid = 0
        return pickle.loads(data) if data else ("failed", None)

    def stop(self) -> None:
        """The child goes (killed if still writing) and is reaped: no stray process."""
        if self.reading >= 0:
            os.close(self.reading)
            self.reading = -1
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = 0


def _child(shares: StoryShares, writer, write, theirs: list, pipe: int) -> int:
    """Write ``theirs``; send what the parent merges (or the error). Exit code."""
    try:
        _die_with_parent()
        root = logging.getLogger()
        collect = _Collect()
        root.handlers = [collect]
        written, overridden = set(writer._written_files), set(writer._overridden_files)
        folders = set(writer.folders)
        for owner, name in shares.merged:
            setattr(owner, name, {})
        started = time.process_time()
        for article in theirs:
            _write_one(shares.generator, write, article)
        sent = ("ok", (writer._written_files - written, writer._overridden_files - overridden,
                       writer.folders - folders,
                       [list(getattr(owner, name).items()) for owner, name in shares.merged],
                       collect.records, (time.process_time() - started, _private_kb())))
    except KeyboardInterrupt:  # Ctrl-C reached both: the parent reports it
        return 130
    except Exception as error:  # noqa: BLE001 - sent to the parent, which raises it
        sent = ("error", error)
        try:
            pickle.loads(pickle.dumps(sent))
        except Exception:  # noqa: BLE001 - cannot travel: its text does
            sent = ("failed", f"{type(error).__name__}: {error}")
    try:
        data = pickle.dumps(sent, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as error:  # noqa: BLE001 - said, not lost
        data = pickle.dumps(("failed", f"its results: {type(error).__name__}: {error}"))
    with os.fdopen(pipe, "wb") as out:
        out.write(data)
    return 0


def _die_with_parent() -> None:
    """Linux: the child is killed if the build's process dies first (SIGKILL, which no
    ``finally`` sees), rather than go on writing into a staging folder nobody keeps."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the pipe's end stops it instead
        pass


def _private_kb() -> int:
    """This process's memory of its own (copied on write), in kB; 0 if unknown."""
    try:
        with open("/proc/self/smaps_rollup", encoding="ascii") as rollup:
            return sum(int(line.split()[1]) for line in rollup
                       if line.startswith(("Private_Clean:", "Private_Dirty:")))
    except (OSError, ValueError, IndexError):
        return 0
