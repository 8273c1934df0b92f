"""Index a built site with Pagefind, so the search page works without a server.

Runs the Pagefind binary shipped by the ``pagefind_bin`` wheel (found through the
``pagefind`` package, which also honours ``PAGEFIND_BINARY_PATH``) over a folder of
HTML and writes the index into its ``pagefind/`` subfolder (and ``pagefind-1/``,
... for the older stories of a big digest: ``output/search_plan.py``). Imports no
Pelican: the build (``search.py``) hands each shard over as soon as its story
pages are written, so the index is made on the second core while the other pages
are written (``SearchJob``), and waits for it before swapping the folder into place.

The CLI is used rather than ``pagefind.index.PagefindIndex``: one process, one exit
code and its messages, no asyncio service to keep alive.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import tempfile
import threading
import weakref
from importlib import import_module
from pathlib import Path

from ..diskspace import write_bytes_naming
from ..errors import SearchIndexError
from ..output.search_plan import IGNORED, as_indexed


def pagefind_executable() -> Path:
    executable = _find_pagefind()
    if executable is None or not executable.is_file():
        raise SearchIndexError(
            "the Pagefind binary was not found: reinstall the dependencies "
            "(`make venv`), or set DIGEST_SEARCH = False to build without search")
    return executable


def _find_pagefind() -> Path | None:
    """The Pagefind binary as ``pagefind.service.get_executable`` finds it (the
    ``PAGEFIND_BINARY_PATH`` variable, the extended binary's package, the binary's
    package, then the ``PATH``), without importing that module, which imports asyncio
    for its service mode, unused here (about 10 ms of every build)."""
    configured = os.getenv("PAGEFIND_BINARY_PATH")
    if configured is not None:
        return Path(configured)
    for package in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            found = import_module(package)
        except ImportError:
            continue
        return found.get_executable()
    on_path = shutil.which("pagefind_extended") or shutil.which("pagefind")
    return Path(on_path) if on_path is not None else None


class SearchJob:
    """Pagefind indexing shards of ``site`` one after another, in a background thread,
    each as soon as it is handed over (``add``): the first shards are indexed while
    the pages of the next are still being written.

    Each shard is indexed from a scratch folder of its pages as Pagefind is given
    them (``as_indexed``: the page less the elements Pagefind skips; a hard link to
    the page when it has none), at the same relative paths, so the result URLs are the
    pages' own, into ``site/<bundle>/``;
    a page announced with ``written`` is linked there at once, while the next pages
    render, so Pagefind starts as soon as the shard is added. A shard added with
    ``previous`` (the previous build's index of the same pages) is linked from there
    instead. ``wait()`` returns when every shard added is done, or raises
    ``SearchIndexError``.

    A shard's scratch folder outlives its index (to the job's end), and the next
    shard's copies (story pages less what Pagefind skips) are written into its copies,
    renamed: ext4 without a journal, as this machine's disk, looks past every inode
    freed in the last seconds for each file it makes, so copies made and deleted shard
    after shard made every later file of the build dearer (docs/rebuilding.md, "What
    a build asks of the kernel"). A build of 10,000 stories makes 1,000 copies, not 10,000.
    """

    def __init__(self, site: Path):
        self.site = Path(site)
        self.executable = str(pagefind_executable())
        self.error: SearchIndexError | None = None
        self.running: list[subprocess.Popen] = []  # the Pagefind process of the moment
        # (bundle, pages, previous), or (bundle, page, None) for one page just written
        self.shards: queue.SimpleQueue = queue.SimpleQueue()
        # bundle -> folder, pages linked, folders made in it
        self.scratch: dict[str, tuple[Path, set[str], set[Path]]] = {}
        self.copies: dict[str, list[Path]] = {}  # bundle -> its copies (not links)
        self.spares: list[Path] = []  # copies of shards indexed, to be written again
        self.indexed: list[Path] = []  # scratch folders of shards indexed, removed last
        self.closed = self.stopping = False
        self.thread = threading.Thread(target=self._index_all, name="pagefind", daemon=True)
        self.thread.start()
        # Pagefind must not outlive the process (a failed build stops the job first).
        weakref.finalize(self, _stop, self.running)

    def written(self, bundle: str, page: str) -> None:
        """``page`` of ``bundle`` is written: link it for the shard's index now."""
        self.shards.put((bundle, page, None))

    def add(self, bundle: str, pages: list[str], previous: Path | None = None) -> None:
        """Index ``pages`` (all written) into ``site/<bundle>``, or link ``previous``."""
        self.shards.put((bundle, pages, previous))

    def _index_all(self) -> None:
        failed = False
        while (shard := self.shards.get()) is not None:
            if failed or self.stopping:
                continue  # take what is still handed over, do nothing with it
            bundle, pages, previous = shard
            try:
                if isinstance(pages, str):
                    self._link(bundle, [pages])
                    continue
                if previous is not None:
                    try:
                        link_tree(previous, self.site / bundle)
                        continue
                    except OSError:
                        shutil.rmtree(self.site / bundle, ignore_errors=True)
                self._index(bundle, pages)
            except SearchIndexError as err:
                self.error, failed = err, True
            except OSError as err:
                self.error = SearchIndexError(
                    f"could not run Pagefind ({self.executable}): {err}")
                failed = True
        for folder, *_ in self.scratch.values():  # pages linked for a shard not indexed
            shutil.rmtree(folder, ignore_errors=True)
        for folder in self.indexed:
            shutil.rmtree(folder, ignore_errors=True)

    def _link(self, bundle: str, pages: list[str]) -> Path:
        """Hard-link ``pages`` into ``bundle``'s scratch folder (made on first use)."""
        if bundle not in self.scratch:
            # Inside the site: a build that fails removes it with the rest.
            folder = Path(tempfile.mkdtemp(prefix=".search-", dir=self.site))
            self.scratch[bundle] = (folder, set(), set())
        scratch, linked, folders = self.scratch[bundle]
        for page in pages:
            if page not in linked:
                link = scratch / page
                if link.parent not in folders:  # one mkdir a folder, not one a page
                    link.parent.mkdir(parents=True, exist_ok=True)
                    folders.add(link.parent)
                data = (self.site / page).read_bytes()
                if IGNORED in data:  # what a shard's key hashes (``shard_key``)
                    if self.spares:  # a file of an indexed shard, written again
                        try:
                            os.replace(self.spares.pop(), link)
                        except OSError:
                            pass  # then a new file
                    write_bytes_naming(link, as_indexed(data))
                    self.copies.setdefault(bundle, []).append(link)
                else:
                    os.link(self.site / page, link)
                linked.add(page)
        return scratch

    def _index(self, bundle: str, pages: list[str]) -> None:
        try:
            scratch = self._link(bundle, pages)
            command = [self.executable, "--site", str(scratch), "--output-path",
                       str(self.site / bundle), "--quiet"]
            # cwd=scratch: a stray pagefind.yml in the caller's folder must not change it.
            process = subprocess.Popen(command, cwd=scratch, text=True,
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            self.running[:] = [process]
            output, _ = process.communicate()
            output = (output or "").strip()
            if process.returncode != 0:
                raise SearchIndexError(
                    f"Pagefind failed with exit code {process.returncode}:\n{output}")
            if not (self.site / bundle / "pagefind.js").is_file():
                raise SearchIndexError(f"Pagefind wrote no {bundle}/pagefind.js:\n{output}")
        finally:
            if bundle in self.scratch:  # kept to the end (inside the site: a failed
                # build removes it with the rest), its copies to be written again
                self.indexed.append(self.scratch.pop(bundle)[0])
                self.spares.extend(self.copies.pop(bundle, []))

    def wait(self, timeout: float = 1800) -> None:
        """No more shards: block until every one added is indexed; raise
        ``SearchIndexError`` if one failed."""
        self._close()
        self.thread.join(timeout)
        if self.thread.is_alive():  # the failed build's close() stops and joins it
            _stop(self.running)
            raise SearchIndexError(f"Pagefind took longer than {timeout:.0f} s")
        if self.error is not None:
            raise self.error

    def stop(self) -> None:
        """Give up: no more links or Pagefind runs; returns when the thread is done."""
        self.stopping = True
        self._close()
        _stop(self.running)
        self.thread.join()

    def _close(self) -> None:
        if not self.closed:
            self.closed = True
            self.shards.put(None)


def _stop(running: list[subprocess.Popen]) -> None:
    for process in running:
        if process.poll() is None:
            process.kill()


def link_tree(source: Path, target: Path) -> None:
    """Recreate ``source`` at ``target`` with hard links (copies where links fail)."""
    for folder, _, files in os.walk(source):
        destination = target / Path(folder).relative_to(source)
        destination.mkdir(parents=True, exist_ok=True)
        for name in files:
            try:
                os.link(os.path.join(folder, name), destination / name)
            except OSError:
                shutil.copy2(os.path.join(folder, name), destination / name)
