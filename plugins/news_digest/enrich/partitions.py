"""A digest built in date partitions: which seeds a partition reads, and whether its
boundary stories came out as in one build (``enrich/`` stage, pure).

A partition writes the story and edition pages of its date range ``[start, until)``
(days in the site's time zone). Its stories' pages also show what lies around them:
"Also covered by" and related stories (the clustering looks ``WINDOW_SECONDS`` around
a story), the previous and next story, the previous and next edition. So it reads the
seeds of ``margin`` days on either side, and the nearest story beyond each side.

Clustering is exact where it only reads what was read: the candidate pairs of a story
depend on the stories within two windows of it (``cluster_candidates.TimeIndex``:
an anchor's use counts the stories within a window of each story of the pair). So
the pairs of every story in the *core* (the read span less two windows at each edge
that has unread stories beyond it) are those of one build, and so is every cluster
whose members all lie in the core. ``boundary_problems`` says which stories of the
range fail that (a cluster that runs on past the core): the build stops and names
them, rather than writing a page that differs from one build's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from .cluster_candidates import WINDOW_SECONDS

if TYPE_CHECKING:  # settings.py reads MIN_MARGIN_DAYS: keep this module light to import
    from .clusters import Clustering

# The window's reach from one story: two windows (the candidates of a pair depend on
# the anchors' use around both stories).
REACH_SECONDS = 2 * WINDOW_SECONDS
MIN_MARGIN_DAYS = -(-REACH_SECONDS // 86400) + 1  # 9: the reach, and a day for clusters


@dataclass(frozen=True)
class Partition:
    """The stories of ``[start, until)`` (days in ``zone``), read with ``margin_days``."""

    start: date
    until: date
    margin_days: int
    zone: tzinfo

    def _at(self, day: date) -> datetime:
        return datetime.combine(day, time(), self.zone)

    def holds(self, published: datetime) -> bool:
        """Is a story published then one whose pages this partition writes?"""
        return self.start <= published.astimezone(self.zone).date() < self.until

    def read_span(self) -> tuple[datetime, datetime]:
        margin = timedelta(days=self.margin_days)
        return self._at(self.start) - margin, self._at(self.until) + margin

    def to_read(self, dated: Iterable[tuple[str, datetime | None]]) -> set[str]:
        """The names among ``dated`` (name, publication time) this partition reads:
        those within the margins, the nearest one beyond each margin, and those whose
        time is unknown (the build reports them as it would in one build)."""
        low, high = self.read_span()
        chosen, before, after = set(), None, None
        for name, published in dated:
            if published is None or low <= published < high:
                chosen.add(name)
            elif published < low and (before is None or published > before[1]):
                before = (name, published)
            elif published >= high and (after is None or published < after[1]):
                after = (name, published)
        chosen.update(found[0] for found in (before, after) if found is not None)
        return chosen

    def core(self, unread_before: bool, unread_after: bool) -> tuple[float, float]:
        """The POSIX seconds whose stories cluster as in one build (``-inf``/``inf`` at
        an edge with nothing unread beyond it)."""
        low, high = self.read_span()
        return (low.astimezone(UTC).timestamp() + REACH_SECONDS if unread_before
                else float("-inf"),
                high.astimezone(UTC).timestamp() - REACH_SECONDS if unread_after
                else float("inf"))


def boundary_problems(clustering: Clustering, in_range: Iterable[str],
                      core: tuple[float, float], unresolved: set[str]) -> list[str]:
    """The stories of the range (keys) whose page could differ from one build's: a
    story of its cluster, or of a cluster it may link as related, lies outside
    ``core``, or has a curator's link this partition could not resolve
    (``unresolved``: keys). Sorted."""
    from .related_text import RELATED_FLOOR  # noqa: PLC0415  (see the imports)

    low, high = core
    profiles = clustering.facts()  # times only
    members: Mapping[str, tuple[str, ...]] = {
        key: cluster.members for cluster in clustering.clusters for key in cluster.members}
    linked: dict[str, set[str]] = {}
    for (a, b), score in clustering.edges.items():
        if score >= RELATED_FLOOR:
            linked.setdefault(a, set()).add(b)
            linked.setdefault(b, set()).add(a)

    def exact(key: str) -> bool:
        return all(low <= profiles[m].time <= high and m not in unresolved
                   for m in members.get(key, (key,)))

    return sorted(key for key in in_range if key in profiles and not (
        low <= profiles[key].time <= high and exact(key)
        and all(exact(other) for other in linked.get(key, ()))))
