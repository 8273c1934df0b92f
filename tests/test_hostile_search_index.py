"""What the search index keeps of hostile text (tests/hostile_search.py reads it back
in the hunt): each story's fragment holds its headline, credit and publisher as its
page shows them. A test here failed before its fix."""

from __future__ import annotations

from hostile_search import index_problems

from sitebuild import build, seed_text

# Text that reads as HTML once decoded: a feed that escaped twice, or a hostile name.
NAMES = ["Procter &amp; Gamble Daily", "&lt;b&gt;Bold&lt;/b&gt; News", "A & B <C>"]


def test_a_publisher_that_reads_as_markup_is_listed_as_its_pages_show_it(tmp_path):
    """Pagefind decodes a filter's value once more than the page does: the search
    page's Source list showed 'Procter & Gamble Daily' and '<b>Bold</b> News' for
    publishers the pages name 'Procter &amp; Gamble Daily' and '&lt;b&gt;Bold...'."""
    seeds = {f"00{i}_s.txt": seed_text(title=f"Harbour story {i}", source=name,
                                       url=f"https://news{i}.example.com/s")
             for i, name in enumerate(NAMES)}
    site = build(tmp_path, seeds, search=True)
    assert site.code == 0, site.stderr
    assert index_problems(site.output) == []
