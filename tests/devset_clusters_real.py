"""Write the text of the real same-event splits from a checkout of Giveme5W1H.

Not a test: a tool that makes ``giveme5w1h-gold.jsonl`` and
``giveme5w1h-news-cluster.jsonl`` for ``clusters_real.py``.
Giveme5W1H (github.com/fhamborg/Giveme5W1H, Apache-2.0 code) ships a gold standard
of 96 real news articles of November 2016, in news-please JSON, by 13 outlets
(BBC, the Guardian, the New York Times, the Washington Post, USA Today, the Daily
Mail, the Sun...), grouped by the event they report. The articles' text belongs to
their outlets: it stays out of the repository, like every story of a dev set; only
the labels (``tests/data/same_event_real/labels.json``) are ours.

Its ``news_cluster`` set holds 383 more articles of 2016 to 2018 by 90 outlets
(NPR, CNN, the Washington Post, Reuters, China Daily, the Hindustan Times...),
grouped by subject; ``labels_news_cluster.json`` says which report one event.

For each ``Giveme5W1H/examples/datasets/{gold_standard,news_cluster}/data/*.json``
this writes one JSON line: id (the corpus' ``dId``), publisher, title, date (``date_publish`` as
the corpus has it, or null), url and text (news-please joins an article's
paragraphs into one string; ``clusters_real.py`` splits it again).

Usage: python tests/devset_clusters_real.py GIVEME5W1H_CHECKOUT OUT_DIR
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from devset_writing import two_paths, write_lines

DATASETS = Path("Giveme5W1H/examples/datasets")
OUTPUTS = {"gold_standard": "giveme5w1h-gold.jsonl",
           "news_cluster": "giveme5w1h-news-cluster.jsonl"}


def record(path: Path) -> dict:
    item = json.loads(path.read_text(encoding="utf-8"))
    return {"id": item["dId"], "publisher": item.get("publisher") or item["source_domain"],
            "title": item["title"],
            "date": item.get("date_publish"), "url": item["url"], "text": item["text"],
            "via": "fhamborg/Giveme5W1H gold_standard"}


def main(argv: list[str]) -> int:
    paths = two_paths(argv, __doc__)
    if paths is None:
        return 2
    checkout, out = paths
    for dataset, name in OUTPUTS.items():
        files = sorted((checkout / DATASETS / dataset / "data").glob("*.json"))
        if not files:
            print(f"{checkout}: no {DATASETS}/{dataset}/data/*.json here: is it a Giveme5W1H "
                  "checkout?", file=sys.stderr)
            return 2
        records = sorted((record(f) for f in files), key=lambda r: r["id"])
        out.mkdir(parents=True, exist_ok=True)
        write_lines(out / name, records)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
