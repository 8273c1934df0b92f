"""Every access path a template can follow from a context name, worked out statically.

Pure module (Jinja only; stage: speed). A page is kept from the previous build when
its key is unchanged, and the key covers each value the template reads only so many
objects deep (``fingerprint.py``). What the template *can* reach is read here from
its Jinja syntax tree, with every template it extends, includes and imports:
macros at their call sites (``caller()`` included), ``{% for %}`` loop variables,
``{% set %}``/``{% with %}`` aliases and namespaces, Jinja's own filters and tests
(``map(attribute=...)``, ``selectattr``, ``groupby``, ``first``, ``sort``, ...).
The result is a set of paths such as ``article.related_stories[].edition.title``,
grouped in trees by context name (``PathNode``); ``reach.py`` walks them on a page's
actual values.

One analysis is one object, ``_Analyser``, made of a part per job, each a module:
this one collects the paths read and turns them into trees (``template_reads``, the
entry point); ``template_scopes`` binds and looks up names; ``template_statements``
runs statements and the templates they extend, include and import;
``template_expressions`` works out what an expression stands for and the conditions
a test sets; ``template_calls`` follows macros, ``caller()``, methods and functions;
``template_filters`` Jinja's own filters and tests. The paths, refs and trees they
share are ``template_refs``'s.

A path is a context name and steps: an attribute name (Jinja's ``x.y``: attribute,
else item), ``("key", name)`` (``x["y"]``: item, else attribute), ``ITEM`` (any
item, or iterating), ``CALL`` (the value is called), and at its end ``SHOW`` (the
value is used whole: printed, computed with), ``COMPARE`` (compared: ``==``, ``in``,
sorted) or ``HANDED`` (handed to code the analysis cannot see: a filter, test or
global function it does not know). A path ending in none of them is read as it is
(tested, counted).

Paths read under a simple condition (``{% if articles_page %}``, ``x if y else z``,
``y is defined``) carry it (``Condition``): a page on which the condition is false
does not read them. Conservative throughout: an alias stands for everything it may
hold, blocks for every version in the chain. What cannot be followed makes the
template unanalysable (``Unanalysable`` with the reason), and its pages are always
rendered: a template named at render time (``{% include var %}``), an extension tag
the analysis does not know, the whole context (``context``), a recursive loop or
macro, the result of unknown code read further, a loop whose aliases do not settle.
"""

from __future__ import annotations

from collections.abc import Callable

from jinja2 import nodes

from .template_calls import JinjaCalls
from .template_expressions import JinjaExpressions
from .template_filters import JinjaFilters
from .template_refs import (
    CALL,
    COMPARE,
    HANDED,
    ITEM,
    MARKERS,
    SHOW,
    PathNode,
    TemplateReads,
    Unanalysable,
)
from .template_scopes import Module, Scope, ScopedNames
from .template_statements import JinjaStatements

__all__ = ["CALL", "COMPARE", "HANDED", "ITEM", "MARKERS", "SHOW", "PathNode", "TemplateReads",
           "Unanalysable", "template_reads"]

# Bound on what one template may make the analysis do: beyond it, it is refused.
MAX_READS = 20_000  # paths one template may read


class _Analyser(JinjaStatements, JinjaExpressions, JinjaCalls, JinjaFilters, ScopedNames):
    """One analysis: of one page template with everything it renders (its parts:
    the mixins, one module each; the state they share is made here)."""

    def __init__(self, environment, load: Callable[[str], nodes.Template]):
        self.env = environment
        self.load = load
        self.reads: set[tuple[frozenset, str, tuple]] = set()
        self.guards: frozenset = frozenset()
        # The oldest scope whose aliases grew (0: the reads grew) since a loop's pass
        # began: a loop settles when nothing it outlives changed in a pass.
        self.touched = float("inf")
        self.templates: list[str] = []  # being rendered (recursion)
        self.calls: set = set()  # macro calls being analysed (recursion)
        self.called: set = set()  # macro calls analysed already
        self.modules: dict[tuple[str, int], Module] = {}
        self.chain: tuple[dict, Scope] = ({}, Scope())

    # -- reads -------------------------------------------------------------------

    def use(self, refs, marker: str | None = None) -> None:
        """The template reads ``refs`` (then uses them whole: ``marker``)."""
        for r in refs:
            if not r.root:
                continue
            if r.wrap and marker is None:
                continue  # a container the template made, only tested or counted
            steps = (*r.steps, marker) if marker else r.steps
            read = (self.guards | r.guards, r.root, steps)
            if read not in self.reads:
                if len(self.reads) >= MAX_READS:
                    raise Unanalysable(f"more than {MAX_READS} paths")
                self.reads.add(read)
                self.touched = 0

    def show(self, refs) -> None:
        self.use(refs, SHOW)

    def compare(self, refs) -> None:
        self.use(refs, COMPARE)


def _trees(reads) -> TemplateReads:
    branches: dict[frozenset, dict[str, PathNode]] = {}
    for guards, root, steps in reads:
        if any((r, s, k, not e) in guards for r, s, k, e in guards):
            continue  # read under a condition and its opposite: never
        node = branches.setdefault(guards, {}).setdefault(root, PathNode())
        for step in steps:
            node = node.steps.setdefault(step, PathNode())
    roots = frozenset(name for trees in branches.values() for name in trees)
    return TemplateReads(tuple(branches.items()), roots)


def template_reads(environment, name: str,
                   load: Callable[[str], nodes.Template]) -> TemplateReads:
    """What the page template ``name`` reads (``load`` parses a template by name and
    raises TemplateNotFound); raises ``Unanalysable`` with the reason."""
    analyser = _Analyser(environment, load)
    analyser.template(name, None)
    return _trees(analyser.reads)
