"""Every relative link in the docs leads somewhere: `[text](path)` in README.md,
docs/ (docs/history/ included) and benchmarks/RESULTS.md names a file that exists,
and `path#anchor` (or `#anchor` alone) a heading of that file, as GitHub makes a
heading's anchor. A section moved between docs leaves no link pointing at nothing."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", ROOT / "benchmarks" / "RESULTS.md",
        *sorted((ROOT / "docs").rglob("*.md"))]
LINK = re.compile(r"(?<!!)\[[^\]\n]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^```.*?^```", re.DOTALL | re.MULTILINE)
CODE_SPAN = re.compile(r"`[^`\n]*`")


def unfenced(text: str) -> str:
    """The text without its fenced code blocks, each kept as as many empty lines."""
    return FENCE.sub(lambda block: "\n" * block.group().count("\n"), text)


def anchors(path: Path) -> set[str]:
    """The anchors GitHub gives a Markdown file's headings."""
    seen: dict[str, int] = {}
    found = set()
    for line in unfenced(path.read_text(encoding="utf-8")).splitlines():
        if not line.startswith("#"):
            continue
        text = line.lstrip("#").strip().lower()
        slug = re.sub(r"[^\w\- ]", "", text).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def test_anchors_are_github_s():
    # The rule the check relies on, on headings of the kinds the docs have.
    sample = ROOT / "docs" / "rebuilding.md"
    assert "stable-pages" in anchors(sample)
    assert "what-a-host-uploads" in anchors(sample)


def test_every_relative_link_in_the_docs_resolves():
    broken = []
    for doc in DOCS:
        text = unfenced(doc.read_text(encoding="utf-8"))
        for number, line in enumerate(text.splitlines(), 1):
            for target in LINK.findall(CODE_SPAN.sub("", line)):
                if re.match(r"[a-z][a-z0-9+.-]*:", target):  # http:, mailto:, ...
                    continue
                path, _, anchor = target.partition("#")
                file = (doc.parent / path).resolve() if path else doc
                where = f"{doc.relative_to(ROOT)}:{number}: {target}"
                if not file.exists():
                    broken.append(f"{where} (no such file)")
                elif anchor and file.suffix == ".md" and anchor not in anchors(file):
                    broken.append(f"{where} (no such heading)")
    assert broken == []
