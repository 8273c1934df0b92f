"""Every pair a tuning split misses or joins wrongly, and every near-miss distractor, with why.

    .venv/bin/python tests/cluster_misses.py [tune | tune-4 | tune-5 | tune-6 | tune-7
                                                | tune-real | tune-basil | tune-ecbplus]
    .venv/bin/python tests/cluster_misses.py --classes SPLIT...

Prints, for a tuning split (the written development set's "tune", by default, or its
fourth to seventh tuning splits "tune-4" to "tune-7"; the real articles' "tune-real";
BASIL's "tune-basil"; ECB+'s "tune-ecbplus"), each pair of one event that the clusters
keep apart (REQ: a required pair; FU: a pair with a follow-up, which counts neither way
in precision and recall), each pair of two events that they join (WRONG), and each
distractor (on BASIL and ECB+, where every story is watched as one: each story of
another event) that scores ``NEAR`` or more with a story of the event it is near (DIS), each
with its score, similarity, hours apart and factors (``cluster_why.explain_pair``), so
that a round can group the misses by class before changing anything (docs/clusters.md).
An untouched split is refused: it is never read story by story.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import clusters_basil as B  # noqa: E402
import clusters_ecbplus as E  # noqa: E402
import clusters_real as R  # noqa: E402
import test_clusters_quality as Q  # noqa: E402

from news_digest.enrich import clusters as C  # noqa: E402
from news_digest.enrich.cluster_links import stories_for_clustering  # noqa: E402
from news_digest.enrich.cluster_score import kind_bonus, pair_score, similarity  # noqa: E402
from news_digest.enrich.cluster_why import explain_pair  # noqa: E402

NEAR = 0.3  # a distractor scoring this much with its event is shown
TUNE_SPLITS = ("tune", "tune-4", "tune-5", "tune-6", "tune-7", "tune-real", "tune-basil",
               "tune-ecbplus")


def _written(split: str) -> tuple[list, dict[str, dict], dict[str, str], dict[str, str]]:
    labels, seeds = Q.labels(), Q.seeds()
    chosen = {name: seed for name, seed in seeds.items() if labels[name]["split"] == split}
    inputs, _ = stories_for_clustering(chosen.values())
    return (inputs, {n: labels[n] for n in chosen},
            {n: seed.identity for n, seed in chosen.items()},
            {n: seeds[n].title for n in chosen})


def _real(split: str) -> tuple[list, dict[str, dict], dict[str, str], dict[str, str]]:
    chosen = {k: v for k, v in R.labels().items() if v["split"] == split}
    return (R.inputs(split), chosen, {k: k[:16] for k in chosen},
            {k: f"{v.get('publisher', '')} {R.records()[k]['date'][:10]}: "
                f"{R.records()[k]['title']}" for k, v in chosen.items()})


def _basil(split: str) -> tuple[list, dict[str, dict], dict[str, str], dict[str, str]]:
    chosen = {k: v for k, v in B.labels().items() if v["split"] == split}
    return (B.inputs(split), chosen, {k: k for k in chosen},
            {k: f"{B.records()[k]['publisher']} {B.records()[k]['date']}: "
                f"{B.records()[k]['title']}" for k in chosen})


def _ecbplus(split: str) -> tuple[list, dict[str, dict], dict[str, str], dict[str, str]]:
    chosen = {k: v for k, v in E.labels().items() if v["split"] == split}
    return (E.inputs(split), chosen, {k: f"ecbplus-{k}" for k in chosen},
            {k: f"{E.records()[k]['publisher']} {E.records()[k]['date'][:16]}: "
                f"{E.records()[k]['title']}" for k in chosen})


READERS: dict[str, Callable] = {"tune": _written, "tune-4": _written, "tune-5": _written,
                                 "tune-6": _written, "tune-7": _written,
                                 "tune-real": _real, "tune-basil": _basil,
                                 "tune-ecbplus": _ecbplus}


def misses(split: str = "tune") -> list[str]:
    """The lines to print for ``split``."""
    if split.startswith("untouched") or split not in TUNE_SPLITS:
        raise SystemExit(f"{split}: only a tune split ({', '.join(TUNE_SPLITS)}) is listed "
                         "story by story")
    inputs, labels, key, title = READERS[split](split)
    result = C.cluster(inputs)
    watched_all = split in ("tune-basil", "tune-ecbplus")  # every story watched as a distractor

    def line(tag: str, a: str, b: str) -> list[str]:
        why = explain_pair(result, key[a], key[b])
        pa, pb = result.profiles[key[a]], result.profiles[key[b]]
        factors = ", ".join(f"{what} x{factor}" for what, factor in why.factors) or "none"
        raised = kind_bonus(pa.terms, pb.terms)
        return [f"{tag} {why.score:.2f} (similarity {similarity(pa.terms, pb.terms):.2f}, "
                f"{why.hours_apart} h apart; lowered: {factors}"
                + (f"; raised x{raised}: the same kind of act" if raised > 1 else "") + ")",
                *(f"    {n} [{labels[n]['kind']}] {title[n]}" for n in (a, b)),
                "    shared: " + ", ".join(term for term, _ in why.shared[:10])]

    def watched(a: str, b: str) -> bool:  # a distractor (any story, on BASIL) and b
        if watched_all:
            return a < b and labels[a]["event"] != labels[b]["event"] and (
                labels[a]["event"].split("-")[:2] == labels[b]["event"].split("-")[:2]
                or split == "tune-basil")  # ECB+: another event of the same topic
        return (labels[a]["kind"] == "distractor" and labels[b]["kind"] != "distractor"
                and labels[b]["event"] == labels[a]["near"])

    lines = []
    for a, b in combinations(sorted(labels), 2):
        kinds = (labels[a]["kind"], labels[b]["kind"])
        together = result.cluster_of[key[a]] == result.cluster_of[key[b]]
        if together and labels[a]["event"] != labels[b]["event"]:
            lines += line("WRONG", a, b)
        elif not together and labels[a]["event"] == labels[b]["event"]:
            lines += line("FU " if "follow-up" in kinds else "REQ", a, b)
    for a in sorted(labels):
        for b in sorted(labels):
            if (watched(a, b) and result.cluster_of[key[a]] != result.cluster_of[key[b]]
                    and pair_score(result.profiles[key[a]], result.profiles[key[b]]) >= NEAR):
                lines += line("DIS", a, b)
    return lines


# The factors of step 5 by the class docs/clusters.md ("What it gets wrong") gives them.
CLASSES = (("days apart", "the day factor"), ("leads name other days", "the day factor"),
           ("a lead's day, guessed", "the day factor"),
           ("headline names the other lacks", "a headline name the other never writes"),
           ("little but one word", "one word shared"), ("two briefs", "one word shared"),
           ("no name shared", "no name shared"), ("another contest", "another contest or doer"))


def holding(score: float, factors: tuple[tuple[str, float], ...]) -> str:
    """What holds a required pair apart: the merge's mean when the pair reaches ``LINK``,
    else the factor whose removal alone lifts it to ``LINK`` (the strongest first; the
    day factor and the time apart as one), else several together, or too little shared."""
    if score >= C.LINK:
        return "the mean over two clusters"
    by_class: dict[str, float] = {}
    for what, factor in factors:
        name = next((c for prefix, c in CLASSES if what.startswith(prefix)), what)
        by_class[name] = by_class.get(name, 1.0) * factor
    lifting = [(factor, name) for name, factor in by_class.items() if score / factor >= C.LINK]
    if lifting:
        return min(lifting)[1]
    unlowered = score / math.prod(by_class.values())  # the similarity (times a bonus)
    return "several factors together" if unlowered >= C.LINK else "too little shared"


def classes(split: str) -> list[str]:
    """The required pairs ``split`` misses, counted by ``holding``, largest class first."""
    if split.startswith("untouched") or split not in TUNE_SPLITS:
        raise SystemExit(f"{split}: only a tune split ({', '.join(TUNE_SPLITS)}) is listed")
    inputs, labels, key, _ = READERS[split](split)
    result = C.cluster(inputs)
    counts: dict[str, int] = {}
    for a, b in combinations(sorted(labels), 2):
        la, lb = labels[a], labels[b]
        if (la["event"] != lb["event"] or "distractor" in (la["kind"], lb["kind"])
                or "follow-up" in (la["kind"], lb["kind"])
                or result.cluster_of[key[a]] == result.cluster_of[key[b]]):
            continue
        why = explain_pair(result, key[a], key[b])
        name = holding(why.score, why.factors)
        counts[name] = counts.get(name, 0) + 1
    total = sum(counts.values())
    return [f"{split}: {total} required pairs missed"] + [
        f"  {n:3d}  {name}" for name, n in sorted(counts.items(), key=lambda i: (-i[1], i[0]))]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--classes"]:
        print("\n".join(line for split in sys.argv[2:] for line in classes(split)))
    else:
        print("\n".join(misses(*sys.argv[1:2])))
