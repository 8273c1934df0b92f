"""Pelican's content cache: saved whole, only when it changed; a damaged one set aside.

Pelican glue (speed stage). Pelican's ``FileDataCacher`` pickles its cache straight
into the cache file and, on the next build, loads it in the readers' constructor,
catching only a few errors. A build killed while saving left a truncated file, and
every later build stopped with ``EOFError`` (or ``UnpicklingError``,
``AttributeError``...) until the cache was removed by hand. Nothing is called
between the readers' creation and that load, so ``guard_content_cache`` (from the
plugin's ``register``) gives the class, once:

- a ``save_cache`` that writes through ``atomic_file`` (a temporary file, synced,
  renamed): a kill leaves the previous cache whole. A full disk is an error of the
  build, not a warning: the build stops and says so.
- a load that treats any unreadable content as damage: one warning line naming the
  file, the file is removed, and the build reads every source file again.

And Pelican saves its whole cache at the end of every build, even when every file
came from it (a pickle of every story: 122 MB at 10,000, 690 MB at 100,000): the
readers of a build save it only when something was read anew
(``save_cache_only_when_changed``), and then, while what was read anew since the
whole cache was last written is a small share of it (a day's new stories), only
that share, in a file beside it (``<cache>.recent``), tied to the whole cache's
file by its identity (inode, size, modification time): a recent file left beside
another whole cache (written since, by a build without speed-ups) is ignored.
Loading reads the whole cache, then the recent entries over it.

The whole cache is pickled in chunks of ``CHUNK`` entries, each a pickle of its own,
then an end mark (a file without it is damaged). One pickle of every story kept a
memo of every object pickled until the end: at 100,000 stories its table (tens of
millions of entries) was the build's peak of memory, about 250 MB over the stories.
A chunk's memo is let go when the next chunk starts. What stories share across
chunks (a tag, the settings an author links to) is then stored once per chunk.
"""


from __future__ import annotations

import gzip
import logging
import os
import pickle

from pelican.cache import FileDataCacher, FileStampDataCacher

from ..atomic_file import write_atomically
from ..diskspace import NO_SPACE

logger = logging.getLogger(__name__)

_PELICAN_INIT = FileDataCacher.__init__
_PELICAN_STAMP = FileStampDataCacher._get_file_stamp


RECENT = ".recent"  # beside the whole cache: the entries read anew since it was written
RECENT_MARK = "news_digest content cache, recent entries"
# The whole cache is written again once the recent entries outnumber this share of
# it (and this many): a day's stories are a small share of a big digest.
RECENT_SHARE = 8
RECENT_MIN = 500
CHUNK = 2000  # entries of the whole cache pickled with one memo
END = "news_digest content cache, end"  # after the last chunk


def load(path: str, opener, identity: list | None = None) -> dict:
    """The cache stored at ``path`` (``opener``: ``open`` or ``gzip.open``), or an
    empty one: missing is normal, damaged is reported and removed. ``identity``:
    receives the loaded file's (inode, size, modification time)."""
    try:
        with opener(path, "rb") as handle:
            if identity is not None:
                identity.append(_identity(os.fstat(handle.fileno())))
            data = _chunks(handle)
    except FileNotFoundError:
        return {}
    except gzip.BadGzipFile as err:  # an OSError, but the file's fault
        return _discard(path, err)
    except OSError as err:  # unreadable (permissions...): leave it to the user
        logger.warning("content cache %s could not be read (%s); building without it",
                       path, err)
        return {}
    except Exception as err:  # noqa: BLE001 - truncated or corrupt: any unpickling error
        return _discard(path, err)
    if not _is_cache(data):
        return _discard(path, TypeError("not a cache of file stamps and data"))
    return data


def _chunks(handle) -> dict:
    """The entries of every chunk up to the end mark (``save``); anything else is
    damage (``EOFError``, ``TypeError``...)."""
    data = pickle.load(handle)
    if not isinstance(data, dict):
        raise TypeError("not a cache of file stamps and data")
    while (chunk := pickle.load(handle)) != END:
        if not isinstance(chunk, dict):
            raise TypeError("not a cache of file stamps and data")
        data.update(chunk)
    return data


def _is_cache(data) -> bool:
    return isinstance(data, dict) and all(
        isinstance(entry, tuple) and len(entry) == 2 for entry in data.values())


def _identity(stat: os.stat_result) -> tuple[int, int, int]:
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


def load_recent(path: str, identity: tuple | None) -> dict:
    """The recent entries beside the whole cache at ``path`` when they were written
    over that very file (``identity``); otherwise none (a damaged file is removed)."""
    if identity is None:
        return {}
    try:
        with open(path + RECENT, "rb") as handle:
            data = pickle.load(handle)
    except FileNotFoundError:
        return {}
    except OSError as err:
        logger.warning("content cache %s could not be read (%s); its files are read again",
                       path + RECENT, err)
        return {}
    except Exception as err:  # noqa: BLE001 - truncated or corrupt: any unpickling error
        return _discard(path + RECENT, err)
    if not (isinstance(data, tuple) and len(data) == 3 and data[0] == RECENT_MARK
            and _is_cache(data[2])):
        return _discard(path + RECENT, TypeError("not the recent entries of a cache"))
    return data[2] if data[1] == identity else {}


def _discard(path: str, error: Exception) -> dict:
    reason = " ".join(f"{type(error).__name__}: {error}".split())[:200]
    try:
        os.unlink(path)
    except OSError:
        pass
    logger.warning("discarded the damaged content cache %s (%s); every file is read again",
                   path, reason)
    return {}


def _guarded_init(self, settings, cache_name, caching_policy, load_policy):
    _PELICAN_INIT(self, settings, cache_name, caching_policy, False)
    self._whole_identity, self._recent = None, {}
    if load_policy:
        identity: list = []
        self._cache = load(self._cache_path, self._cache_open, identity)
        if self._cache and identity:
            self._whole_identity = identity[0]
            self._recent = load_recent(self._cache_path, self._whole_identity)
            self._cache.update(self._recent)


def save(self) -> None:
    """``FileDataCacher.save_cache``, written atomically."""
    if not self._cache_data_policy:
        return
    compress = self._cache_open is not open

    def dump(out) -> None:
        if compress:
            with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as zipped:
                dump_chunks(self._cache, zipped)
        else:
            dump_chunks(self._cache, out)

    try:
        os.makedirs(self.settings["CACHE_PATH"], exist_ok=True)
        write_atomically(self._cache_path, dump)
        _remove(self._cache_path + RECENT)  # now part of the whole (and tied to the old)
    except OSError as err:
        if err.errno in NO_SPACE:
            raise
        logger.warning("could not save the content cache %s (%s); the next build reads "
                       "every file again", self._cache_path, err)
    except (pickle.PicklingError, TypeError, AttributeError) as err:
        logger.warning("could not save the content cache %s (%s: %s); the next build reads "
                       "every file again", self._cache_path, type(err).__name__, err)


def dump_chunks(cache: dict, out) -> None:
    """``cache`` as pickles of ``CHUNK`` entries each (a memo each), then ``END``."""
    entries = list(cache.items())
    for start in range(0, max(len(entries), 1), CHUNK):
        pickle.dump(dict(entries[start:start + CHUNK]), out)
    pickle.dump(END, out)


def _file_stamp(self, filename):
    """A file's stamp: with ``CHECK_MODIFIED_METHOD = "mtime"`` its modification time,
    size, inode and change time, not the modification time alone: an edit that keeps
    the modification time (a tool restoring it, a file renamed over another) changes
    the others, and the up-to-date check, which compares sizes, then makes a real
    build that must not answer that file from the cache."""
    if self.settings["CHECK_MODIFIED_METHOD"] != "mtime":
        return _PELICAN_STAMP(self, filename)
    try:
        info = os.stat(filename)
    except OSError as err:
        logger.warning("Cannot get modification stamp for %s\n\t%s", filename, err)
        return ""
    return info.st_mtime_ns, info.st_size, info.st_ino, info.st_ctime_ns


def _get_cached_data(self, filename, default=None):
    """``FileStampDataCacher.get_cached_data``, noting the stamp of a file it misses:
    ``_cache_data`` stores that one, taken before the file is read, so a file saved
    while the build reads it is read again by the next build (a stamp taken after the
    reading would vouch for the new file with the old text)."""
    stamp, data = FileDataCacher.get_cached_data(self, filename, (None, default))
    now = self._get_file_stamp(filename)
    if stamp != now:
        self.__dict__.setdefault("_stamps_before_reading", {})[filename] = now
        return default
    return data


def _cache_data(self, filename, data):
    before = self.__dict__.get("_stamps_before_reading", {}).pop(filename, None)
    stamp = before if before is not None else self._get_file_stamp(filename)
    FileDataCacher.cache_data(self, filename, (stamp, data))


def guard_content_cache() -> None:
    """Give Pelican's cachers the guarded load and the atomic save (once), and the
    file stamps above."""
    if FileDataCacher.__init__ is not _guarded_init:
        FileDataCacher.__init__ = _guarded_init
        FileDataCacher.save_cache = save
        FileStampDataCacher._get_file_stamp = _file_stamp
        FileStampDataCacher.get_cached_data = _get_cached_data
        FileStampDataCacher.cache_data = _cache_data


def save_cache_only_when_changed(generator) -> None:
    """Give this generator's readers a ``save_cache`` that skips an unchanged cache."""
    readers = getattr(generator, "readers", None)
    if readers is None or not getattr(readers, "_cache_data_policy", False):
        return
    changed = []
    cache_data, save_cache = readers.cache_data, readers.save_cache

    def cache_data_and_note(filename, data):
        changed.append(filename)
        cache_data(filename, data)

    def save_if_changed():
        if not os.path.exists(readers._cache_path):
            save_cache()
        elif changed and not save_recent(readers, changed):
            save_cache()

    readers.cache_data = cache_data_and_note
    readers.save_cache = save_if_changed


def save_recent(readers, changed: list[str]) -> bool:
    """Write what was read anew since the whole cache was written beside it; False:
    write the whole cache instead (none was loaded, it changed on disk since, or the
    recent entries are no longer a small share of it)."""
    cache, identity = readers._cache, getattr(readers, "_whole_identity", None)
    recent = dict(getattr(readers, "_recent", {}))
    recent.update((name, cache[name]) for name in changed if name in cache)
    if identity is None or len(recent) > max(RECENT_MIN, len(cache) // RECENT_SHARE):
        return False
    try:
        if _identity(os.stat(readers._cache_path)) != identity:
            return False
        write_atomically(readers._cache_path + RECENT, lambda out: pickle.dump(
            (RECENT_MARK, identity, recent), out, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError as err:
        if err.errno in NO_SPACE:
            raise
        logger.warning("could not save the content cache %s (%s); the next build reads "
                       "the files read anew again", readers._cache_path + RECENT, err)
    except (pickle.PicklingError, TypeError, AttributeError) as err:
        logger.warning("could not save the content cache %s (%s: %s); the next build reads "
                       "the files read anew again", readers._cache_path + RECENT,
                       type(err).__name__, err)
    return True


def _saved_already() -> None:
    """``save_cache`` of readers whose cache was saved and let go."""


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def save_and_release(generator) -> None:
    """Save the cache of this generator's readers now (when it changed), then let
    go of its entries (``release_entries``)."""
    readers = getattr(generator, "readers", None)
    if readers is not None and getattr(readers, "_cache_data_policy", False):
        readers.save_cache()
    release_entries(generator)


def release_entries(generator) -> None:
    """Empty the saved cache of this generator's readers: it is not read again in
    this build, and the file on disk is the next build's (nothing may save this
    empty one over it)."""
    readers = getattr(generator, "readers", None)
    if readers is not None and isinstance(getattr(readers, "_cache", None), dict):
        readers._cache, readers._recent = {}, {}
        readers._cache_data_policy = False
        readers.save_cache = _saved_already


def note_texts_read(generator, texts: dict) -> None:
    """Note in ``texts``, by source path, the text each file's reader gave this build
    (read anew, or from the content cache: the same entry as its metadata, the seed's
    stamp among them). A story that still holds that very text is keyed by its seed's
    stamp, not by hashing its text again (``reuse_writer``): the text follows from
    the seed, the settings and the code, as the stamp's other values do."""
    readers = getattr(generator, "readers", None)
    if readers is None:
        return
    get_cached_data, cache_data = readers.get_cached_data, readers.cache_data

    def get_and_note(filename, default=None):
        found = get_cached_data(filename, default)
        if found is not default and type(found) is tuple and found:
            texts[filename] = found[0]
        return found

    def cache_and_note(filename, data):
        if type(data) is tuple and data:
            texts[filename] = data[0]
        cache_data(filename, data)

    readers.get_cached_data = get_and_note
    readers.cache_data = cache_and_note
