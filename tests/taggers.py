"""The project's own taxonomy as the build reads it, with or without the learned verdict
on second topics, made once per test session (the verdict's tests compare both)."""

from __future__ import annotations

from functools import cache

from news_digest.curator.site_settings import digest_settings
from news_digest.enrich.topics import Taxonomy

from sitebuild import ROOT


@cache
def tagger(verdict: bool = True) -> Taxonomy:
    taxonomy = Taxonomy.from_settings(digest_settings(str(ROOT / "pelicanconf.py")))
    if not verdict:
        taxonomy.verdict = None
    return taxonomy
