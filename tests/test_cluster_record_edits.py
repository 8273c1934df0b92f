"""A story's clustering terms are kept between builds (the clustering record beside
the content cache, docs/rebuilding.md); an edited story must not keep its old ones.

A story of one event is rewritten to carry another event's report (its headline,
text and time): the rebuild over the previous output and record must move it to
that event's cluster and write what a fresh build of the edited seeds writes, every
page and ``stories.json`` byte for byte. The edit is checked to change the clusters,
so the comparison cannot pass by nothing having changed.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from news_digest.seeds.format import read_seed, render_seed

from busy_site import DEVSET, devset_labels
from sitebuild import build, stable_tree


def _seeds() -> tuple[dict[str, str], str, str]:
    """Three events' stories (name -> text), a story of the first to edit and a
    story of the second whose report it will carry."""
    labels = devset_labels()
    events: dict[str, list[str]] = {}
    for name in sorted(labels):
        if labels[name]["kind"] != "distractor":
            events.setdefault(labels[name]["event"], []).append(name)
    chosen = [names for _, names in sorted(events.items()) if len(names) >= 3][:3]
    names = [name for group in chosen for name in group]
    texts = {name: (DEVSET / name).read_text(encoding="utf-8") for name in names}
    return texts, chosen[0][-1], chosen[1][0]


def _clusters(site) -> dict[str, str]:
    records = json.loads((site.output / "stories.json").read_bytes())["stories"]
    return {record["original_url"]: record["cluster"] for record in records}


@pytest.mark.slow
def test_a_rebuild_after_a_story_is_rewritten_equals_a_fresh_build(tmp_path):
    texts, edited, source = _seeds()
    first = build(tmp_path / "site", texts)
    assert first.code == 0, first.stderr
    before = _clusters(first)
    assert list((tmp_path / "site" / "cache").rglob("clusters.bin"))  # the record is kept

    seed, other = read_seed(DEVSET / edited), read_seed(DEVSET / source)
    texts[edited] = render_seed(dataclasses.replace(
        seed, title=other.title, paragraphs=other.paragraphs, published=other.published))
    again = build(tmp_path / "site", texts)
    fresh = build(tmp_path / "fresh", texts)
    assert again.code == 0 and fresh.code == 0, again.stderr + fresh.stderr

    after = _clusters(again)
    url = seed.source_url
    assert before[url] != after[url]  # the edit moved the story...
    assert after[url] == after[other.source_url]  # ...into the other event's cluster
    assert (again.output / "stories.json").read_bytes() == \
        (fresh.output / "stories.json").read_bytes()
    assert stable_tree(again.output) == stable_tree(fresh.output)
