"""Write the text of the topics' FOURTH fresh set: news pages kept by a date extractor.

Not a test: a tool that makes ``fresh4-articles.jsonl`` for ``topics_devset.py`` (issue
18, tenth round). ``adbar/htmldate`` keeps about a thousand real pages as the test data of
its date extraction: ``tests/eval_default.json`` (the page's address and file, in
``tests/eval/`` or ``tests/cache/``) and ``tests/eval_mediacloud_2020.json`` (a sample of
the world's news of 2020 from MediaCloud, files in ``tests/test_set/``). The text is the
publishers', so it stays out of this repository like every story of the sets; the
repository's own licence (Apache 2.0) covers its code, not the pages.

The body is read from the page as ``devset_fresh3.py`` reads it (the paragraphs of the
article element with the most paragraph text). Only English pages of publishers in none of
the earlier sets are written (the hosts of the development set and of the three fresh sets,
read from their labels), and only a publisher's journalism (``NOT_NEWS``). One JSON line
per story, as ``devset_articles.py`` writes them: id (``htmldate:sha1(url)[:10]``), title,
text, url, year, publisher (the site's host), via.

Usage: .venv/bin/python tests/devset_fresh4.py CLONES_FOLDER OUT.jsonl
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

from devset_articles import _git, _story, run_writer
from devset_fresh3 import LABELS, _record, is_seen, one_per_page
from topics_devset import site

from news_digest.enrich.language import story_language

HTMLDATE = ("adbar/htmldate", "b8952828329abaeeb3be21387b526f2be614ce67")
EXTRACTION = ("tiptopjaw/web-content-extraction-benchmark",
              "977613a3a90de65c9ed5e1db251eeede7b9d9714")
# htmldate's pages that are not a publisher's journalism: companies', charities',
# universities', think tanks' and personal sites and blogs, terms of service, a spam page.
NOT_NEWS = ("blog.wikimedia.org", "pixabay.com", "treyhunner.com", "verfassungsblog.de",
            "eff.org", "facebook.com", "gnu.org", "hertie-school.org", "optimussearch.com.ph",
            "carnegieendowment.org", "zitrod.com")
# Pages whose text is not the headline's article (the reader finds the site's comment
# policy, or another article of the page) or is not English (the language test passes
# a Tagalog column for its English quotation): left out before labelling.
LEFT_OUT = (
    "http://rssfeeds.detroitnews.com/~/619980292/0/detroit/home~Men-chased-her-shot-her-at-"
    "front-door-now-reward-offered-for-slaying-suspects/",
    "https://theweek.com/speedreads/887020/trump-visited-trumpowned-golf-course-nearly-24-"
    "percent-days-2019",
    "https://www.philstar.com/showbiz/2020/11/27/2059828/abs-cbn-nagsalita-na-sa-paglayas-ni-bea",
)
# The extraction benchmark's pages (``benchmark/ground-truth/<file>``, 2024-2025) that are a
# news publisher's reporting, features or opinion: most of its 1,000 pages are companies'
# pages, shops, forums, documentation and listicles of products, which are not news.
EXTRACTION_NEWS = ("0031", "0034", "0078", "0119", "0120", "0153", "0160", "0174", "0208",
                   "0221", "0279", "0333", "0382", "0385", "0387", "0394", "0395", "0399",
                   "0402", "0405", "0408", "0421", "0456", "0457", "0462", "0471",
                   "0473", "0475", "0478", "0480")


def seen_hosts(names=("labels.json", "fresh.json", "fresh2.json", "fresh3.json")) -> set[str]:
    """The hosts of every publisher of the labels files ``names``: the development set and
    the three fresh sets before this one."""
    hosts = set()
    for name in names:
        for record in json.loads((LABELS / name).read_text(encoding="utf-8"))["stories"]:
            hosts.add(urlparse(record["url"]).netloc.removeprefix("www."))
            hosts.add(record["publisher"].removeprefix("www."))
    return hosts


def is_known(host: str, seen: set[str]) -> bool:
    """A publisher of an earlier set, under any of its sites' hosts ("sports.ndtv.com" is
    NDTV, "feeds.mashable.com" Mashable)."""
    return is_seen(host, seen) or site(host) in {site(h) for h in seen}


def htmldate(clones: Path, seen: set[str]):
    listing = set(subprocess.run(
        ["git", "--git-dir", str(clones / "adbar+htmldate" / "repo"), "ls-tree", "-r",
         "--name-only", HTMLDATE[1], "tests/eval", "tests/cache", "tests/test_set"],
        capture_output=True, text=True, check=True).stdout.splitlines())
    for index in ("tests/eval_default.json", "tests/eval_mediacloud_2020.json"):
        # The MediaCloud index writes an unknown date as NaN, which JSON does not have.
        pages = json.loads(_git(clones, HTMLDATE, index).decode("utf-8").replace("NaN", "null"))
        for url, entry in sorted(pages.items()):
            where = [f"tests/{d}/{entry['file']}" for d in ("eval", "cache", "test_set")]
            path = next((p for p in where if p in listing), None)
            host = urlparse(url).netloc.removeprefix("www.")
            if path is None or host in NOT_NEWS or url in LEFT_OUT or is_known(host, seen):
                continue
            found = _record(clones, HTMLDATE, "htmldate", path, url, seen)
            if found:
                yield found


def extraction(clones: Path, seen: set[str]):
    """The benchmark's news pages: its ground truth holds the address, headline, date and
    the article's text as a person approved it."""
    for name in EXTRACTION_NEWS:
        path = f"benchmark/ground-truth/{name}.json"
        record = json.loads(_git(clones, EXTRACTION, path))
        truth, url = record["ground_truth"], record["url"]
        text = truth.get("main_content") or ""
        if is_known(urlparse(url).netloc, seen) or len(text.split()) < 80:
            continue
        if story_language(truth["title"] + "\n" + text).split("-")[0] != "en":
            continue
        year = int((truth.get("publish_date") or "0")[:4])
        yield _story("wceb", url, truth["title"], text, year,
                     f"{EXTRACTION[0]}@{EXTRACTION[1][:9]}:{path}")


def main(argv: list[str]) -> int:
    def collect(clones: Path):
        seen = seen_hosts()
        return one_per_page((*htmldate(clones, seen), *extraction(clones, seen)))
    return run_writer(argv, __doc__, collect)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
