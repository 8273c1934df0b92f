"""How fast same-event clustering runs (printed, never asserted: see docs/clusters.md).

CPU time counts this process and the worker processes that read stories' terms in
parallel (cluster_parallel.py); the load average says how busy the shared machine
was, which moves the wall-clock figures.
"""

from __future__ import annotations

import os
import resource
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
    """(result, wall seconds, CPU seconds of this process and its finished workers)."""
    def cpu():
        own = resource.getrusage(resource.RUSAGE_SELF)
        workers = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime

    wall, used = time.perf_counter(), cpu()
    result = run()
    return result, time.perf_counter() - wall, cpu() - used


def _report(label: str, n: int, words: float, wall: float, cpu: float, extra: str = ""):
    load = os.getloadavg()[0]
    print(f"\nclusters, {label}: {n:,} stories of {words:.0f} words: {n / wall:,.0f} stories/s "
          f"({wall:.2f} s wall, {cpu:.2f} s CPU = {n / cpu:,.0f}/s; load average {load:.1f})"
          + extra)


def _words(inputs) -> float:
    sample = inputs[:500]
    return sum(len(" ".join(s.paragraphs).split()) for s in sample) / len(sample)


@pytest.mark.benchmark
@pytest.mark.slow
def test_speed_on_the_benchmark_corpus(capsys):
    """Synthetic ~930-word stories: 1,000 then 10,000 (cost should grow about linearly)."""
    word_weight("the")  # the word list is loaded once per process, not per build
    for n in (1_000, N):
        inputs = [C.StoryInput(s.seed.identity, s.seed.published, s.seed.title,
                               s.seed.paragraphs) for s in stories(n)]
        result, wall, cpu = _timed(lambda inputs=inputs: C.cluster(inputs))
        changed = [replace(inputs[0], title=inputs[0].title + " (corrected)"), *inputs[1:]]
        again, wall_one, _ = _timed(lambda result=result, changed=changed:
                                    C.recluster(result, changed))
        assert again.cluster_of.keys() == result.cluster_of.keys()
        with capsys.disabled():
            _report("synthetic corpus (python -m benchmarks.corpus)", n, _words(inputs), wall,
                    cpu, f"; one story changed: {wall_one:.2f} s; "
                    f"{len(result.edges):,} pairs linked")


def _digest_of_real_writing() -> list[C.StoryInput]:
    """The development set's stories, repeated a fortnight apart to about 10,000."""
    base = dev_inputs()
    return [replace(s, key=f"{copy:02x}{s.key[2:]}",
                    published=s.published + timedelta(days=14 * copy))
            for copy in range(N // len(base)) for s in base]


@pytest.mark.benchmark
@pytest.mark.slow
def test_speed_on_real_writing(capsys):
    """A digest whose stories are real writing (the development set, repeated): each
    event and its distractors are their own connected part, as in a real digest, so
    an update re-clusters only what a change touches."""
    inputs = _digest_of_real_writing()
    word_weight("the")
    result, wall, cpu = _timed(lambda: C.cluster(inputs))
    assert len(result.clusters) < len(inputs)
    with capsys.disabled():
        _report("the development set's stories repeated", len(inputs), _words(inputs), wall,
                cpu)
    # One story corrected, then the next day's 20 stories added (copies of the set's,
    # a fortnight after the last copy), each against the previous result.
    corrected = [replace(inputs[-1], title=inputs[-1].title + " (corrected)"), *inputs[:-1]]
    again, wall_one, cpu_one = _timed(lambda: C.recluster(result, corrected))
    assert again == C.cluster(corrected)
    day = [replace(s, key=f"ff{s.key[2:]}", published=s.published + timedelta(
        days=14 * (N // len(dev_inputs())))) for s in dev_inputs()[:20]]
    grown, wall_day, cpu_day = _timed(lambda: C.recluster(again, [*corrected, *day]))
    assert len(grown.cluster_of) == len(inputs) + 20
    with capsys.disabled():
        print(f"clusters, updates of that digest: one story corrected {wall_one * 1000:.0f} ms "
              f"wall ({cpu_one * 1000:.0f} ms CPU); a day's 20 new stories "
              f"{wall_day * 1000:.0f} ms wall ({cpu_day * 1000:.0f} ms CPU)")
