"""The stock theme's per-story macros take SITEURL as an argument (imported without
context: docs/theme.md). A theme of one's own still calling them the old way,
``story_item(article, "h2")``, gets a build error naming the missing argument, not pages
whose links silently lost the site's address."""

from __future__ import annotations

import re
import shutil

from sitebuild import ROOT, build, seed_text

MACROS = ("story_item", "edition_body", "topics", "attribution_compact", "also_covered",
          "coverage_block")


def test_every_macro_taking_siteurl_refuses_to_run_without_it():
    """Each stock macro with a SITEURL parameter carries the guard."""
    found = set()
    for path in (ROOT / "theme" / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for name, body in re.findall(r"\{% macro (\w+)\([^)]*\bSITEURL\) %\}\n(.*)", text):
            found.add(name)
            assert body.startswith("{%- if SITEURL is undefined %}"), (path.name, name)
    assert found == set(MACROS)


def test_a_theme_calling_a_macro_without_siteurl_fails_clearly(tmp_path):
    call = 'story_item(article, "h2"'
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    page = theme / "templates" / "listing.html"
    text = page.read_text(encoding="utf-8")
    assert f"{call}, SITEURL)" in text
    page.write_text(text.replace(f"{call}, SITEURL)", f"{call})"), encoding="utf-8")
    site = build(tmp_path, {"a.txt": seed_text()}, settings={"THEME": str(theme)})
    assert site.code == 1
    assert "parameter 'SITEURL' was not provided" in site.stderr, site.stderr
    assert "Traceback" not in site.stderr
