"""Topic classification on its own, in stories per second (issue 10 asks for >= 5,000).

The classifier lives in ``news_digest.topics`` (``Taxonomy(settings).classify(title,
text)``, see DESIGN.md), built on another branch; where it is not there yet, or its
interface differs, this says so instead of failing the benchmark.
"""

from __future__ import annotations

import importlib
import time
from pathlib import Path

from news_digest.seed import Seed


def _taxonomy(settings_file: Path):
    topics = importlib.import_module("news_digest.topics")
    from pelican.settings import read_settings  # noqa: PLC0415

    from news_digest.settings import resolve  # noqa: PLC0415

    settings = read_settings(str(settings_file))
    errors = []
    for given in (settings, resolve(settings)):
        try:
            return topics.Taxonomy(given)
        except Exception as err:  # noqa: BLE001 - report any interface mismatch
            errors.append(f"{type(err).__name__}: {err}")
    raise RuntimeError("; ".join(errors))


def classification_rate(seeds: list[Seed], settings_file: Path) -> str:
    """A line for the report: stories per second, or why it was not measured."""
    try:
        taxonomy = _taxonomy(settings_file)
    except ModuleNotFoundError as err:
        if err.name != "news_digest.topics":
            return f"not measured: {err}"
        return "not measured: news_digest.topics is not on this branch yet"
    except Exception as err:  # noqa: BLE001
        return f"not measured: could not make a Taxonomy ({err})"
    texts = [(s.title, "\n".join(s.paragraphs)) for s in seeds]
    start = time.perf_counter()
    try:
        for title, text in texts:
            taxonomy.classify(title, text)
    except Exception as err:  # noqa: BLE001
        return f"not measured: classify(title, text) failed ({type(err).__name__}: {err})"
    seconds = time.perf_counter() - start
    return f"**{len(texts) / seconds:.0f}** stories/s ({len(texts)} stories in {seconds:.2f} s)"
