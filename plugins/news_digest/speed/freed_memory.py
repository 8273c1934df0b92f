"""Memory the build has freed, given back to the system (issue 22).

CPython frees a story's text into the C library's heap, which keeps the pages for
later allocations: the process stays as large as at its peak, while Pagefind
indexes beside it. glibc's ``malloc_trim`` returns every whole free page of the
heap (a few milliseconds). Elsewhere (musl, macOS) nothing is done.
"""

from __future__ import annotations

import ctypes
import functools


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
