"""``check``: the ``Same event as:`` / ``Not same event as:`` references that name no story.

Curator stage (CLI), no Pelican. A reference names another story of the digest by its
original URL, identity or seed file name (``enrich/cluster_links.py``). ``check``
resolves the references of the seeds it checks against those seeds and, when it knows
the site (a settings file), every seed of the site's article folders, and refuses a
seed whose reference names none of them: a typo, or a story since removed. The build
only warns (the story is good, only the link is lost); ``check`` is the gate a curator
or a CI job runs before building, so it says no.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from ..enrich.cluster_links import stories_for_clustering
from ..errors import SeedError
from ..seeds.files import SEED, classify_path, seed_folder_rules
from ..seeds.format import Seed, read_seed


def _site_seeds(settings: Mapping[str, Any], skip: set[str]) -> list[Seed]:
    """Every readable seed of the site's article folders but those in ``skip``."""
    content = settings["PATH"]
    rules = seed_folder_rules(dict(settings), content)
    found = []
    for folder in settings.get("ARTICLE_PATHS") or [""]:
        for verdict in classify_path(os.path.join(content, folder), **rules):
            real = os.path.realpath(verdict.path)
            if verdict.kind != SEED or real in skip:
                continue
            skip.add(real)
            try:
                found.append(read_seed(verdict.path))
            except SeedError:
                continue  # refused on its own when it is checked
    return found


def unresolved_references(checked: list[Seed],
                          settings: Mapping[str, Any] | None) -> list[SeedError]:
    """A ``SeedError`` (file, line, fix) for each reference of ``checked`` that names no
    story among them and the site's seeds."""
    seen = {os.path.realpath(seed.path) for seed in checked}
    pool = [*checked, *(_site_seeds(settings, seen) if settings is not None else ())]
    _, problems = stories_for_clustering(pool)
    mine = {seed.path for seed in checked}
    return [SeedError(p.path, p.line, p.message) for p in problems if p.path in mine]
