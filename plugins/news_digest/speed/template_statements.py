"""What a template's statements read, with every template they render.

Pure module (Jinja only; stage: speed): the part of the template analysis
(``template_paths``) that runs a template's statements in order. A page template is
analysed with every template it extends (each version of a block: the page may call
any of them with ``super()``), includes and imports; ``{% if %}`` branches under their
conditions, ``{% for %}`` bodies pass after pass until their aliases settle,
``{% set %}``, ``{% with %}``, macros defined, ``{% call %}`` blocks, ``{% memo %}``
(``fragments.py``). A statement the analysis does not know (an extension's tag) or a
template named at render time makes the template unanalysable.
"""

from __future__ import annotations

from jinja2 import nodes
from jinja2.exceptions import TemplateNotFound

from .fragments import MemoExtension
from .template_refs import EMPTY, ITEM, Unanalysable, stepped
from .template_scopes import Caller, Loop, Macro, Module, Namespace, Scope

# Bound on what one template may make the analysis do: beyond it, it is refused.
MAX_PASSES = 6  # passes over a loop body until its aliases settle


class JinjaStatements:
    """The statements of ``template_paths._Analyser`` (a mixin: it evaluates with
    ``expr``/``conditions``/``arguments``/``call``/``filter`` and binds with ``bind``)."""

    # -- templates ---------------------------------------------------------------

    def template(self, name: str, parent: Scope | None) -> None:
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
        context = Scope(parent)
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

    def module(self, name: str, scope: Scope, with_context: bool) -> Module:
        """An imported template: its top-level statements run, its macros bound."""
        parent = self.chain[1] if with_context else None
        key = (name, id(parent))
        found = self.modules.get(key)
        if found is None:
            if name in self.templates:
                raise Unanalysable(f"{name} imports itself")
            found = self.modules[key] = Module(Scope(parent))
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

    def body(self, statements, scope: Scope) -> None:
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
        inner = Scope(scope)
        outer = self.touched
        try:
            for _ in range(MAX_PASSES):
                self.touched = float("inf")
                self.bind(inner, node.target, stepped(iterated, ITEM), fixed=True)
                inner.fixed["loop"] = Loop(iterated)
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
            space = Namespace(scope.serial)
            for argument in self.arguments(value, scope):
                space.refs |= set(argument)
            scope.fixed[node.target.name] = space
            return
        self.bind(scope, node.target, self.expr(value, scope), fixed=False)

    def s_AssignBlock(self, node, scope):
        self.body(node.body, Scope(scope))
        refs = EMPTY if node.filter is None else self.filter(node.filter, EMPTY, scope)
        self.bind(scope, node.target, refs, fixed=False)

    def s_With(self, node, scope):
        inner = Scope(scope)
        for target, value in zip(node.targets, node.values, strict=True):
            self.bind(inner, target, self.expr(value, inner), fixed=True)
        self.body(node.body, inner)

    def s_Macro(self, node, scope):
        scope.fixed[node.name] = Macro(node, scope)

    def s_CallBlock(self, node, scope):
        call = node.call
        if isinstance(call.node, nodes.ExtensionAttribute) and \
                call.node.identifier == MemoExtension.identifier and call.node.name == "_render":
            # {% memo values %}: the body, rendered once per values (fragments.py)
            self.body(node.body, Scope(scope))
            return
        self.call(call, scope, caller=Caller(node, scope))

    def s_FilterBlock(self, node, scope):
        self.body(node.body, Scope(scope))
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
            self.body(version.body, Scope(scope if scoped else context))

    def s_Scope(self, node, scope):
        self.body(node.body, Scope(scope))

    def s_ScopedEvalContextModifier(self, node, scope):
        for option in node.options:
            self.use(self.expr(option.value, scope))
        self.body(node.body, Scope(scope))

    def s_EvalContextModifier(self, node, scope):
        for option in node.options:
            self.use(self.expr(option.value, scope))

    def s_Break(self, node, scope):
        pass

    s_Continue = s_Break
