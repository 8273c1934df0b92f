"""Which pages of the previous build can be kept: the record of what each was made of.

Pure module (no Pelican import). Each page written gets a key (the hash of its
template sources and of every value the template reads, see ``fingerprint.py``
and ``template_deps.py``). The record keeps, per page, that key with the size and
mtime of the file written, a hash of what Pagefind is given of it
(``search_plan.as_indexed``: a search shard is kept when that is the same for each of
its pages and every file of the shard is still the one written, ``tree_stamp``) and
how deep its key went into each name its template reads, as a walk of every branch
of the template found it (a digit a name, or None: ``ReusingWriter._as_before``
works out the key at those depths first). A later build that computes the same key
for a page takes the previous file (a hard link, or a copy where links are
impossible) instead of rendering it again, if the
file is still the one recorded.

The new record is written beside the old one and only becomes the record when the
build succeeds (``commit``), like the output folder itself. Both are written
atomically; a damaged record is reported, removed and ignored (``json_record``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from ..atomic_file import drop_left, drop_pending, make_current, pending_path
from ..diskspace import make_folder
from ..output.search_plan import as_indexed
from . import json_record

# The private setting naming the output folder being replaced (set by build.py).
PREVIOUS_OUTPUT = "PREVIOUS_OUTPUT_PATH"
RECORD = "pages.json"


class PageMemo:
    def __init__(self, cache_path: str | os.PathLike, previous_output: str | os.PathLike,
                 code: str = ""):
        self.cache = Path(cache_path)
        self.previous = Path(previous_output)
        self.code = code  # a stamp of the plugins' code (``up_to_date.code_stamp``)
        self._same_code = False  # as when the record was written: its depths hold
        # The previous record (70 MB at 100,000 stories) is read when a page or feed
        # first asks for it, not while every story is read and clustered, the moment
        # a daily update's memory peaks (issue 22).
        self._old: dict[str, list] | None = None
        self._old_trees: dict[str, list] = {}
        self.new: dict[str, list] = {}
        self.new_trees: dict[str, list] = {}
        self.reused: set[str] = set()
        self._folders: set[str] = set()  # made already in this build

    @property
    def old(self) -> dict[str, list]:
        """The previous build's entry of each page and feed not yet kept or written."""
        if self._old is None:
            self._old, self._old_trees = self._load()
        return self._old

    @old.setter
    def old(self, value: dict[str, list]) -> None:
        self._old = value

    @property
    def old_trees(self) -> dict[str, list]:
        self.old  # noqa: B018 - read with the pages' entries
        return self._old_trees

    @property
    def same_code(self) -> bool:
        self.old  # noqa: B018 - known once the record is read
        return self._same_code

    def _load(self) -> tuple[dict[str, list], dict[str, list]]:
        if not self.previous.is_dir():  # a build from scratch: it only records
            return {}, {}
        record = json_record.read(self.cache / RECORD, _valid,
                                  "every page is rendered again")
        if record is None or record.get("output") != str(self.previous):
            return {}, {}
        # The depths a walk found depend on the code of the objects walked: recorded
        # under other code (a plugin edited), they are not used.
        self._same_code = record.get("code") == self.code
        texts: dict[str, str] = {}  # one string for each distinct budgets: few
        for entry in record["pages"].values():
            if entry[4] is not None:
                entry[4] = texts.setdefault(entry[4], entry[4])
        return record["pages"], record["trees"]

    def key_of(self, name: str) -> str | None:
        """The key ``name`` had in the previous build (None: none)."""
        old = self.old.get(name)
        return old[0] if old else None

    def budgets_of(self, name: str) -> str | None:
        """How deep ``name``'s key went into each name, as recorded (None: not recorded)."""
        old = self.old.get(name)
        return old[4] if old and self.same_code else None

    def digest_of(self, name: str) -> str | None:
        """A hash of what Pagefind is given of a page written in this build (the page
        less what it skips, ``as_indexed``; None: not known)."""
        found = self.new.get(name)
        return found[3] if found and len(found) > 3 else None

    def reuse(self, name: str, key: str, target: str | os.PathLike,
              budgets: str | None = None) -> bool:
        """Put the previous build's ``name`` at ``target`` if its key is ``key``;
        ``budgets``: the depths of its key, as this build found them."""
        old = self.old.get(name)
        if not old or old[0] != key:
            return False
        source = self.previous / name
        try:
            info = os.stat(source)
            if (info.st_size, info.st_mtime_ns) != (old[1], old[2]):
                return False  # changed since it was recorded
            folder = os.path.dirname(target)
            if folder not in self._folders:
                make_folder(folder)
                self._folders.add(folder)
            try:
                os.link(source, target)
            except OSError:
                shutil.copy2(source, target)  # another disk, or no hard links here
        except OSError:
            return False
        # The previous entry becomes the new one: no page's entry is held twice
        # (220,000 entries at 100,000 stories).
        old[4] = budgets
        self.new[name] = self.old.pop(name)
        self.reused.add(name)
        return True

    def note(self, name: str, key: str | None, written: str | os.PathLike,
             data: str | bytes, budgets: str | None = None) -> None:
        """Remember the page just rendered at ``written`` (``data``) under ``key``
        (None: it cannot be reused, but its bytes still make a search shard's key)."""
        info = os.stat(written)
        if isinstance(data, str):
            data = data.encode("utf-8")
        digest = hashlib.blake2b(as_indexed(data), digest_size=16).hexdigest()
        self.new[name] = [key, info.st_size, info.st_mtime_ns, digest, budgets]
        self.old.pop(name, None)  # rendered again: its previous entry is of no use

    # -- folders made from pages (a search index shard) ---------------------------

    def reusable_tree(self, name: str, key: str, anchor: str) -> Path | None:
        """The previous build's folder ``name`` if it was made under ``key`` and every
        file in it is still the one recorded (a search shard's file deleted or edited
        by hand is made again; ``anchor``, a file of every such folder, must be there)."""
        old = self.old_trees.get(name)
        if not old or old[0] != key:
            return None
        folder = self.previous / name
        if not (folder / anchor).is_file():
            return None
        return folder if list(tree_stamp(folder)) == old[1:] else None

    def note_tree(self, name: str, key: str, anchor_path: str | os.PathLike) -> None:
        self.new_trees[name] = [key, *tree_stamp(Path(anchor_path).parent)]

    def save_pending(self, output: str | os.PathLike) -> None:
        """Write the new record, to become the record when the build succeeds."""
        record = {"output": str(output), "pages": self.new, "trees": self.new_trees,
                  "code": self.code}
        json_record.write(pending(self.cache), record)


def _valid(record: dict) -> bool:
    """The shape ``PageMemo`` reads: an entry it trusts must be one it wrote."""
    pages, trees = record.get("pages"), record.get("trees")
    return (isinstance(record.get("output"), str)
            and isinstance(pages, dict) and isinstance(trees, dict)
            and all(_entry(entry, 5) for entry in pages.values())
            and all(_entry(entry, 3) for entry in trees.values()))


def _entry(entry, length: int) -> bool:
    return (isinstance(entry, list) and len(entry) == length
            and (entry[0] is None or isinstance(entry[0], str))
            and type(entry[1]) is int and type(entry[2]) is int
            and (length == 3 or isinstance(entry[3], str))
            and (length < 5 or entry[4] is None or (
                isinstance(entry[4], str) and entry[4].isdigit())))


def tree_stamp(folder: Path) -> tuple[int, int]:
    """The number of files below ``folder`` and a hash of each one's path, size and
    modification time (a search shard: a few files a page)."""
    digest, count = hashlib.blake2b(digest_size=8), 0
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        # Each file's path below ``folder`` as ``relpath`` gives it, worked out once a
        # folder (a relpath a file was half of the time kept shards took: 60,000 files
        # at 30,000 stories)
        under = os.path.relpath(root, folder)
        under = "" if under == os.curdir else under + os.sep
        for file in sorted(files):
            path = os.path.join(root, file)
            info = os.stat(path)
            relative = under + file
            digest.update(f"{relative}\0{info.st_size}\0{info.st_mtime_ns}\n".encode(
                "utf-8", "surrogateescape"))
            count += 1
    return count, int.from_bytes(digest.digest(), "big") >> 1


def commit(cache_path: str | os.PathLike) -> None:
    """The build succeeded: its pending record is now the record."""
    make_current(pending(cache_path), Path(cache_path) / RECORD)


def discard(cache_path: str | os.PathLike) -> None:
    """The build failed, or one was killed before its end: forget its pending record."""
    drop_pending(pending(cache_path))


def forget(cache_path: str | os.PathLike) -> None:
    """Keep no page of the previous build (``build --force``)."""
    try:
        os.unlink(Path(cache_path) / RECORD)
    except OSError:
        pass


def pending(cache_path: str | os.PathLike) -> Path:
    """This build's pending record (``pages.json.<pid>.new``, ``atomic_file.pending_path``)."""
    return pending_path(Path(cache_path) / RECORD)


def discard_left(cache_path: str | os.PathLike, *, dead_only: bool = False) -> None:
    """Drop the pending records killed builds left (every one, in a folder no live
    build uses; ``dead_only``: those whose writer is gone, in one a live build uses)."""
    drop_left(Path(cache_path) / RECORD, dead_only=dead_only)
