"""A small digest for the theme tests: stories over several days, with topics."""

from __future__ import annotations

import re
from functools import partial

from sitebuild import SAMPLE_SEED, seed_text
from sitebuild import build as build_site_with

# These tests are about the search index too: build it.
build = partial(build_site_with, search=True)

# (title, published, topics, source, words in the body)
STORIES = [
    ("Court hears challenge to data retention law", "2019-11-01T09:00:00+00:00",
     "privacy, law-courts", "The Daily Example", 450),
    ("Parliament debates new surveillance powers", "2019-11-01T16:30:00+00:00",
     "surveillance, government-policy, privacy", "Example Herald", 700),
    ("Late-night vote on the budget", "2019-11-01T23:30:00-05:00",
     "government-policy, business", "Example Herald", 300),
    ("Hospital waiting lists grow", "2019-10-31T08:00:00+00:00",
     "health", "Example Gazette", 520),
    ("Phishing wave hits banks", "2019-10-31T12:00:00+00:00",
     "cybersecurity, business", "The Daily Example", 260),
    ("Messaging app fixes flaw used for spying", "2019-10-30T10:00:00+00:00",
     "cybersecurity, privacy, social-media, surveillance", "Example Tribune", 610),
    ("Local team wins the cup", "2019-10-30T18:00:00+00:00",
     "sports", "Example Gazette", 90),
    ("Election officials test new machines", "2019-10-28T07:00:00+00:00",
     "elections, technology", "Example Tribune", 380),
    ("Regulator fines social network over tracking", "2019-10-28T15:00:00+00:00",
     "privacy, social-media, law-courts", "The Daily Example", 820),
]


def body(words: int, n: int, title: str = "") -> tuple[str, ...]:
    # Each story's text is its own (its headline's words): the stories report nine
    # different events, and the clustering must see nine.
    sentence = f"Paragraph {n} of a story about {title.lower() or 'the digest'}."
    per = len(sentence.split())
    count = max(1, words // per)
    paragraphs, left = [], count
    while left > 0:
        take = min(left, 4)
        paragraphs.append(" ".join([sentence] * take))
        left -= take
    return tuple(paragraphs)


def seeds(with_sample: bool = True) -> dict[str, str | bytes]:
    result: dict[str, str | bytes] = {}
    if with_sample:
        result["000_6658c6a34da15a44.txt"] = SAMPLE_SEED.read_bytes()
    for n, (title, published, topics, source, words) in enumerate(STORIES, start=1):
        slug = title.lower().replace(" ", "-")
        result[f"{n:03d}_{n:016x}.txt"] = seed_text(
            title=title, published=published, source=source,
            url=f"https://{source.lower().replace(' ', '')}.example/{slug}",
            author="Jane Doe" if n % 2 else "Reuters", body=body(words, n, title),
            extra=(("Topics", topics),))
    return result


ABOUT = """Title: About this digest
Slug: about

The News Digest collects news stories from many publishers in one calm place.

Every story here was **first published elsewhere**.
"""


# Every republishing policy has pages to check: the Herald (and the publishers not
# named here: the test sites' default) republish in full, the Gazette an excerpt,
# The Daily Example a link only.
SOURCES = """
[[source]]
name = "Example Herald"
home = "https://exampleherald.example/"
feeds = ["https://exampleherald.example/feed.xml"]
policy = "full"

[[source]]
name = "Example Gazette"
home = "https://examplegazette.example/"
feeds = ["https://examplegazette.example/feed.xml"]
policy = "excerpt"

[[source]]
name = "The Daily Example"
home = "https://thedailyexample.example/"
feeds = ["https://thedailyexample.example/feed.xml"]
policy = "link"
"""
LINK_STORY = "stories/court-hears-challenge-to-data-retention-law.html"
EXCERPT_STORY = "stories/hospital-waiting-lists-grow.html"


# What a fresh clone's readers see: every publisher on the default policy, `link`.
POLICIES = ("mixed", "link")
SOURCES_WITHOUT_POLICIES = re.sub(r'^policy = ".*"\n', "", SOURCES, flags=re.M)


def build_theme_site(tmp_path, with_sample: bool = True, policy: str = "mixed",
                     **settings):
    """The theme site with each policy (``mixed``, SOURCES'), or with every publisher on
    the fresh clone's default (``link``: no `policy` in the sources file)."""
    sources = SOURCES
    if policy == "link":
        sources = SOURCES_WITHOUT_POLICIES
        settings = {"DIGEST_DEFAULT_POLICY": "link", **settings}
    return build(tmp_path, seeds(with_sample), pages={"about.md": ABOUT}, settings=settings,
                 sources=sources)
