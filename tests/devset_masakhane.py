"""Write the text of the topics' desk check on MasakhaNEWS English: BBC News stories of 2022.

Not a test: a tool that makes ``masakhane-desks.jsonl`` for ``topics_desks.py`` (issue 18,
topics-desks). Read from a local bare clone (``CLONES/masakhane-io+masakhane-news/repo``)
pinned at ``MASAKHANE``: ``data/eng/dev.tsv`` (472 stories) and ``data/eng/test.tsv`` (948),
columns category, headline, text, url (a path on bbc.co.uk/bbc.com). The category is the
BBC section's desk, not an editor's label: business, entertainment, health, politics,
sports, technology. The text is the BBC's (its first characters are sometimes cut); the
repository has no licence file, and its Hugging Face card names AFL-3.0 for the dataset, so
only the ids (the address's path), the desks and the halves are kept in this repository
(``tests/data/topics_devset/masakhane.json``), never the text. Its ``train.tsv`` is not
read (not in the snapshot, and two sets are enough). MasakhaNEWS is NOT the BBC News
2004-05 classification set.

One JSON line per story: id (the address's path), desk, title, text (paragraphs joined by
newlines), url, via. Usage: .venv/bin/python tests/devset_masakhane.py CLONES_FOLDER OUT.jsonl
(with ``--ids``, OUT is the ids file to write instead: ``masakhane.json``).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

from devset_articles import _git, _story, run_writer

MASAKHANE = ("masakhane-io/masakhane-news", "819be052e79e0a600e0ed4a7356594681cb5c4f3")
FILES = ("data/eng/dev.tsv", "data/eng/test.tsv")


def masakhane(clones: Path) -> list[dict]:
    csv.field_size_limit(1 << 26)
    found = []
    for path in FILES:
        rows = csv.DictReader(io.StringIO(_git(clones, MASAKHANE, path).decode("utf-8")),
                              delimiter="\t")
        for row in rows:
            record = _story("masakhane", f"https://www.bbc.co.uk{row['url']}", row["headline"],
                            row["text"], 2022, f"{MASAKHANE[0]}@{MASAKHANE[1][:9]}:{path}")
            found.append({"id": row["url"], "desk": row["category"], "title": record["title"],
                          "text": record["text"], "url": record["url"], "via": record["via"]})
    return found


def main(argv: list[str]) -> int:
    if argv[:1] == ["--ids"]:
        from topics_desks import masakhane_half  # noqa: PLC0415

        records = masakhane(Path(argv[1]))
        ids = [{"id": r["id"], "desk": r["desk"], "half": masakhane_half(r["id"])}
               for r in records]
        head = json.dumps({"source": f"{MASAKHANE[0]}@{MASAKHANE[1]}", "files": FILES})
        lines = ",\n".join(json.dumps(r) for r in ids)
        Path(argv[2]).write_text(f'{head[:-1]}, "stories": [\n{lines}\n]}}\n', encoding="utf-8")
        print(f"{argv[2]}: {len(ids)} ids")
        return 0
    return run_writer(argv, __doc__, masakhane)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
