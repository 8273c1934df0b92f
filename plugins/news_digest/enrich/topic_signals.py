"""Signals a topic can list that are not plain words: money written as figures.

Stage: enrich (topics). Pure module (no Pelican).

A curator lists ``"<money>"`` among a topic's phrases (or keywords) to count every
amount of money written as a figure ("$325m", "£6bn", "€1.2 billion", "₹4,000 crore",
"Rs 500", "1.2 billion euros", "5 million pounds") as one occurrence of that entry.
Words alone miss these: the tokeniser drops the currency sign, "325m" is no word a
curator would list, and "euros" after a figure says money where "euro" alone may not.

An amount is what a story is about only when nothing else is, or when the story reads
like the topic's desk (``money_led``, thirteenth round): a topic whose amounts of money
score more than the rest of its phrases is left out beside a topic given on other
evidence unless the learned desks read the story as its desk. A transfer fee in a
football story, a game's price in a review, a diplomat's net worth in a fact check, a
minister's roaming bill are figures of those stories, not business news; a regulator's
record fine on a company (business 0.94) stays Business, and "Boeing wins $325m
contract", with no other topic, keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MONEY = "<money>"  # the entry a curator lists
MONEY_KEY = ("_money_",)  # its key among the compiled phrases: no story word looks like it

_SCALE = r"(?:bn|billion|m|mn|million|trillion|tn|k|crore|crores|lakh|lakhs|cr)"
_CURRENCIES = (r"euros?|dollars?|rupees?|yuan|yen|pesos?|francs?|roubles?|rubles?|naira|"
               r"shillings?|riyals?|dirhams?|ringgit|baht|kronor|kroner|kronur")
_MONEY_RE = re.compile(
    r"(?:[$£€¥₹]|\b(?:rs|inr|usd|eur|gbp|us\$|a\$|c\$)\.?\s?)\s?\d[\d,]*(?:\.\d+)?"
    rf"(?:\s?{_SCALE}\b)?"
    rf"|\b\d[\d,]*(?:\.\d+)?\s?(?:crore|crores|lakh|lakhs)\b",
    re.IGNORECASE)
# A figure and a currency's name; "pounds" and "rand" only after a scale (not a weight).
_NAMED_RE = re.compile(
    rf"\b\d[\d,]*(?:\.\d+)?\s?(?:{_SCALE}\s)?(?:{_CURRENCIES})\b"
    r"|\b\d[\d,]*(?:\.\d+)?\s?(?:million|billion|trillion|bn|m)\s(?:pounds|rand)\b",
    re.IGNORECASE)
# Cheap tests first: most stories have none of these, and ``in`` runs in C. The signs
# beyond ASCII are looked for only in text that has characters beyond ASCII.
_HINTS = ("$", "crore", "lakh", "Rs", "USD", "INR")
_SIGNS = ("£", "€", "¥", "₹")
# One search for a currency's name after a space (a regex of literals beats eighteen
# ``in`` tests).
_NAMES = re.compile(" (?:euro|dollar|rupee|yuan|yen|peso|franc|rouble|ruble|naira|shilling|"
                    "riyal|dirham|ringgit|baht|kron|pounds|rand)")


def money_count(text: str) -> int:
    """How many amounts of money written as figures ``text`` holds."""
    found = 0
    if any(hint in text for hint in _HINTS) or (
            not text.isascii() and any(sign in text for sign in _SIGNS)):
        found = len(_MONEY_RE.findall(text))
    if _NAMES.search(text):
        found += len(_NAMED_RE.findall(text))
    return found


def money_points(taxonomy, head: dict, body: dict) -> dict[int, float]:
    """Topic number -> the points its amounts of money scored in a story (``head`` and
    ``body``: entry -> times found), as ``topics.Taxonomy`` counts them."""
    scored: dict[int, float] = {}
    for number in taxonomy._money:
        if number in head or number in body:
            topic, _, weight, *_ = taxonomy._entries[number]
            scored[topic] = scored.get(topic, 0.0) + taxonomy._points(
                weight, number in head, body.get(number, 0))
    return scored


def money_led(kept: list, money: dict[int, float], phrases: list[float],
              reads_as: Callable[[int], bool]) -> list:
    """``kept`` ((score, topic number), best first) without the topics resting mostly on
    amounts of money (their ``money`` points more than the rest of their ``phrases``
    points) that the story does not read as (``reads_as(number)``: the learned desks),
    unless every topic kept rests so."""
    led = {number for _, number in kept
           if money.get(number, 0.0) > phrases[number] - money.get(number, 0.0)}
    if not led or len(led) == len(kept):
        return kept
    return [item for item in kept if item[1] not in led or reads_as(item[1])]
