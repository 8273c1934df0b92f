"""Pelican glue: a reader that turns ``.txt`` seed files into articles.

The story's values are worked out here (credit, topics, reading time), so that
Pelican's content cache keeps them with the story and a rebuild reads them back.
The publisher's republishing policy (``enrich/republishing.py``) applies here, first:
the article's text and summary are only what the digest may show (the whole text,
the lead, or nothing of the publisher's), so no page, list, feed or search index
can carry more. (The content cache is keyed by the sources file too.)"""

from __future__ import annotations

import html
import os

from markupsafe import Markup
from pelican.readers import BaseReader
from pelican.urlwrappers import Author

from ..enrich.attribution import attribute
from ..enrich.editions import reading_minutes
from ..enrich.republishing import republished
from ..enrich.topics import seed_topics
from ..seeds.byline import split_byline
from ..seeds.format import HEADERS, Seed, SeedError, parse_seed, read_seed_bytes
from ..seeds.language_tags import foreign_language
from ..seeds.slugs import slugify_headline
from ..speed import SEED_HASH, seed_stamp


def display_path(path: str) -> str:
    """A path as the user typed it: relative to the working folder when inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def body_html(paragraphs) -> str:
    """Paragraphs as HTML; the seed's text is literal, so everything is escaped."""
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)


class SeedReader(BaseReader):
    """Reads one seed into a story; ``build`` is the DigestBuild the class is bound to."""

    enabled = True
    file_extensions = ["txt"]
    build = None

    def read(self, source_path: str):
        """The story of the seed at ``source_path`` (Pelican's absolute path): what
        ``made`` makes of it (read ahead, in two processes, in a build reading many:
        ``read_ahead.py``), with the build's own author and tag objects."""
        ahead = self.build.read_ahead
        made = ahead.pop(source_path, None) if ahead else None
        content, meta = made if made is not None else self.made(source_path)
        if "digest_error" in meta:
            return content, meta
        if "authors" in meta:  # names, made objects here (one per name and reader)
            meta["authors"] = [self.author(name) for name in meta["authors"]]
        meta["tags"] = [self.build.tag(topic) for topic in meta["topics"]]
        self.build.speed.stories_read()  # Pelican's story made of it lives as long
        return content, meta

    def made(self, source_path: str) -> tuple[str, dict]:
        """What the reader makes of a seed: its HTML and metadata, less the objects
        the build shares between stories (authors as names, tags to come). Depends on
        the file and the build's settings alone, so any process can make it."""
        path = display_path(source_path)
        try:
            data = read_seed_bytes(path)
            seed = parse_seed(data, path)
            topics = seed_topics(self.build.taxonomy, seed)
        except SeedError as err:
            # Not raised: Pelican would log a traceback per file. The plugin
            # reports every refused seed together once reading is done.
            return "", {"status": "skip", "digest_error": err}
        meta = self.metadata(seed)
        meta["topics"] = tuple(topics)  # ranked, with scores and matched phrases
        meta["tags"] = None  # the build's tag objects (``read``): here for the order
        meta[SEED_HASH] = seed_stamp(path, data)
        return body_html(meta["republished"].paragraphs), meta

    def process_metadata(self, name, value):
        """What Pelican reads from a seed's file name (``FILENAME_METADATA``) or path:
        processed as Pelican does, except that a value it cannot parse (a name like
        ``2019-02-30-x.txt``) is no error: every field the seed defines replaces it."""
        try:
            return super().process_metadata(name, value)
        except (ValueError, TypeError, OverflowError):
            return value

    def author(self, name: str) -> Author:
        """One ``Author`` per name and reader, as one ``Tag`` per topic: a story's
        list holds the shared one (Pelican groups authors by name anyway; about
        600 bytes a story at 100,000 stories, where most credit a few agencies).
        Pickled in the content cache, stories of one chunk share it again."""
        known = self.__dict__.setdefault("_authors", {})
        found = known.get(name)
        if found is None:
            found = known[name] = Author(name, self.settings)
        return found

    def metadata(self, seed: Seed) -> dict:
        """Pelican's metadata of a story: only what the documented headers define
        (``seeds.headers.HEADERS``); undocumented headers stay on ``seed.extra``, unread."""
        digest = self.build.settings
        slug = slugify_headline(seed.title, digest.slug_max_length)
        authors = split_byline(seed.byline, seed.source_name)  # made objects in ``read``
        shown = republished(self.build.policy_of(seed.source_name), seed.paragraphs,
                            seed.headers.get("summary", ""))
        meta = {
            "title": seed.title,
            "date": seed.published,
            "slug": slug,
            "digest_base_slug": slug,
            "summary": html.escape(shown.summary, quote=False),  # "" when none may show
            "republished": shown,
            "source": seed.source_name,
            "source_url": seed.source_url,
            "source_slug": slugify_headline(seed.source_name, 60),
            "byline": seed.byline,
            # The story's own language when it is not the site's (Language: **de** on an
            # English digest): its headline and text carry ' lang="de"' on every page
            # (and ' dir="rtl"' for a language written right to left); "" otherwise.
            "lang_attributes": lang_attributes(seed.headers.get("language", ""),
                                               self.settings.get("DEFAULT_LANG") or "en"),
            "identity": seed.identity,
            "seed": seed,
            # Here, so that Pelican's content cache keeps them with the story.
            # The text the page shows; none (0: no reading time) when it shows none.
            "reading_time": reading_minutes(shown.words) if shown.words else 0,
            # Dates shown in the site's time zone: a story's date is its edition's day.
            "attribution": attribute(seed, digest.agencies,
                                     self.settings.get("TIMEZONE") or "UTC",
                                     self.build.home_of(seed.source_name)),
        }
        if authors:
            meta["authors"] = authors
        for header in HEADERS:
            if header.metadata and header.key in seed.headers:
                meta[header.metadata] = seed.headers[header.key]
        return meta


# Written right to left: these languages (in their usual script), and any language
# written in these scripts (BCP 47 script subtags, ISO 15924).
RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ji", "ks", "ps", "sd",
                           "syr", "ug", "ur", "yi"})
RTL_SCRIPTS = frozenset({"adlm", "arab", "hebr", "nkoo", "rohg", "syrc", "thaa"})


def lang_attributes(tag: str, site_language: str) -> Markup:
    """`` lang="de"`` for a story in a language that is not the site's (``de`` on an
    ``en`` site; ``en-GB`` is the site's language), with `` dir="rtl"`` for one written
    right to left (``ar``, ``he``, ``az-Arab``); empty otherwise."""
    tag = foreign_language(tag, site_language)
    if not tag:
        return Markup("")
    parts = tag.casefold().split("-")
    script = next((p for p in parts[1:] if len(p) == 4 and p.isalpha()), "")
    rtl = script in RTL_SCRIPTS if script else parts[0] in RTL_LANGUAGES
    return Markup(' lang="{}"{}').format(tag, Markup(' dir="rtl"') if rtl else "")
