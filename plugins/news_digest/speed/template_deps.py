"""Which context names a template can read, and a hash of its source.

Pure module (Jinja only). A page depends on the values of the names its template
(with every template it extends, includes or imports) reads from the context,
and on the source of those templates. Jinja's ``meta`` finds both statically.
A template naming another one by a variable (``{% include name %}``) cannot be
followed: ``TemplateDeps.of`` returns None for it, and its pages are always
rendered.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from jinja2 import meta
from jinja2.exceptions import TemplateNotFound


@dataclass(frozen=True)
class Dependencies:
    names: tuple[str, ...]  # sorted context names the templates read
    source: str  # hash of the sources of the template and all it references


class TemplateDeps:
    """Dependencies of templates in one Jinja environment, worked out once each."""

    def __init__(self, environment):
        self.environment = environment
        self._own: dict[str, tuple[frozenset, tuple, str] | None] = {}
        self._total: dict[str, Dependencies | None] = {}

    def of(self, name: str) -> Dependencies | None:
        if name not in self._total:
            self._total[name] = self._collect(name)
        return self._total[name]

    def _collect(self, name: str) -> Dependencies | None:
        names: set[str] = set()
        sources = hashlib.blake2b(digest_size=16)
        seen, todo = set(), [name]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            own = self._parse(current)
            if own is None:
                return None
            read, referenced, source = own
            names |= read
            sources.update(f"{current}\0{source}\0".encode())
            todo.extend(referenced)
        return Dependencies(tuple(sorted(names)), sources.hexdigest())

    def _parse(self, name: str) -> tuple[frozenset, tuple, str] | None:
        if name not in self._own:
            try:
                source, _, _ = self.environment.loader.get_source(self.environment, name)
            except TemplateNotFound:
                self._own[name] = None
                return None
            tree = self.environment.parse(source)
            referenced = tuple(meta.find_referenced_templates(tree))
            if any(r is None for r in referenced):
                self._own[name] = None  # a template chosen at render time
            else:
                digest = hashlib.blake2b(source.encode("utf-8"), digest_size=16).hexdigest()
                self._own[name] = (frozenset(meta.find_undeclared_variables(tree)),
                                   referenced, digest)
        return self._own[name]
