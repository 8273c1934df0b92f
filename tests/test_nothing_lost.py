"""Every accepted seed yields exactly one article page and one feed item; duplicates
are reported, not silently dropped."""

from __future__ import annotations

import json
import random

from sitebuild import build, seed_text

WORDS = ("court ruling privacy data election climate vaccine market court league "
         "software breach policy minister parliament storm research rights").split()


def _corpus(count: int, duplicates: int):
    rng = random.Random(20191101)
    seeds, urls = {}, []
    for number in range(count):
        url = f"https://publisher{number % 37}.example/story/{number}"
        urls.append(url)
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5))).capitalize()
        seeds[f"{number:03d}_{number:016x}.txt"] = seed_text(
            title=title, url=url, source=f"Publisher {number % 37}",
            author=rng.choice(["PTI", "Jane Doe", "Jane Doe and John Roe", None]),
            published=f"2020-{1 + number % 12:02d}-{1 + number % 28:02d}T{number % 24:02d}:00:00Z",
            body=[" ".join(rng.choice(WORDS) for _ in range(40)) for _ in range(3)])
    for number in range(duplicates):  # the same story again, its URL written differently
        original = urls[number * 7]
        seeds[f"9{number:02d}_dup{number:013x}.txt"] = seed_text(
            title="Duplicate", url=original.replace("https://", "HTTPS://") + "/?utm_source=x")
    return seeds


def test_seeds_in_equal_stories_out(tmp_path):
    seeds = _corpus(300, duplicates=5)
    site = build(tmp_path, seeds, settings={"DIGEST_FEED_MAX_ITEMS": 1000})
    assert site.code == 0, site.stderr
    duplicate_warnings = [w for w in site.warnings if "duplicate" in w.lower()]
    assert len(duplicate_warnings) == len(site.warnings) == 5
    assert all("9" in w and ".txt" in w for w in duplicate_warnings)
    assert len(site.files("stories/*.html")) == 300
    feed = json.loads((site.output / "feeds" / "all.json").read_bytes())
    assert len(feed["items"]) == 300
    assert len({item["id"] for item in feed["items"]}) == 300
    pages = {p.name for p in site.files("stories/*.html")}
    assert {item["url"].rsplit("/", 1)[1] for item in feed["items"]} == pages
