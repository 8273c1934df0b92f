"""Words of a story's time or setting, not its subject (``backdrop``, issue 18).

A story of 2020 names the pandemic as its time, several times over: a police inquiry, a
year of television, a city's crime. Health lists the pandemic's names under ``backdrop``
in ``topics.toml``: Health resting mostly on them, none in the headline, is not given;
beside a better topic, not even when they are in the headline ("... dims hopes for a
Covid-19 relief package" is a story about the Senate). Written items only.
"""

from __future__ import annotations

import pytest

from news_digest.enrich.taxonomy_file import TaxonomyFileError, load_taxonomy
from news_digest.enrich.topics import Taxonomy

from sitebuild import ROOT, default_taxonomy, explain_report

HEADLINE = "Police watchdog still waiting for bodycam footage of the Elm Street arrest"
INQUIRY = ("The city's police watchdog said on Monday it had asked the department six times "
           "for the bodycam footage of the Elm Street arrest, and that the pandemic had been "
           "used as a reason for delay since the spring.",
           "Investigators said the coronavirus had slowed interviews with officers, but that "
           "the pandemic could no longer explain why the footage of the arrest, made during a "
           "protest, was still withheld. The department said the pandemic had left its records "
           "unit short of staff and that it would hand over the recordings within a month.")
WARD = ("Doctors at the city's hospital said the pandemic had filled the wards, and that "
        "patients waiting for surgery would wait longer as nurses were moved to intensive "
        "care.",)


RELIEF = "Senate fight over the budget bill dims hopes for a Covid-19 relief package"
SENATE = ("Senators from both parties said on Tuesday that the fight over the budget bill had "
          "left little time for other legislation before the recess, and that lawmakers would "
          "not vote on a Covid-19 relief package until the spring.",
          "The Senate majority leader said the budget committee would meet again next week. "
          "Democrats said the delay would hurt families, and Republicans said the relief bill "
          "had grown too large to pass as written.")
CLINICS = ("Hospitals said intensive care wards were full and patients waited longer for "
           "surgery; doctors and nurses asked for the relief package to fund vaccine clinics.",)


def given(title: str, *body: str, taxonomy: Taxonomy | None = None) -> list[str]:
    return [t.slug for t in (taxonomy or default_taxonomy()).classify(title, "\n".join(body))]


def without_backdrop() -> Taxonomy:
    return Taxonomy([{k: v for k, v in t.items() if k != "backdrop"}
                     for t in load_taxonomy(ROOT / "topics.toml")])


def test_the_pandemic_as_a_storys_time_gives_no_health():
    assert "health" not in given(HEADLINE, *INQUIRY)


def test_without_the_list_it_would():
    assert "health" in given(HEADLINE, *INQUIRY, taxonomy=without_backdrop())


def test_the_pandemic_in_the_headline_keeps_health():
    assert "health" in given("Pandemic delays police inquiry into the Elm Street arrest",
                             *INQUIRY)


def test_beside_a_better_topic_the_pandemic_in_the_headline_is_the_storys_time():
    assert given(RELIEF, *SENATE) == ["government-policy"]


def test_without_the_list_the_headline_kept_it_beside_a_better_topic():
    taxonomy = without_backdrop()
    # "Covid-19", all Health holds here, is written as a name: the later rule of a topic
    # only named (topic_names.py) leaves it out too; without both, it was given.
    assert given(RELIEF, *SENATE, taxonomy=taxonomy) == ["government-policy"]
    taxonomy.names = None
    assert given(RELIEF, *SENATE, taxonomy=taxonomy) == ["government-policy", "health"]


def test_beside_a_better_topic_health_words_of_its_own_keep_health():
    assert given(RELIEF, *SENATE, *CLINICS) == ["government-policy", "health"]


def test_a_story_with_health_words_of_its_own_keeps_health():
    assert "health" in given("Hospital wards full as surgery waits grow", *WARD, *INQUIRY[1:])


def test_explain_says_it_rests_on_the_backdrop(tmp_path):
    report = explain_report(tmp_path, HEADLINE, INQUIRY)
    assert "health (Health) - not kept: it rests on the story's backdrop (" in report
    assert "none of them in the headline): the story's time or setting" in report


def test_explain_says_the_headline_does_not_keep_it_beside_a_better_topic(tmp_path):
    report = explain_report(tmp_path, RELIEF, SENATE)
    assert "health (Health) - not kept: it rests on the story's backdrop (" in report
    assert ("beside Government & Policy, given, which scores more: named in the headline "
            "too, they are the time of that story") in report


def test_a_backdrop_word_must_be_a_phrase_of_the_topic(tmp_path):
    path = tmp_path / "topics.toml"
    path.write_text('[[topics]]\nslug = "h"\nlabel = "H"\nphrases = ["pandemic"]\n'
                    'backdrop = ["covid"]\n')
    with pytest.raises(TaxonomyFileError) as err:
        load_taxonomy(path)
    assert "topics[0].backdrop" in str(err.value) and "one of this topic's phrases" in str(
        err.value)


def test_explain_names_the_backdrop_beside_a_topic_as_high_listed_first():
    """A tie is ranked by the taxonomy's order, in the tagger and in ``explain`` alike:
    Health level with Business, listed after it, is beside it (it once read "beyond the 5
    best topics" for a story given one topic)."""
    from types import SimpleNamespace  # noqa: PLC0415

    from news_digest.curator.explain import explain  # noqa: PLC0415

    taxonomy = Taxonomy([
        {"slug": "business", "label": "Business", "phrases": {"shares": 3}},
        {"slug": "health", "label": "Health", "phrases": {"pandemic": 3, "wards": 3},
         "backdrop": ["pandemic"]}])
    title, body = "Pandemic hits shares", "Shares in the airline fell as the pandemic went on."
    assert given(title, body, taxonomy=taxonomy) == ["business"]
    seed = SimpleNamespace(path="tie.md", title=title, headers={}, lines={},
                           paragraphs=[body], warnings=())
    line = next(line for line in explain(taxonomy, seed) if " health (Health) - " in line)
    assert line.split(" - ", 1)[1].startswith(
        "not kept: it rests on the story's backdrop (12 of its 12 points of phrases from words "
        "listed under backdrop) beside Business, given, which scores as much and is listed "
        "first in the taxonomy: named in the headline too")
