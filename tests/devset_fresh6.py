"""Write the text of the topics' SIXTH fresh set: news crawled by two news datasets.

Not a test: a tool that makes ``fresh6-articles.jsonl`` (the labelled set) and
``fresh6-desks.jsonl`` (a desk check at scale, not labelled by hand) for
``topics_devset.py`` (issue 18, topics-data6). Read from local bare clones
(``CLONES/<owner>+<name>/repo``), each pinned at a commit:

* ``Webhose/free-news-datasets``: Webz.io's weekly free news datasets
  (``News_Datasets/<Category>_<sentiment>_<date>.zip``, JSON articles of many publishers,
  2024-2026). Every zip of the newest commit is larger than a snapshot keeps; the one
  whose text is here is the first upload of ``Human Interest_positive_20240128124133.zip``
  (``WEBZ``: 136 articles of December 2023, a cut-off upload replaced two seconds later,
  read entry by entry since it has no central directory). Terms (its ``tou.MD``): free
  for academic, research and journalistic purposes, under a limited, non-transferable
  licence; the crawled content stays subject to its owners' terms, and Webz.io does not
  vouch for it. Only ids, addresses and labels are kept in this repository.
* ``ramybaly/Article-Bias-Prediction`` (Apache-2.0, its code): 37,554 articles of
  2012-2020 from AllSides (``data/jsons/<ID>.json``: the publisher, address, date,
  AllSides' topic and the body as newspaper3k read it), mostly US politics from hundreds
  of publishers; the text is the publishers'.

Only English stories of at least 80 words, of publishers in none of the earlier sets (the
hosts of the six labels files, compared by site as ``devset_fresh5.is_new`` does), and only
a publisher's journalism (``NOT_NEWS``: think tanks, pollsters, universities, charities,
press releases, content farms, a forum, a video site, newsletters) are written; at most
``PER_PUBLISHER`` stories a publisher (by site), chosen by sha1 of the address, so the set
spans many publishers. AllSides' publishers with fewer than ``AT_LEAST`` stories there are
left out (one-off blogs and pages). ``fresh6-desks.jsonl`` holds up to ``DESK_STORIES``
more AllSides stories a publisher of the same publishers, none of them labelled, whose
AllSides topic names a desk (``DESKS``), the desk in the record's ``desk``.

Usage: .venv/bin/python tests/devset_fresh6.py CLONES_FOLDER OUT.jsonl (the desks' file is written
beside it)
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

from devset_articles import _git, _story, run_writer
from devset_fresh4 import seen_hosts
from devset_fresh5 import NOT_NEWS as NOT_NEWS_EARLIER
from devset_fresh5 import _english, _listing, is_new
from devset_writing import write_lines
from topics_devset import site

EARLIER = ("labels.json", "fresh.json", "fresh2.json", "fresh3.json", "fresh4.json",
           "fresh5.json")
WEBZ = ("Webhose/free-news-datasets", "0633df8d9a1ee7bfc463ea325bc1c3ecb07a1bc5",
        "News_Datasets/Human Interest_positive_20240128124133.zip")
ALLSIDES = ("ramybaly/Article-Bias-Prediction", "ced8111a720948e6a410e52031ace99c4e53f096")
PER_PUBLISHER = {"webz": 2, "allsides": 1}
# AllSides' publishers with this many stories or more give a second one.
SECOND_FROM = 10
AT_LEAST = 3
DESK_STORIES = 30
# AllSides' topics that name a desk of the issue ("at scale, at least 95 % of each desk's
# stories get their desk's topic").
DESKS = {
    "politics": ("elections", "politics", "white_house", "us_senate", "us_house",
                 "us_congress", "impeachment", "campaign_finance", "republican_party",
                 "democratic_party", "federal_budget", "fiscal_cliff", "state_department",
                 "polarization"),
    "business": ("economy_and_jobs", "banking_and_finance", "trade", "taxes", "labor",
                 "economic_policy", "business"),
    "technology": ("technology", "cybersecurity"),
    "sports": ("sports",),
}
# Not a publisher's journalism: think tanks, pollsters and research centres, universities,
# charities and campaigns, a government's site, press releases and newsletters, content
# farms and link pages, a forum, a video site's descriptions, a news aggregator, a house ad.
NOT_NEWS = (*NOT_NEWS_EARLIER, "brookings.edu", "cato.org", "heritage.org",
            "americanprogress.org", "aei.org", "rand.org", "mercatus.org", "pewresearch.org",
            "journalism.org", "people-press.org", "pewsocialtrends.org", "pewinternet.org",
            "pewforum.org", "pewglobal.org", "gallup.com", "rasmussenreports.com",
            "hrw.org", "splc.org", "glaad.org", "redcross.org", "aarp.org", "cpj.org",
            "rcfp.org", "lse.ac.uk", "oup.com", "arizona.edu", "harvard.edu", "rutgers.edu",
            "mit.edu", "hbs.edu", "brown.edu", "qu.edu", "uwyo.edu", "northwestern.edu",
            "bath.ac.uk", "independent.org", "prageru.com", "mrc.org", "ted.com",
            "mailchi.mp", "campaign-archive1.com", "medium.com", "google.com",
            "whitehouse.gov", "nasa.gov", "businesswire.com", "newswise.com", "theflipside.io",
            "bushcenter.org", "atr.org", "fee.org", "zoa.org", "opensecrets.org",
            "bipartisanpolicy.org", "americanmind.org", "fas.org", "civilpolitics.org",
            "psychologicalscience.org", "jstor.org", "reason.org", "timeinc.net",
            "mygovcost.org", "futuristspeaker.com", "metrocosm.com", "peacock-panache.com",
            "erraticus.co", "fabiusmaximus.com", "victorhanson.com", "michellemalkin.com",
            "dagblog.com", "frcblog.com", "onlinejournalismblog.com", "bayareabandwidth.net",
            "ampedpages.com", "pages10.com", "prsync.com", "einpresswire.com",
            "easybranches.com", "godlikeproductions.com", "brighteon.com", "vnexplorer.net",
            "newsbreak.com", "archyde.com", "historycooperative.org", "ground.news",
            "dallasnews.com", "allsides.com")
# Pages that are not a story with its headline: a broadcaster's merchandise advertisement,
# and a page whose headline was crawled as a button's label ("chevron-right").
LEFT_OUT = ("https://abc7.com/abc7-feed-socal-friday-feeding-the-homeless-los-angeles/6392451/",
            "https://cnycentral.com/news/local/gov-kathy-hochul-announces-over-4m-in-housing-"
            "grants-benefiting-cny")


def _new(host: str, seen: set[str]) -> bool:
    return is_new(host, seen) and site(host) not in NOT_NEWS


def zip_entries(data: bytes):
    """The members of a zip read by their local headers (stored or deflated), so that a
    cut-off upload without its central directory is read as far as it goes."""
    import zlib  # noqa: PLC0415

    pos = 0
    while data[pos:pos + 4] == b"PK\x03\x04":
        method, size, name_len, extra_len = (struct.unpack("<H", data[pos + 8:pos + 10])[0],
                                             *struct.unpack("<I", data[pos + 18:pos + 22]),
                                             *struct.unpack("<HH", data[pos + 26:pos + 30]))
        start = pos + 30 + name_len + extra_len
        body = data[start:start + size]
        if len(body) < size:
            return
        yield zlib.decompress(body, -15) if method == 8 else body
        pos = start + size


def _capped(records, per_publisher, key=lambda r: r["url"]):
    """At most ``per_publisher(site, count)`` records a publisher (by site), the first by
    sha1 of ``key``; the records' order is kept."""
    by_site = defaultdict(list)
    for record in records:
        by_site[site(record["publisher"])].append(record)
    kept = set()
    for publisher, group in by_site.items():
        group.sort(key=lambda r: hashlib.sha1(key(r).encode()).hexdigest())
        kept.update(id(r) for r in group[:per_publisher(publisher, len(group))])
    return [r for r in records if id(r) in kept]


def webz(clones: Path, seen: set[str]):
    repo = WEBZ[:2]
    found = []
    for entry in zip_entries(_git(clones, repo, WEBZ[2])):
        article = json.loads(entry)
        url, title, text = article["url"], article["title"], article["text"]
        if (article["language"] != "english" or url in LEFT_OUT
                or not _new(urlparse(url).netloc, seen)
                or not _english(title, text)):
            continue
        found.append(_story("webz", url, title, text, int(article["published"][:4]),
                            f"{repo[0]}@{repo[1][:9]}:{WEBZ[2]}"))
    return _capped(found, lambda _site, _count: PER_PUBLISHER["webz"])


def _blobs(clones: Path, repo: tuple[str, str], paths: list[str]):
    """The contents of ``paths`` at the pinned commit, through one ``git cat-file``."""
    git = clones / repo[0].replace("/", "+") / "repo"
    out = subprocess.run(["git", "--git-dir", str(git), "cat-file", "--batch"],
                         input="".join(f"{repo[1]}:{p}\n" for p in paths).encode(),
                         capture_output=True, check=True).stdout
    pos = 0
    for _ in paths:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        yield out[header_end + 1:header_end + 1 + size]
        pos = header_end + 1 + size + 1


def allsides_candidates(clones: Path, seen: set[str]) -> list[dict]:
    """AllSides' English stories of at least 80 words from new news publishers, each with
    its AllSides topic (``topic``), in the order of their files."""
    paths = sorted(p for p in _listing(clones, ALLSIDES, "data/jsons") if p.endswith(".json"))
    found = []
    for path, data in zip(paths, _blobs(clones, ALLSIDES, paths), strict=True):
        article = json.loads(data)
        url, title, text = article["url"], article["title"], article["content_original"]
        hosts = (urlparse(url).netloc, article["source_url"])
        if not url.startswith("http") or not all(_new(h, seen) for h in hosts):
            continue
        if not _english(title, text):
            continue
        # Some dates are missing or in another form: then the address's year, if it has one.
        dated = re.search(r"^(20[0-2]\d)-", article["date"]) or re.search(r"/(20[0-2]\d)/", url)
        year = int(dated.group(1)) if dated else 0
        record = _story("allsides", url, title, text, year,
                        f"{ALLSIDES[0]}@{ALLSIDES[1][:9]}:{path}")
        record["topic"] = article["topic"]
        found.append(record)
    return found


def allsides_split(candidates: list[dict]) -> tuple[list[dict], list[dict]]:
    """(the stories to label, the desk check's stories): of publishers with at least
    ``AT_LEAST`` stories, one each (two from ``SECOND_FROM`` on); then up to
    ``DESK_STORIES`` more a publisher whose topic names a desk."""
    counts = defaultdict(int)
    for record in candidates:
        counts[site(record["publisher"])] += 1
    pool = [r for r in candidates if counts[site(r["publisher"])] >= AT_LEAST]
    labelled = _capped(pool, lambda _site, count: 1 + (count >= SECOND_FROM))
    taken = {r["id"] for r in labelled}
    desk_of = {topic: desk for desk, topics in DESKS.items() for topic in topics}
    rest = [{**r, "desk": desk_of[r["topic"]]} for r in pool
            if r["id"] not in taken and r["topic"] in desk_of]
    return labelled, _capped(rest, lambda _site, _count: DESK_STORIES)


def main(argv: list[str]) -> int:
    def collect(clones: Path):
        seen = seen_hosts(EARLIER)
        labelled, desks = allsides_split(allsides_candidates(clones, seen))
        out = Path(argv[1])
        desks_file = out.with_name(out.name.replace("articles", "desks"))
        write_lines(desks_file, desks, "stories")
        return [*webz(clones, seen), *({k: v for k, v in r.items() if k != "topic"}
                                       for r in labelled)]
    return run_writer(argv, __doc__, collect)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
