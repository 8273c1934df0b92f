"""A plain-text progress bar on a terminal, with messages printed above it."""

from __future__ import annotations

import sys
from typing import TextIO


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
