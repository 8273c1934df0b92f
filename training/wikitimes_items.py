"""Portal items of other years, as the WikiTimes index of Wikipedia's Current events portal
keeps them.

Offline training data for the topic model (``train_topic_model.py``), never read by a
build. WikiTimes (Tran and Alrifai, "Indexing and Analyzing Wikipedia's Current Events
Portal", WWW 2014) turned the portal's daily pages into records: the item's text
("description"), its desk ("category") and the story it belongs to ("belongsToStory").
A public repository keeps a month of them as JSON (docs/topics.md, "Retraining", says
which); the text is the portal's (CC BY-SA, Wikipedia contributors). This module turns
such files into the same ``Item``s as ``portal_items.py``, the desks named as there.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from training.portal_items import Item

# WikiTimes' category names -> the portal's desks (portal_items.DESKS' values).
DESKS = {
    "War_Conflict": "conflict", "Disaster_Accident": "disaster",
    "International_Relation": "international", "Law_Crime": "law-crime",
    "Politics": "politics", "Business_Finance": "business",
    "Entertainment_Culture": "culture", "Sports": "sports",
    "Technology_Internet": "science-technology", "Science": "science-technology",
    "Health_Medical_Pharma": "health-environment", "Environment": "health-environment",
}


def read_items(folder: Path) -> list[Item]:
    """Every item of every WikiTimes file (``*.json``) in ``folder``, in file order; items
    of a category without a desk are left out."""
    found: list[Item] = []
    for path in sorted(Path(folder).glob("*.json")):
        for record in json.loads(path.read_text(encoding="utf-8")):
            desk = DESKS.get((record.get("category") or {}).get("name", ""))
            text = re.sub(r"[\s,]+$", "", " ".join(record.get("description", "").split()))
            if not desk or len(text.split()) < 4:
                continue
            story = (record.get("belongsToStory") or {}).get("name", "")
            found.append(Item(record.get("date", ""), desk, (story,) if story else (), text))
    return found
