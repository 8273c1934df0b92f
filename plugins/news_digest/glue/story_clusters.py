"""Pelican glue: the stories that report one event, grouped once every seed is read.

``cluster_stories`` runs at the end of ``stories.finish_reading``: the published
stories are clustered (``enrich/clusters.py``; the previous build's result is
updated where it is kept, see ``speed/cluster_record.py``), the curator's references
that name no story are reported with file and line, and each story gets its
``coverage`` (``enrich/coverage.py``): its cluster's id, its lead and the other
stories of it, which the story page, the edition pages, the feeds and
``stories.json`` show. The related stories are read off the clustering's pair scores
here too (``DigestBuild.related``); the clustering itself (its terms: about 7 KB a
story) is not kept past this point, so the pages are written without it in memory.
"""

from __future__ import annotations

import dataclasses
import logging

from ..enrich.cluster_links import stories_for_clustering
from ..enrich.clusters import cluster, recluster
from ..enrich.coverage import Coverage, StoryCard, coverage_of
from ..enrich.related_text import related_after

logger = logging.getLogger(__name__)

LEAD_STORY = "lead_story"  # seed.headers key of "Lead story:"


def story_card(article) -> StoryCard:
    credit = article.attribution
    return StoryCard(identity=article.identity, headline=article.title,
                     publisher=credit.publisher, url=article.url,
                     published_iso=credit.time_datetime, date_text=credit.short_date_text,
                     date_time_text=credit.date_text)


def _terms_made(build, stories: list) -> dict[str, bytes]:
    """What clustering reads of each story's text, by story key, where it was made as
    the seed was read (``read_ahead.py``): each story's own seed, the first of its key."""
    by_path, build.story_terms = build.story_terms, {}
    made: dict[str, bytes | None] = {}
    for article in stories if by_path else ():
        if article.identity not in made:
            made[article.identity] = by_path.get(article.source_path)
    return {key: terms for key, terms in made.items() if terms is not None}


def cluster_stories(build, articles: list, let_go_of_texts=None) -> None:
    """Cluster the published ``articles``; give each its ``coverage``.

    ``let_go_of_texts``: called once the clustering's inputs are made (the stories
    then keep no seed text: ``stories.drop_texts_read``), so that each story's text
    is freed as soon as its terms are read (``clusters.cluster``)."""
    stories = [a for a in articles if hasattr(a, "identity")]
    # each story's identity as its reader worked it out (a hash of its original URL)
    inputs, problems = stories_for_clustering([a.seed for a in stories],
                                              [a.identity for a in stories])
    for problem in sorted(problems, key=lambda p: (p.path, p.line)):
        logger.warning("%s", problem)
    if let_go_of_texts is not None:
        let_go_of_texts()
    pending = [inputs]
    del inputs  # handed over below, kept by no name here: the clustering frees the text
    made = _terms_made(build, stories)
    with build.speed.clustering_tuned():
        previous = build.speed.previous_clustering()
        result = (recluster(previous, pending.pop(), build.speed.give_back_freed_memory)
                  if previous is not None else cluster(pending.pop(), made))
        del made
        changed = result is not previous  # unchanged: the record kept is this result
        # worked out again only near a change, and kept with the clustering
        build.related = related_after(previous, result)
        del previous  # the old result: not needed now
        if changed:
            result = dataclasses.replace(result, related=build.related)
            build.speed.keep_clustering(result)
    build.speed.give_back_freed_memory()  # the stories' text and the clustering's work
    if build.partition is not None:  # a partition's boundary stories as in one build
        build.partition.clustered(result, {p.path for p in problems})
    chosen = {a.identity for a in stories if a.seed.headers.get(LEAD_STORY) == "yes"}
    coverage = coverage_of(result, {a.identity: story_card(a) for a in stories}, chosen)
    for article in stories:
        article.coverage = coverage.get(article.identity) or Coverage(
            article.identity, article.identity)
