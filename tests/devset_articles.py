"""Write the text of the topics' FRESH set: real articles kept as test data by extractors.

Not a test: a tool that makes ``fresh-articles.jsonl`` for ``topics_devset.py`` (issue
18, third round). Article extractors keep real publishers' pages with the text a person
marked as the article's body; the text is the publishers', so it stays out of this
repository like every story of the development set. Two sources, read from local bare
clones (``ROOT/<owner>+<name>/repo``):

* ``scrapinghub/article-extraction-benchmark``: ``ground-truth.json`` (the article body
  and URL of 181 pages, captured in 2019-2020) and ``html/<key>.html.gz`` (the page, for
  its headline, date and language);
* ``mozilla/readability``: ``test/test-pages/<name>/`` (``expected-metadata.json`` for
  the headline, ``expected.html`` for the body), pages from 2012-2023.

Only English pages of publishers that are not in the development set are written
(``SEEN`` lists the development set's), so the fresh set is news from publishers no
rule, weight or threshold was ever tuned on. One JSON line per story: id
(``STEM:sha1(url)[:10]``), title, text (paragraphs joined by newlines), url, date,
publisher (the site's host), via.

Usage: .venv/bin/python tests/devset_articles.py CLONES_FOLDER OUT.jsonl
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

from devset_writing import two_paths, write_lines
from lxml import html as lxml_html

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
from news_digest.enrich.language import story_language  # noqa: E402

BENCHMARK = ("scrapinghub/article-extraction-benchmark", "4a3bc979f76c0df73cb95fe272e2fc1b96f9f010")
READABILITY = ("mozilla/readability", "ab4027a8b37669745016869a37a504727992b2ba")
# Hosts of publishers already in the development set (labels.json): not fresh.
SEEN = ("9to5mac.", "abcnews.", "ap.org", "apnews.", "bbc.", "boston.com", "businessinsider.",
        "buzzfeed", "cbsnews.", "cbslocal.", "cbssports.", "cnbc.", "cnn.", "deadspin.",
        "engadget.", "fox9.", "fastcompany.", "foxbusiness.", "foxnews.", "gizmodo.",
        "livemint.", "mlssoccer.", "macworld.", "medscape.", "nbcnewyork.", "nbcnews.",
        "nbcsports.", "nbcdfw.", "npr.", "nytimes.", "newsweek.", "phys.org", "politico.",
        "reuters.", "scitechdaily.", "stuff.co.nz", "theguardian.", "theverge.",
        "washingtonpost.", "tmz.", "yahoo.", "youtube.", "talkingpointsmemo.", "wikinews.")
# Pages of the benchmark that are not a publisher's journalism (a company's news or
# marketing, a personal or a charity's blog, a theatre's site): not news.
NOT_NEWS = ("theantijunecleaver.com", "blog.givewell.org", "bigbrandsystem.com",
            "beachbodyondemand.com", "vortexcannon.org", "jeongdongtheater.com",
            "my6sense.com", "ascom.com", "expapp.com", "blog.comwrap.com")
# Readability's test pages that are news or magazine articles of publishers not seen
# (the others are synthetic pages, blogs, documentation or seen publishers).
READABILITY_PAGES = ("aclu", "ars-1", "breitbart", "citylab-1", "cnet", "herald-sun-1",
                     "lifehacker-working", "medicalnewstoday", "msn", "quanta-1", "salon-1",
                     "seattletimes-1", "telegraph", "webmd-1", "webmd-2")


def _git(clones: Path, repo: tuple[str, str], path: str) -> bytes:
    git = clones / repo[0].replace("/", "+") / "repo"
    return subprocess.run(["git", "--git-dir", str(git), "show", f"{repo[1]}:{path}"],
                          capture_output=True, check=True).stdout


def _added_year(clones: Path, repo: tuple[str, str], path: str) -> int:
    """The year ``path`` entered the repository: when the page was captured, at the latest."""
    git = clones / repo[0].replace("/", "+") / "repo"
    dates = subprocess.run(["git", "--git-dir", str(git), "log", "--diff-filter=A",
                            "--format=%ad", "--date=format:%Y", repo[1], "--", path],
                           capture_output=True, text=True, check=True).stdout.split()
    return int(dates[-1]) if dates else 0


def _page(data: bytes):
    """A page as lxml reads it; UTF-8 first (most pages are, and few say so)."""
    try:
        return lxml_html.fromstring(data.decode("utf-8"))
    except UnicodeDecodeError:
        return lxml_html.fromstring(data)


def _meta(page, *names: str) -> str:
    for name in names:
        for found in page.xpath(f"//meta[@property='{name}' or @name='{name}']/@content"):
            if found.strip():
                return found.strip()
    return ""


def _year(page, url: str) -> int:
    date = _meta(page, "article:published_time", "og:article:published_time", "pubdate",
                 "date", "sailthru.date", "parsely-pub-date", "DC.date.issued")
    for text in (date, url):
        found = re.search(r"(20[0-2]\d)[-/]", text) or re.search(r"/(20[0-2]\d)/", text)
        if found:
            return int(found.group(1))
    return 0


def _story(stem: str, url: str, title: str, text: str, year: int, via: str) -> dict:
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", text)]
    return {"id": f"{stem}:{hashlib.sha1(url.encode()).hexdigest()[:10]}", "title": title,
            "text": "\n".join(p for p in paragraphs if p), "url": url, "year": year,
            "publisher": urlparse(url).netloc.removeprefix("www."), "via": via}


def benchmark(clones: Path):
    truth = json.loads(_git(clones, BENCHMARK, "ground-truth.json"))
    for key, record in sorted(truth.items()):
        url = record["url"]
        host = urlparse(url).netloc
        if any(seen in host for seen in SEEN) or host.removeprefix("www.") in NOT_NEWS:
            continue
        if story_language(record["articleBody"]).split("-")[0] != "en":
            continue
        page = _page(gzip.decompress(_git(clones, BENCHMARK, f"html/{key}.html.gz")))
        title = _meta(page, "og:title", "twitter:title") or (page.findtext(".//title") or "")
        # Pages that do not say when they were published were captured in 2019.
        yield _story("aeb", url, " ".join(title.split()), record["articleBody"],
                     _year(page, url) or 2019,
                     f"{BENCHMARK[0]}@{BENCHMARK[1][:9]}:html/{key}.html.gz")


def readability(clones: Path):
    for name in READABILITY_PAGES:
        folder = f"test/test-pages/{name}"
        meta = json.loads(_git(clones, READABILITY, f"{folder}/expected-metadata.json"))
        source = _page(_git(clones, READABILITY, f"{folder}/source.html"))
        url = (_meta(source, "og:url") or source.xpath("string(//link[@rel='canonical']/@href)")
               or f"https://{name.split('-')[0]}.com/readability-test-page/{name}")
        body = _page(_git(clones, READABILITY, f"{folder}/expected.html"))
        blocks = body.xpath("//p|//h2|//h3|//li|//blockquote")
        text = "\n".join(" ".join(b.text_content().split()) for b in blocks)
        published = meta.get("publishedTime") or ""
        year = (int(published[:4]) if published[:4].isdigit() else _year(source, url)
                or _added_year(clones, READABILITY, f"{folder}/source.html"))
        yield _story("readability", url, meta["title"], text, year,
                     f"{READABILITY[0]}@{READABILITY[1][:9]}:{folder}")


def run_writer(argv: list[str], doc: str, collect) -> int:
    """The writers' command line (``CLONES OUT.jsonl``): the records ``collect`` finds
    in the clones, one JSON object a line."""
    paths = two_paths(argv, doc)
    if paths is None:
        return 2
    write_lines(paths[1], collect(paths[0]), "stories")
    return 0


def main(argv: list[str]) -> int:
    return run_writer(argv, __doc__, lambda clones: [
        r for r in (*benchmark(clones), *readability(clones)) if r["text"]])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
