"""Pelican glue: a build of one date partition, and the build that assembles them.

``DIGEST_PARTITION = [start, until]``: the build reads the seeds of its range and of
the margins around it (``enrich/partitions.py``), stops if a story of the range could
come out otherwise than in one build, writes only the story and edition pages of its
range, and leaves ``partition.json`` beside them: its range, the pages it wrote, and
the address of every story it read.

``DIGEST_ASSEMBLE = [folder, ...]``: an ordinary build of every seed, whose writer
takes each story and edition page from the one partition that wrote it instead of
rendering it. Everything else (home, editions index, topics, sources, archives,
feeds, sitemaps, stories.json) is written by the build's own code path. It stops
when a page is missing from every partition, found in two, left unused (a partition
that gave a story another address), or when a partition addressed a story otherwise.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican import signals
from pelican.writers import Writer

from ..enrich.cluster_links import NOT_SAME_EVENT, SAME_EVENT
from ..enrich.partitions import Partition, boundary_problems
from ..errors import DigestConfigError, PartitionError, SeedError
from ..seeds.format import read_seed
from ..seeds.slugs import slugify_headline
from .reader import display_path

logger = logging.getLogger(__name__)

MANIFEST = "partition.json"
_SHOWN = 10  # stories or pages named in one error message


def _listed(items) -> str:
    items = sorted(items)
    more = f" and {len(items) - _SHOWN} more" if len(items) > _SHOWN else ""
    return ", ".join(items[:_SHOWN]) + more


def _story_pages(stories) -> dict[str, object]:
    """Each story page's output name, and its story."""
    return {story.save_as: story for story in stories if story.save_as}


def peek(path: str):
    """A seed, or None when it cannot be read (the build reports it)."""
    try:
        return read_seed(path)
    except (SeedError, OSError, UnicodeError):
        return None


def _linked(seed) -> bool:
    """Has the seed a curator's link to other stories?"""
    return bool(seed.headers.get(SAME_EVENT) or seed.headers.get(NOT_SAME_EVENT))


class PartitionRun:
    """The build of one partition (``DIGEST_PARTITION``)."""

    def __init__(self, pelican_settings, digest):
        start, until = (date.fromisoformat(v) for v in digest.partition)
        self.partition = Partition(start, until, digest.partition_margin_days,
                                   ZoneInfo(pelican_settings.get("TIMEZONE") or "UTC"))
        if digest.edition == "week" and not (start.weekday() == until.weekday() == 0):
            raise DigestConfigError("DIGEST_PARTITION", list(digest.partition),
                                    "two Mondays: editions are weekly (DIGEST_EDITION), "
                                    "and a week's edition is written by one partition")
        self.slug_max_length = digest.slug_max_length
        self.unread_before = self.unread_after = False
        self.unread: list[tuple] = []  # the slug claims of the stories not read
        self.stories: list = []  # every story read (with identity)
        self.pages: dict[str, object] = {}  # output name -> story or edition of the range
        self.written: list[str] = []

    def seeds_to_read(self, content: str, seeds: list[str]) -> list[str]:
        """``seeds`` (relative to ``content``) that this partition reads. Seeds with a
        curator's link are read wherever they are: a link to a story of the range is
        seen, and ``clustered`` stops the build when it joins stories far apart."""
        peeked = [(name, peek(os.path.join(content, name))) for name in seeds]
        chosen = self.partition.to_read((name, seed and seed.published)
                                        for name, seed in peeked)
        chosen.update(name for name, seed in peeked if seed is not None and _linked(seed))
        low, high = self.partition.read_span()
        unread = [(name, seed) for name, seed in peeked if name not in chosen]
        self.unread_before = any(seed.published < low for _, seed in unread)
        self.unread_after = any(seed.published >= high for _, seed in unread)
        # Slugs are unique across the whole digest (the older story keeps the plain
        # one): the stories not read still claim theirs, as in one build.
        self.unread = [(f"unread:{name}", slugify_headline(seed.title, self.slug_max_length),
                        (seed.published, seed.identity, name), seed.identity)
                       for name, seed in unread]
        logger.info("Partition %s to %s: reading %d of %d seeds", self.partition.start,
                    self.partition.until, len(chosen), len(seeds))
        return [name for name in seeds if name in chosen]

    def unread_slug_claims(self, read: set[str]) -> list[tuple]:
        """``seeds.slugs.unique_slugs`` entries of the stories this build did not read
        (``read``: the identities it did): one per original, the first file name's,
        as one build keeps of duplicates."""
        claims, seen = [], set(read)
        for claim in sorted(self.unread, key=lambda c: c[0]):
            if claim[3] not in seen:
                seen.add(claim[3])
                claims.append(claim)
        return claims

    def stories_read(self, stories: list) -> None:
        self.stories = list(stories)

    def clustered(self, clustering, problem_paths: set[str]) -> None:
        """Stop unless every story of the range clusters as in one build."""
        in_range = [s.identity for s in self.stories if self.partition.holds(s.date)]
        unresolved = {s.identity for s in self.stories if s.seed.path in problem_paths}
        core = self.partition.core(self.unread_before, self.unread_after)
        found = boundary_problems(clustering, in_range, core, unresolved)
        if found:
            paths = {s.identity: display_path(s.seed.path) for s in self.stories}
            raise PartitionError(
                f"partition {self.partition.start} to {self.partition.until}: the events "
                f"of {len(found)} stories reach past what this partition reads "
                f"({_listed(paths[k] for k in found)}): raise "
                f"DIGEST_PARTITION_MARGIN_DAYS (now {self.partition.margin_days}) or move "
                "the partition's boundary (docs/partitions.md)")

    def page_names(self, editions) -> dict[str, object]:
        """The pages this partition writes: its stories' and its editions'."""
        if not self.pages:
            held = [s for s in self.stories if self.partition.holds(s.date)]
            self.pages = _story_pages(held)
            for edition in editions:
                if all(self.partition.holds(a.date) for a in edition.articles):
                    self.pages[edition.save_as] = edition
        return self.pages

    def write_file(self, writer, build, name, *args, **kwargs):
        if name in self.page_names(build.editions):
            self.written.append(name)
            return writer.write_file_as_usual(name, *args, **kwargs)
        return None  # a shared page: the assembling build writes it

    def finish(self, output_path: str) -> None:
        manifest = {
            "start": self.partition.start.isoformat(),
            "until": self.partition.until.isoformat(),
            "pages": sorted(self.written),
            "stories": {s.identity: [s.url, getattr(s, "source_page_url", "")]
                        for s in sorted(self.stories, key=lambda s: s.identity)},
        }
        Path(output_path, MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n",
                                               encoding="utf-8")


def _is_manifest(data) -> bool:
    """The shape ``PartitionRun.finish`` writes."""
    return (isinstance(data, dict) and all(isinstance(data.get(k), str) for k in ("start", "until"))
            and isinstance(data.get("pages"), list)
            and all(isinstance(page, str) for page in data["pages"])
            and isinstance(data.get("stories"), dict)
            and all(isinstance(v, list) and len(v) == 2 and all(isinstance(x, str) for x in v)
                    for v in data["stories"].values()))


class AssembleRun:
    """The build that puts partitions together (``DIGEST_ASSEMBLE``)."""

    def __init__(self, digest):
        self.folders = [Path(f).resolve() for f in digest.assemble]  # as `-o` is read
        self.manifests = [self._manifest(folder) for folder in self.folders]
        ranges = sorted((m["start"], m["until"], str(f))
                        for f, m in zip(self.folders, self.manifests, strict=True))
        for (_, until, first), (start, _, second) in zip(ranges, ranges[1:], strict=False):
            if start < until:
                raise PartitionError(f"the date ranges of the partitions {first} and {second} "
                                     "overlap: build them again without overlap")
        self.source_of: dict[str, Path] = {}  # page -> the partition folder holding it
        for folder, manifest in zip(self.folders, self.manifests, strict=True):
            for page in manifest["pages"]:
                if page in self.source_of:
                    raise PartitionError(f"{page} was written by two partitions, "
                                         f"{self.source_of[page]} and {folder}, for two "
                                         "stories: build them again from the same seeds")
                self.source_of[page] = folder
        self.pages: dict[str, object] | None = None
        self.stories: list = []
        self.taken: set[str] = set()

    @staticmethod
    def _manifest(folder: Path) -> dict:
        path = folder / MANIFEST
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
            if not _is_manifest(manifest):  # a damaged or hand-edited one: KeyError before
                raise ValueError("its start, until, pages or stories are missing or wrong")
            return manifest
        except (OSError, ValueError) as err:
            raise PartitionError(f"{path}: not the output of a partition build ({err}): "
                                 "build it with DIGEST_PARTITION set (`build --partition`)"
                                 ) from None

    def seeds_to_read(self, content: str, seeds: list[str]) -> list[str]:
        return seeds

    def unread_slug_claims(self, read: set[str]) -> list[tuple]:
        return []

    def stories_read(self, stories: list) -> None:
        """Every partition must have addressed the stories it read as this build does."""
        here = {s.identity: [s.url, getattr(s, "source_page_url", "")] for s in stories}
        for folder, manifest in zip(self.folders, self.manifests, strict=True):
            differ = [k for k, address in manifest["stories"].items()
                      if k in here and here[k] != address]
            if differ:
                raise PartitionError(
                    f"{folder}: {len(differ)} stories have another address there than in "
                    f"the whole digest ({_listed(here[k][0] for k in differ)}): the seeds or "
                    "settings changed since that partition was built; build it again")
        self.stories = stories

    def clustered(self, clustering, problem_paths) -> None:
        return None

    def write_file(self, writer, build, name, template, context, *args, **kwargs):
        if self.pages is None:
            self.pages = _story_pages(self.stories)
            self.pages.update((e.save_as, e) for e in build.editions)
        if name not in self.pages:
            return writer.write_file_as_usual(name, template, context, *args, **kwargs)
        folder = self.source_of.get(name)
        if folder is None:
            raise PartitionError(f"no partition wrote {name}: build the partition whose "
                                 "range holds its stories, then assemble again")
        target = os.path.join(writer.output_path, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(folder / name, target)
        self.taken.add(name)
        writer._written_files.add(target)
        # The sitemap notes the page as if it had been rendered here.
        signals.content_written.send(target, context={**context, **kwargs})
        return None

    def finish(self, output_path: str) -> None:
        unused = set(self.source_of) - self.taken
        if unused:
            raise PartitionError(
                f"partitions wrote pages this digest has not ({_listed(unused)}): a story "
                "kept in a partition is a duplicate of another in the whole digest, or has "
                "another address; build the partitions again from the same seeds")


def partition_run(pelican_settings, digest):
    """The partition or assembly this build is (None: an ordinary build)."""
    if digest.partition is not None and digest.assemble:
        raise DigestConfigError("DIGEST_ASSEMBLE", list(digest.assemble),
                                "[] in a partition's build (DIGEST_PARTITION is set)")
    if digest.partition is not None and digest.search:
        raise DigestConfigError("DIGEST_SEARCH", True, "False in a partition's build: the "
                                "assembling build indexes the site (docs/partitions.md)")
    if digest.partition is not None:
        return PartitionRun(pelican_settings, digest)
    return AssembleRun(digest) if digest.assemble else None


def partition_writer(run, build, base: type | None) -> type:
    """The build's writer class (``base``, else Pelican's), writing through ``run``."""
    base = base or Writer

    def write_file(self, name, *args, **kwargs):
        return run.write_file(self, build, name, *args, **kwargs)

    def write_file_as_usual(self, name, *args, **kwargs):
        return base.write_file(self, name, *args, **kwargs)

    return type(base.__name__, (base,), {"write_file": write_file,
                                         "write_file_as_usual": write_file_as_usual})
