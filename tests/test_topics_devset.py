"""The default taxonomy on real news labelled by hand (``tests/topics_devset.py``).

Prints today's tagger (a frozen copy, ``tests/frozen/``) and the new one side by side,
on the tuning split and on the untouched split, and holds the new tagger to what it
reached on the untouched split. The issue's targets are asserted in
``test_issue_targets_on_the_untouched_split``, marked as not reached yet.
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache

import pytest
from frozen.topics_v1 import Taxonomy as TodaysTaxonomy
from topics_devset import FEEDS, desk_rates, is_untouched, labels, score, stories

from news_digest.curator.site_settings import digest_settings
from news_digest.enrich.topics import Taxonomy

from sitebuild import ROOT

FROZEN = ROOT / "tests" / "frozen" / "taxonomy_v1.json"
needs_text = pytest.mark.skipif(
    not FEEDS.is_dir(), reason=f"{FEEDS} is absent: the dev set's text is read from the "
                               "real-world captures beside the repository (on CI)")

# What the new tagger reached on the untouched split of the stories every machine has
# (English stories of ../shared/realworld-feeds, 78 of them) when this test was last
# changed: the floor it must hold. There, today's tagger: precision 0.517, recall
# 0.484, 4 clearly wrong; the first round's: 0.82, 0.76, 3.5 per 60; this one's:
# precision 0.867, recall 0.812, 4 clearly wrong (3.08 per 60). With the Wikinews and
# feed-fixture stories too (115 untouched): 0.849, 0.849, 10 clearly wrong (5.22 per
# 60), against today's 0.560, 0.548, 10.
FLOOR_PRECISION = 0.86
FLOOR_RECALL = 0.80
FLOOR_WRONG_PER_60 = 3.1


@cache
def taggers():
    today = TodaysTaxonomy.from_settings(json.loads(FROZEN.read_text(encoding="utf-8")))
    new = Taxonomy.from_settings(digest_settings(str(ROOT / "pelicanconf.py")))
    return ({"today": lambda t, x: [p.slug for p in today.classify(t, x)],
             "new": lambda t, x: [p.slug for p in new.classify(t, x)]})


def split(name: str, english: bool = True):
    return [s for s in stories() if s.untouched == (name == "untouched")
            and (s.lang == "en") == english]


def test_dev_set_is_broad_and_well_formed():
    records = labels()
    assert len(records) >= 300
    topics = {t["slug"] for t in digest_settings(str(ROOT / "pelicanconf.py"))["DIGEST_TOPICS"]}
    for record in records:
        must, ok, wrong = set(record["must"]), set(record["ok"]), set(record["wrong"])
        assert not (must & ok or must & wrong or ok & wrong), record["id"]
        assert must | ok | wrong <= topics | {"general"}, record["id"]
        assert must or ok, record["id"]
    assert len({r["publisher"] for r in records}) >= 15
    assert len({r["year"] for r in records}) >= 8
    # Real news rarely needs Surveillance or Misinformation: the written set covers them.
    assert len(topics & {t for r in records for t in r["must"]}) >= 13
    untouched = sum(is_untouched(r["id"]) for r in records)
    assert untouched >= len(records) / 3


@needs_text
def test_new_tagger_against_todays_on_both_splits(capsys):
    lines = []
    results = {}
    for part in ("tuning", "untouched"):
        for name, tag in taggers().items():
            english = split(part)
            scores = score(tag, english)
            results[part, name] = scores
            foreign = score(tag, split(part, english=False))
            lines.append(scores.line(f"{part:<9} {name:<5}") +
                         f"  | non-English: {foreign.wrong} clearly wrong in {foreign.stories}")
            lines.append(f"{'':16}desks (stories given their desk's topic): " + ", ".join(
                f"{desk} {got}/{total}" for desk, (got, total) in desk_rates(tag, english).items()))
    new = results["untouched", "new"]
    everywhere = [s for s in split("untouched") if s.source == "realworld-feeds"]
    held = score(taggers()["new"], everywhere)
    lines.append(held.line("untouched new, feeds only") + "  (the floor is held here)")
    with capsys.disabled():  # shown by a plain `make test` too
        print(f"\ntopics on the dev set ({len(stories())} stories with text here):")
        print("\n".join(lines))
        print("untouched split, new tagger, stories not fully right:")
        print("\n".join(new.misses))
    today = results["untouched", "today"]
    assert new.precision > today.precision and new.recall > today.recall
    assert held.precision >= FLOOR_PRECISION, held.line("untouched new")
    assert held.recall >= FLOOR_RECALL, held.line("untouched new")
    assert held.wrong_per_60 <= FLOOR_WRONG_PER_60, held.line("untouched new")


@needs_text
@pytest.mark.xfail(strict=True, reason="issue 18's targets are not reached yet on the untouched "
                   "split (see the figures printed by the test above)")
def test_issue_targets_on_the_untouched_split():
    new = taggers()["new"]
    english = split("untouched")
    scores = score(new, english)
    assert scores.precision >= 0.93 and scores.recall >= 0.90 and scores.wrong_per_60 <= 1
    for desk, (got, total) in desk_rates(new, english).items():
        assert got >= 0.95 * total, desk


@needs_text
def test_classification_is_deterministic_across_processes():
    """Same topics, in the same order, in a fresh interpreter with another hash seed."""
    sample = [(s.title, s.text) for s in stories()][:60]
    here = [taggers()["new"](t, x) for t, x in sample]
    assert here == [taggers()["new"](t, x) for t, x in sample]
    script = (
        "import json, sys\n"
        "from news_digest.curator.site_settings import digest_settings\n"
        "from news_digest.enrich.topics import Taxonomy\n"
        f"tax = Taxonomy.from_settings(digest_settings({str(ROOT / 'pelicanconf.py')!r}))\n"
        "sample = json.load(sys.stdin)\n"
        "print(json.dumps([[t.slug for t in tax.classify(a, b)] for a, b in sample]))\n")
    for seed in ("1", "4242"):
        out = subprocess.run([sys.executable, "-c", script], input=json.dumps(sample),
                             capture_output=True, text=True, check=True, cwd=ROOT,
                             env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin",
                                  "PYTHONPATH": str(ROOT / "plugins")})
        assert json.loads(out.stdout) == here
