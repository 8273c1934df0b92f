"""Which items each page of a list shows, numbered so that old pages never change.

Pure module (output stage: how a list is laid out over pages; no Pelican). A list of
stories (a topic's, a publisher's) or of editions (the home page's) grows at its
newest end. Numbered from the newest page, as blogs do, every page would show other
items each time one is added, and a static host would upload the whole list again.
So pages are counted from the oldest: page 1 holds the oldest ``per_page`` items,
page 2 the next ones, and so on; the newest page, the list's front page at its own
address, holds the rest: ``per_page`` to ``2 * per_page - 1`` items (all of them in a
list shorter than ``2 * per_page``). New items join the front page; when it reaches
``2 * per_page`` items its oldest ``per_page`` become the next numbered page, which
never changes again (unless an item is added into the past or removed).

Search index shards are cut the same way but with no minimum: ``shard_spans`` gives
full shards from the oldest, the newest shard holding what is left.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpan:
    """One page of a list held newest first: ``items[start:stop]``."""

    number: int  # counted from the oldest page (1)
    start: int
    stop: int
    newest: bool  # the front page of the list, at the list's own address


def page_spans(count: int, per_page: int) -> list[PageSpan]:
    """The pages of a list of ``count`` items held newest first, the newest page
    first; always at least one page (maybe empty)."""
    if per_page <= 0 or count < 2 * per_page:
        return [PageSpan(1, 0, count, True)]
    sealed = count // per_page - 1  # full pages before the front page, from the oldest
    front = count - sealed * per_page  # per_page to 2 * per_page - 1 items
    spans = [PageSpan(sealed + 1, 0, front, True)]
    for number in range(sealed, 0, -1):
        start = front + (sealed - number) * per_page
        spans.append(PageSpan(number, start, start + per_page, False))
    return spans


def shard_spans(count: int, size: int) -> list[PageSpan]:
    """Search shards of a list of ``count`` items held newest first, the newest shard
    first: full shards of ``size`` from the oldest, the newest one holding the rest
    (1 to ``size`` items)."""
    if size <= 0 or count <= size:
        return [PageSpan(1, 0, count, True)]
    sealed = (count - 1) // size  # full shards from the oldest
    front = count - sealed * size  # 1 to size items
    spans = [PageSpan(sealed + 1, 0, front, True)]
    for number in range(sealed, 0, -1):
        start = front + (sealed - number) * size
        spans.append(PageSpan(number, start, start + size, False))
    return spans
