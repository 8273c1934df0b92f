"""``build``: run Pelican into a staging folder and swap it in only on success.

A broken seed, a broken template, Ctrl-C or SIGTERM leaves the previous output
exactly as it was; errors are reported as messages, not tracebacks. One build
at a time writes into an output folder (``build_lock``); it first clears what
killed builds left (``output_swap.remove_debris``, stale temporary files of the
cache). A full disk is reported as such, naming the file (``diskspace``). What
is kept between builds (the content cache's folder, the up-to-date stamp, the page
record) is ``speed.Rebuild``'s.
"""

from __future__ import annotations

import errno
import functools
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from ..diskspace import describe, no_space_error, no_space_in_record, not_writable
from ..errors import DigestConfigError, DigestError, InPlaceUpdateFailed, SearchIndexError
from ..glue import build_log
from ..output.feed_plan import is_placeholder, public_site_url
from ..seeds.urls import is_web_url
from ..settings import SETTINGS_FILE
from ..speed import PREVIOUS_OUTPUT, Rebuild
from . import interrupts
from .build_lock import BuildLock, BuildLocked
from .host_files import carry_over, removed
from .output_folder import folder_refusal
from .output_swap import (
    Unswappable,
    remove_debris,
    remove_in_background,
    staging_prefix,
    swap_in,
    update_in_place,
)
from .site_settings import settings_file_problem

# Exit code of ``build --no-wait`` when another build holds the lock (EX_TEMPFAIL).
BUSY = 75
_NO_SPACE_TEXTS = (os.strerror(28), "Disk quota exceeded")  # as Pagefind reports them


class _FailureWatch(logging.Handler):
    """Counts ERROR records (Pelican logs content it could not process at that level)
    and notes a full disk, which Pelican's copy of theme files only logs as a warning."""

    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.count = 0
        self.no_space: OSError | None = None

    def emit(self, record):
        if record.levelno >= logging.ERROR:
            self.count += 1
        if self.no_space is None:
            self.no_space = no_space_in_record(record)


def placeholder_message(settings_file: str, settings) -> str:
    """Why a site cannot be published at the address its settings give ("" when it can)."""
    try:
        url = public_site_url(settings)
    except DigestConfigError as err:
        return f"{settings_file}: {err}"
    if not is_placeholder(url):
        return ""
    # Where the address came from: publishconf.py's SITEURL is DIGEST_SITE_URL unless
    # the SITEURL environment variable (``make publish SITEURL=...``) gives another.
    siteurl = (settings.get("SITEURL") or "").rstrip("/")
    from_siteurl = is_web_url(siteurl) and siteurl != (
        str(settings.get("DIGEST_SITE_URL") or "")).rstrip("/")
    source = ("SITEURL (the address given to this build)" if from_siteurl
              else "DIGEST_SITE_URL in pelicanconf.py")
    return (f"{settings_file}: not publishing: the site's public address is {url}, "
            f"a placeholder (a reserved example or test domain), not where the site is "
            f"served from. It comes from {source}. Set DIGEST_SITE_URL in pelicanconf.py "
            f"to the site's real address and run `make publish` again, or give it for one "
            f"build: `make publish SITEURL=https://your.site/`")


def _settings_read(settings_file: str, content: str | None, overrides: dict | None) -> dict:
    """The settings this build would read (Pelican's ``ValueError`` when it cannot)."""
    from pelican.settings import read_settings  # noqa: PLC0415

    override = {SETTINGS_FILE: settings_file, **(overrides or {})}
    if content:
        override["PATH"] = str(Path(content).resolve())
    return read_settings(settings_file, override=override)


def build_site(settings_file: str, content: str | None, output: str, *,
               debug: bool = False, overrides: dict | None = None, force: bool = False,
               wait: bool = True, publish: bool = False) -> int:
    """Build the site into ``output``; return a process exit code.

    ``overrides`` replace settings from the file (tests build variants this way).
    With the content cache on, a build whose inputs and output are unchanged since
    the last one stops early (``uptodate.py``) unless ``force``. ``wait``: when
    another build is writing ``output``, wait for it (else return ``BUSY``).
    ``publish``: refuse to build for a placeholder public address (``make publish``).
    """
    build_log.setup(debug)
    if problem := settings_file_problem(settings_file):  # a pipe hung, a folder raised
        print(problem, file=sys.stderr)
        return 2
    for given, kind in ((output, "output"), (content, "content")):
        if given and _loops(given):  # Path.resolve raised RuntimeError on it
            print(f"{given}: the {kind} folder is a symbolic link that leads back to itself "
                  "(a loop): remove the link, or point it at a folder", file=sys.stderr)
            return 2
    # read once for both checks below (Pelican reads them again for the build itself)
    settings = functools.cache(lambda: _settings_read(settings_file, content, overrides))
    if refused := folder_refusal(settings_file, content, output, settings):
        print(refused, file=sys.stderr)  # before anything is locked or written
        return 2
    watch = _FailureWatch()
    logging.getLogger().addHandler(watch)
    target = Path(output).resolve()
    lock = BuildLock(target)
    job = _Build(settings_file, content, output, target, watch, debug, overrides, force)
    if publish and (refused := placeholder_message(settings_file, settings())):
        print(refused, file=sys.stderr)  # before anything is locked or written
        logging.getLogger().removeHandler(watch)
        return 2
    try:
        with interrupts.handled():
            if (refused := _take(lock, output, wait)) is not None:
                return refused
            return job.run()
    except KeyboardInterrupt as stop:  # a signal in the instant the build ended
        print(f"interrupted ({interrupts.signal_name(stop)}); " + (
            f"{output}/ holds the complete new build" if job.state == "replaced"
            else job.where()), file=sys.stderr)
        return interrupts.exit_code(stop)
    finally:
        lock.release()
        logging.getLogger().removeHandler(watch)


def _loops(path: str) -> bool:
    try:
        os.stat(path)
    except OSError as err:
        return err.errno == errno.ELOOP
    return False


def _take(lock: BuildLock, output: str, wait: bool) -> int | None:
    """Take the build lock; an exit code if this build must not go on."""
    def waiting(holder: str) -> None:
        print(f"{output}/ is being built by another build ({holder}); waiting for it to "
              "finish (Ctrl-C to stop waiting)", file=sys.stderr, flush=True)

    try:
        lock.target.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire(wait=wait, tell=waiting)
    except BuildLocked as held:
        print(f"{output}/ is being built by another build ({held}); not starting a second "
              "one (without --no-wait this build waits for it)", file=sys.stderr)
        return BUSY
    except KeyboardInterrupt as stop:
        print(f"interrupted ({interrupts.signal_name(stop)}) while waiting for the other build; "
              f"{output}/ was left as it was", file=sys.stderr)
        return interrupts.exit_code(stop)
    except OSError as err:
        what = describe(err) + ": free space and build again" if no_space_error(err) else \
            f"could not create the lock file {lock.path} ({err.strerror or err}): make " \
            f"{lock.path.parent} writable"
        print(f"build failed: {what}; {output}/ was left as it was", file=sys.stderr)
        return 1
    return None


class _Build:
    def __init__(self, settings_file, content, output, target, watch, debug, overrides, force):
        self.settings_file, self.content, self.output = settings_file, content, output
        self.target, self.watch, self.debug = target, watch, debug
        self.overrides, self.force = overrides or {}, force
        self.staging: Path | None = None
        self.rebuild: Rebuild | None = None  # what is kept between builds
        self.state = "building"  # then "updating" (in place) and "replaced"

    def where(self) -> str:
        """What became of output/, for the last words of a failed build."""
        return {"building": f"{self.output}/ was left as it was",
                "updating": f"{self.output}/ was partly updated: build again to complete it",
                "replaced": f"{self.output}/ holds the new build, but its record was not saved"
                }[self.state]

    def run(self) -> int:
        ok = False
        try:
            ok = self._build()
            return 0 if ok else 1
        except DigestConfigError as err:
            print(f"{self.settings_file}: {err}", file=sys.stderr)
        except SearchIndexError as err:
            if any(text in str(err) for text in _NO_SPACE_TEXTS):
                print(f"no space left on device while Pagefind wrote the search index: free "
                      f"space and build again; {self.where()}", file=sys.stderr)
            else:
                print(f"build failed: search index: {err}\n{self.where()} "
                      "(DIGEST_SEARCH = False builds without search)", file=sys.stderr)
        except InPlaceUpdateFailed as err:
            print(f"build failed: {err}", file=sys.stderr)
        except DigestError as err:  # says what, where and how to fix it
            print(err, file=sys.stderr)
        except KeyboardInterrupt as stop:
            print(f"interrupted ({interrupts.signal_name(stop)}); " + (
                f"{self.output}/ holds the complete new build" if self.state == "replaced"
                else self.where()), file=sys.stderr)
            ok = self.state == "replaced"
            return interrupts.exit_code(stop)
        except Exception as err:  # a template or plugin bug: say what, keep output
            full = no_space_error(err)
            if full is not None:
                print(f"{self._readable(describe(full, f'into {self.output}/'))}: free space "
                      "and build again; "
                      f"{self.where()}", file=sys.stderr)
            elif self.debug:
                raise
            elif denied := not_writable(err):  # the cache's folder, or beside output/
                print(f"{self._readable(denied)}: make it writable (or point CACHE_PATH, or "
                      f"-o, at a folder that is) and build again; {self.where()}",
                      file=sys.stderr)
            else:
                print(f"build failed: {type(err).__name__}: {err}\n"
                      f"(run with --debug for the traceback); {self.where()}", file=sys.stderr)
        finally:
            if not ok:
                self._clean_up()
            if self.rebuild is not None:
                self.rebuild.release()
        return 1

    def _build(self) -> bool:
        from pelican import Pelican  # noqa: PLC0415 - keep `check` and `--help` light
        from pelican.settings import read_settings  # noqa: PLC0415

        from ..glue.digest_build import DigestBuild  # noqa: PLC0415

        remove_debris(self.target)  # of killed builds: we hold the lock
        with interrupts.deferred():  # made and remembered together, so cleaned up
            self.staging = Path(tempfile.mkdtemp(prefix=staging_prefix(self.target),
                                                 dir=self.target.parent))
        # PREVIOUS_OUTPUT: pages whose inputs are unchanged are kept from there.
        override = {SETTINGS_FILE: self.settings_file, **self.overrides,
                    "OUTPUT_PATH": str(self.staging), PREVIOUS_OUTPUT: str(self.target)}
        if self.content:
            override["PATH"] = str(Path(self.content).resolve())
        rebuild = self.rebuild = Rebuild(read_settings(self.settings_file, override=override),
                                         self.settings_file, self.target, force=self.force)
        if rebuild.up_to_date():
            print(f"{self.output}/ is up to date: nothing changed since it was built "
                  "(`make clean` or `build --force` rebuilds it)", file=sys.stderr)
            self._remove_staging()
            return True
        skipped = False  # seeds refused and skipped (DIGEST_STRICT = False)
        build = None
        try:
            with rebuild.process_tuning():
                pelican = Pelican(rebuild.settings)
                try:
                    pelican.run()
                finally:  # stop its search job
                    build = DigestBuild.of(pelican.settings)
                    if build is not None:
                        skipped = bool(build.seed_errors)
                        build.stop()
            return self._put_built(rebuild, skipped)
        finally:
            # Undo what the build changed in the process, last: what it froze for the
            # collector (``Speed.freeze_what_was_read``), thawed before the swap and the
            # records, had the collector's next full pass walk the whole site, still
            # held (1.7 s at 30,000 stories).
            if build is not None:
                build.close()

    def _put_built(self, rebuild, skipped: bool) -> bool:
        """Pelican's run is over: the new output in place with its records."""
        if self.watch.no_space is not None:
            raise self.watch.no_space
        if self.watch.count:
            print(f"build failed: Pelican reported {self.watch.count} error(s) above; "
                  f"{self.output}/ was left as it was", file=sys.stderr)
            return False
        rebuild.built()
        with interrupts.deferred():  # output/ and its records change together, whole
            replaced = self._put_in_place()
            rebuild.swapped_in(skipped_seeds=skipped)
        # What a killed build's indexer wrote after the first sweep (where it could
        # not be stopped); the tree just replaced is being deleted already.
        remove_debris(self.target, skip=replaced)
        return True

    def _put_in_place(self) -> Path | None:
        """Make the staging folder the output; the folder holding the old output."""
        replaced = None
        if self.target.is_dir():
            carry_over(self.target, self.staging)
            if gone := removed(self.target, self.staging):
                print(f"{self.output}/: this build does not write {', '.join(gone)}: removed "
                      "(a file to publish with every build goes in content/extra/: "
                      "docs/publishing.md)", file=sys.stderr)
        try:
            replaced = swap_in(self.staging, self.target)
            self.staging = None
        except Unswappable as err:
            print(f"{self.output}/ cannot be replaced by a rename ({err.strerror}: a mount "
                  "point or another device); updating it in place, file by file",
                  file=sys.stderr)
            self.state = "updating"
            try:
                update_in_place(self.staging, self.target)
            except OSError as failed:
                if no_space_error(failed):
                    raise
                raise InPlaceUpdateFailed(
                    f"could not update {self.output}/ in place ({failed.strerror}: "
                    f"{failed.filename2 or failed.filename or 'a file of it'}); it may mix "
                    "old and new files: make it writable and build again, or build into a "
                    "folder that can be renamed (-o)"
                ) from None
            replaced = self.staging
            self._remove_staging()
        self.state = "replaced"
        return replaced

    def _readable(self, text: str) -> str:
        """Name the output folder where a message names the staging folder."""
        return text.replace(str(self.staging), self.output) if self.staging else text

    def _remove_staging(self) -> None:
        if self.staging is not None:
            try:
                self.staging.rmdir()  # nothing was written into it
            except OSError:
                remove_in_background([self.staging])
            self.staging = None

    def _clean_up(self) -> None:
        """A failed or interrupted build: nothing of it may stay (a second Ctrl-C waits)."""
        with interrupts.deferred(raise_after=False):
            # The build's search job was stopped when it was closed (``_build``).
            if self.staging is not None:
                shutil.rmtree(self.staging, ignore_errors=True)
                self.staging = None
            if self.rebuild is not None:
                self.rebuild.failed()


def partition_overrides(args) -> dict:
    """The settings ``--partition`` and ``--assemble`` stand for (docs/partitions.md).
    A partition is not indexed for search: the assembling build indexes the site."""
    if args.partition:
        return {"DIGEST_PARTITION": list(args.partition), "DIGEST_SEARCH": False}
    if args.assemble:
        return {"DIGEST_ASSEMBLE": list(args.assemble)}
    return {}


def run(args) -> int:
    return build_site(args.settings, args.content, args.output, debug=args.debug,
                      force=args.force, wait=not args.no_wait, publish=args.publish,
                      overrides=partition_overrides(args) or None)


def add_parser(commands) -> None:
    parser = commands.add_parser("build", help="build the site (atomically) with Pelican")
    parser.add_argument("content", nargs="?", help="content folder (default: PATH setting)")
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="settings file")
    parser.add_argument("-o", "--output", default="output", help="output folder")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    parser.add_argument("--force", action="store_true",
                        help="render every page, even when nothing changed since the last build")
    parser.add_argument("--no-wait", action="store_true",
                        help=f"when another build is writing the output folder, stop (exit "
                             f"{BUSY}) instead of waiting for it")
    parser.add_argument("--publish", action="store_true",
                        help="build for publishing: refuse a placeholder public address")
    parts = parser.add_mutually_exclusive_group()
    parts.add_argument("--partition", nargs=2, metavar=("FROM", "UNTIL"),
                       help="write only the story and edition pages of the stories published "
                            "from day FROM up to (not including) day UNTIL, YYYY-MM-DD "
                            "(DIGEST_PARTITION; docs/partitions.md)")
    parts.add_argument("--assemble", nargs="+", metavar="FOLDER",
                       help="build the whole digest, taking the story and edition pages from "
                            "these partitions' output folders (DIGEST_ASSEMBLE)")
    parser.set_defaults(run=run)
