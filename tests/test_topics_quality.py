"""How well the default taxonomy tags stories: a labelled set written for the purpose.

``tests/data/labelled/`` holds seed stories (varied publishers and lengths, many
with words of several senses: a computer virus, a tennis court, cloud computing,
an election race, a celebrity's privacy) and ``labels.json``, the topics a careful
editor gives each one. The labels are not ``Topics:`` headers: the classifier
sees only the stories.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from news_digest.curator.site_settings import digest_settings
from news_digest.seeds.format import read_seed

from sitebuild import ROOT, SAMPLE_SEED, default_taxonomy

LABELLED = Path(__file__).parent / "data" / "labelled"
MIN_PRECISION = MIN_RECALL = 0.9


def labels() -> dict[str, list[str]]:
    return json.loads((LABELLED / "labels.json").read_text(encoding="utf-8"))


def topics_of(path: Path) -> list[str]:
    seed = read_seed(path)
    return [t.slug for t in default_taxonomy().classify(seed.title, "\n".join(seed.paragraphs))]


def test_labelled_set_is_broad_and_unannotated():
    wanted = labels()
    files = sorted(p.name for p in LABELLED.glob("*.txt"))
    assert files == sorted(wanted) and len(files) >= 30
    # Every topic the digest gives is wanted somewhere; a subject outside the digest
    # (`outside = true`: Arts & Entertainment) is never given, so no label names it.
    slugs = {t["slug"] for t in digest_settings(str(ROOT / "pelicanconf.py"))["DIGEST_TOPICS"]
             if not t.get("outside")}
    assert slugs <= {t for topics in wanted.values() for t in topics}
    assert {t for topics in wanted.values() for t in topics} <= slugs | {"general"}
    for name in files:
        seed = read_seed(LABELLED / name)
        assert "topics" not in seed.headers, name
        assert 80 <= len(" ".join((seed.title, *seed.paragraphs)).split()) <= 400, name
    assert len({read_seed(LABELLED / n).source_name for n in files}) >= 20


def test_precision_and_recall_on_the_labelled_set(capsys):
    true_pos = false_pos = false_neg = 0
    misses = []
    for name, wanted in sorted(labels().items()):
        got = set(topics_of(LABELLED / name))
        true_pos += len(got & set(wanted))
        false_pos += len(got - set(wanted))
        false_neg += len(set(wanted) - got)
        if got != set(wanted):
            misses.append(f"  {name}: extra {sorted(got - set(wanted))}, "
                          f"missing {sorted(set(wanted) - got)}")
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    with capsys.disabled():  # shown by a plain `make test` too
        print(f"\ntopics on {len(labels())} labelled stories: micro precision "
              f"{precision:.3f}, recall {recall:.3f}")
        print("\n".join(misses))
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL, "\n".join(misses)


def test_sample_seed_gets_its_main_topics():
    assert {"privacy", "surveillance", "cybersecurity", "social-media"} <= set(
        topics_of(SAMPLE_SEED))


@pytest.mark.parametrize("name, wrong", [
    ("002_b2e1d4c3f5a6b7c8.txt", "health"),  # a computer virus
    ("001_a1f0c3d2e4b5a6c7.txt", "law-courts"),  # Centre Court
    ("004_d4a3f6e5b7c8d9e0.txt", "climate"),  # cloud computing
    ("005_e5b4a7f6c8d9e0f1.txt", "technology"),  # dark clouds
    ("009_c9f8e1d0a2b3c4d5.txt", "elections"),  # a marathon race
    ("008_b8e7d0c9f1a2b3c4.txt", "sports"),  # the presidential race
    ("010_d0a9f2e1b3c4d5e6.txt", "elections"),  # a marketing campaign
    ("011_e1b0a3f2c4d5e6f7.txt", "privacy"),  # a celebrity asks for privacy
    ("040_d0a9f2e1b3c4d5e6.txt", "law-courts"),  # a clinical trial
    ("039_c9f8e1d0a2b3c4d5.txt", "climate"),  # the investment climate
])
def test_words_of_another_sense_do_not_tag(name, wrong):
    assert wrong not in topics_of(LABELLED / name)
