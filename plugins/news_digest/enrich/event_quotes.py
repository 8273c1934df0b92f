"""The words a story quotes, as terms that two reports of one utterance share (``enrich/``).

Pure module (no Pelican import), used by ``event_text.py`` (the terms) and
``cluster_score.py`` (what a shared quotation changes).

Independent reports of one statement, speech, tweet or letter word their own
sentences but quote the same words: "a war of Obama's choosing", "lines of
communication remain open", "the whole damn report". A run of ``QUOTE_WORDS``
words inside quotation marks, rare enough as a whole (``QUOTE_RARITY``: "as a
result of" is no evidence), is kept as a quote term ("“war of obama's choosing").
Quote terms weigh nothing in the similarity (the quoted words count already as
words); two stories that carry one are telling one utterance, so the days their
leads name (a reaction's day against the statement's) do not lower their score
(``cluster_score.quoted_alike``). The time between them still does.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable

from .event_words import word_weight

QUOTE_MARK = "\u201c"  # a quote term opens with it: “war of obama's choosing
QUOTE_WORDS = 4  # words in a run that two stories must quote alike
QUOTE_RARITY = 3.0  # the run's words' weights (word_weight) add up to this much
QUOTES_KEPT = 24  # a story's rarest runs kept (a speech quoted at length has many)
_QUOTE_RE = re.compile(r"[\u201c\"]([^\u201d\"\n]{3,600})[\u201d\"]")
_WORD_RE = re.compile(r"[a-z0-9']+")
_APOSTROPHES = str.maketrans("\u2019\u2018", "''")


def quote_terms(title: str, paragraphs: Iterable[str]) -> list[str]:
    """The story's quoted runs of ``QUOTE_WORDS`` words that are rare enough, as terms,
    the ``QUOTES_KEPT`` rarest (ties: in alphabetical order), sorted."""
    found: dict[str, float] = {}
    for text in (title, *paragraphs):
        if '"' not in text and QUOTE_MARK not in text:
            continue
        for match in _QUOTE_RE.finditer(text):
            said = _WORD_RE.findall(match[1].lower().translate(_APOSTROPHES))
            if len(said) < QUOTE_WORDS:
                continue
            rare = list(map(word_weight, said))
            for start in range(len(said) - QUOTE_WORDS + 1):
                rarity = sum(rare[start:start + QUOTE_WORDS])
                if rarity >= QUOTE_RARITY:
                    found[QUOTE_MARK + " ".join(said[start:start + QUOTE_WORDS])] = rarity
    if len(found) > QUOTES_KEPT:
        found = dict(heapq.nsmallest(QUOTES_KEPT, found.items(),
                                     key=lambda item: (-item[1], item[0])))
    return sorted(found)


def quoted_alike(common: Iterable[str]) -> bool:
    """Whether two stories' shared terms ``common`` hold a quote term."""
    return any(term[0] == QUOTE_MARK for term in common)
