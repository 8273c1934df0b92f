"""The depths a page's key goes into each name its template reads (``reuse_writer``)."""

from __future__ import annotations

import random
from types import SimpleNamespace

from news_digest.speed.page_descriptions import MIN_BUDGET
from news_digest.speed.reuse_writer import ReusingWriter


def test_each_name_is_keyed_as_deep_as_its_walk_found_and_never_less_than_the_floor():
    # The floor of a template's names is made once a build; a page's budgets are
    # what the walk found, per name, at least MIN_BUDGET, and names it did not find
    # (or that the template does not read) leave the floor as it was.
    writer = SimpleNamespace(_floors={})
    found = SimpleNamespace(names=("SITENAME", "article", "articles", "pages", "tags"))
    rng = random.Random(22)
    for _ in range(200):
        needed = {name: rng.randint(0, 4)
                  for name in rng.sample([*found.names, "other"], rng.randint(0, 4))}
        budgets = ReusingWriter._budgets_found(writer, found, needed)
        assert budgets == tuple(max(MIN_BUDGET, needed.get(name, 0)) for name in found.names)
    assert ReusingWriter._budgets_found(writer, found, {}) == (MIN_BUDGET,) * 5
    assert len(writer._floors) == 1  # once per template
