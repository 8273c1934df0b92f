"""Train the topics' learned part (``make topics-model``): which news desk a text reads like.

Offline and deterministic: reads the Wikipedia "Current events" portal pages from a
local folder (``portal_items.py``; how to obtain them: docs/topics.md, "Retraining"),
turns each item into its features (``topic_model.features``: content words and
adjacent pairs, the same function that reads a story at build time), and fits a
multinomial logistic regression (softmax over the portal's desks) by stochastic
gradient descent in plain Python:

* ``EPOCHS`` passes, each in an order fixed by a hash (no random state), a step that
  shrinks each pass, L2 decay ``L2`` on the weights a step touches;
* each item weighs (items / (desks x items of its desk)) ** ``BALANCE``, so the small
  desks (science, culture) are not drowned by the large ones (armed conflicts);
* features seen in fewer than ``MIN_ITEMS`` items are not learned; of the rest, the
  ``KEEP_PER_DESK`` heaviest for each desk are kept, and weights under ``MIN_WEIGHT``
  are dropped (the file stays near 1 MB and loads in a few tens of milliseconds);
* one item in ten, chosen by a hash of its text, is held out: never trained on, it
  gives the accuracy printed and recorded in the model's provenance.

Writes ``plugins/news_digest/enrich/topic_model.json``.
Usage: python -m training.train_topic_model PORTAL_FOLDER [--out FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections import Counter
from pathlib import Path

from training import wikitimes_items
from training.portal_items import read_items

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
from news_digest.enrich.topic_model import MODEL_FILE, TopicModel, features  # noqa: E402

EPOCHS = 6
STEP = 0.2
L2 = 1e-4
BALANCE = 0.5
MIN_ITEMS = 3
KEEP_PER_DESK = 2500
MIN_WEIGHT = 0.05


def held_out(text: str) -> bool:
    return hashlib.sha1(text.encode()).digest()[0] % 10 == 0


def _order(epoch: int, count: int) -> list[int]:
    return sorted(range(count), key=lambda n: hashlib.sha1(f"{epoch}:{n}".encode()).digest())


def train(items) -> dict:
    desks = sorted({item.desk for item in items})
    size = len(desks)
    index = {desk: number for number, desk in enumerate(desks)}
    per_desk = Counter(item.desk for item in items)
    weight_of = {d: (len(items) / (size * per_desk[d])) ** BALANCE for d in desks}
    rows = [(sorted(features("", item.words_text)), index[item.desk], weight_of[item.desk])
            for item in items]
    seen = Counter(f for found, _, _ in rows for f in found)
    rows = [([f for f in found if seen[f] >= MIN_ITEMS], desk, weight)
            for found, desk, weight in rows]
    weights: dict[str, list[float]] = {}
    bias = [0.0] * size
    for epoch in range(EPOCHS):
        step = STEP / (1 + epoch)
        for n in _order(epoch, len(rows)):
            found, desk, weight = rows[n]
            vectors = [weights.setdefault(f, [0.0] * size) for f in found]
            scores = bias[:]
            for vector in vectors:
                for k in range(size):
                    scores[k] += vector[k]
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            gradient = [weight * (exps[k] / total - (k == desk)) for k in range(size)]
            for vector in vectors:
                for k in range(size):
                    vector[k] -= step * (gradient[k] + L2 * vector[k])
            for k in range(size):
                bias[k] -= step * gradient[k] * 0.1
    kept: set[str] = set()
    for k in range(size):
        kept.update(sorted(weights, key=lambda f: (-weights[f][k], f))[:KEEP_PER_DESK])
    table = {f: {str(k): round(w, 3) for k, w in enumerate(weights[f]) if abs(w) >= MIN_WEIGHT}
             for f in sorted(kept)}
    return {"desks": desks, "prior": [round(b, 4) for b in bias], "temperature": 1.0,
            "weights": {f: row for f, row in table.items() if row}}


def accuracy(data: dict, items) -> float:
    if not items:
        return float("nan")
    model = TopicModel(data)
    right = 0
    for item in items:
        chances = model.probabilities("", item.words_text)
        right += max(chances, key=chances.__getitem__) == item.desk
    return right / len(items)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.train_topic_model",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("portal", type=Path, help="folder of the portal's daily Markdown pages")
    parser.add_argument("--wikitimes", type=Path, default=None,
                        help="a folder of WikiTimes JSON files: portal items of other years")
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    args = parser.parse_args(argv)
    items = read_items(args.portal) if args.portal.is_dir() else []
    if items and args.wikitimes and args.wikitimes.is_dir():
        items += wikitimes_items.read_items(args.wikitimes)
    if not items:
        print(f"{args.portal}: no portal pages (*.md) with items here; docs/topics.md "
              "(Retraining) says how to obtain them", file=sys.stderr)
        return 2
    training = [i for i in items if not held_out(i.text)]
    check = [i for i in items if held_out(i.text)]
    data = train(training)
    right = accuracy(data, check)
    days = sorted({i.day for i in items})
    years = Counter(day[:4] for day in days)
    counts = Counter(i.desk for i in training)
    data["provenance"] = (
        "Wikipedia, Portal:Current events (text CC BY-SA, Wikipedia contributors), "
        f"{len(days)} days from {days[0]} to {days[-1]} ("
        + ", ".join(f"{year}: {n}" for year, n in sorted(years.items())) +
        f"): {len(training)} items trained on ("
        + ", ".join(f"{d} {counts[d]}" for d in data["desks"]) +
        f"), {len(check)} held out (accuracy {right:.3f})")
    args.out.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True,
                                   separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(data['weights'])} features, {len(data['desks'])} desks, "
          f"held-out accuracy {right:.3f} ({len(check)} items)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
