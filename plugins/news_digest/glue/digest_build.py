"""One build of the digest: what it works out, handed to the objects Pelican makes for it.

Pelican glue. Pelican calls a plugin through signals and makes its readers,
generators and writer itself, from classes. So a ``DigestBuild`` is made at the start
of each ``Pelican.run`` (the ``get_generators`` signal; ``make devserver`` runs one
Pelican object many times), and the generator and writer classes Pelican makes are
subclasses bound to it (``bound``). The reader, which Pelican makes from the settings
alone, finds its build with ``DigestBuild.of(settings)``: a map of weak references,
which keeps no build alive after its run.

Everything a build works out lives here, not in Pelican's shared context nor in
module globals: the checked settings, the compiled taxonomy, the refused seeds, the
publishers, the clusters of stories, the editions, the feed plan, the search job, the
speed-ups (page memo) and the sources file's republishing policies (``policy_of``). ``close`` undoes
whatever the build changed in the process; the ``build`` command calls it in a
``finally``, and a successful run calls it when it ends.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from typing import Any

from pelican.urlwrappers import Tag

from ..enrich.sources_file import SourcesFile, home_for, language_for, load_sources, policy_for
from ..enrich.topics import Taxonomy, Topic
from ..errors import DigestConfigError, SeedError
from ..output.feed_plan import FeedPlan, SiteInfo, public_site_url
from ..settings import check_pelican_settings, resolve, sources_file_path
from ..speed import Speed
from .partition_build import partition_run

_BUILDS: weakref.WeakValueDictionary[int, DigestBuild] = weakref.WeakValueDictionary()


class DigestBuild:
    def __init__(self, pelican_settings: Mapping[str, Any]):
        self.pelican_settings = pelican_settings  # read only, never written
        self.settings = resolve(pelican_settings)  # DigestConfigError before anything is read
        check_pelican_settings(pelican_settings)
        if "index" in pelican_settings.get("DIRECT_TEMPLATES", ()):
            raise DigestConfigError(
                "DIRECT_TEMPLATES", pelican_settings["DIRECT_TEMPLATES"],
                "a list without 'index': the digest plugin writes the home page itself")
        self.site = SiteInfo(
            name=pelican_settings["SITENAME"],
            description=pelican_settings.get("SITE_DESCRIPTION") or pelican_settings["SITENAME"],
            language=pelican_settings["DEFAULT_LANG"],
            author=pelican_settings.get("AUTHOR") or pelican_settings["SITENAME"],
            base_url=public_site_url(pelican_settings))  # feeds need an absolute address
        self.taxonomy = Taxonomy.from_settings(self.settings)  # compiled once per build
        # The publishers' republishing policies, read once (SourcesFileError: file:line).
        path = sources_file_path(pelican_settings)
        self.sources: SourcesFile | None = load_sources(path) if path.is_file() else None
        self.speed = Speed(pelican_settings, self.settings)
        self.seed_errors: list[SeedError] = []
        self.publishers: list = []  # enrich.publishers.Publisher, by name
        self.related: dict = {}  # story identity -> related stories' (enrich/related_text)
        self.editions: list = []  # glue.digest_pages.DigestEdition, newest first
        self.home_pages: list = []
        self.feed_plan = FeedPlan()
        self.search = None  # glue.search.SearchRun while the site is indexed
        # A date partition's build, or the build assembling partitions (None: neither).
        self.partition = partition_run(pelican_settings, self.settings)
        self._tags: dict[str, Tag] = {}
        # What the seed reader made of each seed read ahead, by path (read_ahead.py),
        # taken as Pelican asks for each.
        self.read_ahead: dict[str, tuple] = {}
        self.story_terms: dict[str, bytes] = {}  # and what clustering reads of each text

    # -- finding the build ----------------------------------------------------------

    @classmethod
    def start(cls, pelican) -> DigestBuild:
        """A new build for this run of ``pelican``."""
        build = cls(pelican.settings)
        # Weakly: the classes bound to the build keep it alive for this run only.
        _BUILDS[id(pelican.settings)] = build
        return build

    @classmethod
    def of(cls, settings: Mapping[str, Any]) -> DigestBuild | None:
        """The build running with Pelican's ``settings`` (None outside a build)."""
        return _BUILDS.get(id(settings))

    def bound(self, cls: type) -> type:
        """``cls`` for Pelican to make: a subclass whose ``build`` is this build."""
        return type(cls.__name__, (cls,), {"build": self, "__module__": cls.__module__})

    # -- shared by the stages -------------------------------------------------------

    def tag(self, topic: Topic) -> Tag:
        """The Pelican tag of a topic: named by its label, addressed by its slug; one
        object per topic and build (listings compare tags by identity and slug)."""
        tag = self._tags.get(topic.slug)
        if tag is None:
            tag = self._tags[topic.slug] = Tag(topic.label, self.pelican_settings)
            tag.slug = topic.slug
        return tag

    def policy_of(self, publisher: str) -> str:
        """The republishing policy of ``publisher``: the sources file's, else the site's."""
        return policy_for(self.sources, publisher, self.settings.default_policy)

    def home_of(self, publisher: str) -> str:
        """The home page the sources file gives ``publisher``; "" when it names none."""
        return home_for(self.sources, publisher)

    def language_of(self, publisher: str) -> str:
        """The language the sources file gives ``publisher`` (BCP 47); "" when none."""
        return language_for(self.sources, publisher)

    def page_url(self, relative: str) -> str:
        """The absolute URL of a page of this site at its public address."""
        return f"{self.site.base_url}/{relative}"

    def stop(self) -> None:
        """Stop what still runs (the search job): Pelican's run is over."""
        if self.search is not None:
            self.search.stop()

    def close(self) -> None:
        """Undo what the build changed in the process and stop what still runs."""
        self.stop()
        self.speed.close()
