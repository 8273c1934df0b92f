"""The real same-event split: real outlets' articles of one event, and how clustering scores.

The labels live in ``tests/data/same_event_real/labels.json`` (the gold standard) and
``labels_news_cluster.json`` (the news_cluster set); the text does not: it is read at
test time from ``giveme5w1h-gold.jsonl`` and ``giveme5w1h-news-cluster.jsonl``
(``devset_clusters_real.py`` writes them from a Giveme5W1H checkout) in
``$DIGEST_CLUSTERS_DEVSET``, ``../shared/clusters-devset/`` or ``../clusters-devset/``
beside the checkout, so a test that needs it skips where it is absent.

The corpus: 96 articles of November 2016 by 13 British and American outlets, filed by
Giveme5W1H's authors under 12 headings; as our rule (docs/clusters.md) reads them, 11
events (the Croydon tram crash and the naming of its victims are one event and its
follow-ups; a Clinton aide's letter filed under her own blaming of Comey the next day
is another event about the same subject), a live election-eve briefing (optional, like
a follow-up), and several events about one subject in the same week (the FBI clearing
Clinton, Clinton blaming Comey; the Trump-Obama meeting, Lady Gaga's protest at Trump
Tower, a shooting near a protest in Seattle).

The split is fixed by a rule on the event's name, chosen before the method ran on it:
an event (a distractor: the event it is near) is in ``untouched-real`` when the first
hex digit of sha256(name) is 0 to 7. Nothing is tuned on that split.

The second set, ``untouched-real-2``: Giveme5W1H's news_cluster articles (2016 to 2018,
90 outlets), labelled by our rule before the method ever ran on them and never tuned on
(``labels_news_cluster.json`` says how): 313 stories, 57 events reported two or more
times, 27 follow-ups, and stories about the same subject days or weeks apart.

Two things the corpus does not give as a digest would: news-please joins an article's
paragraphs into one string, so the text is cut again into paragraphs of one sentence
(as these outlets mostly write); and a time of day, so a date alone is taken as noon
UTC. Four dates the corpus has wrong or lacks are corrected in the labels, each with
its reason.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from news_digest.enrich import clusters as C
from news_digest.enrich.cluster_quality import Quality, pairwise_quality

HERE = Path(__file__).parent
ROOT = HERE.parent
LABELS = HERE / "data" / "same_event_real" / "labels.json"
FILE = "giveme5w1h-gold.jsonl"
LABELS_2 = HERE / "data" / "same_event_real" / "labels_news_cluster.json"
FILE_2 = "giveme5w1h-news-cluster.jsonl"
SPLITS = ("tune-real", "untouched-real", "untouched-real-2")
OPTIONAL_KINDS = ("follow-up",)
_SENTENCE_END = re.compile(r"([.!?][\"'\u201d\u2019)]?)\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")


def folders() -> list[Path]:
    found = [Path(os.environ["DIGEST_CLUSTERS_DEVSET"])] if os.environ.get(
        "DIGEST_CLUSTERS_DEVSET") else []
    return found + [ROOT.parent / "shared" / "clusters-devset", ROOT.parent / "clusters-devset"]


def text_file(name: str = FILE) -> Path | None:
    return next((f / name for f in folders() if (f / name).is_file()), None)


def text_records(*names: str) -> dict[str, dict]:
    """The articles' text by id, from a dev set's JSON lines files (``{}`` where none is
    there); read in the order given, so a later file's record of an id wins."""
    found = {}
    for name in names:
        path = text_file(name)
        if path is not None:
            found.update((r["id"], r) for r in map(json.loads,
                                                   path.read_text(encoding="utf-8").splitlines()))
    return found


def require_text(names: tuple[str, ...], labels: dict, records: dict, writer: str) -> None:
    """Skip where a set's text files are absent (its text stays out of the repository:
    ``writer`` writes it), fail where they lack a labelled story."""
    import pytest  # noqa: PLC0415 - only the tests' fixtures ask

    if any(text_file(name) is None for name in names):
        pytest.skip(f"no {' and '.join(names)} in {', '.join(map(str, folders()))}: the "
                    f"articles' text stays out of the repository ({writer} writes it)")
    missing = set(labels) - set(records)
    assert not missing, f"{' and '.join(names)} lack {len(missing)} labelled articles"


def meets(q: Quality, floor: tuple[float, float, int]) -> bool:
    """Whether ``q`` reaches a split's floor: precision, recall, and at most so many
    stories put in a cluster with another event's story."""
    precision, recall, joined = floor
    return q.precision >= precision and q.recall >= recall and len(q.joined_distractors) <= joined


def split_of(event: str) -> str:
    """The fixed split rule (see the module docstring)."""
    return "untouched-real" if hashlib.sha256(event.encode()).hexdigest()[0] in "01234567" \
        else "tune-real"


@cache
def labels() -> dict[str, dict]:
    """Every labelled story of both sets (not those left out, each with its reason)."""
    found = {}
    for path in (LABELS, LABELS_2):
        stories = json.loads(path.read_text(encoding="utf-8"))["stories"]
        found.update((key, label) for key, label in stories.items() if "excluded" not in label)
    return found


def paragraphs(text: str) -> tuple[str, ...]:
    cut = _SENTENCE_END.sub("\\1\\n", text.strip())
    return tuple(p.strip() for p in cut.split("\n") if p.strip()) or (text,)


def published(record: dict, label: dict) -> datetime:
    raw = label.get("published") or record["date"]
    when = datetime.fromisoformat(raw)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    if (when.hour, when.minute, when.second) == (0, 0, 0):  # a date alone
        when = when.replace(hour=12)
    return when


@cache
def records() -> dict[str, dict]:
    """The articles' text by id: 38 of the gold standard's are in news_cluster too, with
    other text (captured again); the gold standard's own is read last, so it wins."""
    return text_records(FILE_2, FILE)


def inputs(split: str | None = None) -> list[C.StoryInput]:
    chosen = []
    for key, label in labels().items():
        if split is not None and label["split"] != split:
            continue
        record = records()[key]
        chosen.append(C.StoryInput(key[:16], published(record, label), record["title"],
                                   paragraphs(record["text"])))
    return chosen


@cache
def predicted(split: str | None) -> dict[str, str]:
    """Each story of ``split`` (None: all of them, as one digest) and its cluster."""
    result = C.cluster(inputs(split))
    long_key = {key[:16]: key for key in labels()}
    return {long_key[k]: cluster for k, cluster in result.cluster_of.items()}


def quality(split: str | None) -> Quality:
    chosen = predicted(split)
    expected = {key: labels()[key]["event"] for key in chosen}
    distractors = [key for key in chosen if labels()[key]["kind"] == "distractor"]
    optional = [key for key in chosen if labels()[key]["kind"] in OPTIONAL_KINDS]
    return pairwise_quality(chosen, expected, distractors, optional=optional)


def events_apart(split: str) -> list[tuple[str, list[list[str]]]]:
    """Each event split over several clusters: its stories' titles, cluster by cluster;
    then each cluster that holds several events."""
    chosen = predicted(split)
    out = []
    members: dict[str, list[str]] = {}
    for key in sorted(chosen):
        members.setdefault(chosen[key], []).append(key)
    for keys in members.values():
        if len({labels()[k]["event"] for k in keys}) > 1:
            out.append(("several events in one cluster", [[
                f"{labels()[k]['event']}: {labels()[k]['title'][:50]}" for k in keys]]))
    for event in sorted({labels()[k]["event"] for k in chosen}):
        groups: dict[str, list[str]] = {}
        for key in sorted(chosen):
            if labels()[key]["event"] == event:
                groups.setdefault(chosen[key], []).append(
                    f"{labels()[key]['publisher']}: {labels()[key]['title'][:60]}")
        if len(groups) > 1:
            out.append((event, list(groups.values())))
    return out


if __name__ == "__main__":  # python tests/clusters_real.py [--show] [--all]: the figures
    import sys
    for split in (*SPLITS, None) if "--all" in sys.argv else ("tune-real",):
        print(split or "all as one digest", quality(split).summary())
        if "--show" in sys.argv and split == "tune-real":  # never the untouched one
            for event, groups in events_apart(split):
                print("  ", event)
                for group in groups:
                    print("      |", " / ".join(group))
