"""Every Pelican internal the plugin replaces or relies on, in one place.

Pure module (names only; ``tests/test_pelican_internals.py`` imports Pelican to check
them). Each entry names the Pelican object, the plugin code that replaces or wraps it,
and a hash of the object's source as it was when that code was last checked against
it. A different Pelican version, or the same version with different code, fails that
test until someone reads the new Pelican code, checks that the plugin still does
what Pelican does (and still writes the same bytes: ``DIGEST_SPEED = False`` runs
Pelican's own code paths), then updates ``CHECKED_WITH`` and the hashes.
"""

from __future__ import annotations

from dataclasses import dataclass

CHECKED_WITH = "4.12.0"


@dataclass(frozen=True)
class Internal:
    target: str  # module:qualified name in Pelican
    where: str  # the plugin code that replaces, wraps or relies on it
    why: str
    source_hash: str  # sha256 of inspect.getsource(target), first 12 hex digits


INTERNALS = (
    Internal("pelican.writers:Writer.write_file", "speed/reuse_writer.py ReusingWriter",
             "copied, with the page-key check before each render and each folder made once",
             "6a604ad67bbe"),
    Internal("pelican.writers:Writer._open_w", "speed/reuse_writer.py ReusingWriter",
             "a file linked from the previous output is replaced, not written into; "
             "its bookkeeping (_written_files, _overridden_files) is reused by _claim",
             "69700ea0b466"),
    Internal("pelican.generators:ArticlesGenerator.generate_tags", "speed/listings.py",
             "replaced per build by one linear pass (Pelican's is stories x listings)",
             "37f65d284c71"),
    Internal("pelican.generators:ArticlesGenerator.generate_authors", "speed/listings.py",
             "as generate_tags", "982c57fcfcf0"),
    Internal("pelican.generators:ArticlesGenerator.generate_categories", "speed/listings.py",
             "as generate_tags", "cfb524524a3c"),
    Internal("pelican.generators:ArticlesGenerator.generate_articles", "glue/search.py",
             "wrapped: each search shard goes to Pagefind as soon as its pages are written",
             "5494d418a930"),
    Internal("pelican.cache:FileStampDataCacher.cache_data",
             "speed/content_cache.py; glue/signals.py forget_refusals",
             "wrapped: notes that something was read anew; a refused seed is not cached",
             "1278c0b3c9b2"),
    Internal("pelican.generators:Generator.get_files", "glue/article_files.py",
             "the articles generator lists every file below ARTICLE_PATHS through the seed "
             "folder rule (seeds/files.py), not only those a reader knows", "1abfc730be9a"),
    Internal("pelican.readers:BaseReader.process_metadata", "glue/reader.py SeedReader",
             "a value Pelican cannot parse from a file name is no error (the seed's wins)",
             "f39f56eb2f21"),
    Internal("pelican.cache:FileDataCacher.save_cache", "speed/content_cache.py",
             "wrapped: the cache is written only when something in it changed",
             "ac07627d0831"),
    Internal("pelican.contents:Content.get_relative_source_path", "speed/__init__.py",
             "answered from the path worked out once for the story's own file",
             "6c1f5107e08b"),
    Internal("pelican.contents:Content.url", "speed/__init__.py on_story_addressed",
             "override_url set once the slug is final (Pelican recomputes url on every use)",
             "7fd9b8dd55c6"),
    Internal("pelican.readers:Readers.__init__", "glue/signals.py add_reader",
             "the seed reader is put into reader_classes['txt'] at readers_init",
             "3026099450bc"),
)
