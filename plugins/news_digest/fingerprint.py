"""Fingerprints of what a template is given: equal fingerprints, equal pages.

Pure module (no Pelican import). A page can be reused from the previous build
when everything its template reads is unchanged. ``Fingerprints.of(value, depth)``
hashes a value the way a template can see it: plain values by their ``repr``,
containers item by item, and objects by their attributes, following references
to other objects ``depth`` levels deep (a story's related stories, their
edition, ...); below that only an object's type counts. Templates reach two
levels (``article.related_stories[0].title``), builds use three.

Objects referencing each other (editions, neighbouring stories) are hashed once
per depth and build (``_memo``), so fingerprinting a whole digest stays linear.
A value whose ``repr`` names a memory address cannot be compared across builds:
``Unfingerprintable`` is raised and the page is rendered.
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
CONTAINERS = (Mapping, list, tuple, set, frozenset)
_ATOM_TYPES = frozenset(ATOMS)  # exact types: a set lookup before isinstance
SEP = "\x1f"  # never inside a repr of a string: repr escapes control characters


class Unfingerprintable(ValueError):
    """The value cannot be compared across builds (e.g. its repr is an address)."""


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class Fingerprints:
    """Fingerprints for one build. ``special`` maps a type to a function
    ``(value, depth, fingerprints) -> str`` for values hashed their own way."""

    def __init__(self, special: Mapping[type, Callable] | None = None):
        self.special = dict(special or {})
        self._memo: dict[tuple[int, int], str] = {}
        # id -> fingerprint of a container of plain values, or of an object's plain
        # attributes: the same at every depth, so worked out once.
        self._flat: dict[int, str] = {}
        self._alive: list = []  # keeps memoised objects alive, so ids stay theirs

    def of(self, value, depth: int) -> str:
        if type(value) in _ATOM_TYPES or isinstance(value, ATOMS):
            return repr(value)  # for str subclasses (Markup) too: the text is what counts
        found = self._flat.get(id(value))
        if found is not None:
            return found
        if depth < 0 and not isinstance(value, CONTAINERS):
            return f"<{type(value).__qualname__}>"  # too deep to matter to a template
        key = (id(value), depth)
        found = self._memo.get(key)
        if found is None:
            text, flat = self._describe(value, depth)
            found = _digest(text)
            if flat:
                self._flat[id(value)] = found
            else:
                self._memo[key] = found
            self._alive.append(value)
        return found

    def _describe(self, value, depth: int) -> tuple[str, bool]:
        """The text hashed for ``value``, and whether it is the same at any depth."""
        kind = type(value)
        if isinstance(value, Mapping):
            items = sorted((repr(k), v) for k, v in value.items())
            flat = all(isinstance(v, ATOMS) for _, v in items)
            return "{" + SEP.join(f"{k}:{self.of(v, depth)}" for k, v in items), flat
        if isinstance(value, CONTAINERS):
            parts = [self.of(v, depth) for v in value]
            flat = all(isinstance(v, ATOMS) for v in value)
            if isinstance(value, set | frozenset):
                return "(" + SEP.join(sorted(parts)), flat
            return "[" + SEP.join(parts), flat
        if callable(value) and hasattr(value, "__qualname__"):
            return f"<{getattr(value, '__module__', '?')}.{value.__qualname__}>", True
        for special_type, describe in self.special.items():
            if isinstance(value, special_type):
                return f"{kind.__qualname__}{SEP}{describe(value, depth, self)}", False
        fields = _fields(value)
        if fields is None:
            text = repr(value)
            if " at 0x" in text:
                raise Unfingerprintable(f"{kind.__qualname__} cannot be compared: {text}")
            return text, False
        others = [name for name, item in fields.items()
                  if name not in SKIPPED and not isinstance(item, ATOMS)]
        return kind.__qualname__ + SEP + self.attributes(fields, depth), not others

    def attributes(self, fields: Mapping, depth: int, skip: frozenset = SKIPPED) -> str:
        """An object's attributes (but ``skip``), each followed one level less deep.

        ``fields`` is the object's ``vars``: its plain attributes (text, numbers,
        dates) are hashed once, whatever the depth.
        """
        plain = self._flat.get(id(fields))
        if plain is None:
            plain = self._flat[id(fields)] = _digest(SEP.join(
                f"{name}={item!r}" for name, item in sorted(fields.items())
                if name not in skip and isinstance(item, ATOMS)))
            self._alive.append(fields)
        return plain + SEP + SEP.join(
            f"{name}={self.of(item, depth - 1)}" for name, item in sorted(fields.items())
            if name not in skip and not isinstance(item, ATOMS))


def _fields(value) -> dict | None:
    if dataclasses.is_dataclass(value) and not hasattr(value, "__dict__"):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    try:
        return vars(value)
    except TypeError:
        return None
