"""Pelican glue: the articles generator reads seeds, and nothing else.

Pelican lists the files of ``ARTICLE_PATHS`` that one of its readers knows, by
extension: a ``.md`` or ``.html`` file there was published by Pelican's own
readers, raw HTML and all, without any check; ``.TXT`` was skipped without a word
and ``._name.txt`` (macOS metadata) read as a broken seed. Here the articles
generator of each build lists every file below ``ARTICLE_PATHS`` and
``seeds/files.classify_path`` (the rule ``check`` applies too) decides: seeds
are read by the seed reader, whatever the case of ``.txt``; hidden files are left
out with a note; anything else is refused by name, like a broken seed.

Every other generator (pages, static files) lists files Pelican then opens: one that
is not a regular file (a named pipe, a socket, a link that leads nowhere) is left out
and named as an error (``regular_files_only``), so the build fails with the file and
the fix instead of waiting forever for a pipe's writer.
"""

from __future__ import annotations

import itertools
import logging
import os

from ..errors import SeedError
from ..seeds.files import HIDDEN, SEED, Verdict, classify_path, printable, seed_folder_rules
from ..seeds.safe_read import kind_of
from .reader import display_path

logger = logging.getLogger(__name__)

# ``.txt`` in every case: Pelican picks a reader by the extension as written.
SEED_EXTENSIONS = tuple("".join(c) for c in itertools.product("tT", "xX", "tT"))


def add_seed_reader(readers, reader_class: type) -> None:
    """``reader_class`` (the build's seed reader) reads ``.txt`` in every case."""
    for extension in SEED_EXTENSIONS:
        readers.reader_classes[extension] = reader_class


def article_files(settings: dict, content: str) -> list[Verdict]:
    """Every file below the site's ``ARTICLE_PATHS`` (once each), with its verdict."""
    rules = seed_folder_rules(settings, content)
    seen, verdicts = set(), []
    for entry in settings.get("ARTICLE_PATHS", ()):
        root = os.path.join(content, entry) if entry else content
        if not os.path.lexists(root):
            continue
        for verdict in classify_path(root, **rules):
            if verdict.path not in seen:
                seen.add(verdict.path)
                verdicts.append(verdict)
    return verdicts


def list_seeds(generator, errors: list[SeedError]) -> list[str]:
    """The seeds to read (paths relative to the content folder, sorted); the refused
    files join ``errors`` (the build's refused seeds), the hidden ones are noted."""
    content = generator.path
    seeds = []
    for verdict in article_files(generator.settings, content):
        if verdict.kind == SEED:
            seeds.append(os.path.relpath(verdict.path, content))
        elif verdict.kind == HIDDEN:  # the path as shown: worked out for these only
            logger.warning("Ignored %s: %s", printable(display_path(verdict.path)),
                           verdict.reason)
        else:
            errors.append(SeedError(printable(display_path(verdict.path)), 1,
                                    verdict.reason))
    return sorted(seeds)


def read_seeds_only(generator, errors: list[SeedError], partition=None,
                    listed=None) -> None:
    """Give this build's articles generator a ``get_files`` that lists seeds only
    (``errors``: where the refused files go; ``partition``: a date partition's build,
    which reads only the seeds it needs, see ``partition_build.py``; ``listed``: called
    with the seeds to read before Pelican reads them, see ``read_ahead.py``)."""
    article_paths = generator.settings["ARTICLE_PATHS"]
    default = generator.get_files

    def get_files(paths, exclude=None, extensions=None):
        if list([paths] if isinstance(paths, str) else paths) != list(article_paths):
            return default(paths, exclude=exclude, extensions=extensions)
        if extensions is not None:  # Pelican's check for disabled readers: every file
            return set()  # below ARTICLE_PATHS is classified (and reported) already
        seeds = list_seeds(generator, errors)
        seeds = partition.seeds_to_read(generator.path, seeds) if partition else seeds
        if listed is not None:
            listed(seeds)
        return seeds

    generator.get_files = get_files


def regular_files_only(generator) -> None:
    """Give ``generator`` a ``get_files`` that leaves out what is not a regular file
    (links followed, as Pelican follows them), each named in an error: an About page or
    an image that is a named pipe hung the build (Pelican's readers and its copy of
    static files open it and wait for a writer)."""
    listed = generator.get_files

    def get_files(paths, exclude=None, extensions=None):
        files = listed(paths, exclude=exclude, extensions=extensions)
        refused = {name for name in files if _not_regular(generator.path, name)}
        return [name for name in files if name not in refused] if isinstance(files, list) \
            else type(files)(name for name in files if name not in refused)

    generator.get_files = get_files


def _not_regular(content: str, name: str) -> bool:
    path = os.path.join(content, name)
    try:
        kind = kind_of(os.stat(path).st_mode)
    except OSError as err:
        kind = f"a link that leads nowhere ({err.strerror})"
    if kind is None:
        return False
    logger.error("%s: is %s, not a regular file: only regular files are read; replace it "
                 "by the file itself or remove it", printable(display_path(path)), kind)
    return True
