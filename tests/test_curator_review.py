"""Mistakes a curator makes by hand, found in a review (qa-small3): each seed built or
checked for real, and the output read back."""

from __future__ import annotations

import json
import subprocess
import sys

import lxml.etree

from sitebuild import ROOT, build, seed_text


def _check(*paths):
    return subprocess.run([sys.executable, "-m", "news_digest", "check", *map(str, paths)],
                          capture_output=True, text=True, cwd=ROOT)


def test_a_tab_or_spaces_in_a_headline_are_one_space_everywhere(tmp_path):
    """A tab typed into a headline reached the page's <title>, the feeds' titles and
    JSON Feed as a tab (``import`` already wrote one space)."""
    site = build(tmp_path, {"001_a.txt": seed_text(title="Tabs\tin  the \t headline")})
    assert site.code == 0, site.stderr
    page = site.page("stories/tabs-in-the-headline.html")
    assert page.xpath("string(//h1)").strip() == "Tabs in the headline"
    assert page.findtext(".//title").startswith("Tabs in the headline ·")
    rss = lxml.etree.fromstring((site.output / "feeds/all.rss.xml").read_bytes())
    assert [t.text for t in rss.iterfind("channel/item/title")] == ["Tabs in the headline"]
    [item] = json.loads((site.output / "feeds/all.json").read_bytes())["items"]
    assert item["title"] == "Tabs in the headline"
