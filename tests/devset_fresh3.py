"""Write the text of the topics' THIRD fresh set: real pages kept by three article extractors.

Not a test: a tool that makes ``fresh3-articles.jsonl`` for ``topics_devset.py`` (issue
18, seventh round). Article extractors keep real publishers' pages as test data; the
text is the publishers', so it stays out of this repository like every story of the sets.
Read from local bare clones (``ROOT/<owner>+<name>/repo``):

* ``adbar/trafilatura``: ``tests/evaldata.json`` (the page's address and file) and
  ``tests/eval/<file>`` or ``tests/cache/<file>`` (the page), captured 2012-2023, from
  many countries (the Caribbean and Central America among them);
* ``postlight/parser`` (the Mercury parser): ``fixtures/<host>.html``, pages of 2016-2022;
* ``goose3/goose3``: ``tests/data/content/test_<name>.json`` (the address) and ``.html``,
  pages of 2010-2013.

None keeps the article's whole body as text, so the body is read from the page: the
paragraphs of its article element (the one with the most paragraph text), or of the page
where it has none. Only English pages of publishers in none of the earlier sets are
written (``SEEN``: the hosts of the development set and both fresh sets, read from their
labels), and only a publisher's journalism (``NOT_NEWS``: companies' and personal blogs,
recipes, wikis, documentation, forums, shops, a government's press office). One JSON line
per story, as ``devset_articles.py`` writes them: id (``STEM:sha1(url)[:10]``), title,
text, url, year, publisher (the site's host), via.

Usage: .venv/bin/python tests/devset_fresh3.py CLONES_FOLDER OUT.jsonl
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

from devset_articles import SEEN as SEEN_FIRST
from devset_articles import _git, _meta, _story, _year, run_writer
from devset_fresh2 import SEEN as SEEN_SECOND
from lxml import etree
from lxml import html as lxml_html

from news_digest.enrich.language import story_language

TRAFILATURA = ("adbar/trafilatura", "e90b0ef51ab026fdb905fb6c5b3c84dd3d784fd5")
MERCURY = ("postlight/parser", "e8ba7ece291efa4d915d50dd4deeec17d54359f2")
GOOSE = ("goose3/goose3", "c5a8902eed0c4592a1ff5ec51a0277cf73a3aca7")
LABELS = Path(__file__).parent / "data" / "topics_devset"
# Pages that are not a publisher's journalism: companies' sites and blogs, personal blogs,
# developers' pages, recipes and how-to pages, wikis and forums, shops and deals, research
# papers and press releases of universities, governments and foundations, lyrics.
NOT_NEWS = (
    "acpjournals.org", "allnewlyrics.com", "anarc.at", "appen.com", "beyssonmanagement.com",
    "biorxiv.org", "blisterreview.com", "blog.amp.dev", "blog.gaijinpot.com",
    "businessjargons.com", "caktusgroup.com", "chocolate.com", "clinicaltrials.gov",
    "creativecommons.org", "danielspicar.github.com", "deleuze.enacademic.com", "diem25.org",
    "docs.docker.com", "eatwhattonight.com", "elavegan.com", "emacspeak.blogspot.com",
    "en.blog.wordpress.com", "en.wikipedia.org", "ext.theperspective.com", "fandom.wikia.com",
    "flawlessfood.co.uk", "fortinet.com", "foxyfolksy.com", "geeks3d.com", "genius.com",
    "german.stackexchange.com", "github.blog", "github.com", "gregoryszorc.com",
    "harrypotter.fandom.com", "hassanchef.com", "investmentwatchblog.com", "jis.gov.jm",
    "jobsnhire.com", "lemire.me", "link.springer.com", "linkedin.com", "lostinjit.blogspot.fr",
    "ma.ttias.be", "marketplace.org", "mdavis.xyz", "medium.com", "mentalfloss.com",
    "nationalrail.co.uk", "nestle-family.com", "netbits.us", "obamawhitehouse.archives.gov",
    "otrs.com", "pamelaandersonfoundation.org", "parallels.com", "pix-bavaria.de",
    "plantcaretoday.com", "pluralsight.com", "pointofsail-kiel.de", "postlight.com",
    "pythonspeed.com", "realsimple.com", "reddit.com", "redtri.com", "royalroad.com",
    "rutgers.edu", "schneems.com", "shabka.org", "stackoverflow.blog", "stardewvalleywiki.com",
    "statisticsglobe.com", "strangemachines.io", "thebalance.com", "thepostpartumparty.com",
    "tofugu.com", "toptal.com", "twitter.com", "uk.trustpilot.com", "wiki.python.org",
    "wikimediafoundation.org", "womencantalksports.com", "wtfeconomy.com",
    "youhadmeatgardening.com")
# Pages whose text is not the article (the parser finds only readers' comments, the
# author's note, or another article than the headline's): left out before labelling.
NO_BODY = (
    "https://www.luxuryhaven.co/2019/05/nam-nghi-phu-quoc-unbound-collection-by-hyatt-"
    "officially-opens.html",
    "https://www.phoronix.com/",
    "https://www.rawstory.com/2016/12/these-6-celebrities-are-refusing-to-play-trumps-"
    "inauguration-as-team-scrambles-to-secure-talent/",
)
# Pages that state no date a parser finds, dated by their text ("Aug. 11, 2010") or address.
YEARS = {
    "http://sports.espn.go.com/espn/commentary/news/story?id=5461430": 2010,
    "http://www.time.com/time/health/article/0,8599,2011497,00.html": 2010,
    "https://www.nature.com/articles/d41586-019-02790-3": 2019,
}
# Hosts of the earlier sets under another name (the development set has theguardian.com).
SEEN_ALSO = ("guardian.co.uk",)
BOILERPLATE = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form",
               "figure", "figcaption", "button", "select")


def seen_hosts() -> set[str]:
    """The hosts of every publisher of the development set and of both fresh sets."""
    hosts = set()
    for name in ("labels.json", "fresh.json", "fresh2.json"):
        for record in json.loads((LABELS / name).read_text(encoding="utf-8"))["stories"]:
            hosts.add(urlparse(record["url"]).netloc.removeprefix("www."))
            hosts.add(record["publisher"].removeprefix("www."))
    return hosts


def is_seen(host: str, seen: set[str]) -> bool:
    host = host.removeprefix("www.")
    return (host in seen or "bbc" in host
            or any(s in host for s in (*SEEN_FIRST, *SEEN_SECOND, *SEEN_ALSO)))


def _page(data: bytes):
    """A page as lxml reads it: UTF-8 where it decodes (most pages are, and few say so)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return lxml_html.document_fromstring(data)
    return lxml_html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", text))


def _words(element) -> str:
    return " ".join(element.text_content().split())


def body_text(page) -> str:
    """The article's paragraphs: of its article element with the most paragraph text."""
    for bad in page.xpath("|".join(f"//{tag}" for tag in BOILERPLATE)):
        if bad.getparent() is not None:
            bad.getparent().remove(bad)
    containers = page.xpath(
        "//article|//*[@itemprop='articleBody']|//*[contains(@class,'article-body') or "
        "contains(@class,'story-body') or contains(@class,'entry-content') or "
        "contains(@class,'post-content') or contains(@class,'article__body') or "
        "contains(@class,'article-content') or contains(@class,'story-content') or "
        "contains(@class,'content-body') or contains(@id,'article-body')]")

    def paragraphs(root) -> list[str]:
        return [t for t in (_words(p) for p in root.xpath(".//p")) if len(t.split()) >= 6]

    best = max(containers, key=lambda c: sum(len(p) for p in paragraphs(c)), default=None)
    found = paragraphs(best) if best is not None else []
    if sum(len(p.split()) for p in found) < 80:
        found = [p for p in paragraphs(page) if len(p.split()) >= 10]
    unique = list(dict.fromkeys(found))
    return "\n".join(unique)


def _title(page) -> str:
    title = _meta(page, "og:title", "twitter:title") or (page.findtext(".//title") or "")
    return " ".join(title.split())


def _added_year(clones: Path, repo: tuple[str, str], path: str) -> int:
    """The year ``path`` entered the repository (under any name): when it was captured."""
    git = clones / repo[0].replace("/", "+") / "repo"
    for follow in (["--follow"], []):
        dates = subprocess.run(["git", "--git-dir", str(git), "log", "--diff-filter=A", *follow,
                                "--format=%ad", "--date=format:%Y", repo[1], "--", path],
                               capture_output=True, text=True, check=True).stdout.split()
        if dates:
            return int(dates[-1])
    return 0


def _published(page, url: str) -> int:
    """The year the page says it was published (title, meta, JSON-LD, <time>), else 0."""
    dated = re.search(r"\b\d\d\.\d\d\.(20[0-2]\d)\b", _title(page))  # "... | DW | 19.01.2020"
    if dated:
        return int(dated.group(1))
    if url in YEARS:
        return YEARS[url]
    year = _year(page, url)
    if year:
        return year
    raw = " ".join(page.xpath("//script[@type='application/ld+json']/text()"))
    stamps = [*re.findall(r'"datePublished"\s*:\s*"(\d{4})', raw),
              *page.xpath("//meta[@itemprop='datePublished']/@content"),
              *page.xpath("//*[@itemprop='datePublished']/@datetime"),
              *page.xpath("//time/@datetime")]
    for stamp in stamps:
        if re.match(r"(19[89]\d|20[0-2]\d)", stamp):
            return int(stamp[:4])
    return 0


def _record(clones, repo, stem, path, url, seen):
    host = urlparse(url).netloc
    if not host or url in NO_BODY or is_seen(host, seen) or host.removeprefix("www.") in NOT_NEWS:
        return None
    try:
        data = _git(clones, repo, path)
    except subprocess.CalledProcessError:
        return None
    page = _page(data)
    title = _title(page)
    year = _published(page, url) or _added_year(clones, repo, path)
    try:
        text = body_text(page)
    except (ValueError, etree.ParserError):
        return None
    if len(text.split()) < 80 or story_language(title + "\n" + text).split("-")[0] != "en":
        return None
    return _story(stem, url, title, text, year, f"{repo[0]}@{repo[1][:9]}:{path}")


def trafilatura(clones: Path, seen: set[str]):
    pages = json.loads(_git(clones, TRAFILATURA, "tests/evaldata.json"))
    listing = subprocess.run(
        ["git", "--git-dir", str(clones / "adbar+trafilatura" / "repo"), "ls-tree", "-r",
         "--name-only", TRAFILATURA[1], "tests/eval", "tests/cache"],
        capture_output=True, text=True, check=True).stdout.splitlines()
    where = {Path(p).name: p for p in listing}
    # realworld_tests.py's MOCK_PAGES: more pages, in tests/cache/.
    source = _git(clones, TRAFILATURA, "tests/realworld_tests.py").decode("utf-8")
    mock = re.search(r"MOCK_PAGES = \{(.*?)\n\}", source, re.S).group(1)
    for url, name in re.findall(r'"([^"]+)":\s*"([^"]+)"', mock):
        pages.setdefault(url, {"file": name})
    for url, entry in sorted(pages.items()):
        if entry["file"] not in where:
            continue
        if url.startswith("hard::"):  # the "hard" pages are keyed by file: the page's address
            page = _page(_git(clones, TRAFILATURA, where[entry["file"]]))
            url = (_meta(page, "og:url") or page.xpath("string(//link[@rel='canonical']/@href)")
                   or "https://" + entry["file"].split("-")[0] + "/")
        found = _record(clones, TRAFILATURA, "traf", where[entry["file"]], url, seen)
        if found:
            yield found


def mercury(clones: Path, seen: set[str]):
    listing = subprocess.run(
        ["git", "--git-dir", str(clones / "postlight+parser" / "repo"), "ls-tree",
         "--name-only", MERCURY[1], "fixtures/"],
        capture_output=True, text=True, check=True).stdout.splitlines()
    for path in sorted(p for p in listing if p.endswith(".html")):
        page = _page(_git(clones, MERCURY, path))
        url = (_meta(page, "og:url") or page.xpath("string(//link[@rel='canonical']/@href)")
               or "https://" + Path(path).stem.split("--")[0] + "/")
        found = _record(clones, MERCURY, "mercury", path, url, seen)
        if found:
            yield found


def goose(clones: Path, seen: set[str]):
    listing = subprocess.run(
        ["git", "--git-dir", str(clones / "goose3+goose3" / "repo"), "ls-tree",
         "--name-only", GOOSE[1], "tests/data/content/"],
        capture_output=True, text=True, check=True).stdout.splitlines()
    for path in sorted(p for p in listing if p.endswith(".json")):
        url = json.loads(_git(clones, GOOSE, path)).get("url") or ""
        if "exemple.com" in url or "example.com" in url:
            continue
        found = _record(clones, GOOSE, "goose", path.removesuffix(".json") + ".html", url, seen)
        if found:
            yield found


def one_per_page(records) -> list[dict]:
    """Each page once: a page kept twice (an evaluation set and its cache, two
    fixtures of one page, http and https, with and without www) counts once."""
    found, titles = {}, set()
    for record in records:
        key = record["url"].split("://")[-1].removeprefix("www.")
        if key not in found and record["title"] not in titles:
            found[key] = record
            titles.add(record["title"])
    return list(found.values())


def main(argv: list[str]) -> int:
    def collect(clones: Path):
        seen = seen_hosts()
        return one_per_page((*trafilatura(clones, seen), *mercury(clones, seen),
                             *goose(clones, seen)))
    return run_writer(argv, __doc__, collect)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
