"""Memory the build has freed, given back to the system (issue 22).

CPython frees a story's text into the C library's heap, which keeps the pages for
later allocations: the process stays as large as at its peak, while Pagefind
indexes beside it. glibc's ``malloc_trim`` returns every whole free page of the
heap (a few milliseconds). Elsewhere (musl, macOS) nothing is done.

Pelican memoizes a content's ``get_content`` and ``get_summary`` over the whole run
(``pelican.utils.memoized``: a dict of (content, site URL) to its text, on the
function, never emptied): about five entries a story, some 50 MB at 100,000 stories
held to the end. ``forget_memoized`` empties them of the stories after each page:
a story's text and summary are made again when read again (a substitution of the
intrasite links in its text: none in a seed's, whose text is escaped).
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Callable


@functools.cache
def _malloc_trim():
    """glibc's ``malloc_trim``, or None where the C library has none."""
    try:
        trim = ctypes.CDLL(None).malloc_trim  # the C library the process runs on
    except (OSError, AttributeError, TypeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


def trim_heap() -> bool:
    """Return the heap's free pages to the system; False where that cannot be done."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


MEMOIZED = ("get_content", "get_summary")  # Pelican's memoized methods of a content


def forget_memoized(owner: type, forget: Callable[[object], bool]) -> None:
    """Empty the caches of ``owner``'s memoized methods (``MEMOIZED``) of the objects
    ``forget`` accepts (the cache's key: the object, then the other arguments)."""
    for name in MEMOIZED:
        cache = getattr(vars(owner).get(name), "cache", None)
        if cache:
            for key in [k for k in cache if type(k) is tuple and k and forget(k[0])]:
                del cache[key]
