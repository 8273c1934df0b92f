"""What a template's calls read: macros, ``caller()``, methods and functions.

Pure module (Jinja only; stage: speed): the part of the template analysis
(``template_paths``) that follows calls. A macro is analysed at its call sites with
the values each gives it (once per distinct call; one that calls itself is refused:
its depth is the data's), a ``{% call %}`` body through ``caller()``; Jinja's own
globals (``range``, ``dict``, ``namespace``, ...), ``loop.cycle()``, methods of text
and of containers the template made are followed; a method of a value read is a step
of its path, and anything else called is ``CALL`` with its arguments ``HANDED``.
"""

from __future__ import annotations

from jinja2 import nodes

from .template_refs import CALL, EMPTY, HANDED, ITEM, TAINT, Ref, Unanalysable, stepped, wrapped
from .template_scopes import Caller, Loop, Macro, Module, Namespace, Scope

# Methods that change the container they are called on.
_MUTATORS = frozenset({"append", "extend", "insert", "update", "setdefault", "add", "pop",
                       "popitem", "remove", "discard", "clear", "sort", "reverse"})


class JinjaCalls:
    """The calls of ``template_paths._Analyser`` (a mixin: it evaluates with ``expr``,
    reads with ``use``/``show``/``compare``, runs bodies with ``body``)."""

    def arguments(self, node, scope) -> list[frozenset]:
        values = [self.expr(a, scope) for a in node.args]
        values += [self.expr(k.value, scope) for k in node.kwargs]
        for extra in (node.dyn_args, node.dyn_kwargs):
            if extra is not None:
                values.append(stepped(self.expr(extra, scope), ITEM))
        return values

    def e_Call(self, node, scope):
        return self.call(node, scope)

    def call(self, node, scope, caller: Caller | None = None) -> frozenset:
        callee = node.node
        if isinstance(callee, nodes.Name):
            name = callee.name
            bound = self.lookup(scope, name)
            if isinstance(bound, Macro):
                self.call_macro(bound, node, scope, caller)
                return EMPTY
            if isinstance(bound, Caller):
                self.call_caller(bound, node, scope)
                return EMPTY
            if isinstance(bound, Loop):
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
            if isinstance(module, Module):
                macro = self.lookup(module.scope, callee.attr)
                if isinstance(macro, Macro):
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
            if isinstance(bound, Module):
                macro = self.lookup(bound.scope, name)
                if isinstance(macro, Macro):
                    self.call_macro(macro, node, scope, None)
                    return EMPTY
                raise Unanalysable(f"{base.name}.{name}() is not a macro")
            if isinstance(bound, Loop):
                arguments = self.arguments(node, scope)
                for argument in arguments:
                    self.compare(argument)  # loop.changed(x) compares; cycle returns one
                return frozenset().union(EMPTY, *arguments) if name == "cycle" else EMPTY
            if isinstance(bound, Caller | Macro | Namespace):
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

    def call_macro(self, macro: Macro, node, scope, caller: Caller | None) -> None:
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
            inner = Scope(macro.scope)
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

    def call_caller(self, caller: Caller, node, scope) -> None:
        block = caller.node
        inner = Scope(caller.scope)
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
