"""What a template's expressions stand for, and the conditions its tests set.

Pure module (Jinja only; stage: speed): the part of the template analysis
(``template_paths``) that works out the values an expression may stand for (refs:
``template_refs``) and reads what it uses on the way: names, ``x.y`` and ``x["y"]``,
containers the template makes, ``and``/``or``/``if else``, arithmetic, comparisons;
and the conditions (``{% if articles_page %}``, ``x is defined``) under which a branch
reads what it reads. Calls are ``template_calls``'s; filters and tests
``template_filters``'s.
"""

from __future__ import annotations

from jinja2 import nodes
from jinja2.tests import TESTS

from .template_refs import CALL, EMPTY, ITEM, Unanalysable, stepped, with_guards, wrapped
from .template_scopes import MAX_REFS, Loop, Module, Namespace


class JinjaExpressions:
    """The expressions and conditions of ``template_paths._Analyser`` (a mixin: it
    reads with ``use``/``show``/``compare`` and looks names up with ``lookup``)."""

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
        if isinstance(bound, Namespace):
            return wrapped(bound.refs)
        return EMPTY  # a macro, caller, loop or module printed: text of the template's own

    def e_Getattr(self, node, scope):
        if isinstance(node.node, nodes.Name):
            bound = self.lookup(scope, node.node.name)
            if isinstance(bound, Loop):
                return stepped(bound.iterated, ITEM) if node.attr in (
                    "previtem", "nextitem") else EMPTY
            if isinstance(bound, Namespace):
                return frozenset(bound.refs)
            if isinstance(bound, Module):
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
        # Lists joined: their items; an object's __add__ is refused by reach_walk.py.
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
