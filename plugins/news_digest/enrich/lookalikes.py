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

The table (``seeds/latin_looks.py``) is the part of Unicode's confusables (UTS #39)
that maps a Cyrillic or Greek letter to a single Latin letter, where the two are drawn
alike in common fonts.
The letters whose capital and small forms look like two different Latin letters
(Greek 'Ν' N and 'ν' v, 'Υ' Y and 'υ' u; the palochka 'Ӏ' I and 'ӏ' l) are read as
those, before case is folded, in a word that holds a Latin letter ('ΝEWS' is 'NEWS',
'νiews' 'views'): a Greek word keeps them ('ΝΈΑ' and 'Νέα' stay one name, as any
name and its capitals).

Not read alike: Latin letters that other Latin letters resemble ('rn' and 'm', 'l'
and 'I', '0' and 'O'). Real names differ so ('Byrne' and 'Byme', 'Kern' and 'Kem'),
and one key would file two publishers as one, under one policy. A feed cannot pick
the name of a source the sources file lists (the file names it), and a name that
matches no source gets the site's default policy, ``link`` unless the site says
otherwise.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from ..seeds.latin_looks import LATIN_LOOKS, TWO_FACED

__all__ = ["LATIN_LOOKS", "TWO_FACED", "reader_key", "visible"]

# Applied once case is folded: each letter's folded form to its Latin letter's.
_TABLE = str.maketrans({k.casefold(): v.casefold() for k, v in LATIN_LOOKS.items()})
# Capital and small forms drawn as two Latin letters: read so in a word with Latin.
_TWO_FACED = str.maketrans(TWO_FACED)


@cache
def reader_key(name: str) -> str:
    """One key for names no reader tells apart (see the module's docstring)."""
    name = visible(unicodedata.normalize("NFKC", name))
    words = [_in_latin(word) for word in name.split()]
    return " ".join(" ".join(words).casefold().translate(_TABLE).split())


def _in_latin(word: str) -> str:
    """``word`` with its two-faced letters read as Latin, if it holds a Latin letter."""
    if any(ch in TWO_FACED for ch in word) and any(_latin(ch) for ch in word):
        return word.translate(_TWO_FACED)
    return word


def _latin(ch: str) -> bool:
    return ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN ")


def visible(name: str) -> str:
    """``name`` without its invisible format characters (category Cf)."""
    return "".join(ch for ch in name if unicodedata.category(ch) != "Cf")
