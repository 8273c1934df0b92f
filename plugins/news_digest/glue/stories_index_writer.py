"""Pelican glue: writes ``stories.json``, the digest as data (``output/stories_index.py``).

A generator of the build (``DigestBuild.bound``), run once the stories are clustered
(``story_clusters.py``): one record per published story, with its page's public
address, its topics and its cluster. Written whole on every build (a few hundred
bytes a story): it is as current as the pages.
"""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from ..diskspace import naming
from ..output.stories_index import STORIES_JSON, StoryRecord, write_stories_json


def story_record(article, base_url: str) -> StoryRecord:
    credit = article.attribution
    coverage = article.coverage
    return StoryRecord(
        identity=article.identity, url=f"{base_url}/{article.url}", headline=article.title,
        publisher=credit.publisher, publisher_url=credit.publisher_home,
        original_url=credit.original_url, published=credit.published,
        topics=tuple(str(tag) for tag in getattr(article, "tags", None) or ()),
        cluster=coverage.cluster, lead=coverage.lead == article.identity,
        cluster_size=coverage.size, byline=credit.byline_text)


class StoriesIndexGenerator(Generator):
    build = None  # the DigestBuild this class is bound to

    def generate_output(self, writer) -> None:
        site = self.build.site
        stories = [a for a in self.context.get("articles", [])
                   if hasattr(a, "identity") and hasattr(a, "coverage")]
        target = Path(self.output_path) / STORIES_JSON
        try:
            with open(target, "wb") as out:
                write_stories_json((story_record(a, site.base_url) for a in stories),
                                   site.name, site.base_url, out)
        except OSError as err:  # a full disk: the error names the file
            if err.filename is not None:
                raise
            raise naming(err, target) from err
