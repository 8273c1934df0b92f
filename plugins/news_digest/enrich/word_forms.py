"""One form for the inflections of a word: "raising", "raised" and "raises" are "raise"
(``enrich/`` stage).

Pure module (no Pelican import), used by ``event_text.normalise_word``. Two reports
of one event tell it in different tenses and voices ("Nintendo raises prices",
"Nintendo is raising the price", "prices raised"), so a verb's forms are one term.
There is no dictionary of English inflections here: a suffix is taken off only when
what remains (or that plus "e", or with a doubled consonant undone) is a word of
the frequency list, so names and rare words are left as they are.
"""

from __future__ import annotations

from collections.abc import Container

_VOWELS = frozenset("aeiou")
# A doctrine and its followers are the thing itself: "terrorism" and "terrorists" are
# "terror", "extremist" is "extreme", "Islamist" is "Islam" (where that is a word of the
# list, from a stem of at least _DOCTRINE_STEM letters: "assist", "exist" stay).
_DOCTRINE = ("ism", "ist")
_DOCTRINE_STEM = 5


def _first_word(candidates, known: Container[str]) -> str | None:
    for candidate in candidates:
        if len(candidate) >= 3 and candidate in known:
            return candidate
    return None


def base_form(word: str, known: Container[str]) -> str:
    """``word`` without an -ing, -ed or -s ending when its base is a ``known`` word."""
    if len(word) > 5 and word.endswith("ing"):
        stem = word[:-3]
        doubled = stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] \
            and stem[-1] not in _VOWELS and stem[-1] not in "ls" else None
        found = _first_word((doubled or "", stem + "e", stem), known) if doubled \
            else _first_word((stem, stem + "e"), known)
        return found or word
    if len(word) > 4 and word.endswith("ed"):
        stem = word[:-2]
        if stem.endswith("i"):
            return _first_word((stem[:-1] + "y",), known) or word
        doubled = stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] \
            and stem[-1] not in _VOWELS and stem[-1] not in "ls" else None
        candidates = (doubled, stem) if doubled else (word[:-1], stem)
        return _first_word(candidates, known) or word
    if len(word) == 4 and word.endswith("s") and word[-2] not in "siu":
        return _first_word((word[:-1],), known) or word
    if word.endswith(_DOCTRINE) and len(word) >= _DOCTRINE_STEM + 3:
        stem = word[:-3]
        return _first_word((stem, stem + "e"), known) or word
    return word

