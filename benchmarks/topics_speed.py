"""Topic classification on its own, in stories per second (issue 10 asks for >= 5,000).

The taxonomy is compiled once from the settings file, as a build does
(``Taxonomy.from_settings``), then every story is classified.
"""

from __future__ import annotations

import time
from pathlib import Path

from news_digest.seed import Seed


def _taxonomy(settings_file: Path):
    from news_digest.siteconf import digest_settings  # noqa: PLC0415
    from news_digest.topics import Taxonomy  # noqa: PLC0415

    return Taxonomy.from_settings(digest_settings(str(settings_file)))


def classification_rate(seeds: list[Seed], settings_file: Path) -> str:
    """A line for the report: stories per second, or why it was not measured."""
    try:
        taxonomy = _taxonomy(settings_file)
    except Exception as err:  # noqa: BLE001 - a report line, not a crash
        return f"not measured: could not make a Taxonomy ({type(err).__name__}: {err})"
    texts = [(s.title, "\n".join(s.paragraphs)) for s in seeds]
    start = time.perf_counter()
    for title, text in texts:
        taxonomy.classify(title, text)
    seconds = time.perf_counter() - start
    return f"**{len(texts) / seconds:.0f}** stories/s ({len(texts)} stories in {seconds:.2f} s)"
