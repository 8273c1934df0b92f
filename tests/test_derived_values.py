"""A story's derived values (its related stories, neighbours, event, edition) change
when another story does. A rebuild renders again the pages that show a changed value,
keeps the others, and writes what a fresh build writes."""

from __future__ import annotations

import dataclasses
import os
import posixpath
from datetime import timedelta

import lxml.html
import pytest

from benchmarks.corpus import stories
from news_digest.seeds.format import render_seed

from sitebuild import build, stable_tree

pytestmark = pytest.mark.slow

STORIES = sorted((s.seed for s in stories(24, seed=7)), key=lambda s: s.published)


def _seeds(seeds) -> dict[str, str]:
    return {f"{s.identity}.txt": render_seed(s) for s in seeds}


def _files(folder) -> dict[str, tuple[int, int]]:
    """Each output file's identity: a kept page is the previous output's very file."""
    found = {}
    for root, _dirs, names in os.walk(folder):
        for name in names:
            info = os.stat(os.path.join(root, name))
            found[os.path.relpath(os.path.join(root, name), folder)] = (info.st_ino,
                                                                        info.st_mtime_ns)
    return found


def _links(output, page: str) -> set[str]:
    """The output files a page links to (relative links, as the site writes them)."""
    tree = lxml.html.fromstring((output / page).read_bytes())
    found = set()
    for href in tree.xpath("//a/@href"):
        if "://" in href or href.startswith(("#", "mailto:")):
            continue
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page),
                                                 href.split("#")[0]))
        found.add(f"{path}/index.html" if href.endswith("/") or path == "." else path)
    return found


def _related(output, page: str) -> list[str]:
    tree = lxml.html.fromstring((output / page).read_bytes())
    return tree.xpath("//section[@class='related']//a/text()")


def _corpus():
    """The stories, the one before the twelfth moved to a day before it; the twelfth
    (X), and a time within clustering's window of X but before that neighbour."""
    seeds = list(STORIES)
    story = seeds[12]
    seeds[11] = dataclasses.replace(seeds[11], published=story.published - timedelta(days=1))
    assert seeds[10].published < seeds[11].published
    return seeds, story, seeds[11].published - timedelta(hours=1)


def test_a_story_added_earlier_becomes_related_and_only_pages_showing_it_change(tmp_path):
    corpus, story, when = _corpus()
    # A report of another event that shares X's words (the curator kept them apart):
    # X, published after it, lists it among its related stories.
    added = dataclasses.replace(
        story, title="A different event reported in the same words",
        source_url=f"{story.source_url}-another-event", published=when,
        headers={"not_same_event_as": story.source_url})
    site = tmp_path / "site"
    first = build(site, _seeds(corpus))
    assert first.code == 0, first.stderr
    again = build(site, _seeds(corpus), force=True)  # records each page's key
    assert again.code == 0, again.stderr
    before = _files(again.output)
    old_bytes = stable_tree(again.output)
    pages = [name for name, data in old_bytes.items() if name.startswith("stories/")
             and story.source_url.encode("utf-8") in data]
    assert len(pages) == 1, pages  # X's page: the only one naming its original
    page = pages[0]
    assert added.title not in _related(again.output, page)

    rebuilt = build(site, _seeds([*corpus, added]))
    assert rebuilt.code == 0, rebuilt.stderr
    fresh = build(tmp_path / "fresh", _seeds([*corpus, added]))
    assert stable_tree(rebuilt.output) == stable_tree(fresh.output)
    assert added.title in _related(rebuilt.output, page)  # the derived value changed

    after = _files(rebuilt.output)
    new_bytes = stable_tree(rebuilt.output)
    html = [name for name in after if name.endswith(".html")]
    rendered = {name for name in html if before.get(name) != after[name]}
    changed = {name for name in html if old_bytes.get(name) != new_bytes.get(name)}
    assert page in rendered and page in changed
    # Story, topic and publisher pages rendered again: those that changed, and those
    # linking a story whose own values changed (keys go two objects deep: a neighbour's
    # related stories count); every other one is kept.
    changed_stories = {name for name in changed if name.startswith("stories/")}
    needless = {name for name in rendered - changed
                if name.startswith(("stories/", "topics/", "sources/"))
                and not _links(rebuilt.output, name) & changed_stories}
    assert not needless
    kept_stories = [name for name in html if name.startswith("stories/")
                    and name not in rendered]
    assert len(kept_stories) >= len(STORIES) // 2



def test_a_story_s_text_and_json_ld_are_keyed_by_its_seed_not_hashed_again(tmp_path,
                                                                           monkeypatch):
    """The text a story's reader gave, and its JSON-LD (made of the story's own
    values), count in its keys by its seed's stamp and the values the story holds:
    neither is hashed again to key its page and feeds."""
    from news_digest.glue import stories as glue_stories  # noqa: PLC0415
    from news_digest.speed import fingerprint, story_key  # noqa: PLC0415

    marker = "Zanzibarquill"  # a word no other text has
    seeds = list(STORIES[:8])
    seeds[3] = dataclasses.replace(seeds[3], paragraphs=(*seeds[3].paragraphs, marker))
    site = tmp_path / "site"
    assert build(site, _seeds(seeds)).code == 0
    assert build(site, _seeds(seeds), force=True).code == 0  # records each page's key
    hashed, walked = [], []
    real_digest = fingerprint.digest

    def digest(text):
        hashed.append(marker in text)
        return real_digest(text)

    def walk(self):
        walked.append(self)
        return tuple(self.inputs().values())

    for module in (fingerprint, story_key):
        monkeypatch.setattr(module, "digest", digest)
    monkeypatch.setattr(glue_stories.JsonLd, "__fingerprint__", walk)
    seeds[5] = dataclasses.replace(seeds[5], title="A headline changed")
    again = build(site, _seeds(seeds))
    assert again.code == 0 and "Kept " in again.stderr, again.stderr
    assert hashed and not any(hashed)  # keys were made, none of them of the text
    assert not walked
    page = next(p for p in (again.output / "stories").iterdir()
                if marker in p.read_text(encoding="utf-8"))
    assert '"@type": "NewsArticle"' in page.read_text(encoding="utf-8")
