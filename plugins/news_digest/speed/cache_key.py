"""Where Pelican's content cache lives for one build: a folder per plugin version and settings.

Pure module (no Pelican import). Pelican's reader cache keeps, per source file,
what the reader returned, and reuses it while the file's mtime is unchanged. It
does not know that the plugin's code or the settings shape that result, so the
build points ``CACHE_PATH`` at ``<CACHE_PATH>/<key>``, where the key is a hash of
the plugin's source files, the versions of the packages that make the output
(``PACKAGES``), the resolved ``DIGEST_*`` settings and every other setting that
is plain data. Change any of them and the build starts from an empty
cache in a new folder; the older folders beyond the newest few are removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from ..settings import PREFIX, resolve
from .cache_claim import if_unused

PACKAGE = Path(__file__).resolve().parents[1]  # the whole plugin
# Settings that differ on every build without changing what is read.
UNKEYED = frozenset({"OUTPUT_PATH", "CACHE_PATH", "LOAD_CONTENT_CACHE", "PREVIOUS_OUTPUT_PATH"})
# Settings that change how a build runs, never what it makes (the same output, byte for
# byte): switching one keeps the cache (``DIGEST_SECOND_CORE``: story_shares.py).
UNKEYED_DIGEST = frozenset({"DIGEST_SECOND_CORE"})
KEEP_FOLDERS = 3
# What the cached stories and the pages and feeds kept between builds are made with:
# a new version of any of these starts from an empty cache.
PACKAGES = ("pelican", "jinja2", "markupsafe", "markdown", "feedgen", "pagefind")
_KEY_RE = re.compile(r"[0-9a-f]{16}")


def _plain(value: Any) -> Any:
    """A JSON-able stand-in for a setting's value; code is named, never its address."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    name = getattr(value, "__qualname__", None) or type(value).__qualname__
    return f"<{getattr(value, '__module__', '?')}.{name}>"


def source_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _versions() -> dict[str, str]:
    found = {}
    for package in PACKAGES:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "?"
    return found


def add_source_files(digest) -> None:
    """Feed this plugin's code (each source file's name and bytes) into ``digest``."""
    for path in source_files():
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")


def cache_key(settings: Mapping[str, Any]) -> str:
    """16 hex digits naming the cache folder for these settings and this plugin code."""
    digest = hashlib.sha256()
    add_source_files(digest)
    keyed = {k: _plain(v) for k, v in settings.items()
             if k not in UNKEYED and not k.startswith(PREFIX)}
    keyed["DIGEST"] = _plain({k: v for k, v in resolve(settings).items()
                              if k not in UNKEYED_DIGEST})
    digest.update(json.dumps([_versions(), keyed], sort_keys=True, default=repr).encode())
    return digest.hexdigest()[:16]


def settings_sources(settings_file: str | os.PathLike,
                     data_files: tuple[str | os.PathLike, ...] = ()) -> str:
    """A hash of the settings file and the Python files beside it (``publishconf.py``
    imports ``pelicanconf.py``): a function defined there (a Jinja filter) is named,
    not compared, by ``cache_key``, so its code is keyed this way. ``data_files`` the
    reader depends on are keyed too (the sources file: the republishing policies)."""
    folder = Path(settings_file).resolve().parent
    digest = hashlib.sha256()
    files = {Path(settings_file).resolve(), *folder.glob("*.py"),
             *(Path(f).resolve() for f in data_files)}
    for path in sorted(files):
        try:
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            continue
    return digest.hexdigest()[:16]


def with_keyed_cache(settings: Mapping[str, Any], sources: str = "") -> dict[str, Any]:
    """A copy of ``settings`` whose CACHE_PATH is the keyed subfolder (when caching is on);
    ``sources``: ``settings_sources`` of the settings file."""
    if not (settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE")):
        return dict(settings)
    base = Path(settings["CACHE_PATH"])
    key = cache_key({**settings, "SETTINGS_SOURCES": sources})
    return {**settings, "CACHE_PATH": str(base / key)}


def keyed_siblings(cache_path: str | os.PathLike) -> list[Path]:
    """The other keyed folders beside ``cache_path`` (other code or settings)."""
    current = Path(cache_path)
    try:
        return sorted(p for p in current.parent.iterdir()
                      if p != current and _KEY_RE.fullmatch(p.name) and p.is_dir())
    except OSError:
        return []


def prune(cache_path: str | os.PathLike, keep: int = KEEP_FOLDERS) -> None:
    """Mark ``cache_path`` as used; remove all but the ``keep`` newest keyed siblings
    that no live build uses (``cache_claim``: a build under other settings at once)."""
    current = Path(cache_path)
    if not current.is_dir():
        return
    os.utime(current)
    siblings = [p for p in current.parent.iterdir()
                if p.is_dir() and _KEY_RE.fullmatch(p.name)]
    siblings.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in siblings[keep:]:
        if old != current:
            if_unused(old, lambda folder: shutil.rmtree(folder, ignore_errors=True))
