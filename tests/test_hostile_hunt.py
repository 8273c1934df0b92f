"""The hostile hunt (tests/hostile_hunt.py): seeds and publisher feeds mutated at random
from valid ones, built into real sites, every output read back. ``make test`` runs a
fixed few seeded batches; ``DIGEST_HOSTILE_HUNT=N`` runs N batches of each kind
(docs/development.md). A failure names the seed file and its mutations; replay it with
``python -m hostile_hunt --seeds N`` from tests/."""

from __future__ import annotations

import gzip
import json
import os

import pytest
from hostile_checks import outside_files, site_problems, snapshot
from hostile_gen import CANARY, batch
from hostile_hunt import import_batch, run_batch
from hostile_search import SIGNATURE, index_problems

BATCHES = int(os.environ.get("DIGEST_HOSTILE_HUNT", "2"))
COUNT = 40  # seeds per batch: every mutation is drawn a few times


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(BATCHES))
def test_hostile_seeds_leave_every_output_sound(tmp_path, seed):
    problems = run_batch(seed, COUNT, tmp_path)
    mutations = {s.name: s.mutations for s in batch(seed, COUNT)}
    assert not problems, "\n".join(
        f"{p}  [{mutations.get(p.split(':', 1)[0], '')}]" for p in problems)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(max(1, BATCHES // 2)))
def test_hostile_feeds_import_into_sound_seeds_and_sites(tmp_path, seed):
    problems = import_batch(1000 + seed, COUNT, tmp_path)
    assert not problems, "\n".join(problems)


@pytest.mark.slow
def test_hostile_seeds_leave_the_search_index_and_page_sound(tmp_path):
    """One batch with Pagefind's index, searched in Chromium where it is installed
    (the search page shows results as text: tests/test_search_browser.py)."""
    problems = run_batch(100, COUNT, tmp_path, cli=False, search=True)
    assert not problems, "\n".join(problems)


def test_the_search_checks_find_what_they_look_for(tmp_path):
    """A fragment that is not gzip, has no signature, is not JSON, names no page, or
    holds a headline or credit its page does not show; a story page not indexed."""
    stories, fragments = tmp_path / "stories", tmp_path / "pagefind" / "fragment"
    stories.mkdir()
    fragments.mkdir(parents=True)
    for name in ("a", "b"):
        (stories / f"{name}.html").write_text(
            f"<html><body><h1>Headline {name}</h1><data value='Credit {name}' "
            "data-pagefind-meta='attribution[value]'></data><p class='credit-line'>"
            "<a class='publisher'>P</a></p></body></html>", encoding="utf-8")

    def fragment(name: str, value) -> None:
        data = value if isinstance(value, bytes) else SIGNATURE + json.dumps(value).encode()
        (fragments / f"en_{name}.pf_fragment").write_bytes(gzip.compress(data))

    fragment("1", {"url": "/stories/a.html", "filters": {"source": ["P"]},
                   "meta": {"title": "Headline <b>a</b>", "attribution": "Credit a"}})
    fragment("2", b"{}")
    fragment("3", SIGNATURE + b"{")
    fragment("4", {"url": "/stories/gone.html", "meta": {}})
    (fragments / "en_5.pf_fragment").write_bytes(b"plain")
    found = "\n".join(index_problems(tmp_path))
    for words in ("en_1.pf_fragment: title 'Headline <b>a</b>' is not the page's",
                  "en_2.pf_fragment: no pagefind_dcd signature", "en_3.pf_fragment: not JSON",
                  "en_4.pf_fragment: its address '/stories/gone.html' is no page",
                  "en_5.pf_fragment: not gzip", "stories/b.html: not in the search index"):
        assert words in found, (words, found)


def test_the_checks_find_what_they_look_for(tmp_path):
    """The hunt's checks are not blind: markup made from a payload, a script that closes
    early, a feed that is not XML, JSON that is not JSON."""
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "a.html").write_text(
        f"<html><head><script type=\"application/ld+json\">{{\"a\": \"</script>"
        f"<script>x()</script>\"}}</script></head><body><h1>T<{CANARY}-el on{CANARY}=1>"
        "</h1><a href=\"javascript:x()\">x</a></body></html>", encoding="utf-8")
    (tmp_path / "feed.xml").write_text("<rss><channel><title>a & b</title></channel></rss>",
                                       encoding="utf-8")
    (tmp_path / "stories.json").write_text('{"a": "</script>"', encoding="utf-8")
    before = snapshot(tmp_path)
    (tmp_path / "site" / "output").mkdir(parents=True)
    (tmp_path / "site" / "output" / "fine.html").write_text("", encoding="utf-8")
    (tmp_path / "site" / "escaped.html").write_text("", encoding="utf-8")
    assert outside_files(before, tmp_path, ("site/output",)) == [
        "written outside the output: site/escaped.html"]
    found = "\n".join(site_problems(tmp_path))
    for words in (f"element <{CANARY}-el>", f"attribute on{CANARY}", "an inline script",
                  "javascript:x()", "JSON-LD does not parse", "feed.xml: not well-formed XML",
                  "stories.json: not JSON"):
        assert words in found, (words, found)
