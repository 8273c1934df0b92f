"""What Jinja's own filters and tests do with the values they are given.

Pure module (Jinja only; stage: speed): the part of the template analysis
(``template_paths``) that follows ``map(attribute=...)``, ``selectattr``,
``groupby``, ``sort``, ``first``, ``default``, ... A filter or test the analysis
does not know (a Pelican or theme one) is handed its values whole (``HANDED``), and
what it returns may be printed but not read further.
"""

from __future__ import annotations

from jinja2 import nodes
from jinja2.filters import FILTERS
from jinja2.tests import TESTS

from .template_refs import (
    EMPTY,
    HANDED,
    ITEM,
    TAINT,
    Unanalysable,
    attribute_chain,
    stepped,
    wrapped,
)

# What Jinja's own filters do with the value they are given (see JinjaFilters.filter).
_PLAIN_FILTERS = frozenset({
    "abs", "capitalize", "center", "e", "escape", "filesizeformat", "float", "forceescape",
    "format", "indent", "int", "lower", "pprint", "replace", "round", "safe", "string",
    "striptags", "title", "tojson", "trim", "truncate", "upper", "urlencode", "urlize",
    "wordcount", "wordwrap", "xmlattr"})
_TYPE_TESTS = frozenset({
    "boolean", "callable", "defined", "escaped", "false", "float", "integer", "iterable",
    "mapping", "none", "number", "sequence", "string", "true", "undefined"})
_VALUE_TESTS = frozenset({
    "!=", "<", "<=", "==", ">", ">=", "divisibleby", "eq", "equalto", "even", "ge",
    "greaterthan", "gt", "in", "le", "lessthan", "lower", "lt", "ne", "odd", "sameas",
    "upper", "filter", "test"})
_COMPARING_TESTS = frozenset({
    "!=", "<", "<=", "==", ">", ">=", "eq", "equalto", "ge", "greaterthan", "gt", "in",
    "le", "lessthan", "lt", "ne", "sameas"})


class JinjaFilters:
    """The filters and tests of ``template_paths._Analyser`` (a mixin: it reads with
    ``use``/``show``/``compare`` and evaluates with ``expr``/``arguments``)."""

    def e_Filter(self, node, scope):
        return self.filter(node, self.expr(node.node, scope) if node.node else EMPTY, scope)

    def e_Test(self, node, scope):
        self.test(node.name, self.expr(node.node, scope), node, scope)
        return EMPTY

    def option(self, node, name: str, position: int):
        """A filter's argument, named or at ``position`` (after the value)."""
        for keyword in node.kwargs:
            if keyword.key == name:
                return keyword.value
        return node.args[position] if position < len(node.args) else None

    def show_arguments(self, node, scope, keep: tuple = ("", -1)) -> None:
        """A filter's arguments used whole, but ``keep`` (name, position): a value
        the filter may return, used as its result is."""
        name, position = keep
        for index, argument in enumerate(node.args):
            if index != position:
                self.show(self.expr(argument, scope))
        for keyword in node.kwargs:
            if keyword.key != name:
                self.show(self.expr(keyword.value, scope))
        for extra in (node.dyn_args, node.dyn_kwargs):
            if extra is not None:
                self.show(self.expr(extra, scope))

    def along(self, refs, attribute) -> frozenset:
        """``refs`` followed along a ``map``/``sort`` attribute argument (``a.b``, ``0``)."""
        if attribute is None:
            return refs
        if isinstance(attribute, nodes.Const) and isinstance(attribute.value, int):
            return stepped(refs, ITEM)
        text = attribute_chain(attribute)
        if text is None:
            raise Unanalysable("an attribute argument chosen at render time")
        for part in text.split("."):
            refs = stepped(refs, ITEM if part.isdigit() else part)
        return refs

    def filter(self, node, value: frozenset, scope) -> frozenset:
        name = node.name
        own = FILTERS.get(name)
        if own is None or self.env.filters.get(name) is not own:
            # A filter the analysis does not know: whatever it is given, it may read
            # whole; what it returns may be printed but not read further.
            self.use(value, HANDED)
            for argument in self.arguments(node, scope):
                self.use(argument, HANDED)
            return frozenset({TAINT})
        return self.known_filter(name, node, value, scope)

    def known_filter(self, name, node, value, scope) -> frozenset:
        items = stepped(value, ITEM)
        if name in _PLAIN_FILTERS:
            self.show(value)
            for argument in self.arguments(node, scope):
                self.show(argument)
            return EMPTY
        if name in ("length", "count"):
            self.use(value)
            return EMPTY
        if name in ("default", "d"):
            self.use(value)
            self.show_arguments(node, scope, keep=("default_value", 0))
            given = self.option(node, "default_value", 0)
            return value | (self.expr(given, scope) if given is not None else EMPTY)
        if name in ("first", "last", "random"):
            self.use(value)
            return items
        if name in ("list", "reverse"):
            self.use(value)
            return value
        if name in ("sort", "unique", "min", "max"):
            position = {"sort": 2, "unique": 1, "min": 1, "max": 1}[name]
            self.compare(self.along(items, self.option(node, "attribute", position)))
            self.show_arguments(node, scope)
            return value if name in ("sort", "unique") else items
        if name in ("join", "sum"):
            position = 1 if name == "join" else 0
            self.show(self.along(items, self.option(node, "attribute", position)))
            self.show_arguments(node, scope)
            return EMPTY
        if name == "attr":
            attribute = attribute_chain(node.args[0]) if node.args else None
            if attribute is None:
                raise Unanalysable("|attr() of a name chosen at render time")
            return stepped(value, attribute)
        if name == "map":
            attribute = self.option(node, "attribute", 99)
            if attribute is not None or not node.args:
                mapped = self.along(items, attribute)
                self.show_arguments(node, scope, keep=("default", 99))
                default = self.option(node, "default", 99)
                if default is not None:
                    mapped |= self.expr(default, scope)
                self.use(mapped)
                return wrapped(mapped)
            chosen = attribute_chain(node.args[0])
            if chosen is None:
                raise Unanalysable("|map() of a filter chosen at render time")
            inner = nodes.Filter(None, chosen, node.args[1:], node.kwargs, node.dyn_args,
                                 node.dyn_kwargs)
            return wrapped(self.filter(inner, items, scope))
        if name in ("select", "reject"):
            if node.args:
                test = attribute_chain(node.args[0])
                if test is None:
                    raise Unanalysable(f"|{name}() of a test chosen at render time")
                self.test(test, items, nodes.Test(None, test, node.args[1:], node.kwargs,
                                                 node.dyn_args, node.dyn_kwargs), scope)
            else:
                self.use(items)
            return value
        if name in ("selectattr", "rejectattr"):
            if not node.args:
                raise Unanalysable(f"|{name}() without an attribute")
            chosen = self.along(items, node.args[0])
            if len(node.args) > 1:
                test = attribute_chain(node.args[1])
                if test is None:
                    raise Unanalysable(f"|{name}() of a test chosen at render time")
                self.test(test, chosen, nodes.Test(None, test, node.args[2:], node.kwargs,
                                                  node.dyn_args, node.dyn_kwargs), scope)
            else:
                self.use(chosen)
            return value
        if name == "groupby":
            key = self.along(items, self.option(node, "attribute", 0))
            self.compare(key)
            self.show_arguments(node, scope, keep=("default", 1))
            default = self.option(node, "default", 1)
            if default is not None:
                key |= self.expr(default, scope)
            return wrapped(key, 2) | wrapped(value, 2)  # (grouper, list) pairs
        if name in ("dictsort", "items"):
            self.compare(items)  # sorted by key or value: either may be compared
            self.show_arguments(node, scope)
            return wrapped(items, 2)  # (key, value) pairs
        if name in ("batch", "slice"):
            self.show_arguments(node, scope, keep=("fill_with", 1))
            fill = self.option(node, "fill_with", 1)
            return wrapped(value) | (wrapped(self.expr(fill, scope), 2) if fill else EMPTY)
        raise Unanalysable(f"the filter {name}")  # one of Jinja's this analysis forgot

    def test(self, name, value, node, scope) -> None:
        own = TESTS.get(name)
        arguments = self.arguments(node, scope)
        if own is None or self.env.tests.get(name) is not own:
            self.use(value, HANDED)
            for argument in arguments:
                self.use(argument, HANDED)
        elif name in _TYPE_TESTS:
            self.use(value)
        elif name in _VALUE_TESTS:
            mark = self.compare if name in _COMPARING_TESTS else self.show
            mark(value)
            for argument in arguments:
                mark(argument)
        else:
            raise Unanalysable(f"the test {name}")
