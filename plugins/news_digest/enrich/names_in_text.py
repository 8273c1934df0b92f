"""Whether a story writes a word as a name (``enrich/`` stage; pure).

``event_text.headline_names`` keeps a headline's rare word as a name of who or where
only when the story's body writes it capitalised as a name: inside a sentence, or
always capitalised. A common word that is capitalised only where a sentence opens
("Rescuers dug ...", later "the rescuers") is not one.
"""

from __future__ import annotations

from collections.abc import Iterator

# What may stand between a sentence's end (. ! ? : or a new paragraph) and its first
# word: spaces, quotes, brackets. And what joins a word to the next ("Joly-Tremblay").
_OPENING_MARKS = " \t\"'“”‘’()"
_SENTENCE_ENDS = frozenset(".!?:\n")
_WORD_JOINERS = frozenset("'’-_")


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
