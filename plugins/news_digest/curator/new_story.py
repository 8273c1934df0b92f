"""``new --title ... --source ... --url ...``: a seed for a story typed in by hand.

The body is required (``--body``, ``--body-file`` or standard input), unless
``--headline-only`` says there is none (the seed then says ``Headline only: **yes**``).
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime

from ..diskspace import NO_SPACE, NOT_WRITABLE
from ..errors import UsageError
from ..seeds.compose import StoryError, safe_url, story_seed
from ..seeds.format import MAX_SEED_BYTES
from ..seeds.headers import timestamp_problem
from ..seeds.text import text_to_paragraphs
from ..seeds.urls import is_web_url, url_identity
from .importer import check_folder
from .seed_folder import highest_number, known_identities, seed_name, write_new


def parse_published(value: str | None) -> datetime:
    """``--published`` as an aware datetime (no offset means UTC); now when not given."""
    if value is None:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"--published {timestamp_problem(value.strip())}") from None
    if not 1900 <= moment.year <= 2999:
        raise UsageError(f"--published: the year {moment.year} is out of range (1900 to 2999)")
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _capped(data: bytes, where: str) -> str:
    """The story text read (at most one byte over a seed's cap: ``/dev/zero`` or an
    endless pipe filled the memory until the system killed the command)."""
    if len(data) > MAX_SEED_BYTES:
        raise UsageError(f"{where}: the story text is over {MAX_SEED_BYTES // 1_000_000} MB, "
                         "more than a seed may hold: shorten the story or split it")
    return data.decode("utf-8-sig")


def read_body(args) -> list[str]:
    if args.headline_only:
        if args.body is not None or args.body_file is not None:
            raise UsageError("--headline-only is a story without text: leave out --body and "
                             "--body-file, or --headline-only")
        return []
    if args.body is not None and args.body_file is not None:
        raise UsageError("give the text with --body or with --body-file, not both")
    if args.body is not None:
        text = "\n".join(args.body)
    elif args.body_file is not None and args.body_file != "-":
        try:
            with open(args.body_file, "rb") as handle:  # a file, or a pipe: <(curl ...)
                text = _capped(handle.read(MAX_SEED_BYTES + 1), f"--body-file {args.body_file}")
        except (OSError, UnicodeDecodeError) as err:
            why = getattr(err, "strerror", None) or "not UTF-8 text"
            raise UsageError(f"--body-file {args.body_file}: cannot be read: {why}") from None
    elif args.body_file == "-" or not sys.stdin.isatty():
        stream = getattr(sys.stdin, "buffer", None)
        try:
            text = (_capped(stream.read(MAX_SEED_BYTES + 1), "standard input") if stream
                    else sys.stdin.read(MAX_SEED_BYTES + 1))
        except UnicodeDecodeError:
            raise UsageError("standard input: cannot be read: not UTF-8 text") from None
    else:
        raise UsageError("no story text: give it with --body TEXT (once per paragraph), "
                         "--body-file FILE, or on standard input (or --headline-only for a "
                         "story shown by its headline and link alone)")
    paragraphs = text_to_paragraphs(text)
    if not paragraphs:
        raise UsageError("the story text is empty: a seed needs at least one paragraph (or "
                         "--headline-only for a story shown by its headline and link alone)")
    return paragraphs


def run(args) -> int:
    folder = check_folder(args.into)
    if folder is None:
        return 2
    try:
        if not is_web_url(args.url) or any(c.isspace() for c in args.url.strip()):
            raise UsageError(f"--url '{args.url}' is not an absolute http(s) URL: give the "
                             "story's full address, starting with https://")
        if not args.title.strip():
            raise UsageError("--title is empty: give the story's headline")
        if not args.source.strip():
            raise UsageError("--source is empty: give the publisher's name")
        published = parse_published(args.published)
        paragraphs = read_body(args)
    except UsageError as err:
        print(f"new: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("new: interrupted; nothing was written", file=sys.stderr)
        return 130
    identity = url_identity(safe_url(args.url))
    existing = known_identities(folder).get(identity)
    if existing is not None:
        print(f"new: {args.url} is already a seed: {existing}", file=sys.stderr)
        return 1
    number = highest_number(folder) + 1
    try:
        seed, text = story_seed(str(folder / seed_name(number, identity)), title=args.title,
                                published=published, byline=args.author or "",
                                source_name=args.source, url=args.url, paragraphs=paragraphs,
                                headers={"headline_only": "" if paragraphs else "yes"})
        path = write_new(folder, number, seed.identity, text)
    except StoryError as err:
        print(f"new: not written: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        fix = (": make the folder writable (or give --into one that is)"
               if err.errno in NOT_WRITABLE else ": free space" if err.errno in NO_SPACE else "")
        print(f"new: {folder}: cannot write the seed: {err.strerror or err}{fix}",
              file=sys.stderr)
        return 1
    print(path)
    return 0


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "new", help="write a seed for a story typed in by hand",
        description="Write a new seed file. The story text comes from --body (once per "
                    "paragraph), --body-file, or standard input.")
    parser.add_argument("--title", required=True, help="the headline")
    parser.add_argument("--source", required=True, help="the publisher's name")
    parser.add_argument("--url", required=True, help="the story's original address (http/https)")
    parser.add_argument("--author", help="the byline, e.g. 'Jane Doe, John Roe' or 'PTI'")
    parser.add_argument("--published", metavar="ISO",
                        help="publication time, ISO 8601 (default: now, UTC)")
    parser.add_argument("--body", action="append", metavar="TEXT",
                        help="a paragraph of the story; repeat for more")
    parser.add_argument("--body-file", metavar="FILE",
                        help="read the story text from FILE ('-' for standard input), "
                             "one paragraph per line")
    parser.add_argument("--headline-only", action="store_true",
                        help="a story without text, shown by its headline, credit and link "
                             "(the seed says 'Headline only: **yes**')")
    parser.add_argument("--into", default="content/articles/", metavar="FOLDER",
                        help="seed folder to write into (default: content/articles/)")
    parser.set_defaults(run=run)
