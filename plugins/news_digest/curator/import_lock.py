"""One import at a time into one seed folder: an ``flock`` on the folder itself.

Pure module (no Pelican import), used by the ``import`` command. Two imports into one
folder at once (a scheduled one and one by hand) each read which stories the folder
held, then wrote the new ones: a story both fetched was written twice, under two
numbers. The lock is held from before the folder is read until the last seed is
written; the system drops it however the import ends (``kill -9`` too), and no file
is left behind. A second import waits for the first, saying so once.

Holding it, the import removes the temporary files of imports that were killed
while writing a seed (``.import.tmp-<pid>-...``, told by their writer's pid): before,
each stayed in the seed folder for good.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..atomic_file import remove_stale_temps

try:
    import fcntl
except ImportError:  # not on POSIX: no lock, as before
    fcntl = None


@contextmanager
def importing_into(folder: Path, waiting: Callable[[], None]) -> Iterator[None]:
    """Hold ``folder`` for this import; ``waiting()`` is called once if another
    import holds it (the wait that follows ends with it; Ctrl-C ends the wait)."""
    fd = None
    if fcntl is not None:
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError:  # not readable: the import says what is wrong with it
            fd = None
    try:
        if fd is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                waiting()
                fcntl.flock(fd, fcntl.LOCK_EX)
            except OSError:  # a file system without locks: as before
                pass
        remove_stale_temps(folder)
        yield
    finally:
        if fd is not None:
            os.close(fd)  # the lock goes with it
