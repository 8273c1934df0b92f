"""Issue 22's named list, probed (``tests/named_list.py``): over random changes of the
differential test's project, every story page a page key renders is one the steps'
reports would name (its story, a story it shows, or its edition changed). Nothing of
the named list is trusted by the build yet: these tests hold what a build that keeps
story pages on it would need, and that each report is needed."""

from __future__ import annotations

import named_list
import pytest

pytestmark = pytest.mark.slow

# Sequences whose steps mostly build (refused seeds and global changes are skipped).
HANDFUL = (2, 12)


@pytest.mark.parametrize("seed", HANDFUL)
def test_the_named_list_covers_every_story_page_a_key_renders(tmp_path, seed):
    found = named_list.probe(tmp_path / "probe", seed, 8)
    assert found.steps >= 3, found  # most steps were compared
    assert found.rendered > 0
    assert found.misses == [], "\n".join(found.misses)


def test_a_change_no_report_names_is_a_miss(tmp_path):
    """Without the reader's report (a seed edited), the same sequence has story pages
    rendered by their key that nothing named: the probe tells a named list that
    would have kept them stale."""
    found = named_list.probe(tmp_path / "probe", 2, 8, dropped=frozenset({"reader"}))
    assert found.misses, found
