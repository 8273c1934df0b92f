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
and numbers as written (46.2 million, €46.2m, 46,200,000; 64 lakh, 6.4 million),
which become one term per value at two significant digits.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from itertools import chain

from .words import words

# A word as frequent as "said" or more (Zipf 6: once per million words... times a
# thousand) says nothing; weights grow by one per tenfold rarer word.
COMMON_ZIPF = 6.0
# Words missing from the frequency list (rarer than Zipf 3: most names) count as this.
RARE_ZIPF = 2.0
NUMBER_WEIGHT = 3.0  # a number as written is as telling as a rare name: 46.2m
CLOSE_NUMBER_WEIGHT = 2.0  # the same at two significant digits: 46m
ROUGH_NUMBER_WEIGHT = 1.0  # and at one: 50m, for "nearly 6.5m" against 6.4m
YEAR_WEIGHT = 0.8  # years are shared by every story of their time
SCORE_WEIGHT = 3.0  # a result or a vote: 3-1, 112-104, 5-4
RARITY_POWER = 1.0  # a term's weight grows with its rarity to this power
HEADLINE_BONUS = 1.0  # a term in the headline counts this much more
TAIL_WEIGHT = 0.5  # a term first seen in the last paragraph counts this much
REPEAT_GAIN = 1.0  # and a little more each time it is repeated (times the log of the count)
LEADING_NAME_FACTOR = 0.25  # weight kept by a given name ("Melanie" of Melanie Joly-Tremblay)
_DATELINE_SPAN = 80
_NAME = r"[A-Z][\w'’]*"
_NAME_PART_RE = re.compile(_NAME)
_CAPITAL_RUN_RE = re.compile(rf"\b{_NAME}(?:(?:-| +){_NAME})+")
_TERM_CACHE_SIZE = 500_000
_AGENCY_RE = re.compile(r"\s*\((?:[A-Z][A-Za-z]*[ .&/-]?){1,4}\)\s*")
TERMS_KEPT = 64  # the strongest terms that stand for the story
MAX_TERM_WEIGHT = 0.5  # no term of a story's unit vector weighs more (capped())
CAP_ROUNDS = 6
# Only the start of a long story is read: news tells the event first, and what comes
# after (background, other events) would add cost and noise, not evidence.
MAX_WORDS = 400
SQUARE_SCALE = 10**12
MIN_WORD_LENGTH = 2
MIN_WEIGHT = 1.0  # words commoner than Zipf 5 ("police", "court") never stand for an event

_UNITS = {
    "thousand": 1e3, "k": 1e3, "lakh": 1e5, "lakhs": 1e5, "million": 1e6, "mn": 1e6,
    "m": 1e6, "mln": 1e6, "crore": 1e7, "crores": 1e7, "billion": 1e9, "bn": 1e9,
    "bln": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
}
_NUMBER_RE = re.compile(
    r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s?(%|(?:per\s?cent|percent|pc)\b)|"
    r"\s?(thousand|lakhs?|million|mn|mln|crores?|billion|bn|bln|trillion|tn|[kmb])\b)?",
    re.IGNORECASE)
_SCORE_RE = re.compile(r"(?<![\w.,-])(\d{1,3})-(\d{1,3})(?![\w-]|\.\d)")
_DIGITS = frozenset("0123456789")
_MONTH_NAME = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
               r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_CALENDAR_NUMBER_RE = re.compile(
    rf"\b{_MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_NAME}"
    r"|\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\b\.?)|\b\d{1,2}:\d{2}\b|\b[0-2]\d[0-5]\d\s+(?:GMT|UTC)\b")
# Days and months are when, not what: event_dates.py reads them.
_CALENDAR_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "yesterday", "today", "tonight", "overnight"})
_HAS_DIGIT = re.compile(r"\d")
_WEB_PARTS = frozenset({"com", "www", "org", "net", "http", "https"})  # of Booking.com
# British spellings that differ from American ones by more than a suffix rule.
_SPELLING = {
    "defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense",
    "centre": "center", "centres": "centers", "metre": "meter", "metres": "meters",
    "kilometre": "kilometer", "kilometres": "kilometers", "litre": "liter", "litres": "liters",
    "theatre": "theater", "fibre": "fiber", "calibre": "caliber", "programme": "program",
    "programmes": "programs", "tyre": "tire", "tyres": "tires", "aluminium": "aluminum",
    "grey": "gray", "cheque": "check", "mould": "mold", "plough": "plow", "kerb": "curb",
    "diarrhoea": "diarrhea", "oestrogen": "estrogen", "paediatric": "pediatric",
    "manoeuvre": "maneuver", "catalogue": "catalog", "dialogue": "dialog",
    "colour": "color", "labour": "labor", "favour": "favor", "honour": "honor",
    "neighbour": "neighbor", "behaviour": "behavior", "harbour": "harbor", "rumour": "rumor",
    "vigour": "vigor", "humour": "humor", "armour": "armor", "endeavour": "endeavor",
    "leveled": "leveled", "levelled": "leveled",
}
# -ise for -ize, and travelled for traveled: only where the American form is a word.
_ISE_RE = re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations)$")
_DOUBLE_L_RE = re.compile(r"([aeiou][^aeiou]{1,2}[ae])ll(ed|ing|er|ers)$")


@cache
def _frequencies() -> Mapping[str, float]:
    """English word frequencies (``wordfreq``'s small list: words above Zipf 3)."""
    from wordfreq import get_frequency_dict  # noqa: PLC0415  (loaded when first needed)

    return get_frequency_dict("en", wordlist="small")


@cache
def word_weight(word: str) -> float:
    """How much a shared word says that two stories report one event: 0 for "the"."""
    frequency = _frequencies().get(word)
    zipf = math.log10(frequency) + 9 if frequency else RARE_ZIPF
    return max(0.0, COMMON_ZIPF - zipf)


@cache
def normalise_word(word: str) -> str:
    """One spelling for a word however an outlet writes it (accents, UK/US, plurals)."""
    if not word.isascii():
        word = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    elif word not in _frequencies() and len(word) > 4:
        # German transliteration of a name (Osnabrueck) meets the accent-less form
        # (Osnabruck, from Osnabrück); only for words outside the list (names), so
        # that "queue" or "blue" are left alone.
        word = word.replace("ae", "a").replace("oe", "o").replace("ue", "u")
    word = _SPELLING.get(word, word)
    if len(word) > 5:
        for pattern, american in ((_ISE_RE, r"iz\1"), (_DOUBLE_L_RE, r"\1l\2")):
            changed = pattern.sub(american, word)
            if changed != word and changed in _frequencies():
                word = changed
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        if word.endswith("ies"):
            word = word[:-3] + "y"
        elif word.endswith(("ches", "shes", "sses", "xes", "zes")):
            word = word[:-2]
        else:
            word = word[:-1]
    return word


def _round(value: float, digits: int) -> str:
    """``value`` at ``digits`` significant digits, written as a reader would: 46m, 3.8."""
    value = float(f"{value:.{digits}g}")
    for scale, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "m"), (1e4, "k")):
        if value >= scale:
            return f"{value / scale:g}{suffix}"
    return f"{value:g}"


def number_terms(text: str) -> list[tuple[str, float]]:
    """The numbers of a text as (term, weight): values, scores, percentages, years.

    Days of the month and clock times are not numbers of the event ("May 15",
    "9:47 a.m."): every story of that day has them (event_dates.py reads days).
    """
    found: list[tuple[str, float]] = []
    text = _CALENDAR_NUMBER_RE.sub(" ", text)
    for match in _SCORE_RE.finditer(text):
        found.append((f"#{int(match.group(1))}-{int(match.group(2))}", SCORE_WEIGHT))
    for match in _NUMBER_RE.finditer(text):
        whole, fraction, percent, unit = match.groups()
        value = float(whole.replace(",", "") + ("." + fraction if fraction else ""))
        if percent:
            found += _value_terms(value, "%")
            continue
        if unit:
            scale = _UNITS.get(unit.lower())
            if scale is None or (len(unit) == 1 and not fraction and value >= 1000):
                scale = 1.0  # "2,000 m" is metres, not millions
            value *= scale
        elif not fraction and "," not in whole and 1900 <= value <= 2100:
            found.append((f"#y{int(value)}", YEAR_WEIGHT))
            continue
        if value < 13 and not fraction:
            continue  # counts like "three" and "10": in every story
        found += _value_terms(value, "")
    return found


def _value_terms(value: float, unit: str) -> list[tuple[str, float]]:
    """A number as written, at two significant digits and at one: 46.2m, ≈46m, ~50m.

    A round number ($1 billion, 2,000, 30%) is common to many stories, so all three
    of its terms weigh no more than a rough one.
    """
    exact = _round(value, 6)
    round_number = exact == _round(value, 1)
    return [(f"#{exact}{unit}", ROUGH_NUMBER_WEIGHT if round_number else NUMBER_WEIGHT),
            (f"≈{_round(value, 2)}{unit}",
             ROUGH_NUMBER_WEIGHT if round_number else CLOSE_NUMBER_WEIGHT),
            (f"~{_round(value, 1)}{unit}", ROUGH_NUMBER_WEIGHT)]


@dataclass(frozen=True)
class EventTerms:
    """A story's strongest terms, ``weights[term]`` already scaled to unit length."""

    weights: Mapping[str, float]
    norm: float  # length of the vector before scaling (0 for a story with no terms)
    # Derived, for fast comparison: the terms as a set, and each weight squared as an
    # integer (times SQUARE_SCALE): integer sums are exact in any order.
    terms: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    squares: Mapping[str, float] = field(default_factory=dict, compare=False, repr=False)
    names: frozenset[str] = frozenset()  # the headline's names (who, where), as terms

    def __post_init__(self):
        if self.weights and not self.terms:
            object.__setattr__(self, "terms", frozenset(self.weights))
            object.__setattr__(self, "squares", {t: round(w * w * SQUARE_SCALE)
                                                 for t, w in self.weights.items()})

    def strongest(self, n: int) -> tuple[str, ...]:
        return tuple(sorted(self.weights, key=lambda t: (-self.weights[t], t))[:n])


_TERM_OF: dict[str, tuple[str, float] | None] = {}  # word -> (term, weight); None: ignore


def _term_of(word: str) -> tuple[str, float] | None:
    """A word's term and weight, remembered: a story has a few hundred distinct words."""
    found = _TERM_OF.get(word, False)
    if found is False:
        weight = word_weight(word)
        found = None if (weight < MIN_WEIGHT or len(word) < MIN_WORD_LENGTH
                         or word[0] in _DIGITS or word in _WEB_PARTS
                         or word in _CALENDAR_WORDS) \
            else (normalise_word(word), weight)
        if len(_TERM_OF) < _TERM_CACHE_SIZE:
            _TERM_OF[word] = found
    return found


def leading_name_words(paragraphs: Iterable[str], counts: Mapping[str, int]) -> set[str]:
    """Words that only ever open a run of capitalised words: given names and the like.

    "Mélanie Joly-Tremblay said ... Joly-Tremblay told": one person, and "melanie"
    would otherwise count as a second rare term shared by every story that names
    her. A word is a leading name word when every one of its ``counts`` (the story's
    lower-cased word counts) is a place before the last word of a run; the last
    word (the surname, "Piccadilly" in "Manchester Piccadilly") keeps its weight.
    """
    leading: dict[str, int] = {}
    for run in _CAPITAL_RUN_RE.findall("\n".join(paragraphs)):  # a run ends at a newline
        for word in _NAME_PART_RE.findall(run)[:-1]:
            word = word.lower()
            leading[word] = leading.get(word, 0) + 1
    return {word for word, times in leading.items() if times >= counts.get(word, 0) - 1}


_CAPITAL_RE = re.compile(r"(?:^|(?<=([\w,;)])) |(?<=[^\w,;)] ))([A-Z][\w'’-]*)", re.MULTILINE)
NAME_RARITY = 2.5  # only names at least this rare (word_weight) are checked


def headline_names(title: str, paragraphs: Iterable[str], given: set[str]) -> set[str]:
    """The headline's rare words that the story writes capitalised: the names of who
    and where ("Sulawesi", "Kanlaon", "CyberArk"), not a given name, not a common word
    that opens a sentence ("Rescuers"), not a country that one outlet leaves out."""
    capital = set()
    for inside, word in _CAPITAL_RE.findall("\n".join(paragraphs)):
        for part in words(word):
            if inside or word_weight(part) >= NAME_RARITY:
                capital.add(part)
    return {w for w in words(title)
            if w in capital and w not in given and word_weight(w) >= NAME_RARITY}


def strip_dateline(paragraph: str) -> str:
    """The first paragraph without a wire agency's tag: "LONDON, Nov 6 (Reuters) - "."""
    head = paragraph[:_DATELINE_SPAN]
    match = _AGENCY_RE.search(head)
    return paragraph if match is None else f"{paragraph[:match.start()]} {paragraph[match.end():]}"


def event_terms(title: str, paragraphs: Iterable[str]) -> EventTerms:
    """The weighted terms of one story: what ``clusters.py`` compares.

    A term weighs its rarity (``word_weight``) to the power ``RARITY_POWER``, times a
    place factor (``1 + HEADLINE_BONUS`` in the headline, then from 1 in the first
    paragraph down to ``TAIL_WEIGHT`` in the last: the event is told first, and a
    passing mention of another event sits in the background paragraphs), times
    ``1 + REPEAT_GAIN * log(count)`` (repeats count, but little).
    """
    paragraphs = list(paragraphs)
    if paragraphs:
        paragraphs[0] = strip_dateline(paragraphs[0])
    split = [words(title)]
    told = 0
    for number, text in enumerate(paragraphs):  # the story as far as MAX_WORDS
        split.append(words(text))
        told += len(split[-1])
        if told >= MAX_WORDS:
            paragraphs = paragraphs[:number + 1]
            break
    texts = [title, *paragraphs]
    counts = Counter(chain.from_iterable(split))
    first: dict[str, int] = {}
    for place in range(len(split) - 1, -1, -1):  # the earliest place a word is seen
        first.update(dict.fromkeys(split[place], place))
    given = leading_name_words(paragraphs, counts)
    last = max(1, len(paragraphs) - 1)
    place_factor = [1 + HEADLINE_BONUS] + [1 - (1 - TAIL_WEIGHT) * i / last
                                           for i in range(len(paragraphs))]
    terms: dict[str, list] = {}  # term -> [weight, count, earliest place, a given name]
    for word, count in counts.items():
        found = _term_of(word)
        if found is None:
            continue
        term, weight = found
        seen = terms.get(term)
        if seen is None:
            terms[term] = [weight, count, first[word], word in given]
        else:  # another form of the term ("floods", "flood"): counted together
            seen[0] = min(seen[0], weight)
            seen[1] += count
            seen[2] = min(seen[2], first[word])
            seen[3] = seen[3] and word in given
    scores = {term: weight ** RARITY_POWER * place_factor[place]
              * (1 + REPEAT_GAIN * math.log(count))
              * (LEADING_NAME_FACTOR if is_given else 1.0)
              for term, (weight, count, place, is_given) in terms.items()}
    numbers: dict[str, list[float]] = {}  # term -> [weight, count, best place factor]
    for place, text in enumerate(texts):
        if not _HAS_DIGIT.search(text):
            continue
        for term, weight in number_terms(text):
            seen = numbers.setdefault(term, [weight, 0, place_factor[place]])
            seen[0] = min(seen[0], weight)
            seen[1] += 1
    for term, (weight, count, factor) in numbers.items():
        scores[term] = weight ** RARITY_POWER * factor * (1 + REPEAT_GAIN * math.log(count))
    kept = heapq.nlargest(TERMS_KEPT, scores.items(), key=lambda item: (item[1], item[0]))
    norm = math.sqrt(math.fsum(score * score for _, score in kept))
    if not norm:
        return EventTerms({}, 0.0)
    weights = capped({term: score / norm for term, score in kept})
    names = {found[0] for found in map(_term_of, headline_names(title, paragraphs, given))
             if found is not None and found[0] in weights}
    return EventTerms(weights, norm, names=frozenset(names))


def capped(weights: dict[str, float]) -> dict[str, float]:
    """Unit weights where no term weighs more than ``MAX_TERM_WEIGHT``.

    A story's heaviest term is often its subject: the firm, the team, the person
    ("Piastri" in a race report). Two stories that share only the subject share no
    event, so no one term may carry a pair: the heaviest are lowered to the cap and
    the rest scaled up to unit length again, a few rounds until none is over it.
    """
    for _ in range(CAP_ROUNDS):
        if max(weights.values()) <= MAX_TERM_WEIGHT + 1e-9 or len(weights) * MAX_TERM_WEIGHT ** 2 < 1:
            break
        over = {t for t, w in weights.items() if w >= MAX_TERM_WEIGHT}
        rest = math.fsum(w * w for t, w in weights.items() if t not in over)
        room = 1 - len(over) * MAX_TERM_WEIGHT ** 2
        if rest <= 0 or room <= 0:
            break
        scale = math.sqrt(room / rest)
        weights = {t: MAX_TERM_WEIGHT if t in over else w * scale for t, w in weights.items()}
    return weights
