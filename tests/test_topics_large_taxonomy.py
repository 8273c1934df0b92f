"""A taxonomy of thousands of topics (issue 18: tagging stays a small part of a build
"whatever the size of the taxonomy"). Compiling it and tagging with it look only at what
each topic and each story hold; these tests hold the results those shortcuts must keep:
the example words a plain reading of the rule gives, and every story's topics unchanged
by topics whose words it never uses. The speed itself is measured, not asserted
(docs/topics.md, "Speed")."""

from __future__ import annotations

import random

from news_digest.curator.site_settings import digest_settings
from news_digest.enrich.topic_examples import MAX_WORDS, _characteristic, example_words
from news_digest.enrich.topic_verdict import story_evidence
from news_digest.enrich.topics import Taxonomy
from news_digest.enrich.words import words
from news_digest.seeds.format import read_seed

from sitebuild import ROOT

LABELLED = sorted((ROOT / "tests" / "data" / "labelled").glob("*.txt"))


def default_topics() -> list[dict]:
    return [dict(t) for t in digest_settings(str(ROOT / "pelicanconf.py"))["DIGEST_TOPICS"]]


def made_up_topics(count: int, vocabulary: list[str], seed: int) -> list[dict]:
    """``count`` topics of phrases, keywords, examples and backdrops from ``vocabulary``."""
    rnd = random.Random(seed)
    topics = []
    for n in range(count):
        phrases = [f"{rnd.choice(vocabulary)} {rnd.choice(vocabulary)}" for _ in range(4)]
        phrases.append(rnd.choice(vocabulary))
        topics.append({"slug": f"made-up-{n}", "label": f"Made-up topic {n}",
                       "phrases": {p: 2.0 for p in phrases},
                       "keywords": [rnd.choice(vocabulary) for _ in range(2)],
                       "examples": [" ".join(rnd.choice(vocabulary) for _ in range(30))],
                       "backdrop": phrases[:1] if n % 4 == 0 else []})
    return topics


def plain_example_words(topics: list[dict]) -> list[tuple[str, ...]]:
    """The rule as it reads: a topic's example words that no other topic's examples or
    one-word entries hold, nor its own one-word entries; most frequent first."""
    shared = [_characteristic(list(t.get("examples") or ())) for t in topics]
    listed = []
    for topic in topics:
        one_word = [words(p) for kind in ("phrases", "keywords", "negative")
                    for p in (topic.get(kind) or ())]
        listed.append({found[0] for found in one_word if len(found) == 1})
    result = []
    for number, counts in enumerate(shared):
        others = set()
        for other in range(len(topics)):
            if other != number:
                others |= set(shared[other]) | listed[other]
        kept = sorted((w for w in counts if w not in others | listed[number]),
                      key=lambda w: (-counts[w], w))
        result.append(tuple(kept[:MAX_WORDS]))
    return result


def test_example_words_of_a_large_taxonomy_are_the_rules():
    stories = [read_seed(path) for path in LABELLED]
    vocabulary = sorted({w for s in stories for p in s.paragraphs for w in words(p)})
    topics = default_topics() + made_up_topics(400, vocabulary, seed=1)
    assert example_words(topics) == plain_example_words(topics)


def test_topics_whose_words_a_story_never_uses_change_nothing():
    """Thousands of topics made of words the labelled stories never use: every story's
    topics, scores and the verdict's evidence stay what the curator's taxonomy gives."""
    stories = [read_seed(path) for path in LABELLED]
    used = {w for s in stories for p in (s.title, *s.paragraphs) for w in words(p)}
    unused = [f"zq{n}x" for n in range(5000)]
    assert not used & set(unused)
    small = Taxonomy(default_topics())
    large = Taxonomy(default_topics() + made_up_topics(3000, unused, seed=2))
    for story in stories:
        text = "\n".join(story.paragraphs)
        assert ([(t.slug, t.score) for t in large.classify(story.title, text)]
                == [(t.slug, t.score) for t in small.classify(story.title, text)]), story.title
        assert (story_evidence(large, story.title, text)
                == story_evidence(small, story.title, text)), story.title


def test_a_large_taxonomys_own_topics_are_found():
    """The made-up topics are read too: a story written in one topic's phrases gets it."""
    topics = default_topics() + made_up_topics(3000, [f"zq{n}x" for n in range(5000)], seed=3)
    target = topics[-7]
    phrases = list(target["phrases"])
    title = f"{phrases[0]} and {phrases[1]}"
    text = " ".join(f"The {p} was reported again." for p in phrases * 2)
    assert target["slug"] in [t.slug for t in Taxonomy(topics).classify(title, text)]
