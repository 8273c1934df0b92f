"""The Pelican internals the plugin replaces are the ones it was checked against."""

from __future__ import annotations

import ast
import hashlib
import importlib
import inspect

import pelican
import pytest

from news_digest.speed.pelican_internals import CHECKED_WITH, INTERNALS


def test_pelican_is_the_version_the_overrides_were_checked_against():
    assert pelican.__version__ == CHECKED_WITH, (
        f"Pelican {pelican.__version__} is installed; speed/pelican_internals.py was checked "
        f"against {CHECKED_WITH}: read each internal listed there in the new Pelican, check "
        "the plugin's code still does what it does, then update CHECKED_WITH and the hashes")


def pelican_source(module_name: str, qualified: str) -> str:
    """The source of a Pelican function as its file has it (the plugin may have
    replaced it on the class since: read the file, not the object)."""
    module = importlib.import_module(module_name)
    text = inspect.getsource(module)
    tree = ast.parse(text)
    *owners, name = qualified.split(".")
    scope = tree.body
    for owner in owners:
        scope = next(n for n in scope if isinstance(n, ast.ClassDef) and n.name == owner).body
    node = next(n for n in scope
                if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name == name)
    lines = text.splitlines(keepends=True)
    start = min([node.lineno, *(d.lineno for d in node.decorator_list)]) - 1
    return "".join(lines[start:node.end_lineno])


@pytest.mark.parametrize("internal", INTERNALS, ids=lambda i: i.target)
def test_each_overridden_internal_is_unchanged(internal):
    module_name, _, qualified = internal.target.partition(":")
    source = pelican_source(module_name, qualified)
    assert hashlib.sha256(source.encode()).hexdigest()[:12] == internal.source_hash, (
        f"{internal.target} changed in this Pelican: {internal.where} replaces or relies on "
        f"it ({internal.why}); check it against the new code, then update its hash")
