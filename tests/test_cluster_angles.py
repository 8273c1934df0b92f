"""Later versions and briefs of one event (the fourteenth round, docs/clusters.md).

A feature written days later that opens with the time since its event ("Three days
after the quake, ...") is put on the event's day (``event_dates.days_after``), and a
brief joining a cluster alone is judged by the stories it was scored with
(``cluster_merge.brief_mean``). Each beside a story of the same shape that stays apart:
a new event whose lead opens the same way but names its own day, and a long story with
the brief's scores.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from news_digest.enrich import cluster_score as S
from news_digest.enrich import clusters as C
from news_digest.enrich import event_dates
from news_digest.enrich.cluster_links import stories_for_clustering
from news_digest.enrich.cluster_merge import agglomerate, brief_mean
from news_digest.enrich.cluster_why import explain_pair
from news_digest.enrich.event_dates import day_notes, lead_days
from news_digest.seeds.format import read_seed

from busy_site import DEVSET, devset_labels

THURSDAY = datetime(2025, 8, 21, 9, 0, tzinfo=timezone(timedelta(hours=8)))


@pytest.mark.parametrize("title, lead, days", [
    ("Three days after the quake, villages wait for help", "Residents queue for water.",
     (date(2025, 8, 18),)),
    ("Villages wait for help", "Two days after a magnitude 6.8 earthquake shook the coast, "
     "residents queue for water.", (date(2025, 8, 19),)),
    ("Villages wait", "WASHINGTON — A day after the vote, senators went home.",
     (date(2025, 8, 20),)),
    ("Villages wait", "Aid is slow. Four days after the flood, the roads are shut.",
     (date(2025, 8, 17),)),
    # not opening the lead, a sentence or a paragraph: another day's event told beside
    ("Dutch court backs regulator", "The ruling comes a day after the EU fined Apple.", ()),
    ("Ruvalcaba withdraws", "She withdrew with a wrist injury, three days after winning "
     "the Madrid Open.", ()),
    ("Trump", "Five hundred and eighty-four days after his escalator ride, he won.", ()),
    # a lead that names its own day: a new event, told after the first one
    ("Second quake hits Sulawesi", "Three days after the quake in Surigao, a magnitude 6.1 "
     "tremor struck Sulawesi on Wednesday.", (date(2025, 8, 20),)),
])
def test_a_lead_opening_with_the_days_since_its_event_names_that_day(title, lead, days):
    assert lead_days(title, [lead], THURSDAY) == days


def test_explain_says_which_day_the_days_since_gave():
    notes = day_notes("Three days after the quake, villages wait for help", ["Residents."],
                      THURSDAY)
    assert notes == "Mon 18 Aug (its lead opens with the days since)"


def _devset(event_names: set[str]) -> tuple[list[C.StoryInput], dict[str, str]]:
    """The development set's stories of these events (and their distractors), and each
    one's key by file name."""
    labels = devset_labels()
    seeds = [read_seed(DEVSET / name) for name in sorted(labels)
             if labels[name]["event"] in event_names]
    inputs, problems = stories_for_clustering(seeds)
    assert not problems
    return inputs, {Path(seed.path).name: seed.identity for seed in seeds}


# A new event three days after the Surigao quake, whose lead opens the same way as the
# villages' feature: it names its own day, so it is not put on the quake's.
SECOND_QUAKE = ("Second strong quake in a week: magnitude 6.1 tremor shakes Mindanao", (
    "Three days after the earthquake in Surigao del Sur, a magnitude 6.1 quake struck "
    "Davao Oriental on Wednesday, damaging homes and a school, officials said.",
    "The Philippine Institute of Volcanology and Seismology said the tremor was not an "
    "aftershock of the Surigao quake, which killed 31 people and left villages in Tandag "
    "province without power.",
    "Rescuers in Davao Oriental found no dead but reported landslides on two roads.",
))


def test_the_feature_three_days_later_joins_its_quake_and_a_new_quake_stays_apart(monkeypatch):
    inputs, key = _devset({"surigao-quake", "sulawesi-quake"})
    feature = key["169_8b68f9f9094ad842.txt"]
    wire = key["165_2501639099b6d56c.txt"]
    at = next(s.published for s in inputs if s.key == feature)
    second = C.StoryInput("5" * 16, at, SECOND_QUAKE[0], SECOND_QUAKE[1])
    result = C.cluster([*inputs, second])
    event = {key[name] for name in ("165_2501639099b6d56c.txt", "166_c90950e53a2eb5a9.txt",
                                    "167_be57856fce96246d.txt", "168_5828cf0cac3b9b76.txt")}
    assert set(result.members(wire)) == event | {feature}
    assert result.cluster_of[second.key] != result.cluster_of[wire]
    assert ("leads name other days", 0.6) in explain_pair(result, second.key, wire).factors
    assert result.cluster_of[key["170_b41bf3134293c1f4.txt"]] != result.cluster_of[wire]
    assert explain_pair(result, wire, feature).factors == ()  # neither days nor time apart
    # without the reading, the feature's guessed day differs and it is kept apart
    monkeypatch.setattr(event_dates, "DAYS_AFTER", False)
    assert feature not in C.cluster(inputs).members(wire)


def test_a_brief_joins_by_the_stories_it_was_scored_with():
    inputs, key = _devset({"ferry-fire", "bali-ferry-sinks"})
    brief, wire = key["268_14807b67648cdf70.txt"], key["265_28dfcf018c5bb528.txt"]
    accounts = key["266_4c201c7f21b88e6f.txt"]
    result = C.cluster(inputs)
    assert len(result.profiles[brief].terms.squares) < S.BRIEF_TERMS
    assert (wire, brief) in result.edges or (brief, wire) in result.edges
    assert explain_pair(result, brief, accounts).score < C.EDGE_FLOOR  # nothing in common
    assert brief in result.members(wire)
    assert "a brief (fewer than 24 terms)" in explain_pair(result, brief, wire).reason
    sinks = key["269_ccda33302608fd7b.txt"]
    assert result.cluster_of[sinks] != result.cluster_of[wire]


# One cluster of two stories ("a", "b") and a story alone ("x") that scores 0.6 with "a"
# and nothing with "b": a brief joins (its mean over the pairs it has is 0.6), a long
# story with the same scores does not (0.3 over both).
SCORES = {"a": {"b": 0.8, "x": 0.6}, "b": {"a": 0.8}, "x": {"a": 0.6}}


@pytest.mark.parametrize("briefs, joined", [({"x"}, True), (set(), False)])
def test_only_a_brief_alone_is_judged_by_the_pairs_it_has(briefs, joined):
    clusters = agglomerate(["a", "b", "x"], SCORES, {}, set(), 0.5, 0.48, 0.44,
                           lambda x, y: False, briefs.__contains__)
    assert (sorted(clusters) == [["a", "b", "x"]]) is joined


def test_a_brief_scored_with_less_than_half_the_cluster_is_not_judged_so():
    scores = {"a": {"x": 0.6}}
    assert brief_mean(["x"], ["a", "b", "c"], scores | {"x": {"a": 0.6}}, {"x"}.__contains__) \
        is None
    two = {"x": {"a": 0.6, "b": 0.4}}
    assert brief_mean(["a", "b", "c"], ["x"], two, {"x"}.__contains__) == pytest.approx(0.5)
    assert brief_mean(["x", "y"], ["a", "b"], two, {"x", "y"}.__contains__) is None
