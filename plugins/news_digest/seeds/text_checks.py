"""Text a seed may not carry: characters XML cannot hold, unclosed bidirectional
controls, and values that show nothing at all.

Pure module (seeds stage): no Pelican import. Used by the seed parser (``seed.py``)
and by the importer's text cleaning (``html_text.py``).
"""

from __future__ import annotations

import re
import unicodedata

# XML 1.0 has no place for surrogates, U+FFFE and U+FFFF (a feed writer fails on
# them), and Unicode's other non-characters (U+FDD0..U+FDEF, the last two code
# points of every plane) are "not for interchange": feed readers reject them too.
# Two patterns: a class of characters above U+FFFF is scanned far more slowly by
# ``re``, so it is searched only where such characters occur.
XML_UNSAFE_BMP = "\\ud800-\\udfff\\ufdd0-\\ufdef\\ufffe\\uffff"
XML_UNSAFE_ASTRAL_RE = re.compile("[" + "".join(
    f"\\U{plane << 16 | 0xFFFE:08x}-\\U{plane << 16 | 0xFFFF:08x}" for plane in range(1, 17))
    + "]")
XML_UNSAFE_RE = re.compile(f"[{XML_UNSAFE_BMP}]|{XML_UNSAFE_ASTRAL_RE.pattern}")


def may_hold_astral_noncharacter(data: bytes) -> bool:
    """False when UTF-8 ``data`` surely holds no non-character above U+FFFF: each is
    written ``F0..F4 xF BF BE`` or ``... BF BF`` (two substring searches, far faster
    than the pattern)."""
    return b"\xbf\xbe" in data or b"\xbf\xbf" in data

# Characters that draw nothing: controls, format characters (zero-width space and
# joiners, word joiner, BOM, soft hyphen, bidi controls, tags), surrogates,
# private-use and unassigned code points, every kind of space, and combining marks,
# which only decorate a character before them.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})
# Letters and symbols Unicode defines as blank: the Hangul fillers and the braille
# blank (used to fake an empty name that is not empty).
_BLANK_CHARACTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def has_visible_character(text: str) -> bool:
    """True when at least one character of ``text`` draws something."""
    return any(ch not in _BLANK_CHARACTERS
               and unicodedata.category(ch) not in _INVISIBLE_CATEGORIES for ch in text)


# Bidirectional controls that open a run the rest of the line (or of a feed
# reader's list) is drawn in, and what closes them.
_EMBEDDINGS = {"\u202a": "left-to-right embedding", "\u202b": "right-to-left embedding",
               "\u202d": "left-to-right override", "\u202e": "right-to-left override"}
_ISOLATES = {"\u2066": "left-to-right isolate", "\u2067": "right-to-left isolate",
             "\u2068": "first strong isolate"}
_POP_EMBEDDING, _POP_ISOLATE = "\u202c", "\u2069"
BIDI_CONTROLS_RE = re.compile("[\u202a-\u202e\u2066-\u2069]")


def unclosed_bidi_control(text: str) -> tuple[int, str] | None:
    """``(index, name)`` of the first bidirectional control that ``text`` opens and
    never closes (as the Unicode bidi algorithm pairs them), else None.

    An unclosed right-to-left override in a headline reverses what a feed reader
    or a browser tab draws after it. Stray closers are harmless and allowed.
    """
    if not BIDI_CONTROLS_RE.search(text):
        return None
    stack = _open_runs(text)
    if not stack:
        return None
    index, opener = stack[0]
    return index, _EMBEDDINGS.get(opener) or _ISOLATES[opener]


def close_bidi(text: str) -> str:
    """``text`` with the bidirectional runs it leaves open closed at its end: a cut
    (a headline fitted to 300 characters, a description, an excerpt) through a run
    the whole text closes must not leave it open (``unclosed_bidi_control``)."""
    if not BIDI_CONTROLS_RE.search(text):
        return text
    return text + "".join(_POP_ISOLATE if opener in _ISOLATES else _POP_EMBEDDING
                          for _, opener in reversed(_open_runs(text)))


def _open_runs(text: str) -> list[tuple[int, str]]:
    """``(index, opener)`` of the runs still open at the end of ``text``, outermost first."""
    stack: list[tuple[int, str]] = []
    for index, ch in enumerate(text):
        if ch in _EMBEDDINGS or ch in _ISOLATES:
            stack.append((index, ch))
        elif ch == _POP_EMBEDDING:
            if stack and stack[-1][1] in _EMBEDDINGS:
                stack.pop()
        elif ch == _POP_ISOLATE and any(opener in _ISOLATES for _, opener in stack):
            while stack.pop()[1] not in _ISOLATES:  # closes the embeddings inside it
                pass
    return stack


def describe(ch: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``: how a message names a character."""
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" ({name})" if name else "")
