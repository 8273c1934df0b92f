"""The speed-ups: the same bytes as Pelican's own code paths, and state undone after."""

from __future__ import annotations

import gc
import posixpath

import pytest

from news_digest.speed.gc_tuning import (
    FROM_SCRATCH_YOUNG_THRESHOLD,
    MIDDLE_THRESHOLD,
    YOUNG_THRESHOLD,
    fewer_collections,
)
from news_digest.speed.rebuild import Rebuild

from sitebuild import build, seed_text, stable_tree


def _digest(count: int = 30) -> dict[str, str]:
    """Stories on a few days, by a few people and publishers, about a few topics."""
    subjects = ("the privacy regulator fined the company over personal data",
                "the court heard the lawsuit against the ministry",
                "the league's final match ended in a draw after extra time",
                "hospitals reported a rise in vaccine appointments")
    people = ("Jane Doe", "John Roe", "PTI")
    return {f"{n:03d}_s.txt": seed_text(
        title=f"Story {n} on {subjects[n % 4].split()[1]}", author=people[n % 3],
        source=("The Daily Example", "Example Herald")[n % 2],
        url=f"https://news{n % 2}.example/{n}",
        published=f"2020-01-{1 + n % 5:02d}T0{n % 10}:00:00Z",
        body=(subjects[n % 4].capitalize() + ".", f"Paragraph {n}.")) for n in range(count)}


@pytest.mark.slow  # several real builds
def test_the_speed_ups_change_no_byte(tmp_path):
    """DIGEST_SPEED = False runs Pelican's own code paths (its writer, its listing pages,
    its content cache): the speed-ups must write exactly what they do, from scratch
    and over a previous output."""
    seeds = _digest()
    listings = {"AUTHOR_SAVE_AS": "authors/{slug}/index.html", "DEFAULT_PAGINATION": 4}
    fast = build(tmp_path / "fast", seeds, settings=listings)
    plain = build(tmp_path / "plain", seeds, settings={**listings, "DIGEST_SPEED": False})
    assert fast.code == plain.code == 0, fast.stderr + plain.stderr
    assert len(fast.files("authors/*/index.html")) == 3
    assert stable_tree(fast.output) == stable_tree(plain.output)
    edited = {**seeds, "031_new.txt": seed_text(title="A new story", url="https://n.example/1",
                                                published="2020-01-03T12:00:00Z")}
    build(tmp_path / "fast", seeds, settings=listings, force=True)  # records the page keys
    again = build(tmp_path / "fast", edited, settings=listings)
    plain = build(tmp_path / "plain2", edited, settings={**listings, "DIGEST_SPEED": False})
    assert "Kept" in again.stderr
    assert stable_tree(again.output) == stable_tree(plain.output)


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


def test_a_build_over_a_previous_output_collects_the_middle_generation_less_often(tmp_path):
    """Over a previous output the stories read from the cache are not walked by a
    collection of the middle generation every ten young ones (gc_tuning.py); a build
    from scratch keeps CPython's middle threshold."""
    before = gc.get_threshold()
    rebuild = Rebuild.__new__(Rebuild)  # only its target is read here
    rebuild.target = tmp_path / "output"
    with rebuild.process_tuning():
        assert gc.get_threshold() == (max(before[0], FROM_SCRATCH_YOUNG_THRESHOLD), *before[1:])
    rebuild.target.mkdir()
    with rebuild.process_tuning():
        assert gc.get_threshold() == (max(before[0], YOUNG_THRESHOLD),
                                      max(before[1], MIDDLE_THRESHOLD), *before[2:])
    assert gc.get_threshold() == before


def test_a_page_formats_its_address_once(tmp_path, monkeypatch):
    """Every page's menu links the site's pages (about/, ...): once every generator
    has read its content, a page answers its url and save_as from the values worked
    out then, the same as Pelican's, instead of formatting them on every use."""
    from pelican.contents import Page
    from pelican.settings import DEFAULT_CONFIG

    from news_digest.settings import resolve
    from news_digest.speed import Speed

    settings = {**DEFAULT_CONFIG, "PAGE_URL": "{slug}/", "PAGE_SAVE_AS": "{slug}/index.html",
                "PATH": str(tmp_path)}
    page = Page("text", metadata={"title": "About", "slug": "about"}, settings=settings,
                source_path=str(tmp_path / "pages" / "about.md"))
    expected = (page.url, page.save_as)

    class PagesGenerator:  # the lists of Pelican's pages generator
        pages, hidden_pages, draft_pages = [page], [], []

    speed = Speed({"CACHE_CONTENT": True, "CACHE_PATH": str(tmp_path / "cache")}, resolve({}))
    speed.on_all_read([PagesGenerator()])
    formatted = []
    monkeypatch.setattr(Page, "_expand_settings",
                        lambda self, key, klass=None: formatted.append(key) or "")
    assert [(page.url, page.save_as) for _ in range(3)] == [expected] * 3
    assert formatted == []
    speed.on_all_read([PagesGenerator()])  # a second call leaves it as it is
    assert (page.url, page.save_as) == expected and formatted == []
    speed.close()
