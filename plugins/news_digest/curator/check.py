"""``check PATH...``: validate seeds without building, with the build's own messages.

The files of a folder are judged by ``seed_folder.classify_path``, the rule the
build's articles generator follows, with the site's ``ARTICLE_EXCLUDES``,
``STATIC_PATHS`` and ``IGNORE_FILES`` when a settings file is found: ``check`` and
the build agree on which files are seeds, ignored or refused, and why. A seed whose
``Same event as:`` / ``Not same event as:`` names no story is refused here, where the
build only warns (``check_links.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..enrich.publishers import find_duplicates
from ..enrich.topics import Taxonomy, seed_topics
from ..seeds.files import HIDDEN, REFUSED, classify_path, seed_folder_rules
from ..seeds.format import SeedError, read_seed
from ..settings import resolve
from .check_links import unresolved_references
from .site_settings import DEFAULT_SETTINGS_FILE, SettingsFileError, site_settings


def _site(args) -> dict | None:
    """The site's settings (``Topics:`` and folder rules); None without a settings file."""
    if args.settings is None and not Path(DEFAULT_SETTINGS_FILE).is_file():
        print(f"note: no {DEFAULT_SETTINGS_FILE} here, so 'Topics:' headers are not checked "
              "(give the settings file with -s FILE)", file=sys.stderr)
        return None
    return site_settings(args.settings or DEFAULT_SETTINGS_FILE)


def _rules_for(settings: dict | None, path: str, rules: dict | None) -> dict | None:
    """A content folder named (one holding the site's article folders, as ``build
    FOLDER`` takes it) also leaves out its own pages and static folders, as the build of
    that folder does: its ``pages/about.md`` was refused as "not a seed"."""
    if settings is None or rules is None or not any(
            (Path(path) / folder).is_dir() for folder in settings.get("ARTICLE_PATHS", ())):
        return rules
    own = seed_folder_rules(settings, path)["excluded"]
    return {**rules, "excluded": [*rules["excluded"], *own]}


def warning_lines(seed) -> list[str]:
    """A seed's warnings (``Seed.warnings``) as ``check`` and ``explain`` print them:
    ``warning: file:line: what was left out and how to fix it``."""
    return [f"warning: {warning}" for warning in seed.warnings]


def run(args) -> int:
    try:
        settings = _site(args)
    except SettingsFileError as err:
        print(err, file=sys.stderr)
        return 2
    taxonomy = rules = None
    if settings is not None:
        taxonomy = Taxonomy.from_settings(resolve(settings))
        rules = seed_folder_rules(settings, settings["PATH"])
    checked, ignored, warned, errors, seeds = 0, 0, 0, [], []
    for verdict in (v for path in args.paths
                    for v in classify_path(path, **(_rules_for(settings, path, rules) or {}))):
        if verdict.kind == HIDDEN:
            ignored += 1
            print(f"note: ignored {verdict.shown}: {verdict.reason}", file=sys.stderr)
            continue
        checked += 1
        if verdict.kind == REFUSED:
            errors.append(SeedError(verdict.shown, 1, verdict.reason))
            continue
        try:
            seed = read_seed(verdict.path)
            if taxonomy is not None:
                seed_topics(taxonomy, seed)
        except SeedError as err:
            errors.append(err)
            continue
        seeds.append(seed)
        for line in warning_lines(seed):
            print(line, file=sys.stderr)
        warned += len(seed.warnings)
    for kept, gone, url in find_duplicates((s.path, s.source_url) for s in seeds):
        warned += 1
        print(f"warning: duplicate story: {kept} and {gone} have the same original {url}; "
              f"the build keeps {kept} and leaves out {gone} (delete one of them)",
              file=sys.stderr)
    errors += unresolved_references(seeds, settings)
    for err in errors:
        print(err, file=sys.stderr)
    summary = f"{checked} seed(s) checked, {len({e.path for e in errors})} refused"
    summary += f", {ignored} ignored" if ignored else ""
    # A warning scrolled away above a long run is counted where the run ends.
    warnings = f", {warned} warning" + ("s" if warned > 1 else "") if warned else ""
    print(summary + warnings, file=sys.stderr)
    return 1 if errors or not checked else 0


def add_parser(commands) -> None:
    parser = commands.add_parser("check", help="validate seed files without building")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="seed files or folders")
    parser.add_argument("-s", "--settings", default=None, metavar="FILE",
                        help="settings file naming the taxonomy that 'Topics:' headers must name "
                             f"(default {DEFAULT_SETTINGS_FILE}, when present)")
    parser.set_defaults(run=run)
