"""Fingerprints of what a template is given: equal fingerprints, equal pages.

Pure module (no Pelican import). A page can be reused from the previous build
when everything its template reads is unchanged. ``Fingerprints.of(value, budget)``
hashes a value the way a template can see it: plain values by their ``repr`` (a
story's text, in attributes and value objects, by its length and itself);
containers and value objects (frozen dataclasses: a credit, a topic) item by item
as part of their owner; other objects (a story, an edition) by their attributes,
each such object entered costing one of ``budget``; with none left, only an
object's type counts. ``article.related_stories[0].title`` enters two objects
(the stock theme reaches no deeper): builds give each name a budget of two, or as
many as its template's paths enter on the page (``reach.py``).

Objects referencing each other (editions, neighbouring stories) are hashed once
per budget and build (``_memo``); values holding no objects once per build
(``_flat``); containers within what holds them: fingerprinting a whole digest
stays linear. A value whose ``repr``
names a memory address cannot be compared across builds: ``Unfingerprintable``
is raised and the page is rendered.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import hashlib
from collections.abc import Callable, Mapping
from types import MappingProxyType

from ..errors import Unfingerprintable

# Attributes that are not the object's own data: Pelican's whole-site context and
# the settings (the cache key already covers every setting).
SKIPPED = frozenset({"_context", "settings"})
ATOMS = (str, int, float, bool, bytes, datetime.date, datetime.time, datetime.timedelta,
         decimal.Decimal, type(None))
_ATOM_TYPES = frozenset(ATOMS)  # exact types: a set lookup before isinstance
SEP = "\x1f"  # never inside a repr of a string: repr escapes control characters


def digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


# What a type is to a fingerprint (worked out once per type); containers first.
MAPPING, SEQUENCE, SET, ATOM, CODE, SPECIAL, VALUE, OBJECT, OPAQUE = range(9)
_UNSET = object()
_CONTAINER_MARKS = ("{" + SEP, "[" + SEP, "(" + SEP)  # by kind: MAPPING, SEQUENCE, SET


class Fingerprints:
    """Fingerprints for one build. ``special`` maps a type to a function
    ``(value, budget, fingerprints) -> str`` for values hashed their own way (which
    decides what entering the value costs); of those, ``flat`` types hold no
    objects and ``costly`` ones are objects (nothing is left of them out of reach)."""

    def __init__(self, special: Mapping[type, Callable] | None = None,
                 flat: tuple[type, ...] = (), costly: tuple[type, ...] = ()):
        self.special = dict(special or {})
        self.flat_types, self.costly_types = flat, costly
        self._kinds: dict[type, tuple[int, Callable | None, bool]] = {}
        self._memo: dict[int, str] = {}  # id(value) << 4 | budget -> fingerprint
        self._flat: dict[int, str] = {}  # id -> fingerprint of a value holding no objects
        # id(vars) -> plain part, names and values of the others (two tuples: a pair
        # per attribute cost 56 bytes more: about 7 MB at 10,000 stories)
        self._split: dict[int, tuple[str, tuple, tuple]] = {}
        self._alive: list = []  # keeps memoised objects alive, so ids stay theirs
        self._stood_in: dict[int, str] = {}  # id(vars) -> its values standing in (below)
        self._within: dict[type, Callable | None] = {}  # type -> its __fingerprint_in__
        # source path -> the text its reader gave (a glue sets it: ``note_texts_read``)
        self.texts_read: dict[str, object] = {}

    def let_go(self) -> None:
        """Forget every fingerprint worked out (and the objects kept for them): the
        build's keys are all made."""
        for memo in (self._memo, self._flat, self._split, self._alive, self._stood_in,
                     self.texts_read):
            memo.clear()

    def _kind(self, value) -> tuple[int, Callable | None, bool]:
        """(kind, special function, entering it costs budget) for ``value``'s type."""
        kind = type(value)
        found = self._kinds.get(kind)
        if found is None:
            special = next((f for t, f in self.special.items() if issubclass(kind, t)), None)
            if special is None and hasattr(kind, "__fingerprint__"):
                special = _own_fingerprint
            if isinstance(value, ATOMS):
                found = (ATOM, None, False)
            elif isinstance(value, Mapping):
                found = (MAPPING, None, False)
            elif isinstance(value, list | tuple):
                found = (SEQUENCE, None, False)
            elif isinstance(value, set | frozenset):
                found = (SET, None, False)
            elif callable(value) and hasattr(value, "__qualname__"):
                found = (CODE, None, False)
            elif special is not None:
                found = (SPECIAL, special, issubclass(kind, self.costly_types))
            elif _fields(value) is None:
                found = (OPAQUE, None, False)
            elif _is_value(value):
                found = (VALUE, None, False)
            else:
                found = (OBJECT, None, True)
            self._kinds[kind] = found
        return found

    def kind_of(self, value) -> tuple[int, Callable | None, bool]:
        """(kind, special function, entering it costs budget): how ``value`` counts."""
        return self._kinds.get(type(value)) or self._kind(value)

    def of(self, value, budget: int) -> str:
        if not 0 <= budget < 16:  # the memo's key holds it in four bits
            raise ValueError(f"a budget of {budget} objects: 0 to 15 only")
        return self._of(value, budget)[0]

    def _of(self, value, budget: int) -> tuple[str, bool]:
        """(fingerprint, holds no objects). Objects and values are worked out once per
        build (per budget, unless they hold no objects); a container is described
        each time it is met: its owner is worked out once, and containers made for
        one page are not kept alive for the whole build."""
        if type(value) in _ATOM_TYPES:
            return repr(value), True
        kind, special, costly = self._kinds.get(type(value)) or self._kind(value)
        if kind == ATOM:
            return repr(value), True  # str subclasses (Markup): the text is what counts
        found = self._flat.get(id(value))
        if found is not None:
            return found, True
        if kind <= SET:
            text, flat = self._container(value, kind, budget)
            found = digest(_CONTAINER_MARKS[kind] + text)  # which kind: a walk tells them apart
            if flat:  # the same wherever it is met again (kept alive: ids stay unique)
                self._flat[id(value)] = found
                self._alive.append(value)
            return found, flat
        if costly and budget <= 0:
            return f"<{type(value).__qualname__}>", False  # out of reach: only its type
        key = id(value) << 4 | budget  # one int (0 <= budget < 16: ``of``)
        found = self._memo.get(key)
        if found is not None:
            return found, False
        text, flat = self._describe(value, kind, special, budget)
        found = digest(text)
        if flat:
            self._flat[id(value)] = found
        else:
            self._memo[key] = found
        self._alive.append(value)
        return found, flat

    def _container(self, value, kind: int, budget: int) -> tuple[str, bool]:
        if kind == MAPPING:
            items = sorted((repr(k), v) for k, v in value.items())
            if _ATOM_TYPES.issuperset(map(type, value.values())):
                return repr(items), True  # plain values only: repr says it all
            of = self._of
            found = [(k, (repr(v), True) if type(v) in _ATOM_TYPES else of(v, budget))
                     for k, v in items]
            return ("{" + SEP.join([f"{k}:{fp}" for k, (fp, _) in found]),
                    all(flat for _, (_, flat) in found))
        if _ATOM_TYPES.issuperset(map(type, value)):  # plain items: no call for each
            text = repr(sorted(value, key=repr) if kind == SET else tuple(value))
            return text, True
        of = self._of
        found = [(repr(v), True) if type(v) in _ATOM_TYPES else of(v, budget) for v in value]
        parts = sorted(fp for fp, _ in found) if kind == SET else [fp for fp, _ in found]
        return "[" + SEP.join(parts), all(flat for _, flat in found)

    def _describe(self, value, kind: int, special, budget: int) -> tuple[str, bool]:
        """The text hashed for ``value``, and whether it holds no objects (then it is
        the same whatever the budget)."""
        name = type(value).__qualname__
        if kind == CODE:
            return f"<{getattr(value, '__module__', '?')}.{value.__qualname__}>", True
        if kind == SPECIAL:
            if special is _own_fingerprint:  # holding no objects: once per build
                found, flat = self._of(value.__fingerprint__(), budget)
                return f"{name}{SEP}{found}", flat
            return f"{name}{SEP}{special(value, budget, self)}", isinstance(value,
                                                                          self.flat_types)
        if kind == OPAQUE:
            text = repr(value)
            if " at 0x" in text:
                raise Unfingerprintable(f"{name} cannot be compared: {text}")
            return f"{name}{SEP}{text}", True  # its type too: a walk refuses reading into it
        if kind == VALUE:  # part of its owner: costs nothing
            return self._value(value, name, budget)
        return f"{name}{SEP}{self.entered(_fields(value), budget)}", False

    def _value(self, value, name: str, budget: int) -> tuple[str, bool]:
        """A frozen dataclass: its fields in their declared order."""
        names = _VALUE_FIELDS.get(type(value))
        if names is None:
            names = _VALUE_FIELDS[type(value)] = tuple(
                f.name for f in dataclasses.fields(value) if f.name not in SKIPPED)
        items = [getattr(value, field) for field in names]
        if _ATOM_TYPES.issuperset(map(type, items)):
            return SEP.join([name, *map(_text, items)]), True
        of = self._of
        found = [(_text(v), True) if type(v) in _ATOM_TYPES else of(v, budget) for v in items]
        return SEP.join([name, *(fp for fp, _ in found)]), all(flat for _, flat in found)

    def stand_ins(self, owner, fields: Mapping) -> frozenset:
        """The attributes of ``owner`` (its ``vars``, ``fields``) whose value says, with
        ``__fingerprint_in__(owner)``, what it adds to a key that covers ``owner``'s
        other attributes (JSON-LD made of its story's headline, credit and
        description: walking it again was a fifth of a story's fingerprint). What it
        says must hold no objects (it then counts the same at any depth); they are
        left out of ``owner``'s attributes and it stands in for them (``stood_in``).
        Called once per owner and build, as its attributes are split."""
        found, within = [], self._within
        for name, value in fields.items():
            kind = type(value)
            method = within.get(kind, _UNSET)
            if method is _UNSET:
                method = within[kind] = getattr(kind, "__fingerprint_in__", None)
            if method is None:
                continue
            said = method(value, owner)
            if said is None:
                continue
            text, flat = self._of(said, 0)
            if flat:
                found.append(f"{name}={kind.__qualname__}{SEP}{text}")
        if not found:
            return frozenset()
        found.sort()
        self._stood_in[id(fields)] = SEP.join(found)
        return frozenset(part.partition("=")[0] for part in found)

    def stood_in(self, fields: Mapping) -> str:
        """What ``stand_ins`` found for the object whose ``vars`` are ``fields``."""
        return self._stood_in.get(id(fields), "")

    def entered(self, fields: Mapping, budget: int,
                skip: frozenset | Callable[[], frozenset] = SKIPPED) -> str:
        """An object's attributes (``vars``) as seen when entering it: one of the
        budget spent, or only its type when none is left."""
        if budget <= 0:
            return "<out of reach>"
        return self.attributes(fields, budget - 1, skip)

    def attributes(self, fields: Mapping, budget: int,
                   skip: frozenset | Callable[[], frozenset] = SKIPPED) -> str:
        """An object's attributes (``vars``) but ``skip`` (or what it returns: called
        only the first time the object is met); the plain ones (text, numbers,
        dates) are hashed once per object, whatever the budget."""
        split = self._split.get(id(fields))
        if split is None:
            if callable(skip):
                skip = skip()
            # One pass over the names, in order (a story has forty-odd attributes):
            # the same text as sorting the pairs and splitting them in two passes,
            # about a third less time (0.25 s of a day at 30,000 stories).
            plain, names, values = [], [], []
            for name in sorted(fields.keys() - skip):
                value = fields[name]
                if type(value) in _ATOM_TYPES or isinstance(value, ATOMS):
                    plain.append(f"{name}={_text(value)}")
                else:
                    names.append(name)
                    values.append(value)
            split = self._split[id(fields)] = (digest(SEP.join(plain)), tuple(names),
                                               tuple(values))
            self._alive.append(fields)
        of = self._of
        return split[0] + SEP + SEP.join([f"{k}={of(v, budget)[0]}"
                                          for k, v in zip(split[1], split[2], strict=True)])


def _text(value) -> str:
    """A plain value as text. A string is given by its length and itself: ``repr``
    of a story's body cost three times what hashing it does."""
    return f"{len(value)}:{value}" if isinstance(value, str) else repr(value)


_VALUE_TYPES: dict[type, bool] = {}
_VALUE_FIELDS: dict[type, tuple[str, ...]] = {}
_ALL_FIELDS: dict[type, tuple[str, ...]] = {}


def _is_value(item) -> bool:
    """A frozen dataclass: a value that is part of its owner, not another object."""
    kind = type(item)
    found = _VALUE_TYPES.get(kind)
    if found is None:
        params = getattr(kind, "__dataclass_params__", None)
        found = _VALUE_TYPES[kind] = bool(params is not None and params.frozen)
    return found


def _own_fingerprint(value, budget: int, fingerprints: Fingerprints) -> str:
    """A type that says what it is made of (``__fingerprint__``: JSON-LD made when a
    page prints it) is described by that: whatever a template reads of it must be
    worked out from what it returns, and only from that."""
    return fingerprints.of(value.__fingerprint__(), budget)


MAX_NESTING = 32  # deeper than any value the plugin makes: not judged unchangeable
# Plain values of these exact types cannot change (a subclass may carry attributes).
_UNCHANGEABLE_ATOMS = _ATOM_TYPES | {datetime.datetime}


def is_unchangeable(value, _depth: int = 0) -> bool:
    """What it was when made, it still is, all the way down: a plain value; a tuple
    or frozenset of such; a frozen dataclass whose fields are such; a read-only view
    of a mapping (``types.MappingProxyType``) with plain keys and such values. The
    rule for the view: it stands for a private copy, made by whoever made the view
    and kept by no one else (``seeds.format.Seed`` copies its headers and their line
    numbers so): a view over a dict someone still changes would pass this test and
    be wrong. Anything else (a list, a dict, an object, a frozen dataclass holding a
    dict) may be changed in place, and is not unchangeable."""
    kind = type(value)
    if kind in _UNCHANGEABLE_ATOMS:
        return True
    if _depth > MAX_NESTING:
        return False
    if kind is tuple or kind is frozenset:
        if _UNCHANGEABLE_ATOMS.issuperset(map(type, value)):  # plain items: no call each
            return True
        return all(type(v) in _UNCHANGEABLE_ATOMS or is_unchangeable(v, _depth + 1)
                   for v in value)
    if kind is MappingProxyType:  # plain values inline: no call for each
        if _UNCHANGEABLE_ATOMS.issuperset(map(type, value.keys())) and \
                _UNCHANGEABLE_ATOMS.issuperset(map(type, value.values())):
            return True
        return all(type(k) in _UNCHANGEABLE_ATOMS and (
            type(v) in _UNCHANGEABLE_ATOMS or is_unchangeable(v, _depth + 1))
            for k, v in value.items())
    if _is_value(value):
        names = _ALL_FIELDS.get(kind)
        if names is None:
            names = _ALL_FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
        for name in names:
            field = getattr(value, name)
            if type(field) not in _UNCHANGEABLE_ATOMS and not is_unchangeable(field,
                                                                               _depth + 1):
                return False
        return True
    return False


def _fields(value) -> dict | None:
    fields = getattr(value, "__dict__", None)
    if type(fields) is dict:  # vars(value), without its checks
        return fields
    if dataclasses.is_dataclass(value) and not hasattr(value, "__dict__"):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    try:
        return vars(value)
    except TypeError:
        return None
