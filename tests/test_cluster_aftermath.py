"""Follow-ups that tell an aftermath (event_verbs.follow_up_act): a later story whose
headline tells what came of an earlier occurrence (a sentence after the verdict, a
resignation after the scandal, an appeal after the fine) is not lowered for the later
day its lead names, when it tells half or more of the earlier story again; and the
merge builds an event from the pairs of one day before a follow-up joins it
(cluster_merge.DAYS_FIRST), where an aftermath alone is judged as a brief is
(clusters.AFTERMATH_MEAN). Pure functions and tune-5's seeds, no site."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from news_digest.enrich import cluster_merge as M
from news_digest.enrich import cluster_score as S
from news_digest.enrich import clusters as C
from news_digest.enrich.cluster_links import stories_for_clustering
from news_digest.enrich.cluster_why import explain_pair
from news_digest.enrich.event_verbs import follow_up_act
from news_digest.seeds.format import read_seed

TUNE_5 = Path(__file__).parent / "data" / "same_event_5"


@pytest.mark.parametrize("title, act", [
    ("Former harbour chief jailed for eight years over dredging bribes", "jailed"),
    ("Brewer to appeal competition fine, says contracts are legal", "to appeal"),
    ("Ferry operator's chief executive resigns after sinking", "resigns"),
    ("Dam collapse toll climbs to 40", "toll"),
    ("Union ordered back to work after three-day walkout", "back to work"),
    ("Hacking group claims tram network attack", "claims tram network attack"),
    ("Space agency traces rocket failure to faulty valve", "traces"),
    ("Champion greeted by thousands in her home town", "greeted"),
    # Not an aftermath: a court's new decision, a market's move on the firm's own news,
    # a regulator's new case, an act a person does again on their own.
    ("Tycoon cleared in final appeal over merger case", None),
    ("Brewer's shares slide as beer volumes fall", None),
    ("Regulator opens probe into rival brewer", None),
    ("Champion wins again in Rotterdam", None),
])
def test_a_headline_that_tells_an_aftermath(title, act):
    assert follow_up_act(title) == act


TUESDAY = datetime(2025, 3, 11, 6, 0, tzinfo=UTC)
LEAD = ("The Harbour Court in Valletta on Tuesday found former port authority chief Joseph "
        "Camilleri-Farrugia guilty of taking bribes worth 4.2 million euros from a dredging "
        "contractor for the Marsaxlokk quay.")
REST = ("Judge Roberta Zammit-Pace said the payments had passed through a Gozo shell company "
        "owned by his cousin between 2019 and 2021.",
        "Camilleri-Farrugia, who ran the Marsaxlokk port authority until 2022, denied the "
        "charges; his lawyer said he would appeal.")
# Plain values, not StoryInputs (tests/test_memory.py counts inputs held by modules).
VERDICT = ("a" * 16, TUESDAY, "Former Marsaxlokk port chief guilty of dredging bribes",
           (LEAD, *REST))
SENTENCE_LEAD = ("Former port authority chief Joseph Camilleri-Farrugia was sentenced on "
                 "Thursday to eight years in prison, two days after the Harbour Court in "
                 "Valletta found him guilty of taking 4.2 million euros in bribes from a "
                 "dredging contractor for the Marsaxlokk quay.")
SENTENCED = ("b" * 16, TUESDAY + timedelta(hours=50),
             "Former Marsaxlokk port chief jailed for eight years over dredging bribes",
             (SENTENCE_LEAD, "He was also fined 900,000 euros and barred from public office "
              "for ten years. Judge Roberta Zammit-Pace refused bail pending appeal.",
              "Relatives wept in the public gallery as prison officers led him away."))
# The same report under a headline that tells no aftermath: its later day lowers it.
VISITS = ("c" * 16, SENTENCED[1], "Former Marsaxlokk port chief's dredging bribes",
          SENTENCED[3])
# A later aftermath that tells little of the verdict: the port's new chief resigning.
OTHER = ("d" * 16, SENTENCED[1], "Marsaxlokk port's new chief resigns over quay delays", (
    "The new head of the Marsaxlokk port authority, Miriam Borg-Olivier, resigned on "
    "Thursday over delays to the container quay, which is two years behind schedule.",
    "Shipping lines had complained for months about cranes idle at the terminal."))


def profiles(*values):
    return [C.profile(C.StoryInput(*v)) for v in values]


def test_a_later_aftermath_is_not_lowered_for_its_own_day_and_explain_says_why():
    verdict, sentenced, visits, other = profiles(VERDICT, SENTENCED, VISITS, OTHER)
    assert verdict.days != sentenced.days == visits.days  # Tuesday, and Thursday
    assert sentenced.terms.follows and not visits.terms.follows and other.terms.follows
    assert S.follows_up(verdict, sentenced) and S.day_factor(verdict, sentenced) == 1.0
    assert S.day_factor(verdict, visits) == S.OTHER_DAY_FACTOR
    assert C.pair_score(verdict, sentenced) >= C.LINK > C.pair_score(verdict, visits)
    # The new chief's resignation tells less than half of the verdict: lowered.
    assert not S.follows_up(verdict, other)
    assert S.day_factor(verdict, other) == S.OTHER_DAY_FACTOR
    edges: dict = {}
    S.score_pairs(verdict, ["b" * 16, "c" * 16], {"b" * 16: sentenced, "c" * 16: visits},
                  edges)  # the hot path agrees
    assert edges[("a" * 16, "b" * 16)] == pytest.approx(C.pair_score(verdict, sentenced))
    assert edges[("a" * 16, "c" * 16)] == pytest.approx(C.pair_score(verdict, visits))
    result = C.cluster([C.StoryInput(*VERDICT), C.StoryInput(*SENTENCED)])
    assert result.cluster_of["b" * 16] == result.cluster_of["a" * 16]
    assert ("not lowered for the days their leads name: the later headline tells an "
            "aftermath") in explain_pair(result, "a" * 16, "b" * 16).reason


def test_an_earlier_aftermath_or_none_off_gives_no_relief(monkeypatch):
    """The relief is for the later story only: a sentencing reported before a verdict
    is no aftermath of it; and ``FOLLOW_UPS_OVER_DAYS`` off lowers the pair again."""
    early = ("e" * 16, TUESDAY - timedelta(hours=50), *SENTENCED[2:])
    verdict, sentenced, before = profiles(VERDICT, SENTENCED, early)
    assert not S.follows_up(verdict, before)
    monkeypatch.setattr(S, "FOLLOW_UPS_OVER_DAYS", False)
    assert S.day_factor(verdict, sentenced) == S.OTHER_DAY_FACTOR


def test_the_reports_of_one_day_make_the_event_before_a_follow_up_joins(monkeypatch):
    """Three reports of a verdict (a, b, c) and the sentencing two days on (f), which
    shares too little with c to be scored with it. Merged strongest pair first, f joins
    a and b and the mean then keeps the report c out; merged by the pairs of one day
    first, a, b and c make the event, and f is judged by its mean over the three."""
    adjacent = {"a": {"b": 0.70, "c": 0.64, "f": 0.75}, "b": {"a": 0.70, "c": 0.62, "f": 0.64},
                "c": {"a": 0.64, "b": 0.62}, "f": {"a": 0.75, "b": 0.64}}

    def other_days(x, y):
        return "f" in (x, y)

    def clusters():
        return sorted(sorted(c) for c in M.agglomerate(
            "abcf", adjacent, {}, set(), 0.5, 0.48, 0.44, other_days))

    assert clusters() == [["a", "b", "c"], ["f"]]
    monkeypatch.setattr(M, "DAYS_FIRST", False)
    assert clusters() == [["a", "b", "f"], ["c"]]


def test_an_aftermath_alone_is_judged_by_the_reports_it_shares_terms_with(monkeypatch):
    """tune-5's verdict (three reports) and the sentencing two days on, which never
    names the port that one report's headline names (Klang): scored with two of the
    three reports, it joins by its mean over those two (``clusters.AFTERMATH_MEAN``),
    as a brief would; counting the third pair as 0 kept it out."""
    seeds = [read_seed(path) for path in sorted(TUNE_5.glob("43[6-9]_*.txt"))]
    inputs, problems = stories_for_clustering(seeds)
    assert not problems and "jailed" in seeds[3].title

    def joined() -> int:
        result = C.cluster(inputs)
        lead = result.cluster_of[seeds[0].identity]
        return sum(result.cluster_of[seed.identity] == lead for seed in seeds)

    assert joined() == 4
    monkeypatch.setattr(C, "AFTERMATH_MEAN", False)
    assert joined() == 3
