"""Pelican glue: the list of publishers (``/sources/``) and one page per publisher.

A generator of the build (``DigestBuild.bound``): the publishers were grouped once
every seed was read (``stories.assign_publishers``); this writes their pages.
"""

from __future__ import annotations

from functools import partial

from pelican.generators import Generator


class SourcesGenerator(Generator):
    """Writes the list of publishers and one page of stories per publisher."""

    build = None  # the DigestBuild this class is bound to

    def generate_context(self):
        self.context.setdefault("DIGEST_SOURCES_URL", self.build.settings.sources_url)

    def generate_output(self, writer):
        digest = self.build.settings
        publishers = self.build.publishers
        write = partial(writer.write_file, relative_urls=self.settings["RELATIVE_URLS"])
        feeds = self.build.feed_plan.links
        entries = [
            {"name": p.name, "slug": p.slug, "home": p.home, "count": p.count,
             "url": digest.source_url.format(slug=p.slug),
             "feeds": feeds.sources.get(p.slug, [])}
            for p in publishers
        ]
        write(digest.sources_save_as, self.get_template("sources"), self.context,
              publishers=entries, template_name="sources", url=digest.sources_url)
        template = self.get_template("source")
        for entry, publisher in zip(entries, publishers, strict=True):
            stories = [s.item for s in publisher.stories]
            # Not its count on its own pages: the front page shows ``articles|length``,
            # and the older pages, which never change, show no count (paging.py).
            own = {key: value for key, value in entry.items() if key != "count"}
            write(digest.source_save_as.format(slug=publisher.slug), template,
                  self.context, publisher=own, articles=stories, dates=stories,
                  template_name="source", url=entry["url"], blog=True)
        self.build.speed.forget_fragments()  # the pages left list stories at other depths
