"""Parliaments of any country: how governments are made and unmade, and seats won, held
and lost (issue 18, twelfth round: "parliamentary politics (parties, ministers,
chambers, by-elections outside the US and India)").

Written items in the words of news from Westminster, Europe's coalitions, and city
halls: each was General before these phrases (``topics.toml``), and is given its desk's
topic with them. Words with another sense are listed whole ("held the seat", "council
member", "far-right party"), never "seat", "coalition" or "Labour" alone.
"""

from __future__ import annotations

import pytest

from sitebuild import topic_slugs as slugs

POLITICS = {"government-policy", "elections"}



@pytest.mark.parametrize(("title", "text", "topic"), [
    ("Labour holds Welsh seat",
     "Labour held the seat with a reduced majority, while Plaid came second and the "
     "turnout fell to 41 per cent.", "elections"),
    ("Centre-left bloc ahead in count",
     "The centre-left bloc is set to win a majority of seats, with its leader expected to "
     "become head of the next cabinet.", "government-policy"),
    ("Two quit as council members over parking row",
     "Two council members walked out of the meeting on Tuesday, saying the councilor who "
     "chairs the transport committee had ignored residents.", "government-policy"),
    ("Opposition chief tables censure motion",
     "The leader of the opposition tabled a censure motion on Monday, saying the premier "
     "had misled the chamber over the cost of the bridge.", "government-policy"),
    ("Deputy crosses floor to join rivals",
     "A deputy from the governing coalition crossed the floor on Wednesday, leaving the "
     "grand coalition with a majority of one in the lower chamber.", "government-policy"),
    # An office-holder elected and not yet sworn in: a government changing hands.
    ("Campaign chief gets senior post",
     "The president-elect named his campaign manager as a senior counselor on Tuesday, "
     "saying she would help him carry out his agenda.", "government-policy"),
    ("New mayor picks her deputy",
     "The mayor-elect chose a longtime ally as her first deputy, a week before she takes "
     "office.", "government-policy"),
    # Parliaments on the Westminster model, beyond their parties' names.
    ("MSPs back plan for free bus travel",
     "MSPs at Holyrood voted for the plan by 70 to 50 on Thursday.", "government-policy"),
    ("Rebels defy whips over trade deal",
     "Twenty rebel MPs voted against the deal, and two lost the whip within the hour.",
     "government-policy"),
    ("Deal faces meaningful vote next week",
     "The meaningful vote on the deal will be held on Tuesday, with Brexiteers and "
     "Remainers both threatening to oppose it.", "government-policy"),
])
def test_a_parliaments_story_gets_its_desks_topic(title, text, topic):
    assert topic in slugs(title, text)


@pytest.mark.parametrize(("title", "text"), [
    ("Family car seat recall widens",
     "The maker recalled 40,000 child seats after a latch failed; owners who held the "
     "seat's receipt can claim a refund at any store."),
    ("Dance troupe wows festival crowd",
     "The dancers crossed the stage in pairs, and the crowd on the floor joined in for the "
     "last number of the night."),
])
def test_the_same_words_in_other_senses_give_no_politics(title, text):
    assert not set(slugs(title, text)) & POLITICS
