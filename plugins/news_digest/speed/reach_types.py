"""What the walk of a page's values knows of a type without running its code.

Pure module (no Pelican import; stage: speed): the part of ``reach`` that tells where
Python code could run when a template touches a value, which no page key can see
into: the hooks a type defines itself (attribute hooks, truth, length, iteration,
``+``, calling; printing and comparing), what a type holds as a class attribute (a
method, a property or a constant), and values holding plain values only however deep
("flat": whatever code runs on them reads nothing their owner's key leaves out). Also
how a refusal names what it refuses.
"""

from __future__ import annotations

import dataclasses
import inspect
import operator
from collections.abc import Callable

from .fingerprint import _ATOM_TYPES, ATOM, CODE, MAPPING, MAX_NESTING, OPAQUE, SET, VALUE
from .template_refs import CALL, COMPARE, HANDED, ITEM, SHOW

MISSING = object()
# What Jinja may run on an object without being asked: attribute hooks, truth and
# length, iteration and membership, ``+``, calling it.
HOOKS = ("__getattr__", "__getattribute__", "__bool__", "__len__", "__iter__", "__getitem__",
         "__contains__", "__add__", "__radd__", "__call__")
# What printing a value runs; what comparing it runs.
TEXT_HOOKS = ("__str__", "__html__", "__html_format__", "__format__", "__repr__")
COMPARE_HOOKS = ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__", "__hash__")


def type_name(value) -> str:
    return type(value).__qualname__


def step_name(step) -> str:
    return step[1] if type(step) is tuple else step


_VERBS = {SHOW: "prints", COMPARE: "compares",
          HANDED: "hands to unknown code (a filter, test or function)",
          ITEM: "iterates or subscripts by a variable", CALL: "calls"}


def refused_use(step, value) -> str:
    """Why using ``value`` so is refused, in words."""
    return f"it {_VERBS[step]} a whole {type_name(value)}"


def is_code(attribute) -> bool:
    """A class attribute that runs code when read or called (not a plain constant)."""
    return callable(attribute) or hasattr(type(attribute), "__get__")


def _generated(function) -> bool:
    """A method a dataclass made from its fields (compiled from a string)."""
    code = getattr(getattr(function, "__wrapped__", function), "__code__", None)
    return code is not None and code.co_filename == "<string>"


_FIELD_VALUES: dict[type, Callable] = {}  # a frozen dataclass's fields' values, by type


def _getter(names: tuple[str, ...]) -> Callable:
    """The values of ``names`` of an object, as a tuple, read in one call (C's
    ``attrgetter``, not a ``getattr`` in Python for each field)."""
    if len(names) > 1:
        return operator.attrgetter(*names)
    if names:
        one = operator.attrgetter(names[0])
        return lambda value: (one(value),)
    return lambda value: ()


_PLAIN_CONTAINERS = frozenset({list, tuple, set, frozenset})  # iterated alike each time


class TypeFacts:
    """The type facts of ``reach.Reach`` (a mixin: memoised per type in ``_statics``
    and ``_hooks``, per object in ``_flat``)."""

    def _static(self, kind: type, name: str):
        """What ``kind`` itself has under ``name`` (``MISSING``: nothing)."""
        key = (kind, name)
        found = self._statics.get(key, self._statics)
        if found is self._statics:
            found = self._statics[key] = inspect.getattr_static(kind, name, MISSING)
        return found

    def _items(self, value, kind: int):
        if kind == MAPPING:
            return [*value.values(), *(k for k in value if type(k) not in _ATOM_TYPES)]
        return value

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
            if depth > MAX_NESTING:
                return False
            items = self._items(value, kind)
            # Plain items (a story's paragraphs, a header's lines): no call per item,
            # and none at all from a plain container (its items iterated twice at most).
            if type(items) in _PLAIN_CONTAINERS and _ATOM_TYPES.issuperset(map(type, items)):
                return True
            return all(
                type(v) in _ATOM_TYPES or self._holds_no_objects(v, depth + 1) for v in items)
        if kind == VALUE:
            if depth > MAX_NESTING:
                return False
            fields = _FIELD_VALUES.get(type(value))
            if fields is None:
                fields = _FIELD_VALUES[type(value)] = _getter(tuple(
                    f.name for f in dataclasses.fields(value)))
            items = fields(value)  # every field's value, in one call
            if _ATOM_TYPES.issuperset(map(type, items)):  # plain fields: no call each
                return True
            for field in items:
                if type(field) not in _ATOM_TYPES and not self._holds_no_objects(field,
                                                                                  depth + 1):
                    return False
            return True
        return False
