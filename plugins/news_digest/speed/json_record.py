"""The build's own JSON records (``pages.json``, ``last-build.json``): written
atomically, and a damaged one reported in one line, removed and ignored.

Pure module (no Pelican import), a helper of the rebuild (the ``speed`` stage).
A record only lets a build skip work; without it the build does everything, so a
record that cannot be trusted is dropped and the build goes on from scratch.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..atomic_file import write_bytes_atomically

logger = logging.getLogger(__name__)
T = TypeVar("T")


def read(path: str | os.PathLike, valid: Callable[[dict], bool], consequence: str) -> dict | None:
    """The record at ``path`` if it exists and ``valid`` accepts it; None otherwise.

    A damaged record (not UTF-8 JSON, not an object, refused by ``valid``) is
    removed with one warning that names it and says ``consequence``.
    """
    return read_or_discard(path, lambda data: _parsed(data, valid), consequence)


def read_or_discard(path: str | os.PathLike, parse: Callable[[bytes], tuple[str, T | None]],
                    consequence: str) -> T | None:
    """What ``parse`` makes of the record at ``path``: None when there is none, or when
    ``parse`` finds it damaged (its answer ``(problem, None)``); a damaged record is
    removed with one warning that names it, the problem and ``consequence``. Every
    record of the build (JSON here, pickled ones in ``cluster_record`` and
    ``template_record``) is read through it."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        logger.warning("build record %s could not be read (%s); %s", path, err, consequence)
        return None
    problem, value = parse(data)
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


def write(path: str | os.PathLike, record: dict) -> None:
    """Write ``record`` as compact JSON, atomically (folder made if needed)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomically(path, json.dumps(record, separators=(",", ":")).encode("utf-8"))
