"""The default taxonomy on real news labelled by hand (``tests/topics_devset.py``).

Prints today's tagger (a frozen copy, ``tests/frozen/``) and the new one side by side,
on the tuning split, the untouched split and the fresh sets (stories from publishers
the development set does not have, labelled before any tagger ran; of the third, fourth
and fifth fresh sets, the halves ``fresh3-untouched``, ``fresh4-untouched`` and
``fresh5-untouched`` are never tuned on nor printed story by story; ``fresh5-tune``'s
misses are listed by ``tests/topic_misses.py``, not here), and holds the new tagger to
what it reached on the untouched stories every machine has. The issue's targets are
asserted in ``test_issue_targets_on_the_untouched_split``: for real when they are met,
else an expected failure that says so.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from topics_devset import (
    FEEDS,
    FRESH,
    FRESH2,
    FRESH3,
    FRESH4,
    FRESH5,
    FRESH6,
    desk_rates,
    fresh3_halves,
    fresh4_halves,
    fresh5_halves,
    fresh6_halves,
    fresh_stories,
    is_fresh5_untouched,
    is_fresh6_untouched,
    is_untouched,
    labels,
    outside_rate,
    score,
    site,
    stories,
    taggers,
)

from news_digest.curator.site_settings import digest_settings

from sitebuild import ROOT

needs_text = pytest.mark.skipif(
    not FEEDS.is_dir(), reason=f"{FEEDS} is absent: the dev set's text is read from the "
                               "real-world captures beside the repository (on CI)")

# What the new tagger reached on the untouched split of the stories every machine has
# (English stories of ../shared/realworld-feeds, 78 of them) when this test was last
# changed, labels re-audited by the rubric (tests/data/topics_devset/README.md): the
# floor it must hold. There, today's tagger: precision 0.517, recall 0.484; the second
# round's: 0.867, 0.812, 1.54 clearly wrong per 60; the last round's: 0.885, 0.844, 0.77;
# this one's (fifth round: vocabulary by family, lifestyle outside the digest): precision
# 0.905, recall 0.891, 1 clearly wrong (0.77 per 60); the sixth to eighth rounds hold the
# same; the ninth: precision 0.934, recall 0.891, none clearly wrong (a strand further down
# that the desks doubt is left out); the tenth the same here (on the whole untouched
# split precision 0.903 -> 0.913), the eleventh too (learned verdict; whole untouched
# split 0.913 -> 0.923), the twelfth and thirteenth the same here (the page's own lines
# not read, a figure beside another story: whole untouched split unchanged, 0.923).
# The current figures: docs/topics.md; every round's, on every set: docs/history/topics.md.
FLOOR_PRECISION = 0.93
FLOOR_RECALL = 0.89
FLOOR_WRONG_PER_60 = 0.8
# The issue's targets, on news no one here wrote.
TARGET_PRECISION, TARGET_RECALL, TARGET_WRONG_PER_60 = 0.93, 0.90, 1.0
TARGET_DESK, TARGET_OUTSIDE = 0.95, 0.03


def split(name: str, english: bool = True):
    return [s for s in stories() if s.untouched == (name == "untouched")
            and (s.lang == "en") == english]


def targets_missed(items) -> list[str]:
    """The issue's targets the new tagger misses on ``items`` (English stories)."""
    new = taggers()["new"]
    scores = score(new, items)
    missed = [f"precision {scores.precision:.3f} < {TARGET_PRECISION}"] * (
        scores.precision < TARGET_PRECISION)
    missed += [f"recall {scores.recall:.3f} < {TARGET_RECALL}"] * (scores.recall < TARGET_RECALL)
    missed += [f"{scores.wrong_per_60:.2f} clearly wrong per 60 > 1"] * (
        scores.wrong_per_60 > TARGET_WRONG_PER_60)
    for desk, (got, total) in desk_rates(new, items).items():
        if got < TARGET_DESK * total:
            missed.append(f"{desk} {got}/{total} < 95 %")
    wrong, outside = outside_rate(new, items)
    if outside and wrong > TARGET_OUTSIDE * outside:
        missed.append(f"outside the taxonomy {wrong}/{outside} clearly wrong > 3 %")
    return missed


def _new_english_set(path, at_least: int, earlier: list[dict]) -> list[dict]:
    """A fresh set's labels: at least ``at_least`` English stories, none of whose ids or
    publishers is in ``earlier``."""
    new = labels(path)
    assert len(new) >= at_least and {r["lang"] for r in new} == {"en"}
    assert not {r["publisher"] for r in new} & {r["publisher"] for r in earlier}
    assert not {r["id"] for r in new} & {r["id"] for r in earlier}
    return new


def test_dev_set_is_broad_and_well_formed():
    records = labels()
    topics = {t["slug"] for t in digest_settings(str(ROOT / "pelicanconf.py"))["DIGEST_TOPICS"]
              if not t.get("outside")}
    for group in (records, labels(FRESH), labels(FRESH2), labels(FRESH3), labels(FRESH4),
                  labels(FRESH5), labels(FRESH6)):
        for record in group:
            must, ok, wrong = set(record["must"]), set(record["ok"]), set(record["wrong"])
            assert not (must & ok or must & wrong or ok & wrong), record["id"]
            assert must | ok | wrong <= topics | {"general"}, record["id"]
            assert must or ok, record["id"]
    assert len(records) >= 300
    assert len({r["publisher"] for r in records}) >= 15
    assert len({r["year"] for r in records}) >= 8
    # Real news rarely needs Surveillance or Misinformation: the written set covers them.
    assert len(topics & {t for r in records for t in r["must"]}) >= 13
    untouched = sum(is_untouched(r["id"]) for r in records)
    assert untouched >= len(records) / 3
    # The fresh set: at least 100 English stories of publishers the dev set does not have.
    fresh = _new_english_set(FRESH, 100, records)
    # The second fresh set: at least 60 English stories of publishers in neither.
    second = _new_english_set(FRESH2, 60, records + fresh)
    # The third fresh set: at least 120 English stories of publishers in none of the three,
    # about a fifth of them outside the taxonomy.
    earlier = records + fresh + second
    third = _new_english_set(FRESH3, 120, earlier)
    assert len({r["publisher"] for r in third}) >= 100
    outside = [r for r in third if not r["must"] and set(r["ok"]) <= {"general"}]
    assert 0.15 * len(third) <= len(outside) <= 0.3 * len(third)
    # The fourth: at least 100 English stories of publishers in none of the four sets.
    earlier += third
    fourth = _new_english_set(FRESH4, 100, earlier)
    assert len({r["publisher"] for r in fourth}) >= 100
    # The fifth: at least 90 English stories of publishers in none of the five sets, most of
    # them of 2022 or later, with stories outside the taxonomy and about half untouched.
    earlier += fourth
    fifth = _new_english_set(FRESH5, 90, earlier)
    assert len({r["publisher"] for r in fifth}) >= 50
    assert sum(r["year"] >= 2022 for r in fifth) >= 0.9 * len(fifth)
    assert 0.4 * len(fifth) <= sum(is_fresh5_untouched(r["id"]) for r in fifth) <= 0.6 * len(fifth)
    # The sixth: at least 150 English stories of at least 100 publishers in none of the six
    # sets, at most three a publisher, a third of them about politics, split by publisher.
    earlier += fifth
    sixth = _new_english_set(FRESH6, 150, earlier)
    publishers = [site(r["publisher"]) for r in sixth]
    assert len(set(publishers)) >= 100 and max(map(publishers.count, publishers)) <= 3
    politics = [r for r in sixth if {"government-policy", "elections"} & set(r["must"])]
    assert len(politics) >= 0.3 * len(sixth)
    untouched = [is_fresh6_untouched(r["publisher"]) for r in sixth]
    assert 0.4 * len(sixth) <= sum(untouched) <= 0.6 * len(sixth)


@needs_text
def test_new_tagger_against_todays_on_both_splits_and_the_fresh_set(capsys):
    lines = []
    results = {}
    fresh, second, third = fresh_stories(), fresh_stories(FRESH2), fresh_stories(FRESH3)
    third_tune, third_untouched = fresh3_halves()
    fourth_tune, fourth_untouched = fresh4_halves()
    parts = [("tuning", split("tuning")), ("untouched", split("untouched"))] + (
        [("fresh", list(fresh))] if fresh else []) + ([("fresh2", list(second))] if second else []
        ) + ([("fresh3", list(third)), ("fresh3-tune", list(third_tune)),
              ("fresh3-untouched", list(third_untouched))] if third else []
        ) + ([("fresh4-tune", list(fourth_tune)), ("fresh4-untouched", list(fourth_untouched))]
             if fourth_tune else [])
    for part, english in parts:
        for name, tag in taggers().items():
            scores = score(tag, english)
            results[part, name] = scores
            foreign = (score(tag, split(part, english=False))
                       if part in ("tuning", "untouched") else None)
            lines.append(scores.line(f"{part:<16} {name:<5}") + (
                f"  | non-English: {foreign.wrong} clearly wrong in {foreign.stories}"
                if foreign else ""))
            wrong, outside = outside_rate(tag, english)
            lines.append(f"{'':16}desks (stories given their desk's topic): " + ", ".join(
                f"{desk} {got}/{total}" for desk, (got, total) in desk_rates(tag, english).items())
                + f"; outside the taxonomy, clearly wrong {wrong}/{outside}")
    new = results["untouched", "new"]
    everywhere = [s for s in split("untouched") if s.source == "realworld-feeds"]
    held = score(taggers()["new"], everywhere)
    lines.append(held.line("untouched new, feeds only") + "  (the floor is held here)")
    with capsys.disabled():  # shown by a plain `make test` too
        print(f"\ntopics on the dev set ({len(stories())} stories with text here) and the "
              f"fresh sets ({len(fresh)}, {len(second)} and {len(third)} with text here):")
        print("\n".join(lines))
        # The tuning split's misses, not the untouched split's: what is printed on every
        # run is what an engineer reads, and the untouched and fresh stories' errors
        # must not steer the tuning.
        print("tuning split, new tagger, stories not fully right:")
        print("\n".join(results["tuning", "new"].misses))
        # Since the seventh round both fresh sets are tuning sets too (docs/history/topics.md).
        # fresh3-tune is a tuning set since the eighth round, fresh4-tune since the tenth;
        # fresh3-untouched and fresh4-untouched are never printed story by story.
        for part in ("fresh", "fresh2", "fresh3-tune", "fresh4-tune"):
            if (part, "new") in results:
                print(f"{part} (a tuning set), stories not fully right:")
                print("\n".join(results[part, "new"].misses))
    today = results["untouched", "today"]
    assert new.precision > today.precision and new.recall > today.recall
    if fresh:
        assert results["fresh", "new"].precision > results["fresh", "today"].precision
        assert results["fresh", "new"].wrong < results["fresh", "today"].wrong
    assert held.precision >= FLOOR_PRECISION, held.line("untouched new")
    assert held.recall >= FLOOR_RECALL, held.line("untouched new")
    assert held.wrong_per_60 <= FLOOR_WRONG_PER_60, held.line("untouched new")


def side_by_side(capsys, path, halves, name: str, writer: str, since: str) -> dict:
    """A halved fresh set's figures, today's frozen tagger and the current one, per desk, and
    the stories outside the taxonomy given a clearly wrong topic (printed); the whole set's
    scores by tagger. Its text is not in the repository (``writer`` writes it); without it
    the test says so and skips."""
    whole = fresh_stories(path)
    if not whole:
        pytest.skip(f"{name}-articles.jsonl is absent (neither ../shared/topics-devset nor "
                    f"$DIGEST_TOPICS_DEVSET has it): `.venv/bin/python tests/{writer} CLONES "
                    "OUT.jsonl` writes it from clones of the repositories it names")
    assert len(whole) == len(labels(path)), f"{name}-articles.jsonl lacks labelled stories"
    lines, results = [], {}
    parts = dict(zip((f"{name}-tune", f"{name}-untouched"), halves(), strict=True))
    for part, items in ((name, whole), *parts.items()):
        for tagger, tag in taggers().items():
            scores = score(tag, items)
            results[tagger] = results.get(tagger, scores)  # the whole set's
            lines.append(scores.line(f"{part:<16} {tagger:<5}"))
            wrong, outside = outside_rate(tag, items)
            lines.append(f"{'':23}desks (stories given their desk's topic): " + ", ".join(
                f"{desk} {got}/{total}" for desk, (got, total) in desk_rates(tag, items).items())
                + f"; outside the taxonomy, clearly wrong {wrong}/{outside}")
    with capsys.disabled():
        print(f"\ntopics on the {name} set ({len(whole)} stories; {name}-tune tuned on "
              f"{since}, {name}-untouched never):")
        print("\n".join(lines))
    return results


def test_third_fresh_set_side_by_side(capsys):
    results = side_by_side(capsys, FRESH3, fresh3_halves, "fresh3", "devset_fresh3.py",
                           "since the eighth round")
    # Measured once when the set came (docs/history/topics.md): today's 0.460 precision and 41
    # clearly wrong topics, the current tagger's 0.659 and 15. The current tagger must stay
    # ahead of today's, as on the first fresh set.
    assert results["new"].precision > results["today"].precision
    assert results["new"].wrong < results["today"].wrong


def test_fourth_fresh_set_side_by_side(capsys):
    results = side_by_side(capsys, FRESH4, fresh4_halves, "fresh4", "devset_fresh4.py",
                           "since the tenth round")
    # Measured once when the set came, before the tenth round changed anything
    # (docs/history/topics.md): today's 0.429 precision and 41 clearly wrong topics, the ninth
    # round's 0.618 and 11.
    assert results["new"].precision > results["today"].precision
    assert results["new"].wrong < results["today"].wrong


def test_fifth_fresh_set_side_by_side(capsys):
    results = side_by_side(capsys, FRESH5, fresh5_halves, "fresh5", "devset_fresh5.py",
                           "since the fourteenth round")
    # Measured once when the set came, before anything was tuned on it (docs/history/topics.md):
    # today's 0.530 precision and 25 clearly wrong topics, the twelfth round's 0.742 and 7;
    # fresh5-tune is a tuning set since the fourteenth round (tests/topic_misses.py).
    assert results["new"].precision > results["today"].precision
    assert results["new"].wrong < results["today"].wrong


def test_sixth_fresh_set_side_by_side(capsys):
    results = side_by_side(capsys, FRESH6, fresh6_halves, "fresh6", "devset_fresh6.py",
                           "since topics-data6")
    # Measured once after the labels' commit, before anything was tuned on it
    # (docs/history/topics.md): today's 0.488 precision and 41 clearly wrong topics, the current
    # tagger's 0.664 and 7; politics 52 of 57 (today's 48).
    assert results["new"].precision > results["today"].precision
    assert results["new"].wrong < results["today"].wrong


@needs_text
def test_issue_targets_on_the_untouched_split():
    """Asserted for real once they are met; until then an expected failure naming them."""
    missed = targets_missed(split("untouched"))
    if missed:
        pytest.xfail("issue 18's targets are not reached on the untouched split: "
                     + "; ".join(missed))


@needs_text
def test_classification_is_deterministic_across_processes():
    """Same topics, in the same order, in a fresh interpreter with another hash seed."""
    sample = [(s.title, s.text) for s in stories()][:60]
    here = [taggers()["new"](t, x) for t, x in sample]
    assert here == [taggers()["new"](t, x) for t, x in sample]
    script = (
        "import json, sys\n"
        "from news_digest.curator.site_settings import digest_settings\n"
        "from news_digest.enrich.topics import Taxonomy\n"
        f"tax = Taxonomy.from_settings(digest_settings({str(ROOT / 'pelicanconf.py')!r}))\n"
        "sample = json.load(sys.stdin)\n"
        "print(json.dumps([[t.slug for t in tax.classify(a, b)] for a, b in sample]))\n")
    for seed in ("1", "4242"):
        out = subprocess.run([sys.executable, "-c", script], input=json.dumps(sample),
                             capture_output=True, text=True, check=True, cwd=ROOT,
                             env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin",
                                  "PYTHONPATH": str(ROOT / "plugins")})
        assert json.loads(out.stdout) == here


@needs_text
def test_the_misses_list_counts_a_tuning_sets_errors_and_refuses_untouched_splits():
    """``tests/topic_misses.py`` lists, for a tuning set, each topic given that is not
    ``must`` and each ``must`` missed, with explain's evidence; it never lists a held-out
    split story by story."""
    from topic_misses import misses  # noqa: PLC0415  (tests/topic_misses.py)

    listed = misses("tuning")
    scores = score(taggers()["new"], split("tuning"))
    assert sum(line.startswith("   MISS ") for line in listed) == scores.must - scores.hits
    assert sum(line.startswith(("   NEAR ", "   WRONG ")) for line in listed) == (
        scores.judged - scores.hits)
    for held_out in ("untouched", "fresh3-untouched", "fresh4-untouched", "fresh5-untouched",
                     "fresh6-untouched", "masakhane-untouched"):
        with pytest.raises(SystemExit):
            misses(held_out)
