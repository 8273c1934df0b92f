"""Which keyed cache folders a running build uses, so that what killed builds left in
any of them is cleared, and a live build's files never are.

Pure module (no Pelican import), part of the rebuild (the ``speed`` stage). A build
holds a shared ``flock`` on its keyed cache folder (the folder itself, opened
read-only: no lock file to leave behind) from before it clears it until the build
ends; the system drops the lock however the build ends, ``kill -9`` included. A
folder that can be locked exclusively is used by no live build: a pending record
there (``clusters.bin.<pid>.new``, ``pages.json.<pid>.new``) is a killed build's;
in a folder a live build holds, only those whose writer's pid is gone are.

Why every keyed folder: a build killed under one key and followed by a build under
another (the plugin upgraded or edited, a setting or the settings file changed, even
a comment) left its pending records in a folder no later build cleared: debris of
up to the clustering's size (67 MB at 100,000 stories) until pruned. And why a lock:
the build lock serialises the builds into one output, but a build into another output
may use the same cache folder, or a sibling one, at the same time.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on POSIX: no claims, each build clears its own folder
    fcntl = None


def _open(folder: Path, create: bool) -> int | None:
    if fcntl is None:
        return None
    try:
        if create:
            folder.mkdir(parents=True, exist_ok=True)
        return os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:  # not writable (the build says so later), or gone
        return None


def _alone(fd: int) -> bool | None:
    """Locked exclusively (True), held by a live build (False), or no locks here."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:  # a file system without flock
        return None
    return True


class CacheClaim:
    """This build's claim on its keyed cache folder (``release`` when it ends)."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.fd = _open(self.folder, create=True)

    def clear_if_alone(self, clear: Callable[[Path], None]) -> None:
        """``clear(folder)`` unless another live build uses the folder (and where no
        lock can tell, as before the claims); then hold the folder shared."""
        alone = _alone(self.fd) if self.fd is not None else None
        if alone is not False:
            clear(self.folder)
        if alone is not None:
            fcntl.flock(self.fd, fcntl.LOCK_SH)  # waits only for a build clearing it

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # the lock goes with it
            self.fd = None


def if_unused(folder: Path, action: Callable[[Path], None]) -> bool:
    """``action(folder)`` unless a live build holds ``folder``; whether it ran. Where
    no lock can tell (no ``flock`` on the system or the file system), as before the
    claims: it runs (old folders are still pruned)."""
    if fcntl is None:
        action(folder)
        return True
    fd = _open(folder, create=False)
    if fd is None:  # gone, or not readable
        return False
    try:
        if _alone(fd) is not False:
            action(folder)
            return True
        return False
    finally:
        os.close(fd)
