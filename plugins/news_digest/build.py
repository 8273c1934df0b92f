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
from contextlib import nullcontext
from pathlib import Path

from . import page_memo
from .cachekey import prune, settings_sources, with_keyed_cache
from .gc_tuning import fewer_collections
from .search_index import SearchIndexError, stop_all
from .settings import SETTINGS_FILE, DigestConfigError
from .taxonomy_file import TaxonomyFileError
from .uptodate import input_stamp, is_up_to_date, remember


class _ErrorCounter(logging.Handler):
    """Counts ERROR records: Pelican logs content it could not process at that level."""

    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record):
        self.count += 1


def build_site(settings_file: str, content: str | None, output: str, *,
               debug: bool = False, overrides: dict | None = None, force: bool = False) -> int:
    """Build the site into ``output``; return a process exit code.

    ``overrides`` replace settings from the file (tests build variants this way).
    With the content cache on, a build whose inputs and output are unchanged since
    the last one stops early (``uptodate.py``) unless ``force``.
    """
    from pelican import Pelican  # noqa: PLC0415 - keep `check` and `--help` light
    from pelican.log import init as init_logging  # noqa: PLC0415
    from pelican.settings import read_settings  # noqa: PLC0415

    from .plugin import SeedErrors  # noqa: PLC0415

    init_logging(level=logging.DEBUG if debug else logging.WARNING)
    counter = _ErrorCounter()
    logging.getLogger().addHandler(counter)
    target = Path(output).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    ok = up_to_date = False
    inputs = None
    try:
        # PREVIOUS_OUTPUT_PATH: pages whose inputs are unchanged are kept from there.
        override = {SETTINGS_FILE: settings_file, **(overrides or {}),
                    "OUTPUT_PATH": str(staging), page_memo.PREVIOUS_OUTPUT: str(target)}
        if content:
            override["PATH"] = str(Path(content).resolve())
        # A new dict: the cache folder is keyed by the plugin's code and settings.
        settings = with_keyed_cache(read_settings(settings_file, override=override),
                                    settings_sources(settings_file))
        if settings.get("CACHE_CONTENT"):
            if force:  # render every page again, not only those whose inputs changed
                page_memo.forget(settings["CACHE_PATH"])
            inputs = input_stamp(settings["CACHE_PATH"], settings["PATH"], settings["THEME"])
            up_to_date = not force and is_up_to_date(settings["CACHE_PATH"], target, inputs)
        if up_to_date:
            print(f"{output}/ is up to date: nothing changed since it was built "
                  "(`make clean` or `build --force` rebuilds it)", file=sys.stderr)
            return 0
        # Over a previous output, the whole site is loaded from the cache at once.
        with fewer_collections() if target.is_dir() else nullcontext():
            Pelican(settings).run()
        ok = counter.count == 0
        if ok and settings.get("CACHE_CONTENT"):
            prune(settings["CACHE_PATH"])
        if not ok:
            print(f"build failed: Pelican reported {counter.count} error(s) above; "
                  f"{output}/ was left as it was", file=sys.stderr)
    except DigestConfigError as err:
        print(f"{settings_file}: {err}", file=sys.stderr)
    except TaxonomyFileError as err:  # names its own file and line
        print(err, file=sys.stderr)
    except SeedErrors as err:
        print(err, file=sys.stderr)
    except SearchIndexError as err:
        print(f"build failed: search index: {err}\n{output}/ was left as it was "
              "(DIGEST_SEARCH = False builds without search)", file=sys.stderr)
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
            stop_all()  # nothing may still write into the staging folder
            shutil.rmtree(staging, ignore_errors=True)
            if inputs is not None:
                page_memo.discard(settings["CACHE_PATH"])
    if not ok:
        return 1
    _swap_in(staging, target)
    if inputs is not None:
        page_memo.commit(settings["CACHE_PATH"])
        remember(settings["CACHE_PATH"], target, inputs)
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
                      force=args.force)


def add_parser(commands) -> None:
    parser = commands.add_parser("build", help="build the site (atomically) with Pelican")
    parser.add_argument("content", nargs="?", help="content folder (default: PATH setting)")
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="settings file")
    parser.add_argument("-o", "--output", default="output", help="output folder")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    parser.add_argument("--force", action="store_true",
                        help="render every page, even when nothing changed since the last build")
    parser.set_defaults(run=run)
