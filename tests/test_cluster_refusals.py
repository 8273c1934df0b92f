"""An act refused against the same act ahead (event_contests): "Lindqvist won't direct
the sequel" and the reports, three days before, of his talks to direct it are two
occurrences and stay apart (ECB+'s Gary Ross, tune-ecbplus); two reports of one
refusal, and a refusal told by another verb, are not lowered. Invented stories, no
site; the development set's case is checked by the quality tests (tune-ecbplus joins
no distractor)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from news_digest.enrich import clusters as C
from news_digest.enrich import event_contests as K
from news_digest.enrich.cluster_why import explain_pair
from news_digest.enrich.event_text import event_terms

MONDAY = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
_BODY = (
    "Director Anders Lindqvist is negotiating with Nordvik Pictures to direct "
    "'Northern Lights: Ember', the sequel to the fantasy hit that took $410 million.",
    "The studio wants the sequel in cinemas by November next year, a schedule that "
    "left Lindqvist's agents pressing for more time and a bigger fee.",
    "Lindqvist adapted Maren Solheim's novel and cast Ida Brekke as Ember.")
TALKS = ("5" * 16, MONDAY, "Lindqvist in talks to direct 'Northern Lights' sequel", _BODY)
TALKS_AGAIN = ("6" * 16, MONDAY + timedelta(hours=4),
               "Lindqvist in negotiations to direct 'Ember' for Nordvik", _BODY[:2])
REFUSAL = ("7" * 16, MONDAY + timedelta(hours=70),
           "Lindqvist won't direct 'Northern Lights' sequel", (
    "Anders Lindqvist will not direct 'Northern Lights: Ember', the sequel to the fantasy "
    "hit that took $410 million, after negotiations with Nordvik Pictures ended.",
    "The studio wants the sequel in cinemas by November next year; the schedule and "
    "Lindqvist's fee kept his agents and the studio apart.",
    "Lindqvist adapted Maren Solheim's novel and cast Ida Brekke as Ember."))


@pytest.mark.parametrize("title, wanted", [
    ("Gary Ross Won't Direct 'Hunger Games' Sequel", {"%not:direct"}),
    ("Gary Ross in negotiations to direct 'Hunger Games' sequel", {"%to:direct"}),
    ("Cedeño refuses to concede, demands recount", {"%not:concede"}),
    ("FBI stands by decision not to charge Clinton", {"%not:charge"}),
    ("Trump Won't Go Forward With Debate", set()),  # "go": no act of weight
    ("Paul LePage, the Governor of Maine, Now Says He's Not Quitting", set()),
    ("Jobs market 'no longer a source of inflation', to say the least", set()),
    ("Red Sox extend offer to Teixeira", {"%to:teixeira"}),  # refused by nobody
])
def test_a_headline_tells_the_acts_it_refuses_or_tells_ahead(title, wanted):
    found = {t for t in event_terms(title, ()).squares if t.startswith((K.REFUSED, K.AHEAD))}
    assert found == wanted


def test_the_refusal_stays_apart_from_the_talks_before_it():
    result = C.cluster([C.StoryInput(*story) for story in (TALKS, TALKS_AGAIN, REFUSAL)])
    assert result.cluster_of[TALKS[0]] == result.cluster_of[TALKS_AGAIN[0]]
    assert result.cluster_of[REFUSAL[0]] != result.cluster_of[TALKS[0]]
    why = explain_pair(result, TALKS[0], REFUSAL[0])
    assert ("another contest or doer: an act refused (not direct) that the other tells "
            "ahead (to direct)", K.OTHER_CONTEST_FACTOR) in why.factors


def test_without_the_rule_the_refusal_joins_the_talks(monkeypatch):
    monkeypatch.setattr(K, "REFUSALS", False)
    result = C.cluster([C.StoryInput(*story) for story in (TALKS, TALKS_AGAIN, REFUSAL)])
    assert result.cluster_of[REFUSAL[0]] == result.cluster_of[TALKS[0]]


def test_two_reports_of_one_refusal_or_another_verb_are_not_lowered():
    refusal = C.profile(C.StoryInput(*REFUSAL))
    again = C.profile(C.StoryInput("8" * 16, REFUSAL[1] + timedelta(hours=2),
                                   "Lindqvist says he will not direct 'Ember'", REFUSAL[3]))
    other_verb = C.profile(C.StoryInput("9" * 16, REFUSAL[1] + timedelta(hours=1),
                                        "Lindqvist to walk away from 'Ember'", REFUSAL[3]))
    assert K.other_contest(refusal, again) is None
    assert K.other_contest(refusal, other_verb) is None
    assert K.contest_factor(other_verb, refusal) == 1.0
