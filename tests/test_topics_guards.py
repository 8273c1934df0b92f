"""The topics' guards and the third round's rules (issue 18): the opening, subjects
outside the digest, a desk-mate the model is sure of, one phrase twice near the line,
and what ``explain`` says of each (``enrich/topic_guards.py``, ``topic_lift.py``)."""

from __future__ import annotations

import pytest

from news_digest.curator.explain import explain
from news_digest.curator.site_settings import digest_settings
from news_digest.enrich.topic_guards import OPENING_CHARS, opening
from news_digest.enrich.topic_model import TopicModel
from news_digest.enrich.topics import Taxonomy, UnknownTopics, seed_topics
from news_digest.seeds.format import SeedError, parse_seed, read_seed

from sitebuild import ROOT, seed_text

LAW = {"slug": "law-courts", "label": "Law & Courts",
       "phrases": {"lawsuit": 3, "judge": 2, "jury": 2}, "keywords": ["court", "trial"]}
TRANSPORT = {"slug": "transport", "label": "Transport",
             "phrases": {"bus lanes": 3, "railway": 3, "trains": 2}}
ARTS = {"slug": "arts", "label": "Arts", "outside": True,
        "phrases": {"film": 2, "actors": 2, "cinemas": 2, "screenplay": 3, "director": 1.5}}
# A paragraph about transport, about 140 characters: five of them fill the opening.
FILLER = ("The council said the new bus lanes would open in spring, and the railway station "
          "would be rebuilt by the end of next year, with more trains. ")


def slugs(taxonomy: Taxonomy, title: str, text: str) -> list[str]:
    return [t.slug for t in taxonomy.classify(title, text)]


def test_the_opening_is_the_first_characters_of_the_body_cut_at_a_space():
    text = "word " * 400
    assert len(opening(text)) <= OPENING_CHARS and not opening(text).endswith("wor")
    assert opening("short body") == "short body"


def test_a_topic_found_only_deep_in_a_long_story_needs_twice_the_threshold():
    taxonomy = Taxonomy([TRANSPORT, LAW], model=False)
    late = " Later a resident asked about a lawsuit, and a judge heard the case."
    # Law scores 5 (lawsuit 3, judge 2): enough in the opening, not further down.
    assert slugs(taxonomy, "Town plans", FILLER + late) == ["transport", "law-courts"]
    assert slugs(taxonomy, "Town plans", FILLER * 5 + late) == ["transport"]
    # In the headline it is about the story, wherever the body mentions it.
    assert "law-courts" in slugs(taxonomy, "Lawsuit over town plans", FILLER * 5 + late)
    # A strand the story develops (10 points or more) is given wherever it is.
    developed = late + " The lawsuit names the mayor, a second lawsuit the council; the judge " \
                       "set a date; the jury sits."
    assert slugs(taxonomy, "Town plans", FILLER * 5 + developed) == ["transport",
                                                                      "law-courts"]


def test_the_best_topic_too_must_be_in_the_opening_or_developed():
    taxonomy = Taxonomy([TRANSPORT, LAW], model=False)
    padding = "Residents met in the hall on Monday evening and talked for hours. " * 10
    assert slugs(taxonomy, "A long evening", padding + "A lawsuit, a judge.") == ["general"]
    assert slugs(taxonomy, "A long evening", "A lawsuit, a judge. " + padding) == [
        "law-courts"]


def test_a_subject_outside_the_digest_is_never_given_and_holds_weaker_topics_back():
    taxonomy = Taxonomy([LAW, ARTS], model=False)
    review = ("The film follows a young lawyer through her first trial; the director keeps "
              "the camera close and the actors do their best with a thin screenplay. The "
              "judge and the jury are sketched. It opens in cinemas on Friday.")
    assert slugs(taxonomy, "Review: a courtroom drama", review) == ["general"]
    # Without the film's words, the same judge and jury are a law story.
    assert slugs(taxonomy, "A lawsuit", "The judge and the jury heard the case.") == [
        "law-courts"]
    # A topic scoring more than the outside subject is given beside it.
    suit = "Lawsuit: actors sue studio"
    assert slugs(taxonomy, suit, "The lawsuit says the film's director owes the actors; "
                                 "a judge will hear it.") == ["law-courts"]
    # Alone, an outside subject gives nothing: General.
    assert slugs(taxonomy, "A film", "The film opens in cinemas.") == ["general"]


def test_an_outside_subject_cannot_be_named_in_a_topics_header():
    taxonomy = Taxonomy([LAW, ARTS], model=False)
    assert taxonomy.lookup("arts") is None and taxonomy.lookup("law-courts") is not None
    with pytest.raises(UnknownTopics) as err:
        taxonomy.override("Arts")
    assert str(err.value).endswith("(law-courts, general)")  # the topics one may name
    seed = parse_seed(seed_text(title="A film", body=("The film opens.",),
                                extra=(("Topics", "arts"),)), "a.txt")
    with pytest.raises(SeedError) as refused:
        seed_topics(taxonomy, seed)
    assert refused.value.line == seed.lines["topics"]


def test_the_default_taxonomy_sends_entertainment_to_general():
    taxonomy = Taxonomy.from_settings(digest_settings(str(ROOT / "pelicanconf.py")))
    story = ("The band will reunite for a 30-date world tour next summer, the singer told "
             "fans at a concert in Nashville. Tickets go on sale on Friday; the tour ends in "
             "October with a show at the arena. The album they recorded in 1973 will be "
             "played in full, and the guitarist said the group had settled its old dispute "
             "with the record label out of court.")
    assert slugs(taxonomy, "Rock band sets 50th anniversary tour", story) == ["general"]
    film = ("The director's new film, starring two Oscar winners, opens in cinemas on "
            "Friday; critics at the festival praised the screenplay and the actors. It was "
            "shot in Vancouver on a budget of $40 million.")
    assert slugs(taxonomy, "A quiet drama about a family", film) == ["general"]


def politics_model(chance: float) -> TopicModel:
    """A model that finds every story reads like politics with about ``chance``."""
    import math  # noqa: PLC0415

    return TopicModel({"desks": ["politics", "sports"], "temperature": 1.0, "weights": {},
                       "prior": [math.log(chance / (1 - chance)), 0.0]})


GOV = {"slug": "government-policy", "label": "Government & Policy",
       "phrases": {"parliament": 2}, "keywords": ["party", "leader"]}
ELECTIONS = {"slug": "elections", "label": "Elections",
             "phrases": {"elections": 3, "electoral threshold": 3}, "keywords": ["seats"]}


def test_a_desk_the_model_is_sure_of_lifts_a_second_topic_of_its_own():
    story = ("After the elections his party failed to cross the electoral threshold and had "
             "no seats in parliament. Now the party leader is set to lead the government.")
    title = "The party leader set to oust his old boss"
    assert slugs(Taxonomy([GOV, ELECTIONS], model=politics_model(0.99)), title, story) == [
        "elections", "government-policy"]
    # Less sure, the desk tells which desk, not which of its topics: one of them.
    assert slugs(Taxonomy([GOV, ELECTIONS], model=politics_model(0.6)), title, story) == [
        "elections"]
    # Without evidence of its own (half the threshold), no topic is lifted.
    thin = story.replace("parliament", "the chamber")
    assert slugs(Taxonomy([GOV, ELECTIONS], model=politics_model(0.99)), title, thin) == [
        "elections"]


def test_one_phrase_twice_in_the_body_is_real_evidence_near_the_line():
    health = [{"slug": "health", "label": "Health", "phrases": {"healthcare": 2.5},
               "keywords": ["care"]}]
    taxonomy = Taxonomy(health, model=False)
    twice = "Partners in healthcare must protect trust in public healthcare, experts say."
    once = "Partners in healthcare must protect public trust, experts say."
    assert slugs(taxonomy, "Caution urged for virtual care", twice) == ["health"]
    assert taxonomy.classify("Caution urged for virtual care", twice)[0].near_line
    assert slugs(taxonomy, "Caution urged for virtual care", once) == ["general"]


def test_explain_says_what_the_guards_did_in_words_a_curator_can_act_on(tmp_path):
    taxonomy = Taxonomy([TRANSPORT, LAW, ARTS], model=False)
    late = " Later a resident asked about a lawsuit, and a judge heard the case."
    seed_file = tmp_path / "001_0123456789abcdef.txt"
    seed_file.write_text(seed_text(title="Town plans", body=(FILLER * 5 + late,)))
    report = "\n".join(explain(taxonomy, read_seed(seed_file)))
    assert "law-courts (Law & Courts) - not kept: none of its phrases is in the headline or " \
           f"the opening (the first {OPENING_CHARS} characters)" in report
    assert "a phrase of it in the headline or the lead would give it" in report
    review = tmp_path / "002_0123456789abcdef.txt"
    review.write_text(seed_text(title="Review: a courtroom drama", body=(
        "The film follows a lawyer; the director keeps the camera close and the actors do "
        "their best with a thin screenplay. The judge and the jury are sketched, and the "
        "lawsuit that opens the film is never lived. In cinemas on Friday.",)))
    report = "\n".join(explain(taxonomy, read_seed(review)))
    assert "Topics: General" in report
    assert "the story reads as Arts" in report and "a subject this digest does not cover" \
        in report
    assert "arts (Arts) - outside the digest (outside = true): never given" in report


def test_a_topic_found_further_down_is_given_when_the_desks_read_the_opening_as_its_desk(
        tmp_path):
    """The opening's guard asks the learned desks too (thirteenth round): they read the
    headline and the opening, so a story they read as a topic's desk is about it in words
    its phrases do not list; a story they do not read so keeps the guard."""
    policy = {"slug": "government-policy", "label": "Government & Policy",
              "phrases": {"minister": 2, "parliament": 3}}
    padding = "Residents met in the hall on Monday evening and talked for hours. " * 10
    body = padding + "The minister told parliament about it."
    assert len(padding) > OPENING_CHARS
    read = Taxonomy([policy, TRANSPORT], model=politics_model(0.6))
    doubted = Taxonomy([policy, TRANSPORT], model=politics_model(0.1))
    assert slugs(read, "A long evening", body) == ["government-policy"]
    assert slugs(doubted, "A long evening", body) == ["general"]
    assert slugs(Taxonomy([policy, TRANSPORT], model=False), "A long evening", body) == [
        "general"]
    # A topic no desk speaks for keeps the guard whatever the desks read.
    courts = Taxonomy([LAW, TRANSPORT], model=politics_model(0.99))
    assert slugs(courts, "A long evening", padding + "A lawsuit, a judge.") == ["general"]
    seed_file = tmp_path / "003_0123456789abcdef.txt"
    seed_file.write_text(seed_text(title="A long evening", body=(body,)))
    kept = "\n".join(explain(read, read_seed(seed_file)))
    assert "government-policy (Government & Policy) - kept (5): none of its phrases is in " \
           "the headline or the opening" in kept
    assert "read them as its desk: politics + international 0.60, at least 0.4" in kept
    left = "\n".join(explain(doubted, read_seed(seed_file)))
    assert "government-policy (Government & Policy) - not kept: none of its phrases is in " \
           "the headline or the opening" in left
    assert "the learned desks do not read the headline and the opening as its desk " \
           "(politics + international 0.10, under 0.4)" in left
