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

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

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
LEAD_BONUS = 0.0  # likewise in the first paragraph
REPEAT_GAIN = 1.0  # and a little more each time it is repeated (times the log of the count)
LEADING_NAME_FACTOR = 0.25  # weight kept by a given name ("Melanie" of Melanie Joly-Tremblay)
_DATELINE_SPAN = 80
_NAME = r"[A-Z][^\W\d_]*(?:['’][^\W\d_]+)?"
_NAME_PART_RE = re.compile(_NAME)
_CAPITAL_RUN_RE = re.compile(rf"(?<![\w'’-]){_NAME}(?:(?:-|[ \t]+){_NAME})*")
_AGENCY_RE = re.compile(r"\s*\((?:[A-Z][A-Za-z]*[ .&/-]?){1,4}\)\s*")
TERMS_KEPT = 48  # the strongest terms that stand for the story
MIN_WORD_LENGTH = 2

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
    """The numbers of a text as (term, weight): values, scores, percentages, years."""
    found: list[tuple[str, float]] = []
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
        elif not fraction and 1900 <= value <= 2100:
            found.append((f"#y{int(value)}", YEAR_WEIGHT))
            continue
        if value < 13 and not fraction:
            continue  # counts like "three" and "10": in every story
        found += _value_terms(value, "")
    return found


def _value_terms(value: float, unit: str) -> list[tuple[str, float]]:
    """A number as written, at two significant digits and at one: 46.2m, ≈46m, ~50m."""
    return [(f"#{_round(value, 6)}{unit}", NUMBER_WEIGHT),
            (f"≈{_round(value, 2)}{unit}", CLOSE_NUMBER_WEIGHT),
            (f"~{_round(value, 1)}{unit}", ROUGH_NUMBER_WEIGHT)]


@dataclass(frozen=True)
class EventTerms:
    """A story's strongest terms, ``weights[term]`` already scaled to unit length."""

    weights: Mapping[str, float]
    norm: float  # length of the vector before scaling (0 for a story with no terms)

    def strongest(self, n: int) -> tuple[str, ...]:
        return tuple(sorted(self.weights, key=lambda t: (-self.weights[t], t))[:n])


def _words_of(text: str) -> list[tuple[str, float]]:
    """(normalised word, weight of the word as written) for each word of ``text``."""
    return [(normalise_word(word), word_weight(word)) for word in words(text)
            if len(word) >= MIN_WORD_LENGTH and word[0] not in _DIGITS]


def leading_name_words(paragraphs: Iterable[str]) -> frozenset[str]:
    """Words that only ever open a run of capitalised words: given names and the like.

    "Mélanie Joly-Tremblay said ... Joly-Tremblay told": one person, and "melanie"
    would otherwise count as a second rare term shared by every story that names
    her. The last word of a run (the surname, "Piccadilly" in "Manchester
    Piccadilly") is kept at its weight; words that also stand alone are kept too.
    """
    leading: set[str] = set()
    standing: set[str] = set()
    for text in paragraphs:
        for run in _CAPITAL_RUN_RE.finditer(text):
            parts = [w.lower() for w in _NAME_PART_RE.findall(run.group())]
            leading.update(parts[:-1])
            standing.add(parts[-1])
    return frozenset(normalise_word(w) for w in leading - standing)


def strip_dateline(paragraph: str) -> str:
    """The first paragraph without a wire agency's tag: "LONDON, Nov 6 (Reuters) - "."""
    head = paragraph[:_DATELINE_SPAN]
    match = _AGENCY_RE.search(head)
    return paragraph if match is None else f"{paragraph[:match.start()]} {paragraph[match.end():]}"


def event_terms(title: str, paragraphs: Iterable[str]) -> EventTerms:
    """The weighted terms of one story: what ``clusters.py`` compares.

    A term weighs its rarity (``word_weight``) to the power ``RARITY_POWER``; it
    counts more in the headline and the first paragraph, and only a little more
    for each repeat, so that the one name every story of a firm repeats does not
    outweigh the many particulars two reports of one event share.
    """
    paragraphs = list(paragraphs)
    if paragraphs:
        paragraphs[0] = strip_dateline(paragraphs[0])
    given = leading_name_words(paragraphs)
    places: dict[str, list[float]] = {}  # term -> [weight, times seen, best place bonus]
    for place, text in enumerate((title, *paragraphs)):
        bonus = HEADLINE_BONUS if place == 0 else LEAD_BONUS if place == 1 else 0.0
        for term, weight in (*_words_of(text), *number_terms(text)):
            seen = places.get(term)
            if seen is None:
                places[term] = [weight, 1, bonus]
            else:
                seen[0] = min(seen[0], weight)
                seen[1] += 1
                seen[2] = max(seen[2], bonus)
    scores = {term: weight ** RARITY_POWER * (1 + bonus) * (1 + REPEAT_GAIN * math.log(times))
              * (LEADING_NAME_FACTOR if term in given else 1.0)
              for term, (weight, times, bonus) in places.items() if weight > 0}
    kept = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:TERMS_KEPT]
    norm = math.sqrt(sum(score * score for _, score in kept))
    if not norm:
        return EventTerms({}, 0.0)
    return EventTerms({term: score / norm for term, score in kept}, norm)
