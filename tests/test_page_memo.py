"""The record of the pages (speed/page_memo.py, a pure module): the depths of a page's
key are used only under the plugins' code they were found with."""

from __future__ import annotations

import json

from news_digest.speed import json_record, page_memo
from news_digest.speed.page_memo import PageMemo
from news_digest.speed.up_to_date import code_stamp


def _recorded(tmp_path, code: str) -> None:
    output = tmp_path / "output"
    (output / "stories").mkdir(parents=True)
    page = output / "stories" / "a.html"
    page.write_text("<p>A</p>", encoding="utf-8")
    memo = PageMemo(tmp_path / "cache", output, code)
    memo.note("stories/a.html", "key-a", page, "<p>A</p>", "1211")
    memo.save_pending(output)
    page_memo.commit(tmp_path / "cache")


def test_the_depths_of_a_key_hold_under_the_code_they_were_found_with(tmp_path):
    (tmp_path / "cache").mkdir()
    _recorded(tmp_path, "code-1")
    same = PageMemo(tmp_path / "cache", tmp_path / "output", "code-1")
    assert same.key_of("stories/a.html") == "key-a"
    assert same.budgets_of("stories/a.html") == "1211"
    edited = PageMemo(tmp_path / "cache", tmp_path / "output", "code-2")
    assert edited.key_of("stories/a.html") == "key-a"  # the key itself is still compared
    assert edited.budgets_of("stories/a.html") is None  # but the page is walked again


def test_the_plugins_code_stamp_changes_with_a_plugins_file(tmp_path):
    plugins = tmp_path / "plugins" / "mine"
    plugins.mkdir(parents=True)
    (plugins / "__init__.py").write_text("X = 1\n", encoding="utf-8")
    settings = {"PLUGIN_PATHS": [str(tmp_path / "plugins")], "PLUGINS": []}
    before = code_stamp(settings)
    assert code_stamp(settings) == before
    (plugins / "__init__.py").write_text("X = 22\n", encoding="utf-8")
    assert code_stamp(settings) != before


def test_a_kept_page_moves_its_entry_and_a_rendered_one_drops_it(tmp_path):
    """No page's entry is held twice (issue 22: 220,000 entries at 100,000 stories):
    a page kept takes its previous entry, with this build's depths, and a page
    rendered again lets go of its previous one."""
    (tmp_path / "cache").mkdir()
    _recorded(tmp_path, "code-1")
    previous = tmp_path / "output"
    (previous / "stories" / "b.html").write_text("<p>B</p>", encoding="utf-8")
    memo = PageMemo(tmp_path / "cache", previous, "code-1")
    new = tmp_path / "new"
    entry = memo.old["stories/a.html"]
    assert memo.reuse("stories/a.html", "key-a", new / "stories" / "a.html", "2211")
    assert memo.new["stories/a.html"] is entry and entry[0] == "key-a" and entry[4] == "2211"
    assert "stories/a.html" not in memo.old
    assert (new / "stories" / "a.html").read_text(encoding="utf-8") == "<p>A</p>"
    memo.old["stories/b.html"] = ["key-b", 1, 1, "0" * 32, None]
    (new / "stories" / "b.html").write_text("<p>B2</p>", encoding="utf-8")
    memo.note("stories/b.html", "key-b2", new / "stories" / "b.html", "<p>B2</p>")
    assert "stories/b.html" not in memo.old and memo.new["stories/b.html"][0] == "key-b2"


def test_the_previous_record_is_read_when_first_asked_for(tmp_path):
    """Not while the stories are read and clustered (issue 22: a daily update's
    peak); a record written meanwhile is not the one read."""
    (tmp_path / "cache").mkdir()
    _recorded(tmp_path, "code-1")
    memo = PageMemo(tmp_path / "cache", tmp_path / "output", "code-1")
    assert memo._old is None
    assert memo.same_code and memo.key_of("stories/a.html") == "key-a"
    assert memo._old is not None and memo.old_trees == {}


def test_a_large_record_is_written_in_chunks_as_the_same_bytes(tmp_path, monkeypatch):
    """``json_record.write`` encodes a large mapping a chunk at a time: the bytes are
    those of one ``json.dumps``, at any number of entries around the chunk's size."""
    monkeypatch.setattr(json_record, "CHUNK", 3)
    for count in (0, 1, 3, 4, 6, 7, 10):
        record = {"output": "out\u00e9", "pages": {
            f"p{i}/\u00e9\"\\.html": [None if i % 2 else "k", i, 10**18 + i, "d", None]
            for i in range(count)}, "trees": {f"t{i}": [str(i), 1, 2] for i in range(count)},
            "code": "c"}
        json_record.write(tmp_path / "r.json", record)
        assert (tmp_path / "r.json").read_bytes() == json.dumps(
            record, separators=(",", ":")).encode("utf-8")
        assert json.loads((tmp_path / "r.json").read_bytes()) == record


def _tree_stamp_by_relpath(folder):
    """``tree_stamp`` as first written: each file's path by ``os.path.relpath``."""
    import hashlib  # noqa: PLC0415
    import os  # noqa: PLC0415
    digest, count = hashlib.blake2b(digest_size=8), 0
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for file in sorted(files):
            info = os.stat(os.path.join(root, file))
            relative = os.path.relpath(os.path.join(root, file), folder)
            digest.update(f"{relative}\0{info.st_size}\0{info.st_mtime_ns}\n".encode(
                "utf-8", "surrogateescape"))
            count += 1
    return count, int.from_bytes(digest.digest(), "big") >> 1


def test_a_folders_stamp_names_each_file_by_its_path_below_it(tmp_path):
    """A search shard's stamp (``tree_stamp``) works each folder's path out once: the
    same stamp as a ``relpath`` a file, and a file moved to another folder changes it."""
    shard = tmp_path / "pagefind-3"
    for name in ("pagefind-entry.json", "fragment/a.pf_fragment", "index/b.pf_index",
                 "index/deeper/c", "z"):
        (shard / name).parent.mkdir(parents=True, exist_ok=True)
        (shard / name).write_text(name)
    found = page_memo.tree_stamp(shard)
    assert found == _tree_stamp_by_relpath(shard) and found[0] == 5
    (shard / "index/deeper/c").rename(shard / "index/c")
    assert page_memo.tree_stamp(shard) == _tree_stamp_by_relpath(shard) != found
