"""Put a finished build in place of output/, and clear what killed builds left.

Pure module (no Pelican import), used by the build command. The build writes
into a hidden staging folder beside output/ (``.output.building-*``); on success:

- ``swap_in`` exchanges the two folders in one ``renameat2(RENAME_EXCHANGE)``
  where Linux offers it (output/ is never missing, even under ``kill -9``), or
  renames output/ aside and the staging folder into place; the old tree is
  deleted by a detached process.
- where output/ cannot be renamed (a mount point or a container volume: EBUSY,
  EXDEV, EPERM) ``update_in_place`` copies each new or changed file into it under
  a temporary name and renames it over the old one (each file is whole at every
  moment), then deletes the files the build no longer produces.

``remove_debris`` (run while holding the build lock, so no other build is
writing) deletes the staging and replaced trees of builds that were killed, after
stopping a search indexer such a build left running in one.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..atomic_file import folder_mode, temp_prefix
from ..errors import Unswappable

# rename() of output/ fails with these where it is a mount point or on another device.
UNSWAPPABLE = frozenset({errno.EBUSY, errno.EXDEV, errno.EPERM})
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def staging_prefix(target: Path) -> str:
    return f".{target.name}.building-"


def old_prefix(target: Path) -> str:
    return f".{target.name}.old-"


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; False where the system cannot (then nothing changed)."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second),
                 _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def swap_in(staging: Path, target: Path) -> Path | None:
    """Replace ``target`` by ``staging``; raise ``Unswappable`` if rename cannot.
    Returns the folder now holding the previous output (being deleted), if any."""
    staging.chmod(folder_mode())  # mkdtemp made it private
    try:
        if not target.exists():
            os.rename(staging, target)
            return None
        if _exchange(staging, target):
            old = _set_aside(staging, target)  # the staging name holds the previous output
        else:
            old = Path(tempfile.mkdtemp(prefix=old_prefix(target), dir=target.parent))
            try:
                os.rename(target, old / target.name)
            except OSError:
                old.rmdir()
                raise
            try:
                os.rename(staging, target)
            except OSError:
                os.rename(old / target.name, target)  # put it back
                old.rmdir()
                raise
    except OSError as err:
        if err.errno in UNSWAPPABLE:
            raise Unswappable(err.errno, err.strerror, str(target)) from err
        raise
    remove_in_background([old])
    return old


def _set_aside(previous: Path, target: Path) -> Path:
    """Give the replaced tree a replaced tree's name (``.output.old-*``): a staging
    name left behind would say a build is unfinished, while its deletion runs on
    after the build exited. Where that rename fails, it is deleted under its name."""
    try:
        old = Path(tempfile.mkdtemp(prefix=old_prefix(target), dir=target.parent))
    except OSError:  # a full disk: no room for one more folder
        return previous
    try:
        os.rename(previous, old / target.name)
    except OSError:
        old.rmdir()
        return previous
    return old


def update_in_place(staging: Path, target: Path) -> None:
    """Make ``target`` hold what ``staging`` holds, one whole file at a time."""
    produced_files: set[str] = set()
    produced_folders: set[str] = {""}
    for folder, _subfolders, files in os.walk(staging):
        relative = os.path.relpath(folder, staging)
        relative = "" if relative == "." else relative
        destination = target / relative
        if relative:
            produced_folders.add(relative)
            if destination.is_symlink() or (destination.exists() and not destination.is_dir()):
                destination.unlink()  # a file where the new site has a folder
            destination.mkdir(exist_ok=True)
        for name in files:
            produced_files.add(os.path.join(relative, name))
            _place(Path(folder) / name, destination / name)
    _remove_unproduced(target, produced_files, produced_folders)


def _place(source: Path, destination: Path) -> None:
    if destination.is_dir() and not destination.is_symlink():
        shutil.rmtree(destination)  # a folder where the new site has a file
    elif _same(source, destination):
        info = source.stat()
        # the record of kept pages knows the new file's mtime: give it to the old one
        os.utime(destination, ns=(info.st_atime_ns, info.st_mtime_ns))
        return
    fd, temp = tempfile.mkstemp(prefix=temp_prefix(destination.name), dir=destination.parent)
    os.close(fd)
    try:
        if source.is_symlink():
            os.unlink(temp)
            os.symlink(os.readlink(source), temp)
        else:
            shutil.copy2(source, temp)
        os.replace(temp, destination)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def _same(source: Path, destination: Path) -> bool:
    """Both hold the same bytes (the same file, a hard link: without reading it)."""
    try:
        if source.is_symlink() or destination.is_symlink():
            return False
        first, second = source.stat(), destination.stat()
        if (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino):
            return True
        if first.st_size != second.st_size:
            return False
        with open(source, "rb") as one, open(destination, "rb") as other:
            while True:
                block = one.read(1 << 16)
                if block != other.read(1 << 16):
                    return False
                if not block:
                    return True
    except OSError:
        return False


def _remove_unproduced(target: Path, files: set[str], folders: set[str]) -> None:
    for folder, subfolders, names in os.walk(target, topdown=True):
        relative = os.path.relpath(folder, target)
        relative = "" if relative == "." else relative
        for name in names:
            path = os.path.join(relative, name)
            if path not in files:
                os.unlink(os.path.join(folder, name))
        for name in list(subfolders):
            path = os.path.join(relative, name)
            if path not in folders:
                full = os.path.join(folder, name)
                if os.path.islink(full):
                    os.unlink(full)
                else:
                    shutil.rmtree(full)
                subfolders.remove(name)


def debris(target: Path) -> list[Path]:
    """Staging and replaced trees of ``target`` left beside it by earlier builds."""
    prefixes = (staging_prefix(target), old_prefix(target))
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return []
    return sorted(Path(e.path) for e in entries if e.name.startswith(prefixes))


def remove_debris(target: Path, skip: Path | None = None) -> list[Path]:
    """Delete (in the background) the trees ``debris`` finds but ``skip``; return them."""
    found = [path for path in debris(target) if path != skip]
    if found:
        stop_processes_inside(found)
        remove_in_background(found)
    return found


def stop_processes_inside(folders: list[Path], patience: float = 2.0) -> None:
    """Kill the search indexers still working for killed builds in ``folders``.

    Pagefind runs on when the build that started it is killed, and would write into a
    staging folder after it was deleted. It is recognised by its working folder, a
    ``.search-*`` scratch folder of the build (``search_index``), and its program
    name; nothing else is touched (a shell whose working folder was the old
    ``output/`` is not). Linux only (``/proc``); elsewhere nothing is stopped.
    """
    scratch = tuple(f"{folder}{os.sep}.search-" for folder in folders)
    try:
        entries = [e.name for e in os.scandir("/proc") if e.name.isdigit()]
    except OSError:
        return
    stopped = []
    for name in entries:
        try:
            where = os.readlink(f"/proc/{name}/cwd").removesuffix(" (deleted)")
            with open(f"/proc/{name}/cmdline", "rb") as handle:
                program = handle.read().split(b"\0", 1)[0]
        except OSError:
            continue
        if where.startswith(scratch) and os.path.basename(program).startswith(b"pagefind"):
            try:
                os.kill(int(name), signal.SIGKILL)
                stopped.append(name)
            except OSError:
                pass
    deadline = time.monotonic() + patience
    while stopped and time.monotonic() < deadline:
        stopped = [n for n in stopped if _running(n)]
        time.sleep(0.01)


def _running(pid: str) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            return handle.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except OSError:
        return False


def remove_in_background(folders: list[Path]) -> None:
    """Delete replaced output trees without making the user wait for it.

    Unlinking thousands of files takes seconds on slow disks; the trees are
    already out of the way (hidden siblings), so a detached process deletes
    them. Where that cannot start, they are deleted here.
    """
    code = ("import shutil, sys\n"
            "for folder in sys.argv[1:]: shutil.rmtree(folder, ignore_errors=True)")
    try:
        subprocess.Popen([sys.executable, "-c", code, *map(str, folders)],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)

