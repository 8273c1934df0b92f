"""Which search index bundles a build makes, and what each one is made of.

Pure module. Pagefind's indexer holds the whole index in memory, so the story pages
are split into shards (``shards``); a shard's key (``shard_key``) says when the
previous build's index of it can be kept.
"""

from __future__ import annotations

import hashlib

from .page_numbers import shard_spans

BUNDLE_DIR = "pagefind"


def shards(paths: list[str], size: int) -> list[tuple[str, list[str]]]:
    """Split story pages (newest first) into bundles of at most ``size``, newest first.

    Pagefind's indexer holds the whole index in memory (about 156 MB per 1,000
    stories of 1,000 words), so a big digest is indexed in shards, one after the
    other; the search page merges them. Shards are cut from the oldest story, like
    the pages of a list (``page_numbers``): ``pagefind-1/`` holds the oldest ``size``
    stories, ``pagefind-2/`` the next ones, ... and ``pagefind/`` the newest (1 to
    ``size``). A day's new stories then change the newest shard only: the others
    keep their stories, and their index is kept from the previous build.
    """
    return [(BUNDLE_DIR if span.newest else f"{BUNDLE_DIR}-{span.number}",
             paths[span.start:span.stop]) for span in shard_spans(len(paths), size)]


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
