"""Fingerprints of what a template is given: equal fingerprints, equal pages.

Pure module (no Pelican import). A page can be reused from the previous build
when everything its template reads is unchanged. ``Fingerprints.of(value, budget)``
hashes a value the way a template can see it: plain values by their ``repr``;
containers and value objects (frozen dataclasses: a credit, a topic) item by item
as part of their owner; other objects (a story, an edition) by their attributes,
each such object entered costing one of ``budget``; with none left, only an
object's type counts. ``article.related_stories[0].edition.title`` enters three
objects: builds give each name a budget of three.

Objects referencing each other (editions, neighbouring stories) are hashed once
per budget and build (``_memo``); values holding no objects once per build
(``_flat``): fingerprinting a whole digest stays linear. A value whose ``repr``
names a memory address cannot be compared across builds: ``Unfingerprintable``
is raised and the page is rendered.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import hashlib
from collections.abc import Callable, Mapping

# Attributes that are not the object's own data: Pelican's whole-site context and
# the settings (the cache key already covers every setting).
SKIPPED = frozenset({"_context", "settings"})
ATOMS = (str, int, float, bool, bytes, datetime.date, datetime.time, datetime.timedelta,
         decimal.Decimal, type(None))
_ATOM_TYPES = frozenset(ATOMS)  # exact types: a set lookup before isinstance
SEP = "\x1f"  # never inside a repr of a string: repr escapes control characters


class Unfingerprintable(ValueError):
    """The value cannot be compared across builds (e.g. its repr is an address)."""


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class Fingerprints:
    """Fingerprints for one build. ``special`` maps a type to a function
    ``(value, budget, fingerprints) -> str`` for values hashed their own way (which
    decides what entering the value costs); of those, ``flat`` types hold no
    objects and ``costly`` ones are objects (nothing is left of them out of reach)."""

    def __init__(self, special: Mapping[type, Callable] | None = None,
                 flat: tuple[type, ...] = (), costly: tuple[type, ...] = ()):
        self.special = dict(special or {})
        self.flat_types, self.costly_types = flat, costly
        self._costs: dict[type, bool] = {}
        self._memo: dict[tuple[int, int], str] = {}
        self._flat: dict[int, str] = {}  # id -> fingerprint of a value holding no objects
        self._alive: list = []  # keeps memoised objects alive, so ids stay theirs

    def of(self, value, budget: int) -> str:
        if type(value) in _ATOM_TYPES or isinstance(value, ATOMS):
            return repr(value)  # for str subclasses (Markup) too: the text is what counts
        found = self._flat.get(id(value))
        if found is not None:
            return found
        if budget <= 0 and self._is_object(value):
            return f"<{type(value).__qualname__}>"  # out of reach: only its type counts
        key = (id(value), budget)
        found = self._memo.get(key)
        if found is None:
            text, flat = self._describe(value, budget)
            found = _digest(text)
            if flat:
                self._flat[id(value)] = found
            else:
                self._memo[key] = found
            self._alive.append(value)
        return found

    def _is_object(self, value) -> bool:
        """Does entering ``value`` cost budget (a story, an edition; not a container,
        a value object or a special type that is not ``costly``)?"""
        kind = type(value)
        found = self._costs.get(kind)
        if found is None:
            found = issubclass(kind, self.costly_types) or not (
                issubclass(kind, Mapping | list | tuple | set | frozenset)
                or callable(value) or _is_value(value)
                or any(issubclass(kind, t) for t in self.special)
                or _fields(value) is None)
            self._costs[kind] = found
        return found

    def _flat_all(self, items) -> bool:
        return all(isinstance(v, ATOMS) or id(v) in self._flat for v in items)

    def _describe(self, value, budget: int) -> tuple[str, bool]:
        """The text hashed for ``value``, and whether it holds no objects (then it is
        the same whatever the budget)."""
        kind = type(value)
        if isinstance(value, Mapping):
            items = sorted((repr(k), v) for k, v in value.items())
            text = "{" + SEP.join(f"{k}:{self.of(v, budget)}" for k, v in items)
            return text, self._flat_all(v for _, v in items)
        if isinstance(value, list | tuple | set | frozenset):
            parts = [self.of(v, budget) for v in value]
            if isinstance(value, set | frozenset):
                parts.sort()
            return "[" + SEP.join(parts), self._flat_all(value)
        if callable(value) and hasattr(value, "__qualname__"):
            return f"<{getattr(value, '__module__', '?')}.{value.__qualname__}>", True
        for special_type, describe in self.special.items():
            if isinstance(value, special_type):
                text = f"{kind.__qualname__}{SEP}{describe(value, budget, self)}"
                return text, isinstance(value, self.flat_types)
        fields = _fields(value)
        if fields is None:
            text = repr(value)
            if " at 0x" in text:
                raise Unfingerprintable(f"{kind.__qualname__} cannot be compared: {text}")
            return text, True
        if _is_value(value):  # part of its owner: costs nothing
            text = self.attributes(fields, budget)
            return f"{kind.__qualname__}{SEP}{text}", self._flat_all(fields.values())
        return f"{kind.__qualname__}{SEP}{self.entered(fields, budget)}", False

    def entered(self, fields: Mapping, budget: int, skip: frozenset = SKIPPED) -> str:
        """An object's attributes (``vars``) as seen when entering it: one of the
        budget spent, or only its type when none is left."""
        if budget <= 0:
            return "<out of reach>"
        return self.attributes(fields, budget - 1, skip)

    def attributes(self, fields: Mapping, budget: int, skip: frozenset = SKIPPED) -> str:
        """An object's attributes (``vars``) but ``skip``; the plain ones (text,
        numbers, dates) are hashed once per object, whatever the budget."""
        plain = self._flat.get(id(fields))
        if plain is None:
            plain = self._flat[id(fields)] = _digest(SEP.join(
                f"{name}={item!r}" for name, item in sorted(fields.items())
                if name not in skip and isinstance(item, ATOMS)))
            self._alive.append(fields)
        return plain + SEP + SEP.join(
            f"{name}={self.of(item, budget)}" for name, item in sorted(fields.items())
            if name not in skip and not isinstance(item, ATOMS))


_VALUE_TYPES: dict[type, bool] = {}


def _is_value(item) -> bool:
    """A frozen dataclass: a value that is part of its owner, not another object."""
    kind = type(item)
    found = _VALUE_TYPES.get(kind)
    if found is None:
        params = getattr(kind, "__dataclass_params__", None)
        found = _VALUE_TYPES[kind] = bool(params is not None and params.frozen)
    return found


def _fields(value) -> dict | None:
    if dataclasses.is_dataclass(value) and not hasattr(value, "__dict__"):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    try:
        return vars(value)
    except TypeError:
        return None
