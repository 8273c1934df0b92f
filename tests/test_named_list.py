"""Issue 22's named list, probed (``tests/named_list.py``): over random changes of the
differential test's project, every story page a page key renders is one the steps'
reports would name (its story, a story it shows, or its edition changed), and every
other page (listings, editions, the home page) one whose stories changed, hold a named
story or a story showing one, or read only the site's values. Nothing of
the named list is trusted by the build yet: these tests hold what a build that keeps
story pages on it would need, and that each report is needed."""

from __future__ import annotations

import named_list
import pytest

pytestmark = pytest.mark.slow

# Sequences whose steps mostly build (refused seeds and global changes are skipped).
HANDFUL = (2, 12)


@pytest.mark.parametrize("seed", HANDFUL)
def test_the_named_list_covers_every_page_a_key_renders(tmp_path, seed):
    found = named_list.probe(tmp_path / "probe", seed, 8)
    assert found.steps >= 3, found  # most steps were compared
    assert found.rendered > 0
    assert found.misses == [], "\n".join(found.misses)
    assert found.lists_rendered > 0
    assert found.list_misses == [], "\n".join(found.list_misses)


def test_a_change_no_report_names_is_a_miss(tmp_path):
    """Without the reader's report (a seed edited), the same sequence has story pages
    rendered by their key that nothing named: the probe tells a named list that
    would have kept them stale."""
    found = named_list.probe(tmp_path / "probe", 2, 8, dropped=frozenset({"reader"}))
    assert found.misses, found


def test_a_list_page_whose_linked_pages_changed_is_named():
    """A list's numbered page links the pages beside it: when the front page splits and
    a new numbered page comes between, the newest numbered page changes though none
    of its stories did (at 30,000 stories, four such pages on day 1). The record's
    linked pages name it; without that check it is kept."""
    stories = frozenset({"a", "b"})
    before = {"topics/x/page/2/": (stories, (("articles_previous_page", "topics/x/"), None))}
    after = {"topics/x/page/2/": (stories, (("articles_previous_page", "topics/x/page/3/"),
                                           None))}
    assert named_list.lists_covered(before, after, set(), {}) == {"topics/x/page/2/"}
    assert named_list.lists_covered(before, after, set(), {}, links=False) == set()
    assert named_list.lists_covered(before, before, set(), {}) == set()
