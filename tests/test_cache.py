"""Pelican's content cache: reused when nothing changed, never when the plugin's inputs did."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

from news_digest.curator.build import build_site
from news_digest.glue.reader import SeedReader
from news_digest.speed import cache_key as cachekey
from news_digest.speed import content_cache

from sitebuild import ROOT, build, build_overrides, seed_text, stable_tree

SEEDS = {
    "001_a.txt": seed_text(title="Court hears the privacy petition", author="PTI, Jane Doe",
                           url="https://a.example/petition"),
    "002_b.txt": seed_text(title="Ransomware hits the city hospital", author="AP",
                           url="https://b.example/ransomware", published="2021-05-06T07:08:09Z"),
}


_tree = stable_tree


def _rebuild(tmp_path: Path, output: str, **settings) -> Path:
    """Build the content already in tmp_path again, with the same cache folder."""
    out = tmp_path / output
    code = build_site(str(ROOT / "pelicanconf.py"), str(tmp_path / "content"), str(out),
                      overrides={**build_overrides(tmp_path), **settings})
    assert code == 0
    return out


def _keyed_folders(tmp_path: Path) -> list[Path]:
    return sorted(p for p in (tmp_path / "cache").iterdir() if p.is_dir())


def test_a_build_from_the_cache_writes_the_same_bytes_as_a_clean_one(tmp_path):
    site = build(tmp_path, SEEDS)
    assert site.code == 0, site.stderr
    [folder] = _keyed_folders(tmp_path)
    assert (folder / "ArticlesGenerator-Readers").is_file()  # not gzipped, keyed folder
    again = _rebuild(tmp_path, "output-again")
    assert _keyed_folders(tmp_path) == [folder]
    assert _tree(again) == _tree(site.output)


def test_the_cache_is_reused_until_a_digest_setting_changes(tmp_path, monkeypatch):
    site = build(tmp_path, SEEDS)
    assert site.code == 0, site.stderr
    reads = _reads(monkeypatch)
    cached = _rebuild(tmp_path, "output-cached")
    assert reads == []  # every seed answered from the cache
    assert _tree(cached) == _tree(site.output)
    _rebuild(tmp_path, "output-fresh", DIGEST_SLUG_MAX_LENGTH=25)
    assert sorted(reads) == ["001_a.txt", "002_b.txt"]  # another keyed folder: read anew
    assert len(_keyed_folders(tmp_path)) == 2


def test_the_cache_key_follows_code_and_settings_but_not_the_output_folder(tmp_path,
                                                                          monkeypatch):
    settings = {"SITENAME": "Digest", "OUTPUT_PATH": "/tmp/a", "DIGEST_STRICT": True,
                "JINJA_FILTERS": {"f": len}}
    key = cachekey.cache_key(settings)
    assert cachekey.cache_key({**settings, "OUTPUT_PATH": "/tmp/b"}) == key
    assert cachekey.cache_key({**settings, "DIGEST_STRICT": False}) != key
    assert cachekey.cache_key({**settings, "DIGEST_SECOND_CORE": False}) == key  # same output
    assert cachekey.cache_key({**settings, "SITENAME": "Other"}) != key
    # DIGEST_* defaults count as set: writing the default explicitly keeps the key.
    assert cachekey.cache_key({**settings, "DIGEST_SLUG_MAX_LENGTH": 80}) == key
    code = tmp_path / "plugin.py"
    code.write_text("A = 1\n")
    monkeypatch.setattr(cachekey, "PACKAGE", tmp_path)
    before = cachekey.cache_key(settings)
    code.write_text("A = 2\n")
    assert cachekey.cache_key(settings) != before


def test_the_users_settings_are_not_changed_and_no_cache_means_no_folder(tmp_path):
    settings = {"CACHE_CONTENT": True, "CACHE_PATH": str(tmp_path / "c")}
    keyed = cachekey.with_keyed_cache(settings)
    assert settings["CACHE_PATH"] == str(tmp_path / "c")
    assert Path(keyed["CACHE_PATH"]).parent == tmp_path / "c"
    off = {"CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False, "CACHE_PATH": "x"}
    assert cachekey.with_keyed_cache(off) == off


def test_old_cache_folders_are_pruned_to_the_newest_few(tmp_path):
    folders = []
    for age, name in enumerate(["0" * 16, "1" * 16, "2" * 16, "3" * 16, "4" * 16]):
        folder = tmp_path / name
        folder.mkdir()
        os.utime(folder, (1000 + age, 1000 + age))
        folders.append(folder)
    (tmp_path / "not-a-key").mkdir()
    cachekey.prune(folders[0], keep=3)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == ["0" * 16, "3" * 16, "4" * 16, "not-a-key"]


def test_the_cache_file_is_rewritten_only_when_a_seed_was_read_anew(tmp_path, monkeypatch):
    site = build(tmp_path, SEEDS)
    assert site.code == 0, site.stderr
    [folder] = _keyed_folders(tmp_path)
    cache = folder / "ArticlesGenerator-Readers"
    os.utime(cache, ns=(1_000_000_000, 1_000_000_000))
    _rebuild(tmp_path, "output")  # nothing changed
    assert cache.stat().st_mtime_ns == 1_000_000_000
    assert not (folder / "ArticlesGenerator-Readers.recent").exists()
    seed = tmp_path / "content" / "articles" / "002_b.txt"
    seed.write_text(SEEDS["002_b.txt"].replace("Second paragraph.", "Updated."),
                    encoding="utf-8")
    monkeypatch.setattr(content_cache, "RECENT_MIN", 0)  # one seed of two: a big share
    out = _rebuild(tmp_path, "output")
    assert cache.stat().st_mtime_ns != 1_000_000_000
    texts = {p.name: p.read_text(encoding="utf-8") for p in (out / "stories").iterdir()}
    assert "Updated." in texts["ransomware-hits-the-city-hospital.html"]


def _reads(monkeypatch) -> list[str]:
    """The seed files the builds from now on read anew (not answered from the cache)."""
    read, names = SeedReader.read, []

    def noting(self, source_path):
        names.append(Path(source_path).name)
        return read(self, source_path)

    monkeypatch.setattr(SeedReader, "read", noting)
    return names


def test_a_days_new_seeds_are_cached_beside_the_whole_cache_and_read_back(tmp_path,
                                                                           monkeypatch):
    """The whole cache is not written again for a few new seeds: their entries go to
    a file beside it, read over it by the next build; each build writes what a build
    from scratch writes."""
    site = build(tmp_path, SEEDS)
    assert site.code == 0, site.stderr
    [folder] = _keyed_folders(tmp_path)
    whole = folder / "ArticlesGenerator-Readers"
    recent = folder / "ArticlesGenerator-Readers.recent"
    before = whole.stat()
    new = {"003_c.txt": seed_text(title="Floods close the valley railway",
                                  url="https://c.example/floods")}
    day = build(tmp_path, {**SEEDS, **new})
    assert day.code == 0, day.stderr
    assert (whole.stat().st_ino, whole.stat().st_mtime_ns) == (before.st_ino,
                                                               before.st_mtime_ns)
    assert recent.is_file()
    # The new seed's entry is read back from the recent file: no seed is read anew.
    reads = _reads(monkeypatch)
    cached = _rebuild(tmp_path, "output-cached")
    assert reads == []
    assert _tree(cached) == _tree(day.output)
    fresh = build(tmp_path / "fresh", {**SEEDS, **new})
    assert _tree(day.output) == _tree(fresh.output)


def test_the_recent_entries_are_folded_into_the_whole_cache_once_they_grow(tmp_path,
                                                                           monkeypatch):
    site = build(tmp_path, SEEDS)
    assert site.code == 0, site.stderr
    [folder] = _keyed_folders(tmp_path)
    whole = folder / "ArticlesGenerator-Readers"
    recent = folder / "ArticlesGenerator-Readers.recent"
    seeds = {**SEEDS, "003_c.txt": seed_text(title="Floods close the valley railway",
                                             url="https://c.example/floods")}
    assert build(tmp_path, seeds).code == 0
    assert recent.is_file()
    before = whole.stat().st_ino
    monkeypatch.setattr(content_cache, "RECENT_MIN", 1)  # two recent entries: too many
    seeds["004_d.txt"] = seed_text(title="Dockers strike at the port",
                                   url="https://d.example/strike")
    again = build(tmp_path, seeds)
    assert again.code == 0, again.stderr
    assert whole.stat().st_ino != before and not recent.exists()
    # Both are in the whole cache now: read from it, not from their files.
    reads = _reads(monkeypatch)
    cached = _rebuild(tmp_path, "output-cached")
    assert reads == []
    assert _tree(cached) == _tree(again.output)


def test_recent_entries_tied_to_another_whole_cache_are_ignored(tmp_path):
    path = str(tmp_path / "ArticlesGenerator-Readers")
    entries = {"a.txt": (1.0, ("content", {}))}
    with open(path + content_cache.RECENT, "wb") as out:
        pickle.dump((content_cache.RECENT_MARK, (1, 2, 3), entries), out)
    assert content_cache.load_recent(path, (1, 2, 3)) == entries
    assert content_cache.load_recent(path, (1, 2, 4)) == {}
    assert content_cache.load_recent(path, None) == {}
    (tmp_path / "ArticlesGenerator-Readers.recent").write_bytes(b"\x80\x05damaged")
    assert content_cache.load_recent(path, (1, 2, 3)) == {}
    assert not (tmp_path / "ArticlesGenerator-Readers.recent").exists()  # set aside


def test_a_rebuild_replaces_the_output_and_the_old_tree_goes_away(tmp_path):
    site = build(tmp_path, SEEDS)
    assert site.code == 0, site.stderr
    (site.output / "stale.html").write_text("from an older build")
    leftover = tmp_path / ".output.old-interrupted"  # a deletion that never finished
    (leftover / "output").mkdir(parents=True)
    out = _rebuild(tmp_path, "output")
    assert not (out / "stale.html").exists()
    assert (out / "stories" / "court-hears-the-privacy-petition.html").is_file()
    deadline = time.monotonic() + 60  # deleted by a detached process: wait for it
    while list(tmp_path.glob(".output.old-*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert list(tmp_path.glob(".output.old-*")) == []


def test_code_in_the_settings_files_is_keyed(tmp_path):
    """A Jinja filter defined in pelicanconf.py is named, not compared, by the settings:
    its code (and that of the files beside it) keys the cache folder."""
    conf = tmp_path / "pelicanconf.py"
    conf.write_text("def shout(text):\n    return text.upper()\n")
    (tmp_path / "publishconf.py").write_text("from pelicanconf import *\n")
    settings = {"CACHE_CONTENT": True, "CACHE_PATH": str(tmp_path / "c")}
    before = cachekey.with_keyed_cache(settings, cachekey.settings_sources(conf))
    assert cachekey.settings_sources(tmp_path / "publishconf.py") == \
        cachekey.settings_sources(conf)
    conf.write_text("def shout(text):\n    return text.upper() + '!'\n")
    after = cachekey.with_keyed_cache(settings, cachekey.settings_sources(conf))
    assert before["CACHE_PATH"] != after["CACHE_PATH"]


def test_the_whole_cache_is_pickled_in_chunks_and_read_back_whole(tmp_path, monkeypatch):
    """Each chunk has a memo of its own (the memo of one pickle of every story was a
    100,000-story build's peak of memory); a file cut after a chunk is damage."""
    monkeypatch.setattr(content_cache, "CHUNK", 3)
    cache = {f"content/articles/{n:03}.txt": ((n, n), ("<p>text</p>", {"n": n}))
             for n in range(7)}
    path = tmp_path / "ArticlesGenerator-Readers"
    with open(path, "wb") as out:
        content_cache.dump_chunks(cache, out)
    data = path.read_bytes()
    with open(path, "rb") as handle:  # three chunks of 3, 3 and 1 entries, then the end
        assert [len(pickle.load(handle)) for _ in range(3)] == [3, 3, 1]
        assert pickle.load(handle) == content_cache.END
    assert content_cache.load(str(path), open) == cache
    first_chunk = len(pickle.dumps(dict(list(cache.items())[:3])))
    path.write_bytes(data[:first_chunk])  # the first chunk whole, the rest gone
    assert content_cache.load(str(path), open) == {}
    assert not path.exists()  # set aside as damaged: the next build reads every file
