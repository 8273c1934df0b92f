"""Kinds of news acts (event_verbs.py): two headlines that tell the same person doing the
same kind of act with different verbs share a head (event_heads.py), which lifts the
lowering for the days their leads name and raises their score (cluster_score.HEAD_BONUS);
pure functions, no site."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from news_digest.enrich import cluster_score as S
from news_digest.enrich import clusters as C
from news_digest.enrich.cluster_why import explain_pair
from news_digest.enrich.event_heads import head_terms
from news_digest.enrich.event_verbs import VERB_CLASSES, verb_base, verb_class

BODY = ("Premier Lars Dahlgren and opposition leader Ingrid Solheimsvik argued over the "
        "Narvik harbour contract.")


@pytest.mark.parametrize("word, following, kind", [
    ("quits", "", "resign"), ("resigned", "", "resign"), ("resigning", "", "resign"),
    ("steps", "down", "resign"), ("stepped", "down", "resign"), ("steps", "up", None),
    ("slams", "", "criticize"), ("slammed", "", "criticize"), ("blasting", "", "criticize"),
    ("criticises", "", "criticize"), ("penalised", "", "fine"), ("won", "", "win"),
    ("clinches", "", "win"),
    ("secured", "", "win"), ("ousted", "", "dismiss"), ("indicted", "", "charge"),
    ("sworn", "in", "take-office"), ("takes", "office", "take-office"), ("takes", "over", None),
    ("denies", "", "deny"), ("holds", "off", None), ("says", "", None),
])
def test_a_verb_is_known_in_its_forms_and_phrasal_verbs_by_their_particle(word, following, kind):
    assert verb_class(word, following) == kind


def test_the_lexicon_is_small_and_each_verb_has_one_kind():
    verbs = [verb for verbs in VERB_CLASSES.values() for verb in verbs]
    assert len(verbs) == len(set(verbs)) < 150
    assert verb_base("steps") == "step" and verb_base("harbour") is None


@pytest.mark.parametrize("title, heads", [
    ("Dahlgren quits over Narvik contract", ["^dahlgren>=resign", "^dahlgren>quit",
                                             "^narvik>quit"]),
    ("Dahlgren steps down", ["^dahlgren>=resign", "^dahlgren>step down"]),
    # Only the subject does the kind of act: Dahlgren is criticised, he does not criticise.
    ("Solheimsvik slams Dahlgren", ["^dahlgren>slam", "^solheimsvik>=criticize",
                                    "^solheimsvik>slam"]),
    ("Dahlgren was sacked", ["^dahlgren>=dismiss/passive", "^dahlgren>sack"]),  # he undergoes it
    ("Dahlgren is raising harbour fees",  # no passive
     ["^dahlgren>=raise", "^dahlgren>harbor", "^dahlgren>raise"]),
    ("Dahlgren Is Sworn In as Premier", ["^dahlgren>=take-office", "^dahlgren>swear in",
                                         "^premier>swear in"]),
])
def test_a_heads_verb_adds_its_kind_of_act_for_its_subject(title, heads):
    assert head_terms(title, BODY) == heads


TUESDAY = datetime(2025, 3, 11, 9, 0, tzinfo=UTC)
# Plain values, not StoryInputs (tests/test_memory.py counts inputs held by modules).
QUITS = ("a" * 16, TUESDAY, "Harbour minister Dahlgren quits over Narvik contract", (
    "Harbour minister Lars Dahlgren resigned on Tuesday after weeks of pressure over the "
    "Narvik harbour contract, the premier's office said.",
    "Dahlgren had defended the dredging tender in parliament, where opposition leader "
    "Ingrid Solheimsvik accused him of favouring a shipyard in Kvaerner's group.",
    "Fishermen in Lofoten and Sami reindeer herders had petitioned the Storting against "
    "the quay."))
STEPS = ("b" * 16, TUESDAY + timedelta(hours=26), (
    "Dahlgren steps down as Norway's harbour minister"), (
    "Lars Dahlgren stepped down on Wednesday as Norway's harbour minister, ending a row over "
    "the Narvik contract that had split the governing coalition.",
    "His successor will be named by the premier within days; the icebreaker berth at "
    "Ofotfjord is months behind schedule, and Tromso's mayor Kari Brennvik wants the "
    "cruise terminal funding restored.",
    "Eelgrass meadows, cod spawning grounds and the Hurtigruten timetable were raised by "
    "campaigners at a rally in Bodo."))
# The same report under a headline whose head is another kind of act.
APOLOGISES = ("c" * 16, STEPS[1], "Dahlgren apologises to Norway's harbour workers", STEPS[3])


def test_one_act_told_with_two_verbs_is_one_event_and_explain_says_why(monkeypatch):
    """A resignation announced on Tuesday ("quits") and taking effect on Wednesday
    ("steps down"): the leads name two days, but both headlines tell Dahlgren resigning,
    so the days do not lower the pair and the kind of act raises it; under a headline
    that tells another act they stay apart."""
    quits, steps, sorry = (C.profile(C.StoryInput(*v)) for v in (QUITS, STEPS, APOLOGISES))
    assert quits.days != steps.days == sorry.days
    assert C.pair_score(quits, steps) >= C.LINK > C.pair_score(quits, sorry)
    result = C.cluster([C.StoryInput(*QUITS), C.StoryInput(*STEPS)])
    assert result.cluster_of["b" * 16] == result.cluster_of["a" * 16]
    why = explain_pair(result, "a" * 16, "b" * 16)
    assert ("not lowered for the days their leads name: both headlines tell the same person "
            "doing the same kind of thing (dahlgren: quit \u2248 step down)") in why.reason
    assert "raised x1.1: both headlines tell the same person doing the same kind of thing" \
        in why.reason
    assert C.cluster([C.StoryInput(*QUITS), C.StoryInput(*APOLOGISES)]).cluster_of["c" * 16] \
        == "c" * 16
    raised = C.pair_score(quits, steps)
    monkeypatch.setattr(S, "HEAD_BONUS", 1.0)
    assert raised == pytest.approx(C.pair_score(quits, steps) * 1.1)
    edges: dict = {}
    S.score_pairs(quits, ["b" * 16], {"b" * 16: steps}, edges)  # the hot path agrees
    assert edges[("a" * 16, "b" * 16)] == pytest.approx(raised / 1.1)
