"""Accidents at the curator's commands: Ctrl-C, a reader of the output that goes away
(`explain ... | head`), a symbolic link in a loop, end a command with a line, never a
traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from news_digest.curator import check, cli, explain

from sitebuild import ROOT, SAMPLE_SEED, build, seed_text, stable_tree


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


def test_explain_cluster_reads_the_seeds_the_build_reads(tmp_path, capsys):
    """A link in a loop named to `explain --cluster` raised RuntimeError from
    Path.resolve; macOS's `._name.txt` and an editor's hidden copy, which the build
    leaves out, were read as seeds (an error each, or a copy clustered as a report)."""
    story = seed_text(title="Storm closes the harbour bridge",
                      body=("The harbour bridge closed on Monday as the storm hit.",))
    copy = story.replace("news.example.com/a-story", "copy.example.com/the-copy")
    site = build(tmp_path, {"001_a.txt": story, "._001_a.txt": b"\x00\x05\x16\x07Mac OS X",
                            ".001_a.txt": copy}, settings={"DIGEST_STRICT": False})
    assert site.code == 0 and len(site.files("stories/*.html")) == 1, site.stderr
    articles = tmp_path / "content" / "articles"
    (articles / "002_loop.txt").symlink_to("002_loop.txt")
    capsys.readouterr()
    code = cli.main(["explain", "--cluster", "--content", str(articles),
                     str(articles / "001_a.txt"), str(articles / "002_loop.txt")])
    out, err = capsys.readouterr()
    assert err == (f"{articles / '002_loop.txt'}:1: is a symbolic link, not a regular file: "
                   "only regular files are read as seeds; replace it by the seed file itself "
                   "or remove it\n")
    assert code == 1 and "1 story" in out and "copy.example.com" not in out


def test_an_output_or_content_folder_in_a_link_loop_is_named(tmp_path):
    (tmp_path / "output").symlink_to("output")  # Path.resolve raised RuntimeError
    site = build(tmp_path, {"001_a.txt": seed_text()})
    assert site.code == 2
    assert site.stderr == (f"{tmp_path / 'output'}: the output folder is a symbolic link that "
                           "leads back to itself (a loop): remove the link, or point it at "
                           "a folder\n")


def test_ctrl_c_while_a_command_starts_is_a_line(tmp_path, monkeypatch, capsys):
    """Ctrl-C in the first half second of `make html`, while Pelican is imported, ended
    in a KeyboardInterrupt traceback (the build's own handling starts after it)."""
    site = build(tmp_path, {"001_a.txt": seed_text()})
    before = stable_tree(site.output)

    def interrupted(name):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "import_module", interrupted)
    try:
        code = cli.main(["build", str(tmp_path / "content"), "-o", str(site.output)])
    except KeyboardInterrupt:
        pytest.fail("Ctrl-C while `build` starts ends in a traceback")
    assert code == 130 and capsys.readouterr().err == "build: interrupted\n"
    assert stable_tree(site.output) == before


def test_a_seed_named_with_a_leading_dash_is_checked_and_explained(tmp_path, monkeypatch,
                                                                    capsys):
    """The build publishes `-001_a.txt`; `check -001_a.txt` said 'the following arguments
    are required: PATH', taking the name for an option it did not know."""
    site = build(tmp_path, {"-001_a.txt": seed_text(title="Dashing headline")})
    assert site.code == 0 and len(site.files("stories/*.html")) == 1, site.stderr
    monkeypatch.chdir(tmp_path / "content" / "articles")
    settings = str(ROOT / "pelicanconf.py")
    assert cli.main(["check", "-s", settings, "-001_a.txt"]) == 0
    assert capsys.readouterr().err == "1 seed(s) checked, 0 refused\n"
    assert cli.main(["explain", "-s", settings, "-001_a.txt"]) == 0
    assert capsys.readouterr().out.startswith("./-001_a.txt: Dashing headline")
