"""``python -m news_digest``: the curator's and the Makefile's commands."""

from __future__ import annotations

import argparse
import sys

from . import build, check, explain, importer, new_story, ping


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m news_digest",
                                     description="Tools for the news digest.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in (check, build, importer, new_story, explain, ping):
        module.add_parser(commands)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
