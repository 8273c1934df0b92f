"""One import at a time into one seed folder: an ``flock`` on the folder itself.

Pure module (no Pelican import), used by the ``import`` command. Two imports into one
folder at once (a scheduled one and one by hand) each read which stories the folder
held, then wrote the new ones: a story both fetched was written twice, under two
numbers. The lock is held from before the folder is read until the last seed is
written; the system drops it however the import ends (``kill -9`` too), and no file
is left behind. A second import waits for the first, saying so once.

Holding it, the import removes the temporary files of imports that were killed
while writing a seed (``.import.tmp-<pid>-...``, told by their writer's pid): before,
each stayed in the seed folder for good. Versions before 7 December 2026 named theirs
``.import-XXXXXXXX.tmp``, with no pid and no lock: such a file is removed once it is
a minute old (a seed is written in milliseconds; one that old is no live import's).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..atomic_file import remove_stale_temps

# ``tempfile.mkstemp(prefix=".import-", suffix=".tmp")``: eight of [a-z0-9_]
_OLD_TEMP_RE = re.compile(r"^\.import-[a-z0-9_]{8}\.tmp$")
OLD_TEMP_AGE = 60.0  # seconds

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
        remove_old_temps(folder)
        yield
    finally:
        if fd is not None:
            os.close(fd)  # the lock goes with it


def remove_old_temps(folder: Path) -> list[Path]:
    """Remove the temporary seeds earlier versions' killed imports left; return them."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        if not _OLD_TEMP_RE.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if entry.is_file(follow_symlinks=False) and now - info.st_mtime > OLD_TEMP_AGE:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            pass
    return removed
