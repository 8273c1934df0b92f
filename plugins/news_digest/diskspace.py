"""A full disk, told apart from other failures wherever it surfaces.

Pure module (no Pelican import), used by the build command. Writing a page, a
feed, the content cache or a record raises ``OSError`` with ``ENOSPC`` (or
``EDQUOT``, a quota), sometimes wrapped in another exception; Pelican's copy of
theme files only logs it as a warning. Either way the build reports one line
saying which file could not be written and what to do.
"""

from __future__ import annotations

import errno
import logging
import os
from pathlib import Path

NO_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT})
# A folder the build must write that it may not: a read-only file system (a CI cache
# restored read-only, a mount), or permissions.
NOT_WRITABLE = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def no_space_error(error: BaseException | None, kinds: frozenset = NO_SPACE) -> OSError | None:
    """The out-of-space ``OSError`` behind ``error`` (its causes and context), if any
    (or one of ``kinds``)."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno in kinds:
            return error
        error = error.__cause__ or error.__context__
    return None


def not_writable(error: BaseException | None) -> str:
    """``cannot write into FOLDER/ (Read-only file system)`` when a file could not be
    written for want of permission or a writable file system; "" otherwise."""
    found = no_space_error(error, NOT_WRITABLE)
    where = found and (found.filename2 or found.filename)
    if not where:
        return ""
    return f"cannot write into {Path(where).parent}/ ({found.strerror})"


def no_space_in_record(record: logging.LogRecord) -> OSError | None:
    """An out-of-space error a log record carries (as an argument or its exc_info)."""
    args = record.args if isinstance(record.args, tuple) else (record.args,)
    for value in args:
        if isinstance(value, BaseException) and (found := no_space_error(value)):
            return found
    if record.exc_info and record.exc_info[1] is not None:
        return no_space_error(record.exc_info[1])
    return None


def describe(error: OSError, fallback: str = "a file") -> str:
    """``no space left on device while writing X`` (or ``disk quota exceeded ...``)."""
    what = "disk quota exceeded" if error.errno == errno.EDQUOT else "no space left on device"
    # a failed copy names its source first and its destination second
    where = error.filename2 or error.filename or fallback
    return f"{what} while writing {where}"


def naming(error: OSError, path) -> OSError:
    """``error`` again, naming ``path`` (a failed ``write()`` names no file)."""
    return type(error)(error.errno, error.strerror, str(path))


# A page's or feed's file: created (or emptied), closed on exec as ``open`` makes it.
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC


def write_bytes_naming(path, data: bytes) -> None:
    """Write ``data`` to ``path`` as ``Path.write_bytes`` does (created or emptied,
    0o666 less the umask); on a full disk the error names the file.

    One ``open``, the bytes in one ``write`` (more only where the system takes
    fewer), one ``close``: ``open()``'s file object asks the system three more
    times a file (its size, whether it is a terminal, its position), for each of
    the build's 5,000 files at 1,000 stories."""
    fd = os.open(path, _WRITE_FLAGS, 0o666)  # its error names the file
    try:
        written = os.write(fd, data)
        if written < len(data):  # a short write: the rest, then the error if any
            view = memoryview(data)
            while written < len(data):
                written += os.write(fd, view[written:])
    except OSError as err:
        try:
            os.close(fd)
        except OSError:
            pass
        raise naming(err, path) from err
    try:
        os.close(fd)
    except OSError as err:  # a file system that reports a full disk only now
        raise naming(err, path) from err


def make_folder(folder) -> None:
    """``os.makedirs(folder, exist_ok=True)`` with ``mkdir`` first: ``makedirs`` asks
    whether the parent exists before each folder, where the parent is there for all
    but the first of a kind (``editions/<date>/``, ``sources/<slug>/``)."""
    try:
        os.mkdir(folder)
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    except FileExistsError:
        if not os.path.isdir(folder):
            raise
