"""Pelican glue: many seeds read anew are read from both ends at once, in two processes.

A build from scratch reads every seed (parsing, topics, credit: about a sixth of its
CPU time), each on its own, and what the seed reader makes of a seed depends only on
the file and the build's settings (``SeedReader.made``). So when a build has at least
``READ_AHEAD_FROM`` seeds to read anew (its content cache holds none of them), it
reads them before Pelican asks: this process from the first seed up, a child forked
for it from the last seed down, until the two meet. Each process publishes how far
it has come in a shared page of memory and stops where the other has been, so the
split follows whichever core is free. Each process also makes what clustering will
read of each seed's text (``clusters.text_terms``, kept pickled until then). The child
sends its results pickled through a pipe; this process unpickles them (about a
tenth of the cost of reading a seed) into ``{path: made}``, which ``SeedReader.read``
takes from. One pickler writes a run of ``RUN`` stories and one unpickler reads it,
so what the child's stories share (the taxonomy's phrases, the metadata's keys) is
one object in this process too, as when it reads them itself: pickled one by one, a
story held 25 % more memory. The stories, their order and every value are the same
as one process makes: the child only runs ``made``, and whatever it did not deliver
(it failed on a seed, it was killed, a result did not pickle) this process reads
itself, failing the same way if the seed fails.

The child is forked before anything is read, while the build is small (the
benchmark's memory is the resident memory of every process summed: the child counts
what it shares with the build), after ``gc.freeze`` so that its collector does not
copy the build's pages. It writes nothing but the pipe, takes the default action on
every stopping signal (Ctrl-C stops it with the build, silently), dies with the
build (``PR_SET_PDEATHSIG``, and a closed pipe), and leaves with ``os._exit``; the
build kills and reaps it in a ``finally``, whatever stopped the reading. No child is
forked from a process running other threads (forking one can deadlock), on a single
core, where ``fork`` is missing, or when the load average leaves no core free.
"""

from __future__ import annotations

import gc
import io
import logging
import mmap
import multiprocessing
import os
import pickle
import select
import signal
import struct
import threading
from collections.abc import Callable, Sequence
from functools import partial

from ..enrich.clusters import text_terms

logger = logging.getLogger(__name__)

READ_AHEAD_FROM = 2000  # seeds read anew: fewer are read in this process alone
BATCH = 32  # results the child sends at once
RUN = 1000  # results pickled with one memo (the child holds them until the next run)
WAIT_SECONDS = 60.0  # silence from the child after which this process reads the rest
_FRAME = struct.Struct("<Q")  # each message: its length, then its kind and body
_BATCH, _RUN, _END = b"B", b"R", b"E"  # a pickle; a new run (a new memo); the last
_UP, _DOWN = 0, 8  # offsets in the shared page: this process's next seed, the child's


def read_seeds_ahead(build, generator, seeds: Sequence[str]) -> None:
    """Before the articles generator reads ``seeds`` (paths relative to its content
    folder): those its content cache does not hold are read ahead into
    ``build.read_ahead``, by Pelican's path for each (``Readers.read_file``'s), when
    they are many; otherwise nothing is done and each is read as Pelican asks."""
    readers = generator.readers
    cached = getattr(readers, "_cache", None) or {}  # the content cache, by path
    if not build.speed.enabled or len(seeds) - len(cached) < READ_AHEAD_FROM:
        return
    paths = [os.path.abspath(os.path.join(generator.path, seed)) for seed in seeds]
    fresh = [path for path in paths if path not in cached]
    reader = next((r for r in readers.readers.values() if hasattr(r, "made")), None)
    if reader is None or not worth_a_child(len(fresh)):
        return
    made = read_ahead(partial(_with_terms, reader.made), fresh, build.speed.stories_read)
    build.read_ahead = {path: (content, meta) for path, (content, meta, _) in made.items()}
    build.story_terms = {path: terms for path, (_, _, terms) in made.items() if terms}


def _with_terms(made, path: str) -> tuple:
    """What the reader makes of the seed at ``path``, and what clustering will read of
    its text (``clusters.text_terms``, pickled: 0.5 KB, where the terms in memory are
    3 KB), made now in whichever process reads it."""
    content, meta = made(path)
    seed = meta.get("seed")
    terms = None if seed is None else pickle.dumps(
        text_terms(seed.title, seed.paragraphs, seed.published), pickle.HIGHEST_PROTOCOL)
    return content, meta, terms


def worth_a_child(count: int) -> bool:
    """Whether ``count`` seeds read anew are read in two processes."""
    if count < READ_AHEAD_FROM or threading.active_count() > 1:
        return False
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    return _a_core_free()


def _a_core_free() -> bool:
    """Whether the last minute's load average leaves at least half a core beside the
    build's. On a busy machine the child only shares the build's share of it (Linux
    gives each session its share, whatever runs in it) and adds the pickling."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except OSError:  # not available here
        busy = 0.0
    return cores > 1 and busy <= cores - 0.5


def read_ahead(made: Callable[[str], object], paths: Sequence[str],
               taken: Callable[[int], None] = lambda count: None) -> dict:
    """``{path: made(path)}`` for every path in ``paths`` (or fewer: a path missing is
    read by the caller), this process and a forked child each taking one end;
    ``taken(count)`` as this process holds ``count`` more results (the build freezes
    them for the collector as they come, ``Speed.stories_read``)."""
    ends = mmap.mmap(-1, 16)
    _put(ends, _UP, 0)
    _put(ends, _DOWN, len(paths) - 1)
    inbox, outbox = os.pipe()
    parent = os.getpid()
    froze = gc.get_freeze_count() == 0
    if froze:
        gc.freeze()  # the child's collector then leaves the build's pages unwritten
    try:
        child = os.fork()
    except OSError as error:
        logger.info("reading %d seeds in one process: %s", len(paths), error)
        child = -1
    if child == 0:
        _child(made, paths, ends, inbox, outbox, parent)  # never returns
    if froze:
        gc.unfreeze()
    os.close(outbox)
    results: dict = {}
    try:
        if child > 0:
            _read_up(made, paths, ends, inbox, results, taken)
    finally:
        os.close(inbox)
        ends.close()
        if child > 0:
            _stop(child)
    return results


def _read_up(made, paths, ends, inbox, results, taken) -> None:
    """This process's end: the seeds from the first up to where the child has been;
    then whatever the child has still to send."""
    os.set_blocking(inbox, False)
    mail = _Inbox(inbox, paths, results, taken)
    up = 0
    while up <= _get(ends, _DOWN):
        path = paths[up]
        try:
            results[path] = made(path)
        except Exception:  # noqa: BLE001 - left to the caller, which fails as it would
            pass
        taken(1)
        up += 1
        _put(ends, _UP, up)
        mail.drain(block=False)
    os.set_blocking(inbox, True)
    while not mail.ended:
        ready, _, _ = select.select([inbox], [], [], WAIT_SECONDS)
        if not ready:  # the child is stuck: what it took is read here (by the caller)
            logger.info("the seeds' second reader sent nothing for %.0f s", WAIT_SECONDS)
            return
        mail.drain(block=True)


class _Inbox:
    """What the child sends, read into ``results`` as it comes."""

    def __init__(self, inbox: int, paths, results: dict, taken):
        self.inbox, self.paths, self.results, self.taken = inbox, paths, results, taken
        self.pending = bytearray()
        self.ended = False  # the child's end (or its death: the pipe closed) was seen
        self.feed = io.BytesIO()
        self.unpickler = pickle.Unpickler(self.feed)
        self.broken = False  # a run that failed to unpickle: its rest is read here

    def drain(self, block: bool) -> None:
        while not self.ended:
            try:
                data = os.read(self.inbox, 1 << 20)
            except BlockingIOError:
                return
            if not data:
                self.ended = True  # the child is gone: what it did not send is read here
                return
            self.pending += data
            self._messages()
            if block:
                return

    def _messages(self) -> None:
        pending = self.pending
        while len(pending) >= _FRAME.size and not self.ended:
            (size,) = _FRAME.unpack_from(pending)
            if len(pending) < _FRAME.size + size:
                return
            kind = bytes(pending[_FRAME.size:_FRAME.size + 1])
            body = bytes(pending[_FRAME.size + 1:_FRAME.size + size])
            del pending[:_FRAME.size + size]
            if kind == _END:
                self.ended = True
            elif kind == _RUN:  # the child's pickler forgot its memo: so does ours
                self.unpickler = pickle.Unpickler(self.feed)
                self.broken = False
            elif not self.broken:
                self._take(body)

    def _take(self, body: bytes) -> None:
        feed = self.feed
        feed.seek(0)
        feed.truncate()
        feed.write(body)
        feed.seek(0)
        try:
            batch = self.unpickler.load()
        except Exception:  # noqa: BLE001 - not ours to judge: the caller reads them again
            self.broken = True  # later messages of this run may refer to this one
            return
        for at, made in batch:
            path = self.paths[at]
            if path not in self.results:  # both ends read it as they met: ours stands
                self.results[path] = made
        self.taken(len(batch))


def _stop(child: int) -> None:
    """The child is done, or is stopped now: reaped either way."""
    try:
        pid, _ = os.waitpid(child, os.WNOHANG)
        if pid == 0:
            os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)
    except (ChildProcessError, ProcessLookupError):
        pass


def _child(made, paths, ends, inbox, outbox, parent: int) -> None:
    """The forked end: the seeds from the last down to where this process has been,
    each result pickled on its own (one that does not pickle is left to the build)."""
    code = 0
    try:
        for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGPIPE"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_DFL)
        os.close(inbox)
        _die_with(parent)
        out = _Outbox(outbox)
        down = len(paths) - 1
        while down >= _get(ends, _UP):
            try:
                out.add(down, made(paths[down]))
            except Exception:  # noqa: BLE001 - the build reads that seed again itself
                pass
            down -= 1
            _put(ends, _DOWN, down)
        out.send()
        _send(outbox, _END)
    except BaseException:  # noqa: BLE001 - the build reads what was not sent
        code = 1
    finally:
        os._exit(code)


class _Outbox:
    """The child's results, pickled a batch at a time, one memo a run."""

    def __init__(self, outbox: int):
        self.outbox = outbox
        self.batch: list = []
        self.buffer = io.BytesIO()
        self.pickler = pickle.Pickler(self.buffer, pickle.HIGHEST_PROTOCOL)
        self.in_run = 0

    def add(self, at: int, made) -> None:
        self.batch.append((at, made))
        if len(self.batch) >= BATCH:
            self.send()

    def send(self) -> None:
        if not self.batch:
            return
        if self.in_run >= RUN:
            self._new_run()
        self.buffer.seek(0)
        self.buffer.truncate()
        try:
            self.pickler.dump(self.batch)
        except Exception:  # noqa: BLE001 - the build reads these seeds itself
            self._new_run()  # the memo may hold what was never sent
        else:
            _send(self.outbox, _BATCH + self.buffer.getvalue())
        self.in_run += len(self.batch)
        self.batch = []

    def _new_run(self) -> None:
        self.pickler.clear_memo()  # lets go of what the run pickled
        self.in_run = 0
        _send(self.outbox, _RUN)


def _send(outbox: int, message: bytes) -> None:
    data = memoryview(_FRAME.pack(len(message)) + message)
    while data:
        data = data[os.write(outbox, data):]


def _die_with(parent: int) -> None:
    """Linux: the kernel kills this process when the build's process dies."""
    try:
        import ctypes  # noqa: PLC0415 - the child alone needs it

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # elsewhere the closed pipe stops it at its next message
    if os.getppid() != parent:  # the build died before that
        os._exit(1)


def _put(ends: mmap.mmap, at: int, value: int) -> None:
    struct.pack_into("<q", ends, at, value)


def _get(ends: mmap.mmap, at: int) -> int:
    return struct.unpack_from("<q", ends, at)[0]
