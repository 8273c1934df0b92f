"""Topic classification on its own, in stories per second (issue 10 asks for >= 5,000).

The taxonomy is compiled once from the settings file, as a build does
(``Taxonomy.from_settings``), then every story is classified, in ``PASSES`` passes.
The best pass is the rate (as ``timeit`` advises: on a shared machine other work
only ever adds time); the median pass is printed beside it.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from news_digest.seeds.format import Seed

PASSES = 5


def _taxonomy(settings_file: Path):
    from news_digest.curator.site_settings import digest_settings  # noqa: PLC0415
    from news_digest.enrich.topics import Taxonomy  # noqa: PLC0415

    return Taxonomy.from_settings(digest_settings(str(settings_file)))


def classification_rate(seeds: list[Seed], settings_file: Path) -> str:
    """A line for the report: stories per second, or why it was not measured."""
    try:
        taxonomy = _taxonomy(settings_file)
    except Exception as err:  # noqa: BLE001 - a report line, not a crash
        return f"not measured: could not make a Taxonomy ({type(err).__name__}: {err})"
    texts = [(s.title, "\n".join(s.paragraphs)) for s in seeds]
    passes = []
    for _ in range(PASSES):
        start = time.perf_counter()
        for title, text in texts:
            taxonomy.classify(title, text)
        passes.append(time.perf_counter() - start)
    best, median = min(passes), statistics.median(passes)
    return (f"**{len(texts) / best:.0f}** stories/s, best of {PASSES} passes "
            f"({len(texts)} stories in {best:.2f} s; median pass {len(texts) / median:.0f} "
            "stories/s)")
