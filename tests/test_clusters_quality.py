"""How well same-event clustering does on labelled stories: pairwise precision and recall.

``tests/data/same_event/`` is the development set (docs/clusters.md): 355 seeds, 70
events each reported by 2 to 6 outlets (wire copy carried with cuts, independent
reports, next-morning briefs from other time zones, follow-ups, analyses up to three
days on) and 99 distractors (another ruling against the same firm, the same team's
next match, a breach at another company the same week, a new event about the same
subject). ``expected.json`` labels each story with its event and split: "tune" (the
constants were chosen on it), "untouched-1" (fixed before the first round of tuning;
its failures were read then), "untouched-2" (written in the second round before the
method was changed, never read for tuning) and "untouched-3" (written in the fourth
round before the method was changed, never tuned on); ``tests/data/same_event_4/``
holds "tune-4" (80 stories written in the sixteenth round before the method was run on
them, each event with a later version or follow-up), ``tests/data/same_event_5/``
"tune-5" (76 stories written in the seventeenth round the same way, with distractors on
the same road, of the women's race and the boys' final, of the same company's next
report), ``tests/data/same_event_6/`` "tune-6" (85, the eighteenth round) and
``tests/data/same_event_7/`` "tune-7" and "untouched-4" (84 stories written in the
twenty-first round, sibling events as distractors; the 5 of 16 events whose names have
the lowest SHA-256 held out as "untouched-4", never tuned on). ``make test`` prints the
figures of each, and recall apart for same-day reports and for later versions and
follow-ups.

A small check on real reporting reads the news-API captures in the shared
``realworld-feeds`` folder (headlines and descriptions of real outlets) where it lies.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from datetime import datetime
from functools import cache
from itertools import combinations
from pathlib import Path

import pytest
from clusters_real import meets

from news_digest.enrich import clusters as C
from news_digest.enrich.cluster_links import stories_for_clustering
from news_digest.enrich.cluster_quality import pairwise_quality
from news_digest.seeds.format import read_seed
from news_digest.seeds.urls import url_identity

from sitebuild import SHARED

SAME_EVENT = Path(__file__).parent / "data" / "same_event"
# The fourth tuning split (written in the fifteenth round, 80 stories): its own folder,
# so that the sites built from the development set above stay as they were.
TUNE_4 = Path(__file__).parent / "data" / "same_event_4"
# The fifth (the seventeenth round, 76 stories: every event with a later version or a
# follow-up, and distractors on the same road, of the women's race, of the same company).
TUNE_5 = Path(__file__).parent / "data" / "same_event_5"
# The sixth (the eighteenth round, 85 stories: one entity under several names, a long
# analysis naming its event late, distractors in the same city the same day).
TUNE_6 = Path(__file__).parent / "data" / "same_event_6"
# The seventh and a fourth untouched split (the twenty-first round, 84 stories: sibling
# events sharing the venue, the people and the day; a third of the events, by a hash of
# their names, held out as untouched-4).
TUNE_7 = Path(__file__).parent / "data" / "same_event_7"
FOLDERS = (SAME_EVENT, TUNE_4, TUNE_5, TUNE_6, TUNE_7)
SPLITS = ("tune", "tune-4", "tune-5", "tune-6", "tune-7", "untouched-1", "untouched-2",
          "untouched-3", "untouched-4")
# What the method reaches today, so that a change that loses quality fails here.
FLOORS = {"tune": (0.98, 0.95, 0), "tune-4": (0.98, 0.95, 0),  # precision, recall, joined
          "tune-5": (0.88, 0.95, 1), "tune-6": (0.98, 0.78, 0),
          "tune-7": (0.98, 0.85, 0),
          "untouched-1": (0.95, 0.85, 1), "untouched-2": (0.95, 0.90, 0),
          "untouched-3": (0.95, 0.85, 0), "untouched-4": (0.95, 0.85, 0)}
# What issue 19 asks for on the development set.
TARGET_PRECISION = TARGET_RECALL = 0.95


@cache
def labels() -> dict[str, dict]:
    return {name: label for folder in FOLDERS for name, label in json.loads(
        (folder / "expected.json").read_text(encoding="utf-8"))["stories"].items()}


@cache
def seeds() -> dict:
    return {path.name: read_seed(path) for folder in FOLDERS
            for path in sorted(folder.glob("*.txt"))}


@cache
def predicted(split: str) -> dict[str, str]:
    """Each seed of ``split`` and its predicted cluster, the split clustered alone."""
    chosen = {name: seed for name, seed in seeds().items() if labels()[name]["split"] == split}
    inputs, problems = stories_for_clustering(chosen.values())
    assert not problems
    result = C.cluster(inputs)
    name_of = {seed.identity: name for name, seed in chosen.items()}
    return {name_of[key]: cluster for key, cluster in result.cluster_of.items()}


@cache
def quality(split: str):
    chosen = predicted(split)
    expected = {name: labels()[name]["event"] for name in chosen}
    distractors = [name for name in chosen if labels()[name]["kind"] == "distractor"]
    follow_ups = [name for name in chosen if labels()[name]["kind"] == "follow-up"]
    return pairwise_quality(chosen, expected, distractors, optional=follow_ups)


def recall_by_kind(split: str) -> dict[str, tuple[int, int]]:
    """(found, all) pairs of one event: same-day reports, and the rest (a follow-up, a
    version a day or more later), whose recall is the harder one."""
    chosen = predicted(split)
    counts = {"same-day reports": [0, 0], "later versions and follow-ups": [0, 0]}
    for a, b in combinations(sorted(chosen), 2):
        la, lb = labels()[a], labels()[b]
        if la["event"] != lb["event"] or la["kind"] == "distractor":
            continue
        apart = abs((seeds()[a].published - seeds()[b].published).total_seconds())
        kind = ("same-day reports" if apart < 24 * 3600 and "follow-up" not in (
            la["kind"], lb["kind"]) else "later versions and follow-ups")
        counts[kind][1] += 1
        counts[kind][0] += chosen[a] == chosen[b]
    return {kind: (found, total) for kind, (found, total) in counts.items()}


def test_the_development_set_is_broad_and_labelled():
    assert sorted(seeds()) == sorted(labels())
    reports = defaultdict(set)
    for name, label in labels().items():
        seed = seeds()[name]
        assert label["split"] in SPLITS and label["kind"] in (
            "wire", "report", "follow-up", "distractor"), name
        assert not {"same_event_as", "not_same_event_as"} & set(seed.headers), name
        if label["kind"] != "distractor":
            reports[label["event"]].add(seed.source_name)
        else:
            assert label["near"] in {labels()[n]["event"] for n in labels()}, name
    assert len(reports) >= 15
    assert all(2 <= len(outlets) <= 6 for outlets in reports.values())
    kinds = Counter(label["kind"] for label in labels().values())
    assert kinds["distractor"] >= 15 and kinds["wire"] >= 10 and kinds["follow-up"] >= 3
    assert {label["split"] for label in labels().values()} == set(SPLITS)


def test_untouched_4_is_the_third_of_the_seventh_folders_events_of_lowest_hash():
    """The twenty-first round's split was fixed before the method ran on it: of the 16
    events in ``same_event_7``, the 5 whose names have the lowest SHA-256, with their
    distractors, are untouched-4; the rest tune-7."""
    stories = json.loads((TUNE_7 / "expected.json").read_text(encoding="utf-8"))["stories"]
    events = sorted({s["event"] for s in stories.values() if s["kind"] != "distractor"})
    assert len(events) == 16
    held = sorted(events, key=lambda e: hashlib.sha256(e.encode()).hexdigest())[:5]
    for name, label in stories.items():
        home = label.get("near", label["event"])
        assert home in events, name
        assert label["split"] == ("untouched-4" if home in held else "tune-7"), name


@pytest.mark.parametrize("split", SPLITS)
def test_precision_and_recall_on_the_development_set(split, capsys):
    q = quality(split)
    by_kind = "; ".join(f"recall of {kind} {found / total:.3f} ({found}/{total})"
                        for kind, (found, total) in recall_by_kind(split).items() if total)
    with capsys.disabled():  # shown by a plain `make test` too
        print(f"\nsame-event clusters, {split} split: {q.summary()}"
              + (f" ({', '.join(map(str, q.joined_distractors))})"
                 if q.joined_distractors else "") + f"; {by_kind}")
    assert meets(q, FLOORS[split]), (FLOORS[split], q.summary())


# The splits where issue 19's targets hold; on the others recall is the gap (untouched-1
# joins its BHP distractor too; untouched-3 misses a rail strike's reports; tune-5 joins
# a market fire's brief to a building collapse; tune-6, tune-7 and untouched-4 join no
# distractor but miss next-morning reports abroad and later versions):
# docs/clusters.md, "What it gets wrong". A strict xfail fails once a split reaches them.
REACHED = {"tune", "tune-4", "untouched-2"}
NOT_YET = pytest.mark.xfail(strict=True, reason="issue 19's targets are not reached on this "
                            "split yet; docs/clusters.md, 'What it gets wrong'")


@pytest.mark.parametrize("split", [pytest.param(split, marks=() if split in REACHED else NOT_YET)
                                   for split in SPLITS])
def test_the_issue_targets_on_the_development_set(split):
    q = quality(split)
    assert q.precision >= TARGET_PRECISION and q.recall >= TARGET_RECALL
    assert not q.joined_distractors


# Real outlets' headlines and descriptions (news-API captures, 2019 and 2021): two
# pairs report one event; every other story, including several about the same
# firm (Apple, Facebook), the same person (Pompeo, Fauci) or the same subject
# (Covid vaccines and origins, stock markets), is an event of its own.
REAL_SAME_EVENT = [
    ("NBA champions LA Lakers knocked out of playoffs by Phoenix Suns",
     "Winners and Losers: Lakers vs. Suns and Blazers vs. Nuggets"),
    ("Wall Street extends decline as China trade worries mount",
     "Trade war fears are crushing stocks, and sell-off could keep going"),
]


def real_inputs() -> tuple[list[C.StoryInput], dict[str, str]]:
    folder = SHARED / "realworld-feeds"
    files = sorted(folder.glob("newsapi-top-headlines-us-*.json"))
    if not files:
        pytest.skip(f"no news-API captures in {folder}: the shared folder is absent")
    inputs, titles = [], {}
    for path in files:
        for item in json.loads(path.read_text(encoding="utf-8"))["articles"]:
            text = tuple(t for t in (item.get("description"), item.get("content")) if t)
            key = url_identity(item["url"])
            published = datetime.fromisoformat(item["publishedAt"].replace("Z", "+00:00"))
            inputs.append(C.StoryInput(key, published, item["title"], text or (item["title"],)))
            titles[key] = item["title"]
    return inputs, titles


def test_real_headlines_about_the_same_firm_or_person_stay_apart(capsys):
    inputs, titles = real_inputs()
    result = C.cluster(inputs)
    event_of = {key: key for key in titles}
    for one, other in REAL_SAME_EVENT:
        a = next(k for k, t in titles.items() if t.startswith(one))
        b = next(k for k, t in titles.items() if t.startswith(other))
        event_of[b] = event_of[a]
    q = pairwise_quality(result.cluster_of, event_of)
    with capsys.disabled():
        print(f"\nsame-event clusters, real news-API headlines ({len(inputs)} stories): "
              f"{q.summary()}")
    assert q.false_pairs == 0


def test_the_misses_list_counts_the_tune_splits_misses_and_refuses_untouched_splits():
    from cluster_misses import misses  # noqa: PLC0415  (tests/cluster_misses.py)

    listed = misses("tune")
    assert sum(line.startswith("REQ") for line in listed) == quality("tune").missed_pairs
    for split in (*SPLITS, "untouched-real", "untouched-real-2", "untouched-basil"):
        if split.startswith("untouched"):
            with pytest.raises(SystemExit):
                misses(split)


def test_the_misses_classes_count_every_required_pair_missed_by_what_held_it():
    from cluster_misses import classes, holding  # noqa: PLC0415  (tests/cluster_misses.py)

    counted = classes("tune")
    assert counted[0] == f"tune: {quality('tune').missed_pairs} required pairs missed"
    assert sum(int(line.split()[0]) for line in counted[1:]) == quality("tune").missed_pairs
    assert holding(0.55, ()) == "the mean over two clusters"
    days = (("days apart", 0.9), ("leads name other days", 0.6))
    assert holding(0.30, days) == "the day factor"  # 0.30 / 0.54 reaches LINK
    both = (("leads name other days", 0.8), ("headline names the other lacks (rba)", 0.7))
    assert holding(0.40, both) == "a headline name the other never writes"  # the stronger
    assert holding(0.33, both) == "several factors together"  # only 0.33 / 0.56 reaches it
    assert holding(0.25, both) == "too little shared"  # 0.25 / 0.56: under LINK
    with pytest.raises(SystemExit):
        classes("untouched-2")
