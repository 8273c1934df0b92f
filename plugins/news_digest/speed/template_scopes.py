"""What a name stands for in a template, scope by scope.

Pure module (Jinja only; stage: speed): the part of the template analysis
(``template_paths``) that binds names and looks them up. A name stands for the values
it may hold (refs: ``template_refs``), or for a macro, a ``caller()``, a ``loop``, an
imported template or a ``namespace()``. Parameters, loop variables, macros and
imports hide what is outside; a ``{% set %}`` alias adds to what the name may stand
for, and its growth tells a loop's analysis it has not settled yet
(``template_statements``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jinja2 import nodes
from jinja2.defaults import DEFAULT_NAMESPACE

from .template_refs import EMPTY, ITEM, Ref, Unanalysable, stepped

# Bound on what one template may make the analysis do: beyond it, it is refused.
MAX_REFS = 512  # values one name or expression may stand for


@dataclass(eq=False)
class Macro:
    node: nodes.Macro
    scope: Scope


@dataclass(eq=False)
class Caller:
    node: nodes.CallBlock
    scope: Scope


@dataclass(eq=False)
class Loop:
    iterated: frozenset


@dataclass(eq=False)
class Namespace:
    serial: int  # of the scope it is bound in
    refs: set = field(default_factory=set)


@dataclass(eq=False)
class Module:
    scope: Scope


class Scope:
    """Names bound in one Jinja scope. ``fixed``: parameters, loop variables, macros,
    imports (they hide what is outside); ``weak``: ``{% set %}`` aliases, which add
    to what the name stood for (a set in a branch or later in a loop may not run)."""

    __slots__ = ("parent", "fixed", "weak", "serial")
    made = 0  # scopes made so far: a scope's serial tells which loops it outlives

    def __init__(self, parent: Scope | None = None):
        self.parent = parent
        self.fixed: dict[str, object] = {}
        self.weak: dict[str, frozenset] = {}
        Scope.made += 1
        self.serial = Scope.made


class ScopedNames:
    """The names of ``template_paths._Analyser`` (a mixin: a growing alias lowers
    ``touched``, which its loops read)."""

    def lookup(self, scope: Scope, name: str):
        """What ``name`` stands for: refs, or a macro, caller, loop, module, namespace."""
        found: set = set()
        current = scope
        while current is not None:
            if name in current.fixed:
                bound = current.fixed[name]
                if isinstance(bound, frozenset):
                    return frozenset(found | bound)
                if found:
                    raise Unanalysable(f"{name} is both a value and a macro or module")
                return bound
            found |= current.weak.get(name, EMPTY)
            current = current.parent
        found.add(Ref(name))  # the context's value (also before a top-level set runs)
        return frozenset(found)

    def bind(self, scope: Scope, target, refs, fixed: bool) -> None:
        """Assign ``refs`` to a ``{% set %}``/``{% for %}``/``{% with %}`` target."""
        if isinstance(target, nodes.Name):
            if fixed:
                scope.fixed[target.name] = frozenset(refs)
                return
            old = scope.weak.get(target.name, EMPTY)
            new = old | refs
            if len(new) > MAX_REFS:
                raise Unanalysable(f"{target.name} may stand for more than {MAX_REFS} values")
            if new != old:
                scope.weak[target.name] = new
                self.touched = min(self.touched, scope.serial)
        elif isinstance(target, nodes.Tuple | nodes.List):
            for item in target.items:  # unpacking: each name is an item
                self.bind(scope, item, stepped(refs, ITEM), fixed)
        elif isinstance(target, nodes.NSRef):
            space = self.lookup(scope, target.name)
            if not isinstance(space, Namespace):
                raise Unanalysable(f"{target.name}.{target.attr} is set on what is not a "
                                   "namespace()")
            before = len(space.refs)
            space.refs |= set(refs)
            if len(space.refs) != before:
                self.touched = min(self.touched, space.serial)
        else:
            raise Unanalysable(f"an assignment to {type(target).__name__}")

    def builtin(self, scope: Scope, name: str):
        """Jinja's own global ``name`` when the template means it (None: not)."""
        if name not in DEFAULT_NAMESPACE or self.env.globals.get(name) is not \
                DEFAULT_NAMESPACE[name]:
            return None
        bound = self.lookup(scope, name)
        return name if bound == frozenset({Ref(name)}) else None
