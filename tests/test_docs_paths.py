"""The files the docs name exist: a newcomer who opens `seeds/headers.py` because
docs/curating.md says the headers are there finds it (after the plugin's reorganisation
the docs still named `seed.py`, `sources_in.py`, `fragment_memo.py`, ...)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
CODE = re.compile(r"`([\w./-]+\.(?:py|html|css|js|toml|yml))`")
# Where a path in the docs may be read from.
BASES = ["", "plugins/", "plugins/news_digest/", "theme/", "theme/templates/",
         "theme/static/"]
# Names the docs use for files that are not the repository's: the site's output
# (`theme/css/style.css` as a page requests it, anything under `output/`, which a
# clean clone has not built) and your own repository's workflow.
NOT_OURS = {"theme/css/style.css", ".github/workflows/publish.yml"}
SKIP = {".venv", ".git", "output", ".cache", "node_modules", "benchmarks/work"}


def repository_names() -> set[str]:
    return {path.name for path in ROOT.rglob("*")
            if path.is_file() and not SKIP & {*path.relative_to(ROOT).parts[:1],
                                              "/".join(path.relative_to(ROOT).parts[:2])}}


def test_every_file_the_docs_name_exists():
    names = repository_names()
    missing = []
    for doc in DOCS:
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            for named in CODE.findall(line):
                if named in NOT_OURS or named.startswith(("/", "output/")):  # the site's
                    continue
                if "/" in named:
                    found = any((ROOT / base / named).is_file() for base in BASES)
                else:  # a module named on its own: some file of the repository
                    found = named in names
                if not found:
                    missing.append(f"{doc.relative_to(ROOT)}:{number}: {named}")
    assert missing == []


def test_docs_theme_names_every_page_template():
    # Its table of pages had no row for the sources, search, feeds or 404 pages.
    text = (ROOT / "docs" / "theme.md").read_text(encoding="utf-8")
    templates = sorted(p.name for p in (ROOT / "theme" / "templates").glob("*.html"))
    assert [name for name in templates if f"`{name}`" not in text] == []
