"""Words a topic leaves to another topic given beside it (``not_beside``, issue 18).

The rubric's rule (``tests/data/topics_devset/README.md``): in a story about an election,
the parties, the politicians and the offices they run for are the contest's actors, so
Government & Policy is given beside Elections only when the story develops governing (a
bill, a budget, a policy) in words of its own. ``topics.toml`` lists those actors' words
under Government & Policy's ``[topics.not_beside] elections`` (and the White House a
candidate runs for); beside Business, a regulator's or an attorney general's action on a
company is that story's (the rubric's near miss), under ``business``. The same rubric files
campaign money under Elections: Business lists its money words (amounts as figures,
"financial", "funds", ...) under its own ``not_beside``, so a donor's gift to a candidate
is no business story, and a donor's company's profits and shares still are. Written items
only.
"""

from __future__ import annotations

import pytest

from news_digest.enrich import topic_beside
from news_digest.enrich.taxonomy_file import TaxonomyFileError, load_taxonomy
from news_digest.enrich.topics import Taxonomy

from sitebuild import ROOT, default_taxonomy, explain_report

HEADLINE = "Democrats rally behind Senator Okafor as the primary race tightens"
RACE = ("Senator Dana Okafor drew a crowd of Democrats to a rally in Harlow on Saturday, "
        "three weeks before the party's primary, as a new poll showed her lead over the "
        "former mayor shrinking to four points among likely voters.",
        "Republicans have put up two candidates for the seat, and the presidential campaign "
        "of the party's front-runner is expected to visit the state before the vote. "
        "Political analysts said turnout among young voters would decide the election, and "
        "both campaigns are spending heavily on advertising.")
POLICY = ("Okafor's bill to cap rent increases, which passed the committee last month, "
          "is the centre of her campaign: the legislation would also fund social housing, "
          "a policy the governor's budget left out, and her opponents want to repeal the "
          "state's rent control ordinance.")
PARTY = ("Democrats and Republicans traded blame on Monday over the party leaders' failure "
         "to agree, and political analysts said the party's senators were divided.",)


RUN = "Okafor launches her bid for the White House in Harlow"
BID = ("Senator Dana Okafor told a crowd of supporters in Harlow on Saturday that she would run "
       "for the White House next year, the fourth candidate to enter the race for her party's "
       "nomination.",
       "Her campaign said she would visit the early primary states before voters there cast "
       "their ballots. Polls show her trailing the front-runner, and her rivals said a senator "
       "who has never run a national campaign could not win the White House.")
INQUIRY = "State attorney general investigating Harlow Homes and its former chief executive"
LOANS = ("The state attorney general has opened an investigation into Harlow Homes, the shared "
         "office company, and its former chief executive over loans he made to the company "
         "before its failed stock market listing, two people familiar with the inquiry said.",
         "The attorney general's office has asked the company for documents on its lending "
         "policy and the rules its board set for him, and on its valuation, which fell from "
         "$47 billion to less than $8 billion after investors balked. Shares in its largest "
         "investor fell 3% on the news. The attorney general declined to comment.")
RENTS = ("The governor said the state would also bring in new regulations for shared offices "
         "and a bill to cap commercial rents, a policy the legislature will debate next month.",)
GIFT = "Wealthy family gives early financial support to Senator Okafor"
DONOR = ("A wealthy family has given $500,000 to a group backing Senator Dana Okafor's bid "
         "for a third term, the largest gift of the race, campaign finance filings showed on "
         "Friday.",
         "The financial support, announced three weeks before the primary, will pay for "
         "television advertising in the state, and Okafor's rivals said voters would see a "
         "candidate bought by donors. The family's financial backing, a further $250,000, is "
         "expected before the vote.")
FIRM = ("The family's firm reported quarterly profits of $1.2 billion last month, and its "
        "shares rose 8% after it agreed a deal to buy a rival asset manager.",)
# A campaign story that names a bill and taxes among many party words: the rest of
# Government & Policy's evidence reaches the threshold, but the actors' words make most of
# what the body holds of it.
CROWDED = "Democrats and Republicans pour money into the Senate race in Harlow"
ACTORS = ("Democrats say the Republicans' senator voted against the party's immigration bill, "
          "and Republicans say the Democrats' governor raised taxes; both parties' senators, "
          "congressional candidates and presidential hopefuls will campaign in the state.",)


def given(*body: str, taxonomy: Taxonomy | None = None, title: str = HEADLINE) -> list[str]:
    return [t.slug for t in (taxonomy or default_taxonomy()).classify(title, "\n".join(body))]


def without_rule(slug: str | None = None) -> Taxonomy:
    """The default taxonomy with no ``not_beside`` table (or none under ``slug``)."""
    topics = [{k: v for k, v in t.items() if k != "not_beside" or slug not in (None, t["slug"])}
              for t in load_taxonomy(ROOT / "topics.toml")]
    return Taxonomy(topics)


def test_a_campaign_story_is_elections_alone():
    assert given(*RACE) == ["elections"]


def test_without_the_rule_its_party_words_give_government_too():
    assert set(given(*RACE, taxonomy=without_rule())) == {"elections", "government-policy"}


def test_a_campaign_that_develops_a_policy_keeps_government():
    assert set(given(*RACE, POLICY)) == {"elections", "government-policy"}


def test_party_words_without_an_election_still_give_government():
    assert "government-policy" in [t.slug for t in default_taxonomy().classify(
        "Democrats and Republicans trade blame as the senators fail to agree", PARTY[0])]


def test_explain_says_what_the_words_left_to_elections_leave(tmp_path):
    report = explain_report(tmp_path, HEADLINE, RACE)
    assert "Topics: Elections" in report
    assert ("government-policy (Government & Policy) - not kept: beside Elections, given, "
            "the words it leaves to Elections (not_beside) do not count, and the rest of "
            "its evidence scores") in report
    kept = explain_report(tmp_path, HEADLINE, (*RACE, POLICY))
    assert "(not_beside) do not count, and the rest of its evidence scores" in kept
    assert "at least 5" in kept


def test_a_topic_most_of_whose_evidence_is_the_other_topics_actors_is_left_out(monkeypatch):
    assert given(*RACE, *ACTORS, title=CROWDED) == ["elections"]
    # The share switched off: the rest (a bill, taxes) reaches the threshold and counted.
    monkeypatch.setattr(topic_beside, "REST_SHARE", 0.0)
    assert given(*RACE, *ACTORS, title=CROWDED) == ["government-policy", "elections"]


def test_a_campaign_whose_policy_makes_most_of_it_keeps_government():
    assert set(given(*RACE, *ACTORS, POLICY, title=CROWDED)) == {
        "elections", "government-policy"}


def test_explain_says_most_of_its_evidence_is_the_other_topics(tmp_path):
    report = explain_report(tmp_path, CROWDED, (*RACE, *ACTORS))
    assert ("the rest of its evidence scores 5.25, but in the body only 5.25 of its 25.75, "
            "under 50%: most of what the body holds of it is the words it leaves to "
            "Elections, the actors of that story") in report


def test_the_white_house_a_candidate_runs_for_is_the_contests():
    assert given(*BID, title=RUN) == ["elections"]


def test_without_the_white_house_listed_it_gave_government_too():
    topics = [dict(t, not_beside={"elections": [w for w in t["not_beside"]["elections"]
                                                if w != "white house"]})
              if t["slug"] == "government-policy" else t
              for t in load_taxonomy(ROOT / "topics.toml")]
    assert given(*BID, title=RUN, taxonomy=Taxonomy(topics)) == ["government-policy",
                                                                 "elections"]


def test_the_white_house_governing_without_an_election_is_government():
    assert given("The White House said on Monday that new federal regulations would limit "
                 "drone flights over cities, and the Transportation Department will enforce "
                 "them from next year.",
                 title="The White House issues new rules on drone flights over cities") == [
        "government-policy"]


def test_an_attorney_generals_inquiry_into_a_company_is_that_business_story():
    assert given(*LOANS, title=INQUIRY) == ["business"]


def test_without_the_list_for_business_the_inquiry_gave_government_too():
    topics = [dict(t, not_beside={"elections": t["not_beside"]["elections"]})
              if t["slug"] == "government-policy" else t
              for t in load_taxonomy(ROOT / "topics.toml")]
    assert given(*LOANS, title=INQUIRY, taxonomy=Taxonomy(topics)) == ["business",
                                                                     "government-policy"]


def test_new_regulations_beside_the_inquiry_are_governing():
    assert given(*LOANS, *RENTS, title=INQUIRY) == ["government-policy", "business"]


def test_a_donors_gift_to_a_candidate_is_the_campaigns_money():
    assert given(*DONOR, title=GIFT) == ["elections"]


def test_without_businesss_list_the_gift_gave_business_too():
    assert given(*DONOR, title=GIFT, taxonomy=without_rule("business")) == ["business",
                                                                            "elections"]


def test_a_donors_company_with_business_words_of_its_own_keeps_business():
    assert given(*DONOR, *FIRM, title=GIFT) == ["business", "elections"]


def test_explain_says_what_the_money_left_to_elections_leaves(tmp_path):
    report = explain_report(tmp_path, GIFT, DONOR)
    assert ("business (Business & Economy) - not kept: beside Elections, given, the words "
            "it leaves to Elections (not_beside) do not count") in report
    assert "not those it leaves to Elections" in report


GOOD = '[[topics]]\nslug = "p"\nlabel = "P"\nphrases = ["privacy", "data"]\n'
OTHER = '\n[[topics]]\nslug = "q"\nlabel = "Q"\nphrases = ["quiz"]\n'


@pytest.mark.parametrize(("text", "name", "expected"), [
    (GOOD + 'not_beside = ["data"]\n' + OTHER, "topics[0].not_beside", "another topic's slug"),
    (GOOD + 'not_beside = {r = ["data"]}\n' + OTHER, "topics[0].not_beside.r",
     "the slug of another topic"),
    (GOOD + 'not_beside = {p = ["data"]}\n' + OTHER, "topics[0].not_beside.p",
     "the slug of another topic"),
    (GOOD + 'not_beside = {q = ["gdpr"]}\n' + OTHER, "topics[0].not_beside.q",
     "one of this topic's phrases or keywords"),
])
def test_a_malformed_not_beside_table_is_refused(tmp_path, text, name, expected):
    path = tmp_path / "topics.toml"
    path.write_text(text)
    with pytest.raises(TaxonomyFileError) as err:
        load_taxonomy(path)
    assert name in str(err.value) and expected in str(err.value)


def test_a_good_not_beside_table_is_read(tmp_path):
    path = tmp_path / "topics.toml"
    path.write_text(GOOD + 'not_beside = {q = ["Data"]}\n' + OTHER)
    assert dict(load_taxonomy(path)[0]["not_beside"]) == {"q": ("Data",)}


def test_money_as_figures_may_be_left_to_another_topic(tmp_path):
    path = tmp_path / "topics.toml"
    path.write_text('[[topics]]\nslug = "p"\nlabel = "P"\nphrases = ["profits", "<money>"]\n'
                    'not_beside = {q = ["<money>"]}\n' + OTHER)
    topics = load_taxonomy(path)
    taxonomy = Taxonomy(topics, model=False)
    assert taxonomy.beside.rules  # the amounts are the entry left, not the word "money"
    left = taxonomy.beside.rules[0][0][1]
    assert {taxonomy._entries[e][3] for e in left} == {"<money>"}
