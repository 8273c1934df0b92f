"""A project folder built by `python -m news_digest build` in a real process, for the
fault tests: kill it, stop it, fill its disk, build it twice at once."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.corpus import write_corpus

from sitebuild import ROOT

CONF = """\
import sys
sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa: F403

THEME = {theme!r}
DIGEST_TOPICS_FILE = {topics!r}
PLUGIN_PATHS = {plugin_paths!r}
PLUGINS = {plugins!r}
CACHE_PATH = {cache!r}
DIGEST_SEARCH = {search!r}
"""


def corpus(folder: Path, n: int) -> Path:
    """The benchmark's synthetic corpus of ``n`` stories (seeds and an About page)."""
    seeds, _ = write_corpus(n, folder)
    return seeds


class Project:
    """``folder``: conf.py, content/ (a copy of ``content``), output/, cache/."""

    def __init__(self, folder: Path, content: Path, *, search: bool = False,
                 plugin_paths: list[str] | None = None, plugins: list[str] | None = None,
                 extra: str = ""):
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.content = folder / "content"
        if not self.content.exists():
            shutil.copytree(content, self.content)
        self.output = folder / "output"
        self.cache = folder / "cache"
        self.conf = folder / "conf.py"
        self.conf.write_text(CONF.format(
            root=str(ROOT), theme=str(ROOT / "theme"),
            plugin_paths=[str(ROOT / "plugins"), *(plugin_paths or [])],
            topics=str(ROOT / "topics.toml"),
            plugins=["news_digest", *(plugins or [])], cache=str(self.cache),
            search=search) + extra)
        self.log = folder / "build.log"

    def command(self, *extra: str) -> list[str]:
        """As `make html` runs it, in the project folder."""
        return [sys.executable, "-m", "news_digest", "build", "content", "-o", "output",
                "-s", "conf.py", *extra]

    def start(self, *extra: str) -> subprocess.Popen:
        """A build in its own process group (so nothing it starts outlives the test)."""
        self._log_handle = open(self.log, "wb")  # noqa: SIM115 - closed by finish()
        return subprocess.Popen(self.command(*extra), cwd=self.folder, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=self._log_handle,
                                start_new_session=True)

    def finish(self, process: subprocess.Popen, timeout: float = 600) -> tuple[int, str]:
        code = process.wait(timeout)
        self._log_handle.close()
        sweep(process)
        return code, self.log.read_text(encoding="utf-8", errors="replace")

    def build(self, *extra: str, timeout: float = 600) -> subprocess.CompletedProcess:
        return subprocess.run(self.command(*extra), cwd=self.folder, capture_output=True,
                              text=True, timeout=timeout)

    def reset(self) -> None:
        """As after `make clean`."""
        for path in (self.output, self.cache):
            shutil.rmtree(path, ignore_errors=True)
        wait_for_no_debris(self.folder)

    def touch_seed(self, index: int = 0) -> None:
        """A seed saved again unchanged: the next build is a real one, same output."""
        seed = sorted((self.content / "articles").glob("*.txt"))[index]
        now = time.time_ns()
        os.utime(seed, ns=(now, now))


def sweep(process: subprocess.Popen) -> None:
    """Kill whatever is left of the build's process group (a Pagefind it started)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def debris(folder: Path) -> list[str]:
    """Hidden staging or replaced trees, lock files and temporary files of the build
    left in the project folder and its cache."""
    found = [p.name for p in folder.iterdir() if p.name.startswith(".output")]
    cache = folder / "cache"
    if cache.is_dir():
        found += [str(p.relative_to(folder)) for p in cache.rglob(".*")]
        found += [str(p.relative_to(folder)) for p in cache.rglob("*.new")]
    return sorted(found)


def wait_for_no_debris(folder: Path, patience: float = 60.0) -> list[str]:
    """``debris`` once the detached process deleting replaced trees is done with them
    (polling, not a timing assertion)."""
    deadline = time.monotonic() + patience
    while True:
        found = debris(folder)
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def no_traceback(stderr: str) -> bool:
    return "Traceback" not in stderr
