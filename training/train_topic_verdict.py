"""Train the topics' learned verdict (``make topics-verdict``): keep or leave out a second topic.

Offline and deterministic (no random state, a fixed order, exact Newton steps): the
same labels and texts give the same ``topic_verdict.json``, byte for byte.

* Data: the TUNING sets only (the development set's tuning split in English, the first
  and second fresh sets, ``fresh3-tune`` and ``fresh4-tune``), labels from
  ``tests/data/topics_devset/`` (ours), texts read from outside the repository
  (``../shared/realworld-feeds`` and the ``*.jsonl`` in ``$DIGEST_TOPICS_DEVSET``).
  The untouched halves are never read here.
* Examples: every topic of the digest scoring at least half the threshold in a story,
  with the tagger's rules but without the verdict (``topic_verdict.evidence``); an
  editor's ``must`` topic is 1, a topic neither ``must`` nor ``ok`` is 0 (a near miss or
  clearly wrong); an ``ok`` topic is neither and is not learned from.
* Model: logistic regression on standardised features, L2 penalty, fitted by Newton's
  method. The penalty is chosen by cross-validation by publisher (ten folds by a hash of
  the publisher's name: no publisher in two folds), lowest held-out log loss over every
  candidate (an ``ok`` topic counted as one to keep); the cut
  is the one whose held-out verdicts give the best balance of precision and recall on
  the tuning stories (their harmonic mean, F1: the issue sets a target for each) while
  recall stays at least ``MIN_RECALL`` and no more topics are clearly wrong; the highest
  precision decided until the thirteenth round, when it chose a cut that left out three
  must topics for one unwanted one.

Usage: DIGEST_TOPICS_DEVSET=/path python -m training.train_topic_verdict [--out FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path
from unittest.mock import patch

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "tests")]
import topics_devset as devset  # noqa: E402

from news_digest.curator.site_settings import digest_settings  # noqa: E402
from news_digest.enrich.topic_verdict import (  # noqa: E402
    FEATURES,
    VERDICT_FILE,
    Verdict,
    story_evidence,
)
from news_digest.enrich.topics import Taxonomy  # noqa: E402

PENALTIES = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0)
CUTS = tuple(round(0.05 * n, 2) for n in range(1, 11))
FOLDS = 10
MIN_RECALL = 0.90
STEPS = 30


def tuning_stories() -> list:
    found = [s for s in devset.stories() if not s.untouched and s.lang == "en"]
    found += [*devset.fresh_stories(devset.FRESH), *devset.fresh_stories(devset.FRESH2)]
    return found + [*devset.fresh3_halves()[0], *devset.fresh4_halves()[0]]


def examples(taxonomy: Taxonomy, stories: list) -> tuple[list[dict], list[dict]]:
    """The candidate topics (features, label, story) and each story's topics as given."""
    rows, given = [], []
    for story in stories:
        slugs = [t.slug for t in taxonomy.classify(story.title, story.text)]
        given.append({"story": story, "given": slugs})
        for slug, row in story_evidence(taxonomy, story.title, story.text).items():
            rows.append({"story": story.id, "publisher": story.publisher, "slug": slug,
                         "x": row, "must": slug in story.must, "ok": slug in story.ok,
                         "given": slug in slugs and slug != slugs[0]})
    return rows, given


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    size = len(vector)
    rows = [row[:] + [vector[i]] for i, row in enumerate(matrix)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(size):
            if r != col and rows[r][col]:
                factor = rows[r][col] / rows[col][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
    return [rows[i][size] / rows[i][i] for i in range(size)]


def _chance(weights: list[float], x: list[float]) -> float:
    z = weights[0] + sum(w * v for w, v in zip(weights[1:], x, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def fit(xs: list[list[float]], ys: list[int], penalty: float) -> list[float]:
    """Bias then weights, by Newton's method (the bias is not penalised)."""
    size = len(xs[0]) + 1
    weights = [0.0] * size
    for _ in range(STEPS):
        grad = [0.0] * size
        hess = [[0.0] * size for _ in range(size)]
        for x, y in zip(xs, ys, strict=True):
            full = [1.0, *x]
            p = _chance(weights, x)
            for i in range(size):
                grad[i] += (p - y) * full[i]
                for j in range(size):
                    hess[i][j] += p * (1 - p) * full[i] * full[j]
        for i in range(1, size):
            grad[i] += penalty * weights[i]
            hess[i][i] += penalty
        hess[0][0] += 1e-6
        step = _solve(hess, grad)
        weights = [w - s for w, s in zip(weights, step, strict=True)]
        if max(abs(s) for s in step) < 1e-10:
            break
    return weights


def totals(given: list[dict], dropped: set) -> tuple[float, float, int]:
    """Precision, recall and clearly wrong topics of the tuning stories (``devset.score``)
    once the ``dropped`` (story id, slug) topics are left out."""
    hits = judged = must = wrong = 0
    for item in given:
        story = item["story"]
        kept = [s for s in item["given"] if (story.id, s) not in dropped]
        result = devset.score(lambda title, text, kept=kept: kept, [story])
        hits, judged = hits + result.hits, judged + result.judged
        must, wrong = must + result.must, wrong + result.wrong
    return hits / judged, hits / must, wrong


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def train(out: Path) -> dict:
    # Learned on what the rules give, not on its own verdicts; the file it replaces may
    # hold other features than this module's, so none is read.
    with patch.object(Verdict, "load", return_value=None):
        taxonomy = Taxonomy.from_settings(digest_settings(str(ROOT / "pelicanconf.py")))
    stories = tuning_stories()
    rows, given = examples(taxonomy, stories)
    count = len(FEATURES)
    mean = [sum(r["x"][i] for r in rows) / len(rows) for i in range(count)]
    scale = [math.sqrt(sum((r["x"][i] - mean[i]) ** 2 for r in rows) / len(rows)) or 1.0
             for i in range(count)]
    for r in rows:
        r["z"] = [(v - m) / s for v, m, s in zip(r["x"], mean, scale, strict=True)]
        r["fold"] = hashlib.sha1(r["publisher"].encode()).digest()[0] % FOLDS
    learned = [r for r in rows if not r["ok"]]
    cross = {}
    for penalty in PENALTIES:
        held = {}
        for fold in range(FOLDS):
            part = [r for r in learned if r["fold"] != fold]
            weights = fit([r["z"] for r in part], [int(r["must"]) for r in part], penalty)
            held.update({id(r): _chance(weights, r["z"]) for r in rows if r["fold"] == fold})
        # Judged on every candidate, an ``ok`` topic as one to keep: the verdict decides
        # those too, and leaving out an acceptable topic is a loss to the reader.
        loss = -sum(math.log(max(1e-12, held[id(r)] if r["must"] or r["ok"]
                                 else 1 - held[id(r)])) for r in rows) / len(rows)
        cross[penalty] = (loss, held)
        print(f"penalty {penalty:g}: held-out log loss {loss:.4f}")
    penalty = min(PENALTIES, key=lambda p: (cross[p][0], p))
    held = cross[penalty][1]
    base = totals(given, set())
    print(f"tuning stories without the verdict: precision {base[0]:.3f} recall {base[1]:.3f} "
          f"clearly wrong {base[2]}")
    figures = {}
    for cut in CUTS:
        dropped = {(r["story"], r["slug"]) for r in rows if r["given"] and held[id(r)] < cut}
        figures[cut] = totals(given, dropped)
        print(f"  cut {cut:.2f} (held-out verdicts): precision {figures[cut][0]:.3f} recall "
              f"{figures[cut][1]:.3f} clearly wrong {figures[cut][2]}")
    fair = [c for c in CUTS if figures[c][1] >= MIN_RECALL and figures[c][2] <= base[2]]
    cut = max(fair, key=lambda c: (round(_f1(*figures[c][:2]), 6), round(figures[c][0], 6),
                                   -c)) if fair else 0.0
    weights = fit([r["z"] for r in learned], [int(r["must"]) for r in learned], penalty)
    data = {
        "about": "The topics' learned verdict (plugins/news_digest/enrich/topic_verdict.py), "
                 "made by training/train_topic_verdict.py (make topics-verdict). Labels: "
                 "ours (tests/data/topics_devset/); texts read from outside the repository; "
                 "this file holds only weights.",
        "training": {"stories": len(stories), "candidates": len(rows),
                     "must": sum(r["must"] for r in rows), "ok": sum(r["ok"] for r in rows),
                     "other": sum(not (r["must"] or r["ok"]) for r in rows),
                     "sets": "tuning split (English), fresh, fresh2, fresh3-tune, fresh4-tune",
                     "penalty": penalty, "folds": f"{FOLDS}, by publisher",
                     "held_out_log_loss": round(cross[penalty][0], 4),
                     "without_verdict": [round(base[0], 4), round(base[1], 4), base[2]],
                     "with_held_out_verdicts": [round(figures[cut][0], 4),
                                                round(figures[cut][1], 4), figures[cut][2]]
                     if cut else None},
        "features": list(FEATURES),
        "mean": [round(v, 6) for v in mean], "scale": [round(v, 6) for v in scale],
        "bias": round(weights[0], 6), "weights": [round(w, 6) for w in weights[1:]],
        "cut": cut,
    }
    text = json.dumps(data, indent=1) + "\n"
    before = out.read_text(encoding="utf-8") if out.is_file() else None
    out.write_text(text, encoding="utf-8")
    print(f"penalty {penalty:g}, cut {cut}: wrote {out}")
    if before is not None and before != text:
        # Since the rules moved on, retraining does not rebuild the shipped file: say so,
        # so that a refreshed verdict is measured before it is kept (docs/topics.md).
        print(f"{out.name} differs from the file it replaced: measure the tagger with it "
              "(tests/test_topics_devset.py) before keeping it, or restore it with "
              f"git checkout -- {out}")
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=VERDICT_FILE)
    args = parser.parse_args(argv)
    if not devset.extra_folders() or not devset.FEEDS.is_dir():
        print("the tuning sets' text is absent: set DIGEST_TOPICS_DEVSET (docs/topics.md)",
              file=sys.stderr)
        return 2
    train(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
