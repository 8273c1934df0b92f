"""What a story says about its event: its distinctive terms, weighted (``enrich/`` stage).

Pure module (no Pelican import); ``clusters.py`` compares stories by these terms.

Two reports of one event share what is particular to it: the names of the people,
places and firms in it, its numbers (a fine of €46.2m, a 3-1 score, 6.4 million
customers) and its rarer words (parity clauses, salmonella, ransomware). Common
words say nothing about which event a story reports, so each word is weighted by
how rare it is in English at large (``wordfreq``'s frequency list), not by how rare
it is among the stories being clustered: a story's terms then depend on its own
text only, which keeps clustering incremental and its results stable when
unrelated stories come and go.

Outlets write one event differently, and a term is normalised so that those
differences vanish: case, accents (Charité, Charite; Osnabrück, Osnabrueck),
British and American spelling (defence, defense; travelled, traveled), plurals,
a verb's forms (raising, raised: raise; ``word_forms.py``), and numbers as
written (46.2 million, €46.2m, 46,200,000; 64 lakh, 6.4 million), which become one
term per value at two significant digits.
"""

from __future__ import annotations

import heapq
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import chain
from operator import itemgetter

from ..seeds.text import without_truncation
from .event_contests import contest_terms, is_active
from .event_heads import HEAD_MARK, KIND_AT, head_terms
from .event_numbers import currency_term, number_terms
from .event_quotes import QUOTE_MARK, quote_terms
from .event_verbs import FOLLOW_UP_TERM, follow_up_act
from .event_words import (  # noqa: F401  (word_weight, normalise_word: this module's interface)
    _TERM_OF,
    _WRITTEN_AS,
    INITIALS,
    _frequencies,
    _term_of,
    institution_initials,
    normalise_word,
    short_names,
    word_weight,
)
from .names_in_text import named_terms, written_as_name
from .words import words

RARITY_POWER = 1.0  # a term's weight grows with its rarity to this power
HEADLINE_BONUS = 1.0  # a term in the headline counts this much more
TAIL_WEIGHT = 0.5  # a term first seen in the last paragraph counts this much
REPEAT_GAIN = 1.0  # and a little more each time it is repeated (times the log of the count)
LEADING_NAME_FACTOR = 0.25  # weight kept by a given name ("Melanie" of Melanie Joly-Tremblay)
_DATELINE_SPAN = 80
_NAME = r"[A-Z][\w'’]*"
# A run of capitalised words: \b[A-Z] written as [A-Z] not after a word character, so
# that the pattern opens with a character class, which the regex engine skips to fast.
_CAPITAL_RUN_RE = re.compile(rf"[A-Z](?<!\w[A-Z])[\w'’]*(?:(?:-| +){_NAME})+")
_TOKEN_RE = re.compile(r"[\w'’-]+")
_BY_SCORE_THEN_TERM = itemgetter(1, 0)
_AGENCY_RE = re.compile(r"\s*\((?:[A-Z][A-Za-z]*[ .&/-]?){1,4}\)\s*")
TERMS_KEPT = 48  # the strongest terms that stand for the story
MAX_TERM_WEIGHT = 0.5  # no term of a story's unit vector weighs more (capped())
CAP_ROUNDS = 6
NAME_RARITY = 2.5  # headline names at least this rare (word_weight) are checked
GIVEN_NAME_AS_SURNAME = True  # a headline's given name is checked as its surname (surname_of)
FOLLOW_UP = True  # a headline that tells an aftermath gets FOLLOW_UP_TERM (event_verbs)
# Only the start of a long story is read: news tells the event first, and what comes
# after (background, other events) would add cost and noise, not evidence.
MAX_WORDS = 300
SQUARE_SCALE = 10**12

# What aggregators add: "Headline - CNN", "Headline | Reuters", "… [+2345 chars]".
_PUBLISHER_SUFFIX_RE = re.compile(r"\s+[-|–—]\s+(?:[A-Z][\w.&'’]*\s?){1,4}\s*$")
# Initials written with points, as some outlets do ("F.B.I.", "U.N."): one word, as
# others write it ("FBI", "UN"); split at the points they would be single letters.
_DOTTED_RE = re.compile(r"[A-Z](?<![\w.][A-Z])\.(?:[A-Z]\.)+")
_DOTTED_HINT_RE = re.compile(r"\.[A-Z]\.")  # found fast (it opens with a literal)
_HAS_DIGIT = re.compile(r"\d")
_PLAIN_COUNT_RE = re.compile(r"≈\d+$")  # a whole number without unit: a count
# "50-point cut", "25 basis points": an amount, not a count.
_POINTS_RE = re.compile(r"\b(\d+)[- ](?:basis[- ])?(?:points?|bps|bp)\b", re.IGNORECASE)
# A name the story writes within the words read but not among its strongest terms is
# kept as a term of no weight under this mark ("@pelosi"): a headline's name that the
# other story writes there is mentioned (cluster_score.lacks), not missing.
MENTION_MARK = "@"
NAME_MARK = "!"  # opens the term listing those the story writes as names: "!kenya nairobi"
NAMED_TERMS = True


class EventTerms:
    """A story's strongest terms, ``weights[term]`` already scaled to unit length.

    Kept compact, one per story for the whole digest: each term's weight squared as
    an integer (``squares``, times ``SQUARE_SCALE``: integer sums are exact in any
    order), which is all that scoring reads, and the weights themselves as an array
    of floats in the same order (``weights`` makes the mapping when asked: for
    ``explain`` and the record kept between builds). Immutable once made.
    """

    __slots__ = ("squares", "_weights", "norm", "names", "quoted", "headed", "follows",
                 "named", "contests")

    def __init__(self, weights: Mapping[str, float], norm: float,
                 names: frozenset[str] = frozenset()):
        object.__setattr__(self, "squares", {t: round(w * w * SQUARE_SCALE)
                                             for t, w in weights.items()})
        object.__setattr__(self, "_weights", array("d", weights.values()))
        object.__setattr__(self, "norm", norm)  # the vector's length before scaling
        object.__setattr__(self, "names", names)  # the headline's names (who, where)
        # whether it holds a quote term (event_quotes): most pairs need not look for one
        object.__setattr__(self, "quoted", any(t[0] == QUOTE_MARK for t in self.squares))
        # and a head term (event_heads): who did what, in its headline; 2 when one tells
        # a kind of act (event_verbs), which only a pair of two such stories looks for
        heads = [t for t in self.squares if t[0] == HEAD_MARK]
        object.__setattr__(self, "headed", (2 if any(KIND_AT in t for t in heads) else 1)
                           if heads else 0)
        # whether its headline tells an aftermath (event_verbs.follow_up_act)
        object.__setattr__(self, "follows", FOLLOW_UP_TERM in self.squares)
        # its headline's category or stage, or another doer (event_contests)
        object.__setattr__(self, "contests", tuple(filter(is_active, self.squares)))
        # the terms it writes as names (named_terms), told by one term of no weight that
        # lists them ("!kenya nairobi"), as the existing strings (a tuple: little memory)
        listed = next((t for t in self.squares if t[0] == NAME_MARK), None)
        if listed is None:
            object.__setattr__(self, "named", ())
        else:
            wanted = frozenset(listed[1:].split())
            object.__setattr__(self, "named", tuple(t for t in self.squares if t in wanted))

    def __setattr__(self, name, value):
        raise AttributeError(f"EventTerms is immutable: cannot set {name}")

    __delattr__ = __setattr__

    @property
    def weights(self) -> dict[str, float]:
        return dict(zip(self.squares, self._weights, strict=True))

    @property
    def terms(self):
        """The terms as a set-like view (``&``, ``-``, ``in``)."""
        return self.squares.keys()

    def __eq__(self, other):
        if not isinstance(other, EventTerms):
            return NotImplemented
        return (self.weights, self.norm, self.names) == (other.weights, other.norm,
                                                          other.names)

    __hash__ = None

    def __reduce__(self):
        return (EventTerms, (self.weights, self.norm, self.names))

    def __repr__(self) -> str:
        return f"EventTerms(weights={self.weights!r}, norm={self.norm!r}, names={self.names!r})"

    def strongest(self, n: int) -> tuple[str, ...]:
        """The ``n`` heaviest terms (ties: the later term in alphabetical order first)."""
        weighed = zip(self.squares, self._weights, strict=True)
        return tuple(term for term, _ in heapq.nlargest(n, weighed, key=_BY_SCORE_THEN_TERM))

    def plain(self) -> tuple[list[str], list[float]]:
        """The terms and their weights, in one order, as JSON-ready lists."""
        return list(self.squares), self._weights.tolist()


def leading_name_words(paragraphs: Iterable[str], counts: Mapping[str, int],
                       runs: Iterable[str] | None = None) -> set[str]:
    """Words that only ever open a run of capitalised words: given names and the like.

    "Mélanie Joly-Tremblay said ... Joly-Tremblay told": one person, and "melanie"
    would otherwise count as a second rare term shared by every story that names
    her. A word is a leading name word when every one of its ``counts`` (the story's
    lower-cased word counts) is a place before the last word of a run; the last
    word (the surname, "Piccadilly" in "Manchester Piccadilly") keeps its weight.
    """
    leading: dict[str, int] = {}
    if runs is None:  # the runs of capitalised words of the paragraphs (a run ends at a newline)
        runs = _CAPITAL_RUN_RE.findall("\n".join(paragraphs))
    for run in runs:
        for word in words(run)[:-1]:
            leading[word] = leading.get(word, 0) + 1
    return {word for word, times in leading.items() if times >= counts.get(word, 0) - 1}


def mentioned_names(terms: Mapping[str, list], weights: Mapping[str, float],
                    body: str) -> list[str]:
    """The names the story writes (a rare word of the words read, ``NAME_RARITY`` or
    more, found capitalised in ``body``) that are not among its ``weights``, marked
    (``MENTION_MARK``): Pelosi named in the 273rd word of a report that is about
    Tlaib. They weigh nothing; ``cluster_score.lacks`` reads them."""
    return [MENTION_MARK + term for term, (weight, *_) in terms.items()
            if weight >= NAME_RARITY and term not in weights and term.isalpha()
            and (term.capitalize() in body or term.upper() in body)]


def headline_names(title: str, body: str, given: set[str]) -> set[str]:
    """The headline's rare words that the story's body writes capitalised: the names of
    who and where ("Sulawesi", "Kanlaon", "CyberArk"), not a given name, not a common
    word that opens a sentence ("Rescuers"), not a country one outlet leaves out."""
    found = set()
    for token in _TOKEN_RE.findall(title):
        if any(form[0].isupper() and form in body and written_as_name(form, body, title)
               for form in (token, token.capitalize(), token.upper())):
            found.update(words(token))
    return {w for w in found if w not in given
            and word_weight(_WRITTEN_AS.get(w, w)) >= NAME_RARITY}


_FOLLOWING_NAME_RE = re.compile(r" ([A-Z][\w'’-]*)")


def surname_of(name: str, body: str, lowered: str, weights: Mapping[str, float]) -> str:
    """A headline name that the story's body writes, more often than not, before one
    other capitalised word (a given name before a surname: "Huma" of "Huma Abedin") is
    that word's term, where the story keeps it: other reports name the person by the
    surname ("abedin") and may leave the given name out. Any other name is itself."""
    followers: Counter = Counter()
    seen = 0
    at = lowered.find(name)
    while at >= 0:
        end = at + len(name)
        if body[at].isupper() and not (at and body[at - 1].isalnum()) and not (
                end < len(body) and body[end].isalnum()):
            seen += 1
            follows = _FOLLOWING_NAME_RE.match(body, end)
            if follows:
                followers[follows[1]] += 1
        at = lowered.find(name, end)
    if not followers:
        return name
    word, times = min(followers.items(), key=lambda item: (-item[1], item[0]))
    found = _term_of(word.lower())
    return found[0] if (2 * times > seen and found is not None and found[0] in weights
                        and found[0] != name) else name


def _headline_numbers(title: str, weights: Mapping[str, float]) -> set[str]:
    """The headline's amounts at two significant digits and its scores ("≈480m", "#3-1").

    A plain count (24 dead, 400 firefighters, 1,800 acres) is left out: a toll rises
    as the news comes in and outlets count in their own units, so two reports of one
    event differ in it; an amount (€480m, 32%, magnitude 6.8) or a result does not.
    """
    points = {f"≈{float(f'{int(n):.2g}'):g}" for n in _POINTS_RE.findall(title)}
    return {term for term, _ in number_terms(title)
            if term in weights and ((term[0] == "≈" and (not _PLAIN_COUNT_RE.match(term)
                                                          or term in points))
                                    or (term[0] == "#" and "-" in term))}


def strip_dateline(paragraph: str) -> str:
    """The first paragraph without a wire agency's tag: "LONDON, Nov 6 (Reuters) - "."""
    head = paragraph[:_DATELINE_SPAN]
    match = _AGENCY_RE.search(head)
    return paragraph if match is None else f"{paragraph[:match.start()]} {paragraph[match.end():]}"


def _undot(text: str) -> str:
    """``text`` with initials written with points as one word: "F.B.I." is "FBI"."""
    return _DOTTED_RE.sub(_without_points, text) if _DOTTED_HINT_RE.search(text) else text


def _without_points(match: re.Match) -> str:
    return match[0].replace(".", "")


def _read(title: str, paragraphs: Iterable[str]) -> tuple[str, list[str], list[list[str]]]:
    """The headline and paragraphs as far as ``MAX_WORDS``, cleaned, and their words."""
    title = _undot(_PUBLISHER_SUFFIX_RE.sub("", title))
    kept: list[str] = []
    split = [words(title)]
    told = 0
    for text in paragraphs:  # the story as far as MAX_WORDS
        if text.endswith("chars]"):
            text = without_truncation(text)
        if not kept:
            text = strip_dateline(text)
        kept.append(_undot(text))
        split.append(words(text))
        told += len(split[-1])
        if told >= MAX_WORDS:
            break
    return title, kept, split


def event_terms(title: str, paragraphs: Iterable[str]) -> EventTerms:
    """The weighted terms of one story: what ``clusters.py`` compares.

    A term weighs its rarity (``word_weight``) to the power ``RARITY_POWER``, times a
    place factor (``1 + HEADLINE_BONUS`` in the headline, then from 1 in the first
    paragraph down to ``TAIL_WEIGHT`` in the last: the event is told first, and a
    passing mention of another event sits in the background paragraphs), times
    ``1 + REPEAT_GAIN * log(count)`` (repeats count, but little). The strongest
    ``TERMS_KEPT`` stand for the story, scaled to unit length with none over
    ``MAX_TERM_WEIGHT`` (``capped``).
    """
    title, paragraphs, split = _read(title, paragraphs)
    counts = Counter(chain.from_iterable(split))
    first: dict[str, int] = {}
    for place in range(len(split) - 1, -1, -1):  # the earliest place a word is seen
        first.update(dict.fromkeys(split[place], place))
    body = "\n".join(paragraphs)
    runs = _CAPITAL_RUN_RE.findall(body)  # a run ends at a newline
    given = leading_name_words(paragraphs, counts, runs)
    initials: set[str] = set()  # the initials and short names given (a name each)
    if INITIALS:  # "British Medical Association": "bma" too, once, where it is named
        for short, at in (*short_names(body), *institution_initials(runs, body)):
            if short not in counts:
                counts[short] = 1
                initials.add(short)
                first[short] = body.count("\n", 0, at) + 1
    last = max(1, len(paragraphs) - 1)
    place_factor = [1 + HEADLINE_BONUS] + [1 - (1 - TAIL_WEIGHT) * i / last
                                           for i in range(len(paragraphs))]
    # term -> [weight, count, earliest place, a given name, a word written for it]
    terms: dict[str, list] = {}
    term_of = _TERM_OF.get
    for word, count in counts.items():
        found = term_of(word, False)
        if found is False:
            found = _term_of(word)
        if found is None:
            continue
        term, weight = found
        seen = terms.get(term)
        if seen is None:
            terms[term] = [weight, count, first[word], word in given, word]
        else:  # another form of the term ("floods", "flood"): counted together
            seen[0] = min(seen[0], weight)
            seen[1] += count
            seen[2] = min(seen[2], first[word])
            seen[3] = seen[3] and word in given
    log = math.log
    scores = {term: weight ** RARITY_POWER * place_factor[place] * (1 + REPEAT_GAIN * log(count))
              * (LEADING_NAME_FACTOR if is_given else 1.0)
              for term, (weight, count, place, is_given, _) in terms.items()}
    numbers: dict[str, list[float]] = {}  # term -> [weight, count, best place factor]
    for place, text in enumerate((title, *paragraphs)):
        if not _HAS_DIGIT.search(text):
            continue
        for term, weight in number_terms(text):
            seen = numbers.setdefault(term, [weight, 0, place_factor[place]])
            seen[0] = min(seen[0], weight)
            seen[1] += 1
    for term, (weight, count, factor) in numbers.items():
        scores[term] = weight ** RARITY_POWER * factor * (1 + REPEAT_GAIN * log(count))
    kept = heapq.nlargest(TERMS_KEPT, scores.items(), key=_BY_SCORE_THEN_TERM)
    norm = math.sqrt(math.fsum(score * score for _, score in kept))
    if not norm:
        return EventTerms({}, 0.0)
    weights = capped({term: score / norm for term, score in kept})
    weights.update(dict.fromkeys(quote_terms(title, paragraphs), 0.0))  # weigh nothing
    weights.update(dict.fromkeys(mentioned_names(terms, weights, body), 0.0))  # nor these
    weights.update(dict.fromkeys(head_terms(title, body), 0.0))  # nor who did what
    weights.update(dict.fromkeys(contest_terms(title, counts), 0.0))  # nor which contest
    if money := currency_term(title, f"{title}\n{body}", counts):
        weights[money] = 0.0  # nor the currencies of its amounts (cluster_score.lacks)
    if NAMED_TERMS:  # nor which of its terms it writes as names, listed in one term
        named = named_terms(weights, terms, body, initials)
        if named:
            weights[NAME_MARK + " ".join(sorted(named))] = 0.0
    if FOLLOW_UP and follow_up_act(title):
        weights[FOLLOW_UP_TERM] = 0.0  # nor that its headline tells an aftermath
    named = headline_names(title, body, given)
    names = {found[0] for found in map(_term_of, named)
             if found is not None and found[0] in weights}
    if names and GIVEN_NAME_AS_SURNAME:
        lowered = body.lower()
        names = {surname_of(name, body, lowered, weights) for name in names}
    names.update(_headline_numbers(title, weights))
    return EventTerms(weights, norm, names=frozenset(names))


def capped(weights: dict[str, float]) -> dict[str, float]:
    """Unit weights where no term weighs more than ``MAX_TERM_WEIGHT``.

    A story's heaviest term is often its subject: the firm, the team, the person
    ("Piastri" in a race report). Two stories that share only the subject share no
    event, so no one term may carry a pair: the heaviest are lowered to the cap and
    the rest scaled up to unit length again, a few rounds until none is over it.
    """
    cap = MAX_TERM_WEIGHT
    for _ in range(CAP_ROUNDS):
        if max(weights.values()) <= cap + 1e-9 or len(weights) * cap * cap < 1:
            break
        over = {t for t, w in weights.items() if w >= cap}
        rest = math.fsum(w * w for t, w in weights.items() if t not in over)
        room = 1 - len(over) * cap * cap
        if rest <= 0 or room <= 0:
            break
        scale = math.sqrt(room / rest)
        weights = {t: cap if t in over else w * scale for t, w in weights.items()}
    return weights
