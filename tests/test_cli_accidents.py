"""Accidents at the curator's commands: Ctrl-C, and a reader of the output that goes away
(`explain ... | head`), end a command with a line, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from news_digest.curator import check, cli, explain

from sitebuild import ROOT, SAMPLE_SEED


def _stop(*args, **kwargs):
    raise KeyboardInterrupt


@pytest.mark.parametrize(("command", "module"), [("explain", explain), ("check", check)])
def test_ctrl_c_stops_check_and_explain_with_a_line(command, module, monkeypatch, capsys):
    monkeypatch.setattr(module, "read_seed", _stop)  # Ctrl-C while a seed is read
    try:
        code = cli.main([command, str(SAMPLE_SEED)])
    except KeyboardInterrupt:
        pytest.fail(f"Ctrl-C at {command} ends in a traceback")
    assert code == 130
    assert capsys.readouterr().err == f"{command}: interrupted\n"


def test_explain_into_a_pipe_nobody_reads_stops_quietly():
    gone, pipe = os.pipe()
    os.close(gone)  # `| head` that has already exited
    try:
        result = subprocess.run(
            [sys.executable, "-m", "news_digest", "explain", str(SAMPLE_SEED)],
            stdout=pipe, stderr=subprocess.PIPE, text=True, cwd=ROOT, check=False)
    finally:
        os.close(pipe)
    assert result.stderr == ""
    assert result.returncode == 141


def test_the_lock_names_the_holding_build_as_it_was_typed(monkeypatch):
    """A second build named the first as 'python -m news_digest.curator build', a
    command that does not exist."""
    from news_digest.curator import build_lock
    main_file = str(Path(build_lock.__file__).parent.parent / "__main__.py")
    monkeypatch.setattr(sys, "argv", [main_file, "build", "--no-wait"])
    assert build_lock._command() == (f"{os.path.basename(sys.executable)} -m news_digest "
                                     "build --no-wait")
