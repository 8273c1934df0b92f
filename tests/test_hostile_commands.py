"""The curator's commands given odd arguments and odd places (eighteenth session): an
output folder that is something else, a settings file that cannot be read, a port out of
range, a closed or full standard output, a locale that is not UTF-8. Each one ended in a
traceback or, for the output folder, in data deleted with exit code 0 (every test fails on
main's code)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from news_digest.curator import cli
from news_digest.curator.build import build_site

from sitebuild import ROOT, build, build_overrides, seed_text, stable_tree

CONF = str(ROOT / "pelicanconf.py")


def _site(tmp_path: Path) -> Path:
    site = build(tmp_path, {"001_a.txt": seed_text(title="Harbour bridge closes")})
    assert site.code == 0, site.stderr
    return tmp_path / "content"


def _build(tmp_path: Path, content: Path | str, output: Path | str, capsys) -> tuple[int, str]:
    code = build_site(CONF, str(content), str(output), overrides=build_overrides(tmp_path))
    return code, capsys.readouterr().err


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_a_build_never_replaces_what_is_not_its_output(tmp_path, capsys):
    """`-o conf.py` replaced the settings file by the site, `-o content` (or `-o .`,
    `-o content/articles`) every seed, and `-o notes` a folder of notes: a build
    replaces its output folder whole. All with exit code 0."""
    content = _site(tmp_path)
    seeds = _tree(content)
    conf = tmp_path / "conf.py"
    conf.write_text("# the settings\n", encoding="utf-8")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "todo.md").write_text("keep me\n", encoding="utf-8")
    refused = {
        conf: f"{conf}: is a file, not an output folder; a build replaces its output folder "
              "whole, so it would be deleted: give -o a folder of its own",
        content: f"{content}: is the content folder {content}; a build replaces",
        content / "articles": f"{content / 'articles'}: is the seed folder "
                              f"{content / 'articles'}; a build replaces",
        tmp_path: f"{tmp_path}: holds the content folder {content}; a build replaces",
        notes: f"{notes}: holds 'todo.md', which no build wrote (it holds no index.html); "
               "a build replaces its output folder whole, so they would be deleted: give "
               "-o a new folder, or empty this one first",
    }
    for output, words in refused.items():
        code, err = _build(tmp_path, content, output, capsys)
        assert code == 2 and err.startswith(words) and err.count("\n") == 1, (output, err)
    assert _tree(content) == seeds
    assert conf.read_text(encoding="utf-8") == "# the settings\n"
    assert (notes / "todo.md").read_text(encoding="utf-8") == "keep me\n"
    # an empty folder, or a site built before, is an output
    (tmp_path / "empty").mkdir()
    assert _build(tmp_path, content, tmp_path / "empty", capsys)[0] == 0
    before = stable_tree(tmp_path / "output")
    assert _build(tmp_path, content, tmp_path / "output", capsys)[0] == 0
    assert stable_tree(tmp_path / "output") == before


def test_a_content_folder_that_is_missing_or_a_file_is_named(tmp_path, capsys):
    """It was 'build failed: ValueError: You need to specify a path containing the
    content (see pelican --help ...)', from Pelican."""
    code, err = _build(tmp_path, tmp_path / "nope", tmp_path / "output", capsys)
    assert code == 2 and err == (f"{tmp_path / 'nope'}: no such content folder (No such file "
                                 "or directory): give the folder that holds articles/ (`build "
                                 "content`), or run the build in the site's folder\n")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    code, err = _build(tmp_path, tmp_path / "file", tmp_path / "output", capsys)
    assert code == 2 and "is a file, not a content folder" in err
    assert not (tmp_path / "output").exists()


def test_a_port_out_of_range_is_refused_with_the_fix(capsys):
    """`serve -p 99999` ended in Python's OverflowError with its traceback."""
    with pytest.raises(SystemExit) as stop:
        cli.main(["serve", "-o", str(ROOT), "-p", "99999"])
    assert stop.value.code == 2
    assert capsys.readouterr().err.endswith(
        "argument -p/--port: '99999' is not a port: give 0 to 65535 (0 picks a free one), "
        "e.g. PORT=8080\n")


def _run(args: list[str], *, cwd: Path, prefix: tuple[str, ...] = (), env=None,
         stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, sys.executable, "-m", "news_digest", *args], cwd=cwd,
                          stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=300,
                          env=env, check=False)


def _unprivileged() -> tuple[str, ...]:
    """A prefix under which permissions apply (root reads a chmod 000 file)."""
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permissions cannot be tried")
    return ("setpriv", "--bounding-set=-dac_override,-dac_read_search")


def test_a_settings_file_that_cannot_be_read_is_named(tmp_path):
    """check, explain, import and ping ended in a PermissionError traceback, and build
    said 'cannot write into .../' (it could not read)."""
    prefix = _unprivileged()
    content = _site(tmp_path)
    conf = tmp_path / "conf.py"
    shutil.copy(CONF, conf)
    conf.chmod(0)
    seed = str(content / "articles" / "001_a.txt")
    line = ("conf.py: the settings file cannot be read (Permission denied): make it readable "
            "(chmod a+r conf.py) or give another with -s FILE\n")
    for args, said in ((["check", "-s", "conf.py", seed], line),
                       (["explain", "-s", "conf.py", seed], line),
                       (["import", "-s", "conf.py", "--into", str(content / "articles"),
                         "feed.xml"], "import: " + line),
                       (["build", "content", "-o", "output", "-s", "conf.py"], line)):
        result = _run(args, cwd=tmp_path, prefix=prefix)
        assert (result.returncode, result.stderr) == (2, said), (args, result.stderr)


def test_a_closed_or_full_standard_output_is_not_a_traceback(tmp_path):
    """`>&-` made sys.stdout None: AttributeError tracebacks from every command, and a
    build with `2>&-` failed. `> /dev/full` raised OSError out of explain, and failed a
    finished build with 'no space left on device while writing into output/'."""
    content = _site(tmp_path)
    seed = str(content / "articles" / "001_a.txt")
    explain = ["explain", "-s", CONF, seed]
    build_args = ["build", "content", "-o", "out", "-s", CONF]
    closed = ("sh", "-c", 'exec "$@" >&-', "sh")
    result = _run(explain, cwd=tmp_path, prefix=closed)
    assert (result.returncode, result.stderr) == (0, "")
    result = _run(build_args, cwd=tmp_path, prefix=("sh", "-c", 'exec "$@" 2>&-', "sh"))
    assert result.returncode == 0 and (tmp_path / "out" / "index.html").is_file()
    if not os.path.exists("/dev/full"):
        return
    with open("/dev/full", "w") as full:
        result = _run(explain, cwd=tmp_path, stdout=full)
        assert result.returncode == 1 and result.stderr == (
            "explain: could not write to standard output (No space left on device): what it "
            "printed there is lost; free space where it is redirected, or redirect it "
            "elsewhere, and run it again\n")
        shutil.rmtree(tmp_path / "out")
        result = _run(build_args, cwd=tmp_path, stdout=full)
    assert result.returncode == 0 and (tmp_path / "out" / "index.html").is_file()
    assert result.stderr.startswith("build: could not write to standard output")


def test_a_locale_that_is_not_utf8_reads_utf8_seeds(tmp_path):
    """Under PYTHONUTF8=0 and LC_ALL=C (or a Latin-1 locale) a folder `sübdir` was refused
    as 'not UTF-8 text', explain ended in UnicodeEncodeError and `new --url` with an
    accented address in UnicodeEncodeError ('surrogates not allowed')."""
    folder = tmp_path / "content" / "articles" / "sübdir"
    folder.mkdir(parents=True)
    (folder / "ünï.txt").write_text(seed_text(title="Zürich café opens", source="Zürcher "
                                               "Zeitung"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.update(LC_ALL="C", LANG="C", PYTHONUTF8="0")
    env.pop("PYTHONIOENCODING", None)
    result = _run(["check", "-s", CONF, "content/articles"], cwd=tmp_path, env=env)
    assert (result.returncode, result.stderr) == (0, "1 seed(s) checked, 0 refused\n")
    result = _run(["explain", "-s", CONF, str(folder / "ünï.txt")], cwd=tmp_path, env=env)
    assert result.returncode == 0 and "Zürich café opens" in result.stdout, result.stderr
    result = _run(["new", "--title", "Ünïcode", "--source", "Zürich", "--url",
                   "https://a.example/ü", "--body", "Bödy", "--into", str(folder)],
                  cwd=tmp_path, env=env)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr


def test_a_seed_folder_given_as_a_link_loop_is_named(tmp_path, capsys):
    """`import --into loop` and `new --into loop` said 'the target folder does not
    exist' of a link that is there."""
    (tmp_path / "loop").symlink_to("loop")
    code = cli.main(["new", "--title", "T", "--source", "S", "--url", "https://a.example/x",
                     "--body", "B", "--into", str(tmp_path / "loop")])
    assert code == 2 and capsys.readouterr().err == (
        f"{tmp_path / 'loop'}: the target folder is a symbolic link that leads nowhere (a "
        "loop, or a folder gone): create it or pass --into with the seed folder "
        "(content/articles/)\n")
