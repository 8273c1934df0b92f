"""What every dev set writer (``tests/devset_*.py``) does alike: its command line of two
paths, and its records written as JSON lines. The writers are tools, not tests: they
turn a public corpus's checkout into the text files the quality tests read from outside
the repository."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path


def two_paths(argv: list[str], doc: str) -> tuple[Path, Path] | None:
    """A writer's two arguments (what it reads, where it writes), or None once its usage
    line, the last line of its docstring, is printed."""
    if len(argv) != 2:
        print(doc.strip().splitlines()[-1], file=sys.stderr)
        return None
    return Path(argv[0]), Path(argv[1])


def write_lines(path: Path, records: Iterable[dict], what: str = "articles") -> None:
    """``records`` into ``path``, one JSON object a line, and a line saying how many."""
    lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in records]
    path.write_text("".join(lines), encoding="utf-8")
    print(f"{path}: {len(lines)} {what}")
