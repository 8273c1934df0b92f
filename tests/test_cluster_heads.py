"""Who did what: a headline's head event (event_heads.py) and what two stories that share
one change in their score (cluster_score.day_factor): pure functions, no site."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from news_digest.enrich import clusters as C
from news_digest.enrich.cluster_store import from_plain, to_plain
from news_digest.enrich.cluster_why import explain_pair
from news_digest.enrich.event_heads import head_terms
from news_digest.enrich.event_text import EventTerms

TUESDAY = datetime(2025, 3, 11, 9, 0, tzinfo=UTC)
BODY = ("Premier Lars Dahlgren and opposition leader Ingrid Solheimsvik argued over the "
        "Narvik harbour contract, and Dahlgren's adviser spoke to reporters.")


@pytest.mark.parametrize("title, heads", [
    ("Dahlgren will meet Solheimsvik on Thursday over Narvik harbour",
     ["^dahlgren>meet", "^solheimsvik>meet"]),  # "will meet": a verb; its object
    ("Solheimsvik meets Dahlgren, drops block on harbour contract",
     ["^dahlgren>meet", "^solheimsvik>meet"]),  # "meets": the same head
    ("Dahlgren Is Pressed to Veto Harbour Bill",
     ["^dahlgren>=urge/passive", "^dahlgren>press", "^dahlgren>veto"]),  # and what he
    # is pressed to do; his kind of act (event_verbs) is marked passive: he is urged
    ("Dahlgren's adviser resigns over leaked memo",  # the adviser resigns: one of his
     ["%^dahlgren>=resign", "%^dahlgren>resign"]),  # side, another doer than he
    ("Narvik harbour: the contract, explained", []),  # no verb after a name
])
def test_a_headlines_head_is_its_first_verb_with_its_subject_and_object(title, heads):
    assert head_terms(title, BODY) == heads


# Plain values, not StoryInputs: a story's input held by a module would count as text
# kept in tests/test_memory.py.
ANNOUNCED = ("a" * 16, TUESDAY, (
    "Dahlgren will meet Solheimsvik on Thursday over Narvik harbour"), (
    "Premier Lars Dahlgren will meet opposition leader Ingrid Solheimsvik to settle the "
    "Narvik harbour contract, his office said on Tuesday.",
    "Solheimsvik has blocked the contract in parliament for six weeks, demanding that the "
    "dredging tender be reopened.",
    "The Narvik harbour authority warned that the icebreaker berth would not be ready "
    "before winter without a deal.",
    "Sami reindeer herders have petitioned the Storting over the railway spur to the quay.",
    "Environmental groups said the dredging would disturb eelgrass meadows near Ofotfjord."))
HELD = ("b" * 16, TUESDAY + timedelta(hours=60), (
    "Solheimsvik meets Dahlgren, drops block on Narvik harbour contract"), (
    "Opposition leader Ingrid Solheimsvik met Premier Lars Dahlgren on Thursday and agreed "
    "to end her six-week block on the Narvik harbour contract.",
    "Fishermen in Lofoten welcomed the compromise, which protects the cod spawning grounds.",
    "Shares in Kvaerner rose after the announcement."))
# The same report under a headline whose head is another action (she drops her block).
DROPPED = ("c" * 16, HELD[1], (
    "Solheimsvik drops block on Narvik harbour contract after talks with Dahlgren"), HELD[3])


def story(values) -> C.StoryInput:
    return C.StoryInput(*values)


def test_two_headlines_that_tell_one_action_are_not_lowered_for_their_leads_days():
    """A meeting announced on Tuesday and held on Thursday: both headlines say that
    Dahlgren and Solheimsvik meet, so the leads' two days do not lower the pair (the
    time apart still does); under a headline that tells another action, they do."""
    announced, held, dropped = (C.profile(story(v)) for v in (ANNOUNCED, HELD, DROPPED))
    assert announced.days != held.days == dropped.days
    assert C.pair_score(announced, held) >= C.LINK > C.pair_score(announced, dropped)
    result = C.cluster([story(ANNOUNCED), story(HELD)])
    assert result.cluster_of["b" * 16] == result.cluster_of["a" * 16]
    why = explain_pair(result, "a" * 16, "b" * 16)
    assert ("not lowered for the days their leads name: both headlines tell the same person "
            "doing the same thing (dahlgren meet, solheimsvik meet)") in why.reason
    assert why.factors == (("days apart", 0.8),)
    assert all(term[0] != "^" for term, _ in why.shared)  # head terms weigh nothing
    assert C.cluster([story(ANNOUNCED), story(DROPPED)]).cluster_of["c" * 16] == "c" * 16


def test_head_terms_weigh_nothing_and_are_kept_in_the_record():
    announced, held = C.profile(story(ANNOUNCED)), C.profile(story(HELD))
    assert held.terms.headed and "^solheimsvik>meet" in held.terms.terms
    assert held.terms.weights["^solheimsvik>meet"] == 0.0
    headless = EventTerms({t: w for t, w in held.terms.weights.items() if t[0] != "^"},
                          held.terms.norm, held.terms.names)
    assert not headless.headed
    assert C.similarity(headless, announced.terms) == C.similarity(held.terms, announced.terms)
    result = C.cluster([story(ANNOUNCED), story(HELD)])
    again = from_plain(to_plain(result))
    assert again.profiles["b" * 16].terms == result.profiles["b" * 16].terms
    assert again.profiles["b" * 16].terms.headed
