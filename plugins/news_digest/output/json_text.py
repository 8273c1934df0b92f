"""Indented JSON, byte for byte as ``json.dumps(value, indent=N, ...)`` writes it, faster.

Pure module. With ``indent`` the standard library leaves its C encoder for a Python
generator that yields every separator on its own; a build writes thousands of
indented documents (JSON Feed files, each story's JSON-LD). Here each container is
joined in one call and each string escaped by the C function ``json`` itself uses.
Values other than dicts, lists, tuples, text, numbers, booleans and None (and dict
keys other than text) are handed to ``json.dumps`` whole, so the result is always
what it would have written.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring, encode_basestring_ascii

_LITERALS = {True: "true", False: "false", None: "null"}


def dumps_indented(value, indent: int, *, sort_keys: bool = False,
                   ensure_ascii: bool = True) -> str:
    """``json.dumps(value, indent=indent, sort_keys=sort_keys, ensure_ascii=ensure_ascii)``."""
    quote = encode_basestring_ascii if ensure_ascii else encode_basestring
    pads = ["\n"]  # a newline and the indent of each level

    def pad(level: int) -> str:
        while len(pads) <= level:
            pads.append("\n" + " " * (indent * len(pads)))
        return pads[level]

    def text(node, level: int) -> str:
        kind = type(node)
        if kind is str:
            return quote(node)
        if kind is dict:
            if not node:
                return "{}"
            if not all(type(key) is str for key in node):
                raise NotImplementedError  # json.dumps writes the whole
            inner = pad(level + 1)
            items = sorted(node.items()) if sort_keys else node.items()
            return "{" + inner + ("," + inner).join(
                quote(key) + ": " + text(item, level + 1) for key, item in items
            ) + pad(level) + "}"
        if kind is list or kind is tuple:
            if not node:
                return "[]"
            inner = pad(level + 1)
            return "[" + inner + ("," + inner).join(
                text(item, level + 1) for item in node) + pad(level) + "]"
        if kind is int:
            return int.__repr__(node)
        if node is True or node is False or node is None:
            return _LITERALS[node]
        raise NotImplementedError  # floats (nan, infinity), subclasses, anything else

    try:
        return text(value, 0)
    except NotImplementedError:  # not written here: nothing else raises it
        return json.dumps(value, indent=indent, sort_keys=sort_keys, ensure_ascii=ensure_ascii)
    finally:
        # ``text`` calls itself through its closure: a reference cycle, left for the
        # collector, and kept for good when a build freezes what it holds (gc.freeze)
        del text

