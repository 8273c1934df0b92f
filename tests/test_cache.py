"""Pelican's content cache: reused when nothing changed, never when the plugin's inputs did."""

from __future__ import annotations

import os
import time
from pathlib import Path

from news_digest.curator.build import build_site
from news_digest.speed import cache_key as cachekey

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


def test_the_cache_is_reused_until_a_digest_setting_changes(tmp_path):
    site = build(tmp_path, SEEDS)
    assert site.code == 0, site.stderr
    seed = tmp_path / "content" / "articles" / "001_a.txt"
    stamp = seed.stat().st_mtime_ns
    # Same mtime, other text: only a build that reads the cache still shows the old title.
    seed.write_text(seed_text(title="Edited headline that is rather long for a slug",
                              url="https://a.example/petition"), encoding="utf-8")
    os.utime(seed, ns=(stamp, stamp))
    cached = _rebuild(tmp_path, "output-cached")
    assert (cached / "stories" / "court-hears-the-privacy-petition.html").is_file()
    fresh = _rebuild(tmp_path, "output-fresh", DIGEST_SLUG_MAX_LENGTH=25)
    names = {p.name for p in (fresh / "stories").iterdir()}
    assert "edited-headline-that-is.html" in names
    assert "court-hears-the-privacy-petition.html" not in names
    assert len(_keyed_folders(tmp_path)) == 2


def test_the_cache_key_follows_code_and_settings_but_not_the_output_folder(tmp_path,
                                                                          monkeypatch):
    settings = {"SITENAME": "Digest", "OUTPUT_PATH": "/tmp/a", "DIGEST_STRICT": True,
                "JINJA_FILTERS": {"f": len}}
    key = cachekey.cache_key(settings)
    assert cachekey.cache_key({**settings, "OUTPUT_PATH": "/tmp/b"}) == key
    assert cachekey.cache_key({**settings, "DIGEST_STRICT": False}) != key
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


def test_the_cache_file_is_rewritten_only_when_a_seed_was_read_anew(tmp_path):
    site = build(tmp_path, SEEDS)
    assert site.code == 0, site.stderr
    [folder] = _keyed_folders(tmp_path)
    cache = folder / "ArticlesGenerator-Readers"
    os.utime(cache, ns=(1_000_000_000, 1_000_000_000))
    _rebuild(tmp_path, "output")  # nothing changed
    assert cache.stat().st_mtime_ns == 1_000_000_000
    seed = tmp_path / "content" / "articles" / "002_b.txt"
    seed.write_text(SEEDS["002_b.txt"].replace("Second paragraph.", "Updated."),
                    encoding="utf-8")
    out = _rebuild(tmp_path, "output")
    assert cache.stat().st_mtime_ns != 1_000_000_000
    texts = {p.name: p.read_text(encoding="utf-8") for p in (out / "stories").iterdir()}
    assert "Updated." in texts["ransomware-hits-the-city-hospital.html"]


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
