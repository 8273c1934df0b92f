"""Write the text of the topics' SECOND fresh set: newspaper3k's test pages (2013-2014).

Not a test: a tool that makes ``fresh2-articles.jsonl`` for ``topics_devset.py`` (issue
18, fourth round). The article extractor newspaper3k (``codelucas/newspaper``, MIT) keeps
real pages of about eighty publishers as test data: ``tests/data/html/<site>N.html`` (the
page, for its headline, address and date) and ``tests/data/text/<site>N.txt`` (the
article's body as the extractor must find it), captured in late 2014. The text is the
publishers', so it stays out of this repository like every other story of the sets.

Only English pages of publishers that neither the development set nor the first fresh
set has are written (``SEEN``: the hosts of both), and only a publisher's journalism
(``NOT_NEWS``: a company's blog, a developers' tutorial site, recipe and how-to sites, a
research centre's report, satire, a broadcaster's board meetings). Magazines' lifestyle
and entertainment pages are kept: they are the stories outside the taxonomy. One JSON
line per story, as ``devset_articles.py`` writes them: id (``np:sha1(url)[:10]``),
title, text, url, year, publisher (the site's name), via.

Usage: .venv/bin/python tests/devset_fresh2.py CLONES_FOLDER OUT.jsonl
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from devset_articles import SEEN as SEEN_FIRST
from devset_articles import _git, _meta, _page, _story, _year, run_writer

NEWSPAPER = ("codelucas/newspaper", "1618b547f31c2d1fd19ae3b6afd8f7542dd02074")
# The development set's hosts (devset_articles.SEEN) and the first fresh set's.
SEEN = (*SEEN_FIRST, "cleveland.", "livescience.", "nj.com", "nypost.", "oregonlive.",
        "slate.", "space.com", "telegraph.", "wired.", "cnet.", "msn.", "usatoday.",
        "techcrunch.", "thehill.", "vox.", "forbes.", "wsj.", "latimes.", "sfgate.")
NOT_NEWS = ("parsely.com", "pixelmonkey.org", "sitepoint.com", "recipe.com", "about.com",
            "adoption.com", "pewresearch.org", "theonion.com", "thekitchn.com", "wnet.org")
NOT_ENGLISH = ("arabic", "chinese", "japanese", "japanese2", "spanish", "thai", "vogue.de1",
               "vogue.de2", "cnn_summary")


def _names(clones: Path) -> list[str]:
    git = clones / NEWSPAPER[0].replace("/", "+") / "repo"
    listing = subprocess.run(["git", "--git-dir", str(git), "ls-tree", "--name-only",
                              NEWSPAPER[1], "tests/data/text/"],
                             capture_output=True, text=True, check=True).stdout.split()
    return sorted(Path(name).stem for name in listing if name.endswith(".txt"))


def newspaper(clones: Path):
    for name in _names(clones):
        site = name.rstrip("0123456789")
        if name in NOT_ENGLISH or site in NOT_NEWS or any(s in site for s in SEEN):
            continue
        try:
            source = _git(clones, NEWSPAPER, f"tests/data/html/{name}.html")
        except subprocess.CalledProcessError:
            continue
        page = _page(source)
        url = (_meta(page, "og:url") or page.xpath("string(//link[@rel='canonical']/@href)")
               or f"http://{site}/newspaper-test-page/{name}")
        title = _meta(page, "og:title", "twitter:title") or (page.findtext(".//title") or "")
        text = _git(clones, NEWSPAPER, f"tests/data/text/{name}.txt").decode("utf-8")
        # The pages were captured in December 2014 where they do not say otherwise.
        yield _story("np", url, " ".join(title.split()), text, _year(page, url) or 2014,
                     f"{NEWSPAPER[0]}@{NEWSPAPER[1][:9]}:tests/data/html/{name}.html") | {
                         "publisher": site}


def main(argv: list[str]) -> int:
    return run_writer(argv, __doc__, lambda clones: [
        r for r in newspaper(clones) if len(r["text"].split()) >= 40])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
