"""How fast same-event clustering runs (printed, never asserted: see docs/clusters.md)."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from datetime import timedelta

import pytest
from test_clusters import dev_inputs

from benchmarks.corpus import stories
from news_digest.enrich import clusters as C
from news_digest.enrich.event_text import word_weight

N = 10_000


def _timed(run):
    """(result, wall seconds, CPU seconds of this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _report(label: str, n: int, words: float, wall: float, cpu: float, extra: str = ""):
    load = os.getloadavg()[0]
    print(f"\nclusters, {label}: {n:,} stories of {words:.0f} words: {n / wall:,.0f} stories/s "
          f"({wall:.2f} s wall, {cpu:.2f} s CPU = {n / cpu:,.0f}/s; load average {load:.1f})"
          + extra)


@pytest.mark.benchmark
@pytest.mark.slow
def test_speed_on_the_benchmark_corpus(capsys):
    inputs = [C.StoryInput(s.seed.identity, s.seed.published, s.seed.title, s.seed.paragraphs)
              for s in stories(N)]
    words = sum(len(" ".join(s.paragraphs).split()) for s in inputs) / N
    word_weight("the")  # the word list is loaded once per process, not per build
    result, wall, cpu = _timed(lambda: C.cluster(inputs))
    changed = [replace(inputs[0], title=inputs[0].title + " (corrected)"), *inputs[1:]]
    again, wall_one, _ = _timed(lambda: C.recluster(result, changed))
    assert again.cluster_of.keys() == result.cluster_of.keys()
    with capsys.disabled():
        _report("synthetic corpus (python -m benchmarks.corpus)", N, words, wall, cpu,
                f"; one story changed: {wall_one:.2f} s; {len(result.edges):,} pairs linked")


@pytest.mark.benchmark
@pytest.mark.slow
def test_speed_on_real_writing(capsys):
    """The development set's 145 stories, repeated 69 times a fortnight apart."""
    base = dev_inputs()
    inputs = [replace(s, key=f"{copy:02x}{s.key[2:]}",
                      published=s.published + timedelta(days=14 * copy))
              for copy in range(N // len(base)) for s in base]
    words = sum(len(" ".join(s.paragraphs).split()) for s in inputs) / len(inputs)
    word_weight("the")
    result, wall, cpu = _timed(lambda: C.cluster(inputs))
    assert len(result.clusters) < len(inputs)
    with capsys.disabled():
        _report("the development set's stories repeated", len(inputs), words, wall, cpu)
