"""A figure converted into another currency (event_numbers.currencies, cluster_score.
converted): "$2.6 million" in one headline and "€2m" in the other report of one heist
are not a headline amount the other story lacks; two fines in one currency still are.
Invented stories, no site; ECB+'s Paris jewellery raid (tune-ecbplus) is the real case."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from news_digest.enrich import cluster_score as S
from news_digest.enrich import clusters as C
from news_digest.enrich.cluster_score import name_factor, pair_score, score_pairs
from news_digest.enrich.cluster_why import explain_pair
from news_digest.enrich.event_numbers import converted, currencies, currencies_of
from news_digest.enrich.event_text import event_terms

MONDAY = datetime(2026, 9, 14, 11, 0, tzinfo=UTC)
DOLLARS = ("a" * 16, MONDAY + timedelta(hours=2),
           "Thieves in $2.6 million smash-and-grab raid on Lyon jewellery store", (
    "Thieves rammed a 4x4 into a jewellery store on the Place Bellecour in Lyon on Monday "
    "and escaped with watches and diamonds worth $2.6 million, police said.",
    "The Mercier store was hit for the second time in a year; the raiders set the car on "
    "fire before fleeing on scooters."))
EUROS = ("b" * 16, MONDAY, "Ram-raiders hit Lyon jewellery store for €2m", (
    "Ram-raiders smashed a 4x4 through the window of the Mercier jewellery store on the "
    "Place Bellecour in Lyon on Monday, escaping with watches and diamonds worth €2m.",
    "The raiders set the car on fire and fled on scooters, police said; the store was "
    "hit for the second time in a year."))


@pytest.mark.parametrize("text, wanted", [
    ("Thieves in $2.6 million raid", {"usd"}),
    ("Ram-raiders hit store for €2m", {"eur"}),
    ("worth 2 million euros ($2.6 million)", {"usd", "eur"}),
    ("a A$100m penalty and Rs 500 crore", {"aud", "inr"}),
    ("a 7 trillion won profit", {"krw"}),
    ("Two million euro heist", set()),  # a number in words is no amount here
    ("the side that in 2013 won the cup; a 300 pound man", set()),  # no won, no pound
])
def test_the_currencies_a_text_gives_amounts_in(text, wanted):
    assert currencies(text) == wanted


def test_a_story_keeps_its_currencies_in_one_term_of_no_weight():
    terms = event_terms(*DOLLARS[2:])
    assert currencies_of(terms.squares) == ({"usd"}, {"usd"})
    assert [w for t, w in terms.weights.items() if t[0] == "¤"] == [0.0]
    assert currencies_of(event_terms("Lyon raid", ("Nothing was taken.",)).squares) == (
        set(), set())


def test_a_converted_figure_is_no_headline_amount_the_other_lacks(monkeypatch):
    p, q = C.profile(C.StoryInput(*DOLLARS)), C.profile(C.StoryInput(*EUROS))
    assert converted(p.terms.squares, q.terms.squares)
    assert converted(q.terms.squares, p.terms.squares)
    assert name_factor(p.terms, q.terms) == 1.0
    with monkeypatch.context() as patched:  # without the rule, each lacks the other's
        patched.setattr(S, "CONVERTED", False)
        assert name_factor(p.terms, q.terms) < 1.0
    result = C.cluster([C.StoryInput(*DOLLARS), C.StoryInput(*EUROS)])
    assert result.cluster_of[DOLLARS[0]] == result.cluster_of[EUROS[0]]
    why = explain_pair(result, DOLLARS[0], EUROS[0])
    assert not any(what.startswith("headline names") for what, _ in why.factors)
    assert ("≈2.6m, ≈2m in a headline is not missing from the other story: it gives its amounts "
            "in another currency") in why.reason
    # The same report in dollars: its figure is another one, and counts as lacking.
    other = C.profile(C.StoryInput("c" * 16, EUROS[1], "Ram-raiders hit Lyon jewellery "
                                   "store for $4.1m", tuple(p.replace("€2m", "$4.1m")
                                                            for p in EUROS[3])))
    assert not converted(p.terms.squares, other.terms.squares)
    assert name_factor(p.terms, other.terms) < 1.0


def test_the_hot_path_scores_a_converted_figure_as_pair_score_does():
    p, q = C.profile(C.StoryInput(*DOLLARS)), C.profile(C.StoryInput(*EUROS))
    edges: dict = {}
    score_pairs(p, [q.key], {q.key: q}, edges)
    assert edges[tuple(sorted((p.key, q.key)))] == pytest.approx(pair_score(p, q))
