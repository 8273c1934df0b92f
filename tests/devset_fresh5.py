"""Write the text of the topics' FIFTH fresh set: news pages and feeds kept as test data.

Not a test: a tool that makes ``fresh5-articles.jsonl`` for ``topics_devset.py`` (issue
18, topics-data5). Read from local bare clones (``CLONES/<owner>+<name>/repo``), each
pinned at a commit:

* ``flairNLP/fundus`` (MIT): a news scraper whose parsers are tested on real pages of each
  publisher it supports (``tests/resources/parser/test_data/<country>/<Publisher>_<crawl
  date>.html.gz``, the address in the folder's ``meta.info``), 2023-2026, from South
  Africa, Lesotho, Namibia, Tanzania, Canada, Mexico, Taiwan, Japan, Australia, the UK and
  the US; and (``HISTORIC``) a few pages it kept earlier, read at the last commit that had
  them;
* ``adbar/trafilatura`` (Apache-2.0), at the commit the third set read: Caribbean and
  Central American pages of April 2022 kept in ``tests/eval`` but not listed in its
  evaluation index, which the third set read (``HISTORIC``);
* ``jocmp/mercury-parser`` (MIT), the maintained fork of the Mercury parser:
  ``fixtures/<host>/<Unix time in ms>.html``, 2024-2026;
* ``go-shiori/go-readability`` (MIT): Readability's test pages, ``test-pages/*/source.html``;
* ``jocmp/capyreader`` (GPL-3.0, its code): feeds kept as test fixtures
  (``FEEDS``), read by the importer's own reader like ``devset_feeds.py``.

The text is the publishers', so it stays out of this repository like every story of the
sets. A page's body is read as ``devset_fresh3.py`` reads it. Only English stories of at
least 80 words, of publishers in none of the earlier sets (the hosts of the development set
and of the four fresh sets, read from their labels, compared by site as ``devset_fresh4.py``
does; ``LEFT_OUT``), and only a publisher's journalism (``NOT_NEWS``) are written. One
JSON line per story, as ``devset_articles.py`` writes them.

Usage: .venv/bin/python tests/devset_fresh5.py CLONES_FOLDER OUT.jsonl
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import time
from functools import partial
from pathlib import Path
from urllib.parse import urlparse

from devset_articles import _git, _story, run_writer
from devset_feeds import feed_stories
from devset_fresh3 import NOT_NEWS as NOT_NEWS_EARLIER
from devset_fresh3 import _added_year, _page, _published, _title, body_text, one_per_page
from devset_fresh4 import is_known, seen_hosts
from lxml import etree

from news_digest.enrich.language import story_language

# The labels of every earlier set: their publishers are not fresh.
EARLIER = ("labels.json", "fresh.json", "fresh2.json", "fresh3.json", "fresh4.json")
FUNDUS = ("flairNLP/fundus", "18da6e53592f99cf0ac5770dc63d6ba99ba63ae8")
MERCURY_FORK = ("jocmp/mercury-parser", "f987e9e0b9766d59595bcbf97ac2ebe0227c5506")
CAPY = ("jocmp/capyreader", "26d349c3c5cba86a7907fb0ae6c5f1be303a4c07")
# Capy Reader's feed fixtures of news publishers: Slashdot (2023, 2024) and Brasil de Fato's
# English items (2024); the other items are Portuguese.
FEEDS = (("slashdot-2024", "rssparser/src/test/resources/feed-rdf-test.xml"),
         ("slashdot-2023", "rssparser/src/test/resources/feed-test-atom-category-attribute.xml"),
         ("brasildefato-2024", "feedfinder/src/test/resources/brasildefato_com_br.xml"))
FEED_ITEMS = 10
GO_READABILITY = ("go-shiori/go-readability", "5db1dc9836f0dda58b8112d3a93141b25eeeb454")
# Pages that are not a publisher's journalism (besides ``devset_fresh3.NOT_NEWS``): a group
# blog's open thread, a personal newsletter, a tools directory, a deals list, developers'
# and companies' blogs, how-to pages, a wiki, a research preprint.
NOT_NEWS = (*NOT_NEWS_EARLIER, "balloon-juice.com", "garymarcus.substack.com",
            "terminaltrove.com", "thedrive.com", "hacks.mozilla.org", "dropbox.tech",
            "ehow.com", "blog.nightly.mozilla.org", "iab.com", "mozilla.org",
            "simplyfound.com", "hakibenita.com", "topicseed.com", "mcupdate.tumblr.com",
            "android-developers.googleblog.com", "reddit.com", "obamawhitehouse.archives.gov")
# Publishers of earlier sets under a site the host test does not catch: The Economic Times
# (fourth set, economictimes.indiatimes.com) and 9to5Google (9to5Mac's, development set).
LEFT_OUT = ("m.economictimes.com", "9to5google.com")
# Pages whose text is not the headline's article (the site's teasers of other stories;
# another article, as the third set found of the same page): left out before labelling.
NO_BODY = (
    "https://barbadostoday.bb/2022/04/21/david-estwick-and-ronnie-yearwood-to-contest-dlps-"
    "top-post/",
    "https://www.rawstory.com/2016/12/these-6-celebrities-are-refusing-to-play-trumps-"
    "inauguration-as-team-scrambles-to-secure-talent/",
)
# Pages that state no date a parser finds, dated by their text: Massy Stores' cyber attack
# and the Trinidad Express's article (its address holds a time-based UUID) are of April 2022,
# like the other pages of that batch.
YEARS = {
    "http://www.guardian.co.tt/news/massy-stores-stalled-nationwide-by-cyber-attack-6.2.1486196"
    ".cb45ff1644": 2022,
    "https://trinidadexpress.com/newsextra/melissa-charged-with-killing-her-mom/article_"
    "1287f62a-c721-11ec-8e4a-675a52c4bccd.html": 2022,
}
STEMS = {"adbar/trafilatura": "traf5", "flairNLP/fundus": "fundus"}
# Pages read at a pinned commit: trafilatura's Caribbean and Central American pages of
# April 2022, kept in ``tests/eval`` but not listed in its evaluation index (so the third
# set, which read the index, never had them), and fundus's earlier test pages, removed
# since (read at the last commit that had them).
_TRAF = ("adbar/trafilatura", "e90b0ef51ab026fdb905fb6c5b3c84dd3d784fd5")
_FUNDUS = "flairNLP/fundus"
_DATA = "tests/resources/parser/test_data"
HISTORIC = (
    *((*_TRAF, f"tests/eval/{name}", url) for name, url in (
        ("barbadostoday.bb-contest.html", "https://barbadostoday.bb/2022/04/21/david-estwick-"
         "and-ronnie-yearwood-to-contest-dlps-top-post/"),
        ("dominicantoday.com-air.html", "https://dominicantoday.com/dr/tourism/2022/04/21/"
         "iberojets-alliance-with-air-europa-will-promote-flights-to-punta-cana/"),
        ("guardian.co.tt-massy.html", "http://www.guardian.co.tt/news/massy-stores-stalled-"
         "nationwide-by-cyber-attack-6.2.1486196.cb45ff1644"),
        ("jamaicans.com-read.html", "http://jamaicans.com/do-you-know-how-to-read-jamaican-"
         "first-ever-webinar-on-how-to-read-the-jamaican-language-april-30-2022/"),
        ("nationwideradiojm.com-caricom.html", "https://nationwideradiojm.com/jmea-president-"
         "says-local-manufacturers-should-focus-more-on-increasing-exports-within-caricom/"),
        ("newsday.co.tt-forex.html", "https://newsday.co.tt/2022/04/28/forex-motion-defeated-"
         "in-senate/"),
        ("thenassauguardian.com-hikes.html", "https://thenassauguardian.com/super-value-"
         "stumped-on-when-price-hikes-will-end/"),
        ("ticotimes.net-migration.html", "https://ticotimes.net/2022/04/21/united-states-"
         "seeks-agreement-on-migration-with-latin-america"),
        ("ticotimes.net-worldbank.html", "https://ticotimes.net/2022/04/26/costa-rican-"
         "president-elect-rodrigo-chaves-apologizes-to-world-bank-officials"),
        ("tribune242.com-gunned.html", "http://www.tribune242.com/news/2022/apr/22/two-more-"
         "gunned-down/"),
        ("trinidadexpress.com-melissa.html", "https://trinidadexpress.com/newsextra/melissa-"
         "charged-with-killing-her-mom/article_1287f62a-c721-11ec-8e4a-675a52c4bccd.html"))),
    (_FUNDUS, "b2d298daa90ddce2fdddd3d0fb9e54360c69ef4a",
     f"{_DATA}/na/TheNamibian_2023_11_28.html.gz",
     "https://www.namibian.com.na/newborn-babys-body-found-at-coastal-dump/"),
    (_FUNDUS, "81594dfd84efa804c78a3997ad148f85c726b573",
     f"{_DATA}/fr/Euronews_2024_04_28.html.gz",
     "https://www.euronews.com/2024/04/28/ireland-seeks-emergency-law-to-return-asylum-"
     "seekers-back-to-uk"),
    (_FUNDUS, "331a97bf1a830373707456eead1c1d61213f2685",
     f"{_DATA}/uk/DailyStar_2024_04_22.html.gz",
     "https://www.dailystar.co.uk/tv/bradley-walsh-says-id-better-32646410"),
    (_FUNDUS, "93f8a5105fb6de1fda8f5ebdf28b1e9b1bfc1f6e", f"{_DATA}/us/TheNation.html.gz",
     "https://www.thenation.com/?post_type=article&p=441749"),
    (_FUNDUS, "fa3bffc775e77a12cdc2294c38abc2399ce1a231", f"{_DATA}/us/FreeBeacon.html.gz",
     "https://freebeacon.com/culture/a-cesspool-of-narcissistic-insular-self-gratification-"
     "how-the-mainstream-media-squandered-the-publics-trust-and-how-to-win-it-back/"),
    (_FUNDUS, "fa3bffc775e77a12cdc2294c38abc2399ce1a231",
     f"{_DATA}/us/TheGatewayPundit.html.gz",
     "https://www.thegatewaypundit.com/2018/08/muellers-prosecutors-take-a-beating-from-"
     "judge-ellis-for-fixating-on-manaforts-expensive-suits-lets-move-on-enough-is-enough/"),
)


def is_new(host: str, seen: set[str]) -> bool:
    """A publisher of none of the earlier sets (under any of its sites), and a news one."""
    host = host.removeprefix("www.")
    return bool(host) and not is_known(host, seen) and host not in (*NOT_NEWS, *LEFT_OUT)


def _listing(clones: Path, repo: tuple[str, str], *folders: str) -> list[str]:
    return subprocess.run(
        ["git", "--git-dir", str(clones / repo[0].replace("/", "+") / "repo"), "ls-tree", "-r",
         "--name-only", repo[1], *folders], capture_output=True, text=True, check=True
    ).stdout.splitlines()


def _english(title: str, text: str) -> bool:
    return (len(text.split()) >= 80
            and story_language(title + "\n" + text).split("-")[0] == "en")


def _from_page(repo, stem: str, path: str, url: str, data: bytes, seen: set[str],
               captured=lambda: 0):
    """A page's story, if it is an English news page of a new publisher; dated by the page,
    else by the year ``captured()`` says it was captured."""
    if not is_new(urlparse(url).netloc, seen) or url in NO_BODY:
        return None
    page = _page(data)
    title = _title(page)
    try:
        text = body_text(page)
    except (ValueError, etree.ParserError):
        return None
    if not _english(title, text):
        return None
    return _story(stem, url, title, text, _published(page, url) or captured(),
                  f"{repo[0]}@{repo[1][:9]}:{path}")


def fundus(clones: Path, seen: set[str]):
    """fundus's test pages: ``<country>/<Publisher>_<crawl date>.html.gz``, the address in
    the folder's ``meta.info``."""
    listing = _listing(clones, FUNDUS, "tests/resources/parser/test_data")
    for meta in sorted(p for p in listing if p.endswith("meta.info")):
        folder = meta.rsplit("/", 1)[0]
        for name, entry in sorted(json.loads(_git(clones, FUNDUS, meta)).items()):
            path = f"{folder}/{name}"
            if path not in listing or not is_new(urlparse(entry["url"]).netloc, seen):
                continue  # a page listed but not kept; a known publisher
            data = gzip.decompress(_git(clones, FUNDUS, path))
            crawled = int(re.search(r"_(20\d\d)_", name).group(1))
            found = _from_page(FUNDUS, "fundus", path, entry["url"], data, seen,
                               lambda year=crawled: year)
            if found:
                yield found


def historic(clones: Path, seen: set[str]):
    """The pages of ``HISTORIC``, each read at its pinned commit."""
    for repo, commit, path, url in HISTORIC:
        data = _git(clones, (repo, commit), path)
        if path.endswith(".gz"):
            data = gzip.decompress(data)
        found = _from_page((repo, commit), STEMS[repo], path, url, data, seen,
                           partial(_added_year, clones, (repo, commit), path))
        if found and url in YEARS:
            found["year"] = YEARS[url]
        if found:
            yield found


def _address(page) -> str:
    return (page.xpath("string(//meta[@property='og:url']/@content)")
            or page.xpath("string(//link[@rel='canonical']/@href)"))


def _captured(path: str) -> int:
    """The year a fixture was saved: the Mercury fork names it by its Unix time in ms."""
    stamp = re.search(r"/(1[4-9]\d{11})\.html$", path)
    return time.gmtime(int(stamp.group(1)) / 1000).tm_year if stamp else 0


def fixtures(clones: Path, seen: set[str]):
    """The Mercury fork's ``fixtures/<host>/<timestamp>.html`` and go-readability's
    ``test-pages/<name>/source.html``; the address is the page's own."""
    for repo, stem, folder, suffix in ((MERCURY_FORK, "mercury5", "fixtures", ".html"),
                                       (GO_READABILITY, "goreadability", "test-pages",
                                        "/source.html")):
        for path in sorted(p for p in _listing(clones, repo, folder) if p.endswith(suffix)):
            data = _git(clones, repo, path)
            url = _address(_page(data))
            if url.startswith("http"):
                found = _from_page(repo, stem, path, url, data, seen,
                                   lambda path=path: _captured(path))
                if found:
                    yield found


def feeds(clones: Path, seen: set[str]):
    """Items of the feed reader's fixtures (``FEEDS``), read by the importer's own reader:
    English items of new publishers with at least 80 words, at most ``FEED_ITEMS`` a feed,
    in the feed's order."""
    for stem, path in FEEDS:
        kept = 0
        for item in feed_stories(_git(clones, CAPY, path), Path(path).name):
            text = "\n".join(item.paragraphs)
            if kept < FEED_ITEMS and is_new(urlparse(item.url).netloc, seen) and _english(
                    item.title, text):
                kept += 1
                yield _story(stem, item.url, item.title, text,
                             item.published.year if item.published else 0,
                             f"{CAPY[0]}@{CAPY[1][:9]}:{path}")


def main(argv: list[str]) -> int:
    def collect(clones: Path):
        seen = seen_hosts(EARLIER)
        return one_per_page((*fundus(clones, seen), *historic(clones, seen),
                             *fixtures(clones, seen), *feeds(clones, seen)))
    return run_writer(argv, __doc__, collect)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
