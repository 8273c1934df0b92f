"""Standard streams a command can rely on, whatever it was started with.

- A standard stream closed by the caller (``>&-``, ``2>&-``, a daemon's cleanup) made
  ``sys.stdout`` None: every command ended in ``AttributeError`` with its traceback (a
  build with ``2>&-`` failed), and the next file opened took descriptor 1, which a
  child process (Pagefind) would have written its output into. Each closed one is
  opened on ``/dev/null`` first.
- Output that cannot be written (``> /dev/full``, a disk filled by a redirected log)
  raised ``OSError`` out of ``explain``, ``import`` and ``new``, and failed a finished
  build with "no space left on device while writing into output/": its site was fine,
  only Pelican's closing line had no room. Standard output is written through
  ``Guarded``, which keeps the first such error and drops the rest; the command then
  says so in one line. A reader gone (``BrokenPipeError``) still ends the command as
  before (``cli``).
- A locale whose encoding cannot write a headline (``PYTHONIOENCODING=ascii``) writes
  it escaped (``\\xfc``) instead of raising ``UnicodeEncodeError``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys

_UTF8 = ("utf-8", "utf8")


def ensure_open() -> None:
    """Open every closed standard descriptor on ``/dev/null``; give Python streams."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError as err:
            if err.errno != errno.EBADF:
                continue
            null = os.open(os.devnull, os.O_RDWR)  # the lowest free descriptor: fd itself
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    for name, fd, mode in (("stdin", 0, "r"), ("stdout", 1, "w"), ("stderr", 2, "w")):
        if getattr(sys, name) is None:
            setattr(sys, name, open(fd, mode, encoding="utf-8",  # noqa: SIM115 - for good
                                    errors="backslashreplace", closefd=False))
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower()
        if encoding not in _UTF8 and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


class Guarded:
    """``sys.stdout``, but a write error other than a broken pipe is kept, not raised."""

    def __init__(self, stream):
        self._stream = stream
        self.lost: OSError | None = None

    def _guard(self, action, *args):
        if self.lost is not None:
            return None
        try:
            return action(*args)
        except BrokenPipeError:
            raise
        except OSError as err:
            self.lost = err
            try:  # what is still buffered would fail again as the interpreter exits
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, self._stream.fileno())
                os.close(null)
            except (OSError, ValueError):
                pass
            return None

    def write(self, text: str) -> int:
        self._guard(self._stream.write, text)
        return len(text)

    def flush(self) -> None:
        self._guard(self._stream.flush)

    def __getattr__(self, name):
        return getattr(self._stream, name)


@contextlib.contextmanager
def guarded_stdout():
    """``sys.stdout`` is ``Guarded`` inside (and given back after: tests call ``cli``)."""
    before = sys.stdout
    guarded = sys.stdout = before if isinstance(before, Guarded) else Guarded(before)
    try:
        yield guarded
    finally:
        sys.stdout = before


def lost_line(name: str, guarded: Guarded) -> str:
    """The one line saying standard output could not be written ("" when it could)."""
    if guarded.lost is None:
        return ""
    why = guarded.lost.strerror or guarded.lost
    return (f"{name}: could not write to standard output ({why}): what it printed there "
            "is lost; free space where it is redirected, or redirect it elsewhere, and run "
            "it again")
