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


def code_and_commands(doc: Path) -> list[tuple[int, str]]:
    """Each line's code: its code spans, and the whole line inside a fenced block."""
    found, fenced = [], False
    for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            fenced = not fenced
            continue
        found += [(number, line)] if fenced else [(number, s) for s in SPAN.findall(line)]
    return found


SPAN = re.compile(r"`([^`\n]+)`")


def test_every_make_target_the_docs_name_exists():
    # `make bench --scale` in docs/rebuilding.md handed `--scale` to make, not the bench.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.MULTILINE))
    wrong = []
    for doc in DOCS:
        for number, code in code_and_commands(doc):
            for words in re.findall(r"(?:^|[;&|(]\s*)make ((?:[^\s#;&|)]+ ?)+)", code):
                for word in words.split():
                    if "=" in word:  # a variable: N=10000, SITEURL=...
                        continue
                    if word not in targets:
                        wrong.append(f"{doc.relative_to(ROOT)}:{number}: make {words.strip()}")
    assert wrong == []


def test_every_digest_name_the_docs_use_is_read_by_the_code():
    # docs/curating.md named `DIGEST_TOPICS`, a setting that never existed.
    from news_digest.settings import RETIRED, SETTINGS

    code = "\n".join(path.read_text(encoding="utf-8") for folder in
                     ("plugins", "tests", "benchmarks", "training")
                     for path in (ROOT / folder).rglob("*.py"))
    code += (ROOT / "Makefile").read_text(encoding="utf-8")
    read = set(re.findall(r"environ(?:\.get\(|\[)\"(DIGEST_\w+)\"", code))
    read |= set(re.findall(r"^(DIGEST_\w+) \?=", code, re.MULTILINE))  # make's variables
    unknown = []
    for doc in DOCS:
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            for name in re.findall(r"\bDIGEST_[A-Z0-9_]*[A-Z0-9]\b", line):
                if name not in SETTINGS and name not in RETIRED and name not in read:
                    unknown.append(f"{doc.relative_to(ROOT)}:{number}: {name}")
    assert unknown == []


COMMAND = re.compile(r"(?:news_digest |^)(check|build|import|new|explain|ping|serve)((?: [^`]*)?)$")


def test_every_option_the_docs_give_a_command_is_one_of_its_options():
    # A command's options as its parser knows them, built as `python -m news_digest` does.
    import argparse
    from importlib import import_module

    from news_digest.curator.cli import COMMANDS

    commands = argparse.ArgumentParser().add_subparsers()
    for module in COMMANDS.values():
        import_module(f"news_digest.curator.{module}").add_parser(commands)
    options = {name: set(parser._option_string_actions)  # noqa: SLF001 - argparse's own table
               for name, parser in commands.choices.items()}
    wrong = []
    for doc in DOCS:
        for number, code in code_and_commands(doc):
            found = COMMAND.search(code.split("#")[0].strip())
            if not found:
                continue
            command, rest = found.groups()
            for option in re.findall(r"(?:^|\s)(--?[a-z][\w-]*)", rest):
                if option not in options[command]:
                    wrong.append(f"{doc.relative_to(ROOT)}:{number}: {command} {option}")
    assert wrong == []


# `clusters.bin`, `stories.json`: files named like a module and an attribute.
FILE_ENDINGS = {"py", "json", "toml", "html", "bin", "opml", "js", "css", "txt", "xml", "md",
                "yml", "new"}


def test_every_module_name_the_docs_give_is_in_that_module():
    # `enrich/clusters.py` `profile`, `clusters.recluster`, `speed/freed_memory.py`
    # `forget_memoized`: a name the docs send a newcomer to is there.
    from importlib import import_module

    plugin = ROOT / "plugins"
    modules: dict[str, list[str]] = {}
    for path in (plugin / "news_digest").rglob("*.py"):
        parts = path.relative_to(plugin).with_suffix("").parts
        if parts[-1] != "__main__":
            dotted = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            modules.setdefault(parts[-1], []).append(dotted)
    missing = []
    for doc in DOCS:
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            pairs = (re.findall(r"`(?:[\w/]+/)?(\w+)(?:\.py)?\.(\w+)`", line)
                     + re.findall(r"`(?:[\w/]+/)?(\w+)\.py` `(\w+)`", line))
            for module, name in pairs:
                if module in modules and name not in FILE_ENDINGS and not any(
                        hasattr(import_module(dotted), name) for dotted in modules[module]):
                    missing.append(f"{doc.relative_to(ROOT)}:{number}: {module}.{name}")
    assert missing == []


def test_every_class_name_the_docs_give_is_of_that_class():
    # `DigestBuild.of`, `Speed.forget_fragments`, `FeedPlan.let_go_of_items`, ...
    import inspect
    from importlib import import_module

    plugin = ROOT / "plugins"
    classes: dict[str, list[type]] = {}
    for path in (plugin / "news_digest").rglob("*.py"):
        parts = path.relative_to(plugin).with_suffix("").parts
        if parts[-1] != "__main__":
            module = import_module(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
            for name, value in vars(module).items():
                if inspect.isclass(value) and value.__module__ == module.__name__:
                    classes.setdefault(name, []).append(value)
    missing = []
    for doc in DOCS:
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            for name, attribute in re.findall(r"`([A-Z]\w+)\.(\w+)(?:\([^`]*\))?`", line):
                if name in classes and not any(
                        hasattr(c, attribute) or attribute in getattr(c, "__annotations__", {})
                        for c in classes[name]):
                    missing.append(f"{doc.relative_to(ROOT)}:{number}: {name}.{attribute}")
    assert missing == []
