"""``import FILE... --into FOLDER``: feeds and news-API exports to new seed files.

CLI glue: reading items is ``sources_in``, making seed text is ``story_seed``,
the folder (dedupe, numbering, atomic writes) is ``seed_store``.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from ..seeds.compose import StoryError, safe_url, story_seed
from ..seeds.urls import url_identity
from .feed_items import ImportFileError, Skipped, read_items
from .progress import Progress
from .seed_folder import highest_number, known_identities, seed_name, write_new

PROGRESS_FROM = 300  # items; fewer finish before a bar would help


def check_folder(into: str) -> Path | None:
    """The target folder, or None after saying what is wrong with it."""
    folder = Path(into)
    if not folder.is_dir():
        why = "is not a folder" if folder.exists() else "does not exist"
        print(f"{into}: the target folder {why}: create it or pass --into with the "
              "seed folder (content/articles/)", file=sys.stderr)
        return None
    return folder


class Tally:
    def __init__(self):
        self.imported = 0
        self.duplicates = 0
        self.skipped: Counter[str] = Counter()

    def summary(self) -> str:
        skipped = sum(self.skipped.values())
        line = (f"imported {self.imported}, duplicates {self.duplicates}, "
                f"skipped {skipped}")
        if skipped:
            line += " (" + ", ".join(f"{kind}: {n}" for kind, n in
                                     sorted(self.skipped.items(), key=lambda kv: -kv[1])) + ")"
        return line


def import_items(items, folder: Path, progress: Progress, tally: Tally,
                 source: str | None = None) -> None:
    """Write each new story; ``source`` replaces every item's publisher name."""
    known = known_identities(folder)
    number = highest_number(folder) + 1
    for item in items:
        progress.advance()
        if isinstance(item, Skipped):
            tally.skipped[item.kind] += 1
            progress.note(str(item))
            continue
        identity = url_identity(safe_url(item.url))
        if identity in known:
            tally.duplicates += 1
            continue
        try:
            seed, text = story_seed(str(folder / seed_name(number, identity)),
                                    title=item.title, published=item.published,
                                    byline=item.byline, source_name=source or item.source_name,
                                    url=item.url, paragraphs=item.paragraphs)
        except StoryError as err:
            tally.skipped["not a valid seed"] += 1
            progress.note(f"{item.label}: skipped: {err}")
            continue
        path = write_new(folder, number, seed.identity, text)
        number = int(path.name.split("_", 1)[0]) + 1
        known[seed.identity] = path
        tally.imported += 1


def read_all(files: list[str]) -> tuple[list, int]:
    """Items of every file, and how many files could not be read; errors reported."""
    items, failed = [], 0
    for name in files:
        try:
            items += read_items(name)
        except ImportFileError as err:
            failed += 1
            print(err, file=sys.stderr)
    return items, failed


def run(args) -> int:
    folder = check_folder(args.into)
    if folder is None:
        return 2
    try:
        items, failed = read_all(args.files)
    except KeyboardInterrupt:
        print("interrupted while reading the files; nothing was written", file=sys.stderr)
        return 130
    progress = Progress(len(items), sys.stderr,
                        enabled=len(items) > PROGRESS_FROM and sys.stderr.isatty())
    tally = Tally()
    code = 1 if failed else 0
    try:
        import_items(items, folder, progress, tally, args.source)
    except KeyboardInterrupt:
        progress.note("interrupted: every seed written so far is complete")
        code = 130
    except OSError as err:
        progress.note(f"{folder}: cannot write a seed: {err.strerror or err}")
        code = 1
    finally:
        progress.finish()
    if failed:
        print(f"{failed} file(s) could not be imported (see above)", file=sys.stderr)
    print(tally.summary())
    return code


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "import", help="import stories from RSS/Atom feeds and news-API JSON exports",
        description="Write one new seed per story found in the feeds or news-API JSON "
                    "exports named; stories already in the folder are skipped.")
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="RSS 2.0, RSS 1.0/RDF or Atom file, or news-API JSON export")
    parser.add_argument("--into", default="content/articles/", metavar="FOLDER",
                        help="seed folder to write into (default: content/articles/)")
    parser.add_argument("--source", metavar="NAME",
                        help="publisher name for every story imported (default: the feed's "
                             "title or the record's source.name)")
    parser.set_defaults(run=run)
