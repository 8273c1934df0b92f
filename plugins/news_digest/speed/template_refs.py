"""The values the template analysis works with: paths, refs and path trees.

Pure module (Jinja only; stage: speed), shared by ``template_paths`` (the analysis)
with its parts (``template_scopes``, ``template_statements``, ``template_expressions``,
``template_calls``, ``template_filters``) and ``reach`` (the walk of the paths on a
page's values). See ``template_paths`` for what a path is.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import nodes

from ..errors import Unanalysable

ITEM, CALL, SHOW, COMPARE, HANDED = "[]", "()", "!", "<", "?"
MARKERS = (SHOW, COMPARE, HANDED)
MAX_STEPS = 16  # steps of one path


@dataclass(frozen=True, slots=True)
class Ref:
    """What an expression may stand for: the value at ``root`` then ``steps``, inside
    ``wrap`` containers made by the template (``[x]``, ``dict(a=x)``, ``batch``),
    read only when ``guards`` hold."""

    root: str
    steps: tuple = ()
    wrap: int = 0
    guards: frozenset = frozenset()


TAINT = Ref("")  # the result of code the analysis cannot see: may be printed, not read
EMPTY: frozenset = frozenset()
# (root, steps, "truthy" or "defined", expected): the paths it guards are read only then
Condition = tuple


class PathNode:
    """One step of the paths read from a context name; ``steps`` maps the next step
    to its node. Made once per template per build; ``reach.py`` memoises by node."""

    __slots__ = ("steps", "plan")

    def __init__(self):
        self.steps: dict = {}
        self.plan: tuple | None = None  # reach_described.py's: the steps sorted for its walk

    def paths(self, prefix: str = "") -> list[str]:
        """The paths as text (tests, messages): ``article.related_stories[].title``."""
        if not self.steps:
            return [prefix]
        found = []
        for step, child in self.steps.items():
            text = (f"[{step[1]!r}]" if isinstance(step, tuple) else
                    step if step in (ITEM, CALL, *MARKERS) else f".{step}")
            found += child.paths(prefix + text)
        return found


@dataclass(frozen=True)
class TemplateReads:
    """What a template reads: per set of conditions, a tree of paths per context name."""

    branches: tuple[tuple[frozenset, dict[str, PathNode]], ...]
    roots: frozenset[str]

    def paths(self) -> set[str]:
        """Every path as text, conditions left out (tests, messages)."""
        return {path for _, trees in self.branches for name, node in trees.items()
                for path in node.paths(name)}


def wrapped(refs, levels: int = 1) -> frozenset:
    return frozenset(Ref(r.root, r.steps, r.wrap + levels, r.guards) for r in refs if r.root)


def stepped(refs, step) -> frozenset:
    """The refs one step further: into a template-made container, or along the path."""
    found = set()
    for r in refs:
        if not r.root:
            raise Unanalysable("the result of a filter, test or function the analysis "
                               "does not know is read further")
        if type(step) is str and step.startswith("__"):
            raise Unanalysable(f"{step}: Python's own attributes reach anything")
        if r.wrap:
            found.add(Ref(r.root, r.steps, r.wrap - 1, r.guards))
        else:
            if len(r.steps) >= MAX_STEPS:
                raise Unanalysable(f"a path from {r.root} longer than {MAX_STEPS} steps")
            found.add(Ref(r.root, (*r.steps, step), 0, r.guards))
    return frozenset(found)


def with_guards(refs, conditions: frozenset) -> frozenset:
    if not conditions:
        return refs
    return frozenset(Ref(r.root, r.steps, r.wrap, r.guards | conditions) if r.root else r
                     for r in refs)


def attribute_chain(node) -> str | None:
    """``a.b.c`` as text for a ``map``/``sort`` attribute argument (None: not constant)."""
    return node.value if isinstance(node, nodes.Const) and isinstance(node.value, str) else None
