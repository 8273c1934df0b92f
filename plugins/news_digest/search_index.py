"""Index a built site with Pagefind, so the search page works without a server.

Runs the Pagefind binary shipped by the ``pagefind_bin`` wheel (found through the
``pagefind`` package, which also honours ``PAGEFIND_BINARY_PATH``) over a folder of
HTML and writes the index into its ``pagefind/`` subfolder. Pure of Pelican: the
build calls it on the staging folder before swapping it into place.

The CLI is used rather than ``pagefind.index.PagefindIndex``: one process, one exit
code and its messages, no asyncio service to keep alive.
"""

from __future__ import annotations

import subprocess
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


def index_site(site: Path) -> str:
    """Index every HTML file under ``site``; return Pagefind's summary output."""
    command = [str(pagefind_executable()), "--site", str(site),
               "--output-subdir", BUNDLE_DIR, "--quiet"]
    try:
        # cwd=site: a stray pagefind.yml in the caller's folder must not change the index.
        done = subprocess.run(command, cwd=site, capture_output=True, text=True,
                              check=False, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise SearchIndexError(f"could not run Pagefind ({command[0]}): {err}") from err
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        raise SearchIndexError(
            f"Pagefind failed with exit code {done.returncode}:\n{output}")
    if not (site / BUNDLE_DIR / "pagefind.js").is_file():
        raise SearchIndexError(f"Pagefind wrote no {BUNDLE_DIR}/pagefind.js:\n{output}")
    return output
