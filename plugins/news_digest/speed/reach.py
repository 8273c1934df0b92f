"""How deep a page's template reaches into the values it is given, on that page.

Pure module (no Pelican import; stage: speed). ``template_paths`` works out once per
template every path it can follow from a context name; here each path is walked on
a page's actual values and the objects it enters are counted the way
``fingerprint.py`` counts them: plain values, containers and value objects (frozen
dataclasses) cost nothing, other objects one each, types described their own way
what their ``Described`` says. A name whose paths enter k objects is covered by its
fingerprint taken with a budget of k or more.

Some reads no budget covers, and they raise ``Beyond`` (the page is then rendered):
Python code run on an object that is not a plain value (a property, a method,
``__str__``, ``__len__``), which may read anything; an object printed, compared or
handed to code the analysis does not know; an attribute a description leaves out
(a story's ``metadata``, a paginator's full ``object_list``).

Walks are memoised per (path node, object) for the build, and a template's paths
are merged into one tree per name (for the conditions that hold on the page), whose
nodes are shared by every template of the build with the same paths below them: a
story is walked once per kind of place it is shown in (a list item, a related
story), on however many pages; a site-wide value (the site's pages, its feeds) once.

The walks of a build are one object, ``Reach``, made of a part per job, each a
module: this one takes a page (the entry point, ``Reach.needed``): which paths its
conditions leave, the trees merged and shared, site-wide values walked once;
``reach_walk`` walks a tree on a value and counts the objects entered, refusing what
no key covers; ``reach_described`` what the description of each type hashed its own
way (a Pelican story, paginator, URL wrapper) covers; ``reach_types`` what a type
lets the walk assume without running its code (the hooks it defines, its class
attributes, values holding plain values only).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..errors import Beyond
from .fingerprint import _ATOM_TYPES, _fields
from .reach_described import Described, DescribedTypes
from .reach_types import HOOKS, MISSING, TypeFacts, step_name
from .reach_walk import ObjectWalks
from .template_refs import PathNode, TemplateReads

__all__ = ["Beyond", "Described", "Reach"]

_UNKNOWN = object()


class Reach(ObjectWalks, DescribedTypes, TypeFacts):
    """The walks of one build. ``kind_of`` is ``Fingerprints.kind_of`` (so both count
    alike); ``described`` maps the special types to what their description covers."""

    def __init__(self, kind_of: Callable[[Any], tuple], described: Mapping[type, Described]):
        self.kind_of = kind_of
        self.described = dict(described)
        self._descriptions: dict[type, Described | None] = {}
        # (path node, object) -> objects entered, or why not: keyed by one int,
        # id(node) << 64 | id(object) (a tuple of two ints took 120 bytes an entry,
        # about 15 MB at 10,000 stories in a build from scratch, which walks every page)
        self._memo: dict[int, int | str] = {}
        self._marked: dict[tuple[str, int], int | str] = {}
        self._flat: dict[int, bool] = {}
        self._hooks: dict[tuple[type, tuple], tuple[str, ...]] = {}
        self._fields: dict[type, frozenset] = {}  # a value type's field names
        self._trees: dict[tuple[int, tuple], dict[str, PathNode]] = {}
        self._conditions: dict[int, tuple[tuple, tuple]] = {}
        self._statics: dict[tuple[type, str], Any] = {}
        self._nodes: dict[tuple, PathNode] = {}  # every node of the build, by its paths
        self._site: dict[tuple[int, int], int | str] = {}
        self._alive: list = []  # memoised by id: kept alive, so ids stay theirs
        # Whether the last ``needed`` walked every branch of the template (its answer
        # then holds whichever conditions hold on the page).
        self.every_branch = False

    def let_go(self) -> None:
        """Forget the walks made (and the objects kept for them): no page is left."""
        for memo in (self._memo, self._marked, self._flat, self._site, self._alive):
            memo.clear()

    # -- a page ------------------------------------------------------------------

    def needed(self, reads: TemplateReads, values: Mapping[str, Any],
               by_length: frozenset = frozenset(), site: Mapping[str, Any] | None = None,
               enough: int = 0) -> dict[str, int]:
        """Objects entered from each context name on this page (``values``: its
        context). ``by_length``: names the key covers by their length only; ``site``:
        the site-wide context (its values live as long as the build). Every path is
        walked first, whatever the conditions: when that stays within ``enough``
        objects per name, which paths the page takes does not matter; otherwise only
        the paths whose conditions may hold on the page are."""
        self.every_branch = False
        if enough:
            try:
                needed = self._walk_trees(self._trees_of(reads, None), values, by_length, site)
                if max(needed.values(), default=0) <= enough:
                    self.every_branch = True  # whatever the page's conditions
                    return needed
            except Beyond:
                pass
        return self._walk_trees(self._trees_of(reads, self._live(reads, values)), values,
                                by_length, site)

    def live_names(self, reads: TemplateReads, values: Mapping[str, Any]) -> frozenset[str]:
        """The names the template may read on this page: those of the paths whose
        conditions may hold (``{% if articles_page.newest %}`` shows the list's length on
        its front page only)."""
        return frozenset(self._trees_of(reads, self._live(reads, values)))

    def _live(self, reads: TemplateReads, values: Mapping[str, Any]) -> tuple:
        conditions, branches = self._conditions_of(reads)
        false = [self._false(c, values) for c in conditions]
        return tuple(index for index, uses in enumerate(branches)
                     if not any(false[i] for i in uses))

    def _trees_of(self, reads: TemplateReads, live: tuple | None) -> dict[str, PathNode]:
        """The paths of the branches ``live`` (None: all), one tree per name."""
        trees = self._trees.get((id(reads), live))
        if trees is None:
            every = tuple(range(len(reads.branches))) if live is None else live
            trees = self._trees[id(reads), live] = self._merged(reads, every)
            self._alive.append(reads)
        return trees

    def _walk_trees(self, trees: dict[str, PathNode], values: Mapping[str, Any],
                    by_length: frozenset, site: Mapping[str, Any] | None) -> dict[str, int]:
        for name in by_length:  # first: the cheapest refusal
            node = trees.get(name)
            if node is not None and node.steps and name in values:
                raise Beyond(f"it reads into {name}, of which the page's key covers only "
                             "the length")
        needed: dict[str, int] = {}
        for name, node in trees.items():
            value = values.get(name, MISSING)
            if value is MISSING or type(value) in _ATOM_TYPES or name in by_length:
                continue
            if site is not None and site.get(name, MISSING) is value:
                key = (id(node), id(value))
                cost = self._site.get(key)
                if cost is None:
                    try:
                        cost = self._walk(node, value)
                    except Beyond as err:
                        cost = str(err)
                    self._site[key] = cost
                    self._alive.append(value)
                if type(cost) is str:
                    raise Beyond(cost)
            else:
                cost = self._walk(node, value)
            if cost:
                needed[name] = cost
        return needed

    def _conditions_of(self, reads: TemplateReads) -> tuple[tuple, tuple]:
        """The template's conditions, each once, and which of them each branch needs."""
        found = self._conditions.get(id(reads))
        if found is None:
            unique: dict = {}
            uses = tuple(tuple(unique.setdefault(c, len(unique)) for c in conditions)
                         for conditions, _ in reads.branches)
            found = self._conditions[id(reads)] = (tuple(unique), uses)
            self._alive.append(reads)
        return found

    def _merged(self, reads: TemplateReads, live: tuple) -> dict[str, PathNode]:
        """The paths of the ``live`` branches, one tree per name."""
        found: dict[str, list[PathNode]] = {}
        for index in live:
            for name, node in reads.branches[index][1].items():
                found.setdefault(name, []).append(node)
        return {name: self._node(nodes) for name, nodes in found.items()}

    def _node(self, nodes: list[PathNode]) -> PathNode:
        """The node standing for the union of ``nodes``' paths, shared by the build."""
        below: dict = {}
        for node in nodes:
            for step, child in node.steps.items():
                below.setdefault(step, []).append(child)
        steps = {step: self._node(children) for step, children in below.items()}
        key = tuple(sorted((repr(step), id(child)) for step, child in steps.items()))
        found = self._nodes.get(key)
        if found is None:
            found = self._nodes[key] = PathNode()
            found.steps = steps
        return found

    # -- conditions (``{% if articles_page %}``) ----------------------------------

    def _false(self, condition, values: Mapping) -> bool:
        """True only when the condition surely does not hold on this page."""
        root, steps, kind, expected = condition
        value = values.get(root, MISSING)
        for step in steps:
            if value is MISSING:
                break
            value = self._plain_get(value, step_name(step))
            if value is _UNKNOWN:
                return False
        if kind == "defined":
            return (value is not MISSING) != expected
        if value is MISSING:
            return expected
        truth = self._truth(value)
        return truth is not None and truth != expected

    def _plain_get(self, value, name: str):
        """``value.name`` without running code (``_UNKNOWN`` where that would)."""
        kind = type(value)
        if kind in _ATOM_TYPES:
            return _UNKNOWN
        if self._static(kind, name) is not MISSING:
            return _UNKNOWN  # a method, property or class attribute
        if isinstance(value, Mapping):
            return value.get(name, MISSING)
        if self._hook_names(kind, HOOKS):
            return _UNKNOWN
        fields = _fields(value)
        if fields is None:
            return _UNKNOWN
        return fields.get(name, MISSING)

    def _truth(self, value) -> bool | None:
        if value is None or type(value) in _ATOM_TYPES or isinstance(
                value, list | tuple | dict | set | frozenset):
            return bool(value)
        if self._hook_names(type(value), ("__bool__", "__len__")):
            return None
        return True
