"""``python -m news_digest``: the curator's and the Makefile's commands."""

from __future__ import annotations

import argparse
import os
import sys
from importlib import import_module

from . import interrupts, std_streams

# Each command's module, in the order `--help` lists them. Only the module of the
# command that runs is imported (a build does not load the importer's HTTP client or
# the checker); `--help`, no command or an unknown one load them all.
COMMANDS = {"check": "check", "build": "build", "import": "importer", "new": "new_story",
            "explain": "explain", "ping": "ping", "serve": "serve"}


def _as_path(word: str) -> str:
    """A seed named with a leading dash (``-001_x.txt``, which the build reads) is a file,
    not an option argparse does not know: ``./-001_x.txt``."""
    if word.startswith("-") and word.lower().endswith(".txt") and os.path.isfile(word):
        return os.path.join(".", word)
    return word


def main(argv: list[str] | None = None) -> int:
    # SIGTERM and SIGHUP end every command as Ctrl-C does (one line, 128 + the signal),
    # from the first instant: before, one while Pelican loaded killed a build silently,
    # and a Ctrl-C while argparse loaded its modules ended in a traceback.
    words = sys.argv[1:] if argv is None else argv
    name = words[0] if words and words[0] in COMMANDS else "news_digest"
    with interrupts.handled(), std_streams.guarded_stdout() as stdout:
        try:
            code = _main(words)
            if lost := std_streams.lost_line(name, stdout):  # `> /dev/full`
                print(lost, file=sys.stderr)
                # a build's site is in place: only Pelican's closing line was lost
                return code if name == "build" else (code or 1)
            return code
        except KeyboardInterrupt as stop:  # the commands that write anything handle it
            which = interrupts.signal_name(stop)  # themselves
            print(f"{name}: interrupted" + ("" if which == "SIGINT" else f" ({which})"),
                  file=sys.stderr)
            return interrupts.exit_code(stop)  # 143: a SIGTERM to an import waiting


def _main(words: list[str]) -> int:
    if words and words[0] in ("check", "explain"):  # the commands that take seeds
        words = [_as_path(w) for w in words]
    chosen = COMMANDS.get(words[0]) if words else None
    parser = argparse.ArgumentParser(prog="python -m news_digest",
                                     description="Tools for the news digest.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    # importing a command's module (Pelican, for a build) takes a second or so
    for name in [chosen] if chosen else COMMANDS.values():
        import_module(f"{__package__}.{name}").add_parser(commands)
    args, unknown = parser.parse_known_args(words)
    if unknown:  # the command's own usage, not the list of commands (exits with 2)
        commands.choices[args.command].error(f"unrecognized arguments: {' '.join(unknown)}")
    try:
        code = args.run(args)
        sys.stdout.flush()  # a reader gone (`explain ... | head`) shows here, not at exit
    except BrokenPipeError:
        # The reader of standard output went away: stop quietly, as a shell tool does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE
    return code


if __name__ == "__main__":
    sys.exit(main())
