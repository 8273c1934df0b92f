"""The build stays linear: listings without a pass per listing, story URLs computed once."""

from __future__ import annotations

import gc
import posixpath
from types import SimpleNamespace

import pytest

from news_digest.speed.gc_tuning import YOUNG_THRESHOLD, fewer_collections
from news_digest.speed.listings import write_listings

from sitebuild import build, seed_text


def test_listing_dates_keep_the_generators_order_without_a_pass_per_listing():
    a, b, c = (SimpleNamespace(title=t) for t in "abc")
    jane = SimpleNamespace(save_as="authors/jane/index.html", url="authors/jane/",
                           page_name="authors/jane/index", slug="jane")
    generator = SimpleNamespace(dates=[c, b, a], articles=[a, b, c], context={},
                                authors=[(jane, [a, c])], get_template=lambda name: name)
    calls = []
    write_listings(generator, lambda *args, **kw: calls.append((args, kw)), kind="author")
    [(args, kw)] = calls
    assert args == ("authors/jane/index.html", "author", {})
    assert kw["dates"] == [c, a] and kw["articles"] == [a, c] and kw["author"] is jane
    assert kw["template_name"] == "author" and kw["url"] == "authors/jane/"


def _story_links(site, page):
    """Story pages a listing links to, as paths inside the output."""
    tree = site.page(page)
    base = posixpath.dirname(page)
    hrefs = tree.xpath("//article[@class='story']/*[self::h2 or self::h3]/a/@href")
    return sorted(posixpath.normpath(posixpath.join(base, href)) for href in hrefs)


def test_author_pages_list_each_authors_stories_with_working_links(tmp_path):
    seeds = {
        "001_a.txt": seed_text(title="First story", author="Jane Doe",
                               url="https://a.example/1", published="2020-01-01T00:00:00Z"),
        "002_b.txt": seed_text(title="Second story", author="Jane Doe and John Roe",
                               url="https://a.example/2", published="2020-01-02T00:00:00Z"),
        "003_c.txt": seed_text(title="Third story", author="John Roe",
                               url="https://a.example/3", published="2020-01-03T00:00:00Z"),
        "004_d.txt": seed_text(title="Second story", author="Jane Doe",
                               url="https://b.example/4", published="2020-01-04T00:00:00Z"),
    }
    # Author pages are off by default (pelicanconf.py); a site may turn them on.
    site = build(tmp_path, seeds, settings={"AUTHOR_SAVE_AS": "authors/{slug}/index.html"})
    assert site.code == 0, site.stderr
    assert site.warnings == []
    stories = {p.relative_to(site.output).as_posix() for p in site.files("stories/*.html")}
    assert len(stories) == 4
    jane = _story_links(site, "authors/jane-doe/index.html")
    john = _story_links(site, "authors/john-roe/index.html")
    assert len(jane) == 3 and len(john) == 2
    assert set(jane) | set(john) == stories  # every link reaches a written page
    assert set(jane) & set(john) == {"stories/second-story.html"}
    assert _story_links(site, "index.html") == sorted(stories)


def test_fewer_collections_only_for_the_duration_even_on_error():
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold() == (max(before[0], YOUNG_THRESHOLD), *before[1:])
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("a build failed")
    assert gc.get_threshold() == before
