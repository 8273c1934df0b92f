"""``{% memo value, ... %}...{% endmemo %}``: a template fragment rendered once per build.

A story's summary item is the same on every list that shows it (its edition, a home
page, each of its topics, its publisher's page) but for the prefix of its links.
Rendering it there four or five times was most of the time spent on listing pages.
With this tag the theme renders it once per story, heading and page depth, and reuses
the text everywhere else.

A fragment is kept per place in the templates, per page address (the context's
``SITEURL`` and ``localsiteurl``: Pelican rewrites the links in a summary with the
latter) and per value named in the tag: strings and numbers by value, any other
object by identity. It must depend on nothing else. The store lives in the build's
shared context (``start``, once every generator has read its content; pages are
written only after that), so it lasts one build, and it does not exist when a
template is rendered outside a build: the fragment is then rendered every time.

Pure module: Jinja only. The page keys of ``reuse_writer`` are not affected: a page
still names, and is keyed on, every value its fragments read.
"""

from __future__ import annotations

from collections.abc import MutableMapping

from jinja2 import nodes
from jinja2.ext import Extension

STORE = "digest_fragments"  # the name of the store in the build's context
_BY_VALUE = (str, int, float, bool, type(None))


def start(context: MutableMapping) -> None:
    """Give this build's pages a store of fragments (``context``: Pelican's shared one)."""
    context[STORE] = {}


def _part(value) -> object:
    return value if isinstance(value, _BY_VALUE) else (id(value), type(value))


class MemoExtension(Extension):
    tags = {"memo"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        values = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            values.append(parser.parse_expression())
        body = parser.parse_statements(("name:endmemo",), drop_needle=True)
        place = nodes.Const(f"{parser.name}:{lineno}")
        call = self.call_method(
            "_render", [place, nodes.ContextReference(), nodes.Tuple(values, "load")])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _render(self, place, context, values, caller):
        store = context.get(STORE)
        if store is None:
            return caller()
        key = (place, context.get("SITEURL"), context.get("localsiteurl"),
               *map(_part, values))
        kept = store.get(key)
        if kept is None:
            # The values are kept with the text: an id stays theirs while it is a key.
            kept = store[key] = (values, caller())
        return kept[1]
