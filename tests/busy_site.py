"""A busy day of the digest: 50 stories in one edition, several events each reported by
several outlets, with their distractors (the same firm's other news, the same team's
next match).

The stories are the same-event development set's (tests/data/same_event/, real-looking
reports of invented events), the first 50 by file name, moved onto one day with their
order kept: a front page as a busy news day gives it.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from news_digest.seeds.format import read_seed, render_seed

from sitebuild import ROOT, seed_text

DEVSET = ROOT / "tests" / "data" / "same_event"
DAY = datetime(2025, 3, 14, 0, 20, tzinfo=UTC)
EDITION = "editions/2025-03-14/"
COUNT = 50


def devset_labels() -> dict[str, dict]:
    """The development set's labels, by seed file name (expected.json)."""
    return json.loads((DEVSET / "expected.json").read_text(encoding="utf-8"))["stories"]


def busy_seeds(count: int = COUNT) -> dict[str, str]:
    """``count`` seeds (file name -> text) published on one day, 27 minutes apart."""
    names = sorted(devset_labels())[:count]
    seeds = sorted((read_seed(DEVSET / name) for name in names),
                   key=lambda s: (s.published, s.path))
    step = timedelta(hours=23) / max(1, len(seeds))
    return {Path(seed.path).name: render_seed(dataclasses.replace(
                seed, published=DAY + number * step))
            for number, seed in enumerate(seeds)}


def covered_story(site) -> str:
    """A story page of ``site`` with other reports of its event and related stories."""
    for path in site.files("stories/*.html"):
        text = path.read_text(encoding="utf-8")
        if 'class="coverage"' in text and 'class="related"' in text:
            return str(path.relative_to(site.output))
    raise AssertionError("no story page with both 'Also covered by' and related stories")


def dock_strike_seeds(herald: str = "Herald") -> dict[str, str]:
    """One event, three reports on one day: two by one publisher (the Wire), one by
    ``herald``, all joined by the curator's ``Same event as``."""
    first = "https://wire.example/dock-strike"
    reports = [("Rotterdam dockers strike over pay", "Wire", first, "2021-03-01T07:00:00Z"),
               ("Port of Rotterdam halted by strike", herald,
                "https://herald.example/port", "2021-03-01T09:00:00Z"),
               ("Rotterdam strike: unions and port talk again", "Wire",
                "https://wire.example/dock-talks", "2021-03-01T16:30:00Z")]
    return {f"00{n}_{n:016x}.txt": seed_text(
                title=title, source=source, url=url, published=when,
                body=("Dockers at Rotterdam walked out on Monday over pay.",),
                extra=[("Same event as", first)] if url != first else [])
            for n, (title, source, url, when) in enumerate(reports, start=1)}
