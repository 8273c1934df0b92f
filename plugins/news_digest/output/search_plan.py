"""Which search index bundles a build makes, and what each one is made of.

Pure module. Pagefind's indexer holds the whole index in memory, so the story pages
are split into shards (``shards``); a shard's key (``shard_key``) says when the
previous build's index of it can be kept.
"""

from __future__ import annotations

import hashlib

BUNDLE_DIR = "pagefind"


def shards(paths: list[str], size: int) -> list[tuple[str, list[str]]]:
    """Split story pages (newest first) into bundles of at most ``size``.

    Pagefind's indexer holds the whole index in memory (about 156 MB per 1,000
    stories of 1,000 words), so a big digest is indexed in shards, one after the
    other; the search page merges them. The newest stories are in ``pagefind/``,
    older ones in ``pagefind-1/``, ``pagefind-2/``, ... in date order.
    """
    groups = [paths[i:i + size] for i in range(0, len(paths), size)] or [[]]
    return [(BUNDLE_DIR if number == 0 else f"{BUNDLE_DIR}-{number}", group)
            for number, group in enumerate(groups)]


ANCHOR = "pagefind-entry.json"  # a file of every index, to tell it is still the one made


def shard_key(bundle: str, pages: list[str], page_keys: list[str | None]) -> str | None:
    """What a shard's index is made of: its pages and their bytes (``page_keys``: a hash
    of each page). None when a page's hash is not known. Pagefind's version is in the
    cache key, which names the folder the record of shards is kept in."""
    if any(key is None for key in page_keys):
        return None
    digest = hashlib.blake2b(f"{bundle}\0".encode(), digest_size=16)
    for page, key in zip(pages, page_keys, strict=True):
        digest.update(f"{page}\0{key}\n".encode())
    return digest.hexdigest()
