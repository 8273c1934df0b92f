"""Write the text of the ECB+ same-event splits from a checkout holding ECB+'s XML files.

Not a test: a tool that makes ``ecbplus.jsonl`` for ``clusters_ecbplus.py``.
ECB+ (Cybulska and Vossen, LREC 2014; github.com/cltl/ecbPlus, its ``ECB+.zip``, also
unpacked in github.com/cltl/ECB-parser's ``ECB+/``) is an event-coreference corpus of
43 topics. Its "plus" half, ``ECB+/TOPIC/TOPIC_Necbplus.xml``, holds 502 real news
articles found through Google Search, each a page's URL, headline, date line and text
as tokens, a topic's articles telling one seminal event (Lindsay Lohan checking into
Betty Ford, an earthquake, a firm buying another) and, as Google found them, some later
developments. The annotation is CC BY 3.0; the articles' text belongs to their outlets:
it stays out of our repository; only the labels
(``tests/data/same_event_real/labels_ecbplus.json``: ids, events, splits) are ours.

For each ``*ecbplus.xml`` this writes one JSON line: id (``TOPIC_N``), topic, url,
publisher (the URL's host without "www."), title, date (ISO: the date line's day and,
when it gives one, its time and zone; else a date in the URL; "" when neither has one)
and paragraphs (the text's sentences after the header, tokens joined back).

Usage: python tests/devset_clusters_ecbplus.py CHECKOUT OUT_DIR
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlparse

from devset_writing import two_paths, write_lines

OUTPUT = "ecbplus.jsonl"
MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_WORDY = re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*(\d{4})", re.I)
_WORDY_DMY = re.compile(r"\b(\d{1,2})\s+" + _MONTH + r"\s*,?\s*(\d{4})", re.I)
_NUMERIC = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4}|\d{2})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_URL_DATE = re.compile(r"/(\d{4})[/-](\d{2}|" + _MONTH[1:-7] + r")[/-](\d{2})(?:[/-]|$)", re.I)
_TIME = re.compile(r"\b(\d{1,2})\s*:\s*(\d{2})\s*(a\s*\.?\s*m\b\.?|p\s*\.?\s*m\b\.?)?"
                   r"\s*(edt|est|et|pdt|pst|pt|cdt|cst|ct|gmt|bst|utc)?", re.I)
# US zones in summer and winter; ET and PT without a letter follow the month
_ZONES = {"edt": -4, "est": -5, "pdt": -7, "pst": -8, "cdt": -5, "cst": -6, "gmt": 0,
          "bst": 1, "utc": 0}


def detokenized(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = text.replace("``", '"').replace("''", '"')
    text = re.sub(r"\s+([,.;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[$])\s+", r"\1", text)
    text = re.sub(r"\s+(['’](?:s|re|ve|ll|d|m)\b|n['’]t\b)", r"\1", text)
    text = re.sub(r"(\w)\s+([-/])\s+(?=\w)", r"\1\2", text)
    text = re.sub(r'"\s+([^"]*?)\s+"', r'"\1"', text)
    text = re.sub(r"(\d)([:.,])\s+(?=\d)", r"\1\2", text)  # 4:59, 6.1, $1,199
    return re.sub(r"\b([A-Z])\.\s+(?=[A-Z]\.)", r"\1.", text).strip()  # U.S.


def _day(line: str) -> tuple[int, int, int] | None:
    if m := _WORDY.search(line):
        return int(m[3]), MONTHS[m[1][:3].lower()], int(m[2])
    if m := _WORDY_DMY.search(line):
        return int(m[3]), MONTHS[m[2][:3].lower()], int(m[1])
    if m := _NUMERIC.search(line):
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        return year, int(m[1]), int(m[2])
    if m := _ISO.search(line):
        return int(m[1]), int(m[2]), int(m[3])
    return None


def _when(line: str) -> str | None:
    """The ISO time a date line gives: its day, and its time in its zone when it has one
    (a day alone is left a day: the reader takes it as noon UTC)."""
    day = _day(line)
    if day is None or not 1990 <= day[0] <= 2030 or not 1 <= day[1] <= 12:
        return None
    time = _TIME.search(line)
    if not time or not time[3] and not time[4]:
        return datetime(*day).date().isoformat()
    hour, minute = int(time[1]) % 12 if time[3] else int(time[1]), int(time[2])
    if time[3] and time[3].lower().startswith("p"):
        hour += 12
    zone = (time[4] or "et").lower()
    summer = 4 <= day[1] <= 10
    offset = _ZONES.get(zone, {"et": -4 if summer else -5, "pt": -7 if summer else -8,
                               "ct": -5 if summer else -6}.get(zone, 0))
    if hour > 23:
        return datetime(*day).date().isoformat()
    return datetime(*day, hour, minute, tzinfo=timezone(timedelta(hours=offset))).isoformat()


def _url_day(url: str) -> str | None:
    if m := _URL_DATE.search(url):
        month = int(m[2]) if m[2].isdigit() else MONTHS[m[2][:3].lower()]
        if 1990 <= int(m[1]) <= 2030 and 1 <= month <= 12 and 1 <= int(m[3]) <= 31:
            return datetime(int(m[1]), month, int(m[3])).date().isoformat()
    return None


def record(path: Path) -> dict:
    root = ET.parse(path).getroot()
    sentences: dict[int, list[str]] = {}
    for token in root.iter("token"):
        sentences.setdefault(int(token.get("sentence")), []).append(token.text or "")
    lines = [detokenized(tokens) for _, tokens in sorted(sentences.items())]
    url = lines[0].replace(" ", "") if lines and lines[0].startswith("http") else ""
    header = lines[1:4] if url else lines[:3]
    offset = 1 if url else 0
    dated = next((i for i, line in enumerate(header)
                  if len(line.split()) <= 14 and _when(line)), None)
    titled = next((i for i in range(min(2, len(header))) if i != dated), None)
    title = header[titled] if titled is not None else ""
    skip = {0} if url else set()
    skip |= {offset + i for i in (dated, titled) if i is not None}
    body = [line for i, line in enumerate(lines) if i not in skip]
    date = (_when(header[dated]) if dated is not None else None) or _url_day(url) or ""
    stem = path.name.removesuffix("ecbplus.xml")
    return {"id": stem, "topic": stem.split("_")[0], "url": url,
            "publisher": urlparse(url).netloc.removeprefix("www."), "title": title,
            "date": date, "paragraphs": [p for p in body if p],
            "via": "cltl/ECB-parser ECB+/*/*ecbplus.xml (ECB+ 1.0)"}


def main(argv: list[str]) -> int:
    paths = two_paths(argv, __doc__)
    if paths is None:
        return 2
    checkout, out = paths
    files = sorted((checkout / "ECB+").glob("*/*ecbplus.xml"))
    if not files:
        print(f"{checkout}: no ECB+/*/*ecbplus.xml here: is it a checkout of cltl/ECB-parser "
              "(or ECB+.zip unpacked)?", file=sys.stderr)
        return 2
    records = sorted((record(f) for f in files),
                     key=lambda r: tuple(map(int, r["id"].split("_"))))
    out.mkdir(parents=True, exist_ok=True)
    write_lines(out / OUTPUT, records)
    print(f"{sum(not r['date'] for r in records)} of them without a date")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
