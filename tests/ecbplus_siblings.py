"""ECB+'s sibling events as distractors: how many does the method join, on tune topics?

    .venv/bin/python tests/ecbplus_siblings.py CHECKOUT [HOURS ...]

Not a test: a tool for a round that looks at distractors of one subject (issue 19).
ECB+ was built with two events of one kind per topic: its "ECB" half
(``ECB+/TOPIC/TOPIC_Necb.xml`` in a checkout of cltl/ECB-parser) tells another
occurrence than its "plus" half, the one ``clusters_ecbplus.py`` labels: Chris Weitz in
talks to direct "New Moon" beside Gary Ross and "Catching Fire", the Angels' offer to
Teixeira beside the Red Sox's, another Qeshm earthquake, another Chargers player's DUI
arrest, Klitschko's fight with Rahman beside the one with Thompson. The ECB pages have
neither headline nor date, so each is given its first sentence as headline and a time
``HOURS`` (0, 24 and 72 by default) after noon UTC of its topic's busiest ECB+ day,
then clustered with the tune-ecbplus stories. An ECB page put in a cluster with an ECB+
story is a sibling event joined. The time is made up (the siblings are months or years
apart, which the window alone parts), so this is a stress test of one subject's other
occurrence on the same days, not a figure of quality. Only the topics of tune-ecbplus
are read: an untouched topic's siblings are its held-out events' neighbours.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import clusters_ecbplus as E  # noqa: E402
from devset_clusters_ecbplus import detokenized  # noqa: E402

from news_digest.enrich import clusters as C  # noqa: E402

SPLIT = "tune-ecbplus"


def siblings(checkout: Path, topics: set[str]) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """Each ECB page of ``topics``: its topic, first sentence and other sentences."""
    found = {}
    for path in sorted((checkout / "ECB+").glob("*/*ecb.xml")):
        topic = path.parent.name
        if topic not in topics:
            continue
        sentences: dict[int, list[str]] = defaultdict(list)
        for token in ET.parse(path).getroot().iter("token"):
            sentences[int(token.get("sentence"))].append(token.text or "")
        lines = [detokenized(tokens) for _, tokens in sorted(sentences.items())]
        if len(lines) >= 2:
            found[f"ecb-{path.stem}"] = (topic, lines[0], tuple(lines[1:]))
    return found


def joined(checkout: Path, hours: int) -> tuple[int, int, Counter]:
    """(ECB pages, those joined to an ECB+ story, joined pages by topic)."""
    labels = {k: v for k, v in E.labels().items() if v["split"] == SPLIT}
    records = E.records()
    busiest = {}
    for topic in {k.split("_")[0] for k in labels}:
        days = Counter(E.published(records[k]).date() for k in labels
                       if k.split("_")[0] == topic)
        busiest[topic] = max(days.items(), key=lambda day: (day[1], -day[0].toordinal()))[0]
    pages = siblings(checkout, set(busiest))
    inputs = list(E.inputs(SPLIT))
    for key, (topic, title, paragraphs) in pages.items():
        when = datetime.combine(busiest[topic], time(12), UTC) + timedelta(hours=hours)
        inputs.append(C.StoryInput(key, when, title, paragraphs))
    result = C.cluster(inputs)
    plus = Counter(cid for key, cid in result.cluster_of.items() if key not in pages)
    by_topic = Counter(pages[key][0] for key in pages if plus[result.cluster_of[key]])
    return len(pages), sum(by_topic.values()), by_topic


def main(argv: list[str]) -> int:
    if not argv or not (Path(argv[0]) / "ECB+").is_dir():
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    if E.text_file() is None:
        print(f"no {E.FILE} in the development set's folders "
              "(tests/devset_clusters_ecbplus.py writes it)", file=sys.stderr)
        return 2
    for hours in map(int, argv[1:] or ("0", "24", "72")):
        pages, count, by_topic = joined(Path(argv[0]), hours)
        print(f"{hours} h after the busiest day's noon: {count} of {pages} ECB pages of "
              f"{SPLIT}'s topics joined to an ECB+ story (by topic: "
              + ", ".join(f"{t} {n}" for t, n in sorted(by_topic.items(), key=lambda x: int(x[0])))
              + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
