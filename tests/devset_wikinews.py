"""Write the Wikinews text of the topics development set from a checkout of the GUM corpus.

Not a test: a tool that makes ``wikinews-gum.jsonl`` for ``topics_devset.py`` (the text
is CC BY 2.5, Wikinews contributors, but stays out of the repository like every
story of the dev set). GUM (github.com/amir-zeldes/gum) annotates Wikinews news
stories and interviews; for each ``dep/GUM_{news,interview}_*.conllu`` this writes one
JSON line: id (the GUM document name), title, date, url (from ``xml/<id>.xml``), and
the first ``WORDS`` words of its sentences (``# text =`` lines), publisher, licence, via.

Usage: python tests/devset_wikinews.py GUM_CHECKOUT OUT.jsonl
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from devset_writing import two_paths, write_lines

WORDS = 300
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def document(gum: Path, conllu: Path) -> dict:
    name = conllu.stem
    head = (gum / "xml" / f"{name}.xml").read_text(encoding="utf-8").split(">", 1)[0]
    attrs = dict(_ATTR.findall(head))
    sentences = [line[len("# text = "):] for line in conllu.read_text(encoding="utf-8").splitlines()
                 if line.startswith("# text = ")]
    title = attrs.get("title") or sentences[0]
    if sentences and sentences[0].strip() == title.strip():
        sentences = sentences[1:]
    words = " ".join(sentences).split()
    return {"id": name, "title": title, "text": " ".join(words[:WORDS]),
            "date": attrs.get("dateCreated", ""), "url": attrs.get("sourceURL", ""),
            "publisher": "Wikinews", "licence": "CC BY 2.5",
            "via": "GUM corpus (github.com/amir-zeldes/gum)"}


def main(argv: list[str]) -> int:
    paths = two_paths(argv, __doc__)
    if paths is None:
        return 2
    gum, out = paths
    files = sorted((gum / "dep").glob("GUM_news_*.conllu")) + sorted(
        (gum / "dep").glob("GUM_interview_*.conllu"))
    if not files:
        print(f"{gum}: no dep/GUM_news_*.conllu here: is it a GUM checkout?", file=sys.stderr)
        return 2
    records = sorted((document(gum, f) for f in files), key=lambda r: r["id"])
    write_lines(out, records, "Wikinews documents")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
