"""What ``build`` may take as its content and output folders (for the build command).

A build replaces its output folder whole (``output_swap``): whatever the folder held is
deleted. ``build -o conf.py`` replaced the settings file by the site, ``-o content`` (or
``-o .``, ``-o content/articles``) every seed, and ``-o notes`` a folder of notes, each
with exit code 0. So before anything is locked or written, an output that is not a
folder, that is or holds a folder or file the build reads, or that holds things but
nothing of a site built before, is refused with the fix. A content folder that does not
exist was Pelican's "ValueError: You need to specify a path containing the content"
behind "build failed".
"""

from __future__ import annotations

import os
from collections.abc import Callable

from ..seeds.safe_read import kind_of
from .host_files import REPOSITORIES

_FIX = "give -o a folder of its own (output/, or a new one)"


def _inside(path: str, folder: str) -> bool:
    """``path`` is ``folder`` or lies within it (both resolved)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def folder_refusal(settings_file: str, content: str | None, output: str,
                   read_settings: Callable[[], dict]) -> str:
    """Why this build must not read ``content`` or replace ``output`` ("" when it may);
    ``read_settings``: the settings the build would read (Pelican's)."""
    if problem := content_problem(content):
        return problem
    try:
        settings = read_settings()
    except ValueError as err:  # Pelican's: the PATH setting names no folder
        return f"{settings_file}: {err}"
    return output_problem(output, settings, settings_file)


def content_problem(content: str | None) -> str:
    """Why ``content`` (``build CONTENT``) is no content folder, with the fix; ""."""
    if not content:
        return ""
    try:
        mode = os.stat(content).st_mode
    except OSError as err:
        return (f"{content}: no such content folder ({err.strerror}): give the folder that "
                "holds articles/ (`build content`), or run the build in the site's folder")
    kind = kind_of(mode)
    if kind != "a folder":
        return (f"{content}: is {kind or 'a file'}, not a content folder: give the folder "
                "that holds articles/ (`build content`)")
    return ""


def output_problem(output: str, settings: dict, settings_file: str) -> str:
    """Why a build must not replace ``output``, with the fix; "" when it may.
    ``settings``: Pelican's, read with the content folder the build was given."""
    try:
        mode = os.stat(output).st_mode
    except OSError:
        mode = None  # not there yet: the build makes it
    if mode is not None and (kind := kind_of(mode)) != "a folder":
        return (f"{output}: is {kind or 'a file'}, not an output folder; a build replaces "
                f"its output folder whole, so it would be deleted: {_FIX}")
    if mode is not None and (kept := [n for n in REPOSITORIES
                                      if os.path.lexists(os.path.join(output, n))]):
        return (f"{output}: holds a repository ({kept[0]}); a build replaces its output "
                "folder whole, so it would be deleted: build into a folder of its own and "
                "copy it into the checkout (docs/publishing.md), or move "
                f"{os.path.join(output, kept[0])} away")
    target = os.path.realpath(output)
    for path, what in _read_by_the_build(settings, settings_file):
        if _inside(os.path.realpath(path), target):
            return (f"{output}: {'is' if os.path.realpath(path) == target else 'holds'} "
                    f"{what} {path}; a build replaces its output folder whole, so it would "
                    f"be deleted: {_FIX}")
    if mode is not None and (foreign := _not_built(output, settings)):
        return (f"{output}: holds {foreign}, which no build wrote (it holds no index.html); "
                "a build replaces its output folder whole, so they would be deleted: give -o "
                "a new folder, or empty this one first")
    return ""


def _read_by_the_build(settings: dict, settings_file: str) -> list[tuple[str, str]]:
    """The folders and files a build reads: the content folder, its seed, page and
    static folders, the settings file."""
    content = str(settings.get("PATH") or ".")
    found = [(content, "the content folder")]
    for key, what in (("ARTICLE_PATHS", "the seed folder"), ("PAGE_PATHS", "the pages folder"),
                      ("STATIC_PATHS", "the static folder")):
        paths = settings.get(key) or []
        for path in [paths] if isinstance(paths, str) else paths:
            if isinstance(path, str):
                found.append((os.path.join(content, path), what))
    return [*found, (settings_file, "the settings file")]


def _not_built(output: str, settings: dict) -> str:
    """What a folder holds, in words, when it looks like no site built before: it holds
    something, but neither a home page, a partition's record nor the theme's files."""
    try:
        names = sorted(os.listdir(output))
    except OSError:
        return ""  # the build names the folder it cannot read
    names = [name for name in names if name != "lost+found"]  # a fresh volume's
    built = {"index.html", "partition.json", str(settings.get("THEME_STATIC_DIR") or "theme")}
    if not names or built & set(names):
        return ""
    shown = ", ".join(repr(name) for name in names[:3])
    return shown + (f" and {len(names) - 3} more" if len(names) > 3 else "")
