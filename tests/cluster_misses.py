"""Every pair a written tuning split misses, and every near-miss distractor, with why.

    .venv/bin/python tests/cluster_misses.py [tune]

Prints, for the written development set's split (tests/data/same_event, "tune" by
default), each pair of one event that the clusters keep apart (REQ: a required pair;
FU: a pair with a follow-up, which counts neither way in precision and recall) and
each distractor that scores ``NEAR`` or more with a story of the event it is near,
each with its score, similarity, hours apart and factors (``cluster_why.explain_pair``),
so that a round can group the misses by class before changing anything
(docs/clusters.md). An untouched split is refused: it is never read story by story.
"""

from __future__ import annotations

import sys
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import test_clusters_quality as Q  # noqa: E402

from news_digest.enrich import clusters as C  # noqa: E402
from news_digest.enrich.cluster_links import stories_for_clustering  # noqa: E402
from news_digest.enrich.cluster_score import similarity  # noqa: E402
from news_digest.enrich.cluster_why import explain_pair  # noqa: E402

NEAR = 0.3  # a distractor scoring this much with its event is shown


def misses(split: str = "tune") -> list[str]:
    """The lines to print for ``split``."""
    if split.startswith("untouched") or split not in Q.SPLITS:
        raise SystemExit(f"{split}: only the tune split is listed story by story")
    labels, seeds = Q.labels(), Q.seeds()
    chosen = {name: seed for name, seed in seeds.items() if labels[name]["split"] == split}
    inputs, _ = stories_for_clustering(chosen.values())
    result = C.cluster(inputs)
    key = {name: seed.identity for name, seed in chosen.items()}

    def line(tag: str, a: str, b: str) -> list[str]:
        why = explain_pair(result, key[a], key[b])
        pa, pb = result.profiles[key[a]], result.profiles[key[b]]
        factors = ", ".join(f"{what} x{factor}" for what, factor in why.factors) or "none"
        return [f"{tag} {why.score:.2f} (similarity {similarity(pa.terms, pb.terms):.2f}, "
                f"{why.hours_apart} h apart; lowered: {factors})",
                *(f"    {n} [{labels[n]['kind']}] {seeds[n].title}" for n in (a, b)),
                "    shared: " + ", ".join(term for term, _ in why.shared[:10])]

    lines = []
    for a, b in combinations(sorted(chosen), 2):
        kinds = (labels[a]["kind"], labels[b]["kind"])
        if (labels[a]["event"] != labels[b]["event"] or "distractor" in kinds
                or result.cluster_of[key[a]] == result.cluster_of[key[b]]):
            continue
        lines += line("FU " if "follow-up" in kinds else "REQ", a, b)
    for a in sorted(chosen):
        if labels[a]["kind"] != "distractor":
            continue
        for b in sorted(chosen):
            if (labels[b]["event"] == labels[a]["near"] and labels[b]["kind"] != "distractor"
                    and explain_pair(result, key[a], key[b]).score >= NEAR):
                lines += line("DIS", a, b)
    return lines


if __name__ == "__main__":
    print("\n".join(misses(*sys.argv[1:2])))
