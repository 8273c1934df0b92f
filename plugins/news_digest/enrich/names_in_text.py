"""Whether a story writes a word as a name (``enrich/`` stage; pure).

``event_text.headline_names`` keeps a headline's rare word as a name of who or where
only when the story's body writes it capitalised as a name: inside a sentence, or
always capitalised. A common word that is capitalised only where a sentence opens
("Rescuers dug ...", later "the rescuers") is not one.

``named_terms`` tells which of a story's terms it writes as names at all (capitalised
somewhere other than where a sentence opens), for ``cluster_score.nameless``: two
stories that each name their own people and places and share none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

# What may stand between a sentence's end (. ! ? : or a new paragraph) and its first
# word: spaces, quotes, brackets. And what joins a word to the next ("Joly-Tremblay").
_OPENING_MARKS = " \t\"'“”‘’()"
_SENTENCE_ENDS = frozenset(".!?:\n")
_WORD_JOINERS = frozenset("'’-_")
# The capitalised words that open a sentence (after its end, spaces, quotation marks or
# a bracket), and the text's first: a word capitalised elsewhere is written as a name
# (named_terms).
_CAPITAL_RE = re.compile(r"[A-Z]\w*")
_OPENING_RE = re.compile(r"[.!?:\n][ \t\"'“”‘’(]*([A-Z]\w*)")


def written_as_name(form: str, body: str, title: str) -> bool:
    """Whether the story's body writes ``form`` (capitalised) as a name: inside a
    sentence, or only ever capitalised. A word that is capitalised where a sentence
    opens ("Rescuers dug...") and written in lower case elsewhere in the story ("the
    rescuers") is not a name."""
    seen = False
    for start in _word_starts(body, form):
        if not _opens_sentence(body, start):
            return True
        seen = True
    lower = form.lower()
    return seen and next(_word_starts(body, lower), None) is None \
        and next(_word_starts(title, lower), None) is None


def _word_starts(text: str, word: str) -> Iterator[int]:
    """Where ``word`` stands as a whole word in ``text`` (str.find: no pattern per word)."""
    at, size, length = text.find(word), len(word), len(text)
    while at >= 0:
        before = text[at - 1] if at else " "
        after = text[at + size] if at + size < length else " "
        if not (before.isalnum() or before in _WORD_JOINERS
                or after.isalnum() or after in _WORD_JOINERS):
            yield at
        at = text.find(word, at + 1)


def _opens_sentence(text: str, at: int) -> bool:
    """Whether a sentence (or the text, or a paragraph) opens at ``at``."""
    before = text[max(0, at - 8):at].rstrip(_OPENING_MARKS)
    return not before or before[-1] in _SENTENCE_ENDS


def named_terms(weights: Mapping[str, float], terms: Mapping[str, list], body: str,
                initials: set[str]) -> list[str]:
    """The terms of ``weights`` (``terms``: each term's facts, its written word last)
    that the story writes capitalised other than where a sentence opens (Kenya,
    Wenchang, Ariane; not "Rocket" opening one), and the initials it was given
    (``initials``: "bma"): two reports of one event share a name of who or where
    (``cluster_score.nameless``). Cheaper than ``written_as_name`` per word: the text's
    capitals are found once. ``event_text`` keeps them in one term of no weight."""
    capitals = set(_CAPITAL_RE.findall(body))
    opening = _OPENING_RE.findall(body)  # a capital that opens a sentence is no name
    first = _CAPITAL_RE.match(body)
    if first:
        opening.append(first[0])
    opens = set(opening)

    def named(form: str) -> bool:  # capitalised, and not only where sentences open
        return form in capitals and (form not in opens
                                     or body.count(form) > opening.count(form))

    found = []
    for term, weight in weights.items():
        if not weight or term not in terms:  # a number
            continue
        word = terms[term][4]
        if (named(word.capitalize()) or word in initials
                or (len(word) <= 5 and named(word.upper()))):
            found.append(term)  # initials: "bma" of "British Medical Association"
    return found
