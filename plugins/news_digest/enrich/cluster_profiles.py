"""Stories' clustering profiles read back from a build's record only when asked for.

Pure module (enrich stage). A daily update re-clusters the few stories near a change
(``clusters.recluster``), yet it reads what every other story is to clustering: its
time, the digest of its input (is it unchanged?), the curator's links and the days
its lead names. Those ``Facts`` are small; a story's terms and anchors are most of
it (about 400 bytes a story, 10,000 ``EventTerms`` made again on every build cost
more than re-clustering a day did). ``LazyProfiles`` holds every story's facts and
the rest packed as bytes, and makes a story's ``Profile`` the first time it is read
(``profiles[key]``); a profile kept into the next record is written back packed as
it was read. The facts of a profile never differ from the profile's own fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple


class Facts(NamedTuple):
    """What clustering reads of every story, not only of those near a change: the
    fields of its ``Profile`` of the same names."""

    key: str
    time: float
    digest: str
    same_as: tuple[str, ...]
    apart_from: tuple[str, ...]
    days: tuple[tuple[int, int], ...]


def facts_of(profile) -> Facts:
    return Facts(profile.key, profile.time, profile.digest, profile.same_as,
                 profile.apart_from, profile.days)


class LazyProfiles(Mapping):
    """Profiles by story key, each made from its facts and packed part when first
    read (``unpack(facts, packed) -> Profile``; ``pack(profile) -> bytes``)."""

    def __init__(self, facts: dict[str, Facts], packed: dict[str, bytes],
                 made: dict[str, Any], unpack: Callable, pack: Callable,
                 heads: dict[str, bytes] | None = None, pack_facts: Callable | None = None):
        self._facts, self._packed, self._made = facts, packed, made
        self._unpack, self._pack = unpack, pack
        # each story's facts as read, packed: kept only beside the very ``Facts``
        # read from them (``carried``), so that a record is never written stale
        self._heads = {} if heads is None else heads
        self._pack_facts = pack_facts

    def __getitem__(self, key: str):
        found = self._made.get(key)
        if found is None:
            found = self._made[key] = self._unpack(self._facts[key], self._packed[key])
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._facts)

    def __len__(self) -> int:
        return len(self._facts)

    def __contains__(self, key) -> bool:
        return key in self._facts

    def facts(self) -> Mapping[str, Facts]:
        """Every story's facts (made no profile)."""
        return self._facts

    def packed(self, key: str) -> bytes:
        """The story's packed part, as read or packed from its profile."""
        found = self._packed.get(key)
        return found if found is not None else self._pack(self._made[key])

    def packed_facts(self, key: str) -> bytes:
        """The story's facts packed: as read when they are the facts read, else packed
        from them."""
        found = self._heads.get(key)
        return found if found is not None else self._pack_facts(self._facts[key])

    def carried(self, keys: list[str], fresh: Mapping[str, Any]) -> LazyProfiles:
        """The profiles of ``keys`` (in that order): from ``fresh`` where it has them,
        else these, still packed when not read (and their facts as read)."""
        facts, packed, made, heads = {}, {}, {}, {}
        for key in keys:
            new = fresh.get(key)
            if new is not None:
                facts[key], made[key] = facts_of(new), new
                continue
            facts[key] = self._facts[key]
            if key in self._packed:
                packed[key] = self._packed[key]
            if key in self._made:
                made[key] = self._made[key]
            if key in self._heads:
                heads[key] = self._heads[key]
        return LazyProfiles(facts, packed, made, self._unpack, self._pack, heads,
                            self._pack_facts)


def facts_view(profiles: Mapping) -> Mapping:
    """Each story's facts without making a profile: a ``LazyProfiles``' own facts, or
    the profiles themselves (a ``Profile`` has every field of ``Facts``)."""
    return profiles.facts() if isinstance(profiles, LazyProfiles) else profiles
