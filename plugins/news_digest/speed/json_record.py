"""The build's own JSON records (``pages.json``, ``last-build.json``): written
atomically, and a damaged one reported in one line, removed and ignored.

Pure module (no Pelican import), a helper of the rebuild (the ``speed`` stage).
A record only lets a build skip work; without it the build does everything, so a
record that cannot be trusted is dropped and the build goes on from scratch.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..atomic_file import write_atomically, write_bytes_atomically

logger = logging.getLogger(__name__)
T = TypeVar("T")


def read(path: str | os.PathLike, valid: Callable[[dict], bool], consequence: str) -> dict | None:
    """The record at ``path`` if it exists and ``valid`` accepts it; None otherwise.

    A damaged record (not UTF-8 JSON, not an object, refused by ``valid``) is
    removed with one warning that names it and says ``consequence``.
    """
    return read_or_discard(path, lambda data: _parsed(data, valid), consequence)


def read_or_discard(path: str | os.PathLike, parse: Callable[[bytes], tuple[str, T | None]],
                    consequence: str,
                    then: Callable[[T], tuple[str, T | None]] | None = None) -> T | None:
    """What ``parse`` makes of the record at ``path``: None when there is none, or when
    ``parse`` finds it damaged (its answer ``(problem, None)``); a damaged record is
    removed with one warning that names it, the problem and ``consequence``. Every
    record of the build (JSON here, pickled ones in ``cluster_record`` and
    ``template_record``) is read through it. ``then``: a second step, given what
    ``parse`` made once the file's bytes are let go (answering as ``parse`` does):
    a large record is not held twice, as bytes and as values, while it is built."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        logger.warning("build record %s could not be read (%s); %s", path, err, consequence)
        return None
    problem, value = parse(data)
    del data  # the file's bytes: the record is read
    if value is not None and then is not None:
        problem, value = then(value)
    if value is not None:
        return value
    try:
        os.unlink(path)
    except OSError:
        pass
    logger.warning("discarded the damaged build record %s (%s); %s", path, problem, consequence)
    return None


def _parsed(data: bytes, valid: Callable[[dict], bool]) -> tuple[str, dict | None]:
    try:
        record = json.loads(data.decode("utf-8"))
    except ValueError as err:  # also UnicodeDecodeError
        return " ".join(f"{type(err).__name__}: {err}".split())[:200], None
    if isinstance(record, dict) and _accepts(valid, record):
        return "", record
    return "unexpected content", None


def _accepts(valid: Callable[[dict], bool], record: dict) -> bool:
    try:
        return bool(valid(record))
    except (TypeError, ValueError, AttributeError, KeyError, IndexError):
        return False


CHUNK = 2000  # entries of a large mapping encoded at once (``write``)


def write(path: str | os.PathLike, record: dict) -> None:
    """Write ``record`` as compact JSON, atomically (folder made if needed).

    The same bytes as ``json.dumps(record, separators=(",", ":"))``, but a value that
    is a large dict (the pages of ``pages.json``: 118,000 at 100,000 stories) is
    encoded ``CHUNK`` entries at a time: the whole text (and its bytes, and the
    encoder's list of parts) was some 90 MB held at once at the end of a build
    (issue 22)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not any(type(value) is dict and len(value) > CHUNK for value in record.values()):
        write_bytes_atomically(path, _compact(record).encode("utf-8"))
        return
    write_atomically(path, lambda out: _write_chunked(out, record))


def _compact(value) -> str:
    return json.dumps(value, separators=(",", ":"))


def _write_chunked(out, record: dict) -> None:
    out.write(b"{")
    for number, (name, value) in enumerate(record.items()):
        out.write((b"," if number else b"") + _compact(name).encode("utf-8") + b":")
        if type(value) is not dict or len(value) <= CHUNK:
            out.write(_compact(value).encode("utf-8"))
            continue
        out.write(b"{")
        items = iter(value.items())
        first = True
        while chunk := dict(itertools.islice(items, CHUNK)):
            # a dict's text is its entries' texts joined by commas, within braces
            out.write((b"" if first else b",") + _compact(chunk)[1:-1].encode("utf-8"))
            first = False
        out.write(b"}")
    out.write(b"}")
