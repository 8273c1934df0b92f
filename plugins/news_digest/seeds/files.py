"""What each file of a seed folder is: a seed, a hidden file to ignore, or refused.

Pure module (seeds stage): no Pelican import. The one rule for the build (the
articles generator lists its files through ``article_files.py``), ``check``,
``import`` and ``new``, so that they agree on every file:

- a seed is a regular file whose name ends in ``.txt``, in any case;
- hidden files are ignored, with a note: names starting with ``.`` (dot files,
  macOS ``._name`` AppleDouble files and ``.DS_Store``, editors' swap files),
  ending in ``~`` (editor backups) or written ``#name#`` (Emacs auto-saves), and
  names matching the site's ``IGNORE_FILES``; hidden folders are not entered;
- everything else is refused by name: any other file (``.md``, ``.html``, ...,
  which Pelican's own readers would publish unchecked), symbolic links, named
  pipes and devices, and names that are not UTF-8 or hold control characters.

Sub-folders are walked (a seed may live in one); folders excluded by the site
(``ARTICLE_EXCLUDES``, ``STATIC_PATHS``) are skipped. Symbolic links are refused,
files and folders alike: a seed folder holds its own files, so a link can neither
bring in a file from elsewhere (``/dev/zero``, a private file) nor loop.
"""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass

from .safe_read import kind_of, not_regular_reason

SEED = "seed"
HIDDEN = "hidden"
REFUSED = "refused"

_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class Verdict:
    """One file (or folder) of a seed folder and what becomes of it."""

    path: str  # as found: the folder given, joined with the names below it
    kind: str  # SEED, HIDDEN or REFUSED
    reason: str = ""  # why it is hidden or refused, and the fix

    @property
    def shown(self) -> str:
        """The path as it can be printed (a name that is not UTF-8 shows ``\\xe9``)."""
        return printable(self.path)


def printable(path: str) -> str:
    """A path that prints on one line whatever bytes its name holds."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return _CONTROL_RE.sub(lambda m: m.group().encode("unicode_escape").decode(), text)


def is_seed_name(name: str) -> bool:
    return name.lower().endswith(".txt") and not is_hidden_name(name)


def is_hidden_name(name: str) -> bool:
    return name.startswith(".") or name.endswith("~") or (
        len(name) > 1 and name.startswith("#") and name.endswith("#"))


def _name_problem(name: str, what: str = "file") -> str | None:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return (f"the {what} name is not UTF-8 text: rename the {what} (letters, digits, "
                "'-' and '_' are safe)")
    if _CONTROL_RE.search(name):
        return f"the {what} name holds a control character or line break: rename the {what}"
    return None


def _ignored(name: str, ignore: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in ignore)


def classify_entry(path: str, mode: int, ignore: Iterable[str] = ()) -> Verdict:
    """The verdict on one file found in a seed folder, from its name and ``lstat`` mode."""
    name = os.path.basename(path)
    problem = _name_problem(name)
    if problem:
        return Verdict(path, REFUSED, problem)
    if is_hidden_name(name):
        return Verdict(path, HIDDEN, "hidden file (dot file, editor backup or macOS "
                                     "metadata), not read")
    if _ignored(name, ignore):
        return Verdict(path, HIDDEN, "matches IGNORE_FILES, not read")
    kind = kind_of(mode)
    if kind is not None:
        return Verdict(path, REFUSED, not_regular_reason(kind))
    if not name.lower().endswith(".txt"):
        ext = os.path.splitext(name)[1]
        what = f"a '{ext}' file" if ext else "a file without the .txt extension"
        return Verdict(path, REFUSED,
                       f"not a seed ({what}): a seed folder holds only seed files ending in "
                       ".txt, and anything else here would be published unchecked: move it "
                       "out (hand-written pages go in content/pages/) or delete it")
    return Verdict(path, SEED)


def classify_subfolder(path: str, ignore: Iterable[str] = ()) -> Verdict | None:
    """The verdict on a folder found in a seed folder; None when it is to be walked."""
    name = os.path.basename(path)
    problem = _name_problem(name, "folder")
    if problem:
        return Verdict(path, REFUSED, problem)
    if is_hidden_name(name) or _ignored(name, ignore):
        return Verdict(path, HIDDEN, "hidden folder, not read")
    return None


def classify_folder(root: str, *, excluded: Iterable[str] = (),
                    ignore: Iterable[str] = ()) -> list[Verdict]:
    """Every file below the seed folder ``root`` with its verdict, in name order.

    ``excluded``: folders (absolute or relative to the working folder) not walked.
    ``ignore``: ``fnmatch`` patterns of names to leave out (``IGNORE_FILES``).
    """
    skip = {os.path.normcase(os.path.abspath(p)) for p in excluded}
    ignore = tuple(ignore)
    verdicts: list[Verdict] = []
    _walk(root, skip, ignore, verdicts)
    return verdicts


def _walk(folder: str, skip: set[str], ignore: tuple[str, ...], verdicts: list[Verdict]) -> None:
    """``classify_folder``'s walk of ``folder``, its verdicts appended to ``verdicts``. Not
    a function nested in it: one that calls itself is a cycle, which kept the list of
    every seed's verdict (about 270 bytes a seed) until the collector's next full pass,
    and to the end of a build that froze what it read (``speed/gc_tuning.Frozen``)."""
    try:
        with os.scandir(folder) as entries:
            found = sorted(entries, key=lambda e: e.name)
    except OSError as err:
        verdicts.append(Verdict(folder, REFUSED,
                                f"the folder cannot be read: {err.strerror or err}"))
        return
    for entry in found:
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as err:
            verdicts.append(Verdict(entry.path, REFUSED,
                                    f"cannot be read: {err.strerror or err}"))
            continue
        if os.path.normcase(os.path.abspath(entry.path)) in skip:
            continue
        if not stat.S_ISDIR(mode):
            verdicts.append(classify_entry(entry.path, mode, ignore))
            continue
        verdict = classify_subfolder(entry.path, ignore)
        if verdict is None:
            _walk(entry.path, skip, ignore, verdicts)
        else:
            verdicts.append(verdict)


def classify_path(path: str, *, excluded: Iterable[str] = (),
                  ignore: Iterable[str] = ()) -> list[Verdict]:
    """A folder's files (``classify_folder``), or one file named on its own."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as err:
        return [Verdict(path, REFUSED, f"cannot be read: {err.strerror or err}")]
    if stat.S_ISDIR(mode) or (stat.S_ISLNK(mode) and os.path.isdir(path)):
        return classify_folder(path, excluded=excluded, ignore=ignore)
    return [classify_entry(path, mode, ignore)]


def seed_folder_rules(settings: dict, content: str) -> dict:
    """``classify_path`` options of a site: the folders it leaves out of its articles
    (``ARTICLE_EXCLUDES``, which Pelican extends with ``PAGE_PATHS``, and
    ``STATIC_PATHS``) and the names it ignores (``IGNORE_FILES``)."""
    excluded = [*settings.get("ARTICLE_EXCLUDES", ()), *settings.get("STATIC_PATHS", ())]
    return {"excluded": [os.path.join(content, p) for p in excluded if p],
            "ignore": tuple(settings.get("IGNORE_FILES", ()))}
