"""A plain-text progress bar on a terminal, with messages printed above it; and
``escaped_output``: what a command prints of other people's text stays plain text."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from typing import TextIO

# C0 and C1 controls but tab, line feed and carriage return (the progress bar's): a
# feed's ESC sequences would clear the screen, retitle the window or forge log lines.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class _Escaping:
    """A text stream that writes control characters as escapes (``\\x1b``)."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(_CONTROL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextmanager
def escaped_output() -> Iterator[None]:
    """Standard output and error, with control characters printed as escapes: for a
    command that prints what feeds and servers sent (titles, links, dates, reasons)."""
    with redirect_stdout(_Escaping(sys.stdout)), redirect_stderr(_Escaping(sys.stderr)):
        yield


class Progress:
    """``[#####.....]  512/1024`` redrawn in place; silent when not ``enabled``."""

    WIDTH = 30

    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool = True):
        self.total = max(total, 1)
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.done = 0
        self._drawn = -1

    def advance(self, step: int = 1) -> None:
        self.done += step
        filled = self.WIDTH * self.done // self.total
        if self.enabled and filled != self._drawn:  # redraw only when the bar moves
            self._draw(filled)

    def note(self, message: str) -> None:
        """Print a line without tearing the bar."""
        if self.enabled and self._drawn >= 0:
            self.stream.write("\r" + " " * (self.WIDTH + 30) + "\r")
        print(message, file=self.stream)
        if self.enabled and self._drawn >= 0:
            self._draw(self._drawn)

    def finish(self) -> None:
        if self.enabled and self._drawn >= 0:
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, filled: int) -> None:
        self._drawn = filled
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total}")
        self.stream.flush()
