"""Read a file only when it is a regular file, and never more than a cap.

Pure module (seeds stage): no Pelican import. A named pipe opened for reading
waits for a writer, and ``/dev/zero`` never ends: the file is opened without
blocking and without following a symbolic link, ``fstat`` of the open file (not
of a name that may change) must say it is a regular file, and at most
``cap + 1`` bytes are read, so a file that grows while it is read is still caught.
"""

from __future__ import annotations

import errno
import os
import stat

from ..errors import TooLarge, UnreadableFile

_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
               | getattr(os, "O_BINARY", 0))
_CHUNK = 1 << 16


def kind_of(mode: int) -> str | None:
    """What a file that is not a regular one is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def not_regular_reason(kind: str) -> str:
    return (f"is {kind}, not a regular file: only regular files are read as seeds; "
            "replace it by the seed file itself or remove it")


def read_capped(path: str | os.PathLike, cap: int) -> bytes:
    """The bytes of the regular file ``path``; ``UnreadableFile`` if it is anything
    else, cannot be opened, or holds more than ``cap`` bytes."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as err:
        if err.errno == errno.ELOOP and getattr(os, "O_NOFOLLOW", 0):
            raise UnreadableFile(not_regular_reason("a symbolic link")) from None
        raise UnreadableFile(f"cannot be read: {err.strerror or err}") from None
    try:
        info = os.fstat(fd)
        kind = kind_of(info.st_mode)
        if kind is not None:
            raise UnreadableFile(not_regular_reason(kind))
        if info.st_size > cap:
            raise TooLarge(info.st_size, cap)
        chunks, total = [], 0
        while total <= cap:
            chunk = os.read(fd, min(_CHUNK, cap + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > cap:  # it grew while it was read
            raise TooLarge(None, cap)
        return b"".join(chunks)
    except OSError as err:
        if isinstance(err, UnreadableFile):
            raise
        raise UnreadableFile(f"cannot be read: {err.strerror or err}") from None
    finally:
        os.close(fd)


def read_at_most(path: str | os.PathLike, cap: int) -> bytes:
    """At most the first ``cap + 1`` bytes of ``path``, whatever it is (a file, a pipe,
    a device): a caller finding more than ``cap`` refuses it, and ``/dev/zero`` named
    by mistake is not read until the memory runs out (a size from ``stat`` is 0).

    Opened without blocking: opening a named pipe nobody writes to waited forever
    (``import feed.xml`` where feed.xml was a FIFO hung). Then read as usual: a pipe
    with a writer (``import <(curl ...)``) is read to its end, one without reads as
    empty."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                 | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb") as handle:
        os.set_blocking(fd, True)
        return handle.read(cap + 1)
