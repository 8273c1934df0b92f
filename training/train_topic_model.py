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

``--huffpost FOLDER`` adds HuffPost's headlines and ledes of 2012-2022 (``huffpost_items.py``),
at most ``HUFF_SHARE`` times the portal's items of each desk, each weighing ``HUFF_WEIGHT``;
their held-out tenth is scored apart. Tried on 7 December 2026 and not kept (the shipped
model is the portal's alone): docs/history/topics.md says what it gave.

Writes ``plugins/news_digest/enrich/topic_model.json``.
Usage: python -m training.train_topic_model PORTAL_FOLDER [--wikitimes FOLDER]
       [--huffpost FOLDER [--huff-share S] [--huff-weight W]] [--out FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from collections import Counter
from pathlib import Path

from training import huffpost_items, wikitimes_items
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
# HuffPost's items (``--huffpost``) of a desk: at most this many times the portal's items
# of that desk are trained on (the first by a hash of their text), so that one US
# publisher's politics does not swamp the portal's countries; each weighs HUFF_WEIGHT.
HUFF_SHARE = 1.0
HUFF_WEIGHT = 1.0


def held_out(text: str) -> bool:
    return hashlib.sha1(text.encode()).digest()[0] % 10 == 0


def _order(epoch: int, count: int) -> list[int]:
    return sorted(range(count), key=lambda n: hashlib.sha1(f"{epoch}:{n}".encode()).digest())


def capped(items, portal, share: float) -> list:
    """Of ``items`` (another source's), at most ``share`` times the portal's items of each
    desk, the first by a hash of their text (no random state)."""
    room = {desk: int(share * n) for desk, n in Counter(i.desk for i in portal).items()}
    kept = []
    for item in sorted(items, key=lambda i: hashlib.sha1(i.text.encode()).digest()):
        if room.get(item.desk, 0) > 0:
            room[item.desk] -= 1
            kept.append(item)
    return kept


def train(items, extra=None) -> dict:
    """The model fitted on ``items``; ``extra`` (optional), one weight an item, multiplies
    its desk's balance weight (another source's items may count less)."""
    extra = extra or [1.0] * len(items)
    desks = sorted({item.desk for item in items})
    size = len(desks)
    index = {desk: number for number, desk in enumerate(desks)}
    per_desk = Counter(item.desk for item in items)
    weight_of = {d: (len(items) / (size * per_desk[d])) ** BALANCE for d in desks}
    rows = [(sorted(features("", item.words_text)), index[item.desk],
             weight_of[item.desk] * times) for item, times in zip(items, extra, strict=True)]
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
    parser.add_argument("--huffpost", type=Path, default=None,
                        help="a folder of the News Category Dataset's JSON files: HuffPost's "
                        "headlines and ledes of other years")
    parser.add_argument("--huff-share", type=float, default=HUFF_SHARE,
                        help="HuffPost items of a desk: at most this many times the portal's")
    parser.add_argument("--huff-weight", type=float, default=HUFF_WEIGHT,
                        help="the weight of a HuffPost item against a portal item's")
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    args = parser.parse_args(argv)
    items = read_items(args.portal) if args.portal.is_dir() else []
    if items and args.wikitimes and args.wikitimes.is_dir():
        items += wikitimes_items.read_items(args.wikitimes)
    if not items:
        print(f"{args.portal}: no portal pages (*.md) with items here; docs/topics.md "
              "(Retraining) says how to obtain them", file=sys.stderr)
        return 2
    huff: list = []
    if args.huffpost is not None:
        try:
            huff = huffpost_items.read_items(args.huffpost) if args.huffpost.is_dir() else []
        except ValueError as error:
            print(error, file=sys.stderr)
            return 2
        if not huff:
            print(f"{args.huffpost}: no News Category Dataset records (*.json) of a desk here; "
                  "docs/topics.md (Retraining) says how to obtain them", file=sys.stderr)
            return 2
    training = [i for i in items if not held_out(i.text)]
    check = [i for i in items if held_out(i.text)]
    huff_training = capped([i for i in huff if not held_out(i.text)], training, args.huff_share)
    huff_check = [i for i in huff if held_out(i.text)]
    data = train(training + huff_training,
                 [1.0] * len(training) + [args.huff_weight] * len(huff_training))
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
    if huff:
        huff_right = accuracy(data, huff_check)
        huff_days = sorted(i.day for i in huff)
        huff_counts = Counter(i.desk for i in huff_training)
        data["provenance"] += (
            "; News Category Dataset, Rishabh Misra (arXiv:2209.11429; CC BY 4.0), HuffPost's "
            f"headlines and short descriptions from {huff_days[0]} to {huff_days[-1]}: "
            f"{len(huff_training)} items trained on (at most {args.huff_share:g} times the "
            f"portal's of a desk, weight {args.huff_weight:g}: "
            + ", ".join(f"{d} {huff_counts[d]}" for d in data["desks"] if huff_counts[d]) +
            f"), {len(huff_check)} held out (accuracy {huff_right:.3f})")
    args.out.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True,
                                   separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(data['weights'])} features, {len(data['desks'])} desks, "
          f"held-out accuracy {right:.3f} ({len(check)} portal items)"
          + (f", {huff_right:.3f} ({len(huff_check)} HuffPost items)" if huff else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
