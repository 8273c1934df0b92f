"""What the ``build`` command keeps between builds: the cache folder and the records.

Before Pelican starts, ``Rebuild`` points the content cache at a folder keyed by
the plugin's code and settings (``cache_key.py``) and works out the stamp of the
inputs (``up_to_date.py``): when the inputs and ``output/`` are those of the last
build, there is nothing to do. After the build, ``succeeded`` makes the new records
current (the page record of ``page_memo.py``, the clustering of
``cluster_record.py`` and the stamp), or ``failed`` drops
them, so a record only ever describes an output that was swapped into place.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from ..atomic_file import remove_stale_temps
from ..settings import sources_file_path
from . import cluster_record, page_memo, template_record
from .cache_claim import CacheClaim, if_unused
from .cache_key import keyed_siblings, prune, settings_sources, with_keyed_cache
from .gc_tuning import FROM_SCRATCH_YOUNG_THRESHOLD, MIDDLE_THRESHOLD, fewer_collections
from .up_to_date import forget, input_stamp, is_up_to_date, remember


class Rebuild:
    def __init__(self, settings: Mapping[str, Any], settings_file: str, target: Path, *,
                 force: bool = False):
        # A new dict: the cache folder is keyed by the plugin's code and settings.
        # The sources file's policies decide what the reader keeps of each story.
        self.settings = with_keyed_cache(settings, settings_sources(
            settings_file, (sources_file_path(settings),)))
        self.target = target
        self.caching = bool(self.settings.get("CACHE_CONTENT"))
        self.cache_path = self.settings.get("CACHE_PATH")
        self.inputs = None
        self.claim: CacheClaim | None = None
        if self.caching:
            # What killed builds left: in this folder, unless a live build into another
            # output uses it too; in any other keyed folder no live build uses (a build
            # killed before the code or settings changed left it there).
            self.claim = CacheClaim(self.cache_path)
            try:
                remove_stale_temps(self.cache_path)  # by pid: never a live writer's
                _drop_pending(self.cache_path, dead_only=True)  # by pid too
                self.claim.clear_if_alone(_drop_pending)
                for sibling in keyed_siblings(self.cache_path):
                    remove_stale_temps(sibling)
                    if not if_unused(sibling, _drop_pending):
                        _drop_pending(sibling, dead_only=True)
                if force:  # render every page again, not only those whose inputs changed
                    page_memo.forget(self.cache_path)
                    template_record.forget(self.cache_path)
                self.inputs = input_stamp(self.cache_path, self.settings, settings_file)
            except BaseException:
                self.release()
                raise
        self.force = force

    def release(self) -> None:
        """The build ended (whatever way): let go of its cache folder."""
        if self.claim is not None:
            self.claim.release()

    def up_to_date(self) -> bool:
        """Nothing changed since the last build, and output/ is what it wrote."""
        # An assembling build takes pages from partitions' outputs, which the stamp
        # does not cover: it always runs (its unchanged pages are still kept).
        return (self.inputs is not None and not self.force
                and not self.settings.get("DIGEST_ASSEMBLE")
                and is_up_to_date(self.cache_path, self.target, self.inputs))

    def process_tuning(self) -> AbstractContextManager:
        """The whole site is held in memory until the build ends (read from the
        cache at once over a previous output, read and rendered as it goes in a build
        from scratch): fewer young collections meanwhile (undone when the context
        ends; from scratch less so, and over a previous output fewer collections of
        the middle generation too, ``gc_tuning.py``). At 10,000 stories from scratch,
        the collector's passes went from about 3.3 s of CPU to 1.6 s with
        ``Speed.freeze_what_was_read``."""
        return fewer_collections(middle=MIDDLE_THRESHOLD) if self.target.is_dir() \
            else fewer_collections(FROM_SCRATCH_YOUNG_THRESHOLD)

    def built(self) -> None:
        """Pelican finished without error: old cache folders can go."""
        if self.caching:
            prune(self.cache_path)

    def failed(self) -> None:
        """The build failed: forget its pending record."""
        if self.inputs is not None:
            page_memo.discard(self.cache_path)
            cluster_record.discard(self.cache_path)

    def swapped_in(self, *, skipped_seeds: bool = False) -> None:
        """The new output is in place: its records become current (the caller holds
        signals back meanwhile: output/ and its records change together, whole).
        After a build that skipped refused seeds (``DIGEST_STRICT = False``) no stamp
        is kept: what refused a seed may change while no input file does (a date
        ahead of the clock), so the next build is a real one."""
        if self.inputs is not None:
            page_memo.commit(self.cache_path)
            cluster_record.commit(self.cache_path)
            if skipped_seeds:
                forget(self.cache_path)
            else:
                remember(self.cache_path, self.target, self.inputs)


def _drop_pending(folder: Path, *, dead_only: bool = False) -> None:
    """The pending records of killed builds: every one, in a folder no live build
    uses; ``dead_only``: those whose writer's pid is gone (a folder a live build into
    another output uses: its own pending records carry its pid)."""
    page_memo.discard_left(folder, dead_only=dead_only)
    cluster_record.discard_left(folder, dead_only=dead_only)
