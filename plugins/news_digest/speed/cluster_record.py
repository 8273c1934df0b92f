"""The clustering kept between builds, so that a build re-clusters only what changed.

Pure module (no Pelican import), part of the rebuild (the ``speed`` stage). A build
clusters its stories with ``clusters.recluster(previous, stories)`` when the previous
build left its result here, else from scratch; both give the same clusters (a test
of ``clusters.py`` holds it), so the record only saves time.

The record (``clusters.json`` in the content cache's folder, which is keyed by the
plugin's code and settings) holds ``cluster_store.to_plain`` of the result and a hash
of it. Like the page record (``page_memo.py``) it is written beside the current one
(``clusters.json.new``) and becomes current only when the build succeeds
(``commit``); a failed or killed build's is dropped (``discard``). Both are written
atomically; a damaged one (not JSON, a wrong shape, a hash that does not match) is
removed with one warning and the build clusters from scratch.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..atomic_file import sync_folder
from ..enrich.cluster_store import from_plain, to_plain
from ..enrich.clusters import Clustering
from . import json_record

RECORD = "clusters.json"
PENDING = "clusters.json.new"
VERSION = 1


def _hash(payload) -> str:
    text = json.dumps(payload, separators=(",", ":"))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def load(cache_path: str | os.PathLike) -> Clustering | None:
    """The previous build's clustering, or None (none kept, or a damaged one)."""
    found: list[Clustering] = []

    def valid(record: dict) -> bool:
        payload = record["clustering"]
        if record.get("version") != VERSION or record.get("hash") != _hash(payload):
            return False
        found.append(from_plain(payload))  # raises on a wrong shape: refused
        return True

    json_record.read(Path(cache_path) / RECORD, valid, "the stories are clustered anew")
    return found[0] if found else None


def save_pending(cache_path: str | os.PathLike, clustering: Clustering) -> None:
    """Keep ``clustering`` for the next build, once this one succeeds."""
    payload = to_plain(clustering)
    json_record.write(Path(cache_path) / PENDING,
                      {"version": VERSION, "hash": _hash(payload), "clustering": payload})


def commit(cache_path: str | os.PathLike) -> None:
    """The build succeeded: its pending clustering is now the record."""
    pending = Path(cache_path) / PENDING
    if pending.exists():
        os.replace(pending, Path(cache_path) / RECORD)
        sync_folder(cache_path)


def discard(cache_path: str | os.PathLike) -> None:
    """The build failed, or one was killed: forget its pending clustering."""
    try:
        os.unlink(Path(cache_path) / PENDING)
    except OSError:
        pass
