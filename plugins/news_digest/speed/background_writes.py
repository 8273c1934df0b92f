"""Files written by a thread of their own while the build makes the next one.

A build from scratch writes thousands of feed files; making each new file costs the
kernel more than the build's Python spends on writing it (at 1,000 stories, 2,024
feeds: about a quarter of the feed writer's time, in ``open``). Written by a second
thread, that time overlaps with the making of the next feed, on the machine's other
core.

``BackgroundWrites`` writes the files handed to it in order, each folder made once;
the first error (a full disk: ``diskspace.write_bytes_naming`` names the file) is
raised in the build's thread at the next ``write`` or when the block ends, and no
file is written after it. ``close`` returns once every file is on disk.
``Writes`` does the same at once, in the caller's thread (a build that keeps pages
notes each file's size and time as soon as it is written).

Pure module: the standard library and ``diskspace``.
"""

from __future__ import annotations

import os
import queue
import threading

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
        self._thread = threading.Thread(target=self._run, name="digest-writes", daemon=True)
        self._thread.start()

    def write(self, path, data: bytes) -> None:
        self._raise()
        self._queue.put((path, data))

    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            if self._error is not None or self._stop:
                continue  # let the queue drain: nothing after a failure is written
            try:
                Writes.write(self, *job)
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

    def __exit__(self, kind, error, trace) -> None:
        if error is not None:  # the build failed meanwhile: its error is the one told
            self._stop = True
            self._error = None
            if self._thread.is_alive():
                self._queue.put(None)
                self._thread.join()
            return
        self.close()
