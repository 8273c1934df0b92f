"""Candidate stories made ready to write: clean address, publisher, headline, language.

Curator stage, pure (no Pelican import, no I/O): it applies the pure cleaning stages
to one import's candidates, and knows the importer's types (``sources_in.Story``, the
sources file's ``Source``). For every story of one import:
tracking parameters leave its address (``tracking``), its publisher is named as the
curator names it and one spelling is kept per publisher (``publisher_names``), a
headline suffix that repeats the publisher's name is cut ("... - Gizmodo"), and its
language is detected or taken from the item, the feed or the source (``language``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..enrich.language import story_language
from ..enrich.publisher_names import PublisherTable, merge_names, strip_name_suffix
from ..enrich.sources_file import Source
from ..seeds.tracking import strip_tracking
from .feed_items import Story


@dataclass(frozen=True)
class Candidate:
    """A story of one feed, with what the import knows about where it came from."""

    story: Story
    feed: str  # the feed's URL ("" for a file without one)
    source: Source | None  # its entry in the sources file, if any
    origin: int = -1  # which feed of the import it came from


def clean_stories(candidates: list[Candidate], table: PublisherTable,
                  forced_name: str = "") -> list[Candidate]:
    """Every candidate cleaned; ``forced_name`` (``--source``) names every publisher."""
    raw = [_raw_name(c, forced_name) for c in candidates]
    urls = [strip_tracking(c.story.url) for c in candidates]
    names = merge_names(list(zip(raw, urls, strict=True)), table)
    cleaned = []
    for candidate, raw_name, url in zip(candidates, raw, urls, strict=True):
        story = candidate.story
        if forced_name or (candidate.source is not None and not story.aggregated):
            name = raw_name  # the curator named this feed's publisher
        else:
            name = names[(raw_name, url)]
        title = strip_name_suffix(story.title, _spellings(candidate, raw_name, name), url)
        declared = [story.language, candidate.source.language if candidate.source else ""]
        language = story_language("\n".join((title, *story.paragraphs)), declared)
        cleaned.append(replace(candidate, story=replace(
            story, url=url, source_name=name, title=title, language=language)))
    return cleaned


def _raw_name(candidate: Candidate, forced: str) -> str:
    if forced:
        return forced
    if candidate.source is not None and not candidate.story.aggregated:
        return candidate.source.name
    return candidate.story.source_name


def _spellings(candidate: Candidate, raw: str, name: str) -> Iterable[str]:
    yield from (raw, name)
    if candidate.source is not None:
        yield from candidate.source.names
