"""Pelican glue: how the build's log reads, on a terminal and in a CI log.

Pelican logs through rich, which (off a terminal) wraps every message at 80
columns: a long file name was broken across lines and no longer searchable in a
CI log. So the build logs to stderr as follows: on a terminal, through rich as
Pelican does; anywhere else, one line per message (``LEVEL: message``, the
message's own line breaks folded into `` | ``), and Pelican's closing "Done"
line on stdout is not wrapped either.
"""

from __future__ import annotations

import logging
import sys

from pelican import log as pelican_log
from rich.console import Console
from rich.logging import RichHandler


class OneLineFormatter(logging.Formatter):
    def __init__(self, tracebacks: bool = False):
        super().__init__("%(levelname)s: %(message)s")
        self.tracebacks = tracebacks

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        if self.tracebacks and (record.exc_info or record.stack_info):
            return text  # --debug: the traceback as Python prints it
        return " | ".join(line.strip() for line in text.splitlines() if line.strip())

    def formatException(self, ei) -> str:  # noqa: N802 - logging's name
        return super().formatException(ei) if self.tracebacks else ""


class StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time (tests redirect it)."""

    def __init__(self):
        super().__init__()

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value):
        pass


class _Installed:
    handler: logging.Handler | None = None


def setup(debug: bool = False) -> logging.Handler:
    """Send the log to stderr, one line per message unless stderr is a terminal."""
    root = logging.getLogger()
    for handler in (_Installed.handler, pelican_log.DEFAULT_LOG_HANDLER):
        if handler is not None:
            root.removeHandler(handler)
    if sys.stderr.isatty():
        handler = RichHandler(console=Console(stderr=True))
        handler.setFormatter(logging.Formatter("%(message)s", datefmt="[%H:%M:%S]"))
    else:
        handler = StderrHandler()
        handler.setFormatter(OneLineFormatter(tracebacks=debug))
    if not sys.stdout.isatty():
        pelican_log.console.soft_wrap = True  # "Done: Processed ..." on one line
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if debug else logging.WARNING)
    _Installed.handler = handler
    return handler
