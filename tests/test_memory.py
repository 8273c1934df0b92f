"""What a build lets go of once every story is read, clustered and cached (issue 22).

Memory must not grow with what no page being rendered needs: once the articles
generator has clustered the stories and saved Pelican's content cache, the stories
keep no seed text and the generator's readers no cache entries, while the cache on
disk keeps everything the next build reads back.
"""

from __future__ import annotations

import pickle

from pelican import signals

from sitebuild import build, seed_text

BODY = ("The council voted on the new budget after a long debate on Tuesday.",
        "Opposition members walked out before the final count was taken.")
SEEDS = {
    "001_a.txt": seed_text(title="Council passes the budget", url="https://a.example/budget",
                           body=BODY),
    "002_b.txt": seed_text(title="Budget vote ends in a walkout", url="https://b.example/vote",
                           published="2020-01-02T09:00:00+00:00", body=BODY),
}

seen: dict = {}


def _while_pages_are_written(generator, writer=None) -> None:
    """At ``article_writer_finalized``: what the stories and readers hold then."""
    seen["paragraphs"] = [(a.seed.paragraphs, a.republished.paragraphs, a.metadata["seed"])
                          for a in generator.articles]
    seen["cache entries"] = len(generator.readers._cache)
    seen["content"] = [a.content for a in generator.articles]


def _build_watched(tmp_path, force=False):
    seen.clear()
    signals.article_writer_finalized.connect(_while_pages_are_written)
    try:
        site = build(tmp_path, SEEDS, force=force)
    finally:
        signals.article_writer_finalized.disconnect(_while_pages_are_written)
    assert site.code == 0, site.stderr
    return site


def _cached_seeds(tmp_path) -> list:
    [path] = [p for p in (tmp_path / "cache").glob("*/ArticlesGenerator-Readers")]
    with open(path, "rb") as handle:
        cache = pickle.load(handle)
    return [metadata["seed"] for _stamp, (_content, metadata) in cache.values()]


def test_stories_keep_no_seed_text_once_read_and_cached(tmp_path):
    site = _build_watched(tmp_path)
    assert len(seen["paragraphs"]) == 2
    for paragraphs, shown, seed in seen["paragraphs"]:
        assert paragraphs == () and shown == () and seed.paragraphs == ()
    assert seen["cache entries"] == 0
    # The pages show the text all the same: it was made into each story's content.
    assert all("walked out before the final count" in text for text in seen["content"])
    bodies = [p.text_content() for f in site.files("**/*.html")
              for p in [site.page(str(f.relative_to(site.output)))]
              if "walked out before the final count" in p.text_content()]
    assert bodies, "no page shows the story's text"
    # The content cache on disk keeps every seed whole: the next build clusters the
    # stories it reads back from it.
    seeds = _cached_seeds(tmp_path)
    assert len(seeds) == 2 and all(seed.paragraphs == BODY for seed in seeds)


def test_a_build_from_the_cache_lets_go_as_well_and_writes_the_same(tmp_path):
    first = _build_watched(tmp_path)
    before = {p.relative_to(first.output): p.read_bytes() for p in first.files()}
    # --force: every story from the content cache, every page rendered again
    again = _build_watched(tmp_path, force=True)
    assert all(paragraphs == () for paragraphs, _, _ in seen["paragraphs"])
    assert seen["cache entries"] == 0
    after = {p.relative_to(again.output): p.read_bytes() for p in again.files()}
    assert after == before
    assert all(seed.paragraphs == BODY for seed in _cached_seeds(tmp_path))
