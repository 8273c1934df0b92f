"""A word as clustering weighs and writes it (``enrich/`` stage).

Pure module (no Pelican import), used by ``event_text.py``, ``event_quotes.py`` and
``event_heads.py``.
Each word weighs how rare it is in English at large (``wordfreq``'s frequency list:
0 for "the" and "said", up to 4 for names and words the list does not know), and is
written one way however an outlet writes it: case, accents (Charité, Charite), German
transliteration of names (Osnabrueck), British and American spelling (defence,
defense; travelled, traveled), plurals and a verb's forms (``word_forms.py``), a US
state as American outlets abbreviate it (Ariz.), a place's older spelling or another
transliteration (Kiev, Kyiv).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache

from .word_forms import base_form
from .word_frequencies import english_frequencies

# A word as frequent as "said" or more (Zipf 6: once per million words... times a
# thousand) says nothing; weights grow by one per tenfold rarer word.
COMMON_ZIPF = 6.0
# Words missing from the frequency list (rarer than Zipf 3: most names) count as this.
RARE_ZIPF = 2.0
_TERM_CACHE_SIZE = 500_000
MIN_WORD_LENGTH = 2
MIN_WEIGHT = 1.0  # words commoner than Zipf 5 ("police", "court") never stand for an event

_DIGITS = frozenset("0123456789")
# Days and months are when, not what: event_dates.py reads them.
_CALENDAR_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "yesterday", "today", "tonight", "overnight"})
_WEB_PARTS = frozenset({"com", "www", "org", "net", "http", "https"})  # of Booking.com
# What is left of a contraction once its apostrophe splits it ("wouldn't", "I've",
# "we'll"): no word of English to the frequency list, so the rarest of all (4), and
# common in real outlets' quotations; never a term (``CONTRACTIONS``). "don" and
# "won" stay: a given name and a verb.
_CONTRACTED = frozenset("aren couldn didn doesn hadn hasn haven isn mightn mustn needn "
                        "shan shouldn wasn weren wouldn ain ve ll".split())
CONTRACTIONS = True
# A plural of a word of the list is that word, not a name to transliterate
# ("subpoenas": subpoena, not "subponas") nor a word ending in "e" ("caucuses": caucus).
PLURAL_FIRST = True
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
    return english_frequencies()


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
        latin = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
        if len(latin) < len(word) // 2:  # another script (삼성, Αθήνα): kept as written
            return word
        word = latin
    elif word not in _frequencies() and len(word) > 4 and not (
            PLURAL_FIRST and word[-1] == "s" and word[:-1] in _frequencies()):
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
        elif word.endswith(("ches", "shes", "sses", "xes", "zes")) or (
                PLURAL_FIRST and word.endswith("ses") and word[:-2] in _frequencies()
                and word[:-1] not in _frequencies()):  # "caucuses": caucus
            known = _frequencies()  # "taxes": tax; but "apologizes": apologize, not apologiz
            word = word[:-1] if word[:-2] not in known and word[:-1] in known else word[:-2]
        else:
            word = word[:-1]
    return base_form(word, _frequencies())


_TERM_OF: dict[str, tuple[str, float] | None] = {}  # word -> (term, weight); None: ignore


# US states as American outlets abbreviate them ("Ariz. Gov. Jan Brewer", "R-Tenn."),
# where the abbreviation is no other word: one term with the name others write.
_STATE_ABBREVIATIONS = {
    "ala": "alabama", "ariz": "arizona", "ark": "arkansas", "calif": "california",
    "colo": "colorado", "conn": "connecticut", "fla": "florida", "mich": "michigan",
    "minn": "minnesota", "neb": "nebraska", "nev": "nevada", "okla": "oklahoma",
    "tenn": "tennessee", "wis": "wisconsin", "wyo": "wyoming"}
# Places and people that outlets write in an older spelling or another transliteration
# (Kiev and Kyiv, Bombay and Mumbai, Qaddafi and Gaddafi): one term, the name most
# outlets write now. Only spellings that name nothing else.
_OTHER_SPELLINGS = {
    "kiev": "kyiv", "kharkov": "kharkiv", "odessa": "odesa", "lvov": "lviv",
    "mykolayiv": "mykolaiv", "nikolaev": "mykolaiv", "zaporozhye": "zaporizhzhia",
    "lugansk": "luhansk", "chernigov": "chernihiv", "bombay": "mumbai",
    "calcutta": "kolkata", "madras": "chennai", "bangalore": "bengaluru",
    "orissa": "odisha", "gurgaon": "gurugram", "peking": "beijing", "burma": "myanmar",
    "rangoon": "yangon", "swaziland": "eswatini", "turkiye": "turkey",
    "qaddafi": "gaddafi", "kadhafi": "gaddafi", "qadhafi": "gaddafi"}
# How a word is written for its term: a state's abbreviation or a place's older spelling.
_WRITTEN_AS = {**_STATE_ABBREVIATIONS, **_OTHER_SPELLINGS}


# An institution's name of three or more capitalised words ("British Medical Association",
# "Federal Open Market Committee", "Amazon Web Services"), ending in one of these
# nouns, is also written as its initials (BMA, FOMC, AWS) by other outlets: the story
# gets that word too (``institution_initials``), as if it wrote it once.
INITIALS = True
_INSTITUTION_NOUNS = frozenset({
    "agency", "alliance", "association", "authority", "bank", "board", "bureau", "centre",
    "center", "centers", "centres", "commission", "committee", "congress", "corporation",
    "council", "court", "department", "federation", "force", "forces", "front", "fund",
    "institute", "league", "ministry", "movement", "office", "organization",
    "organisation", "party", "reserve", "service", "services", "union"})

# Central banks that outlets call by a short name as often as by their full name: the
# story that writes the full name gets the short one too (``short_names``).
_SHORT_NAMES = {
    "Federal Reserve": "fed", "Bank of Mexico": "banxico", "Banco de Mexico": "banxico",
    "Banco de México": "banxico", "Bank of England": "boe", "Bank of Japan": "boj",
    "Reserve Bank of Australia": "rba", "Reserve Bank of India": "rbi",
    "Reserve Bank of New Zealand": "rbnz", "People's Bank of China": "pboc"}
_SHORT_NAME_RE = re.compile("|".join(
    re.escape(name) for name in sorted(_SHORT_NAMES, key=len, reverse=True)) + r"\b")


def institution_initials(runs: Iterable[str], text: str) -> list[tuple[str, int]]:
    """The initials, in lower case, of the institutions named in full among ``runs``
    (the runs of capitalised words of ``text``: "The British Medical Association" is
    "bma"), each with where ``text`` writes it."""
    found = []
    for run in runs:
        names = run.split()
        if names[0] == "The":
            del names[0]
        names[-1] = names[-1].removesuffix("'s").removesuffix("’s")  # "Agency's"
        if len(names) >= 3 and names[-1].lower() in _INSTITUTION_NOUNS and all(
                name.isalpha() and name[1:].islower() for name in names):  # not "Spain's"
            found.append(("".join(name[0] for name in names).lower(), text.find(run)))
    return found


def short_names(text: str) -> list[tuple[str, int]]:
    """The short names of the central banks ``text`` names in full, each with where."""
    return [(_SHORT_NAMES[match[0]], match.start()) for match in _SHORT_NAME_RE.finditer(text)]


def _term_of(word: str) -> tuple[str, float] | None:
    """A word's term and weight, remembered: a story has a few hundred distinct words."""
    found = _TERM_OF.get(word, False)
    if found is False:
        written = _WRITTEN_AS.get(word, word)
        weight = word_weight(written)
        found = None if (weight < MIN_WEIGHT or len(word) < MIN_WORD_LENGTH
                         or word[0] in _DIGITS or word in _WEB_PARTS
                         or (CONTRACTIONS and word in _CONTRACTED)
                         or word in _CALENDAR_WORDS) \
            else (normalise_word(written), weight)
        if len(_TERM_OF) < _TERM_CACHE_SIZE:
            _TERM_OF[word] = found
    return found
