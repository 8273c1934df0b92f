"""``import [URL or FILE...]``: stories from the sources' feeds to new seed files.

CLI glue (curator stage). Which feeds and their items is ``import_feeds`` (files, or
HTTP with ``fetch`` and the cached ``fetch_state``), the sources file ``sources_file``,
reading items ``sources_in``, cleaning them ``story_clean``, the keep/drop rules
``rules``, seed text ``story_seed``, the folder (dedupe, numbering, atomic writes)
``seed_store``, the summary and the dry run ``import_report``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from ..enrich.publisher_names import PublisherTable
from ..enrich.rules import Verdict, judge
from ..enrich.sources_file import SourcesFile, SourcesFileError, load_sources, policy_for
from ..errors import UsageError
from ..seeds.compose import StoryError, safe_url, story_seed
from ..seeds.files import printable
from ..seeds.urls import url_identity
from ..settings import SETTINGS
from . import interrupts
from .feed_items import Skipped, Story, no_text
from .fetch import FetchPolicy, new_session, user_agent
from .fetch_state import FetchState, load_state, save_state
from .import_feeds import FeedResult, plan_jobs, read_job, record
from .import_lock import importing_into
from .import_report import Tally, dry_run_report, report_notes, unreachable
from .progress import Progress, escaped_output
from .seed_folder import IMPORT_FIXES, highest_number, read_originals, seed_name, write_new
from .site_settings import (
    DEFAULT_SETTINGS_FILE,
    SettingsFileError,
    digest_settings,
    settings_file_problem,
)
from .story_clean import Candidate, clean_stories

PROGRESS_FROM = 300  # items; fewer finish before a bar would help


def check_folder(into: str) -> Path | None:
    """The target folder, or None after saying what is wrong with it."""
    folder = Path(into)
    if not folder.is_dir():
        why = ("is not a folder" if folder.exists() else "is a symbolic link that leads nowhere "
               "(a loop, or a folder gone)" if folder.is_symlink() else "does not exist")
        print(f"{printable(into)}: the target folder {why}: create it or pass --into with the "
              "seed folder (content/articles/)", file=sys.stderr)
        return None
    return folder


@dataclass
class Config:
    sources: SourcesFile | None
    state_path: Path
    policy: FetchPolicy
    default_policy: str = "link"  # DIGEST_DEFAULT_POLICY: what a story may show


def load_config(args) -> Config:
    given = args.settings is not None
    settings_file = Path(args.settings or DEFAULT_SETTINGS_FILE)
    if settings_file.is_file():
        try:
            settings = digest_settings(str(settings_file))
        except SettingsFileError as err:
            raise UsageError(str(err)) from None
    elif given:
        raise UsageError(settings_file_problem(str(settings_file)))
    else:  # the defaults alone (nothing else of the site, e.g. its taxonomy, is needed)
        settings = {name: spec.default for name, spec in SETTINGS.items()}
    base = settings_file.resolve().parent
    sources_path = Path(args.sources) if args.sources else base / settings["DIGEST_SOURCES_FILE"]
    sources = None
    if sources_path.is_file() or args.sources:
        try:
            sources = load_sources(sources_path)
        except SourcesFileError as err:
            raise UsageError(str(err)) from None
    elif not args.inputs:
        raise UsageError(f"{sources_path}: no sources file, so nothing to import: write one "
                         "(see docs/importing.md) or name feed URLs or files")
    def given(flag, name):  # a flag overrides the setting
        return flag if flag is not None else settings[name]

    policy = FetchPolicy(timeout=given(args.timeout, "DIGEST_FETCH_TIMEOUT"),
                         max_bytes=settings["DIGEST_FETCH_MAX_BYTES"],
                         retries=given(args.retries, "DIGEST_FETCH_RETRIES"),
                         backoff=given(args.backoff, "DIGEST_FETCH_BACKOFF"),
                         agent=user_agent(settings["DIGEST_SITE_URL"]))
    state_path = Path(args.state) if args.state else base / settings["DIGEST_IMPORT_STATE"]
    return Config(sources, state_path, policy, settings["DIGEST_DEFAULT_POLICY"])


def read_feeds(jobs, state: FetchState, policy: FetchPolicy, verbose: bool) -> list[FeedResult]:
    session = new_session(policy) if any(job.is_url for job in jobs) else None
    results = []
    try:
        for job in jobs:
            result = read_job(job, state, policy, session)
            results.append(result)
            if verbose:
                print(f"{job.location}: {result.outcome}" +
                      (f": {result.reason}" if result.reason else ""), file=sys.stderr)
    finally:
        if session is not None:
            session.close()
    return results


def report_feeds(results: list[FeedResult], sources: SourcesFile | None, tally: Tally) -> None:
    failed = [(r.job.location, r.reason) for r in results if r.outcome == "failed"]
    every_url = all(r.job.is_url for r in results)  # no file was read either
    offline = unreachable(failed, len(results)) if every_url else ""
    if offline:  # one line for all, not the same failure once per feed
        print(offline, file=sys.stderr)
    for result in results:
        tally.feeds[result.outcome] += 1
        job = result.job
        where = sources.where(job.source, job.location) if sources and job.source else ""
        if result.outcome == "failed":
            tally.failed.append((job.location, result.reason))
            if not offline:
                print(f"{job.location}: {result.reason}" + (f" ({where})" if where else ""),
                      file=sys.stderr)
        moved = result.fetched.moved_to if result.fetched else ""
        if moved and where:
            print(f"{where}: {job.location} has moved permanently to {moved}: update the "
                  "feed's URL in the sources file", file=sys.stderr)
        elif moved:
            print(f"{job.location} has moved permanently to {moved}: use the new URL",
                  file=sys.stderr)


def candidates_of(results: list[FeedResult], tally: Tally, verbose: bool) -> list[Candidate]:
    found = []
    for origin, result in enumerate(results):
        for item in result.items:
            if isinstance(item, Skipped):
                tally.skipped[item.kind] += 1
                if verbose:
                    print(item, file=sys.stderr)
                continue
            feed = result.job.location if result.job.is_url else item.feed_url
            found.append(Candidate(item, feed, result.job.source, origin))
        report_notes(result.job.location, result.items)
    return found


def with_text_or_link(candidates: list[Candidate], config: Config, tally: Tally,
                      verbose: bool) -> list[Candidate]:
    """Stories without text kept only where their publisher's policy is ``link``
    (known once the publisher is named): the others are skipped, with the reason."""
    kept = []
    for candidate in candidates:
        story = candidate.story
        skipped = no_text(story, policy_for(config.sources, story.source_name,
                                            config.default_policy))
        if skipped is None:
            kept.append(candidate)
            continue
        tally.skipped[skipped.kind] += 1
        if verbose:
            print(skipped, file=sys.stderr)
    return kept


def publisher_table(sources: SourcesFile | None, seen: list[tuple[str, str]]) -> PublisherTable:
    table = PublisherTable()
    for source in sources.sources if sources else ():
        table.add_source(source.name, source.aliases, source.home)
    for name, url in seen:
        table.add_seen(name, url)
    return table


def judged(candidates: list[Candidate]) -> list[tuple[Candidate, Verdict]]:
    out = []
    for candidate in candidates:
        source = candidate.source
        if source is None or not (source.keep or source.drop):
            out.append((candidate, Verdict(True, None)))
        else:
            out.append((candidate, judge(candidate.story.title, candidate.story.paragraphs,
                                         source.keep, source.drop)))
    return out


def write_stories(entries, folder: Path, number: int, known: dict, progress: Progress,
                  tally: Tally, verbose: bool) -> int:
    """Write the kept, new stories from file number ``number`` on; the next free number."""
    for candidate, verdict in entries:
        progress.advance()
        story: Story = candidate.story
        if not verdict.kept:
            tally.dropped += 1
            if verbose:
                progress.note(f"{story.label}: {verdict.reason}")
            continue
        identity = url_identity(safe_url(story.url))
        if identity in known:
            tally.duplicates += 1
            continue
        try:
            seed, text = story_seed(
                str(folder / seed_name(number, identity)), title=story.title,
                published=story.published, byline=story.byline, source_name=story.source_name,
                url=story.url, paragraphs=story.paragraphs,
                headers={"feed": candidate.feed, "language": story.language,
                         "headline_only": "" if story.paragraphs else "yes"})
        except StoryError as err:
            tally.skipped["not a valid seed"] += 1
            if verbose:
                progress.note(f"{story.label}: skipped: {err}")
            continue
        path = write_new(folder, number, seed.identity, text)
        number = int(path.name.split("_", 1)[0]) + 1
        known[seed.identity] = path
        tally.imported += 1
        if not story.paragraphs:
            tally.headline_only += 1
            if verbose:
                progress.note(f"{story.label}: imported with its headline only (the feed "
                              f"gives no text): {path.name}")
    return number


def run(args) -> int:
    # a feed's text: never its controls; SIGTERM and SIGHUP: as Ctrl-C (were a silent death)
    with escaped_output(), interrupts.handled():
        return _run(args)


def _run(args) -> int:
    folder = check_folder(args.into)
    if folder is None:
        return 2
    try:
        config = load_config(args)
    except UsageError as err:
        print(f"import: {err}", file=sys.stderr)
        return 2
    jobs = plan_jobs(args.inputs, config.sources)
    if not jobs:
        print("import: the sources file lists no feeds", file=sys.stderr)
        return 2
    if args.dry_run:
        return _import(args, folder, config, jobs)

    def waiting() -> None:
        print(f"{printable(str(folder))}: another import is writing into this folder: "
              "waiting for it to end (Ctrl-C to stop)", file=sys.stderr)

    with importing_into(folder, waiting):  # from the folder read to the last seed written
        return _import(args, folder, config, jobs)


def _import(args, folder: Path, config: Config, jobs) -> int:
    state = load_state(config.state_path)
    if state.problem:
        print(f"import: {state.problem}", file=sys.stderr)
    tally = Tally(dry_run=args.dry_run)
    try:
        results = read_feeds(jobs, state, config.policy, args.verbose)
    except KeyboardInterrupt as stop:
        print(f"interrupted ({interrupts.signal_name(stop)}) while reading the feeds; "
              "nothing was written", file=sys.stderr)
        return interrupts.exit_code(stop)
    report_feeds(results, config.sources, tally)
    known, seen = read_originals(folder)
    candidates = candidates_of(results, tally, args.verbose)
    cleaned = clean_stories(candidates, publisher_table(config.sources, seen), args.source or "")
    entries = judged(with_text_or_link(cleaned, config, tally, args.verbose))
    if args.dry_run:
        dry_run(entries, known, config.sources, tally)
        return 1 if tally.failed else 0
    code = write_all(results, entries, folder, known, state, tally, args.verbose)
    print(tally.summary())
    return code or (1 if tally.failed else 0)


def dry_run(entries, known: dict, sources: SourcesFile | None, tally: Tally) -> None:
    """Print what each source's rules keep and drop, and what would be imported."""
    marked, seen = [], set(known)  # a story twice in this import is a duplicate too
    for candidate, verdict in entries:
        identity = url_identity(safe_url(candidate.story.url))
        marked.append((candidate, verdict, identity in seen))
        if verdict.kept:
            seen.add(identity)
    for line in dry_run_report(marked, sources.where if sources else str):
        print(line)
    tally.dropped = sum(1 for _, v, _ in marked if not v.kept)
    tally.duplicates = sum(1 for _, v, dup in marked if v.kept and dup)
    tally.imported = sum(1 for _, v, dup in marked if v.kept and not dup)
    tally.headline_only = sum(1 for c, v, dup in marked
                              if v.kept and not dup and not c.story.paragraphs)
    print(tally.summary())


def write_all(results, entries, folder, known, state, tally, verbose) -> int:
    """Write feed by feed; a feed's state is kept only once all its stories are in."""
    by_feed: dict[int, list] = {}
    for entry in entries:
        by_feed.setdefault(entry[0].origin, []).append(entry)
    progress = Progress(len(entries), sys.stderr,
                        enabled=len(entries) > PROGRESS_FROM and sys.stderr.isatty())
    code = 0
    number = highest_number(folder) + 1
    try:
        for n, result in enumerate(results):
            number = write_stories(by_feed.get(n, []), folder, number, known, progress, tally,
                                   verbose)
            record(state, result)
    except KeyboardInterrupt as stop:
        progress.note(f"interrupted ({interrupts.signal_name(stop)}): every seed written so "
                      "far is complete")
        code = interrupts.exit_code(stop)
    except OSError as err:
        fix = IMPORT_FIXES.get(err.errno, "")
        progress.note(f"{printable(str(folder))}: cannot write a seed: "
                      f"{err.strerror or err}{fix}")
        code = 1
    finally:
        progress.finish()
        if any(result.job.is_url for result in results):
            try:
                with interrupts.deferred():  # a second signal waits for the state
                    save_state(state)
            except OSError as err:
                print(f"import: {state.path}: cannot save the import state "
                      f"({err.strerror or err}); the next import downloads every feed again",
                      file=sys.stderr)
    return code


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "import", help="import stories from the sources' feeds (or feeds and news-API "
                       "exports named)",
        description="Write one new seed per story of the feeds in the sources file "
                    "(sources.toml), or of the feed URLs and files named; stories already "
                    "in the folder are skipped. See docs/importing.md.")
    parser.add_argument("inputs", nargs="*", metavar="URL-OR-FILE",
                        help="an RSS 2.0, RSS 1.0/RDF or Atom feed, or a news-API JSON "
                             "export: an http(s) URL or a file (default: every feed of the "
                             "sources file)")
    parser.add_argument("--into", default="content/articles/", metavar="FOLDER",
                        help="seed folder to write into (default: content/articles/)")
    parser.add_argument("--source", metavar="NAME",
                        help="publisher name for every story imported (default: the sources "
                             "file's name for the feed, else the site's name)")
    parser.add_argument("-s", "--settings", default=None, metavar="FILE",
                        help=f"settings file (default: {DEFAULT_SETTINGS_FILE} if present)")
    parser.add_argument("--sources", metavar="FILE",
                        help="sources file (default: DIGEST_SOURCES_FILE beside the settings "
                             "file, sources.toml)")
    parser.add_argument("--state", metavar="FILE",
                        help="import state file: each feed's validators and last fetch "
                             "(default: DIGEST_IMPORT_STATE, .cache/import-state.json)")
    parser.add_argument("--timeout", type=_seconds, metavar="SECONDS",
                        help="give up on a feed's server after this long (default: "
                             "DIGEST_FETCH_TIMEOUT, 20)")
    parser.add_argument("--retries", type=_count, metavar="N",
                        help="further attempts after a server error or a broken connection "
                             "(default: DIGEST_FETCH_RETRIES, 3)")
    parser.add_argument("--backoff", type=_seconds, metavar="SECONDS",
                        help="wait before the first retry, doubled for each next one "
                             "(default: DIGEST_FETCH_BACKOFF, 1)")
    parser.add_argument("--dry-run", action="store_true",
                        help="fetch and judge every story, show what each rule keeps and "
                             "drops, write nothing")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="say what happened to each feed and to each item skipped or "
                             "dropped")
    parser.set_defaults(run=run)


def _seconds(text: str) -> float:
    import argparse  # noqa: PLC0415

    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 600:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds from 0 to 600")
    return value


def _count(text: str) -> int:
    import argparse  # noqa: PLC0415

    if not text.isdigit() or int(text) > 10:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number from 0 to 10")
    return int(text)
