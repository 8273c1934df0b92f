"""A second topic resting on its actors named without an act of it: Government & Policy on
the White House as a champion's destination, lawmakers as an exhibit's audience (issue 18,
topics17; ``enrich/topic_actors.py``, ``actors`` and ``acts`` in ``topics.toml``). Written
items only, each beside the same actors where they govern."""

from __future__ import annotations

import pytest

from news_digest.enrich.taxonomy_file import load_taxonomy
from news_digest.enrich.topic_actors import act_forms, sentences
from news_digest.enrich.topics import Taxonomy
from news_digest.errors import TaxonomyFileError

from sitebuild import ROOT, default_taxonomy, explain_report

VISIT = "Champions thrilled about a visit to the White House after their title run"
CHAMPIONS = (
    "The league champions will travel to the White House next month, the team said on "
    "Thursday, after a season in which they won the title on the final day.",
    "The quarterback, who threw three touchdown passes in the final, said the players had "
    "grown up watching other teams go to the White House. The head coach said the squad "
    "would train in the morning before the trip.",
    "A date for the White House visit has not been set. The team's fans filled the "
    "stadium for the championship parade, and the coach thanked the supporters.")
# The same actors governing: the White House blocks a testimony, lawmakers hold a hearing.
BLOCKED = "White House blocks health agency director from testifying on school reopening"
TESTIMONY = (
    "The White House is blocking the director of the national health agency from "
    "testifying before lawmakers on the reopening of schools during the pandemic.",
    "The lawmaker who called the hearing said the White House decision left parents without "
    "the guidance of the country's disease experts, as cases of the virus rise in hospitals.",
    "The agency's guidance on masks and testing in schools is expected next week, and "
    "doctors said the vaccine for children was still being studied.",
    "Hospitals reported more patients with the virus this week, and the health agency's "
    "doctors said infections among children were rising; public health experts urged "
    "vaccination before the school year.")


def given(title: str, body, taxonomy: Taxonomy | None = None) -> list[str]:
    return [t.slug for t in (taxonomy or default_taxonomy()).classify(title, "\n".join(body))]


def without_actors() -> Taxonomy:
    return Taxonomy([{k: v for k, v in t.items() if k not in ("actors", "acts")}
                     for t in load_taxonomy(ROOT / "topics.toml")])


def test_the_white_house_as_a_champions_destination_is_not_government():
    assert given(VISIT, CHAMPIONS) == ["sports"]


def test_without_the_actors_list_it_would_be():
    assert "government-policy" in given(VISIT, CHAMPIONS, without_actors())


def test_the_same_actors_governing_keep_it():
    assert given(BLOCKED, TESTIMONY)[0] == "health"
    assert "government-policy" in given(BLOCKED, TESTIMONY)


def test_an_act_in_the_story_keeps_the_actors_beside_it():
    acted = (*CHAMPIONS[:2], "During the visit the president will sign a bill on college "
             "athletes' pay, the White House said. Lawmakers passed the bill last week, and "
             "the White House has promised to veto any repeal.")
    assert "government-policy" in given(VISIT, acted)


def test_the_best_topic_stands_on_its_actors():
    title = "The White House at night: a visit to the mansion's rooms"
    body = ("Visitors to the White House walk through the East Room and the Blue Room, and the "
            "White House guides tell the history of each portrait.",
            "The White House has welcomed visitors since the nineteenth century.")
    assert given(title, body)[0] == "government-policy"


def test_explain_says_it_rests_on_actors_without_an_act(tmp_path):
    report = explain_report(tmp_path, VISIT, CHAMPIONS)
    line = next(line for line in report.splitlines() if " government-policy (" in line)
    assert ("not kept: beside Sports, given, it rests on its actors named without an act "
            '("white house" x4, 0 beside an act; listed under actors)') in line, report
    assert "would keep it" in line


def test_an_acts_inflections_and_a_titles_full_stop():
    forms = act_forms(["veto", "ban", "rule", "policy", "testify"])
    assert {"vetoed", "vetoes", "banned", "banning", "ruling", "ruled", "policies",
            "testified", "testifying"} <= forms
    assert not {"band", "ruler", "policys"} & forms
    assert sentences("Gov. Kristi Noem launched it. The U.S. Senate voted.\nNext.") == [
        "Gov. Kristi Noem launched it.", "The U.S. Senate voted.", "Next."]


@pytest.mark.parametrize("entry, expected", [
    ('actors = ["mayor"]\n', "topics[0].actors"),
    ('acts = ["veto"]\n', "topics[0].acts"),
    ('actors = ["white house"]\nacts = ["pass a bill"]\n', "a single word"),
])
def test_actors_must_be_phrases_and_acts_single_words(tmp_path, entry, expected):
    path = tmp_path / "topics.toml"
    path.write_text('[[topics]]\nslug = "g"\nlabel = "G"\nphrases = ["white house", "bill"]\n'
                    + entry, encoding="utf-8")
    with pytest.raises(TaxonomyFileError) as err:
        load_taxonomy(path)
    assert expected in str(err.value) and "topics.toml:" in str(err.value)
