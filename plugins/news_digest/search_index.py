"""Index a built site with Pagefind, so the search page works without a server.

Runs the Pagefind binary shipped by the ``pagefind_bin`` wheel (found through the
``pagefind`` package, which also honours ``PAGEFIND_BINARY_PATH``) over a folder of
HTML and writes the index into its ``pagefind/`` subfolder. Pure of Pelican: the
build starts it on the staging folder as soon as the story pages are written, so
the index is made on the second core while the listing pages and feeds are
written (``SearchJob``), and waits for it before swapping the folder into place.

The CLI is used rather than ``pagefind.index.PagefindIndex``: one process, one exit
code and its messages, no asyncio service to keep alive.
"""

from __future__ import annotations

import re
import subprocess
import weakref
from pathlib import Path

BUNDLE_DIR = "pagefind"


class SearchIndexError(RuntimeError):
    """Pagefind could not be run, or failed to index the site."""


def pagefind_executable() -> Path:
    from pagefind.service import get_executable  # noqa: PLC0415 - only builds need it

    executable = get_executable()
    if executable is None or not executable.is_file():
        raise SearchIndexError(
            "the Pagefind binary was not found: reinstall the dependencies "
            "(`make venv`), or set DIGEST_SEARCH = False to build without search")
    return executable


def pages_glob(save_as: str) -> str:
    """The glob of story files from a ``*_SAVE_AS`` pattern: ``stories/{slug}.html``
    -> ``stories/*.html``. Only story pages carry searchable text."""
    return re.sub(r"\{[^}]*\}", "*", save_as) if save_as.endswith(".html") else "**/*.html"


class SearchJob:
    """Pagefind indexing ``site`` in the background; ``wait()`` for its result."""

    def __init__(self, site: Path, glob: str = "**/*.html"):
        self.site = Path(site)
        self.command = [str(pagefind_executable()), "--site", str(self.site), "--glob", glob,
                        "--output-subdir", BUNDLE_DIR, "--quiet"]
        try:
            # cwd=site: a stray pagefind.yml in the caller's folder must not change it.
            self.process = subprocess.Popen(self.command, cwd=self.site, text=True,
                                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        except OSError as err:
            raise SearchIndexError(f"could not run Pagefind ({self.command[0]}): {err}") from err
        # A build that fails before waiting must not leave Pagefind running.
        weakref.finalize(self, self.process.kill)

    def wait(self, timeout: float = 600) -> str:
        """Pagefind's output once it is done; raise ``SearchIndexError`` if it failed."""
        try:
            output, _ = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as err:
            self.process.kill()
            raise SearchIndexError(f"Pagefind took longer than {timeout:.0f} s") from err
        output = (output or "").strip()
        if self.process.returncode != 0:
            raise SearchIndexError(
                f"Pagefind failed with exit code {self.process.returncode}:\n{output}")
        if not (self.site / BUNDLE_DIR / "pagefind.js").is_file():
            raise SearchIndexError(f"Pagefind wrote no {BUNDLE_DIR}/pagefind.js:\n{output}")
        return output


def index_site(site: Path, glob: str = "**/*.html") -> str:
    """Index the HTML files under ``site`` matching ``glob``; return Pagefind's output."""
    return SearchJob(site, glob).wait()
