"""Who else covered a story: its cluster as the pages show it (``enrich/`` stage).

Pure module (no Pelican import). ``clusters.py`` groups the stories that report one
event; here each story gets a ``Coverage``: the cluster's id, the story that leads
the cluster (the earliest report, or the one the curator marked ``Lead story: yes``)
and the other stories of the cluster, in time order, as the cards pages show ("Also
covered by"). Every value is frozen: a page that shows them is keyed on them, so a
new report of the event renders the pages of the others again (speed/).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass

from .clusters import Clustering


@dataclass(frozen=True)
class StoryCard:
    """What a page shows of another story of the cluster."""

    identity: str
    headline: str
    publisher: str
    url: str  # its page, relative to the site
    published_iso: str  # for <time datetime> (attribution.time_datetime)
    date_text: str  # the site's one date format, in the site's time zone
    date_time_text: str = ""  # with the time (``1 March 2021, 16:30 UTC``), as story pages


@dataclass(frozen=True)
class Coverage:
    """A story's cluster: its id, its lead, and the other stories of it."""

    cluster: str  # the cluster's id: its earliest story's identity (clusters.py)
    lead: str  # identity of the story that leads the cluster
    others: tuple[StoryCard, ...] = ()  # the cluster's other stories, in time order
    # Publishers with more than one story in the cluster (a wire's update, an outlet's
    # follow-up): lists name them with each story's date, or "Also covered by Global
    # Wire Service, Morning Ledger, Global Wire Service" reads like a mistake.
    repeated: tuple[str, ...] = ()
    # Of those, the ones with two of these stories on one day: named with each one's
    # time too, or "Wire (1 March 2021), Wire (1 March 2021)" is a repetition again.
    timed: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        return len(self.others) + 1


def lead_of(members: Sequence[str], chosen: Container[str]) -> str:
    """The story that leads ``members`` (in time order): the first one the curator
    chose (``Lead story: yes``), else the earliest."""
    return next((key for key in members if key in chosen), members[0])


def coverage_of(clustering: Clustering, cards: Mapping[str, StoryCard],
                chosen: Container[str] = ()) -> dict[str, Coverage]:
    """Each story's ``Coverage`` (stories without a card are left out)."""
    result: dict[str, Coverage] = {}
    for found in clustering.clusters:
        members = [key for key in found.members if key in cards]
        if not members:
            continue
        lead = lead_of(members, chosen)
        publishers = Counter(cards[key].publisher for key in members)
        repeated = tuple(sorted(name for name, count in publishers.items() if count > 1))
        for key in members:
            others = tuple(cards[other] for other in members if other != key)
            days = Counter((card.publisher, card.date_text) for card in others)
            timed = tuple(sorted({name for (name, _), count in days.items() if count > 1}))
            result[key] = Coverage(found.id, lead, others, repeated, timed)
    return result
