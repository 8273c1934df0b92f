"""Which context names a template can read, how deep, and a hash of its source.

Pure module (Jinja only). A page depends on the values of the names its template
(with every template it extends, includes or imports) reads from the context,
and on the source of those templates. Jinja's ``meta`` finds both statically;
``template_paths`` works out every path the template can follow from those names
(``Dependencies.reads``), which ``reach.py`` walks on each page's values. A
template whose paths cannot be followed (``{% include name %}``, an unknown
extension tag, ...: ``Dependencies.why``) has its pages always rendered.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from jinja2 import meta
from jinja2.exceptions import TemplateNotFound

from .template_paths import TemplateReads, Unanalysable, template_reads


@dataclass(frozen=True)
class Dependencies:
    names: tuple[str, ...]  # sorted context names the templates read
    source: str  # hash of the sources of the template and all it references
    reads: TemplateReads | None = None  # every path it can follow (None: see ``why``)
    why: str = ""  # why its pages cannot be kept, when they cannot


class TemplateDeps:
    """Dependencies of templates in one Jinja environment, worked out once each."""

    def __init__(self, environment):
        self.environment = environment
        self._own: dict[str, tuple[frozenset, tuple, str] | None] = {}
        self._trees: dict = {}
        self._total: dict[str, Dependencies | None] = {}

    def of(self, name: str) -> Dependencies | None:
        if name not in self._total:
            self._total[name] = self._collect(name)
        return self._total[name]

    def _collect(self, name: str) -> Dependencies | None:
        try:
            self._tree(name)
        except TemplateNotFound:
            return None  # not a template of this environment
        names: set[str] = set()
        sources = hashlib.blake2b(digest_size=16)
        seen, todo = set(), [name]
        why = ""
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            own = self._parse(current)
            if own is None:
                why = why or f"{current} cannot be found, or names a template chosen " \
                    "at render time"
                continue
            read, referenced, source = own
            names |= read
            sources.update(f"{current}\0{source}\0".encode())
            todo.extend(referenced)
        reads = None
        if not why:
            try:
                reads = template_reads(self.environment, name, self._tree)
                names |= reads.roots
            except Unanalysable as err:
                why = f"{name} cannot be analysed: {err}"
        return Dependencies(tuple(sorted(names)), sources.hexdigest(), reads, why)

    def _tree(self, name: str):
        """``name`` parsed (raises TemplateNotFound)."""
        if name not in self._trees:
            source, _, _ = self.environment.loader.get_source(self.environment, name)
            self._trees[name] = self.environment.parse(source)
        return self._trees[name]

    def _parse(self, name: str) -> tuple[frozenset, tuple, str] | None:
        if name not in self._own:
            try:
                source, _, _ = self.environment.loader.get_source(self.environment, name)
            except TemplateNotFound:
                self._own[name] = None
                return None
            tree = self._trees[name] = self.environment.parse(source)
            referenced = tuple(meta.find_referenced_templates(tree))
            if any(r is None for r in referenced):
                self._own[name] = None  # a template chosen at render time
            else:
                digest = hashlib.blake2b(source.encode("utf-8"), digest_size=16).hexdigest()
                self._own[name] = (frozenset(meta.find_undeclared_variables(tree)),
                                   referenced, digest)
        return self._own[name]
