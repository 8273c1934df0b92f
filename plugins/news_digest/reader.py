"""Pelican glue: a reader that turns ``.txt`` seed files into articles."""

from __future__ import annotations

import hashlib
import html
import os
from functools import cached_property

from pelican.readers import BaseReader
from pelican.urlwrappers import Author, Tag

from .attribution import attribute
from .byline import split_byline
from .editions import count_words, reading_minutes
from .seed import HEADERS, Seed, SeedError, parse_seed, read_seed_bytes
from .settings import resolve
from .slugs import slugify_headline
from .topics import Taxonomy, Topic, seed_topics


def display_path(path: str) -> str:
    """A path as the user typed it: relative to the working folder when inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


# Metadata: a hash of the seed file a story was read from, and of its path. Everything
# else the reader returns follows from them and from the settings and plugin code
# (the cache key), so ``reuse_writer`` fingerprints those values by this hash alone.
SEED_HASH = "seed_hash"


def seed_hash(path: str, data: bytes) -> str:
    hasher = hashlib.blake2b(path.encode("utf-8", "surrogateescape"), digest_size=16)
    hasher.update(b"\0")
    hasher.update(data)
    return hasher.hexdigest()


def body_html(seed: Seed) -> str:
    """Paragraphs as HTML; the seed's text is literal, so everything is escaped."""
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in seed.paragraphs)


class SeedReader(BaseReader):
    enabled = True
    file_extensions = ["txt"]

    @cached_property
    def digest(self) -> dict:
        return resolve(self.settings)

    @cached_property
    def taxonomy(self) -> Taxonomy:
        """Compiled once per reader (so once per build), not per story."""
        return Taxonomy.from_settings(self.digest)

    @cached_property
    def _tags(self) -> dict[str, Tag]:
        return {}

    def tag(self, topic: Topic) -> Tag:
        """The Pelican tag of a topic: named by its label, addressed by its slug."""
        tag = self._tags.get(topic.slug)
        if tag is None:
            tag = self._tags[topic.slug] = Tag(topic.label, self.settings)
            tag.slug = topic.slug
        return tag

    def read(self, source_path: str):
        path = display_path(source_path)
        try:
            data = read_seed_bytes(path)
            seed = parse_seed(data, path)
            topics = seed_topics(self.taxonomy, seed)
        except SeedError as err:
            # Not raised: Pelican would log a traceback per file. The plugin
            # reports every refused seed together once reading is done.
            return "", {"status": "skip", "digest_error": err}
        meta = self.metadata(seed)
        meta["topics"] = tuple(topics)  # ranked, with scores and matched phrases
        meta["tags"] = [self.tag(topic) for topic in topics]
        meta[SEED_HASH] = seed_hash(path, data)
        return body_html(seed), meta

    def process_metadata(self, name, value):
        """What Pelican reads from a seed's file name (``FILENAME_METADATA``) or path:
        processed as Pelican does, except that a value it cannot parse (a name like
        ``2019-02-30-x.txt``) is no error: every field the seed defines replaces it."""
        try:
            return super().process_metadata(name, value)
        except (ValueError, TypeError, OverflowError):
            return value

    def metadata(self, seed: Seed) -> dict:
        """Pelican's metadata of a story: only what the documented headers define
        (``seed.HEADERS``); undocumented headers stay on ``seed.extra``, unread."""
        slug = slugify_headline(seed.title, self.digest["DIGEST_SLUG_MAX_LENGTH"])
        authors = [Author(name, self.settings) for name in split_byline(seed.byline)]
        meta = {
            "title": seed.title,
            "date": seed.published,
            "slug": slug,
            "digest_base_slug": slug,
            "summary": html.escape(seed.lead, quote=False),
            "source": seed.source_name,
            "source_url": seed.source_url,
            "source_slug": slugify_headline(seed.source_name, 60),
            "byline": seed.byline,
            "identity": seed.identity,
            "seed": seed,
            # Here, so that Pelican's content cache keeps them with the story.
            "reading_time": reading_minutes(count_words(seed.paragraphs)),
            "attribution": attribute(seed, self.digest["DIGEST_AGENCIES"]),
        }
        if authors:
            meta["authors"] = authors
        for header in HEADERS:
            if header.metadata and header.key in seed.headers:
                meta[header.metadata] = seed.headers[header.key]
        return meta

