"""``python -m news_digest COMMAND`` imports the module of COMMAND only (a build does not
load the importer, its HTTP client or the checker); ``--help`` still lists them all."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from news_digest.curator.cli import main
try:
    main({argv!r})
except SystemExit:
    pass
print(sorted(m.rsplit(".", 1)[1] for m in sys.modules
             if m.startswith("news_digest.curator.") and m.rsplit(".", 1)[1] in
             ("build", "check", "importer", "new_story", "explain", "ping")))
"""


def _run(argv: list[str]) -> tuple[str, str]:
    done = subprocess.run([sys.executable, "-c", PROBE.format(argv=argv)],
                          capture_output=True, text=True, check=True)
    *help_text, loaded = done.stdout.strip().splitlines()
    return "\n".join(help_text), loaded


def test_a_command_imports_its_own_module_only():
    help_text, loaded = _run(["build", "--help"])
    assert "usage: python -m news_digest build" in help_text
    assert loaded == "['build']"


def test_help_lists_every_command():
    help_text, loaded = _run(["--help"])
    for command in ("check", "build", "import", "new", "explain", "ping"):
        assert command in help_text
    assert loaded == "['build', 'check', 'explain', 'importer', 'new_story', 'ping']"
