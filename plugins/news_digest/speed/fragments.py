"""``{% memo value, ... %}...{% endmemo %}``: a template fragment rendered once per build.

A story's summary item is the same on every list that shows it (its edition, a home
page, each of its topics, its publisher's page) but for the prefix of its links.
Rendering it there four or five times was most of the time spent on listing pages.
With this tag the theme renders it once per story, heading and page depth, and reuses
the text everywhere else.

A fragment is kept per place in the templates, per address of the page being written
(its ``SITEURL`` and ``localsiteurl``, and the ``localsiteurl`` of Pelican's shared
context, with which a story's summary rewrites its links: ``Speed.page``, set by the
build's writer around each render), per ``SITEURL`` and ``localsiteurl`` of the context
the tag runs in, and per value named in the tag: strings and numbers by value, any
other object by identity. It must depend on nothing else: a macro imported without
context names in the tag the arguments its fragment reads (``{% memo article,
SITEURL %}``). The store belongs to the build (``Speed.fragments``, made once every
generator has read its content: pages are written only after that, and dropped when
the build ends), reached through the extension of each Jinja environment of the
build; without it (a template rendered outside a build, ``DIGEST_SPEED = False``) the
fragment is rendered every time.

Pure module: Jinja only. The page keys of ``reuse_writer`` are not affected: a page
still names, and is keyed on, every value its fragments read.
"""

from __future__ import annotations

from jinja2 import nodes
from jinja2.ext import Extension

_BY_VALUE = (str, int, float, bool, type(None))


def _part(value) -> object:
    return value if isinstance(value, _BY_VALUE) else (id(value), type(value))


class MemoExtension(Extension):
    tags = {"memo"}
    speed = None  # the build's Speed, set when the extension is added to its environment

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
        speed = self.speed
        store = speed.fragments if speed is not None else None
        if store is None:
            return caller()
        key = (place, speed.page, context.get("SITEURL"), context.get("localsiteurl"),
               *map(_part, values))
        kept = store.get(key)
        if kept is None:
            # The values are kept with the text: an id stays theirs while it is a key.
            kept = store[key] = (values, caller())
        return kept[1]
