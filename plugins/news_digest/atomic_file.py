"""Files the build keeps for itself, written whole or not at all.

Pure module (no Pelican import), a helper of the rebuild (the ``speed`` stage).
A file is written to a temporary name in its own folder, flushed and synced to
disk, then renamed over the real name: a reader sees the old file or the new
one, never a part. A process killed mid-write leaves only the temporary file;
its name carries the writer's pid, so a later build can tell it is debris
(``remove_stale_temps``) without touching one another process is still writing.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

# .<name>.tmp-<pid>-<random>
_TEMP_RE = re.compile(r"^\..+\.tmp-(\d+)-[A-Za-z0-9_]+$")


def temp_prefix(name: str) -> str:
    return f".{name}.tmp-{os.getpid()}-"


def write_atomically(path: str | os.PathLike, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write`` with a binary file that becomes ``path`` once it returns.

    The data and the rename are synced to disk (a power cut leaves the old file or
    the new one). On any error or interrupt the temporary file is removed and
    ``path`` is unchanged; an error that names no file names ``path``.
    """
    target = Path(path)
    fd, temp = tempfile.mkstemp(prefix=temp_prefix(target.name), dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o666 & ~_UMASK)  # mkstemp made it private
        os.replace(temp, target)
    except BaseException as err:
        try:
            os.unlink(temp)
        except OSError:
            pass
        if isinstance(err, OSError) and err.filename is None:  # a failed write() names
            raise type(err)(err.errno, err.strerror, str(target)) from err  # no file
        raise
    sync_folder(target.parent)


def write_bytes_atomically(path: str | os.PathLike, data: bytes) -> None:
    write_atomically(path, lambda out: out.write(data))


def sync_folder(folder: str | os.PathLike) -> None:
    """Make a rename in ``folder`` durable (best effort: not every system can)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def folder_mode() -> int:
    """The mode a new folder gets from the umask."""
    return 0o777 & ~_UMASK


def remove_stale_temps(folder: str | os.PathLike) -> list[Path]:
    """Remove the temporary files of writers that are no longer running; return them."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP_RE.match(entry.name)
        if match and entry.is_file(follow_symlinks=False) and not _alive(int(match.group(1))):
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _read_umask() -> int:
    # Once, at import: setting the umask to read it is not safe while other
    # threads (the search indexer) create files.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def pending_path(record: Path) -> Path:
    """This process's pending version of ``record`` (``pages.json.<pid>.new``), made
    current when its build succeeds. Numbered by the writer: two builds into two
    outputs with the same settings share a cache folder, and under one name each
    committed the other's record, overwrote it, or dropped it when it failed."""
    return record.with_name(f"{record.name}.{os.getpid()}.new")


def pending_versions(record: Path, *, dead_only: bool = False) -> list[Path]:
    """Every pending version of ``record`` (any writer's, and the unnumbered one of
    earlier versions); ``dead_only``: only those whose writer is no longer running."""
    found = []
    try:
        names = os.listdir(record.parent)
    except OSError:
        return found
    pending = re.compile(re.escape(record.name) + r"\.(?:(\d+)\.)?new")  # .<pid>.new, .new
    for name in names:
        match = pending.fullmatch(name)
        if match is None:
            continue
        pid = match.group(1)
        if dead_only and (pid is None or _alive(int(pid))):
            continue
        found.append(record.parent / name)
    return found


def drop_left(record: Path, *, dead_only: bool = False) -> None:
    """Drop the pending versions of ``record`` that killed builds left (every one, in a
    folder no live build uses; ``dead_only``: those whose writer is gone)."""
    for path in pending_versions(record, dead_only=dead_only):
        drop_pending(path)


def make_current(pending: Path, record: Path) -> None:
    """A build succeeded: its ``pending`` file (written whole) replaces ``record``,
    durably. No pending file (nothing new was written): nothing changes."""
    if pending.exists():
        os.replace(pending, record)
        sync_folder(record.parent)


def drop_pending(pending: Path) -> None:
    """A build failed, or one was killed: drop its pending file, if any."""
    try:
        os.unlink(pending)
    except OSError:
        pass
