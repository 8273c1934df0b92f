"""Another contest of one meeting, or another doer of one act (event_contests): the
women's race and the men's on one road the same day, qualifying the day before its
grand prix, an aide blaming someone and the principal blaming him stay apart; two
reports of one contest, a race won "from pole", and co-accused named together are not
lowered. Invented stories, no site; the development set's cases are checked by the
quality tests (tune-4, tune-6, tune-real join no distractor)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from news_digest.enrich import clusters as C
from news_digest.enrich import event_contests as K
from news_digest.enrich.cluster_score import pair_score, score_pairs
from news_digest.enrich.cluster_why import explain_pair
from news_digest.enrich.event_heads import head_terms
from news_digest.enrich.event_text import event_terms

SUNDAY = datetime(2026, 4, 12, 15, 0, tzinfo=UTC)
# Plain values, not StoryInputs (tests/test_memory.py counts inputs held by modules).
WOMEN = ("a" * 16, SUNDAY, "Vos wins women's Amstel Gold Race in Valkenburg sprint", (
    "Marianne Vos won the women's Amstel Gold Race on Sunday, outsprinting Lorena Wiebes "
    "on the Cauberg finish in Valkenburg after a late attack on the Keutenberg.",
    "The men's race, won later on Sunday by Remco Evenepoel after a solo attack on the "
    "Cauberg, finished on the same line in Valkenburg.",
    "\"The Cauberg is my climb,\" Vos said."))
MEN = ("b" * 16, SUNDAY + timedelta(hours=2),
       "Evenepoel wins Amstel Gold Race with solo attack", (
    "Remco Evenepoel won the Amstel Gold Race on Sunday, attacking on the Keutenberg and "
    "riding alone over the Cauberg to the finish in Valkenburg.",
    "Tom Pidcock was second at 22 seconds, Mathieu van der Poel third.",
    "\"The Cauberg hurt, but I had the legs,\" Evenepoel said."))
WOMEN_AGAIN = ("c" * 16, SUNDAY + timedelta(hours=3), "Vos takes Amstel Gold on the Cauberg", (
    "Marianne Vos won the Amstel Gold Race for a fourth time on Sunday, beating Lorena "
    "Wiebes in the sprint on the Cauberg in Valkenburg.",
    "The Dutch rider, 38, is the oldest winner of the women's race."))

SATURDAY = datetime(2026, 6, 13, 16, 0, tzinfo=UTC)
POLE = ("d" * 16, SATURDAY, "Leclerc takes pole in Montreal ahead of Russell", (
    "Charles Leclerc took pole position for the Canadian Grand Prix on Saturday, edging "
    "George Russell by 0.071 seconds in qualifying at the Circuit Gilles Villeneuve.",
    "Ferrari team mate Lewis Hamilton will start fourth in Montreal."))
RACE = ("e" * 16, SATURDAY + timedelta(hours=26), "Leclerc leads the way in Montreal", (
    "Charles Leclerc drove a flawless race at the Circuit Gilles Villeneuve to win from "
    "pole, holding off George Russell in the closing laps of the Canadian Grand Prix.",
    "Ferrari team mate Lewis Hamilton was fourth in Montreal."))

FRIDAY = datetime(2026, 11, 13, 12, 0, tzinfo=UTC)
AIDE = ("f" * 16, FRIDAY, "Halvorsen aide blames central bank for Tromsø election loss", (
    "An aide to Ingrid Halvorsen blamed the central bank's rate rise for her defeat in "
    "the Tromsø mayoral election, in a letter to party members on Friday.",
    "Halvorsen lost to Bjørn Aasen by 412 votes after the Norges Bank raised rates."))
PRINCIPAL = ("0" * 16, FRIDAY + timedelta(hours=20),
             "Halvorsen blames central bank for election loss", (
    "Ingrid Halvorsen blamed the Norges Bank's rate rise for her defeat in the Tromsø "
    "mayoral election, in a call with party donors, a day after her aide's letter.",
    "\"We were winning until the rates went up,\" she told the donors, according to two "
    "people on the call. She lost to Bjørn Aasen by 412 votes.",
    "Party leaders have asked for a review of the campaign's spending before the "
    "county elections in the spring."))


def _cluster(*stories):
    return C.cluster([C.StoryInput(*story) for story in stories])


@pytest.mark.parametrize("title, wanted", [
    ("Vos wins women's Amstel Gold Race", {"%cat:women", "%has:women"}),
    ("Sinner wins men's final", {"%cat:men", "%has:men"}),
    ("Czech teenager wins Wimbledon boys' title", {"%cat:boys", "%has:boys"}),
    ("Leclerc takes pole in Montreal", {"%stage:qualifying"}),
    ("Finland among ten qualifiers from Eurovision second semi-final",
     {"%stage:qualifying", "%stage:semifinal"}),
    ("Ecuador's presidential election heads to a run-off", {"%stage:runoff"}),
    ("Leclerc wins Canadian Grand Prix from pole", set()),  # a race won from pole
    ("Leclerc wins in Montreal after sprint win", set()),  # after: not its stage
])
def test_a_headline_tells_its_category_and_stage(title, wanted):
    assert {t for t in event_terms(title, ()).squares if t[0] == "%"} == wanted


def test_a_story_tells_which_categories_it_writes_and_they_make_no_brief_longer():
    terms = event_terms("Evenepoel wins", ("The women's race was won by Vos.",))
    assert "%has:women" in terms.squares and "%has:men" not in terms.squares
    assert not terms.contests  # only its headline's category, stage or doer
    assert K.contest_count(terms) == 1


@pytest.mark.parametrize("title, wanted", [
    ("Halvorsen aide blames central bank", {"%^halvorsen>blame", "%^halvorsen>=accuse"}),
    ("Halvorsen's adviser resigns over leaked memo", {"%^halvorsen>resign",
                                                      "%^halvorsen>=resign"}),
    ("Halvorsen spokesman blames central bank", set()),  # he speaks for her
    ("Halvorsen, wife indicted over campaign funds", set()),  # two accused, not a role
])
def test_a_head_done_by_one_of_a_names_side_is_another_doer(title, wanted):
    body = "Ingrid Halvorsen and her adviser spoke. Halvorsen said so."
    found = {t for t in head_terms(title, body) if t.startswith(K.PROXY_MARK)}
    assert found >= wanted and bool(found) == bool(wanted)


def test_the_women_s_race_and_the_men_s_on_one_road_stay_apart():
    result = _cluster(WOMEN, MEN, WOMEN_AGAIN)
    assert result.cluster_of[WOMEN[0]] != result.cluster_of[MEN[0]]
    assert result.cluster_of[WOMEN[0]] == result.cluster_of[WOMEN_AGAIN[0]]
    why = explain_pair(result, WOMEN[0], MEN[0])
    assert ("another contest or doer: women's, a word the other never writes",
            K.OTHER_CONTEST_FACTOR) in why.factors
    assert not any(what.startswith("another contest")
                   for what, _ in explain_pair(result, WOMEN[0], WOMEN_AGAIN[0]).factors)


def test_qualifying_the_day_before_the_race_stays_apart_though_the_race_was_won_from_pole():
    result = _cluster(POLE, RACE)
    assert result.cluster_of[POLE[0]] != result.cluster_of[RACE[0]]
    why = explain_pair(result, POLE[0], RACE[0])
    assert ("another contest or doer: a stage (qualifying) on another day",
            K.OTHER_CONTEST_FACTOR) in why.factors
    # The same day, a stage is no other contest (two reports of qualifying).
    same_day = (RACE[0], SATURDAY + timedelta(hours=2), *RACE[2:])
    p, q = C.profile(C.StoryInput(*POLE)), C.profile(C.StoryInput(*same_day))
    assert K.other_contest(p, q) is None


def test_an_aide_blaming_someone_and_the_principal_blaming_him_stay_apart():
    result = _cluster(AIDE, PRINCIPAL)
    assert result.cluster_of[AIDE[0]] != result.cluster_of[PRINCIPAL[0]]
    p, q = C.profile(C.StoryInput(*AIDE)), C.profile(C.StoryInput(*PRINCIPAL))
    assert K.other_contest(p, q).startswith("another doer of one act")
    assert K.contest_factor(p, q) == K.OTHER_CONTEST_FACTOR
    # Without the rule they join: the test reads the rule, not the stories' words.
    q_alone = C.profile(C.StoryInput(PRINCIPAL[0], PRINCIPAL[1], "Halvorsen aide blames "
                                     "central bank for election loss", PRINCIPAL[3]))
    assert K.other_contest(p, q_alone) is None


def test_the_hot_path_scores_as_pair_score_does():
    for one, other in ((WOMEN, MEN), (POLE, RACE), (AIDE, PRINCIPAL), (WOMEN, WOMEN_AGAIN)):
        p, q = C.profile(C.StoryInput(*one)), C.profile(C.StoryInput(*other))
        edges: dict = {}
        score_pairs(p, [q.key], {q.key: q}, edges)
        assert edges[tuple(sorted((p.key, q.key)))] == pytest.approx(pair_score(p, q))


COLLEGE = ("1" * 16, SUNDAY, "McAllister Sets Scoring Record as Men's Basketball Tops Drake", (
    "Creighton's Doug McAllister scored 27 points to become the school's all-time leading "
    "scorer as the Bluejays beat Drake 65-53 in the Missouri Valley quarterfinals.",
    "Gregory Echenique added 14 points and nine rebounds for Creighton."))
WIRE = ("2" * 16, SUNDAY + timedelta(hours=3), "Creighton defeats Drake 65-53 in MVC tournament", (
    "Doug McAllister scored 27 points, becoming Creighton's career scoring leader, and the "
    "Bluejays beat Drake 65-53 in the Missouri Valley quarterfinals on Sunday.",
    "Gregory Echenique had 14 points and nine rebounds."))


def test_a_men_s_headline_parts_a_story_only_from_one_of_another_category():
    # Men's is what a report names when it names none: a college's own site heads its
    # report "Men's Basketball", the wire never writes "men" (ECB+'s Creighton game).
    p, q = C.profile(C.StoryInput(*COLLEGE)), C.profile(C.StoryInput(*WIRE))
    assert "%cat:men" in p.terms.contests and "%has:men" not in q.terms.squares
    assert K.other_contest(p, q) is None
    assert _cluster(COLLEGE, WIRE).cluster_of[WIRE[0]] == COLLEGE[0]
    # A story that writes another category is still another contest of a men's one.
    women = C.profile(C.StoryInput(WIRE[0], WIRE[1], WIRE[2], (
        *WIRE[3], "The women's team plays Bradley on Monday.")))
    assert K.other_contest(p, women) == "men's, a word the other never writes"
