"""Who did what: a headline's head event (event_heads.py) and what two stories that share
one change in their score (cluster_score.day_factor): pure functions, no site."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from news_digest.enrich import clusters as C
from news_digest.enrich.cluster_store import from_plain, to_plain
from news_digest.enrich.cluster_why import explain_pair
from news_digest.enrich.event_heads import head_terms

TUESDAY = datetime(2025, 3, 11, 9, 0, tzinfo=UTC)
BODY = ("Premier Lars Dahlgren and opposition leader Ingrid Solheimsvik argued over the "
        "Narvik harbour contract, and Dahlgren's adviser spoke to reporters.")


@pytest.mark.parametrize("title, heads", [
    ("Dahlgren will meet Solheimsvik on Thursday over Narvik harbour",
     ["^dahlgren>meet", "^solheimsvik>meet"]),  # "will meet": a verb; its object
    ("Solheimsvik meets Dahlgren, drops block on harbour contract",
     ["^dahlgren>meet", "^solheimsvik>meet"]),  # "meets": the same head
    ("Dahlgren's adviser resigns over leaked memo", []),  # the adviser resigns
    ("Narvik harbour: the contract, explained", []),  # no verb after a name
])
def test_a_headlines_head_is_its_first_verb_with_its_subject_and_object(title, heads):
    assert head_terms(title, BODY) == heads


ANNOUNCED = C.StoryInput("a" * 16, TUESDAY, (
    "Dahlgren will meet Solheimsvik on Thursday over Narvik harbour"), (
    "Premier Lars Dahlgren will meet opposition leader Ingrid Solheimsvik to settle the "
    "Narvik harbour contract, his office said on Tuesday.",
    "Solheimsvik has blocked the contract in parliament for six weeks, demanding that the "
    "dredging tender be reopened.",
    "The Narvik harbour authority warned that the icebreaker berth would not be ready "
    "before winter without a deal.",
    "Sami reindeer herders have petitioned the Storting over the railway spur to the quay.",
    "Environmental groups said the dredging would disturb eelgrass meadows near Ofotfjord."))
HELD = C.StoryInput("b" * 16, TUESDAY + timedelta(hours=60), (
    "Solheimsvik meets Dahlgren, drops block on Narvik harbour contract"), (
    "Opposition leader Ingrid Solheimsvik met Premier Lars Dahlgren on Thursday and agreed "
    "to end her six-week block on the Narvik harbour contract.",
    "Fishermen in Lofoten welcomed the compromise, which protects the cod spawning grounds.",
    "Shares in Kvaerner rose after the announcement."))
# The same report under a headline whose head is another action (she drops her block).
DROPPED = C.StoryInput("c" * 16, HELD.published, (
    "Solheimsvik drops block on Narvik harbour contract after talks with Dahlgren"),
    HELD.paragraphs)


def test_two_headlines_that_tell_one_action_are_not_lowered_for_their_leads_days():
    """A meeting announced on Tuesday and held on Thursday: both headlines say that
    Dahlgren and Solheimsvik meet, so the leads' two days do not lower the pair (the
    time apart still does); under a headline that tells another action, they do."""
    announced, held, dropped = map(C.profile, (ANNOUNCED, HELD, DROPPED))
    assert announced.days != held.days == dropped.days
    assert C.pair_score(announced, held) >= C.LINK > C.pair_score(announced, dropped)
    result = C.cluster([ANNOUNCED, HELD])
    assert result.cluster_of["b" * 16] == result.cluster_of["a" * 16]
    why = explain_pair(result, "a" * 16, "b" * 16)
    assert ("not lowered for the days their leads name: both headlines tell the same person "
            "doing the same thing (dahlgren meet, solheimsvik meet)") in why.reason
    assert why.factors == (("days apart", 0.8),)
    assert all(term[0] != "^" for term, _ in why.shared)  # head terms weigh nothing
    assert C.cluster([ANNOUNCED, DROPPED]).cluster_of["c" * 16] == "c" * 16


def test_head_terms_weigh_nothing_and_are_kept_in_the_record():
    held, dropped = C.profile(HELD), C.profile(DROPPED)
    assert held.terms.headed and "^solheimsvik>meet" in held.terms.terms
    assert held.terms.weights["^solheimsvik>meet"] == 0.0
    assert C.similarity(held.terms, dropped.terms) == pytest.approx(
        C.similarity(dropped.terms, held.terms))
    result = C.cluster([ANNOUNCED, HELD])
    again = from_plain(to_plain(result))
    assert again.profiles["b" * 16].terms == result.profiles["b" * 16].terms
    assert again.profiles["b" * 16].terms.headed
