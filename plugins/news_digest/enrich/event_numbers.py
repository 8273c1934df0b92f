"""The numbers of a story's event, as terms (``enrich/`` stage).

Pure module (no Pelican import); ``event_text.py`` adds these terms to a story's words.

Outlets write one number differently: 46.2 million, €46.2m, 46,200,000; 64 lakh and
6.4 million; 3.75%, 3.75 per cent. Each value becomes a term as written and rounded
to two and to one significant digit ("nearly 6.5m" meets 6.4m at one), with results
and votes (3-1, 5-4), percentages and years. Days of the month and clock times are
not numbers of the event: every story of that day has them.
"""

from __future__ import annotations

import re

NUMBER_WEIGHT = 3.0  # a number as written is as telling as a rare name: 46.2m
CLOSE_NUMBER_WEIGHT = 2.0  # the same at two significant digits: 46m
ROUGH_NUMBER_WEIGHT = 1.0  # and at one: 50m, for "nearly 6.5m" against 6.4m
YEAR_WEIGHT = 0.8  # years are shared by every story of their time
SCORE_WEIGHT = 3.0  # a result or a vote: 3-1, 112-104, 5-4

_UNITS = {
    "thousand": 1e3, "k": 1e3, "lakh": 1e5, "lakhs": 1e5, "million": 1e6, "mn": 1e6,
    "m": 1e6, "mln": 1e6, "crore": 1e7, "crores": 1e7, "billion": 1e9, "bn": 1e9,
    "bln": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
}
_NUMBER_RE = re.compile(
    r"(?<![\w.])(?<![A-Za-z]-)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s?(%|(?:per\s?cent|percent|pc)\b)|"
    r"\s?(thousand|lakhs?|million|mn|mln|crores?|billion|bn|bln|trillion|tn|[kmb])\b)?",
    re.IGNORECASE)
_SCORE_RE = re.compile(r"(?<![\w.,-])(\d{1,3})-(\d{1,3})(?![\w-]|\.\d)")
_MONTH_NAME = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
               r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_CALENDAR_NUMBER_RE = re.compile(
    rf"\b{_MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_NAME}"
    r"|\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\b\.?)|\b\d{1,2}:\d{2}\b|\b[0-2]\d[0-5]\d\s+(?:GMT|UTC)\b")


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


_SCALES = {"tn": 1e12, "bn": 1e9, "m": 1e6, "k": 1e3, "": 1.0}
_VALUE_TERM_RE = re.compile(r"[#≈~](\d+(?:\.\d+)?)(tn|bn|m|k|)(%?)$")


def rough_term(term: str) -> str | None:
    """The one-significant-digit term ("~20bn") of a value's term ("#19.4bn", "≈17bn"):
    what two outlets' roundings of one figure have in common. None for a score or year."""
    match = _VALUE_TERM_RE.match(term)
    if match is None:
        return None
    number, scale, percent = match.groups()
    return f"~{_round(float(number) * _SCALES[scale], 1)}{percent}"


MIN_CHANGE = 10  # a change under 10% is told to a tenth, as a rate is: not derived


def value_of(term: str) -> float | None:
    """The value of a number's term as written ("#349.99": 349.99, "#7tn": 7e12);
    None for a percentage, a score, a year or a rounded term."""
    match = _VALUE_TERM_RE.match(term)
    if match is None or term[0] != "#" or match.group(3):
        return None
    number, scale, _ = match.groups()
    return float(number) * _SCALES[scale]


def changes(terms, other) -> set[str]:
    """The percentage changes (at two significant digits, "≈14%") between two values
    a story writes (``terms``), one of which the ``other`` story writes too: the rise
    one outlet puts in its headline ("by as much as 14%", to $399.99) and another
    tells by the prices before and after ($349.99 to $399.99)."""
    values = sorted({v for v in map(value_of, terms) if v})
    known = {v for v in map(value_of, other) if v}
    found = set()
    for number, low in enumerate(values):
        for high in values[number + 1:]:
            if high > 2 * low:
                break
            if low not in known and high not in known:
                continue
            for change in (100 * (high / low - 1), 100 * (1 - low / high)):
                if change >= MIN_CHANGE:
                    found.add(f"≈{_round(change, 2)}%")
    return found


# The currency of an amount, by its sign or its word: an outlet abroad converts a figure
# ("$2.6 million" for "€2m"), so two reports of one event give it in two currencies.
CURRENCY_MARK = "¤"  # opens the term of no weight listing them: "¤eur usd/usd"
_SIGNS = {"us$": "usd", "$": "usd", "a$": "aud", "au$": "aud", "c$": "cad", "ca$": "cad",
          "nz$": "nzd", "hk$": "hkd", "s$": "sgd", "€": "eur", "£": "gbp", "¥": "jpy",
          "₹": "inr", "₩": "krw"}
_WORDS = {"dollar": "usd", "euro": "eur", "pound": "gbp", "sterling": "gbp", "yen": "jpy",
          "yuan": "cny", "renminbi": "cny", "won": "krw", "rupee": "inr", "franc": "chf",
          "usd": "usd", "eur": "eur", "gbp": "gbp", "jpy": "jpy", "cny": "cny", "krw": "krw",
          "inr": "inr", "chf": "chf", "aud": "aud", "cad": "cad"}
_SIGN_RE = re.compile(r"[$€£¥₹₩]\s?\d")  # each opens with a literal: found fast
_RUPEES_RE = re.compile(r"Rs\.?\s?\d")
_DOLLAR_PREFIX_RE = re.compile(r"(?:^|[^\w$])(us|au|a|ca|c|nz|hk|s)$", re.I)  # "A$", "HK$"
_UNIT = r"(?:thousand|lakhs?|million|mn|mln|crores?|billion|bn|bln|trillion|tn|[kmb])"
_WORD_RE = re.compile(
    r"\d(?:[\d,.]*\d)?\s?(?:" + _UNIT + r"\s+(dollar|euro|pound|sterling|yen|yuan|renminbi|won"
    r"|rupee|franc|usd|eur|gbp|jpy|cny|krw|inr|chf|aud|cad)|" + _UNIT + r"?\s*(dollar|euro"
    r"|sterling|yen|yuan|renminbi|rupee|usd|eur|gbp|jpy|cny|krw|inr|chf|aud|cad))s?\b", re.I)


_SIGN_CHARS = "$€£¥₹₩"
# the words that may tell a currency, as ``words.words`` reads them: a story without any
# is not searched for one (most are not: the patterns are slow over a whole story)
_WORD_HINTS = frozenset({"rs", *_WORDS, *(w + "s" for w in _WORDS)})


def currencies(text: str, counts=None) -> set[str]:
    """The currencies a text gives amounts in ("usd", "eur"): "$2.6 million", "€2m",
    "2 million euros" ("two million euros" is no amount: words are no numbers here). A
    pound or a won needs its unit ("5 million pounds"): "a 300 pound man", "2013 won".
    ``counts``: the text's words, when known (none of ``_WORD_HINTS``: no word to find)."""
    found = set()
    hinted = counts is None or not _WORD_HINTS.isdisjoint(counts)
    if hinted or any(sign in text for sign in _SIGN_CHARS):
        for sign in _SIGN_RE.finditer(text):
            at = sign.start()
            if text[at] == "$" and (prefix := _DOLLAR_PREFIX_RE.search(text[max(0, at - 3):at])):
                found.add(_SIGNS[prefix[1].lower() + "$"])
            else:
                found.add(_SIGNS[text[at]])
        if any(not text[m.start() - 1:m.start()].isalnum() for m in _RUPEES_RE.finditer(text)):
            found.add("inr")
    if hinted:
        found.update(_WORDS[(unit or bare).lower()] for unit, bare in _WORD_RE.findall(text))
    return found


def currency_term(title: str, text: str, counts=None) -> str | None:
    """The term of no weight telling the currencies of a story's amounts (all of its
    ``text``, whose words are ``counts``) and of its headline's (``title``): "¤eur
    usd/usd"; None without any."""
    written = currencies(text, counts)
    if not written:
        return None
    return CURRENCY_MARK + " ".join(sorted(written)) + "/" + " ".join(sorted(currencies(title)))


def currencies_of(squares) -> tuple[frozenset[str], frozenset[str]]:
    """The currencies a story writes, and those of its headline (``currency_term``)."""
    term = next((t for t in squares if t[0] == CURRENCY_MARK), None)
    if term is None:
        return frozenset(), frozenset()
    written, told = term[1:].split("/")
    return frozenset(written.split()), frozenset(told.split())


def converted(a, b) -> bool:
    """Whether story ``a``'s headline gives its amounts in currencies story ``b`` never
    writes an amount in, while ``b`` gives its own in another (``squares`` of each): an
    outlet abroad converts ("$2.6 million" for "€2m"), so the figure cannot be found in
    ``b`` as written or rounded."""
    _, told = currencies_of(a)
    if not told:
        return False
    written, _ = currencies_of(b)
    return bool(written) and told.isdisjoint(written)
