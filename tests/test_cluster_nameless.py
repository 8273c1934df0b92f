"""Two stories that each name their own people and places but share no name tell the
same kind of thing about others (cluster_score.nameless): two launches of different
rockets the same evening stay apart; two reports of one event share a name. Pure
functions, no site."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from news_digest.enrich import cluster_score as S
from news_digest.enrich import clusters as C
from news_digest.enrich.cluster_why import explain_pair
from news_digest.enrich.event_text import event_terms

EVENING = datetime(2026, 3, 10, 20, 0, tzinfo=UTC)
# Plain values, not StoryInputs (tests/test_memory.py counts inputs held by modules).
VEGA = ("a" * 16, EVENING, "Vega rocket launches Earth observation satellite", (
    "A Vega rocket lifted off from Kourou in French Guiana on Tuesday evening carrying "
    "the Sentinel-7 Earth observation satellite, Arianespace said.",
    "The satellite separated from the rocket's upper stage 55 minutes after lift-off "
    "and reached its orbit, the European Space Agency said."))
KUAIZHOU = ("b" * 16, EVENING + timedelta(hours=2), "Kuaizhou rocket puts satellite in orbit", (
    "A Kuaizhou rocket lifted off from Jiuquan in the Gobi desert on Tuesday evening and "
    "put the Tianqi-9 communications satellite into orbit, state media said.",
    "Rocket launches from Jiuquan have become routine: it was the site's 20th lift-off "
    "of the year."))
VEGA_AGAIN = ("c" * 16, EVENING + timedelta(hours=3), "Europe's Vega orbits Sentinel-7", (
    "Europe's small launcher Vega put the Sentinel-7 satellite into orbit from Kourou on "
    "Tuesday evening, its operator Arianespace said.",
    "Rocket and satellite separated as planned."))


def _profile(story):
    return C.profile(C.StoryInput(*story))


def test_two_launches_of_other_rockets_share_no_name_and_are_lowered():
    vega, kuaizhou = _profile(VEGA), _profile(KUAIZHOU)
    common = vega.terms.terms & kuaizhou.terms.terms
    assert {"rocket", "satellite", "orbit"} <= common  # the words of a launch
    assert S.nameless(vega.terms, kuaizhou.terms, common)
    plain = S.similarity(vega.terms, kuaizhou.terms) * S.name_factor(vega.terms, kuaizhou.terms)
    assert S.pair_score(vega, kuaizhou) == pytest.approx(plain * S.NAMELESS_FACTOR)
    result = C.cluster([C.StoryInput(*VEGA), C.StoryInput(*KUAIZHOU)])
    why = explain_pair(result, VEGA[0], KUAIZHOU[0])
    assert any(what.startswith("no name shared") and factor == S.NAMELESS_FACTOR
               for what, factor in why.factors)


def test_two_reports_of_one_launch_share_a_name_and_are_not_lowered():
    vega, again = _profile(VEGA), _profile(VEGA_AGAIN)
    assert not S.nameless(vega.terms, again.terms, vega.terms.terms & again.terms.terms)
    result = C.cluster([C.StoryInput(*VEGA), C.StoryInput(*VEGA_AGAIN)])
    assert result.cluster_of[VEGA[0]] == result.cluster_of[VEGA_AGAIN[0]]


def test_a_name_is_a_word_written_capitalised_inside_a_sentence_or_initials_given():
    terms = event_terms("Doctors strike over pay", (
        "Rocket fuel prices rose. Junior doctors in Bradford walked out on Tuesday, the "
        "British Medical Association said.", "Bradford hospitals cancelled appointments."))
    assert "bradford" in terms.named and "bma" in terms.named
    # "Rocket" only opens a sentence: a word, not a name; "doctor" is never capitalised.
    assert "rocket" not in terms.named and "doctor" not in terms.named
    assert not event_terms("Prices rose", ("Prices rose again.",)).named


def test_the_list_of_names_is_no_term_of_a_brief():
    # The names are kept in one term of no weight; a brief stays a brief.
    brief = event_terms("Vega orbits Sentinel-7", (
        "Vega put Sentinel-7 into orbit from Kourou, Arianespace said.",))
    assert brief.named and S.is_brief(brief)
    assert len(brief.squares) - 1 == len([t for t in brief.squares if t[0] != "!"])


def test_the_rule_can_be_turned_off(monkeypatch):
    monkeypatch.setattr(S, "NAMELESS_FACTOR", 1.0)
    vega, kuaizhou = _profile(VEGA), _profile(KUAIZHOU)
    assert not S.nameless(vega.terms, kuaizhou.terms, vega.terms.terms & kuaizhou.terms.terms)
