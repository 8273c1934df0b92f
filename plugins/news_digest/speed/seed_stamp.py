"""A story's stamp: a hash of its seed file and path (pure module).

The reader stores it in the story's metadata (``SEED_HASH``). Everything else the
reader returns follows from the seed file and from the settings and plugin code
(the cache key), so page keys fingerprint those values by this stamp alone.
"""

from __future__ import annotations

import hashlib

SEED_HASH = "seed_hash"  # the metadata key


def seed_stamp(path: str, data: bytes) -> str:
    """The ``SEED_HASH`` of a seed file read from ``path`` with bytes ``data``."""
    hasher = hashlib.blake2b(path.encode("utf-8", "surrogateescape"), digest_size=16)
    hasher.update(b"\0")
    hasher.update(data)
    return hasher.hexdigest()
