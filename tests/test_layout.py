"""The plugin's layout holds: data flows seeds -> enrich -> output, only glue/ and speed/
know Pelican, and speed/ is reached through its one entry point."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from news_digest import errors

PLUGIN = Path(__file__).resolve().parents[1] / "plugins" / "news_digest"
# What each place may import of the plugin (besides itself).
ALLOWED = {
    "errors": set(),
    "atomic_file": set(),  # files written whole: the build's records, the output swap
    "diskspace": set(),  # a full disk told apart, wherever it surfaces
    "settings": {"errors", "seeds", "enrich"},
    "seeds": {"errors"},
    "enrich": {"errors", "seeds"},
    "output": {"errors", "seeds", "enrich", "settings"},
    "speed": {"errors", "seeds", "enrich", "output", "settings", "atomic_file", "diskspace"},
    "glue": {"errors", "seeds", "enrich", "output", "settings", "speed", "diskspace"},
    "curator": {"errors", "seeds", "enrich", "output", "settings", "speed", "glue",
                "atomic_file", "diskspace"},
    "__init__": {"glue"},
    "__main__": {"curator"},
}
PURE = {"errors", "settings", "seeds", "enrich", "output", "atomic_file", "diskspace"}
# Outside glue/ and speed/, Pelican only runs a build or reads a settings file.
PELICAN_ALLOWED = {"curator/build.py", "curator/site_settings.py"}


def modules() -> list[Path]:
    return sorted(PLUGIN.rglob("*.py"))


def place(path: Path) -> str:
    relative = path.relative_to(PLUGIN)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def plugin_imports(path: Path) -> list[tuple[int, str]]:
    """(line, module path inside the plugin, e.g. 'speed.page_memo') of each import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.relative_to(PLUGIN).parent.parts
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                target = [*base, *(node.module.split(".") if node.module else [])]
                if node.module is None:  # from . import x
                    found += [(node.lineno, ".".join([*target, a.name])) for a in node.names]
                    continue
                found.append((node.lineno, ".".join(target)))
            elif node.module and node.module.startswith("news_digest"):
                found.append((node.lineno, node.module.partition(".")[2]))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name.partition(".")[2]) for a in node.names
                      if a.name.startswith("news_digest")]
    return found


def third_party(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
    return names


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PLUGIN).as_posix())
def test_each_module_imports_only_earlier_stages(path):
    own = place(path)
    for line, target in plugin_imports(path):
        stage = target.split(".")[0]
        if stage == own:
            continue
        assert stage in ALLOWED[own], (
            f"{path.relative_to(PLUGIN)}:{line} imports {target}: {own} may import only "
            f"{sorted(ALLOWED[own])}")
        if stage == "speed" and own != "speed":
            assert target == "speed", (
                f"{path.relative_to(PLUGIN)}:{line} imports {target}: use speed's entry "
                "point (news_digest.speed), not its modules")


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PLUGIN).as_posix())
def test_only_glue_and_speed_know_pelican(path):
    relative = path.relative_to(PLUGIN).as_posix()
    if place(path) in {"glue", "speed"} or relative in PELICAN_ALLOWED:
        return
    assert "pelican" not in third_party(path), f"{relative} imports Pelican"


def test_pure_stages_are_pure():
    """seeds, enrich and output take and return plain values: no Pelican, no CLI."""
    for path in modules():
        if place(path) in PURE:
            assert {"pelican", "argparse"}.isdisjoint(third_party(path)), path


def test_every_error_the_plugin_defines_is_a_digest_error():
    defined = []
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                    isinstance(b, ast.Name) and (b.id.endswith(("Error", "Exception"))
                                                 or b.id == "ValueError") for b in node.bases):
                defined.append((path.relative_to(PLUGIN).as_posix(), node.name))
    outside = [d for d in defined if d[0] != "errors.py"]
    assert outside == [], f"errors are defined in errors.py, under DigestError: {outside}"
    for _, name in defined:
        assert issubclass(getattr(errors, name), errors.DigestError), name


def test_modules_stay_small():
    long = {p.relative_to(PLUGIN).as_posix(): n for p in modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}, f"split these modules: one job each ({long})"


def _map_rows() -> dict[str, str]:
    """docs/architecture.md's table: each folder's row (``seeds``: its cell) and, under
    ``""``, the rows of the plugin's top-level modules."""
    import re

    text = (PLUGIN.parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(\w+)/` \| (.*) \|$", text, re.MULTILINE))
    rows[""] = "\n".join(re.findall(r"^\| (`\w+\.py`.*) \|$", text, re.MULTILINE))
    return rows


def test_every_module_is_on_the_map():
    """docs/architecture.md's table names every module of the plugin in its folder's row,
    so a newcomer's map of the house is never missing a room (a module named only in the
    prose below the table, as ``topic_types.py`` was, is not on the map). An empty
    ``__init__.py`` is no room."""
    rows = _map_rows()
    missing = []
    for path in modules():
        relative = path.relative_to(PLUGIN)
        if path.name == "__init__.py" and len(relative.parts) > 1 and not path.read_bytes():
            continue
        row = rows.get(relative.parts[0], "") if len(relative.parts) > 1 else rows[""]
        if f"`{path.name}`" not in row:
            missing.append(relative.as_posix())
    assert not missing, f"add these to their folder's row of docs/architecture.md: {missing}"


def test_each_row_of_the_map_names_modules_of_its_folder():
    """A module named in a folder's row of docs/architecture.md's table is a file of that
    folder: the map names no module that is gone or moved (training/'s scripts, named
    beside the modules they train, are files of training/)."""
    import re

    root = PLUGIN.parents[1]
    text = (root / "docs" / "architecture.md").read_text(encoding="utf-8")
    wrong = []
    for folder, cell in re.findall(r"^\| `(\w+)/` \| (.*) \|$", text, re.MULTILINE):
        for name in re.findall(r"`([\w/]+\.py)`", cell):
            where = root / name if name.startswith("training/") else PLUGIN / folder / name
            if not where.is_file() and not (root / "training" / name).is_file():
                wrong.append(f"{folder}/: {name}")
    assert wrong == []
