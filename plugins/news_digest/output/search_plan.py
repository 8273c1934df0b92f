"""Which search index bundles a build makes, and what each one is made of.

Pure module. Pagefind's indexer holds the whole index in memory, so the story pages
are split into shards (``shards``); a shard's key (``shard_key``) says when the
previous build's index of it can be kept, from what Pagefind is given of each page
(``as_indexed``).
"""

from __future__ import annotations

import hashlib
import re

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
    """What a shard's index is made of: its pages and what Pagefind is given of each
    (``page_keys``: a hash of ``as_indexed`` of each page). None when a page's hash is
    not known. Pagefind's version is in the cache key, which names the folder the
    record of shards is kept in."""
    if any(key is None for key in page_keys):
        return None
    digest = hashlib.blake2b(f"{bundle}\0".encode(), digest_size=16)
    for page, key in zip(pages, page_keys, strict=True):
        digest.update(f"{page}\0{key}\n".encode())
    return digest.hexdigest()


# Pagefind skips an element marked so, with all it holds (text, filters, metadata):
# the story page's related stories, "Also covered by" and its pager carry it.
IGNORED = b' data-pagefind-ignore="all"'
_TAG = re.compile(rb"<([a-z][a-z0-9]*)[^<>]*$")
_TAGS_NAMED: dict[bytes, re.Pattern] = {}  # a name -> its opening and closing tags


def as_indexed(page: bytes) -> bytes:
    """What Pagefind is given of a page: the page less each element whose opening tag
    carries ``data-pagefind-ignore="all"``, from that tag to its closing tag.

    Pagefind indexes this, never the page itself, and a shard's key hashes this, so a
    shard is kept exactly when what Pagefind would be given of each of its pages is
    the same: a story page that gained "Also covered by" or a "Next story" link leaves
    its shard's index as it was. An element whose end is not found is left in."""
    if IGNORED not in page:
        return page
    kept, start, at = [], 0, page.find(IGNORED)
    while at != -1:
        opening = page.rfind(b"<", start, at)
        tag = _TAG.match(page, opening, at) if opening != -1 else None
        end = _end_of(page, tag.group(1), at) if tag else None
        if end is None:
            at = page.find(IGNORED, at + len(IGNORED))
            continue
        kept.append(page[start:opening])
        start = end
        at = page.find(IGNORED, start)
    kept.append(page[start:])
    return b"".join(kept)


def _end_of(page: bytes, name: bytes, at: int) -> int | None:
    """Where the element ``name`` opened just before ``at`` ends (past its closing
    tag), counting the elements of the same name it holds; None: not found."""
    tags = _TAGS_NAMED.get(name)
    if tags is None:
        tags = _TAGS_NAMED[name] = re.compile(rb"<(/?)" + name + rb"(?=[\s/>])[^<>]*>")
    depth = 1
    for tag in tags.finditer(page, at):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return tag.end()
    return None
