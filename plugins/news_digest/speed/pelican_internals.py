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
    Internal("pelican.writers:Writer.write_file", "speed/paging.py PagingWriter",
             "copied, paginating from the oldest page (StablePaginator); its inner "
             "_write_file is PagingWriter._write_page, which speed/reuse_writer.py "
             "ReusingWriter replaces with the page-key check and each folder made once",
             "6a604ad67bbe"),
    Internal("pelican.paginator:Page.__init__", "speed/paging.py StablePage",
             "extended: the attributes a page has (and a page key covers), plus newest",
             "7572d66b8b77"),
    Internal("pelican.paginator:Page._from_settings", "speed/paging.py StablePage",
             "copied: the front page by the rule for page 1, the others by the rule for "
             "their number (at least 2), counted from the oldest", "b2c0f87cd0c0"),
    Internal("pelican.paginator:Page.has_next", "speed/paging.py StablePage",
             "replaced: the next page in reading order is the older one", "aff065702299"),
    Internal("pelican.paginator:Page.has_previous", "speed/paging.py StablePage",
             "replaced: the previous page in reading order is the newer one",
             "1bb5d00da4d7"),
    Internal("pelican.paginator:Page.next_page_number", "speed/paging.py StablePage",
             "replaced: one less (pages are counted from the oldest)", "40357b9124cd"),
    Internal("pelican.paginator:Page.previous_page_number", "speed/paging.py StablePage",
             "replaced: one more", "8a594446dd51"),
    Internal("pelican.paginator:Page.start_index", "speed/paging.py StablePage",
             "replaced: the position in the list held newest first", "fa73051e94f4"),
    Internal("pelican.paginator:Page.end_index", "speed/paging.py StablePage",
             "replaced: as start_index", "e42369cd6419"),
    Internal("pelican.paginator:Paginator.__init__", "speed/paging.py StablePaginator",
             "extended: the pages' spans counted from the oldest (output/page_numbers.py), "
             "count and num_pages set from them", "f9c71ecda09c"),
    Internal("pelican.paginator:Paginator.page", "speed/paging.py StablePaginator",
             "replaced: page n counted from the oldest", "9aa9fbbf6b4d"),
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
    Internal("pelican.generators:ArticlesGenerator.generate_articles",
             "glue/search.py; speed/__init__.py _walks_go_after_story_pages; "
             "speed/story_shares.py",
             "wrapped: each search shard goes to Pagefind as soon as its pages are written; "
             "the story pages' walks are let go once it returns (it writes only them); "
             "in a build from scratch its loop copied (StoryShares.write_own), over the "
             "share of the story pages this process writes (a forked child the older "
             "ones)",
             "5494d418a930"),
    Internal("pelican.generators:ArticlesGenerator.generate_pages", "speed/story_shares.py",
             "wrapped in a build from scratch: the story pages a forked child wrote are "
             "merged once it returns (its loop writes the story pages first, then the "
             "archives and listings, which this process writes while the child works)",
             "bc8ecb407b83"),
    Internal("pelican.cache:FileStampDataCacher.cache_data",
             "speed/content_cache.py; glue/signals.py forget_refusals",
             "wrapped: notes that something was read anew; a refused seed is not cached",
             "1278c0b3c9b2"),
    Internal("pelican.generators:ArticlesGenerator.generate_context",
             "speed/content_cache.py save_and_release; glue/stories.py drop_texts_read",
             "relied on: it sends article_generator_pretaxonomy once every file is read "
             "into its lists, where the readers' content cache is saved and let go and "
             "the seeds' text dropped; its own save_cache call after that does nothing",
             "16f8066e3e5b"),
    Internal("pelican.generators:Generator.get_files", "glue/article_files.py",
             "the articles generator lists every file below ARTICLE_PATHS through the seed "
             "folder rule (seeds/files.py), not only those a reader knows; every generator's "
             "list is filtered of files that are not regular (it returns paths relative to "
             "the content folder)", "1abfc730be9a"),
    Internal("pelican.readers:BaseReader.process_metadata", "glue/reader.py SeedReader",
             "a value Pelican cannot parse from a file name is no error (the seed's wins)",
             "f39f56eb2f21"),
    Internal("pelican.cache:FileDataCacher.save_cache", "speed/content_cache.py",
             "replaced on the class (guard_content_cache): written atomically; and per "
             "build wrapped: written only when something in it changed", "ac07627d0831"),
    Internal("pelican.cache:FileDataCacher.__init__", "speed/content_cache.py",
             "replaced on the class (guard_content_cache): a damaged cache is reported in "
             "one line, removed, and every file read again", "0e94df62b258"),
    Internal("pelican.cache:FileStampDataCacher._get_file_stamp", "speed/content_cache.py",
             "replaced on the class (guard_content_cache): with CHECK_MODIFIED_METHOD "
             "'mtime', the stamp is the modification time, size, inode and change time",
             "771a0b92fd2c"),
    Internal("pelican.cache:FileStampDataCacher.get_cached_data", "speed/content_cache.py",
             "replaced on the class (guard_content_cache): the same comparison, noting "
             "the stamp of a file it misses", "9e22f9c49ded"),
    Internal("pelican.cache:FileStampDataCacher.cache_data", "speed/content_cache.py",
             "replaced on the class (guard_content_cache): stores the stamp taken when "
             "the file was looked up, before it was read", "1278c0b3c9b2"),
    Internal("pelican.contents:Content.get_relative_source_path", "speed/__init__.py",
             "answered from the path worked out once for the story's own file",
             "6c1f5107e08b"),
    Internal("pelican.contents:Content.url", "speed/__init__.py on_story_addressed",
             "override_url set once the slug is final (Pelican recomputes url on every use)",
             "7fd9b8dd55c6"),
    Internal("pelican.contents:Content.get_url_setting", "speed/__init__.py on_story_addressed",
             "answered for save_as from the value worked out once the slug is final "
             "(Pelican formats save_as again on every use)", "e0eb063bf0a5"),
    Internal("pelican.contents:Content.get_url_setting", "speed/__init__.py fix_page_addresses",
             "a page's (pages/) url and save_as answered from the values worked out once "
             "every generator has read its content (base.html links them on every page)",
             "e0eb063bf0a5"),
    Internal("pelican.contents:Content.get_content", "speed/freed_memory.py forget_memoized",
             "relied on: memoized (pelican.utils.memoized), its cache keyed by (content, "
             "siteurl); a story's entries emptied after each page", "5b963ce7e623"),
    Internal("pelican.contents:Content.get_summary", "speed/freed_memory.py forget_memoized",
             "relied on: as get_content", "4a3c3104bdeb"),
    Internal("pelican.utils:memoized.__call__", "speed/freed_memory.py forget_memoized",
             "relied on: the cache is the dict self.cache, keyed by the call's arguments",
             "4e739d13a981"),
    Internal("pelican.readers:Readers.__init__", "glue/signals.py add_reader",
             "the seed reader is put into reader_classes['txt'] at readers_init",
             "3026099450bc"),
    Internal("pelican.readers:Readers.read_file", "glue/read_ahead.py read_seeds_ahead",
             "relied on: it asks the reader for a file not in the content cache (its "
             "_cache, by path) by os.path.abspath(os.path.join(base_path, path)), the key "
             "of what was read ahead", "356c609e59c1"),
)
