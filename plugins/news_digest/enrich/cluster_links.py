"""The curator's word on clusters: ``Same event as:`` and ``Not same event as:``.

Pure module (enrich stage). A seed may carry either header (see docs/clusters.md)::

    Same event as: **https://other.example/their-report**
    Not same event as: **https://wire.example/another-ruling 014_0a1b2c3d4e5f6a7b.txt**

Each value is one or more references separated by spaces: the other story's
original URL (what the ``Original:`` link says; stable when files are renamed or
moved), its 16-hex-digit identity, or its seed file name. ``stories_for_clustering``
turns seeds into ``clusters.StoryInput`` records with the references resolved to
story keys, and lists the references it could not resolve (a typo, or a story
that was removed) so that the build can warn and ``check`` can refuse them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePath

from ..seeds.format import Seed
from ..seeds.story_refs import IDENTITY_RE, reference_problem, references
from ..seeds.urls import is_web_url, url_identity
from .clusters import StoryInput

SAME_EVENT = "same_event_as"  # seed.headers key of "Same event as:"
NOT_SAME_EVENT = "not_same_event_as"  # seed.headers key of "Not same event as:"
HEADER_LABELS = {SAME_EVENT: "Same event as", NOT_SAME_EVENT: "Not same event as"}


@dataclass(frozen=True)
class LinkProblem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _resolve(ref: str, by_name: Mapping[str, str], keys: set[str]) -> str | None:
    if is_web_url(ref):
        # The address as the curator copied it, or with the other scheme: a story's
        # http:// link and its https:// page are one report.
        scheme, rest = ref.split(":", 1)
        other = ("https:" if scheme.lower() == "http" else "http:") + rest
        return next((key for key in map(url_identity, (ref, other)) if key in keys), None)
    if IDENTITY_RE.match(ref.lower()):
        return ref.lower() if ref.lower() in keys else None
    return by_name.get(PurePath(ref).name)


def stories_for_clustering(seeds: Iterable[Seed], identities: Iterable[str] | None = None,
                           ) -> tuple[list[StoryInput], list[LinkProblem]]:
    """Clustering inputs for ``seeds`` and the links that name no story.

    Seeds with the same identity (one original URL) are one story, as everywhere in
    the digest: the first one given counts. ``identities``: each seed's
    ``Seed.identity`` in the same order, when already worked out (the build's
    stories hold theirs: a hash of the normalised URL is not made again).
    """
    unique: dict[str, Seed] = {}
    pairs = (((seed.identity, seed) for seed in seeds) if identities is None
             else zip(identities, seeds, strict=True))  # a hash of the URL: once per seed
    for identity, seed in pairs:
        unique.setdefault(identity, seed)
    keys = set(unique)
    by_name = {PurePath(s.path).name: key for key, s in unique.items()}
    inputs, problems = [], []
    for key, seed in unique.items():
        resolved: dict[str, list[str]] = {SAME_EVENT: [], NOT_SAME_EVENT: []}
        for header, found in resolved.items():
            value = seed.headers.get(header, "")
            line = seed.lines.get(header, 1)
            malformed = reference_problem(value) if value else None
            if malformed:
                problems.append(LinkProblem(seed.path, line,
                                            f"'{HEADER_LABELS[header]}:' {malformed}"))
                continue
            for ref in references(value):
                other = _resolve(ref, by_name, keys)
                if other is None:
                    problems.append(LinkProblem(
                        seed.path, line, f"'{HEADER_LABELS[header]}: {ref[:80]}' names no "
                        "story of this digest: check the URL, or remove the reference if "
                        "that story was removed"))
                elif other == key:  # a copy of its own Original: the link meant is lost
                    problems.append(LinkProblem(
                        seed.path, line, f"'{HEADER_LABELS[header]}: {ref[:80]}' names this "
                        "story itself: name the other story (its original URL, identity or "
                        "seed file name), or remove the reference"))
                else:
                    found.append(other)
        both = sorted(set(resolved[SAME_EVENT]) & set(resolved[NOT_SAME_EVENT]))
        if both:  # kept apart (clusters.py), but the curator meant one of the two
            problems.append(LinkProblem(
                seed.path, seed.lines.get(NOT_SAME_EVENT, 1),
                f"{len(both)} stor{'y is' if len(both) == 1 else 'ies are'} named in both "
                "'Same event as:' and 'Not same event as:' (kept apart): keep each in one"))
        inputs.append(StoryInput(
            key=key, published=seed.published, title=seed.title,
            paragraphs=tuple(seed.paragraphs),
            same_as=tuple(resolved[SAME_EVENT]), apart_from=tuple(resolved[NOT_SAME_EVENT])))
    return inputs, problems
