"""The record of the pages (speed/page_memo.py, a pure module): the depths of a page's
key are used only under the plugins' code they were found with."""

from __future__ import annotations

from news_digest.speed import page_memo
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
