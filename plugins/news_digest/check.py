"""``check PATH...``: validate seeds without building, with the build's own messages."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from .seed import SeedError, read_seed
from .siteconf import DEFAULT_SETTINGS_FILE, SettingsFileError, digest_settings
from .topics import Taxonomy, seed_topics


def seed_files(paths: list[str]) -> Iterator[Path]:
    """The ``.txt`` files named, and those below any folder named, in a stable order."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.txt") if p.is_file())
        else:
            yield path


def _taxonomy(args) -> Taxonomy | None:
    """The site's taxonomy, to check ``Topics:`` headers; None without a settings file."""
    if args.settings is None and not Path(DEFAULT_SETTINGS_FILE).is_file():
        print(f"note: no {DEFAULT_SETTINGS_FILE} here, so 'Topics:' headers are not checked "
              "(give the settings file with -s FILE)", file=sys.stderr)
        return None
    return Taxonomy.from_settings(digest_settings(args.settings or DEFAULT_SETTINGS_FILE))


def run(args) -> int:
    try:
        taxonomy = _taxonomy(args)
    except SettingsFileError as err:
        print(err, file=sys.stderr)
        return 2
    checked, errors = 0, []
    for path in seed_files(args.paths):
        checked += 1
        try:
            seed = read_seed(path)
            if taxonomy is not None:
                seed_topics(taxonomy, seed)
        except SeedError as err:
            errors.append(err)
    for err in errors:
        print(err, file=sys.stderr)
    print(f"{checked} seed(s) checked, {len(errors)} refused", file=sys.stderr)
    return 1 if errors or not checked else 0


def add_parser(commands) -> None:
    parser = commands.add_parser("check", help="validate seed files without building")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="seed files or folders")
    parser.add_argument("-s", "--settings", default=None, metavar="FILE",
                        help="settings file naming the taxonomy that 'Topics:' headers must name "
                             f"(default {DEFAULT_SETTINGS_FILE}, when present)")
    parser.set_defaults(run=run)
