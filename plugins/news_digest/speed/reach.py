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
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import Beyond
from .fingerprint import (
    _ATOM_TYPES,
    ATOM,
    CODE,
    MAPPING,
    MAX_NESTING,
    OPAQUE,
    SET,
    SPECIAL,
    VALUE,
    _fields,
)
from .template_refs import CALL, COMPARE, HANDED, ITEM, MARKERS, SHOW, PathNode, TemplateReads

_MISSING = object()
_UNKNOWN = object()
# What Jinja may run on an object without being asked: attribute hooks, truth and
# length, iteration and membership, ``+``, calling it.
HOOKS = ("__getattr__", "__getattribute__", "__bool__", "__len__", "__iter__", "__getitem__",
         "__contains__", "__add__", "__radd__", "__call__")
# What printing a value runs; what comparing it runs.
TEXT_HOOKS = ("__str__", "__html__", "__html_format__", "__format__", "__repr__")
COMPARE_HOOKS = ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__hash__")
_MARK_HOOKS = {SHOW: TEXT_HOOKS, COMPARE: COMPARE_HOOKS}
# Methods of dicts and lists whose result is one of their values, or plain.
_TO_VALUES = frozenset({"get", "values", "pop", "setdefault"})
_NOT_NAMES = frozenset({ITEM, CALL, *MARKERS})
_PLAIN_METHODS = frozenset({"index", "count", "keys"})


@dataclass(frozen=True)
class Described:
    """What the description of a type hashed its own way (``fingerprint``'s special
    types) covers, for the walk."""

    fields: frozenset | None = None  # instance attributes covered (None: all but hidden)
    hidden: frozenset = frozenset()  # instance attributes not covered
    computed: frozenset = frozenset()  # properties/methods: a plain result from covered data
    shown: bool = False  # printing it uses covered data only
    compared: bool = False  # comparing it uses covered data (or its identity) only
    whole: bool = False  # anything read from it is covered (``__fingerprint__``)


WHOLE = Described(whole=True)


def _name(value) -> str:
    return type(value).__qualname__


def _step_name(step) -> str:
    return step[1] if type(step) is tuple else step


_VERBS = {SHOW: "prints", COMPARE: "compares",
          HANDED: "hands to unknown code (a filter, test or function)",
          ITEM: "iterates or subscripts by a variable", CALL: "calls"}


def _use(step, value) -> str:
    """Why using ``value`` so is refused, in words."""
    return f"it {_VERBS[step]} a whole {_name(value)}"


def _is_code(attribute) -> bool:
    """A class attribute that runs code when read or called (not a plain constant)."""
    return callable(attribute) or hasattr(type(attribute), "__get__")


def _generated(function) -> bool:
    """A method a dataclass made from its fields (compiled from a string)."""
    code = getattr(getattr(function, "__wrapped__", function), "__code__", None)
    return code is not None and code.co_filename == "<string>"


class Reach:
    """The walks of one build. ``kind_of`` is ``Fingerprints.kind_of`` (so both count
    alike); ``described`` maps the special types to what their description covers."""

    def __init__(self, kind_of: Callable[[Any], tuple], described: Mapping[type, Described]):
        self.kind_of = kind_of
        self.described = dict(described)
        self._descriptions: dict[type, Described | None] = {}
        self._memo: dict[tuple[int, int], int | str] = {}
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
        if enough:
            try:
                needed = self._walk_trees(self._trees_of(reads, None), values, by_length, site)
                if max(needed.values(), default=0) <= enough:
                    return needed
            except Beyond:
                pass
        conditions, branches = self._conditions_of(reads)
        false = [self._false(c, values) for c in conditions]
        live = tuple(index for index, uses in enumerate(branches)
                     if not any(false[i] for i in uses))
        return self._walk_trees(self._trees_of(reads, live), values, by_length, site)

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
            value = values.get(name, _MISSING)
            if value is _MISSING or type(value) in _ATOM_TYPES or name in by_length:
                continue
            if site is not None and site.get(name, _MISSING) is value:
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
        value = values.get(root, _MISSING)
        for step in steps:
            if value is _MISSING:
                break
            value = self._plain_get(value, _step_name(step))
            if value is _UNKNOWN:
                return False
        if kind == "defined":
            return (value is not _MISSING) != expected
        if value is _MISSING:
            return expected
        truth = self._truth(value)
        return truth is not None and truth != expected

    def _plain_get(self, value, name: str):
        """``value.name`` without running code (``_UNKNOWN`` where that would)."""
        kind = type(value)
        if kind in _ATOM_TYPES:
            return _UNKNOWN
        if self._static(kind, name) is not _MISSING:
            return _UNKNOWN  # a method, property or class attribute
        if isinstance(value, Mapping):
            return value.get(name, _MISSING)
        if self._hook_names(kind, HOOKS):
            return _UNKNOWN
        fields = _fields(value)
        if fields is None:
            return _UNKNOWN
        return fields.get(name, _MISSING)

    def _static(self, kind: type, name: str):
        """What ``kind`` itself has under ``name`` (``_MISSING``: nothing)."""
        key = (kind, name)
        found = self._statics.get(key, self._statics)
        if found is self._statics:
            found = self._statics[key] = inspect.getattr_static(kind, name, _MISSING)
        return found

    def _truth(self, value) -> bool | None:
        if value is None or type(value) in _ATOM_TYPES or isinstance(
                value, list | tuple | dict | set | frozenset):
            return bool(value)
        if self._hook_names(type(value), ("__bool__", "__len__")):
            return None
        return True

    # -- walks -------------------------------------------------------------------

    def _walk(self, node, value) -> int:
        """Objects entered from ``value`` (itself included) along ``node``'s paths."""
        if type(value) in _ATOM_TYPES:
            return 0
        kind, _, costly = self.kind_of(value)
        if kind == ATOM:
            return 0
        if kind <= SET:
            return self._container(node, value, kind)
        key = (id(node), id(value))
        found = self._memo.get(key)
        if found is None:
            try:
                found = self._object(node, value, kind, costly)
            except Beyond as err:
                found = str(err)
            self._memo[key] = found
            self._alive.append(value)
        if type(found) is str:
            raise Beyond(found)
        return found

    def _items(self, value, kind: int):
        if kind == MAPPING:
            return [*value.values(), *(k for k in value if type(k) not in _ATOM_TYPES)]
        return value

    def _container(self, node, value, kind: int) -> int:
        deepest = 0
        memo = self._memo
        for step, child in node.steps.items():
            if step == ITEM:
                below = id(child)
                for item in self._items(value, kind):
                    if type(item) not in _ATOM_TYPES:
                        found = memo.get((below, id(item)))  # the common case, inline
                        if type(found) is not int:
                            found = self._walk(child, item)
                        if found > deepest:
                            deepest = found
            elif step in MARKERS:
                deepest = max(deepest, self._mark(value, step))
            elif step == CALL:
                raise Beyond(_use(step, value))
            else:
                deepest = max(deepest, self._container_attribute(child, value, kind, step))
        return deepest

    def _container_attribute(self, child, value, kind: int, step) -> int:
        name, subscript = _step_name(step), type(step) is tuple
        method = self._static(type(value), name)
        if kind == MAPPING and (subscript or method is _MISSING):
            if name in value:  # x["y"] and x.y of a dict: the item
                return self._walk(child, value[name])
            if method is _MISSING:
                return 0  # undefined: nothing read
        if method is _MISSING:
            return 0
        fields = getattr(type(value), "_fields", None)  # a named tuple's field: an item
        if isinstance(fields, tuple) and name in fields:
            return self._walk(child, getattr(value, name))
        if not callable(method):
            raise Beyond(f"{_name(value)}.{name} is Python code the page key cannot see into")
        called = child.steps.get(CALL)
        if called is None:
            return 0  # the method itself, not called
        if name in _PLAIN_METHODS:
            return 0
        if kind == MAPPING and name in _TO_VALUES:
            return max((self._walk(called, v) for v in value.values()), default=0)
        if kind == MAPPING and name == "items":
            return self._walk(called, list(value.items()))
        if name == "copy":
            return self._walk(called, value)
        raise Beyond(f"it calls {_name(value)}.{name}()")

    def _object(self, node, value, kind: int, costly: bool) -> int:
        if kind == CODE:
            if any(step != SHOW for step in node.steps):
                raise Beyond(f"it calls or reads into {getattr(value, '__qualname__', value)}: "
                             "Python code the page key cannot see into")
            return 0
        if kind == OPAQUE:
            if any(step not in MARKERS for step in node.steps):
                raise Beyond(f"it reads into a {_name(value)}, which its key knows by its "
                             "repr only")
            return 0
        if kind == VALUE:
            # Holding plain values only, all the way down, it is part of its owner's
            # key in full: whatever is read of it or worked out from it is covered.
            return 0 if self._is_flat(value) else self._value(node, value)
        if kind == SPECIAL:
            return self._special(node, value, costly)
        return self._plain_object(node, value)

    def _value(self, node, value) -> int:
        """A frozen dataclass: part of its owner. Its properties and methods are plain
        functions of its fields only while those hold no objects (``_is_flat``)."""
        names = self._fields.get(type(value))
        if names is None:
            names = self._fields[type(value)] = frozenset(
                f.name for f in dataclasses.fields(value))
        if self._hook_names(type(value), HOOKS) and not self._is_flat(value):
            raise Beyond(f"{_name(value)} defines {self._hook_names(type(value), HOOKS)} "
                         "and holds objects")
        deepest = 0
        for step, child in node.steps.items():
            if step in MARKERS:
                deepest = max(deepest, self._mark(value, step))
                continue
            name = _step_name(step)
            if step not in (ITEM, CALL) and name in names:
                field_value = getattr(value, name)
                if type(field_value) not in _ATOM_TYPES:
                    deepest = max(deepest, self._walk(child, field_value))
                continue
            if step not in (ITEM, CALL) and name not in vars(value) and \
                    self._static(type(value), name) is _MISSING:
                continue  # undefined: nothing read
            if not self._is_flat(value):
                raise Beyond(f"{_name(value)}{'.' + name if step not in (ITEM, CALL) else step}"
                             " is Python code over objects the page key may not cover")
        return deepest

    def _plan(self, node) -> tuple[tuple, tuple]:
        """``node``'s steps: (attribute name, node) pairs, and the others."""
        plan = node.plan
        if plan is None:
            attributes, others = [], []
            for step, child in node.steps.items():
                if type(step) is str and step not in _NOT_NAMES:
                    attributes.append((step, child))
                else:
                    others.append((step, child))
            plan = node.plan = (tuple(attributes), tuple(others))
        return plan

    def _special(self, node, value, costly: bool) -> int:
        described = self._description(type(value))
        cost = 1 if costly else 0
        if described.whole:
            return cost
        fields = self._checked_fields(value, described)
        deepest = 0
        attributes, others = self._plan(node)
        hidden, memo = described.hidden, self._memo
        for name, child in attributes:  # the common case, first and inline
            if name in hidden:
                raise Beyond(f"it reads {_name(value)}.{name}, which the page key leaves out")
            field_value = fields.get(name, _MISSING)
            if field_value is _MISSING:
                if name in described.computed or self._static(type(value), name) is _MISSING:
                    continue  # worked out from covered data, or undefined
                raise Beyond(f"{_name(value)}.{name} is Python code the page key cannot "
                             "see into")
            if type(field_value) not in _ATOM_TYPES and name != "settings":
                found = memo.get((id(child), id(field_value)))
                if type(found) is not int:
                    found = self._walk(child, field_value)
                if found > deepest:
                    deepest = found
        for step, child in others:
            if step == SHOW and described.shown or step == COMPARE and described.compared:
                continue
            if step in MARKERS or step in (ITEM, CALL):
                raise Beyond(_use(step, value))
            name = _step_name(step)
            if name in described.hidden:
                raise Beyond(f"it reads {_name(value)}.{name}, which the page key leaves out")
            field_value = fields.get(name, _MISSING)
            if field_value is not _MISSING:
                if name != "settings" and type(field_value) not in _ATOM_TYPES:
                    found = self._memo.get((id(child), id(field_value)))  # settings: in
                    if type(found) is not int:  # the cache folder's key
                        found = self._walk(child, field_value)
                    if found > deepest:
                        deepest = found
                continue
            if name in described.computed:
                continue
            if self._static(type(value), name) is _MISSING:
                continue
            raise Beyond(f"{_name(value)}.{name} is Python code the page key cannot see into")
        return cost + deepest

    def _checked_fields(self, value, described: Described) -> dict:
        fields = _fields(value) or {}
        if described.fields is not None:
            extra = set(fields) - described.fields - described.hidden
            if extra:
                raise Beyond(f"this {_name(value)} carries attributes its page key does not "
                             f"cover: {', '.join(sorted(extra))}")
        return fields

    def _plain_object(self, node, value) -> int:
        hooks = self._hook_names(type(value), HOOKS)
        if hooks:
            raise Beyond(f"{_name(value)} defines {', '.join(hooks)}: Python code the page "
                         "key cannot see into")
        fields = _fields(value)
        deepest = 0
        for step, child in node.steps.items():
            if step in MARKERS or step in (ITEM, CALL):
                raise Beyond(_use(step, value))
            name = _step_name(step)
            if name in fields:
                if name == "_context":
                    raise Beyond(f"it reads {_name(value)}._context (the whole site)")
                field_value = fields[name]
                if name != "settings" and type(field_value) not in _ATOM_TYPES:
                    deepest = max(deepest, self._walk(child, field_value))
                continue
            attribute = self._static(type(value), name)
            if attribute is _MISSING:
                continue
            if _is_code(attribute):
                raise Beyond(f"{_name(value)}.{name} is Python code the page key cannot "
                             "see into")
            deepest = max(deepest, self._walk(child, attribute))  # a class constant
        return 1 + deepest

    # -- values used whole -------------------------------------------------------

    def _mark(self, value, marker: str, depth: int = 0) -> int:
        """``value`` printed, compared or computed with (SHOW), or handed to code the
        analysis does not know (HANDED): everything in it is read."""
        if type(value) in _ATOM_TYPES:
            return 0
        kind, _, costly = self.kind_of(value)
        if kind == ATOM or kind == OPAQUE:
            return 0
        if kind <= SET:
            if depth > MAX_NESTING:
                raise Beyond(f"it uses whole a value nested more than {MAX_NESTING} deep")
            return max((self._mark(item, marker, depth + 1)
                        for item in self._items(value, kind)),
                       default=0)
        if kind == CODE:
            if marker == SHOW:
                return 0
            raise Beyond(f"it hands {getattr(value, '__qualname__', value)} to code the "
                         "analysis does not know")
        key = (marker, id(value))
        found = self._marked.get(key)
        if found is None:
            try:
                found = self._mark_object(value, kind, costly, marker, depth)
            except Beyond as err:
                found = str(err)
            self._marked[key] = found
            self._alive.append(value)
        if type(found) is str:
            raise Beyond(found)
        return found

    def _mark_object(self, value, kind: int, costly: bool, marker: str, depth: int) -> int:
        if kind == VALUE:
            # A value holding objects is printed or compared field by field (what a
            # dataclass makes); its own code for that could read anything.
            if self._is_flat(value):
                return 0
            hooks = self._hook_names(type(value), HOOKS + _MARK_HOOKS.get(marker, ()))
            if marker == HANDED or hooks:
                raise Beyond(f"it hands a whole {_name(value)}, which holds objects, to "
                             "Python code the page key cannot see into")
            if depth > MAX_NESTING:
                raise Beyond(f"it uses whole a value nested more than {MAX_NESTING} deep")
            return max((self._mark(getattr(value, f.name), marker, depth + 1)
                        for f in dataclasses.fields(value)), default=0)
        if kind == SPECIAL:
            described = self._description(type(value))
            if described.whole or (marker == SHOW and described.shown) or (
                    marker == COMPARE and described.compared):
                self._checked_fields(value, described)
                return 1 if costly else 0
        raise Beyond(_use(marker, value))

    # -- types -------------------------------------------------------------------

    def _description(self, kind: type) -> Described:
        if kind not in self._descriptions:
            if hasattr(kind, "__fingerprint__"):
                found = WHOLE
            else:
                found = next((d for t, d in self.described.items() if issubclass(kind, t)),
                             None)
            self._descriptions[kind] = found
        found = self._descriptions[kind]
        if found is None:
            raise Beyond(f"{kind.__qualname__} is hashed its own way with no description "
                         "of what that covers")
        return found

    def _hook_names(self, kind: type, hooks: tuple) -> tuple[str, ...]:
        """The hooks ``kind`` defines itself: not inherited from ``object``, not made
        by ``dataclass`` from the fields."""
        key = (kind, hooks)
        found = self._hooks.get(key)
        if found is None:
            found = self._hooks[key] = tuple(
                h for h in hooks
                if any(h in k.__dict__ and k.__dict__[h] is not None
                       and not _generated(k.__dict__[h]) for k in kind.__mro__[:-1]))
        return found

    def _is_flat(self, value) -> bool:
        """A value holding plain values only, however deep (memoised per object)."""
        key = id(value)
        found = self._flat.get(key)
        if found is None:
            found = self._flat[key] = self._holds_no_objects(value)
            self._alive.append(value)
        return found

    def _holds_no_objects(self, value, depth: int = 0) -> bool:
        if type(value) in _ATOM_TYPES:
            return True
        kind = self.kind_of(value)[0]
        if kind in (ATOM, CODE, OPAQUE):
            return True
        if kind <= SET:
            return depth <= MAX_NESTING and all(
                self._holds_no_objects(v, depth + 1) for v in self._items(value, kind))
        if kind == VALUE:
            return depth <= MAX_NESTING and all(
                self._holds_no_objects(getattr(value, f.name), depth + 1)
                for f in dataclasses.fields(value))
        return False
