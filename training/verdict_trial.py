"""A trial, not a model: would richer evidence make the learned verdict judge better?

Issue 18, twelfth session (topics-learned). The verdict (``topic_verdict.py``) judges a
second topic from the evidence its phrases found. This script adds what that evidence
does not say, for every topic near the line of a story (the candidates the verdict
learns from), and measures, on the SEVEN tuning sets only (tuning split in English,
fresh, fresh2 and the tuning halves of the third to sixth fresh sets), whether a
logistic regression over it leaves out more unwanted second topics without losing must
ones, with held-out verdicts: cross-validation by publisher (ten folds by a hash of the
publisher's name, as ``train_topic_verdict.py``) and leaving one set out. It writes
nothing and reads no untouched half. The added evidence (``RICHER``):

* where the evidence sits: a phrase in the body's first paragraph (``lede``), in the
  first half of the headline (``head_subject``, the subject of most headlines), the
  share of its phrases' occurrences in the second half of the body (``late``), and in
  how many halves (``halves``);
* its share of the evidence of every topic near the line (``ev_share``);
* whether its phrases are written as names (``named``: the share of their occurrences
  written with a capital inside a sentence: an institution or a product the story names);
* the strongest other topic: its score over this one's (``other_ratio``), its desks'
  probability (``other_desk``), whether it shares a desk (``mate``), and how far this
  topic's desks are behind the story's likeliest desk (``desk_margin``);
* the story's paragraphs (``paras``, log);
* how the sentences that hold its phrases read to the learned desks (at most four, each
  read alone): its desks' mean probability (``said_desk``, 0 for a topic without desks)
  and the likeliest desk's (``said_any``): a bank named in a sentence about an apology
  does not read as business.

Usage: DIGEST_TOPICS_DEVSET=/path python -m training.verdict_trial (a few minutes)
"""

from __future__ import annotations

import hashlib
import math
import re
import sys
from unittest.mock import patch

from news_digest.enrich.topic_signals import MONEY
from news_digest.enrich.topic_tally import tally
from news_digest.enrich.topic_text import read_body, read_headline
from news_digest.enrich.topic_verdict import Verdict, evidence
from news_digest.enrich.topics import Taxonomy
from training.train_topic_verdict import (
    CUTS,
    ROOT,
    _chance,
    devset,
    digest_settings,
    fit,
    totals,
    tuning_stories,
)

RICHER = ("lede", "head_subject", "late", "halves", "ev_share", "named", "other_ratio",
          "other_desk", "mate", "desk_margin", "paras", "said_desk", "said_any")
PENALTIES = (30.0, 100.0, 300.0, 1000.0)
KINDS = ("phrases", "examples")


def seven_sets() -> dict[str, list]:
    """The seven tuning sets by name (never an untouched half)."""
    first = tuning_stories()
    tuning = [s for s in devset.stories() if not s.untouched and s.lang == "en"]
    fresh, fresh2 = devset.fresh_stories(devset.FRESH), devset.fresh_stories(devset.FRESH2)
    sets = {"tuning": tuning, "fresh": list(fresh), "fresh2": list(fresh2),
            "fresh3-tune": list(devset.fresh3_halves()[0]),
            "fresh4-tune": list(devset.fresh4_halves()[0]),
            "fresh5-tune": list(devset.fresh5_halves()[0]),
            "fresh6-tune": list(devset.fresh6_halves()[0])}
    assert sum(len(v) for k, v in sets.items() if k not in ("fresh5-tune", "fresh6-tune")) \
        == len(first)
    return sets


def _named(text: str, phrases: set) -> float:
    """The share of the phrases' occurrences written with a capital inside a sentence."""
    low, names, seen = text.lower(), 0, 0
    for phrase in sorted(p for p in phrases if p and p != MONEY):
        start = 0
        while (at := low.find(phrase, start)) >= 0:
            start = at + len(phrase)
            if (at and low[at - 1].isalnum()) or (start < len(low) and low[start].isalnum()):
                continue
            seen += 1
            before = text[max(0, at - 2):at]
            opens = at == 0 or before.strip() in ("", ".", "!", "?", '"', "“")
            names += text[at].isupper() and not opens and not before.endswith((". ", "\n"))
    return names / seen if seen else 0.0


SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def _said(taxonomy: Taxonomy, read: str, phrases: set, number: int) -> tuple[float, float]:
    """``said_desk`` and ``said_any`` (see the module's docstring)."""
    held = [s for s in SENTENCE.split(read)
            if any(p and p != MONEY and p in s.lower() for p in sorted(phrases))][:4]
    if not held:
        return 0.0, 0.0
    read_as = [taxonomy.lift.probabilities("", sentence) for sentence in held]
    own = (sum(taxonomy.lift.chance(number, desks) for desks in read_as) / len(held)
           if number in taxonomy.lift.desk_of else 0.0)
    return own, sum(max(desks.values()) for desks in read_as) / len(held)


def _holds(taxonomy: Taxonomy, found: dict, number: int) -> int:
    entries = taxonomy._entries
    return sum(times for entry, times in found.items()
               if entries[entry][0] == number and entries[entry][1] in KINDS)


def richer(taxonomy: Taxonomy, title: str, text: str) -> dict[str, list[float]]:
    """Slug -> the verdict's features then ``RICHER``'s, for every topic near the line."""
    head, body = taxonomy.record(title, text)
    read, headline = read_body(text), read_headline(title, text)
    sums = tally(head, body, taxonomy._entries, taxonomy._body_points, len(taxonomy.topics),
                 taxonomy.headline_weight)[0]
    lift = taxonomy.lift
    chances = lift.probabilities(headline, read)
    rows = evidence(taxonomy, head, body, read, lambda: chances, sums)
    if not rows:
        return {}
    cut = max(0, read.rfind(" ", 0, len(read) // 2))
    first, second = taxonomy.scan(read[:cut]), taxonomy.scan(read[cut:])
    words = headline.split()
    subject = taxonomy.scan(" ".join(words[:max(1, len(words) // 2)]))
    paragraphs = [p for p in read.split("\n") if p.strip()]
    lede = taxonomy.scan(paragraphs[0]) if paragraphs else {}
    found = taxonomy._group(head, body, set(rows))
    scores = {n: math.expm1(row[1]) for n, row in rows.items()}
    pool = sum(scores.values()) or 1.0
    likeliest = max(chances.values(), default=0.0)
    out = {}
    for number, row in rows.items():
        early, late = _holds(taxonomy, first, number), _holds(taxonomy, second, number)
        other_score, other = max(((s, n) for n, s in scores.items() if n != number),
                                 default=(0.0, None))
        own = lift.chance(number, chances) if number in lift.desk_of else 0.0
        phrases = {e[3] for e, _, _ in found[number] if e[1] in KINDS}
        out[taxonomy.topics[number].slug] = [
            *row, float(_holds(taxonomy, lede, number) > 0),
            float(_holds(taxonomy, subject, number) > 0),
            late / (early + late) if early + late else 0.5, float(early > 0) + float(late > 0),
            scores[number] / pool, _named(read, phrases),
            other_score / scores[number] if scores[number] else 0.0,
            lift.chance(other, chances) if other in lift.desk_of else 0.0,
            float(other is not None and lift.mates(number, other)), own - likeliest,
            math.log1p(len(paragraphs)), *_said(taxonomy, read, phrases, number)]
    return out


def candidates(taxonomy: Taxonomy, sets: dict) -> tuple[list[dict], list[dict]]:
    rows, given = [], []
    for name, stories in sets.items():
        for story in stories:
            slugs = [t.slug for t in taxonomy.classify(story.title, story.text)]
            given.append({"story": story, "given": slugs})
            for slug, x in richer(taxonomy, story.title, story.text).items():
                rows.append({"story": story.id, "publisher": story.publisher, "set": name,
                             "slug": slug, "x": x, "must": slug in story.must,
                             "ok": slug in story.ok, "given": slug in slugs[1:]})
    return rows, given


def held_out(rows: list[dict], width: int, fold_of, penalties=PENALTIES) -> tuple:
    """Held-out chances with the penalty of the lowest held-out log loss (as the trainer)."""
    count = len(rows)
    mean = [sum(r["x"][i] for r in rows) / count for i in range(width)]
    scale = [math.sqrt(sum((r["x"][i] - mean[i]) ** 2 for r in rows) / count) or 1.0
             for i in range(width)]
    zs = [[(v - m) / s for v, m, s in zip(r["x"][:width], mean, scale, strict=True)]
          for r in rows]
    folds = sorted({fold_of(r) for r in rows})
    best = None
    for penalty in penalties:
        held = [0.0] * count
        for fold in folds:
            part = [i for i, r in enumerate(rows) if fold_of(r) != fold and not r["ok"]]
            weights = fit([zs[i] for i in part], [int(rows[i]["must"]) for i in part], penalty)
            for i, r in enumerate(rows):
                if fold_of(r) == fold:
                    held[i] = _chance(weights, zs[i])
        loss = -sum(math.log(max(1e-12, p if r["must"] or r["ok"] else 1 - p))
                    for p, r in zip(held, rows, strict=True)) / count
        if best is None or loss < best[0]:
            best = (loss, penalty, held)
    return best


def main() -> int:
    if not devset.extra_folders() or not devset.FEEDS.is_dir():
        print("the tuning sets' text is absent: set DIGEST_TOPICS_DEVSET", file=sys.stderr)
        return 2
    with patch.object(Verdict, "load", return_value=None):
        taxonomy = Taxonomy.from_settings(digest_settings(str(ROOT / "pelicanconf.py")))
    rows, given = candidates(taxonomy, seven_sets())
    base = totals(given, set())
    print(f"{len(given)} stories, {len(rows)} candidates; without the verdict: precision "
          f"{base[0]:.3f} recall {base[1]:.3f} clearly wrong {base[2]}")
    width = len(rows[0]["x"])
    by_publisher = lambda r: hashlib.sha1(r["publisher"].encode()).digest()[0] % 10  # noqa: E731
    for folds, fold_of in (("by publisher", by_publisher), ("one set out", lambda r: r["set"])):
        for name, size, learned in (
                ("the verdict's features", width - len(RICHER), rows),
                ("with the richer evidence", width, rows),
                ("with the richer evidence, second topics only", width,
                 [r for r in rows if r["x"][0] == 0.0])):
            loss, penalty, held = held_out(learned, size, fold_of)
            print(f"{name}, folds {folds}: penalty {penalty:g}, held-out log loss {loss:.4f}")
            for cut in CUTS[2:9]:
                dropped = {(r["story"], r["slug"]) for r, p in zip(learned, held, strict=True)
                           if r["given"] and p < cut}
                p, r, w = totals(given, dropped)
                print(f"  cut {cut:.2f}: precision {p:.3f} recall {r:.3f} clearly wrong {w}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
