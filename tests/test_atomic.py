"""`make html` replaces output/ only after a successful build, and builds are
reproducible byte for byte."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import textwrap
import time

from sitebuild import ROOT, SAMPLE_SEED, build, seed_text, stable_tree

SEEDS = {
    "000_6658c6a34da15a44.txt": SAMPLE_SEED.read_bytes(),
    "001_a.txt": seed_text(title="Court rules on data law", url="https://a.example/1"),
    "002_b.txt": seed_text(title="Storm season begins", author="Reuters",
                           published="2020-01-03T09:00:00-05:00", url="https://b.example/2"),
}


def _snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def _previous_output(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("<p>yesterday's digest</p>")
    (output / "stories").mkdir()
    (output / "stories" / "old.html").write_text("<p>an old story</p>")
    return _snapshot(output)


def _leftovers(tmp_path, patience: float = 60.0):
    """Hidden staging or replaced trees still beside output/.

    A replaced tree is deleted by a detached process after the swap, so give it
    a moment (polling, not a timing assertion) before calling it left over.
    """
    deadline = time.monotonic() + patience
    while True:
        found = [p.name for p in tmp_path.iterdir() if p.name.startswith(".output")]
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def test_broken_template_leaves_previous_output(tmp_path):
    before = _previous_output(tmp_path)
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    (theme / "templates" / "article.html").write_text("{% extends 'base.html' %}{% block x %}")
    site = build(tmp_path, SEEDS, settings={"THEME": str(theme)})
    assert site.code == 1
    assert "TemplateSyntaxError" in site.stderr and "Traceback" not in site.stderr
    assert _snapshot(site.output) == before
    assert _leftovers(tmp_path) == []


def test_broken_seed_leaves_previous_output(tmp_path):
    before = _previous_output(tmp_path)
    site = build(tmp_path, {**SEEDS, "003_bad.txt": seed_text(published="not a date")})
    assert site.code == 1
    assert _snapshot(site.output) == before
    assert _leftovers(tmp_path) == []


def test_interrupted_build_leaves_previous_output(tmp_path):
    """Ctrl-C while pages are being written: a real process, a real SIGINT."""
    before = _previous_output(tmp_path)
    content = tmp_path / "content" / "articles"
    content.mkdir(parents=True)
    for name, data in SEEDS.items():
        (content / name).write_bytes(data if isinstance(data, bytes) else data.encode())
    (tmp_path / "interrupter.py").write_text(textwrap.dedent("""
        import os, signal
        from pelican import signals

        def _interrupt(path, context):
            os.kill(os.getpid(), signal.SIGINT)  # as if the user pressed Ctrl-C

        def register():
            signals.content_written.connect(_interrupt)
    """))
    (tmp_path / "conf.py").write_text(textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from pelicanconf import *
        THEME = {str(ROOT / "theme")!r}
        DIGEST_TOPICS_FILE = {str(ROOT / "topics.toml")!r}
        PLUGIN_PATHS = [{str(ROOT / "plugins")!r}, {str(tmp_path)!r}]
        PLUGINS = ["news_digest", "interrupter"]
        CACHE_PATH = {str(tmp_path / "cache")!r}
    """))
    result = subprocess.run(
        [sys.executable, "-m", "news_digest", "build", str(tmp_path / "content"),
         "-o", str(tmp_path / "output"), "-s", str(tmp_path / "conf.py")],
        capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert result.returncode == 128 + signal.SIGINT, result.stderr
    assert "interrupted" in result.stderr
    assert _snapshot(tmp_path / "output") == before
    assert _leftovers(tmp_path) == []


def test_successful_build_replaces_output(tmp_path):
    _previous_output(tmp_path)
    site = build(tmp_path, SEEDS)
    assert site.code == 0, site.stderr
    assert not (site.output / "stories" / "old.html").exists()
    assert len(site.files("stories/*.html")) == 3
    assert _leftovers(tmp_path) == []


def test_two_builds_are_byte_identical(tmp_path):
    first = build(tmp_path / "one", SEEDS)
    second = build(tmp_path / "two", SEEDS)
    assert first.code == second.code == 0
    one, two = stable_tree(first.output), stable_tree(second.output)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    assert any(name.startswith("pagefind/fragment/") for name in one)
