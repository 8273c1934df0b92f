"""The learned verdict on a second topic: keep or leave out, from the evidence it rests on.

Stage: enrich (topics). Pure module (no Pelican).

Ten rounds of hand rules decide which topics a story's phrases give. The verdict is a
small logistic regression, learned from the editor's labels on the tuning sets
(``training/train_topic_verdict.py``, ``make topics-verdict``), over what the tagger
already knows of each topic scoring near the line or more: its score and its share of
the best, how many of its phrases were found, how heavy and how often, whether one is
in the headline or the opening, the story's length, the learned desks' probability
for it, a negative or an amount of money among them, how strongly the story reads as a
subject outside the digest, how many topics compete. No feature names a topic or a
word, so a curator's own topic is judged like the others.

It only takes away: a topic given beside a better one whose probability of being the
editor's is under the cut is left out. The best topic always stands (a story with real
evidence is never thrown to General by it), and a ``Topics:`` header overrides it.
The weights live in ``topic_verdict.json`` beside this module (a few hundred bytes).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from .topic_guards import OPENING_CHARS, opening
from .topic_signals import MONEY
from .topic_tally import found_topics, tally
from .topic_text import read_body, read_headline

VERDICT_FILE = Path(__file__).with_name("topic_verdict.json")
POOL_SHARE = 0.5  # of the threshold: the topics judged (and learned from) score this much
# The cut for a second topic neither the headline nor the opening names, beside a best topic
# found in the headline, the opening and further down (topics23): a side thread of a story
# whose subject is plain needs the verdict surer (``side_threads``).
SIDE_CUT = 0.33
# The evidence, in the order of the weights; for ``explain``, what each says in words
# when it is above the training sets' mean, and when it is below.
FEATURES = {
    "best": ("it is the best topic", "it is not the best topic"),
    "log_score": ("its high score", "its low score"),
    "share": ("its large share of the best topic's score", "its small share of the best "
              "topic's score"),
    "log_best": ("a high best score", "a low best score"),
    "phrases": ("many of its phrases found", "few of its phrases found"),
    "top_weight": ("a heavy phrase of it", "only light phrases of it"),
    "headline": ("a phrase of it in the headline", "none of its phrases in the headline"),
    "opening": ("a phrase of it in the headline or the opening", "none of its phrases in "
                "the headline or the opening"),
    "log_length": ("a long story", "a short story"),
    "desk": ("a learned desk speaks for it", "no learned desk speaks for it"),
    "desk_prob": ("the learned desks read the story as its desk", "the learned desks do not "
                  "read the story as its desk"),
    "negative": ("a negative phrase of it found", "no negative phrase of it found"),
    "money": ("an amount of money among its phrases", "no amount of money among its phrases"),
    "outside": ("the story reads as a subject outside the digest", "the story reads little "
                "as a subject outside the digest"),
    "n_given": ("many other topics near the line", "few other topics near the line"),
    "repeats": ("its phrases repeated in the body", "its phrases seldom in the body"),
}


def evidence(taxonomy, head: dict, body: dict, text: str, desks, sums: tuple, judged=None,
             cheap: bool = False) -> dict[int, list]:
    """Topic number -> its features (``FEATURES``' order), for every topic of the digest
    scoring at least ``POOL_SHARE`` of the threshold (or those of them in ``judged``).
    ``text`` is the body as read, ``desks()`` gives the learned desks' probabilities,
    ``sums`` the points of each topic by kind (``topic_tally.tally``).
    ``cheap`` leaves the two costly features unknown (None): whether a phrase is in the
    opening (a scan of it) and the desks' probability (the desks' model)."""
    from .topics import KEYWORD_SHARE  # noqa: PLC0415 (topics.py imports this module)

    outside, lift = taxonomy.outside, taxonomy.lift
    totals = {}  # each topic's score, as ``classify`` works it out
    for number in found_topics(head, body, taxonomy._entries, taxonomy._body_points):
        phrases, keywords, negative, learned = (kind[number] for kind in sums)
        if phrases or learned:
            positive = phrases + learned
            totals[number] = round(max(0.0, positive - negative + min(
                keywords, positive * KEYWORD_SHARE)), 3)
    floor = taxonomy.threshold * POOL_SHARE
    pool = sorted((-t, n) for n, t in totals.items() if n not in outside and t >= floor)
    if not pool:
        return {}
    best = -pool[0][0]
    beyond = max((t for n, t in totals.items() if n in outside), default=0.0)
    judged = {n for _, n in pool} if judged is None else judged
    found = taxonomy._group(head, body, judged)
    opened = None if cheap else taxonomy.guards.opened_in(head, text, body, taxonomy.scan)
    chances = desks() if not cheap and any(n in lift.desk_of for n in judged) else {}
    length = math.log1p(len(text))
    rows = {}
    for rank, (negated, number) in enumerate(pool):
        if number not in judged:
            continue
        phrases = [(e, h, b) for e, h, b in found[number] if e[1] in ("phrases", "examples")]
        rows[number] = [
            float(rank == 0), math.log1p(-negated), -negated / best if best else 0.0,
            math.log1p(best), math.log1p(len(phrases)),
            max((e[2] for e, _, _ in phrases), default=0.0),
            float(any(h for _, h, _ in phrases)),
            None if opened is None else float(number in opened), length,
            float(number in lift.desk_of),
            (None if cheap else lift.chance(number, chances)) if number in lift.desk_of else 0.0,
            float(any(e[1] == "negative" for e, _, _ in found[number])),
            float(any(e[3] == MONEY for e, _, _ in phrases)),
            beyond / best if best else 0.0, float(len(pool) - 1),
            math.log1p(sum(b for _, _, b in phrases))]
    return rows


def side_threads(taxonomy, kept: list, head: dict, body: dict, text: str) -> set[int]:
    """The second topics of ``kept`` ((score, topic number), best first) judged at
    ``SIDE_CUT``: none of their phrases is in the headline or the opening, while the best
    topic's are in the headline, the opening and further down. A topic the best one leaves
    words to (``not_beside``: Elections beside Government & Policy) is the story's own
    subject told in them, and is judged at the cut."""
    if len(kept) < 2 or len(text) <= OPENING_CHARS:  # a short story is all opening
        return set()
    topic_of, best = taxonomy.guards.anchor_topic, kept[0][1]
    if not any(topic_of.get(entry) == best for entry in head):
        return set()
    lead = taxonomy.scan(opening(text))
    if not (any(topic_of.get(entry) == best for entry in lead)
            and any(topic_of.get(entry) == best and times > lead.get(entry, 0)
                    for entry, times in body.items())):
        return set()
    named = {topic_of[entry] for found in (head, lead) for entry in found if entry in topic_of}
    leaves = taxonomy.beside.leaves(best) if taxonomy.beside else frozenset()
    return {number for _, number in kept[1:] if number not in named and number not in leaves}


class Verdict:
    """The learned weights: ``chance`` of a topic being the editor's, ``keep`` the rest."""

    def __init__(self, data: dict):
        if list(data["features"]) != list(FEATURES):
            raise ValueError(f"{VERDICT_FILE.name}: its features are not this module's")
        self.mean, self.scale = data["mean"], data["scale"]
        self.bias, self.weights = data["bias"], data["weights"]
        self.cut = data["cut"]

    @classmethod
    def load(cls, path: Path = VERDICT_FILE) -> Verdict | None:
        return cls(json.loads(path.read_text(encoding="utf-8"))) if path.is_file() else None

    def parts(self, row: list[float]) -> list[float]:
        """What each feature adds to the log-odds (standardised value times weight)."""
        return [w * (x - m) / s for w, x, m, s in zip(self.weights, row, self.mean, self.scale,
                                                    strict=True)]

    def chance(self, row: list[float]) -> float:
        return _logistic(self.bias + sum(self.parts(row)))

    def bounds(self, row: list) -> tuple[float, float]:
        """The lowest and highest chance over the features left unknown (None: each
        between 0 and 1); for a full row, ``chance`` twice."""
        if None not in row:
            return (self.chance(row),) * 2
        low = high = self.bias
        for w, x, m, s in zip(self.weights, row, self.mean, self.scale, strict=True):
            ends = (w * -m / s, w * (1.0 - m) / s) if x is None else (w * (x - m) / s,) * 2
            low, high = low + min(ends), high + max(ends)
        return _logistic(low), _logistic(high)

    def keep(self, taxonomy, kept: list, head: dict, body: dict, text: str, desks,
             sums: tuple) -> list:
        """``kept`` ((score, topic number), best first) without the second topics the
        verdict finds unlikely to be the editor's (under ``cut``). The costly evidence
        (the opening's scan, the desks) is worked out only when the rest leaves the
        verdict open: the same verdicts, about a tenth of tagging time saved."""
        judged = {number for _, number in kept[1:]}
        rows = evidence(taxonomy, head, body, text, desks, sums, judged, cheap=True)
        bounds = {number: self.bounds(row) for number, row in rows.items()}
        side = side_threads(taxonomy, kept, head, body, text)
        cut = {number: SIDE_CUT if number in side else self.cut for number in judged}
        if any(low < cut[number] <= high for number, (low, high) in bounds.items()):
            rows = evidence(taxonomy, head, body, text, desks, sums, judged)
            bounds = {number: self.bounds(row) for number, row in rows.items()}
        return kept[:1] + [item for item in kept[1:]
                           if item[1] not in bounds or bounds[item[1]][0] >= cut[item[1]]]

    def reasons(self, row: list[float], count: int = 2) -> tuple[list[str], list[str]]:
        """The evidence that weighed most for and against, in words."""
        said = [words[x < m] for x, m, words in zip(row, self.mean, FEATURES.values(),
                                                    strict=True)]
        # Whether it is the best topic says nothing of a second topic: not a reason.
        parts = sorted(part for part in zip(self.parts(row), said, strict=True)
                       if part[1] not in FEATURES["best"])
        against = [words for part, words in parts[:count] if part < 0]
        return [words for part, words in reversed(parts[-count:]) if part > 0], against


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def story_evidence(taxonomy, title: str, text: str) -> dict[str, list[float]]:
    """Slug -> features for a story as ``classify`` reads it (for training and ``explain``)."""
    head, body = taxonomy.record(title, text)
    read, headline = read_body(text), read_headline(title, text)
    sums = tally(head, body, taxonomy._entries, taxonomy._body_points, len(taxonomy.topics),
                 taxonomy.headline_weight)[0]
    rows = evidence(taxonomy, head, body, read,
                    lambda: taxonomy.lift.probabilities(headline, read), sums)
    return {taxonomy.topics[n].slug: row for n, row in rows.items()}


def story_side_threads(taxonomy, title: str, text: str, judged: list[str]) -> set[str]:
    """``side_threads`` for a story as ``classify`` reads it (for ``explain``): ``judged``
    are the slugs of the topics the verdict judges, best first."""
    head, body = taxonomy.record(title, text)
    number = {topic.slug: n for n, topic in enumerate(taxonomy.topics)}
    kept = [(0.0, number[slug]) for slug in judged if slug in number]
    return {taxonomy.topics[n].slug
            for n in side_threads(taxonomy, kept, head, body, read_body(text))}


__all__ = ["FEATURES", "SIDE_CUT", "Verdict", "evidence", "side_threads", "story_evidence",
           "story_side_threads"]
