"""The seed folder as the importer sees it: which stories it holds, the next
free file number, and writing a new seed atomically without ever replacing one.

No Pelican import (seeds stage). A seed is written to a hidden temporary file in the
same folder (named by the writer's pid), flushed to disk, then hard-linked to its
final name (which fails, rather than overwrites, when the name exists) and the
temporary name removed. An interrupted import leaves either the whole seed or nothing
under a ``.txt`` name.
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..atomic_file import sync_folder, temp_prefix
from ..diskspace import NO_SPACE, NOT_WRITABLE
from ..errors import UnreadableFile
from ..seeds.files import SEED, classify_folder
from ..seeds.format import MAX_SEED_BYTES
from ..seeds.safe_read import read_capped
from ..seeds.tracking import strip_tracking
from ..seeds.urls import url_identity
from . import interrupts

# What to do when the import cannot write a seed, by the error's number.
IMPORT_FIXES = {
    **dict.fromkeys(NO_SPACE, ": free space and import again (every seed written is whole; "
                              "the next import writes the rest)"),
    **dict.fromkeys(NOT_WRITABLE, ": make the folder writable (or import --into one that "
                                  "is) and import again"),
}
_NUMBERED_RE = re.compile(r"^(\d{3,})_")
_ORIGINAL_RE = re.compile(r"^\s*original\s*:\s*\[(.*)\]\((.*)\)\s*$",
                          re.IGNORECASE | re.MULTILINE)


def known_identities(folder: Path) -> dict[str, Path]:
    """Identity (hash of the normalised URL) -> seed file, from every seed's Original line.

    Only the ``Original:`` line is read, so a seed broken elsewhere still counts. A URL
    with tracking parameters counts under its identity with and without them. The
    files are those the build reads (``seeds/files.py``), each read as the build
    reads it: a regular file, at most ``MAX_SEED_BYTES`` (a named pipe or a link to
    ``/dev/zero`` is not a seed, and neither waits nor fills the memory).
    """
    return read_originals(folder)[0]


def originals(folder: Path) -> Iterator[tuple[Path, str, str]]:
    """Every seed's (file, publisher name, URL) from its ``Original:`` line, in file order."""
    for verdict in classify_folder(str(folder)):
        if verdict.kind != SEED:
            continue
        path = Path(verdict.path)
        try:
            text = read_capped(path, MAX_SEED_BYTES).decode("utf-8", errors="replace")
        except UnreadableFile:
            continue
        match = _ORIGINAL_RE.search(text)
        if match:
            yield path, match.group(1).strip(), match.group(2).strip().strip("<>").strip()


def read_originals(folder: Path) -> tuple[dict[str, Path], list[tuple[str, str]]]:
    """``known_identities``, and every seed's (publisher name, URL) in file order."""
    known: dict[str, Path] = {}
    publishers: list[tuple[str, str]] = []
    for path, publisher, url in originals(folder):
        known.setdefault(url_identity(url), path)
        known.setdefault(url_identity(strip_tracking(url)), path)
        if publisher:
            publishers.append((publisher, url))
    return known, publishers


def highest_number(folder: Path) -> int:
    """The highest ``NNN`` among ``NNN_*.txt`` names in ``folder``; -1 when none."""
    numbers = [int(m.group(1)) for p in folder.glob("*.txt")
               if (m := _NUMBERED_RE.match(p.name))]
    return max(numbers, default=-1)


def seed_name(number: int, identity: str) -> str:
    return f"{number:03d}_{identity}.txt"


def write_new(folder: Path, number: int, identity: str, text: str) -> Path:
    """Write ``text`` as ``NNN_<identity>.txt``, taking the next free number from
    ``number`` on; never replaces an existing file. Returns the path written."""
    # A signal (Ctrl-C, SIGTERM, SIGHUP) waits the milliseconds until the seed is
    # written and its temporary file gone: raised between ``mkstemp`` and ``try``, or
    # in the ``finally``, it left the temporary file behind.
    with interrupts.deferred():
        return _write_new(folder, number, identity, text.encode("utf-8"))


def _write_new(folder: Path, number: int, identity: str, data: bytes) -> Path:
    # named by this process's pid: a killed import's is removed by the next one
    # (``import_lock``), a running one's never
    fd, temp = tempfile.mkstemp(prefix=temp_prefix("import"), dir=folder)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        while True:
            target = folder / seed_name(number, identity)
            try:
                _place(temp, target)
                break
            except FileExistsError:
                number += 1
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
    sync_folder(folder)
    return target


def _place(temp: str, target: Path) -> None:
    """Give ``temp``'s content the name ``target``, failing if ``target`` exists."""
    try:
        os.link(temp, target)
    except OSError as err:
        if err.errno in (errno.EEXIST,):
            raise FileExistsError(str(target)) from None
        if err.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV,
                             errno.EMLINK):
            raise
        # A file system without hard links: rename, after checking the name is free.
        if target.exists():
            raise FileExistsError(str(target)) from None
        os.replace(temp, target)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
