
"""One build at a time into one output folder: a lock file beside it.

Pure module (no Pelican import), used by the build command. The lock is an
``flock`` on ``.<output>.lock`` in output/'s parent folder: the system releases
it when its holder ends, however it ends (even ``kill -9``), so a stale lock
cannot stop the next build. The holder writes who it is (pid, start time,
command) into the file for a second build to report. The file is removed when
the build ends; a build that was waiting for it then finds it gone or replaced
and takes the new one, never the removed one.
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
import time
from pathlib import Path

from ..errors import BuildLocked


def lock_path(target: Path) -> Path:
    return target.parent / f".{target.name}.lock"


class BuildLock:
    def __init__(self, target: Path):
        self.target = target
        self.path = lock_path(target)
        self.fd: int | None = None

    def acquire(self, wait: bool = True, tell=None) -> None:
        """Take the lock. If another build holds it: raise ``BuildLocked`` (not
        ``wait``) or call ``tell(holder)`` once and wait for it."""
        told = False
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            try:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    holder = self.holder(fd)
                    if not wait:
                        raise BuildLocked(holder) from None
                    if not told and tell is not None:
                        tell(holder)
                        told = True
                    fcntl.flock(fd, fcntl.LOCK_EX)  # Ctrl-C interrupts the wait
                if self._still_ours(fd):
                    self.fd, fd = fd, None
                    self._write_holder()
                    return
            finally:
                if fd is not None:
                    os.close(fd)

    def _still_ours(self, fd: int) -> bool:
        """The file locked is still the one at ``path`` (its holder did not remove it)."""
        try:
            here = os.stat(self.path)
        except FileNotFoundError:
            return False
        mine = os.fstat(fd)
        return (here.st_dev, here.st_ino) == (mine.st_dev, mine.st_ino)

    def _write_holder(self) -> None:
        info = {"pid": os.getpid(), "since": time.strftime("%Y-%m-%d %H:%M:%S"),
                "command": _command()[:300]}
        try:
            os.ftruncate(self.fd, 0)
            os.pwrite(self.fd, json.dumps(info).encode(), 0)
        except OSError:
            pass  # a full disk: the lock holds, only the description is missing

    @staticmethod
    def holder(fd: int) -> str:
        """Who holds the lock, as the holder described itself."""
        try:
            info = json.loads(os.pread(fd, 4096, 0).decode("utf-8"))
            return (f"pid {info['pid']}, since {info['since']}: "
                    f"{' '.join(str(info['command']).split())}")
        except (OSError, ValueError, KeyError, TypeError):
            return "another process"

    def release(self) -> None:
        if self.fd is None:
            return
        try:
            os.unlink(self.path)  # while still holding it: see the module's docstring
        except OSError:
            pass
        os.close(self.fd)
        self.fd = None


def _command() -> str:
    """This process's command line as it was typed (``python -m news_digest ...``)."""
    words = list(sys.argv)
    if words and words[0].endswith("__main__.py"):
        words[0] = f"{os.path.basename(sys.executable)} -m {__package__.partition('.')[0]}"
    return " ".join(words)
