"""Which context names a template can read, how deep, and a hash of its source.

Pure module (Jinja only). A page depends on the values of the names its template
(with every template it extends, includes or imports) reads from the context,
and on the source of those templates. Jinja's ``meta`` finds both statically;
``template_paths`` works out every path the template can follow from those names
(``Dependencies.reads``), which ``reach.py`` walks on each page's values. A
template whose paths cannot be followed (``{% include name %}``, an unknown
extension tag, ...: ``Dependencies.why``) has its pages always rendered.

Each analysis notes the text of every template it asked the loader for (``_asked``),
so that the next build can take it from its record (``template_record``) when all of
those are as they were.

A template's text is parsed, and its own names and references found, once a build for
every environment alike (``template_record.environment_key``): the ``TemplateDeps`` of
those environments (a build has six, one a generator) share ``Parsed``, by text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from jinja2 import meta
from jinja2.exceptions import TemplateNotFound

from .template_paths import TemplateReads, Unanalysable, template_reads
from .template_record import reads_of, reads_plain, source_digest


@dataclass(frozen=True)
class Dependencies:
    names: tuple[str, ...]  # sorted context names the templates read
    source: str  # hash of the sources of the template and all it references
    reads: TemplateReads | None = None  # every path it can follow (None: see ``why``)
    why: str = ""  # why its pages cannot be kept, when they cannot


def _plain(found: Dependencies | None) -> tuple | None:
    if found is None:
        return None
    return (found.names, found.source, found.why,
            None if found.reads is None else reads_plain(found.reads))


def _dependencies(plain: tuple | None) -> Dependencies | None:
    if plain is None:
        return None
    names, source, why, reads = plain
    return Dependencies(tuple(names), source, None if reads is None else reads_of(reads), why)


class Parsed:
    """Templates parsed, by their text, and what each reads and references by itself:
    shared by the environments of one key (same syntax, extensions, filters, tests,
    globals and loader: the same text parses to the same tree in each)."""

    def __init__(self):
        self.trees: dict[str, object] = {}  # text -> its tree (never changed once made)
        self.own: dict[str, tuple[frozenset, tuple, str] | None] = {}  # text -> ``_own``


class TemplateDeps:
    """Dependencies of templates in one Jinja environment, worked out once each.

    ``kept``: analyses of an earlier build or another environment alike
    (``template_record.TemplateAnalyses``), each as (the text of every template it
    asked for, hashed, by name: None when not found; the analysis as plain values);
    one is taken when those texts are still the loader's. New ones are added to it."""

    def __init__(self, environment, kept: dict | None = None, analyses=None,
                 parsed: Parsed | None = None):
        self.environment = environment
        self.kept = {} if kept is None else kept
        self.analyses = analyses  # counts the templates analysed
        self.parsed = Parsed() if parsed is None else parsed  # of the environments alike
        self._own: dict[str, tuple[frozenset, tuple, str] | None] = {}
        self._trees: dict = {}
        self._total: dict[str, Dependencies | None] = {}
        self._digests: dict[str, str | None] = {}  # the loader's text, hashed, by name
        self._asked: set[str] = set()  # the names the current analysis asked for

    def of(self, name: str) -> Dependencies | None:
        if name not in self._total:
            self._total[name] = self._kept(name)
            if self._total[name] is False:
                self._asked = set()
                found = self._total[name] = self._collect(name)
                asked = tuple(sorted((n, self._digest(n)) for n in self._asked))
                self.kept[name] = (asked, _plain(found))
                if self.analyses is not None:
                    self.analyses.analysed += 1
        return self._total[name]

    def _kept(self, name: str):
        """The kept analysis of ``name`` when every text it read is unchanged; False
        when there is none."""
        entry = self.kept.get(name)
        if entry is None:
            return False
        asked, plain = entry
        try:
            if all(self._digest(n) == digest for n, digest in asked):
                return _dependencies(plain)
        except (TypeError, ValueError):  # not what this code writes: analyse anew
            pass
        return False

    def _digest(self, name: str) -> str | None:
        """The text the loader gives for ``name`` now, hashed (None: not found)."""
        if name not in self._digests:
            try:
                source = self.environment.loader.get_source(self.environment, name)[0]
            except TemplateNotFound:
                self._digests[name] = None
            else:
                self._digests[name] = source_digest(source)
        return self._digests[name]

    def _source(self, name: str) -> str:
        """The loader's text of ``name`` (raises TemplateNotFound), noted as asked."""
        self._asked.add(name)
        try:
            source = self.environment.loader.get_source(self.environment, name)[0]
        except TemplateNotFound:
            self._digests.setdefault(name, None)
            raise
        self._digests.setdefault(name, source_digest(source))
        return source

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
        self._asked.add(name)
        if name not in self._trees:
            self._trees[name] = self._parsed_tree(self._source(name))
        return self._trees[name]

    def _parsed_tree(self, source: str):
        tree = self.parsed.trees.get(source)
        if tree is None:
            tree = self.parsed.trees[source] = self.environment.parse(source)
        return tree

    def _parse(self, name: str) -> tuple[frozenset, tuple, str] | None:
        self._asked.add(name)
        if name not in self._own:
            try:
                source = self._source(name)
            except TemplateNotFound:
                self._own[name] = None
                return None
            tree = self._trees[name] = self._parsed_tree(source)
            if source not in self.parsed.own:
                self.parsed.own[source] = _own(tree, source)
            self._own[name] = self.parsed.own[source]
        return self._own[name]


def _own(tree, source: str) -> tuple[frozenset, tuple, str] | None:
    """What the template parsed as ``tree`` reads and references by itself, and a hash
    of its ``source``; None when it names a template chosen at render time."""
    referenced = tuple(meta.find_referenced_templates(tree))
    if any(r is None for r in referenced):
        return None
    digest = hashlib.blake2b(source.encode("utf-8"), digest_size=16).hexdigest()
    return frozenset(meta.find_undeclared_variables(tree)), referenced, digest
