"""``explain --cluster SEED...``: why a story is in its cluster, and why near misses are not.

Curator stage (CLI), no Pelican: reads the seeds of the content folder, clusters
them (``enrich/clusters.py``) and prints, for each story asked about, every other story of
its cluster and its strongest near misses with the shared terms and the score.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from ..enrich import clusters as C
from ..enrich.cluster_links import stories_for_clustering
from ..enrich.cluster_why import explain_pair, near_misses, told_apart, written_forms
from ..enrich.event_dates import day_notes
from ..errors import SeedError
from ..seeds.files import SEED, classify_folder
from ..seeds.format import read_seed
from .check import warning_lines

Forms = Callable[[str], dict[str, frozenset[str]]]  # a story's key -> its written forms
Days = Callable[[str], str]  # a story's key -> the days its lead names (event_dates.day_notes)


def _term(term: str, key: str, other: str, forms: Forms | None) -> str:
    if term[0] in "#≈~":
        return f"{term} (number)"
    return term if forms is None else told_apart(term, forms(key), forms(other))


def _pair_lines(clustering: C.Clustering, key: str, other: str, label: str,
                forms: Forms | None = None, days: Days | None = None) -> list[str]:
    why = explain_pair(clustering, key, other)
    shared = ", ".join(f"{_term(t, key, other, forms)} {part:.2f}"
                       for t, part in why.shared[:8]) or "nothing"
    lines = [f"  {why.score:.2f}  {label}  ({why.hours_apart:g} h apart: {why.reason})",
             f"        shared: {shared}"]
    if why.factors:
        lines.append("        lowered: " + ", ".join(f"{what} x{factor:.2f}"
                                                  for what, factor in why.factors))
    if days is not None:
        lines.append(f"        days named: {days(key)} | {days(other)}")
    return lines


def cluster_report(clustering: C.Clustering, key: str, label_of: Mapping[str, str],
                   forms: Forms | None = None, days: Days | None = None) -> list[str]:
    """The report for one story, as lines of text; ``forms`` shows a shared term that
    the two stories wrote differently ("terror (terrorism / terrorists)"), ``days``
    the days each lead names."""
    members = clustering.members(key)
    lines = [f"{label_of[key]}",
             f"Cluster {clustering.cluster_of[key]}: {len(members)} "
             f"stor{'y' if len(members) == 1 else 'ies'}, joined when a pair scores >= "
             f"{C.LINK} and the two clusters' mean >= {C.MEAN_LINK} (>= {C.LOOSE_MEAN_LINK} "
             "when no two of their leads name different days; a brief or an aftermath "
             "alone: its mean over the stories it shares terms with)"]
    for other in members:
        if other != key:
            lines += _pair_lines(clustering, key, other, f"same event: {label_of[other]}",
                                 forms, days)
    for other, _ in near_misses(clustering, key):
        lines += _pair_lines(clustering, key, other, f"not joined: {label_of[other]}", forms,
                             days)
    return lines


def _label(seed) -> str:
    return f"{Path(seed.path).name}: {seed.title} ({seed.source_name})"


def _real(path) -> Path:
    """``path`` with its links resolved; a link in a loop stays as it is (read_seed
    then names it), where ``Path.resolve`` raised RuntimeError."""
    return Path(os.path.realpath(path))


def run(seeds: list[str], content: str) -> int:
    folder = Path(content)
    if not folder.is_dir():  # else each story was clustered alone, without a word
        print(f"explain --cluster: the content folder '{content}' does not exist: run it in "
              "the site's folder, or name the seeds' folder with --content FOLDER",
              file=sys.stderr)
        return 2
    root = folder.resolve()
    for seed in seeds:  # else "1 story" reads as "no other report", when it was not looked for
        if not _real(seed).is_relative_to(root):
            print(f"explain --cluster: {seed} is not in the content folder '{content}': it is "
                  f"clustered with that folder's stories, not with those beside it; to "
                  f"cluster it with its own folder, add --content {Path(seed).parent}",
                  file=sys.stderr)
    # the files the build reads (seeds/files.py): not macOS's ._name.txt, an editor's
    # hidden copy or a link, which the build leaves out
    read = [Path(v.path) for v in classify_folder(str(folder)) if v.kind == SEED]
    paths = sorted({*read, *(Path(s) for s in seeds)})
    loaded, status = {}, 0
    for path in paths:
        try:
            loaded[_real(path)] = read_seed(path)
        except SeedError as err:  # as check and the build say it, on standard error
            print(err, file=sys.stderr)
            status = 1
    inputs, problems = stories_for_clustering(loaded.values())
    for problem in problems:
        print(problem, file=sys.stderr)
    clustering = C.cluster(inputs)
    by_key = {story.key: story for story in inputs}
    made: dict[str, dict[str, frozenset[str]]] = {}

    def forms(key: str) -> dict[str, frozenset[str]]:
        if key not in made:
            made[key] = written_forms(by_key[key].title, by_key[key].paragraphs)
        return made[key]
    def days(key: str) -> str:
        story = by_key[key]
        return day_notes(story.title, story.paragraphs, story.published)

    kept: dict = {}  # seeds of one original URL are one story: the first, as clustered
    for loaded_seed in loaded.values():
        kept.setdefault(loaded_seed.identity, loaded_seed)
    label_of = {key: _label(s) for key, s in kept.items()}
    for number, seed in enumerate(seeds):
        found = loaded.get(_real(seed))
        if found is None:
            continue
        if kept[found.identity] is not found:
            print(("\n" if number else "") + f"{_label(found)}\nLeft out: the same original "
                  f"as {Path(kept[found.identity].path).name}, which the build keeps (delete "
                  "one of them)")
            continue
        report = cluster_report(clustering, found.identity, label_of, forms, days)
        report[1:1] = warning_lines(found)  # as ``check`` and ``explain`` name them
        if not found.paragraphs:
            report.append("Headline only (no text): a headline alone is too little to tell "
                          "one event from another, so no pair is scored for this story; "
                          "'Same event as:' joins it to a cluster (docs/clusters.md)")
        print(("\n" if number else "") + "\n".join(report))
    return status
