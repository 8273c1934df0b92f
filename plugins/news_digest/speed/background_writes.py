"""Files written by a thread of their own while the build makes the next one.

A build from scratch writes thousands of story pages and feed files; making each new
file costs the kernel more than the build's Python spends on writing it (at 1,000
stories, 2,024 feeds: about a quarter of the feed writer's time, in ``open``; the
story pages likewise). Written by a second thread, that time overlaps with the making
of the next page or feed, on the machine's other core.

``BackgroundWrites`` writes the files handed to it in order, each folder made once;
the first error (a full disk: ``diskspace.write_bytes_naming`` names the file) is
raised in the build's thread at the next ``write`` or when the block ends, and no
file is written after it. ``close`` returns once every file is on disk.
``Writes`` does the same at once, in the caller's thread (a build that keeps pages
notes each file's size and time as soon as it is written). ``WritingBehind`` (the
story pages: ``Speed.pages_written_behind``) also runs, in the build's thread and in
order, what must follow each page's file on disk: Pelican's ``content_written``, and
the search index told of the page, which Pagefind links.

Pure module: the standard library and ``diskspace``.
"""

from __future__ import annotations

import os
import queue
import threading
from collections import deque

from ..diskspace import write_bytes_naming

QUEUED = 64  # files waiting at most: what the build holds beyond what it writes


class Writes:
    """Each file written at once (``BackgroundWrites``' interface)."""

    def __init__(self):
        self._folders: set[str] = set()

    def write(self, path, data: bytes) -> None:
        folder = os.path.dirname(path)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        write_bytes_naming(path, data)

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace) -> None:
        self.close()


class BackgroundWrites(Writes):
    """Files written in order by a thread of their own."""

    def __init__(self, queued: int = QUEUED):
        super().__init__()
        self._queue: queue.Queue = queue.Queue(maxsize=queued)
        self._error: BaseException | None = None
        self._stop = False  # the build failed: write nothing more
        self._queued = 0  # files handed over
        self._written = 0  # files on disk, all of them before any failure
        self._thread = threading.Thread(target=self._run, name="digest-writes", daemon=True)
        self._thread.start()

    def write(self, path, data: bytes) -> int:
        """Hand ``data`` over for ``path``; its number, counted from 1 (see ``written``)."""
        self._raise()
        self._queue.put((path, data))
        self._queued += 1
        return self._queued

    @property
    def written(self) -> int:
        """How many of the files handed over are on disk (the first ones, in order)."""
        return self._written

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            if self._error is None and not self._stop:  # after a failure: drain only
                try:
                    Writes.write(self, *job)
                    self._written += 1
                except BaseException as err:  # noqa: BLE001 - raised in the build's thread
                    self._error = err

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            self._stop = True
            raise error

    def close(self) -> None:
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        self._raise()

    def abort(self) -> None:
        """The build failed meanwhile: its error is the one told; write nothing more."""
        self._stop = True
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        self._error = None

    def __exit__(self, kind, error, trace) -> None:
        if error is not None:
            self.abort()
        else:
            self.close()


class WritingBehind:
    """Pages written behind: each page's file by the thread while the next pages
    render. What must follow a page's file on disk (Pelican's ``content_written``,
    the search index told of the page: ``after``) runs in the build's thread, in
    order, once it is: when a later page is handed over, or at ``close``. The build's
    thread never waits for the writer but when ``QUEUED`` files wait (on a busy
    machine, waiting for each page before the next cost more than it saved)."""

    def __init__(self):
        self.files = BackgroundWrites()
        self.pending: deque = deque()  # (number of the file it follows, what to run)
        self.number = 0  # of the last file handed over

    def write(self, path, data: bytes) -> None:
        self.number = self.files.write(path, data)
        self._run_through(self.files.written)

    def after(self, then) -> None:
        """Run ``then`` once every file handed over so far is on disk."""
        self.pending.append((self.number, then))

    def _run_through(self, number: int) -> None:
        while self.pending and self.pending[0][0] <= number:
            self.pending.popleft()[1]()

    def close(self) -> None:
        self.files.close()
        self._run_through(self.number)

    def abort(self) -> None:
        self.pending.clear()
        self.files.abort()
