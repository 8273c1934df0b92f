"""What the build and `check` read from a seed folder: the classifier, the capped read of
regular files only, and the commands that use them (check, explain, import's dedupe)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from news_digest.curator.seed_folder import known_identities
from news_digest.errors import TooLarge, UnreadableFile
from news_digest.seeds.files import HIDDEN, REFUSED, SEED, classify_folder, classify_path
from news_digest.seeds.format import SeedError, read_seed
from news_digest.seeds.safe_read import read_capped

from sitebuild import ROOT, build, seed_text


def _kinds(verdicts, root):
    return {os.path.relpath(v.path, root): v.kind for v in verdicts}


def test_classifier_walks_sub_folders_and_skips_hidden_and_excluded_ones(tmp_path):
    for name in ("a.txt", "B.TXT", "sub/c.txt", ".git/config", "sub/.DS_Store", "x.md",
                 "pages/about.md", "sub/d.txt~", "images/logo.png", "notes.bak"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    verdicts = classify_folder(str(tmp_path), excluded=[tmp_path / "pages", tmp_path / "images"],
                               ignore=["*.bak"])
    assert _kinds(verdicts, tmp_path) == {
        "a.txt": SEED, "B.TXT": SEED, "sub/c.txt": SEED, ".git": HIDDEN,
        "sub/.DS_Store": HIDDEN, "sub/d.txt~": HIDDEN, "x.md": REFUSED, "notes.bak": HIDDEN}


def test_symbolic_links_are_refused_but_a_linked_seed_folder_is_walked(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text("x")
    (real / "loop").symlink_to(real)
    (real / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "articles").symlink_to(real)
    verdicts = classify_path(str(tmp_path / "articles"))
    assert _kinds(verdicts, tmp_path / "articles") == {
        "a.txt": SEED, "loop": REFUSED, "zero.txt": REFUSED}
    assert all("symbolic link" in v.reason for v in verdicts if v.kind == REFUSED)


def test_a_named_pipe_is_refused_without_waiting(tmp_path):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    [verdict] = classify_path(str(pipe))
    assert verdict.kind == REFUSED and "named pipe" in verdict.reason
    started = time.monotonic()
    with pytest.raises(UnreadableFile, match="named pipe, not a regular file"):
        read_capped(pipe, 100)  # no writer: a blocking open would wait for ever
    assert time.monotonic() - started < 5


def test_devices_and_links_to_them_are_never_read(tmp_path):
    with pytest.raises(UnreadableFile, match="a device, not a regular file"):
        read_capped("/dev/zero", 1000)
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    with pytest.raises(SeedError, match="symbolic link"):
        read_seed(tmp_path / "zero.txt")


def test_the_cap_holds_while_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(TooLarge, match="the file is 0.0 MB"):
        read_capped(path, 1000)
    assert read_capped(path, 1001) == b"x" * 1001


def test_import_dedupe_reads_seeds_only_and_never_hangs(tmp_path):
    (tmp_path / "a.txt").write_text(seed_text(url="https://a.example/1"))
    (tmp_path / "b.md").write_text(seed_text(url="https://b.example/2"))
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    known = known_identities(tmp_path)
    assert [p.name for p in known.values()] == ["a.txt"]


def _cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "news_digest", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=60)


def test_check_judges_named_files_as_the_build_does(tmp_path):
    (tmp_path / "page.md").write_text("<script>alert(1)</script>\n")
    (tmp_path / "Story.TXT").write_text(seed_text(extra=[("Autor", "x")]))
    (tmp_path / ".hidden.txt").write_text("x")
    os.mkfifo(tmp_path / "pipe.txt")
    result = _cli("check", tmp_path / "page.md", tmp_path / "Story.TXT", tmp_path / ".hidden.txt",
                  tmp_path / "pipe.txt")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert f"{tmp_path / 'page.md'}:1: not a seed (a '.md' file)" in result.stderr
    assert f"{tmp_path / 'pipe.txt'}:1: is a named pipe, not a regular file" in result.stderr
    assert f"warning: {tmp_path / 'Story.TXT'}:9: 'Autor' is not a seed header, so the line " \
           "is ignored: did you mean 'Author'?" in lines
    assert f"note: ignored {tmp_path / '.hidden.txt'}: hidden file" in result.stderr
    assert lines[-1] == "3 seed(s) checked, 2 refused, 1 ignored, 1 warning"


def test_explain_refuses_a_link_to_dev_zero(tmp_path):
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    result = _cli("explain", tmp_path / "zero.txt")
    assert result.returncode == 1
    assert result.stderr.strip() == (f"{tmp_path / 'zero.txt'}:1: is a symbolic link, not a "
                                     "regular file: only regular files are read as seeds; "
                                     "replace it by the seed file itself or remove it")


def test_check_reports_duplicate_originals_as_the_build_does(tmp_path):
    (tmp_path / "a.txt").write_text(seed_text(title="One"))
    (tmp_path / "b.txt").write_text(seed_text(title="Two"))
    result = _cli("check", tmp_path)
    assert result.returncode == 0
    assert (f"warning: duplicate story: {tmp_path / 'a.txt'} and {tmp_path / 'b.txt'} have "
            "the same original https://news.example.com/a-story") in result.stderr


def test_a_name_that_is_not_utf8_in_a_cached_build(tmp_path):
    (tmp_path / "content" / "articles").mkdir(parents=True)
    with open(os.fsencode(tmp_path / "content" / "articles") + b"/caf\xe9.txt", "wb") as out:
        out.write(seed_text().encode())
    site = build(tmp_path, {"ok.txt": seed_text(url="https://ok.example/1")},
                 settings={"DIGEST_SEARCH": False})
    assert site.code == 1
    assert "caf\\xe9.txt:1: the file name is not UTF-8 text" in site.stderr


def test_check_of_another_content_folder_leaves_its_pages_out_as_its_build_does(tmp_path):
    # `check /elsewhere/content` refused its pages/about.md as "not a seed" (hand-written
    # pages go in content/pages/), which is where it was: the rules were the settings'
    # own content folder's.
    (tmp_path / "content" / "articles").mkdir(parents=True)
    (tmp_path / "content" / "pages").mkdir()
    (tmp_path / "content" / "articles" / "a.txt").write_text(seed_text())
    (tmp_path / "content" / "pages" / "about.md").write_text("Title: About\n\nHello.\n")
    result = _cli("check", tmp_path / "content")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "1 seed(s) checked, 0 refused"
