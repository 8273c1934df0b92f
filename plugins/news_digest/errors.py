"""Every error the plugin raises, under one base: ``DigestError``.

Pure module. Each message is what the user reads (one line, or one line per seed for
``SeedErrors``): what is wrong, where (a file and line, a setting, a feed) and how to
fix it. The CLI prints ``str(error)`` and exits non-zero; it never shows a traceback
for a ``DigestError``. Errors that are also a kind of ``ValueError`` (a bad value)
say so, so code that catches ``ValueError`` keeps working.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any


class DigestError(Exception):
    """Base of the family: ``str(error)`` says what, where and how to fix it."""


# -- the seed format ----------------------------------------------------------------

class SeedError(DigestError, ValueError):
    """A seed file that cannot become a story: ``path:line: message``."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path = str(path)
        self.line = line
        self.message = message

    def __reduce__(self):  # keep picklable (Pelican's cache, multiprocessing)
        return (SeedError, (self.path, self.line, self.message))


class SeedErrors(DigestError):
    """Every seed refused in one build, reported together."""

    def __init__(self, errors: Iterable[SeedError]):
        self.errors = sorted(errors, key=lambda e: (e.path, e.line))
        lines = "\n".join(f"  {e}" for e in self.errors)
        super().__init__(
            f"{len(self.errors)} seed file(s) refused:\n{lines}\n"
            "Fix them, or set DIGEST_STRICT = False to skip them with a warning."
        )


class HeaderValueError(DigestError, ValueError):
    """A seed header's value that is wrong; the parser adds the file and line."""


class UnreadableFile(DigestError, OSError):
    """A seed file not read: ``reason`` says why, for a ``path:line: reason`` message
    (not a regular file, a symbolic link, unreadable, too large)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class TooLarge(UnreadableFile):
    def __init__(self, size: int | None, cap: int):
        what = f"{size / 1e6:.1f} MB" if size is not None else f"over {cap / 1e6:.0f} MB"
        super().__init__(f"the file is {what}; a seed may be at most {cap / 1e6:.0f} MB: "
                         "shorten the story or split it")
        self.size = size


class StoryError(DigestError, ValueError):
    """A story (imported or typed in) that cannot become a valid seed; the message says why."""


# -- settings and the curator's data files -----------------------------------------

class DigestConfigError(DigestError, ValueError):
    """A ``DIGEST_*`` setting (or a setting the digest depends on) is wrong."""

    def __init__(self, name: str, value: Any, expected: str):
        super().__init__(f"setting {name} = {value!r} is not valid: expected {expected}")
        self.name = name
        self.value = value
        self.expected = expected


class TaxonomyFileError(DigestError, ValueError):
    """The taxonomy file is missing, is not TOML, or holds a malformed topic."""

    def __init__(self, path: str, line: int | None, message: str):
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.path, self.line, self.message = str(path), line, message


class UnknownTopics(DigestError, ValueError):
    """A curator named topics that are not in the taxonomy."""

    def __init__(self, names: Sequence[str], known: Sequence[str]):
        shown = ", ".join(repr(n) + _did_you_mean(n, known) for n in names)
        super().__init__(f"unknown topic {shown}: use a slug or label of the taxonomy "
                         f"({', '.join(known)})")
        self.names = tuple(names)


def _did_you_mean(name: str, slugs: Sequence[str]) -> str:
    """`` (did you mean 'sports'?)`` for a misspelt topic (``Sport``, ``Techology``)."""
    written = "-".join(name.casefold().replace("&", " ").split())
    close = difflib.get_close_matches(written, slugs, n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""


class SettingsFileError(DigestError):
    """The settings file is missing or cannot be loaded."""


class SourcesFileError(DigestError, ValueError):
    """The sources file (publishers, feeds, policies, rules) is malformed: file:line."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = str(path), line, message


class RuleError(DigestError, ValueError):
    """A keep/drop rule that cannot be used; the message says why and how to write it."""


# -- building -----------------------------------------------------------------------

class BuildLocked(DigestError):
    """Another build holds the output folder's lock and this one was told not to wait."""


class Unswappable(DigestError, OSError):
    """output/ cannot be replaced by a rename (a mount point); it can be updated in place."""


class InPlaceUpdateFailed(DigestError):
    """output/ could not be updated in place either; the message says what to do."""


class SearchIndexError(DigestError):
    """Pagefind could not be run, or failed to index the site."""


class PartitionError(DigestError):
    """A partition's pages cannot be the same as one build's (a cluster running past its
    margin), or partitions that do not fit together: the message says which and what to
    do (docs/partitions.md)."""


class Unanalysable(DigestError):
    """A template reads something the analysis of its paths cannot follow: its pages are
    rendered, never kept. Caught by the writer; never reaches the user."""


class Beyond(DigestError):
    """A page's template reads what its key does not cover: it is rendered, never kept.
    Caught by the writer; never reaches the user."""


class Unfingerprintable(DigestError, ValueError):
    """A value a page shows cannot be compared across builds (its repr is an address):
    the page is rendered, never kept. Caught by the writer; never reaches the user."""


# -- the curator's commands ---------------------------------------------------------

class ImportFileError(DigestError, ValueError):
    """A file that cannot be imported at all (unreadable, not a feed, bad JSON)."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.message = message


class UsageError(DigestError, ValueError):
    """A command given arguments it cannot use; the message names the argument."""


class FetchFailure(DigestError):
    """A feed could not be fetched (this time): why, whether to try again, after how long.
    Caught by the importer, which reports it in its summary and goes on with the others."""

    def __init__(self, reason: str, retry: bool, status: int = 0, wait: float = 0.0):
        super().__init__(reason)
        self.reason, self.retry, self.status, self.wait = reason, retry, status, wait
