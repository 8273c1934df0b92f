"""The objects a template's paths enter on a page's values, counted.

Pure module (no Pelican import; stage: speed): the part of ``reach`` that walks a
path tree on a value and counts the objects it enters as ``fingerprint.py`` counts
them: plain values, containers and value objects (frozen dataclasses) cost nothing,
other objects one each (described types: ``reach_described``). Along the way it
refuses (``Beyond``) what no budget covers: code run on an object (a property, a
method, a hook: ``reach_types``), an object printed, compared or handed whole to
unknown code, ``_context`` (the whole site). Walks are memoised per (path node,
object) for the build, refusals too.
"""

from __future__ import annotations

import dataclasses

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
from .reach_types import (
    COMPARE_HOOKS,
    HOOKS,
    MISSING,
    TEXT_HOOKS,
    is_code,
    refused_use,
    step_name,
    type_name,
)
from .template_refs import CALL, COMPARE, HANDED, ITEM, MARKERS, SHOW

_MARK_HOOKS = {SHOW: TEXT_HOOKS, COMPARE: COMPARE_HOOKS}
# Methods of dicts and lists whose result is one of their values, or plain.
_TO_VALUES = frozenset({"get", "values", "pop", "setdefault"})
_PLAIN_METHODS = frozenset({"index", "count", "keys"})


class ObjectWalks:
    """The walks of ``reach.Reach`` (a mixin: memoised in ``_memo`` and ``_marked``,
    the objects memoised by id kept alive in ``_alive``)."""

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
        key = id(node) << 64 | id(value)  # one int (Reach._memo)
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

    def _container(self, node, value, kind: int) -> int:
        deepest = 0
        memo = self._memo
        for step, child in node.steps.items():
            if step == ITEM:
                below = id(child) << 64
                for item in self._items(value, kind):
                    if type(item) not in _ATOM_TYPES:
                        found = memo.get(below | id(item))  # the common case, inline
                        if type(found) is not int:
                            found = self._walk(child, item)
                        if found > deepest:
                            deepest = found
            elif step in MARKERS:
                deepest = max(deepest, self._mark(value, step))
            elif step == CALL:
                raise Beyond(refused_use(step, value))
            else:
                deepest = max(deepest, self._container_attribute(child, value, kind, step))
        return deepest

    def _container_attribute(self, child, value, kind: int, step) -> int:
        name, subscript = step_name(step), type(step) is tuple
        method = self._static(type(value), name)
        if kind == MAPPING and (subscript or method is MISSING):
            if name in value:  # x["y"] and x.y of a dict: the item
                return self._walk(child, value[name])
            if method is MISSING:
                return 0  # undefined: nothing read
        if method is MISSING:
            return 0
        fields = getattr(type(value), "_fields", None)  # a named tuple's field: an item
        if isinstance(fields, tuple) and name in fields:
            return self._walk(child, getattr(value, name))
        if not callable(method):
            raise Beyond(f"{type_name(value)}.{name} is Python code the page key cannot see into")
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
        raise Beyond(f"it calls {type_name(value)}.{name}()")

    def _object(self, node, value, kind: int, costly: bool) -> int:
        if kind == CODE:
            if any(step != SHOW for step in node.steps):
                raise Beyond(f"it calls or reads into {getattr(value, '__qualname__', value)}: "
                             "Python code the page key cannot see into")
            return 0
        if kind == OPAQUE:
            if any(step not in MARKERS for step in node.steps):
                raise Beyond(f"it reads into a {type_name(value)}, which its key knows by its "
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
            raise Beyond(f"{type_name(value)} defines {self._hook_names(type(value), HOOKS)} "
                         "and holds objects")
        deepest = 0
        for step, child in node.steps.items():
            if step in MARKERS:
                deepest = max(deepest, self._mark(value, step))
                continue
            name = step_name(step)
            if step not in (ITEM, CALL) and name in names:
                field_value = getattr(value, name)
                if type(field_value) not in _ATOM_TYPES:
                    deepest = max(deepest, self._walk(child, field_value))
                continue
            if step not in (ITEM, CALL) and name not in vars(value) and \
                    self._static(type(value), name) is MISSING:
                continue  # undefined: nothing read
            if not self._is_flat(value):
                raise Beyond(f"{type_name(value)}{'.' + name if step not in (ITEM, CALL) else step}"
                             " is Python code over objects the page key may not cover")
        return deepest

    def _plain_object(self, node, value) -> int:
        hooks = self._hook_names(type(value), HOOKS)
        if hooks:
            raise Beyond(f"{type_name(value)} defines {', '.join(hooks)}: Python code the page "
                         "key cannot see into")
        fields = _fields(value)
        deepest = 0
        for step, child in node.steps.items():
            if step in MARKERS or step in (ITEM, CALL):
                raise Beyond(refused_use(step, value))
            name = step_name(step)
            if name in fields:
                if name == "_context":
                    raise Beyond(f"it reads {type_name(value)}._context (the whole site)")
                field_value = fields[name]
                if name != "settings" and type(field_value) not in _ATOM_TYPES:
                    deepest = max(deepest, self._walk(child, field_value))
                continue
            attribute = self._static(type(value), name)
            if attribute is MISSING:
                continue
            if is_code(attribute):
                raise Beyond(f"{type_name(value)}.{name} is Python code the page key cannot "
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
                raise Beyond(f"it hands a whole {type_name(value)}, which holds objects, to "
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
        raise Beyond(refused_use(marker, value))
