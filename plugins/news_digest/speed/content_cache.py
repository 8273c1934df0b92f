"""Pelican's content cache, saved only when something in it changed.

Pelican saves its whole content cache at the end of every build, even when every
file came from it (a pickle of every story: 122 MB at 10,000). The readers of a
build save it only when something was read anew.
"""

from __future__ import annotations

import os


def save_cache_only_when_changed(generator) -> None:
    """Give this generator's readers a ``save_cache`` that skips an unchanged cache."""
    readers = getattr(generator, "readers", None)
    if readers is None or not getattr(readers, "_cache_data_policy", False):
        return
    changed = []
    cache_data, save_cache = readers.cache_data, readers.save_cache

    def cache_data_and_note(filename, data):
        changed.append(filename)
        cache_data(filename, data)

    def save_if_changed():
        if changed or not os.path.exists(readers._cache_path):
            save_cache()

    readers.cache_data = cache_data_and_note
    readers.save_cache = save_if_changed
