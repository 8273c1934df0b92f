"""A second topic of the best topic's own desk, far behind it (issue 18, tenth round).

The learned desks tell a politics story from a business one, not Elections from
Government & Policy: a story about a race names the budget or the governor in passing,
and the phrases alone then give both. A topic scoring under ``DESK_SHARE`` of a better
topic of its own desk is left out (``DeskLift.crowded``); a topic of another desk at the
same share, or one of the same desk developed beyond it, stays. Written items only.
"""

from __future__ import annotations

import pytest

from news_digest.enrich import topic_beside, topic_lift

from sitebuild import default_taxonomy, explain_report

HEADLINE = "Voters in Marlow County pick a new sheriff in a tight race"
RACE = ("Voters in Marlow County cast their ballots on Tuesday in the closest sheriff's race "
        "in two decades, with early returns showing the two candidates a few hundred votes "
        "apart.",
        "Turnout was high at the polling stations in the north of the county, the election "
        "office said, and postal ballots will be counted on Wednesday before the result is "
        "declared. Both candidates thanked their volunteers at campaign events on Tuesday "
        "night.")
ASIDE = ("The winner takes office in January, weeks after the state legislature passed a "
         "budget that raises the sheriff's pay, and the governor signed it into law.")
STRAND = ("The budget also cuts the county's road fund, a policy the governor's office "
          "defended before lawmakers and the state senate last month.")


def scores(*body: str) -> dict[str, float]:
    return {t.slug: t.score for t in default_taxonomy().classify(HEADLINE, "\n".join(body))}


def test_a_desk_mate_far_behind_the_best_topic_is_left_out():
    found = scores(*RACE, ASIDE)
    assert list(found) == ["elections"]
    everything = {t.slug: t.score for t in default_taxonomy().score(HEADLINE,
                                                                    "\n".join((*RACE, ASIDE)))}
    # Over the threshold and the share every topic needs, under the desk's share.
    assert 5.0 <= everything["government-policy"] < topic_lift.DESK_SHARE * found["elections"]
    assert everything["government-policy"] >= 0.25 * found["elections"]


def test_without_the_rule_the_phrases_give_both(monkeypatch):
    monkeypatch.setattr(topic_lift, "DESK_SHARE", 0.0)
    # The campaign's words left to Elections (``not_beside``) would leave it out as well.
    monkeypatch.setattr(topic_beside.NotBeside, "keep", lambda self, kept, *_: kept)
    assert list(scores(*RACE, ASIDE)) == ["elections", "government-policy"]


def test_a_desk_mate_the_story_develops_stays():
    found = scores(*RACE, ASIDE, STRAND)
    assert list(found) == ["elections", "government-policy"]
    assert found["government-policy"] >= topic_lift.DESK_SHARE * found["elections"]


@pytest.mark.parametrize(("one", "other", "mates"), [
    ("elections", "government-policy", True), ("science", "technology", True),
    ("health", "climate", True), ("elections", "business", False),
    ("sports", "health", False), ("privacy", "privacy", False)])
def test_desks_are_shared_only_by_topics_of_one_desk(one, other, mates):
    taxonomy = default_taxonomy()
    number = {t.slug: n for n, t in enumerate(taxonomy.topics)}
    assert taxonomy.lift.mates(number[one], number[other]) is mates


def test_explain_says_the_desk_mate_was_left_out(tmp_path):
    report = explain_report(tmp_path, HEADLINE, (*RACE, ASIDE))
    assert "Topics: Elections" in report
    assert ("government-policy (Government & Policy) - not kept: Elections leads the same "
            "desk here" in report)
    assert "its phrases in the headline, or more of them, would keep it" in report
