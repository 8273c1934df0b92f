"""``check PATH...``: validate seeds without building, with the build's own messages."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from .seed import SeedError, read_seed


def seed_files(paths: list[str]) -> Iterator[Path]:
    """The ``.txt`` files named, and those below any folder named, in a stable order."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.txt") if p.is_file())
        else:
            yield path


def run(args) -> int:
    checked, errors = 0, []
    for path in seed_files(args.paths):
        checked += 1
        try:
            read_seed(path)
        except SeedError as err:
            errors.append(err)
    for err in errors:
        print(err, file=sys.stderr)
    print(f"{checked} seed(s) checked, {len(errors)} refused", file=sys.stderr)
    return 1 if errors or not checked else 0


def add_parser(commands) -> None:
    parser = commands.add_parser("check", help="validate seed files without building")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="seed files or folders")
    parser.set_defaults(run=run)
