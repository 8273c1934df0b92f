"""Test-only Pelican plugin: a seed's ``Test topics: **A; B**`` header becomes its tags.

Topics are Pelican tags (the topics feature classifies stories into them); the search
tests need stories with known topics without depending on that classifier.
"""

from __future__ import annotations

from pelican import signals
from pelican.urlwrappers import Tag


def add_topics(generator, metadata) -> None:
    labels = [t.strip() for t in metadata.get("test_topics", "").split(";") if t.strip()]
    if labels:
        tags = list(metadata.get("tags", []))
        tags += [Tag(label, generator.settings) for label in labels]
        metadata["tags"] = tags


def register() -> None:
    signals.article_generator_context.connect(add_topics)
