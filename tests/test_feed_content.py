"""What a feed item's HTML holds, as feedparser reads it back from a real build: the
lead in its own paragraph, then the credit paragraph (the lead was bare text before
the credit's ``<p>``), alike in RSS, Atom and JSON Feed's ``content_html``, under each
republishing policy, with and without ``DIGEST_FEED_FULL_TEXT``.
(tests/test_feed_readers.py reads the same with newsboat.)"""

from __future__ import annotations

import json

import feedparser
import pytest
from theme_site import SOURCES

from sitebuild import build, feed_paragraphs, seed_text

BODY = ("The lead & its <detail>.", "The second paragraph.")
SUMMARY = "The curator's own summary."
# (publisher in SOURCES, its policy); the lead each shows without full text.
PUBLISHERS = [("Example Herald", "full"), ("Example Gazette", "excerpt"),
              ("The Daily Example", "link")]


def _seeds() -> dict[str, str]:
    seeds = {}
    for n, (publisher, policy) in enumerate(PUBLISHERS):
        seeds[f"{n}0_a.txt"] = seed_text(title=f"A {policy} story", source=publisher,
                                         url=f"https://paper.example/{n}", body=BODY)
        seeds[f"{n}1_a.txt"] = seed_text(title=f"A summarised {policy} story", source=publisher,
                                         url=f"https://paper.example/s{n}", body=BODY,
                                         extra=(("Summary", SUMMARY),))
    return seeds


def _expected(title: str, publisher: str, full_text: bool) -> tuple[list[str], list[str]]:
    """(summary, content) paragraphs of a story, the credit last."""
    policy = title.split()[-2]
    credit = [f"Originally published by {publisher}."]
    lead = [SUMMARY] if "summarised" in title else [] if policy == "link" else [BODY[0]]
    shown = {"full": list(BODY), "excerpt": [BODY[0]], "link": []}[policy] or lead
    return lead + credit, (shown if full_text else lead) + credit


@pytest.mark.parametrize("full_text", [False, True])
def test_every_item_is_paragraphs_the_lead_first_and_the_credit_last(tmp_path, full_text):
    site = build(tmp_path, _seeds(), sources=SOURCES,
                 settings={"DIGEST_FEED_FULL_TEXT": full_text})
    assert site.code == 0, site.stderr
    publisher = {f"A {s}{policy} story": name for name, policy in PUBLISHERS
                 for s in ("", "summarised ")}
    feeds = [p for p in site.files("feeds/**/*") if p.name.endswith((".rss.xml", ".atom.xml"))]
    assert len(feeds) > 6
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo and parsed.entries, path
        for entry in parsed.entries:
            summary, content = _expected(entry.title, publisher[entry.title], full_text)
            assert feed_paragraphs(entry.summary) == summary, (path.name, entry.title)
            if full_text:
                assert feed_paragraphs(entry.content[0].value) == content, path.name
            else:
                assert "content" not in entry, path.name
    for path in site.files("feeds/**/*.json"):
        for item in json.loads(path.read_bytes())["items"]:
            _, content = _expected(item["title"], publisher[item["title"]], full_text)
            assert feed_paragraphs(item["content_html"]) == content, (path.name, item["title"])
