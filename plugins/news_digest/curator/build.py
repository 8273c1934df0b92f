"""``build``: run Pelican into a staging folder and swap it in only on success.

A broken seed, a broken template or Ctrl-C leaves the previous output exactly
as it was; errors are reported as messages, not tracebacks.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..errors import DigestConfigError, DigestError, SearchIndexError
from ..output.feed_plan import is_placeholder, public_site_url
from ..seeds.urls import is_web_url
from ..settings import SETTINGS_FILE
from ..speed import PREVIOUS_OUTPUT, Rebuild


class _ErrorCounter(logging.Handler):
    """Counts ERROR records: Pelican logs content it could not process at that level."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record):
        self.count += 1


def placeholder_message(settings_file: str, settings) -> str:
    """Why a site cannot be published at the address its settings give ("" when it can)."""
    try:
        url = public_site_url(settings)
    except DigestConfigError as err:
        return f"{settings_file}: {err}"
    if not is_placeholder(url):
        return ""
    named = "SITEURL" if is_web_url(settings.get("SITEURL") or "") else "DIGEST_SITE_URL"
    return (f"{settings_file}: not publishing to {url}: that is a placeholder address, "
            f"not the site's. Set DIGEST_SITE_URL in pelicanconf.py to the address the "
            f"site is served from (now {named} gives it), or publish once with "
            f"`make publish SITEURL=https://your.site/`")


def build_site(settings_file: str, content: str | None, output: str, *,
               debug: bool = False, overrides: dict | None = None, force: bool = False,
               publish: bool = False) -> int:
    """Build the site into ``output``; return a process exit code.

    ``overrides`` replace settings from the file (tests build variants this way).
    With the content cache on, a build whose inputs and output are unchanged since
    the last one stops early (``uptodate.py``) unless ``force``. ``publish``: refuse
    to build for a placeholder public address (``make publish``).
    """
    from pelican import Pelican  # noqa: PLC0415 - keep `check` and `--help` light
    from pelican.log import init as init_logging  # noqa: PLC0415
    from pelican.settings import read_settings  # noqa: PLC0415

    from ..glue.digest_build import DigestBuild  # noqa: PLC0415

    init_logging(level=logging.DEBUG if debug else logging.WARNING)
    counter = _ErrorCounter()
    logging.getLogger().addHandler(counter)
    target = Path(output).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    ok = False
    rebuild = pelican = None
    try:
        # PREVIOUS_OUTPUT: pages whose inputs are unchanged are kept from there.
        override = {SETTINGS_FILE: settings_file, **(overrides or {}),
                    "OUTPUT_PATH": str(staging), PREVIOUS_OUTPUT: str(target)}
        if content:
            override["PATH"] = str(Path(content).resolve())
        settings = read_settings(settings_file, override=override)
        refused = placeholder_message(settings_file, settings) if publish else ""
        if refused:
            print(refused, file=sys.stderr)
            return 2
        rebuild = Rebuild(settings, settings_file, target, force=force)
        if rebuild.up_to_date():
            print(f"{output}/ is up to date: nothing changed since it was built "
                  "(`make clean` or `build --force` rebuilds it)", file=sys.stderr)
            return 0
        with rebuild.process_tuning():
            pelican = Pelican(rebuild.settings)
            try:
                pelican.run()
            finally:  # whatever the build changed in the process is undone
                build = DigestBuild.of(pelican.settings)
                if build is not None:
                    build.close()  # and its search job stops writing into the staging folder
        ok = counter.count == 0
        if ok:
            rebuild.built()
        else:
            print(f"build failed: Pelican reported {counter.count} error(s) above; "
                  f"{output}/ was left as it was", file=sys.stderr)
    except DigestConfigError as err:
        print(f"{settings_file}: {err}", file=sys.stderr)
    except SearchIndexError as err:
        print(f"build failed: search index: {err}\n{output}/ was left as it was "
              "(DIGEST_SEARCH = False builds without search)", file=sys.stderr)
    except DigestError as err:  # says what, where and how to fix it
        print(err, file=sys.stderr)
    except KeyboardInterrupt:
        print(f"interrupted; {output}/ was left as it was", file=sys.stderr)
        return 130
    except Exception as err:  # a template or plugin bug: say what, keep output
        if debug:
            raise
        print(f"build failed: {type(err).__name__}: {err}\n"
              f"(run with --debug for the traceback); {output}/ was left as it was",
              file=sys.stderr)
    finally:
        logging.getLogger().removeHandler(counter)
        if not ok:
            shutil.rmtree(staging, ignore_errors=True)
            if rebuild is not None:
                rebuild.failed()
    if not ok:
        return 1
    _swap_in(staging, target)
    rebuild.swapped_in()
    return 0


def _swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging`` with two renames, then drop the old tree."""
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp made it private
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rename(target, old / target.name)
    os.rename(staging, target)
    if old is not None:
        # with any tree an interrupted deletion left behind
        _remove_in_background(sorted(target.parent.glob(f".{target.name}.old-*")))


def _remove_in_background(folders: list[Path]) -> None:
    """Delete replaced output trees without making the user wait for it.

    Unlinking thousands of files takes seconds on slow disks; the trees are
    already out of the way (hidden siblings), so a detached process deletes
    them. Where that cannot start, they are deleted here.
    """
    code = ("import shutil, sys\n"
            "for folder in sys.argv[1:]: shutil.rmtree(folder, ignore_errors=True)")
    try:
        subprocess.Popen([sys.executable, "-c", code, *map(str, folders)],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


def run(args) -> int:
    return build_site(args.settings, args.content, args.output, debug=args.debug,
                      force=args.force, publish=args.publish)


def add_parser(commands) -> None:
    parser = commands.add_parser("build", help="build the site (atomically) with Pelican")
    parser.add_argument("content", nargs="?", help="content folder (default: PATH setting)")
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="settings file")
    parser.add_argument("-o", "--output", default="output", help="output folder")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    parser.add_argument("--force", action="store_true",
                        help="render every page, even when nothing changed since the last build")
    parser.add_argument("--publish", action="store_true",
                        help="build for publishing: refuse a placeholder public address")
    parser.set_defaults(run=run)
