"""One word is a subject, not an event (cluster_score.one_term): two feed briefs that
share only their subject's word (Brexit, a country, a firm) stay apart; pure functions,
and the real BBC capture in ../shared (skipped where it is absent)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from news_digest.curator.cli import main
from news_digest.enrich import cluster_score as S
from news_digest.enrich import clusters as C
from news_digest.enrich.cluster_links import stories_for_clustering
from news_digest.enrich.cluster_why import explain_pair
from news_digest.seeds.format import read_seed
from news_digest.seeds.urls import url_identity

from sitebuild import SHARED

MORNING = datetime(2025, 3, 11, 8, 0, tzinfo=UTC)
# Plain values, not StoryInputs (tests/test_memory.py counts inputs held by modules).
# Feed briefs of one sentence, as a public broadcaster's politics feed gives them:
# three different events of one day about one subject.
PORTS = ("a" * 16, MORNING, "Ports brace for Brexit", (
    "Harbour operators say lorry queues could return within weeks.",))
FARMS = ("b" * 16, MORNING + timedelta(hours=3), "Brexit worries for farmers", (
    "Growers want the subsidy scheme kept until a new one is agreed.",))
LORRIES = ("c" * 16, MORNING + timedelta(hours=5), "Hauliers and Brexit", (
    "Drivers' unions ask ministers for clearer guidance on paperwork.",))
# And a second brief of the ports' event: the subject and the event's own words.
QUEUES = ("d" * 16, MORNING + timedelta(hours=2), "Brexit: harbour queues feared", (
    "Harbour operators warn of lorry queues within weeks.",))


def _profiles(*stories):
    return [C.profile(C.StoryInput(*story)) for story in stories]


def test_briefs_sharing_only_their_subject_stay_apart_and_explain_says_why():
    ports, farms, lorries, queues = _profiles(PORTS, FARMS, LORRIES, QUEUES)
    assert ports.terms.terms & farms.terms.terms == {"brexit"}
    # the subject alone would reach the line: the cap (a quarter of each brief)
    assert S.similarity(ports.terms, farms.terms) == pytest.approx(0.5)
    assert S.one_term(ports.terms, farms.terms) == "brexit"
    for other in (farms, lorries):
        assert C.pair_score(ports, other) < C.LINK
    assert S.one_term(ports.terms, queues.terms) is None  # harbour, lorry, queue too
    assert C.pair_score(ports, queues) >= C.LINK
    result = C.cluster([C.StoryInput(*s) for s in (PORTS, FARMS, LORRIES, QUEUES)])
    assert list(result.members("a" * 16)) == ["a" * 16, "d" * 16]
    assert len(result.members("b" * 16)) == len(result.members("c" * 16)) == 1
    why = explain_pair(result, "a" * 16, "b" * 16)
    assert ("little but one word shared (brexit): a subject, not an event", 0.9) in why.factors
    assert why.reason.startswith(f"score {why.score:.2f} < {C.LINK}")
    edges: dict = {}
    S.score_pairs(ports, ["b" * 16, "d" * 16], {"b" * 16: farms, "d" * 16: queues}, edges)
    assert edges[("a" * 16, "b" * 16)] == pytest.approx(C.pair_score(ports, farms))
    assert edges[("a" * 16, "d" * 16)] == pytest.approx(C.pair_score(ports, queues))


# Two briefs of one day sharing two words of a subject and nothing else: two events.
WATCHDOG = ("1" * 16, MORNING, "Donation to party not reported to watchdog", (
    "A Brexit campaign group gave money to a party without telling the elections "
    "regulator.",))
GREEN = ("2" * 16, MORNING + timedelta(hours=4), "New environmental watchdog after Brexit", (
    "The body will be able to take ministers to court over pollution.",))


def test_two_briefs_sharing_two_words_of_a_subject_stay_apart():
    watchdog, green = _profiles(WATCHDOG, GREEN)
    assert watchdog.terms.terms & green.terms.terms == {"brexit", "watchdog"}
    assert S.is_brief(watchdog.terms) and S.is_brief(green.terms)
    assert S.one_term(watchdog.terms, green.terms) is None
    assert S.one_term(watchdog.terms, green.terms, words=2) == "watchdog and brexit"
    assert S.similarity(watchdog.terms, green.terms) >= C.LINK  # two heavy words
    assert C.pair_score(watchdog, green) < C.LINK
    result = C.cluster([C.StoryInput(*WATCHDOG), C.StoryInput(*GREEN)])
    assert len(result.members("1" * 16)) == 1
    why = explain_pair(result, "1" * 16, "2" * 16)
    assert ("two briefs sharing little but two words (watchdog and brexit): a subject",
            S.TWO_TERMS_FACTOR) in why.factors
    edges: dict = {}
    S.score_pairs(watchdog, ["2" * 16], {"2" * 16: green}, edges)
    assert edges[("1" * 16, "2" * 16)] == pytest.approx(C.pair_score(watchdog, green))
    # Briefs of one event share more (the ports' queues, above): not lowered.
    ports, queues = _profiles(PORTS, QUEUES)
    assert S.two_terms_factor(ports.terms, queues.terms) == 1.0


def test_a_second_name_or_number_is_more_than_one_word():
    """Two briefs sharing their subject and a number (a toll, an amount) are not held."""
    fine = ("e" * 16, MORNING, "Brexit bill: 39bn", ("The settlement was set out.",))
    same = ("f" * 16, MORNING + timedelta(hours=1), "39bn for Brexit", ("Ministers agree.",))
    first, second = _profiles(fine, same)
    assert any(t[0] in "#≈~" for t in first.terms.terms & second.terms.terms)
    assert S.one_term(first.terms, second.terms) is None


FEEDS = SHARED / "realworld-feeds"
BBC = FEEDS / "bbc-news-uk-politics-2018.rss.xml"
# Five different BBC stories of 19 Dec 2018 that shared the word Brexit (issue 19):
# the environmental watchdog, the immigration White Paper, May and the devolved
# ministers, the EU's no-deal plans, and a Reality Check on immigration.
FIVE = ["https://www.bbc.co.uk/news/uk-politics-46626932",
        "https://www.bbc.co.uk/news/uk-politics-46613900",
        "https://www.bbc.co.uk/news/uk-scotland-scotland-politics-46610666",
        "https://www.bbc.co.uk/news/world-europe-46617152",
        "https://www.bbc.co.uk/news/uk-46618532"]


@pytest.mark.skipif(not BBC.is_file(), reason=f"{BBC} is absent (real-world captures exist "
                                               "only beside the repository on CI)")
def test_five_bbc_stories_about_brexit_are_not_one_cluster(tmp_path, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    assert main(["import", str(BBC), "--into", str(folder)]) == 0
    capsys.readouterr()
    inputs, _ = stories_for_clustering(read_seed(p) for p in sorted(Path(folder).iterdir()))
    result = C.cluster(inputs)
    ids = [url_identity(url) for url in FIVE]
    assert all(key in result.cluster_of for key in ids)
    clusters = {result.cluster_of[key] for key in ids}
    # each stands apart from the others; the White Paper and the Reality Check on
    # immigration share two words, "immigration" and "Brexit" (two_terms_factor)
    assert len(clusters) == 5
