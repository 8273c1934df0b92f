"""``explain --cluster SEED...``: why a story is in its cluster, and why near misses are not.

Curator stage (CLI), no Pelican: reads the seeds of the content folder, clusters
them (``enrich/clusters.py``) and prints, for each story asked about, every other story of
its cluster and its strongest near misses with the shared terms and the score.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..enrich import clusters as C
from ..enrich.cluster_links import stories_for_clustering
from ..enrich.cluster_why import explain_pair, near_misses
from ..errors import SeedError
from ..seeds.format import read_seed


def _term(term: str) -> str:
    return term if term[0] not in "#≈~" else f"{term} (number)"


def _pair_lines(clustering: C.Clustering, key: str, other: str, label: str) -> list[str]:
    why = explain_pair(clustering, key, other)
    shared = ", ".join(f"{_term(t)} {part:.2f}" for t, part in why.shared[:8]) or "nothing"
    lines = [f"  {why.score:.2f}  {label}  ({why.hours_apart:g} h apart: {why.reason})",
             f"        shared: {shared}"]
    if why.factors:
        lines.append("        lowered: " + ", ".join(f"{what} x{factor:.2f}"
                                                  for what, factor in why.factors))
    return lines


def cluster_report(clustering: C.Clustering, key: str, label_of: Mapping[str, str]) -> list[str]:
    """The report for one story, as lines of text."""
    members = clustering.members(key)
    lines = [f"{label_of[key]}",
             f"Cluster {clustering.cluster_of[key]}: {len(members)} "
             f"stor{'y' if len(members) == 1 else 'ies'}, joined when a pair scores >= "
             f"{C.LINK} and the two clusters' mean >= {C.MEAN_LINK} (>= {C.LOOSE_MEAN_LINK} "
             "when no two of their leads name different days)"]
    for other in members:
        if other != key:
            lines += _pair_lines(clustering, key, other, f"same event: {label_of[other]}")
    for other, _ in near_misses(clustering, key):
        lines += _pair_lines(clustering, key, other, f"not joined: {label_of[other]}")
    return lines


def run(seeds: list[str], content: str) -> int:
    folder = Path(content)
    paths = sorted({*folder.rglob("*.txt"), *(Path(s) for s in seeds)})
    loaded, status = {}, 0
    for path in paths:
        try:
            loaded[path.resolve()] = read_seed(path)
        except SeedError as err:
            print(err)
            status = 1
    inputs, problems = stories_for_clustering(loaded.values())
    for problem in problems:
        print(problem)
    clustering = C.cluster(inputs)
    label_of = {s.identity: f"{Path(s.path).name}: {s.title} ({s.source_name})"
                for s in loaded.values()}
    for number, seed in enumerate(seeds):
        found = loaded.get(Path(seed).resolve())
        if found is None:
            continue
        print(("\n" if number else "") + "\n".join(
            cluster_report(clustering, found.identity, label_of)))
    return status
