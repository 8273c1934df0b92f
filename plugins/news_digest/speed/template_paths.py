"""Every access path a template can follow from a context name, worked out statically.

Pure module (Jinja only; stage: speed). A page is kept from the previous build when
its key is unchanged, and the key covers each value the template reads only so many
objects deep (``fingerprint.py``). What the template *can* reach is read here from
its Jinja syntax tree, with every template it extends, includes and imports:
macros at their call sites (``caller()`` included), ``{% for %}`` loop variables,
``{% set %}``/``{% with %}`` aliases and namespaces, Jinja's own filters and tests
(``map(attribute=...)``, ``selectattr``, ``groupby``, ``first``, ``sort``, ...:
``template_filters.py``; the paths and trees themselves: ``template_refs.py``).
The result is a set of paths such as ``article.related_stories[].edition.title``,
grouped in trees by context name (``PathNode``); ``reach.py`` walks them on a page's
actual values.

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
from dataclasses import dataclass, field

from jinja2 import nodes
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.exceptions import TemplateNotFound
from jinja2.tests import TESTS

from .fragments import MemoExtension
from .template_filters import JinjaFilters
from .template_refs import (
    CALL,
    COMPARE,
    EMPTY,
    HANDED,
    ITEM,
    MARKERS,
    SHOW,
    TAINT,
    PathNode,
    Ref,
    TemplateReads,
    Unanalysable,
    stepped,
    with_guards,
    wrapped,
)

__all__ = ["CALL", "COMPARE", "HANDED", "ITEM", "MARKERS", "SHOW", "PathNode", "TemplateReads",
           "Unanalysable", "template_reads"]

# Bounds on what one template may make the analysis do: beyond them it is refused.
MAX_REFS = 512  # values one expression may stand for
MAX_PASSES = 6  # passes over a loop body until its aliases settle
MAX_READS = 20_000


# -- scopes ----------------------------------------------------------------------

@dataclass(eq=False)
class _Macro:
    node: nodes.Macro
    scope: _Scope


@dataclass(eq=False)
class _Caller:
    node: nodes.CallBlock
    scope: _Scope


@dataclass(eq=False)
class _Loop:
    iterated: frozenset


@dataclass(eq=False)
class _Namespace:
    serial: int  # of the scope it is bound in
    refs: set = field(default_factory=set)


@dataclass(eq=False)
class _Module:
    scope: _Scope


class _Scope:
    """Names bound in one Jinja scope. ``fixed``: parameters, loop variables, macros,
    imports (they hide what is outside); ``weak``: ``{% set %}`` aliases, which add
    to what the name stood for (a set in a branch or later in a loop may not run)."""

    __slots__ = ("parent", "fixed", "weak", "serial")
    made = 0  # scopes made so far: a scope's serial tells which loops it outlives

    def __init__(self, parent: _Scope | None = None):
        self.parent = parent
        self.fixed: dict[str, object] = {}
        self.weak: dict[str, frozenset] = {}
        _Scope.made += 1
        self.serial = _Scope.made


# Methods that change the container they are called on.
_MUTATORS = frozenset({"append", "extend", "insert", "update", "setdefault", "add", "pop",
                       "popitem", "remove", "discard", "clear", "sort", "reverse"})


class _Analyser(JinjaFilters):
    """One analysis: of one page template with everything it renders."""

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
        self.modules: dict[tuple[str, int], _Module] = {}
        self.chain: tuple[dict, _Scope] = ({}, _Scope())

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

    # -- names -------------------------------------------------------------------

    def lookup(self, scope: _Scope, name: str):
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

    def bind(self, scope: _Scope, target, refs, fixed: bool) -> None:
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
            if not isinstance(space, _Namespace):
                raise Unanalysable(f"{target.name}.{target.attr} is set on what is not a "
                                   "namespace()")
            before = len(space.refs)
            space.refs |= set(refs)
            if len(space.refs) != before:
                self.touched = min(self.touched, space.serial)
        else:
            raise Unanalysable(f"an assignment to {type(target).__name__}")

    def builtin(self, scope: _Scope, name: str):
        """Jinja's own global ``name`` when the template means it (None: not)."""
        if name not in DEFAULT_NAMESPACE or self.env.globals.get(name) is not \
                DEFAULT_NAMESPACE[name]:
            return None
        bound = self.lookup(scope, name)
        return name if bound == frozenset({Ref(name)}) else None

    # -- templates ---------------------------------------------------------------

    def template(self, name: str, parent: _Scope | None) -> None:
        """Render ``name`` (with every template it extends) in a scope under ``parent``."""
        if name in self.templates:
            raise Unanalysable(f"{name} includes itself")
        chain: list[nodes.Template] = []
        current = name
        seen = set()
        while current is not None:
            if current in seen:
                raise Unanalysable(f"{current} extends itself")
            seen.add(current)
            tree = self.load(current)
            chain.append(tree)
            extends = list(tree.find_all(nodes.Extends))
            if not extends:
                break
            parent_name = extends[0].template
            if len(extends) > 1 or extends[0] not in tree.body or not (
                    isinstance(parent_name, nodes.Const) and isinstance(parent_name.value, str)):
                raise Unanalysable(f"{current} extends a template chosen at render time")
            current = parent_name.value
        blocks: dict[str, list[nodes.Block]] = {}
        for tree in chain:  # every version: the page may call each one (super())
            for block in tree.find_all(nodes.Block):
                blocks.setdefault(block.name, []).append(block)
        context = _Scope(parent)
        saved, self.chain = self.chain, (blocks, context)
        self.templates.append(name)
        try:
            for tree in chain[:-1]:  # a child's own statements run first
                self.body([n for n in tree.body
                           if not isinstance(n, nodes.Block | nodes.Extends)], context)
            self.body(chain[-1].body, context)
        finally:
            self.templates.pop()
            self.chain = saved

    def module(self, name: str, scope: _Scope, with_context: bool) -> _Module:
        """An imported template: its top-level statements run, its macros bound."""
        parent = self.chain[1] if with_context else None
        key = (name, id(parent))
        found = self.modules.get(key)
        if found is None:
            if name in self.templates:
                raise Unanalysable(f"{name} imports itself")
            found = self.modules[key] = _Module(_Scope(parent))
            self.templates.append(name)
            saved, self.chain = self.chain, ({}, found.scope)
            try:
                tree = self.load(name)
                if any(True for _ in tree.find_all(nodes.Extends)):
                    raise Unanalysable(f"{name}, imported, extends another template")
                self.body(tree.body, found.scope)
            finally:
                self.chain = saved
                self.templates.pop()
        return found

    def names_of(self, node) -> list[str]:
        if isinstance(node, nodes.Const) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, nodes.Const) and isinstance(node.value, list | tuple) and all(
                isinstance(v, str) for v in node.value):
            return list(node.value)
        if isinstance(node, nodes.List | nodes.Tuple) and all(
                isinstance(i, nodes.Const) and isinstance(i.value, str) for i in node.items):
            return [i.value for i in node.items]
        raise Unanalysable("a template named at render time")

    # -- statements --------------------------------------------------------------

    def body(self, statements, scope: _Scope) -> None:
        for statement in statements:
            handler = getattr(self, f"s_{type(statement).__name__}", None)
            if handler is None:
                raise Unanalysable(f"a {type(statement).__name__} statement (an extension "
                                   "the analysis does not know)")
            handler(statement, scope)

    def s_Output(self, node, scope):
        for item in node.nodes:
            if not isinstance(item, nodes.TemplateData):
                self.show(self.expr(item, scope))

    def s_If(self, node, scope):
        tests = [node.test, *(elif_.test for elif_ in node.elif_)]
        bodies = [node.body, *(elif_.body for elif_ in node.elif_)]
        outer = self.guards
        before: frozenset = frozenset()
        try:
            for test, body in zip(tests, bodies, strict=True):
                self.guards = outer | before
                self.use(self.expr(test, scope))
                self.guards = outer | before | self.conditions(test, scope, True)
                self.body(body, scope)
                before |= self.conditions(test, scope, False)
            self.guards = outer | before
            self.body(node.else_, scope)
        finally:
            self.guards = outer

    def s_For(self, node, scope):
        if node.recursive:
            raise Unanalysable("a recursive loop (its depth is the data's)")
        iterated = self.expr(node.iter, scope)
        self.use(iterated)
        inner = _Scope(scope)
        outer = self.touched
        try:
            for _ in range(MAX_PASSES):
                self.touched = float("inf")
                self.bind(inner, node.target, stepped(iterated, ITEM), fixed=True)
                inner.fixed["loop"] = _Loop(iterated)
                if node.test is not None:
                    self.use(self.expr(node.test, inner))
                self.body(node.body, inner)
                settled = self.touched > inner.serial
                outer = min(outer, self.touched)
                if settled:
                    break
            else:
                raise Unanalysable("a loop whose aliases keep growing (it follows a chain)")
        finally:
            self.touched = outer
        self.body(node.else_, scope)

    def s_Assign(self, node, scope):
        value = node.node
        if isinstance(value, nodes.Call) and isinstance(value.node, nodes.Name) and \
                self.builtin(scope, value.node.name) == "namespace":
            if not isinstance(node.target, nodes.Name):
                raise Unanalysable("a namespace() unpacked")
            space = _Namespace(scope.serial)
            for argument in self.arguments(value, scope):
                space.refs |= set(argument)
            scope.fixed[node.target.name] = space
            return
        self.bind(scope, node.target, self.expr(value, scope), fixed=False)

    def s_AssignBlock(self, node, scope):
        self.body(node.body, _Scope(scope))
        refs = EMPTY if node.filter is None else self.filter(node.filter, EMPTY, scope)
        self.bind(scope, node.target, refs, fixed=False)

    def s_With(self, node, scope):
        inner = _Scope(scope)
        for target, value in zip(node.targets, node.values, strict=True):
            self.bind(inner, target, self.expr(value, inner), fixed=True)
        self.body(node.body, inner)

    def s_Macro(self, node, scope):
        scope.fixed[node.name] = _Macro(node, scope)

    def s_CallBlock(self, node, scope):
        call = node.call
        if isinstance(call.node, nodes.ExtensionAttribute) and \
                call.node.identifier == MemoExtension.identifier and call.node.name == "_render":
            # {% memo values %}: the body, rendered once per values (fragments.py)
            self.body(node.body, _Scope(scope))
            return
        self.call(call, scope, caller=_Caller(node, scope))

    def s_FilterBlock(self, node, scope):
        self.body(node.body, _Scope(scope))
        self.filter(node.filter, EMPTY, scope)

    def s_ExprStmt(self, node, scope):
        self.use(self.expr(node.node, scope))

    def s_Include(self, node, scope):
        for name in self.names_of(node.template):
            try:
                self.load(name)
            except TemplateNotFound:
                if node.ignore_missing:
                    continue
                raise Unanalysable(f"includes {name}, which does not exist") from None
            self.template(name, scope if node.with_context else None)

    def s_Import(self, node, scope):
        for name in self.names_of(node.template):
            scope.fixed[node.target] = self.module(name, scope, node.with_context)

    def s_FromImport(self, node, scope):
        for name in self.names_of(node.template):
            module = self.module(name, scope, node.with_context)
            for imported in node.names:
                original, alias = imported if isinstance(imported, tuple) else (imported, imported)
                scope.fixed[alias] = self.lookup(module.scope, original)

    def s_Extends(self, node, scope):
        raise Unanalysable("{% extends %} where the analysis does not expect it")

    def s_Block(self, node, scope):
        blocks, context = self.chain
        versions = blocks.get(node.name, [node])
        scoped = any(v.scoped for v in versions)
        for version in versions:
            self.body(version.body, _Scope(scope if scoped else context))

    def s_Scope(self, node, scope):
        self.body(node.body, _Scope(scope))

    def s_ScopedEvalContextModifier(self, node, scope):
        for option in node.options:
            self.use(self.expr(option.value, scope))
        self.body(node.body, _Scope(scope))

    def s_EvalContextModifier(self, node, scope):
        for option in node.options:
            self.use(self.expr(option.value, scope))

    def s_Break(self, node, scope):
        pass

    s_Continue = s_Break

    # -- conditions --------------------------------------------------------------

    def conditions(self, test, scope, expected: bool) -> frozenset:
        """Conditions that hold where ``test`` came out ``expected`` (empty: none known)."""
        if isinstance(test, nodes.Not):
            return self.conditions(test.node, scope, not expected)
        if isinstance(test, nodes.And if expected else nodes.Or):
            return (self.conditions(test.left, scope, expected)
                    | self.conditions(test.right, scope, expected))
        kind = "truthy"
        if isinstance(test, nodes.Test) and test.name in ("defined", "undefined") and \
                self.env.tests.get(test.name) is TESTS[test.name] and not test.args:
            kind, expected = "defined", expected == (test.name == "defined")
            test = test.node
        if not isinstance(test, nodes.Name | nodes.Getattr | nodes.Getitem):
            return frozenset()
        try:
            refs = self.expr(test, scope, quiet=True)
        except Unanalysable:
            return frozenset()
        if len(refs) != 1:
            return frozenset()
        (ref,) = refs
        if not ref.root or ref.wrap or ref.guards or any(
                step in (ITEM, CALL) for step in ref.steps):
            return frozenset()
        return frozenset({(ref.root, ref.steps, kind, expected)})

    # -- expressions -------------------------------------------------------------

    def expr(self, node, scope, quiet: bool = False) -> frozenset:
        handler = getattr(self, f"e_{type(node).__name__}", None)
        if handler is None:
            raise Unanalysable(f"a {type(node).__name__} expression")
        if quiet:  # a condition's path, worked out again without reading anything
            saved, self.reads = self.reads, set()
            touched = self.touched
            try:
                return handler(node, scope)
            finally:
                self.reads, self.touched = saved, touched
        refs = handler(node, scope)
        if len(refs) > MAX_REFS:
            raise Unanalysable(f"an expression standing for more than {MAX_REFS} values")
        return refs

    def e_Const(self, node, scope):
        return EMPTY

    e_TemplateData = e_Const

    def e_Name(self, node, scope):
        bound = self.lookup(scope, node.name)
        if isinstance(bound, frozenset):
            return bound
        if isinstance(bound, _Namespace):
            return wrapped(bound.refs)
        return EMPTY  # a macro, caller, loop or module printed: text of the template's own

    def e_Getattr(self, node, scope):
        if isinstance(node.node, nodes.Name):
            bound = self.lookup(scope, node.node.name)
            if isinstance(bound, _Loop):
                return stepped(bound.iterated, ITEM) if node.attr in (
                    "previtem", "nextitem") else EMPTY
            if isinstance(bound, _Namespace):
                return frozenset(bound.refs)
            if isinstance(bound, _Module):
                found = self.lookup(bound.scope, node.attr)
                return found if isinstance(found, frozenset) else EMPTY
        return stepped(self.expr(node.node, scope), node.attr)

    def e_Getitem(self, node, scope):
        refs = self.expr(node.node, scope)
        arg = node.arg
        if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
            return stepped(refs, ("key", arg.value))
        if isinstance(arg, nodes.Slice):
            for part in (arg.start, arg.stop, arg.step):
                if part is not None:
                    self.show(self.expr(part, scope))
            return refs  # the same items
        if not isinstance(arg, nodes.Const):
            self.show(self.expr(arg, scope))
        return stepped(refs, ITEM)

    def e_Tuple(self, node, scope):
        return wrapped(frozenset().union(*(self.expr(i, scope) for i in node.items)))

    e_List = e_Tuple

    def e_Dict(self, node, scope):
        found: frozenset = EMPTY
        for pair in node.items:
            found |= self.expr(pair.key, scope) | self.expr(pair.value, scope)
        return wrapped(found)

    def e_CondExpr(self, node, scope):
        test = self.expr(node.test, scope)
        self.use(test)
        found: frozenset = EMPTY
        outer = self.guards
        try:
            for branch, expected in ((node.expr1, True), (node.expr2, False)):
                if branch is None:
                    continue
                conditions = self.conditions(node.test, scope, expected)
                self.guards = outer | conditions
                found |= with_guards(self.expr(branch, scope), conditions)
        finally:
            self.guards = outer
        return found

    def e_And(self, node, scope):
        left, right = self.expr(node.left, scope), self.expr(node.right, scope)
        self.use(left)
        self.use(right)
        return left | right  # ``a or b`` is one of them

    e_Or = e_And

    def e_Not(self, node, scope):
        self.use(self.expr(node.node, scope))
        return EMPTY

    def e_Neg(self, node, scope):
        self.show(self.expr(node.node, scope))
        return EMPTY

    e_Pos = e_Neg

    def e_Add(self, node, scope):
        # Lists joined: their items; an object's __add__ is refused by reach.py.
        left, right = self.expr(node.left, scope), self.expr(node.right, scope)
        self.use(left)
        self.use(right)
        return left | right

    def e_Sub(self, node, scope):
        left, right = self.expr(node.left, scope), self.expr(node.right, scope)
        self.show(left)
        self.show(right)
        return left | right

    e_Mul = e_Div = e_FloorDiv = e_Mod = e_Pow = e_Sub

    def e_Concat(self, node, scope):
        for item in node.nodes:
            self.show(self.expr(item, scope))
        return EMPTY

    def e_Compare(self, node, scope):
        self.compare(self.expr(node.expr, scope))
        for operand in node.ops:
            self.compare(self.expr(operand.expr, scope))
        return EMPTY

    def e_MarkSafe(self, node, scope):
        self.show(self.expr(node.expr, scope))
        return EMPTY

    e_MarkSafeIfAutoescape = e_MarkSafe

    def e_Slice(self, node, scope):
        raise Unanalysable("a slice outside a subscript")

    # -- calls -------------------------------------------------------------------

    def arguments(self, node, scope) -> list[frozenset]:
        values = [self.expr(a, scope) for a in node.args]
        values += [self.expr(k.value, scope) for k in node.kwargs]
        for extra in (node.dyn_args, node.dyn_kwargs):
            if extra is not None:
                values.append(stepped(self.expr(extra, scope), ITEM))
        return values

    def e_Call(self, node, scope):
        return self.call(node, scope)

    def call(self, node, scope, caller: _Caller | None = None) -> frozenset:
        callee = node.node
        if isinstance(callee, nodes.Name):
            name = callee.name
            bound = self.lookup(scope, name)
            if isinstance(bound, _Macro):
                self.call_macro(bound, node, scope, caller)
                return EMPTY
            if isinstance(bound, _Caller):
                self.call_caller(bound, node, scope)
                return EMPTY
            if isinstance(bound, _Loop):
                raise Unanalysable("a recursive loop (its depth is the data's)")
            if caller is not None:
                raise Unanalysable(f"{{% call %}} of {name}, which is not a macro")
            builtin = self.builtin(scope, name)
            if name == "super" and bound == frozenset({Ref("super")}):
                return EMPTY  # every version of the block is analysed already
            if builtin in ("range", "lipsum", "joiner"):
                for argument in self.arguments(node, scope):
                    self.show(argument)
                return EMPTY
            if builtin == "dict":
                return wrapped(frozenset().union(*self.arguments(node, scope)))
            if builtin in ("cycler", "namespace"):
                if any(self.arguments(node, scope)):
                    raise Unanalysable(f"{name}() given values of the page")
                return EMPTY
            if name in self.env.globals and bound == frozenset({Ref(name)}):
                for argument in self.arguments(node, scope):  # a custom global function
                    self.use(argument, HANDED)
                return frozenset({TAINT})
        if caller is not None and isinstance(callee, nodes.Getattr) and isinstance(
                callee.node, nodes.Name):
            module = self.lookup(scope, callee.node.name)
            if isinstance(module, _Module):
                macro = self.lookup(module.scope, callee.attr)
                if isinstance(macro, _Macro):
                    self.call_macro(macro, node, scope, caller)
                    return EMPTY
        if caller is not None:
            raise Unanalysable("{% call %} of what is not a macro")
        if isinstance(callee, nodes.Getattr):
            return self.call_method(callee, node, scope)
        # Anything else called: the value, with its arguments handed to it whole.
        for argument in self.arguments(node, scope):
            self.use(argument, HANDED)
        result = stepped(self.expr(callee, scope), CALL)
        self.use(result)
        return result

    def call_method(self, callee, node, scope) -> frozenset:
        base, name = callee.node, callee.attr
        if isinstance(base, nodes.Name):
            bound = self.lookup(scope, base.name)
            if base.name == "self" and bound == frozenset({Ref("self")}):
                self.s_Block(nodes.Block(name, [], False, False), scope)  # self.block()
                return EMPTY
            if isinstance(bound, _Module):
                macro = self.lookup(bound.scope, name)
                if isinstance(macro, _Macro):
                    self.call_macro(macro, node, scope, None)
                    return EMPTY
                raise Unanalysable(f"{base.name}.{name}() is not a macro")
            if isinstance(bound, _Loop):
                arguments = self.arguments(node, scope)
                for argument in arguments:
                    self.compare(argument)  # loop.changed(x) compares; cycle returns one
                return frozenset().union(EMPTY, *arguments) if name == "cycle" else EMPTY
            if isinstance(bound, _Caller | _Macro | _Namespace):
                raise Unanalysable(f"{base.name}.{name}() on a macro or namespace")
        receiver = self.expr(base, scope)
        arguments = self.arguments(node, scope)
        made = frozenset(r for r in receiver if r.root and r.wrap)
        read = frozenset(r for r in receiver if r.root and not r.wrap)
        if name in _MUTATORS or name.startswith("__"):
            raise Unanalysable(f".{name}() changes a container in the template")
        # A method of text or of a container the template made ("a, b".split(),
        # ", ".join(items), {"a": x}.get("a")) uses its arguments whole and returns
        # what the container holds; one of a value read is a step of its path.
        given = 1 if name in ("get", "pop", "setdefault") else len(arguments)
        for argument in arguments[:given]:
            self.show(argument)
        result = made if name in ("items", "values", "keys", "copy") else stepped(made, ITEM)
        if read:
            called = stepped(stepped(read, name), CALL)
            self.use(called)
            result |= called
        return result.union(*arguments[given:])  # the default given to get()

    def call_macro(self, macro: _Macro, node, scope, caller: _Caller | None) -> None:
        definition = macro.node
        positional = [self.expr(a, scope) for a in node.args]
        named = {k.key: self.expr(k.value, scope) for k in node.kwargs}
        spread: frozenset = EMPTY
        for extra in (node.dyn_args, node.dyn_kwargs):
            if extra is not None:
                spread |= stepped(self.expr(extra, scope), ITEM)
        key = (id(definition), id(macro.scope), tuple(positional), tuple(sorted(named.items())),
               spread, None if caller is None else id(caller.node),
               None if caller is None else id(caller.scope), self.guards)
        active = (id(definition), id(macro.scope))
        if active in self.calls:
            raise Unanalysable(f"macro {definition.name} calls itself (its depth is the data's)")
        if key in self.called:
            return
        self.calls.add(active)
        try:
            inner = _Scope(macro.scope)
            params = [a.name for a in definition.args]
            defaults = dict(zip(params[len(params) - len(definition.defaults):],
                                definition.defaults, strict=True))
            for index, param in enumerate(params):
                if index < len(positional):
                    value = positional[index]
                elif param in named:
                    value = named.pop(param)
                elif param in defaults:
                    value = self.expr(defaults[param], inner)
                else:
                    value = EMPTY
                inner.fixed[param] = value | spread
            inner.fixed["varargs"] = wrapped(frozenset().union(EMPTY, *positional[len(params):])
                                           | spread)
            inner.fixed["kwargs"] = wrapped(frozenset().union(EMPTY, *named.values()) | spread)
            if caller is not None:
                inner.fixed["caller"] = caller
            self.body(definition.body, inner)
        finally:
            self.calls.discard(active)
        self.called.add(key)

    def call_caller(self, caller: _Caller, node, scope) -> None:
        block = caller.node
        inner = _Scope(caller.scope)
        positional = [self.expr(a, scope) for a in node.args]
        named = {k.key: self.expr(k.value, scope) for k in node.kwargs}
        params = [a.name for a in block.args]
        defaults = dict(zip(params[len(params) - len(block.defaults):], block.defaults,
                            strict=True))
        for index, param in enumerate(params):
            value = positional[index] if index < len(positional) else named.get(param)
            if value is None:
                value = self.expr(defaults[param], inner) if param in defaults else EMPTY
            inner.fixed[param] = value
        key = ("caller", id(block), id(caller.scope), tuple(positional),
               tuple(sorted(named.items())), self.guards)
        if key in self.calls:
            raise Unanalysable("caller() calls itself")
        if key in self.called:
            return
        self.calls.add(key)
        try:
            self.body(block.body, inner)
        finally:
            self.calls.discard(key)
        self.called.add(key)


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
