"""Every order is total: stories that tie (same time, same headline) are listed, and get
their addresses, the same way in every build, whatever order the files were read in."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from news_digest.seeds.slugs import slugify_headline, unique_slugs
from news_digest.seeds.urls import url_identity

from sitebuild import ROOT, build, seed_text, stable_tree

# Builds from scratch twice: the slow tier (make test), not make test-fast.
pytestmark = pytest.mark.slow

TOPICS = ["privacy and data protection", "the election and parliament",
          "climate change and emissions", "the football league", "the vaccine and hospitals"]


def _seeds() -> dict[str, str]:
    """300 stories at three moments, 40 headlines, 7 publishers: ties everywhere."""
    seeds = {}
    for number in range(300):
        topic = TOPICS[number % len(TOPICS)]
        extra = [("Topics", "privacy, technology")] if number % 4 == 0 else []
        seeds[f"{number:03d}_{number:016x}.txt"] = seed_text(
            title=f"Story {number % 40} about {topic}",
            published=f"2020-01-0{1 + number % 3}T10:00:00+00:00",
            author=f"Writer {number % 5}", source=f"Publisher {number % 7}",
            url=f"https://news{number % 7}.example.com/story/{number}",
            body=(f"This is about {topic}, and more on {topic}.", f"Paragraph {number}."),
            extra=extra)
    return seeds


_BUILD = """
import sys
from pathlib import Path
sys.path[:0] = [{tests!r}]
from sitebuild import build
site = build(Path({folder!r}), {{}}, settings={{"DIGEST_SEARCH": False}})
sys.stderr.write(site.stderr)
sys.exit(site.code)
"""


def _build_in_a_process(folder, hash_seed: str) -> None:
    """A build in a process of its own: Python's string hashing (the order of Pelican's
    sets of file names) differs from one process to the next, as between two builds."""
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    result = subprocess.run([sys.executable, "-c", _BUILD.format(
        tests=str(ROOT / "tests"), folder=str(folder))], env=env, capture_output=True,
        text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_two_builds_of_the_same_seeds_are_byte_identical(tmp_path):
    seeds = list(_seeds().items())
    for name, order in (("a", seeds), ("b", random.Random(7).sample(seeds, len(seeds)))):
        articles = tmp_path / name / "content" / "articles"
        articles.mkdir(parents=True)
        (tmp_path / name / "content" / "pages").mkdir()
        for file_name, text in order:  # written in another order: another directory order
            (articles / file_name).write_text(text)
    _build_in_a_process(tmp_path / "a", "1")
    _build_in_a_process(tmp_path / "b", "2")
    first, second = stable_tree(tmp_path / "a" / "output"), stable_tree(tmp_path / "b" / "output")
    assert sorted(first) == sorted(second)
    differ = sorted(path for path in first if first[path] != second[path])
    assert differ == []
    assert sum(path.startswith("topics/") for path in first) > 10
    assert sum(path.startswith("stories/") for path in first) == 300


def test_a_headline_made_to_equal_a_suffixed_slug_gets_an_address_of_its_own(tmp_path):
    first = seed_text(title="Same headline", url="https://a.example/1",
                      published="2020-01-01T00:00:00Z")
    second = seed_text(title="Same headline", url="https://b.example/2",
                       published="2020-01-02T00:00:00Z")
    suffix = url_identity("https://b.example/2")[:8]
    crafted = seed_text(title=f"Same headline {suffix}", url="https://c.example/3",
                        published="2020-01-01T00:00:00Z")
    site = build(tmp_path, {"a.txt": first, "b.txt": second, "c.txt": crafted},
                 settings={"DIGEST_SEARCH": False})
    assert site.code == 0, site.stderr
    pages = {p.name: site.page(p.relative_to(site.output)).xpath("string(//h1)")
             for p in site.files("stories/*.html")}
    assert len(pages) == 3
    assert pages["same-headline.html"] == "Same headline"
    # the crafted headline is older than the second story: it keeps its own address
    assert pages[f"same-headline-{suffix}.html"] == f"Same headline {suffix}"
    [moved] = set(pages) - {"same-headline.html", f"same-headline-{suffix}.html"}
    assert pages[moved] == "Same headline" and moved.startswith(f"same-headline-{suffix}-")


def test_unique_slugs_are_unique_whatever_the_headlines():
    day = datetime(2020, 1, 1, tzinfo=UTC)
    rng = random.Random(3)
    stories = []
    for number in range(2000):
        base = slugify_headline(rng.choice(["a", "a-1234abcd", "a-1234abcd-2", "b", "b-x"]))
        suffix = rng.choice(["1234abcd", "1234abcdef", f"{number:08x}"])
        stories.append((f"s{number}", base, (day + timedelta(hours=number % 5), f"{number}"),
                        suffix))
    slugs = unique_slugs(stories)
    assert len(set(slugs.values())) == len(stories)
    assert unique_slugs(reversed(stories)) == slugs
