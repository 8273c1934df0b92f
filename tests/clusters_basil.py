"""The BASIL same-event splits: 100 US news events, each reported by three outlets.

BASIL (github.com/launchnlp/BASIL; Fan et al., EMNLP 2019) gives 300 real articles of
2010 to 2019 in triplets: one event reported by the New York Times, Fox News and the
Huffington Post, each in its own words and angle (independent rewrites, not wire
copies), up to four days apart. The labels live in
``tests/data/same_event_real/labels_basil.json``; the text does not: it is read at test
time from ``basil.jsonl`` (``devset_clusters_basil.py`` writes it from a BASIL checkout)
in the folders ``clusters_real.folders()`` names, so a test that needs it skips where it
is absent.

Each triplet is one event and every article a report of it (stricter than our rule,
which lets a follow-up join or not). BASIL has no distractors as such; the triplets
of one week about one subject (Indiana's and Arkansas' religious-freedom laws, the
shutdown's end and Roger Stone's indictment the same day) are what a wrong join would
be. So a story clustered with another triplet's story is counted, as "joined".

The split was fixed by a rule on the triplet's id before the method ever ran on it:
``untouched-basil`` when the first hex digit of sha256(triplet-uuid) is 0 to 7
(46 events, 138 stories), ``tune-basil`` otherwise (54 events, 162 stories).
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import clusters_real as R

from news_digest.enrich import clusters as C
from news_digest.enrich.cluster_quality import Quality, pairwise_quality

LABELS = Path(__file__).parent / "data" / "same_event_real" / "labels_basil.json"
FILE = "basil.jsonl"
SPLITS = ("tune-basil", "untouched-basil")


def split_of(event: str) -> str:
    """The fixed split rule (see the module docstring)."""
    return "untouched-basil" if hashlib.sha256(event.encode()).hexdigest()[0] in "01234567" \
        else "tune-basil"


@cache
def labels() -> dict[str, dict]:
    return json.loads(LABELS.read_text(encoding="utf-8"))["stories"]


def folders():
    return R.folders()


def text_file():
    return R.text_file(FILE)


@cache
def records() -> dict[str, dict]:
    return R.text_records(FILE)


def published(record: dict) -> datetime:
    """BASIL gives a day: noon UTC, as ``clusters_real`` takes a date alone."""
    return datetime.fromisoformat(record["date"]).replace(hour=12, tzinfo=UTC)


def inputs(split: str | None = None) -> list[C.StoryInput]:
    return [C.StoryInput(key, published(records()[key]), records()[key]["title"],
                         tuple(records()[key]["paragraphs"]))
            for key, label in labels().items() if split is None or label["split"] == split]


@cache
def predicted(split: str | None) -> dict[str, str]:
    """Each story of ``split`` (None: all of them, as one digest) and its cluster."""
    return dict(C.cluster(inputs(split)).cluster_of)


def quality(split: str | None) -> Quality:
    """Pairwise quality; every story is watched as a distractor would be (joined: put in a
    cluster with another triplet's story)."""
    chosen = predicted(split)
    expected = {key: labels()[key]["event"] for key in chosen}
    return pairwise_quality(chosen, expected, distractors=list(chosen))


def events_apart(split: str) -> list[list[str]]:
    """Each cluster holding several events, then each event split over clusters: its
    stories' publishers, dates and titles, cluster by cluster."""
    chosen, out = predicted(split), []

    def line(key: str) -> str:
        r = records()[key]
        return f"{r['publisher']} {r['date']}: {r['title'][:60]}"
    members: dict[str, list[str]] = {}
    for key in sorted(chosen):
        members.setdefault(chosen[key], []).append(key)
    out += [["several events: " + " / ".join(map(line, keys))] for keys in members.values()
            if len({labels()[k]["event"] for k in keys}) > 1]
    for event in sorted({labels()[k]["event"] for k in chosen}):
        groups: dict[str, list[str]] = {}
        for key in sorted(chosen):
            if labels()[key]["event"] == event:
                groups.setdefault(chosen[key], []).append(line(key))
        if len(groups) > 1:
            out.append([" / ".join(g) for g in groups.values()])
    return out


if __name__ == "__main__":  # python tests/clusters_basil.py [--show] [--all]: the figures
    import sys
    for split in (*SPLITS, None) if "--all" in sys.argv else ("tune-basil",):
        print(split or "all as one digest", quality(split).summary())
        if "--show" in sys.argv and split == "tune-basil":  # never the untouched one
            for groups in events_apart(split):
                print("   --")
                for group in groups:
                    print("      |", group)
