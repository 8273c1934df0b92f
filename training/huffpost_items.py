"""Publishers' own headlines and ledes with a desk, read from the News Category Dataset.

Offline training data for the topic model (``train_topic_model.py``), never read by a
build. Rishabh Misra's News Category Dataset (arXiv:2209.11429; licence CC BY 4.0)
holds HuffPost's headlines and short descriptions, 2012 to 2022, each with the section
HuffPost filed it under ("POLITICS", "BUSINESS", "TECH", ...), one JSON record a line.
Portal items are written by Wikipedia editors, mostly of 2025-2026; these are written
by a publisher, for readers, years earlier: the vocabulary the desks lacked on news of
other years (docs/history/topics.md). docs/topics.md ("Retraining") says which copy.

Only sections that are a news desk are read (``DESKS``); the rest (lifestyle, comedy,
voices, "WORLD NEWS" and "U.S. NEWS", which mix every desk) are left out. The same
``Item`` as ``portal_items.py``: the headline and the description, one text.
"""

from __future__ import annotations

import json
from pathlib import Path

from training.portal_items import Item

# HuffPost's sections that are one of the portal's desks (portal_items.DESKS' values).
# Sections that mix desks (WORLD NEWS, U.S. NEWS, THE WORLDPOST, IMPACT, MEDIA) or that
# no desk files (PARENTING, STYLE, FOOD & DRINK, TRAVEL, WEIRD NEWS, COMEDY, ...) are
# left out: a wrong desk teaches worse than no item.
DESKS = {
    "POLITICS": "politics",
    "BUSINESS": "business", "MONEY": "business",
    "TECH": "science-technology", "SCIENCE": "science-technology",
    "WELLNESS": "health-environment", "HEALTHY LIVING": "health-environment",
    "ENVIRONMENT": "health-environment", "GREEN": "health-environment",
    "CRIME": "law-crime",
    "SPORTS": "sports",
    "ENTERTAINMENT": "culture", "CULTURE & ARTS": "culture", "ARTS": "culture",
    "ARTS & CULTURE": "culture",
}


def read_items(folder: Path) -> list[Item]:
    """Every record of a desk's section in the dataset's files (``*.json``, one record a
    line) in ``folder``, in file order; a record seen in an earlier file (the same link)
    is read once. Raises ``ValueError`` naming the file and line of a record that is not
    JSON."""
    found: list[Item] = []
    seen: set[str] = set()
    for path in sorted(Path(folder).glob("*.json")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}, line {number}: not a JSON record ({error.msg}); "
                                 "the dataset has one record a line") from None
            desk = DESKS.get(str(record.get("category", "")).strip().upper())
            link = record.get("link", "")
            if not desk or link in seen:
                continue
            seen.add(link)
            text = " ".join(f"{record.get('headline', '')} "
                            f"{record.get('short_description', '')}".split())
            if len(text.split()) >= 4:
                found.append(Item(record.get("date", ""), desk, (), text))
    return found
