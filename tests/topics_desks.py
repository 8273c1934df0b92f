"""The desk checks at scale: real stories whose desk is known, not labelled by hand.

Issue 18 checks "at least 95 % of each desk's stories get their desk's topic, and at most 3 %
of stories outside the taxonomy get a clearly wrong one". Two sets of real stories come with
a desk of their own (their text is never in the repository: ``$DIGEST_TOPICS_DEVSET`` or
``../shared/topics-devset`` holds it, and the tests skip where it is absent):

* ``fresh6-desks.jsonl``: AllSides stories of the sixth set's publishers, AllSides' topic as
  the desk (``devset_fresh6.py``); US politics mostly;
* ``masakhane-desks.jsonl``: MasakhaNEWS English, 1,420 BBC News stories of 2022 in six
  desks, the BBC section's (``devset_masakhane.py``); the ids, desks and halves are in
  ``data/topics_devset/masakhane.json``. Split by a fixed hash of the id (the address's
  path), chosen before any tagger ran on it: ``masakhane-untouched`` when the first hex
  digit of sha1(id) is even, never read story by story nor tuned on (totals only), else
  ``masakhane-tune``. The tuning half is split once more (7 December, thirteenth session)
  by the second hex digit: ``masakhane-tune-a`` (even) is read story by story,
  ``masakhane-tune-b`` (odd) only as totals, so that a change found on the one is seen to
  carry (or not) to stories no one read.

``DESK_TOPICS`` maps each desk to the taxonomy's topics that give it (decided before any
tagger ran on the set): a technology desk's story about a breach, a platform or people's
data is filed by an editor under Cybersecurity, Social Media & Messaging or Privacy as much
as under Technology. Entertainment has no topic of the digest (Arts & Entertainment is
outside it): its stories should fall to General or to a topic of their own story (a court
case), never to another desk's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable

from topics_devset import HERE, extra_folders

MASAKHANE_IDS = HERE / "data" / "topics_devset" / "masakhane.json"
MASAKHANE_TEXT = "masakhane-desks.jsonl"
FRESH6_DESKS = "fresh6-desks.jsonl"
DESK_TOPICS = {
    "politics": frozenset({"government-policy", "elections"}),
    "business": frozenset({"business"}),
    "technology": frozenset({"technology", "cybersecurity", "social-media", "privacy"}),
    "sports": frozenset({"sports"}),
    "health": frozenset({"health"}),
    "entertainment": frozenset(),  # arts-entertainment, outside the digest: never given
}


def masakhane_half(story_id: str) -> str:
    """``untouched`` when the first hex digit of sha1(id) is even, else ``tune``."""
    return "untouched" if hashlib.sha1(story_id.encode()).hexdigest()[0] in "02468ace" else "tune"


def masakhane_part(story_id: str) -> str:
    """``untouched``, ``tune-a`` (read story by story) or ``tune-b`` (totals only): the tuning
    half split by the second hex digit of sha1(id), even or odd."""
    digest = hashlib.sha1(story_id.encode()).hexdigest()
    if digest[0] in "02468ace":
        return "untouched"
    return "tune-a" if digest[1] in "02468ace" else "tune-b"


def desk_file(name: str) -> list[dict]:
    """The records (id, desk, title, text) of a desk set's text file found here, or []."""
    for folder in extra_folders():
        path = folder / name
        if path.is_file():
            return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                    if line.strip()]
    return []


def masakhane(half: str) -> list[dict]:
    """The MasakhaNEWS stories of ``half`` (``tune``, ``untouched``, or a part of the tuning
    half, ``tune-a`` or ``tune-b``) with text here."""
    if half.startswith("tune-"):
        return [r for r in desk_file(MASAKHANE_TEXT) if masakhane_part(r["id"]) == half]
    return [r for r in desk_file(MASAKHANE_TEXT) if masakhane_half(r["id"]) == half]


def foreign(desk: str, given: set[str]) -> bool:
    """The proxy of "clearly wrong" at scale: the story is read as another desk's, given a
    topic of another desk's world and none of its own desk's."""
    own = DESK_TOPICS[desk]
    others = set().union(*(t for d, t in DESK_TOPICS.items() if d != desk)) - own
    return bool(given & others) and not given & own


def desk_counts(tag: Callable[[str, str], Iterable[str]], records: Iterable[dict]) -> dict:
    """Per desk: [given its desk's topic, read as another desk's, General, stories]."""
    counts: dict[str, list[int]] = {}
    for record in records:
        desk = record["desk"]
        given = set(tag(record["title"], record["text"]))
        row = counts.setdefault(desk, [0, 0, 0, 0])
        row[0] += bool(given & DESK_TOPICS[desk])
        row[1] += foreign(desk, given)
        row[2] += given <= {"general"}
        row[3] += 1
    return dict(sorted(counts.items()))


def desk_line(counts: dict) -> str:
    """One tagger's counts: "politics 150/165 (91 %), other desk 2 %, General 5 %; ..."."""
    parts = []
    for desk, (got, other, general, total) in counts.items():
        mine = f"{got}/{total} ({got / total:.0%}), " if DESK_TOPICS[desk] else f"{total}: "
        parts.append(f"{desk} {mine}other desk {other / total:.0%}, General {general / total:.0%}")
    return "; ".join(parts)
