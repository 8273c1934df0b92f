"""Write the text of the BASIL same-event splits from a checkout of BASIL.

Not a test: a tool that makes ``basil.jsonl`` for ``clusters_basil.py``.
BASIL (github.com/launchnlp/BASIL, the data of Fan et al., "In Plain Sight: Media
Bias Through the Lens of Factual Reporting", EMNLP 2019) holds 300 real news
articles of 2010 to 2019: 100 events of US news, each reported by the New York
Times, Fox News and the Huffington Post, in ``articles/YEAR/TRIPLET_N.json`` with the
title, the date, the source and the paragraphs. The repository states no licence and
the articles' text belongs to their outlets: it stays out of our repository; only the
labels (``tests/data/same_event_real/labels_basil.json``: ids, events, splits) are ours.

For each ``articles/*/*.json`` this writes one JSON line: id (the file's name,
``TRIPLET_N``: four articles' ``uuid`` is "empty"),
event (its ``triplet-uuid``), publisher (``source``, lower case), title, date (as
BASIL has it: a day, no time), url and paragraphs (each of BASIL's paragraphs, its
sentences joined by a space).

Usage: python tests/devset_clusters_basil.py BASIL_CHECKOUT OUT_DIR
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from devset_writing import two_paths, write_lines

OUTPUT = "basil.jsonl"


def record(path: Path) -> dict:
    item = json.loads(path.read_text(encoding="utf-8"))
    paragraphs = [" ".join(s.strip() for s in p if s.strip()) for p in item["body-paragraphs"]]
    return {"id": path.stem, "event": item["triplet-uuid"],
            "publisher": item["source"].lower(), "title": item["title"].strip(),
            "date": item["date"], "url": item["url"],
            "paragraphs": [p for p in paragraphs if p], "via": "launchnlp/BASIL articles"}


def main(argv: list[str]) -> int:
    paths = two_paths(argv, __doc__)
    if paths is None:
        return 2
    checkout, out = paths
    files = sorted((checkout / "articles").glob("*/*.json"))
    if not files:
        print(f"{checkout}: no articles/*/*.json here: is it a BASIL checkout?", file=sys.stderr)
        return 2
    records = sorted((record(f) for f in files), key=lambda r: r["id"])
    out.mkdir(parents=True, exist_ok=True)
    write_lines(out / OUTPUT, records)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
