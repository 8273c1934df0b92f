"""A figure is what a story is about only when nothing else is (issue 18, thirteenth round).

An amount of money in the headline is a Business phrase ("Boeing wins $325m contract").
Beside a topic given on other evidence, a Business resting mostly on amounts (their points
more than the rest of its phrases) is a figure of that story: a minister's roaming bill,
a diplomat's net worth, a transfer fee, a game's price. It is left out unless the learned
desks read the story as business (``topic_signals.money_led``): a regulator's record fine
on a company (business 0.94) keeps it, and so does a contract with no other topic.
Written items only.
"""

from __future__ import annotations

from news_digest.enrich import topics
from news_digest.seeds.format import read_seed

from sitebuild import ROOT, default_taxonomy, explain_report

ROAMING = ("Minister ran up £11,000 roaming bill on official phone",
           ("The cabinet minister ran up a £11,000 roaming bill on her official phone during a "
            "week-long trip abroad, the government confirmed.",
            "Opposition MPs said the £11,000 should be repaid to the taxpayer, and the prime "
            "minister's spokesman said the ministerial code had not been broken.",
            "The minister said she had streamed £2,000 of video by mistake."))
# The written set's regulator fine: Privacy and Social Media, and Business on its
# "1.2 billion euros" with "shares" and "businesses": the desks read it as business.
FINES = ROOT / "tests" / "data" / "labelled" / "012_f2c1b4a3d5e6f7a8.txt"


def slugs(title: str, *body: str) -> list[str]:
    return [t.slug for t in default_taxonomy().classify(title, "\n".join(body))]


def test_a_figure_beside_another_story_is_not_business():
    assert slugs(ROAMING[0], *ROAMING[1]) == ["government-policy"]


def test_without_the_rule_the_figures_make_it_business(monkeypatch):
    monkeypatch.setattr(topics, "money_led", lambda kept, *rest: kept)
    assert slugs(ROAMING[0], *ROAMING[1]) == ["government-policy", "business"]


def test_a_story_the_desks_read_as_business_and_a_figure_alone_keep_it():
    seed = read_seed(FINES)
    assert "business" in slugs(seed.title, *seed.paragraphs)
    assert slugs("Boeing wins $325m contract for tanker jets",
                 "Boeing has won a $325m contract to build four more tanker jets, the Pentagon "
                 "said on Friday. Deliveries are due in 2027.") == ["business"]


def test_explain_says_it_rests_on_figures(tmp_path):
    report = explain_report(tmp_path, ROAMING[0], ROAMING[1])
    assert "Topics: Government & Policy" in report
    assert ("business (Business & Economy) - not kept: it rests mostly on amounts of money "
            in report)
    assert "beside Government & Policy, given on other evidence, and the story reads like " \
           "business (" in report


def test_explain_names_the_missing_anchor_of_a_topic_resting_on_amounts(tmp_path):
    # Business here scores 6.5 on four salaries and one "business": amounts in the body
    # are no anchor, so it was never a candidate, and explain says that, not that the
    # learned desks turned down a second topic on one light phrase (fourteenth round).
    title = "Software maker's salary spreadsheet leaked online"
    body = ("A spreadsheet of salaries at a large software company was leaked online this "
            "week. Junior engineers are paid $120,000 a year, senior engineers $180,000 and "
            "principal engineers $250,000, it shows, with bonuses of $20,000 to $60,000.",
            "The company said the leak did not change how its business sets pay.")
    assert slugs(title, *body) == ["technology"]
    line = next(line for line in explain_report(tmp_path, title, body).split("\n")
                if "business (Business & Economy)" in line)
    assert "not kept: no phrase of weight >= 1.5 found" in line
    assert "an amount of money counts as one only in the headline" in line
    assert "needs the model's word" not in line
