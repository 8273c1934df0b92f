"""The topics' learned part: which news desk a story's opening reads like.

Stage: enrich (topics). Pure module (no Pelican); plain Python over precomputed tables.

``TopicModel`` is a linear model (multinomial logistic regression) over words and
word pairs, trained offline (``make topics-model``, ``training/train_topic_model.py``)
on short news items that Wikipedia's "Current events" portal files under a desk
("Business and economy", "Sports", "Politics and elections", ...). It reads a story
as those items are written: the headline and the first ``LEAD_WORDS`` words of the
body. ``probabilities(title, text)`` gives each desk's probability; ``evidence``
names the words that weighed most for a desk, for ``explain``.

The model lives in ``topic_model.json`` beside this module (about 600 KB, read once
per process in a few tens of milliseconds): its desks, each desk's bias
(``prior``), a temperature, and for each feature (a word, or two adjacent words
joined by a space) its weight per desk. Scoring is a sum of table look-ups. How the
desks speak for the taxonomy's topics, and when that may give a topic, is
``topic_lift.py``'s job.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

from .topic_examples import STOPWORDS
from .words import words

MODEL_FILE = Path(__file__).with_name("topic_model.json")
LEAD_WORDS = 60  # body words read after the headline: about one portal item


def features(title: str, text: str) -> list[str]:
    """The distinct features of a story's opening, in the order they first occur
    (scores are float sums: a fixed order makes them the same in every process):
    content words and pairs of adjacent content words."""
    tokens = words(title) + words(text[: LEAD_WORDS * 12])[:LEAD_WORDS]
    kept = [w if (len(w) > 2 and w not in STOPWORDS and not w[0].isdigit()) else None
            for w in tokens]
    found = dict.fromkeys(w for w in kept if w)
    found.update(dict.fromkeys(f"{a} {b}" for a, b in zip(kept, kept[1:], strict=False)
                               if a and b))
    return list(found)


class TopicModel:
    def __init__(self, data: dict):
        self.desks: tuple[str, ...] = tuple(data["desks"])
        self.prior: tuple[float, ...] = tuple(data["prior"])
        self.temperature: float = data["temperature"]
        # feature -> ((desk index, weight), ...)
        self.weights: dict[str, tuple[tuple[int, float], ...]] = {
            feature: tuple((int(i), w) for i, w in row.items())
            for feature, row in data["weights"].items()}
        self.provenance: str = data.get("provenance", "")

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> TopicModel:
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def _scores(self, found: list[str]) -> list[float]:
        scores = list(self.prior)
        weights = self.weights
        for feature in found:
            row = weights.get(feature)
            if row:
                for desk, weight in row:
                    scores[desk] += weight
        return scores

    def probabilities(self, title: str, text: str) -> dict[str, float]:
        """Each desk's probability for the story (they add up to 1)."""
        scores = self._scores(features(title, text))
        top = max(scores)
        exps = [math.exp((s - top) / self.temperature) for s in scores]
        total = sum(exps)
        return {desk: e / total for desk, e in zip(self.desks, exps, strict=True)}

    def evidence(self, title: str, text: str, desk: str, count: int = 6) -> list[tuple[str, float]]:
        """The features of the story that weighed most for ``desk``, heaviest first."""
        index = self.desks.index(desk)
        found = [f for f in features(title, text) if f in self.weights]
        weighed = [(feature, dict(self.weights[feature]).get(index, 0.0)) for feature in found]
        weighed.sort(key=lambda item: (-item[1], item[0]))
        return [(f, round(w, 2)) for f, w in weighed[:count] if w > 0]


@cache
def default_model() -> TopicModel | None:
    """The model shipped beside this module, loaded once; None if it is absent."""
    return TopicModel.load() if MODEL_FILE.is_file() else None
