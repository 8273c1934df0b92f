"""Is output/ already what this build would write? Then the build can stop early.

Pure module (no Pelican import). Builds are reproducible: the same inputs give the
same output, byte for byte. So after a successful build we record a stamp of its
inputs (the keyed cache folder, which names the plugin's code and every setting,
plus the size and mtime of every file the build reads: ``read_folders``) and of
the output it wrote. A later build whose inputs and output stamps both match has
nothing to do. Any edit, a changed setting, plugin or theme, or a touched/missing
output file means a real build.

The inputs are walked as Pelican reads them: symbolic links are followed (a
content folder that is a link to the curators' share is the usual case), each
folder once, so a link back up the tree cannot loop.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from ..seeds import headers
from . import json_record

RECORD = "last-build.json"
# Written by Python beside the plugins' code, never read by the build.
IGNORED_FOLDERS = frozenset({"__pycache__"})


def _raw(text: str) -> bytes:
    """Text with paths in it, as bytes: a file name that is not UTF-8 (os.fsdecode gave
    it surrogates) is hashed as the bytes it is."""
    return text.encode("utf-8", "surrogateescape")


def _stamps(folder: Path, digest, *, follow: bool = False,
            visited: set[tuple[int, int]] | None = None) -> None:
    """Feed every file's path, size and mtime below ``folder`` into ``digest``.

    ``follow``: follow symbolic links (to files and folders), entering each folder
    once (``visited``: the (device, inode) of folders already stamped).
    """
    visited = set() if visited is None else visited
    stack = [Path(folder)]
    while stack:
        current = stack.pop()
        try:
            if follow:
                info = os.stat(current)
                if (info.st_dev, info.st_ino) in visited:
                    digest.update(_raw(f"{current}\0<seen>\n"))
                    continue
                visited.add((info.st_dev, info.st_ino))
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            digest.update(_raw(f"{current}\0<missing>\n"))
            continue
        for entry in entries:
            try:
                is_folder = entry.is_dir(follow_symlinks=follow)
                if is_folder and entry.name in IGNORED_FOLDERS and follow:
                    continue
                if is_folder:
                    stack.append(Path(entry.path))
                    continue
                info = entry.stat(follow_symlinks=follow)
            except OSError:  # a broken link, or a file gone meanwhile
                digest.update(_raw(f"{entry.path}\0<unreadable>\n"))
                continue
            digest.update(_raw(f"{entry.path}\0{info.st_size}\0{info.st_mtime_ns}\n"))


def _plugin_locations(settings: Mapping[str, Any]) -> list[str]:
    """Where the code of each plugin in PLUGINS lives (files or package folders)."""
    plugins = settings.get("PLUGINS")
    if plugins is None:  # Pelican then loads every installed namespace plugin
        return [*_namespace_folders()]
    found = []
    for plugin in plugins:
        if isinstance(plugin, ModuleType):
            found.append(_module_location(plugin.__spec__) or f"<{plugin.__name__}>")
        elif isinstance(plugin, str):
            found.append(_named_plugin(plugin, settings.get("PLUGIN_PATHS") or ()))
        else:
            found.append(f"<{getattr(plugin, '__module__', '?')}.{plugin!r}>")
    return found


def _named_plugin(name: str, plugin_paths: Iterable[str]) -> str:
    relative = name.replace(".", os.sep)
    for base in plugin_paths:
        for candidate in (Path(base) / relative, Path(base) / f"{relative}.py"):
            if candidate.exists():
                return str(candidate)
    for module in (name, f"pelican.plugins.{name}"):
        try:
            location = _module_location(importlib.util.find_spec(module))
        except (ImportError, ValueError, AttributeError):
            continue
        if location:
            return location
    return f"<plugin {name} not found>"


def _module_location(spec) -> str | None:
    if spec is None:
        return None
    if spec.submodule_search_locations:
        return next(iter(spec.submodule_search_locations), None)
    return spec.origin


def _namespace_folders() -> list[str]:
    try:
        import pelican.plugins  # noqa: PLC0415 - only when PLUGINS is None
    except ImportError:
        return []
    return sorted(getattr(pelican.plugins, "__path__", []))


def read_folders(settings: Mapping[str, Any], settings_file: str | None = None) -> list[str]:
    """Every file and folder a build with ``settings`` reads: content (PATH and the
    article, page and static paths), the theme with its template overrides and
    static paths, the plugins' folders and code, and the settings file."""
    path = settings["PATH"]
    content = [path, *(os.path.join(path, p) for key in ("ARTICLE_PATHS", "PAGE_PATHS",
                                                          "STATIC_PATHS")
                       for p in settings.get(key) or ())]
    theme = settings.get("THEME")
    templates = [*([theme] if theme else []),
                 *(os.path.abspath(p) for p in settings.get("THEME_TEMPLATES_OVERRIDES") or ()),
                 *(os.path.join(theme, p) for p in settings.get("THEME_STATIC_PATHS") or ()
                   if theme)]
    code = [*(settings.get("PLUGIN_PATHS") or ()), *_plugin_locations(settings)]
    return [*content, *templates, *code, *([settings_file] if settings_file else [])]


def input_stamp(cache_path: str, settings: Mapping[str, Any],
                settings_file: str | None = None) -> str:
    digest = hashlib.sha256(_raw(f"{cache_path}\n"))
    _stamp_locations(read_folders(settings, settings_file), digest)
    return digest.hexdigest()


def code_stamp(settings: Mapping[str, Any]) -> str:
    """A stamp of the plugins' code (every PLUGIN_PATHS folder and each plugin in
    PLUGINS wherever it is installed): the cache folder is keyed by this plugin's
    code only, so a page kept without its walk (``page_memo``) checks this too."""
    digest = hashlib.sha256()
    _stamp_locations([*(settings.get("PLUGIN_PATHS") or ()), *_plugin_locations(settings)],
                     digest)
    return digest.hexdigest()


def _stamp_locations(locations: Iterable[str], digest) -> None:
    visited: set[tuple[int, int]] = set()
    for location in locations:
        if location.startswith("<"):  # a plugin not found: named, nothing to stat
            digest.update(_raw(f"{location}\n"))
            continue
        if os.path.isfile(location):
            info = os.stat(location)
            digest.update(_raw(f"{location}\0{info.st_size}\0{info.st_mtime_ns}\n"))
        else:
            _stamps(Path(location), digest, follow=True, visited=visited)


def output_stamp(output: Path) -> str:
    digest = hashlib.sha256()
    _stamps(output, digest)
    return digest.hexdigest()


def _valid(record: dict) -> bool:
    return all(isinstance(record.get(k), str) for k in ("output", "inputs", "written"))


def is_up_to_date(cache_path: str, output: Path, inputs: str) -> bool:
    record = json_record.read(Path(cache_path) / RECORD, _valid, "building anyway")
    if record is None:
        return False
    return (record.get("output") == str(output) and record.get("inputs") == inputs
            and output.is_dir() and record.get("written") == output_stamp(output)
            and not _clock_set_back(record))


def _clock_set_back(record: dict) -> bool:
    """The clock is earlier than that build's: it may refuse a story that build
    published (dated ahead of the clock now), so the build is a real one."""
    try:
        return datetime.fromisoformat(record["clock"]) > headers.now()
    except (KeyError, TypeError, ValueError):
        return True


def remember(cache_path: str, output: Path, inputs: str) -> None:
    record = {"output": str(output), "inputs": inputs, "written": output_stamp(output),
              "clock": headers.now().isoformat()}
    json_record.write(Path(cache_path) / RECORD, record)


def forget(cache_path: str) -> None:
    """No stamp: the next build is a real one, whatever its inputs."""
    (Path(cache_path) / RECORD).unlink(missing_ok=True)
