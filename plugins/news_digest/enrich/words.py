"""The words of a text that topic phrases are matched against (pure module).

Both sides of a match are split the same way: a taxonomy's phrases when it is
compiled, a story's headline and body when it is classified (``topics.py``).
"""

from __future__ import annotations

import re
import string

# Words are runs of \w characters. ASCII text (most stories) is split with a
# translation table, which is several times faster than a regular expression
# and gives exactly the same words. The table also lower-cases A-Z, which is all
# that ``str.lower`` changes in ASCII text: one pass over the text, not two.
_WORD_RE = re.compile(r"\w+")
_ASCII_SPLIT = str.maketrans({c: " " for c in string.punctuation.replace("_", "")}
                             | {c: c.lower() for c in string.ascii_uppercase})


def words(text: str) -> list[str]:
    """Lower-cased words of ``text``: what phrases are matched against."""
    if text.isascii():
        return text.translate(_ASCII_SPLIT).split()
    return _WORD_RE.findall(text.lower())


def phrase_key(phrase: str) -> tuple[str, ...]:
    """A taxonomy phrase's words as they are matched: lower-cased, as a story's words
    are, except those of a phrase written in capitals ("DUP"), kept as written: such a
    phrase matches only where a story writes it in capitals (``phrase_matcher.py``)."""
    if phrase.isupper():
        return tuple(_WORD_RE.findall(phrase))
    return tuple(words(phrase))


# The same words of ASCII text as bytes, which split and hash faster than str.
# bytes.split() knows fewer white-space characters than str.split(): the four
# ASCII separators str.split() also splits on become spaces first.
_ASCII_BYTES = bytes.maketrans(
    bytes(range(128)),
    "".join(chr(c).translate(_ASCII_SPLIT) for c in range(128))
    .translate({c: " " for c in range(0x1C, 0x20)}).encode())


def ascii_words(text: str) -> list[bytes]:
    """``words(text)`` encoded, for ``text`` that is ASCII."""
    return text.encode().translate(_ASCII_BYTES).split()
