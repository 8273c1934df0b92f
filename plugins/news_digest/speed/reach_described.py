"""What the description of a type hashed its own way covers, for the walk.

Pure module (no Pelican import; stage: speed): the part of ``reach`` that walks the
types ``fingerprint.py`` describes its own way (Pelican's content, paginators, URL
wrappers: ``page_descriptions.DESCRIBED`` says what each description covers), or that
describe themselves (``__fingerprint__``). An attribute the description covers is
walked on; one it leaves out, an attribute it does not know of, a property or method
it does not vouch for, or the object used whole when the description does not cover
that, is a read no page key covers (``Beyond``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Beyond
from .fingerprint import _ATOM_TYPES, _fields
from .reach_types import MISSING, refused_use, step_name, type_name
from .template_refs import CALL, COMPARE, ITEM, MARKERS, SHOW

_NOT_NAMES = frozenset({ITEM, CALL, *MARKERS})


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


class DescribedTypes:
    """The described types of ``reach.Reach`` (a mixin: it walks on with ``_walk``,
    memoised in ``_memo``)."""

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
                raise Beyond(f"it reads {type_name(value)}.{name}, which the page key leaves out")
            field_value = fields.get(name, MISSING)
            if field_value is MISSING:
                if name in described.computed or self._static(type(value), name) is MISSING:
                    continue  # worked out from covered data, or undefined
                raise Beyond(f"{type_name(value)}.{name} is Python code the page key cannot "
                             "see into")
            if type(field_value) not in _ATOM_TYPES and name != "settings":
                found = memo.get(id(child) << 64 | id(field_value))
                if type(found) is not int:
                    found = self._walk(child, field_value)
                if found > deepest:
                    deepest = found
        for step, child in others:
            if step == SHOW and described.shown or step == COMPARE and described.compared:
                continue
            if step in MARKERS or step in (ITEM, CALL):
                raise Beyond(refused_use(step, value))
            name = step_name(step)
            if name in described.hidden:
                raise Beyond(f"it reads {type_name(value)}.{name}, which the page key leaves out")
            field_value = fields.get(name, MISSING)
            if field_value is not MISSING:
                if name != "settings" and type(field_value) not in _ATOM_TYPES:
                    found = memo.get(id(child) << 64 | id(field_value))  # settings: in
                    if type(found) is not int:  # the cache folder's key
                        found = self._walk(child, field_value)
                    if found > deepest:
                        deepest = found
                continue
            if name in described.computed:
                continue
            if self._static(type(value), name) is MISSING:
                continue
            raise Beyond(f"{type_name(value)}.{name} is Python code the page key cannot see into")
        return cost + deepest

    def _checked_fields(self, value, described: Described) -> dict:
        fields = _fields(value) or {}
        if described.fields is not None:
            extra = set(fields) - described.fields - described.hidden
            if extra:
                raise Beyond(f"this {type_name(value)} carries attributes its page key does not "
                             f"cover: {', '.join(sorted(extra))}")
        return fields

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

