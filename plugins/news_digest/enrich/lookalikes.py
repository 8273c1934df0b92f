"""Names a reader cannot tell apart, made one key (``enrich/`` stage).

Pure module (no Pelican import), used by ``publishers.py`` (which publisher a story is
filed under, and so which republishing policy of the sources file it gets) and
``attribution.py`` (whether a byline name is a news agency). Two names have one key
when they differ only in:

- case or spacing;
- Unicode form: 'é' written as 'e' and a combining accent (macOS, some feeds),
  full-width letters (NFKC);
- invisible format characters: a zero-width space or joiner, a BOM, a bidi mark
  (category Cf);
- Cyrillic or Greek letters drawn as Latin ones: 'Rеuters' with a Cyrillic 'е' is
  'Reuters' on any screen. A look-alike must never dodge a publisher's policy
  (``link``: its text is never republished), so the letters below are read as the
  Latin letter they look like. Case is folded first, so a letter whose capital looks
  Latin counts as that letter in either case ('в' as 'b', since 'В' looks like 'B'):
  names that differ only in case stay one. A name wholly in Cyrillic or Greek keeps
  its other letters, so it stays its own key unless every letter of it looks Latin
  ('ВВС'): then no reader tells it from the Latin name either.

The table is the part of Unicode's confusables (UTS #39) that maps a Cyrillic or
Greek letter to a single Latin letter, where the two are drawn alike in common fonts,
less the letters whose capital and small forms look like two different Latin letters
(Greek 'Ν' and 'ν', 'Υ' and 'υ'; the palochka).
"""

from __future__ import annotations

import unicodedata
from functools import cache

LATIN_LOOKS = {
    # Cyrillic
    "А": "A", "В": "B", "Е": "E", "Ѕ": "S", "І": "I", "Ј": "J", "К": "K", "М": "M",
    "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X", "У": "Y", "Ү": "Y",
    "Ԛ": "Q", "Ԝ": "W", "Ѵ": "V", "һ": "h", "ԁ": "d",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s",
    "і": "i", "ј": "j", "ԛ": "q", "ԝ": "w", "ү": "y", "ѵ": "v",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Χ": "X",
    "ο": "o", "ρ": "p", "α": "a", "ι": "i",
}
# Applied once case is folded: each letter's folded form to its Latin letter's.
_TABLE = str.maketrans({k.casefold(): v.casefold() for k, v in LATIN_LOOKS.items()})


@cache
def reader_key(name: str) -> str:
    """One key for names no reader tells apart (see the module's docstring)."""
    name = visible(unicodedata.normalize("NFKC", name))
    return " ".join(name.casefold().translate(_TABLE).split())


def visible(name: str) -> str:
    """``name`` without its invisible format characters (category Cf)."""
    return "".join(ch for ch in name if unicodedata.category(ch) != "Cf")
