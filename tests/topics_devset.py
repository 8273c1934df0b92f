"""The topics development set: real stories labelled by hand, and how a tagger scores on it.

The labels live in ``tests/data/topics_devset/labels.json`` (format in its README.md);
the stories' text does not: it is read from ``../shared/`` at test time (the
real-world feed captures, and ``topics-devset/*.jsonl`` for the Wikinews extracts and
the feed readers' fixtures: ``devset_wikinews.py`` and ``devset_feeds.py`` write
them), so a test that needs it skips where it is absent. ``DIGEST_TOPICS_DEVSET`` may
name another folder holding those ``*.jsonl`` files, for a machine without them in
``../shared/``.

The split is fixed by a rule on the story's id, chosen before any result was seen:
a story is in the UNTOUCHED split when the first byte of sha1(id) modulo 5 is 0 or 1
(about 40 %). Nothing is tuned on that split.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from news_digest.curator.feed_items import Story, read_items
from news_digest.curator.site_settings import digest_settings
from news_digest.enrich.topics import Taxonomy

HERE = Path(__file__).parent
LABELS = HERE / "data" / "topics_devset" / "labels.json"
# The FRESH set (third round): English news from publishers the development set does not
# have, labelled before any tagger ran on it and never tuned on (``devset_articles.py``
# writes its text, ``fresh-articles.jsonl``).
FRESH = HERE / "data" / "topics_devset" / "fresh.json"
# The SECOND fresh set (fifth round): newspaper3k's test pages of 2009-2015, 45 publishers
# in neither set above, labelled before any tagger ran (``devset_fresh2.py`` writes
# ``fresh2-articles.jsonl``); never tuned on.
FRESH2 = HERE / "data" / "topics_devset" / "fresh2.json"
# The THIRD fresh set (seventh round): 126 stories of 115 publishers in none of the sets
# above, 2006-2026, from article extractors' test pages (``devset_fresh3.py`` writes
# ``fresh3-articles.jsonl``), labelled and committed before any tagger ran on them. The
# set the tagger is never tuned on while the other fresh sets are.
FRESH3 = HERE / "data" / "topics_devset" / "fresh3.json"
# The FOURTH fresh set (tenth round): 114 stories of 110 publishers in none of the sets
# above, 2019-2025, from a date extractor's and an extraction benchmark's test pages
# (``devset_fresh4.py`` writes ``fresh4-articles.jsonl``), labelled and committed before
# any tagger ran on them; split in halves like the third.
FRESH4 = HERE / "data" / "topics_devset" / "fresh4.json"
# The FIFTH fresh set (topics-data5): 92 stories of publishers in none of the sets above,
# mostly 2022-2026, from Africa, the Caribbean and Latin America, Canada, East Asia and
# beyond, from a news scraper's, two extractors' and a feed reader's test data
# (``devset_fresh5.py`` writes ``fresh5-articles.jsonl``), labelled and committed before
# any tagger ran on them; split in halves like the fourth.
FRESH5 = HERE / "data" / "topics_devset" / "fresh5.json"
# The SIXTH fresh set (topics-data6): stories of publishers in none of the sets above, most
# of them about US politics (AllSides, 2012-2020) and December 2023's human interest,
# sport and entertainment (Webz.io), ``devset_fresh6.py`` writes ``fresh6-articles.jsonl``;
# labelled and committed before any tagger ran on them; split in halves by publisher.
FRESH6 = HERE / "data" / "topics_devset" / "fresh6.json"
# Its desk check at scale (``fresh6-desks.jsonl``, same writer) is read by ``topics_desks.py``.
DESKS = {"politics": {"government-policy", "elections"}, "technology": {"technology"},
         "business": {"business"}, "sports": {"sports"}}
SHARED = HERE.parent.parent / "shared"
FROZEN = HERE / "frozen" / "taxonomy_v1.json"
FEEDS = SHARED / "realworld-feeds"


def extra_folders() -> list[Path]:
    """Where Wikinews extracts (``*.jsonl``) may be: ../shared/topics-devset, then the env's."""
    folders = [SHARED / "topics-devset"]
    if os.environ.get("DIGEST_TOPICS_DEVSET"):
        folders.append(Path(os.environ["DIGEST_TOPICS_DEVSET"]))
    return [f for f in folders if f.is_dir()]


@dataclass(frozen=True)
class Labelled:
    id: str
    source: str
    publisher: str
    year: int
    lang: str
    must: frozenset[str]
    ok: frozenset[str]
    wrong: frozenset[str]
    title: str = ""
    text: str = ""

    @property
    def untouched(self) -> bool:
        return is_untouched(self.id)


def is_untouched(story_id: str) -> bool:
    """The fixed split rule (see the module docstring)."""
    return hashlib.sha1(story_id.encode()).digest()[0] % 5 in (0, 1)


def is_fresh3_untouched(story_id: str) -> bool:
    """The third fresh set's split (eighth round, fixed before any of its stories was read):
    a story is in ``fresh3-untouched`` when the first hex digit of sha1(id) is even, else in
    ``fresh3-tune``. Only the untouched half's totals are ever printed."""
    return hashlib.sha1(story_id.encode()).hexdigest()[0] in "02468ace"


def fresh3_halves() -> tuple[tuple[Labelled, ...], tuple[Labelled, ...]]:
    """The third fresh set's stories with text here: (fresh3-tune, fresh3-untouched)."""
    third = fresh_stories(FRESH3)
    return (tuple(s for s in third if not is_fresh3_untouched(s.id)),
            tuple(s for s in third if is_fresh3_untouched(s.id)))


def is_fresh4_untouched(story_id: str) -> bool:
    """The fourth fresh set's split (tenth round, fixed with its labels, before any tagger
    ran on it), the third's rule: ``fresh4-untouched`` when the first hex digit of sha1(id)
    is even (56 stories), else ``fresh4-tune`` (58). Only the untouched half's totals are
    ever printed."""
    return is_fresh3_untouched(story_id)


def fresh4_halves() -> tuple[tuple[Labelled, ...], tuple[Labelled, ...]]:
    """The fourth fresh set's stories with text here: (fresh4-tune, fresh4-untouched)."""
    fourth = fresh_stories(FRESH4)
    return (tuple(s for s in fourth if not is_fresh4_untouched(s.id)),
            tuple(s for s in fourth if is_fresh4_untouched(s.id)))


def is_fresh5_untouched(story_id: str) -> bool:
    """The fifth fresh set's split, fixed with its labels before any tagger ran on it, the
    third's rule: ``fresh5-untouched`` when the first hex digit of sha1(id) is even (48
    stories), else ``fresh5-tune`` (44). Only the untouched half's totals are ever printed."""
    return is_fresh3_untouched(story_id)


def fresh5_halves() -> tuple[tuple[Labelled, ...], tuple[Labelled, ...]]:
    """The fifth fresh set's stories with text here: (fresh5-tune, fresh5-untouched)."""
    fifth = fresh_stories(FRESH5)
    return (tuple(s for s in fifth if not is_fresh5_untouched(s.id)),
            tuple(s for s in fifth if is_fresh5_untouched(s.id)))


def site(host: str) -> str:
    """A host's registered name: "sports.ndtv.com" -> "ndtv.com", "www.bbc.co.uk" -> "bbc.co.uk"
    (the writers compare publishers by it; the sixth set is split by it)."""
    parts = host.removeprefix("www.").split(".")
    second_level = len(parts) > 2 and len(parts[-1]) == 2 and parts[-2] in (
        "co", "com", "org", "net", "gov", "ac")
    return ".".join(parts[-3:] if second_level else parts[-2:])


def is_fresh6_untouched(publisher: str) -> bool:
    """The sixth fresh set's split, fixed with its labels before any tagger ran on it, by
    PUBLISHER so that no publisher is in both halves (the set has up to three stories a
    publisher): ``fresh6-untouched`` when the first hex digit of sha1 of the publisher's
    site is even, else ``fresh6-tune``. Only the untouched half's totals are ever printed."""
    return is_fresh3_untouched(site(publisher))


def fresh6_halves() -> tuple[tuple[Labelled, ...], tuple[Labelled, ...]]:
    """The sixth fresh set's stories with text here: (fresh6-tune, fresh6-untouched)."""
    sixth = fresh_stories(FRESH6)
    return (tuple(s for s in sixth if not is_fresh6_untouched(s.publisher)),
            tuple(s for s in sixth if is_fresh6_untouched(s.publisher)))


def labels(path: Path = LABELS) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["stories"]


@cache
def _feed_texts() -> dict[str, tuple[str, str]]:
    texts = {}
    if not FEEDS.is_dir():
        return texts
    for path in sorted(FEEDS.iterdir()):
        if path.suffix not in (".xml", ".json"):
            continue
        for item in read_items(path):
            if isinstance(item, Story):
                digest = hashlib.sha1(item.url.encode()).hexdigest()[:10]
                key = f"{path.name.split('.')[0]}:{digest}"
                texts[key] = (item.title, "\n".join(item.paragraphs))
    return texts


@cache
def _extra_texts() -> dict[str, tuple[str, str]]:
    texts = {}
    for folder in extra_folders():
        for path in sorted(folder.glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    record = json.loads(line)
                    texts[record["id"]] = (record["title"], record["text"])
    return texts


@cache
def stories(path: Path = LABELS) -> tuple[Labelled, ...]:
    """Every labelled story whose text is on this machine (of the development set, or of
    the labels file ``path``)."""
    found = []
    feeds, extra = _feed_texts(), _extra_texts()
    for record in labels(path):
        texts = feeds if record["source"] == "realworld-feeds" else extra
        if record["id"] not in texts:
            continue
        title, text = texts[record["id"]]
        found.append(Labelled(record["id"], record["source"], record["publisher"], record["year"],
                              record["lang"], frozenset(record["must"]), frozenset(record["ok"]),
                              frozenset(record["wrong"]), title, text))
    return tuple(found)


def fresh_stories(path: Path = FRESH) -> tuple[Labelled, ...]:
    """A fresh set's stories whose text is on this machine (all of them are untouched)."""
    return stories(path)


@dataclass
class Scores:
    """Micro figures over a set of stories.

    precision = given topics that are ``must`` / given topics that are not ``ok``
    (an acceptable topic is neither a hit nor a miss); recall = ``must`` topics given /
    ``must`` topics; clearly wrong = given topics in ``wrong``. "general" is a topic
    here like the others: it is right where it is ``must`` or ``ok``.
    """

    stories: int = 0
    hits: int = 0
    judged: int = 0  # given topics that are not merely acceptable
    must: int = 0
    wrong: int = 0
    fully_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.hits / self.judged if self.judged else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.must if self.must else 1.0

    @property
    def wrong_per_60(self) -> float:
        return 60 * self.wrong / self.stories if self.stories else 0.0

    def line(self, name: str) -> str:
        return (f"{name:<28} {self.stories:4d} stories  precision {self.precision:.3f}  "
                f"recall {self.recall:.3f}  clearly wrong {self.wrong:3d} "
                f"({self.wrong_per_60:.2f} per 60)  fully right {self.fully_right}")


def score(tag: Callable[[str, str], Iterable[str]], items: Iterable[Labelled]) -> Scores:
    """Scores of ``tag(title, text) -> topic slugs`` on ``items``."""
    result = Scores()
    for story in items:
        given = set(tag(story.title, story.text))
        hits = given & story.must
        result.stories += 1
        result.hits += len(hits)
        result.judged += len(given - story.ok)
        result.must += len(story.must)
        wrong = given & story.wrong
        result.wrong += len(wrong)
        missed = story.must - given
        if not missed and not (given - story.must - story.ok):
            result.fully_right += 1
        else:
            result.misses.append(f"  {story.id}: gave {sorted(given)}, missed {sorted(missed)}"
                                 f"{', WRONG ' + str(sorted(wrong)) if wrong else ''}")
    return result


def outside_rate(tag: Callable[[str, str], Iterable[str]],
                 items: Iterable[Labelled]) -> tuple[int, int]:
    """Of the stories outside the taxonomy (no ``must``, only ``general`` acceptable), how
    many are given a clearly wrong topic: (given one, stories)."""
    outside = [s for s in items if not s.must and s.ok <= {"general"}]
    return sum(1 for s in outside if set(tag(s.title, s.text)) & s.wrong), len(outside)


def desk_rates(tag: Callable[[str, str], Iterable[str]], items: Iterable[Labelled]) -> dict:
    """Per desk (a story's must topics name it), the share of stories given a desk topic."""
    counts = {desk: [0, 0] for desk in DESKS}
    for story in items:
        given = set(tag(story.title, story.text))
        for desk, topics in DESKS.items():
            if story.must & topics:
                counts[desk][1] += 1
                counts[desk][0] += bool(given & topics)
    return {desk: (got, total) for desk, (got, total) in counts.items() if total}


@cache
def taggers() -> dict[str, Callable[[str, str], list[str]]]:
    """Today's tagger (frozen in ``tests/frozen/``) and the current one: ``tag(title, text)``
    gives topic slugs."""
    from frozen.topics_v1 import Taxonomy as TodaysTaxonomy  # noqa: PLC0415

    today = TodaysTaxonomy.from_settings(json.loads(FROZEN.read_text(encoding="utf-8")))
    new = Taxonomy.from_settings(digest_settings(str(HERE.parent / "pelicanconf.py")))
    return ({"today": lambda t, x: [p.slug for p in today.classify(t, x)],
             "new": lambda t, x: [p.slug for p in new.classify(t, x)]})
