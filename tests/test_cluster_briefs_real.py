"""One publisher's same-subject briefs that are different events stay apart, on real
text: BBC News' UK Politics feed of December 2018 (../shared/realworld-feeds/, imported
as the curator's daily job would), one sentence a story, five
Brexit briefs of two days among them. Two briefs sharing two words of a subject
("Brexit" and "watchdog") joined before ``cluster_score.two_terms_factor``; the reader
review saw them (docs/history/theme.md, "Seen and left"). The feed's own event told in
several briefs (Corbyn's "stupid woman" at PMQs) still joins. Clustered at the times
the feed gives and with its stories 30 minutes apart (closer than they were published,
as the reader review's site moves them). Skips where the captures are absent."""

from __future__ import annotations

import contextlib
import dataclasses
import io
from datetime import timedelta

import pytest

from news_digest.curator.cli import main
from news_digest.enrich import clusters as C
from news_digest.enrich.cluster_links import stories_for_clustering
from news_digest.seeds.format import read_seed

from sitebuild import SHARED

CAPTURE = SHARED / "realworld-feeds" / "bbc-news-uk-politics-2018.rss.xml"
# Different events of one subject (read from the capture, by docs/clusters.md's rule).
APART = [
    ("Brexit: All you need to know about the UK leaving the EU",
     "Brexit: How Europe does second referendums"),
    ("Reality Check: Immigration since the referendum?",
     "Immigration: White Paper sets out post-Brexit rules for migrants"),
    ("CRC Brexit donation to DUP not reported to watchdog",
     "New environmental watchdog to get legal teeth after Brexit"),
    ("Party conferences 2017", "Party conferences 2018: At-a-glance"),
    ("Why isn't Labour trying to topple May now?",
     "Corbyn denies calling May 'stupid woman' at PMQs"),
]
# One event told in several briefs the same afternoon.
TOGETHER = [("Corbyn denies calling May 'stupid woman' at PMQs",
             "Jeremy Corbyn denies 'stupid woman' jibe at Theresa May")]

pytestmark = pytest.mark.skipif(not CAPTURE.is_file(), reason=f"{CAPTURE} is absent (the "
                                "real-world captures exist only beside the repository)")


@pytest.fixture(scope="module")
def briefs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("briefs")
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        assert main(["import", str(CAPTURE), "--into", str(folder)]) == 0, out.getvalue()
    return sorted((read_seed(p) for p in folder.glob("*.txt")),
                  key=lambda s: (s.published, s.path))


def _clusters(seeds) -> dict[str, str]:
    """Each headline's cluster id."""
    inputs, problems = stories_for_clustering(seeds)
    assert not problems
    result = C.cluster(inputs)
    return {i.title: result.cluster_of[i.key] for i in inputs}


@pytest.mark.parametrize("squeezed", [False, True], ids=["as published", "30 minutes apart"])
def test_one_publishers_briefs_of_one_subject_stay_apart(briefs, squeezed, capsys):
    seeds = briefs
    if squeezed:
        first = briefs[0].published
        seeds = [dataclasses.replace(s, published=first + timedelta(minutes=30 * n))
                 for n, s in enumerate(briefs)]
    cluster_of = _clusters(seeds)
    assert len(briefs) >= 30 and all(len(s.paragraphs) <= 1 for s in briefs)
    assert {title for pair in APART + TOGETHER for title in pair} <= cluster_of.keys()
    joined: dict[str, list[str]] = {}
    for title, cid in cluster_of.items():
        joined.setdefault(cid, []).append(title)
    with capsys.disabled():
        print(f"\nsame-event clusters, BBC News' {len(briefs)} UK Politics briefs "
              f"({'30 minutes apart' if squeezed else 'as published'}): "
              + "; ".join(" + ".join(sorted(t)) for t in joined.values() if len(t) > 1))
    for one, other in APART:
        assert cluster_of[one] != cluster_of[other], (one, other)
    for one, other in TOGETHER:
        assert cluster_of[one] == cluster_of[other], (one, other)
