"""The ECB+ same-event splits: real outlets' articles of 43 news topics, grouped by event.

ECB+ (Cybulska and Vossen, LREC 2014; github.com/cltl/ecbPlus) is an event-coreference
corpus. Its "plus" half holds 502 real articles of 2004 to 2013 found through Google
Search, about 11 a topic, each page's URL, headline and date line kept with its text:
a celebrity entering rehab, an earthquake, a firm buying another, a shooting, a match,
each told by national and local outlets, agencies, blogs and press releases. The
labels live in ``tests/data/same_event_real/labels_ecbplus.json`` (its "labelling"
says how they were written); the text does not: it is read at test time from
``ecbplus.jsonl`` (``devset_clusters_ecbplus.py`` writes it from a checkout) in the
folders ``clusters_real.folders()`` names, so a test that needs it skips where it is
absent.

A topic's stories within three days of its busiest day are its event; the others
(weeks or years away: a trial, a sentence, the next rumour) are other events, and a
few inside the window that tell another occurrence too. Follow-ups are optional, as
everywhere. Every story is watched as a distractor would be: one clustered with another
event's story counts as "joined".

ECB+ keeps one sentence a line, so each sentence is a paragraph (as for Giveme5W1H's
text). A date without a time is taken as noon UTC.

The split was fixed by a rule on the topic before the method ever ran on it:
``untouched-ecbplus`` when the first hex digit of sha256("ecbplus-" + topic) is 0 to 7,
``tune-ecbplus`` otherwise.
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

LABELS = Path(__file__).parent / "data" / "same_event_real" / "labels_ecbplus.json"
FILE = "ecbplus.jsonl"
SPLITS = ("tune-ecbplus", "untouched-ecbplus")


def split_of(topic: str) -> str:
    """The fixed split rule (see the module docstring)."""
    return "untouched-ecbplus" if hashlib.sha256(
        f"ecbplus-{topic}".encode()).hexdigest()[0] in "01234567" else "tune-ecbplus"


@cache
def all_labels() -> dict[str, dict]:
    return json.loads(LABELS.read_text(encoding="utf-8"))["stories"]


@cache
def labels() -> dict[str, dict]:
    """The labelled stories (not those left out, each with its reason)."""
    return {key: label for key, label in all_labels().items() if "excluded" not in label}


def text_file():
    return R.text_file(FILE)


@cache
def records() -> dict[str, dict]:
    return R.text_records(FILE)


def published(record: dict) -> datetime:
    when = datetime.fromisoformat(record["date"])
    if len(record["date"]) == 10:  # a date alone
        return when.replace(hour=12, tzinfo=UTC)
    return when


def inputs(split: str | None = None) -> list[C.StoryInput]:
    return [C.StoryInput(f"ecbplus-{key}", published(records()[key]), records()[key]["title"],
                         tuple(records()[key]["paragraphs"]))
            for key, label in labels().items() if split is None or label["split"] == split]


@cache
def predicted(split: str | None) -> dict[str, str]:
    """Each story of ``split`` (None: all of them, as one digest) and its cluster."""
    return {key.removeprefix("ecbplus-"): cluster
            for key, cluster in C.cluster(inputs(split)).cluster_of.items()}


def quality(split: str | None) -> Quality:
    """Pairwise quality; every story is watched as a distractor would be, follow-ups are
    optional with their own event."""
    chosen = predicted(split)
    expected = {key: labels()[key]["event"] for key in chosen}
    optional = [key for key in chosen if labels()[key]["kind"] == "follow-up"]
    return pairwise_quality(chosen, expected, distractors=list(chosen), optional=optional)


if __name__ == "__main__":  # python tests/clusters_ecbplus.py [--all]: the figures
    import sys
    for split in (*SPLITS, None) if "--all" in sys.argv else ("tune-ecbplus",):
        print(split or "all as one digest", quality(split).summary())
