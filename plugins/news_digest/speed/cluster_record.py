"""The clustering kept between builds, so that a build re-clusters only what changed.

Pure module (no Pelican import), part of the rebuild (the ``speed`` stage). A build
clusters its stories with ``clusters.recluster(previous, stories)`` when the previous
build left its result here, else from scratch; both give the same clusters (a test
of ``clusters.py`` holds it), so the record only saves time.

The record (``clusters.bin`` in the content cache's folder, which is keyed by the
plugin's code and settings) is ``cluster_store.to_stored`` of the result, pickled
(plain lists, strings and numbers: JSON took twice as long to write and read at
10,000 stories, where the record is 8 MB; each story's terms packed apart, unpacked
only for the stories an update re-clusters; the pair scores as arrays, read without
being unpacked: ``cluster_store.PackedEdges``), after a first line that names the
format and a hash of the rest. Like the page record (``page_memo.py``) it is written beside
the current one (``clusters.bin.<pid>.new``) and becomes current only when the build
succeeds (``commit``); a failed or killed build's is dropped (``discard``). Both are
written atomically; a damaged one (cut short, another format, a hash that does not
match, a shape ``from_stored`` refuses) is removed with one warning and the build
clusters from scratch. The hash is checked before anything is unpickled.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from ..atomic_file import (
    drop_left,
    drop_pending,
    make_current,
    pending_path,
    write_atomically,
)
from ..enrich.cluster_store import from_stored, to_stored
from ..enrich.clusters import Clustering
from .json_record import read_or_discard

RECORD = "clusters.bin"
# 3: the pair scores packed (cluster_store); 4: merges; 5: each story's facts packed
MAGIC = b"news-digest clusters 5 "


HASH_LENGTH = 32  # hex digits of ``_hash``


def _hasher(data: bytes = b""):
    return hashlib.blake2b(data, digest_size=HASH_LENGTH // 2)


def _hash(data: bytes) -> bytes:
    return _hasher(data).hexdigest().encode("ascii")


def _problem(data: bytes) -> tuple[str, dict | None]:
    """(what is wrong, "" when nothing; the stored values when they could be read).
    The body is read in place (a view, not a copy of 68 MB at 100,000 stories)."""
    end = data.find(b"\n")
    if end < 0 or not data.startswith(MAGIC):
        return "not a clustering record of this version", None
    body = memoryview(data)[end + 1:]
    if data[len(MAGIC):end] != _hasher(body).hexdigest().encode("ascii"):
        return "its hash does not match: damaged", None
    try:
        stored = pickle.loads(body)
    except Exception as err:  # a record we wrote, yet unreadable: say so, start over
        return f"{type(err).__name__}: {err}"[:200], None
    return ("", stored) if stored is not None else ("an empty record", None)


def _clustering(stored) -> tuple[str, Clustering | None]:
    """The clustering of the stored values, read once the file's bytes are let go
    (``read_or_discard``'s second step): at 100,000 stories the record's file, a
    copy of its body and its values were held at once, about 200 MB over the 128 MB
    it keeps, while every story's text is held (a daily update's peak, issue 22)."""
    try:
        return "", from_stored(stored, consume=True)
    except Exception as err:  # a record we wrote, yet unreadable: say so, start over
        return f"{type(err).__name__}: {err}"[:200], None


def load(cache_path: str | os.PathLike) -> Clustering | None:
    """The previous build's clustering, or None (none kept, or a damaged one)."""
    return read_or_discard(Path(cache_path) / RECORD, _problem,
                           "the stories are clustered anew", _clustering)


class _Hashing:
    """A file that hashes what is written through it (``_hash``'s hash)."""

    def __init__(self, out):
        self.out = out
        self.hash = _hasher()

    def write(self, data) -> int:
        self.hash.update(data)
        return self.out.write(data)


def save_pending(cache_path: str | os.PathLike, clustering: Clustering) -> None:
    """Keep ``clustering`` for the next build, once this one succeeds.

    The body is pickled straight into the file (the same bytes as ``pickle.dumps``),
    hashed on its way, and the hash written into the head last: the body is never
    held whole in memory (67 MB at 100,000 stories, in the clustering's moment of
    most memory)."""
    Path(cache_path).mkdir(parents=True, exist_ok=True)

    def write(out) -> None:
        out.write(MAGIC + b"0" * HASH_LENGTH + b"\n")  # the hash's place, filled below
        body = _Hashing(out)
        pickle.dump(to_stored(clustering), body, protocol=pickle.HIGHEST_PROTOCOL)
        out.seek(len(MAGIC))
        out.write(body.hash.hexdigest().encode("ascii"))

    write_atomically(pending(cache_path), write)


def commit(cache_path: str | os.PathLike) -> None:
    """The build succeeded: its pending clustering is now the record."""
    make_current(pending(cache_path), Path(cache_path) / RECORD)


def discard(cache_path: str | os.PathLike) -> None:
    """The build failed, or one was killed: forget its pending clustering."""
    drop_pending(pending(cache_path))


def pending(cache_path: str | os.PathLike) -> Path:
    """This build's pending record (``clusters.bin.<pid>.new``, ``atomic_file.pending_path``)."""
    return pending_path(Path(cache_path) / RECORD)


def discard_left(cache_path: str | os.PathLike, *, dead_only: bool = False) -> None:
    """Drop the pending records killed builds left (every one, in a folder no live
    build uses; ``dead_only``: those whose writer is gone, in one a live build uses)."""
    drop_left(Path(cache_path) / RECORD, dead_only=dead_only)
