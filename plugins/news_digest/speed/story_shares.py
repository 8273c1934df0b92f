"""The story pages of a build from scratch written by two processes (issue 22).

Pelican glue (it replaces Pelican's ``ArticlesGenerator.generate_articles`` loop,
listed in ``pelican_internals.py``). The story pages are the longest part of the
writing phase, and each is rendered from the finished context alone. When a build
from scratch writes at least ``SHARE_FROM`` of them, a child is forked once that
context is complete (the stories shared copy-on-write, the collector frozen by
``Speed.freeze_what_was_read``) and writes the older share while this process
writes the newer one (whose search shards go to Pagefind first); the child sends
back, through a pipe, what writing changed that the rest of the build reads (the
dicts named in ``merged``: the page record's new entries, the sitemap's; the files
it wrote, for Pelican's check of two pages at one path; its log records), and this
process merges them as if it had written those pages after its own: same order,
same bytes, same record.

One process writes them all when the split cannot be safe or cannot pay: fewer
stories than ``SHARE_FROM`` or more than ``SHARE_UP_TO`` (the child's copies of
the pages it touches would take a 100,000-story build past its memory budget), a
single core, no ``fork``, another thread running (forking one can deadlock), a
story that overrides its address or uses another template than the first (the
template record must be the same as one process's). An error in the child (a
template's, a full disk) is raised here, as writing that page here would have
raised it; Ctrl-C stops both (the child is killed and reaped whatever happens here).
"""

from __future__ import annotations

import ctypes
import logging
import os
import pickle
import signal
import sys
import threading
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
CHILD_SHARE = 0.5  # of the story pages, the older ones
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
            or not hasattr(os, "fork") or threading.active_count() > 1):
        return None
    template = stories[0].template
    if any(hasattr(s, "override_save_as") or s.template != template for s in stories):
        return None
    return len(stories) - int(len(stories) * CHILD_SHARE)


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
        # (object, attribute): the dicts writing a page adds to (Speed.share_story_pages)
        self.merged: list[tuple[object, str]] = []
        self.own: list | None = None  # this process's share (None: every story)
        self.child: _Child | None = None

    @classmethod
    def install(cls, generator, speed) -> StoryShares:
        """Pelican's loop replaced (before the other wrappers wrap it)."""
        shares = cls(generator, speed)
        generator.generate_articles = shares.write_own
        return shares

    def fork_around(self, merged: list[tuple[object, str]]) -> None:
        """The outermost wrapper (once the others are in place)."""
        self.merged = merged
        self.generator.generate_articles = self.around(self.generator.generate_articles)

    def write_own(self, write) -> None:
        """Pelican's loop (innermost), over this process's share; then the child's
        share is merged, in Pelican's order. ``write`` may carry ``tell`` (a page
        written elsewhere, for the search index: ``glue/search.index_while_writing``)."""
        stories = _stories(self.generator) if self.own is None else self.own
        for article in stories:
            _write_one(self.generator, write, article)
        if self.child is not None:
            child, self.child = self.child, None
            child.merge_into(self, getattr(write, "tell", None))

    def around(self, inner: Callable) -> Callable:
        """``generate_articles`` (outermost): forks before the search index starts
        its thread, then runs the wrapped loop over this process's share."""

        def generate_articles(write) -> None:
            stories = _stories(self.generator)
            at = split_at(stories) if self.speed.writer is not None else None
            if at is None:
                return inner(write)
            self.own, theirs = stories[:at], stories[at:]
            self.child = _Child.start(self, write, theirs)
            if self.child is None:
                self.own = None
            try:
                return inner(write)
            finally:
                self.own = None
                if self.child is not None:  # not merged: this process failed first
                    self.child.stop()
                    self.child = None

        return generate_articles


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

    def _result(self):
        with os.fdopen(self.reading, "rb") as pipe:
            self.reading = -1
            data = pipe.read()
        os.waitpid(self.pid, 0)
        self.pid = 0
        return pickle.loads(data) if data else ("failed", None)

    def merge_into(self, shares: StoryShares, tell) -> None:
        try:
            kind, sent = self._result()
        finally:
            self.stop()
        if kind == "failed":  # an exception that could not travel, or none sent
            raise RuntimeError(f"writing story pages in a second process: {sent}")
        if kind == "error":
            raise sent
        written, overridden, folders, dicts, records = sent
        writer = shares.speed.writer
        for path in sorted(written & writer._written_files):  # as Pelican's check says
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{path}" as Pelican has already written to it '
                "previously (set `override=True` if intended)")
        writer._written_files |= written
        writer._overridden_files |= overridden
        writer.folders |= folders
        for (owner, name), items in zip(shares.merged, dicts, strict=True):
            getattr(owner, name).update(items)
        for record in records:
            logging.getLogger(record.name).handle(record)
        if tell is not None:
            for page in self.pages:
                tell(page)

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
        for article in theirs:
            _write_one(shares.generator, write, article)
        sent = ("ok", (writer._written_files - written, writer._overridden_files - overridden,
                       writer.folders - folders,
                       [list(getattr(owner, name).items()) for owner, name in shares.merged],
                       collect.records))
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
