"""``{% memo %}``: a fragment rendered once per build, per page address and named value."""

from __future__ import annotations

import posixpath
from pathlib import Path

import jinja2
import pytest

from news_digest.settings import resolve
from news_digest.speed import PREVIOUS_OUTPUT, Speed
from news_digest.speed.fragments import MemoExtension

from sitebuild import build, seed_text


def speed_of(tmp_path, previous_output: bool = False) -> Speed:
    """The speed-ups of a build into ``tmp_path/output``, after every file was read."""
    if previous_output:
        (tmp_path / "output").mkdir(exist_ok=True)
    settings = {"CACHE_CONTENT": True, "CACHE_PATH": str(tmp_path / "cache"),
                PREVIOUS_OUTPUT: str(tmp_path / "output")}
    speed = Speed(settings, resolve({}))
    speed.on_all_read([])
    return speed


def with_store(env: jinja2.Environment, speed: Speed | None) -> None:
    env.extensions[MemoExtension.identifier].speed = speed


@pytest.fixture
def render(tmp_path):
    env = jinja2.Environment(extensions=[MemoExtension], autoescape=True)
    calls = []
    template = env.from_string(
        "{% macro item(story, n) %}[{{ n }}:{% memo story %}{{ count(story) }}"
        "{{ SITEURL }}/{{ story.url }}{% endmemo %}]{% endmacro %}"
        "{% for story in stories %}{{ item(story, loop.index) }}{% endfor %}")

    def count(story):
        calls.append(story.url)
        return ""

    def run(stories, **names):
        return template.render(stories=stories, count=count, **names)

    run.calls = calls
    run.env = env
    return run


class Story:
    def __init__(self, url):
        self.url = url


def test_a_fragment_is_rendered_once_per_value_and_page_address(render, tmp_path):
    a, b = Story("a.html"), Story("b.html")
    with_store(render.env, speed_of(tmp_path))
    assert render([a, b, a], SITEURL="..") == "[1:../a.html][2:../b.html][3:../a.html]"
    assert render.calls == ["a.html", "b.html"]
    # Another page at the same depth reuses both; a deeper page renders them again.
    assert render([b, a], SITEURL="..") == "[1:../b.html][2:../a.html]"
    assert render([a], SITEURL="../..") == "[1:../../a.html]"
    assert render.calls == ["a.html", "b.html", "a.html"]
    # localsiteurl (the prefix Pelican gives links inside a summary) is part of the key.
    assert render([a], SITEURL="..", localsiteurl="..") == "[1:../a.html]"
    assert render.calls == ["a.html", "b.html", "a.html", "a.html"]


def test_objects_count_by_identity_strings_by_value(render, tmp_path):
    speed = speed_of(tmp_path)
    with_store(render.env, speed)
    render([Story("same.html"), Story("same.html")], SITEURL="")
    assert render.calls == ["same.html", "same.html"]  # equal-looking, different stories
    env = jinja2.Environment(extensions=[MemoExtension])
    with_store(env, speed)
    template = env.from_string("{% memo key %}{{ count(key) }}{% endmemo %}")
    calls = []
    for key in ("x", "x", "y", 1, 1):
        template.render(key=key, count=lambda k: calls.append(k) or "")
    assert calls == ["x", "y", 1]


def test_without_a_store_every_fragment_is_rendered(render, tmp_path):
    a = Story("a.html")
    assert render([a, a], SITEURL="") == "[1:/a.html][2:/a.html]"  # outside a build
    speed = speed_of(tmp_path)
    speed.close()  # the build is over: its fragments are gone
    with_store(render.env, speed)
    assert render([a, a], SITEURL="") == "[1:/a.html][2:/a.html]"
    assert render.calls == ["a.html"] * 4


def test_fragments_go_once_the_pages_reusing_them_are_written(render, tmp_path):
    """Once the topic and source pages are written, and after each home page with its
    editions, the fragments go (issue 22: at 100,000 stories about one a story for
    each, held to the editions' end, the build's peak); a fragment needed again is
    rendered again, the same text."""
    a = Story("a.html")
    speed = speed_of(tmp_path)
    with_store(render.env, speed)
    first = render([a, a], SITEURL="../..")
    assert render.calls == ["a.html"] and speed.fragments
    speed.forget_fragments()
    assert speed.fragments == {}
    assert render([a, a], SITEURL="../..") == first == "[1:../../a.html][2:../../a.html]"
    assert render.calls == ["a.html"] * 2  # rendered again once, then reused
    speed.close()


def test_a_build_that_keeps_pages_keeps_no_fragments(tmp_path):
    """Over a previous output only what changed is rendered; the memory goes to the
    page keys instead."""
    assert speed_of(tmp_path).fragments == {}  # no previous output: every page is rendered
    assert speed_of(tmp_path, previous_output=True).fragments is None


def test_story_items_link_right_from_every_depth(tmp_path):
    """The same stories are listed at the site's root, two folders down (editions,
    topics, sources) and four (their older pages; one story per page of a list):
    every link in every story item must reach a written file."""
    words = ("The court heard the fraud trial of the bank's former chief executive; "
             "the judge and the jury heard the prosecutors and the lawyers.")
    seeds = {
        f"{n:03d}_s.txt": seed_text(title=f"Story {n}", source=f"Paper {n % 2}",
                                    url=f"https://paper{n % 2}.example/{n}",
                                    published=f"2020-01-0{n}T08:00:00Z", body=(words,))
        for n in range(1, 5)}
    site = build(tmp_path, seeds, settings={"DEFAULT_PAGINATION": 1})
    assert site.code == 0, site.stderr
    listings = [p.relative_to(site.output).as_posix() for p in site.files("**/*.html")
                if not p.relative_to(site.output).as_posix().startswith("stories/")]
    depths, checked = set(), 0
    for page in listings:
        for href in site.page(page).xpath("//article[@class='story']//a/@href"):
            if href.startswith(("http://", "https://")):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
            found = site.output / target
            assert found.is_file() or (found / "index.html").is_file(), (page, href)
            depths.add(page.count("/"))
            checked += 1
    # Older pages of a list are two folders further down (topics/x/page/N/).
    assert depths == {0, 2, 4}, depths
    assert checked > 40


class CountedFeed:
    """A feed link whose every attribute read is counted."""

    def __init__(self, path, reads):
        self._path, self._reads = path, reads

    def __getattr__(self, name):
        self._reads.append(name)
        return {"path": self._path, "type": "application/atom+xml"}.get(name, name)


def test_the_digest_feed_links_are_rendered_once_per_page_depth(tmp_path):
    """Every page links the digest's feeds, the same at every page of one depth: the
    theme renders them once per depth, head and footer, and every page shows them."""
    theme = Path(__file__).resolve().parents[1] / "theme" / "templates"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(theme)), autoescape=True,
                             extensions=[MemoExtension], trim_blocks=True, lstrip_blocks=True)
    with_store(env, speed_of(tmp_path))
    reads = []
    site_feeds = [CountedFeed("feeds/all.atom.xml", reads)]
    page_feeds = [CountedFeed("feeds/topic.atom.xml", [])]
    pages = [("..", page_feeds), ("..", []), ("../..", page_feeds)]
    for name in ("partials/feed_links.html", "partials/feed_links_head.html"):
        template = env.get_template(name)
        shown = [template.render(SITEURL=siteurl, page_feeds=feeds,
                                 digest_site_feeds=site_feeds) for siteurl, feeds in pages]
        assert all(f'href="{siteurl}/feeds/all.atom.xml"' in text
                   for (siteurl, _), text in zip(pages, shown, strict=True))
        assert 'href="../feeds/topic.atom.xml"' in shown[0]
        assert "topic.atom.xml" not in shown[1]
    # Each link's attributes read once per depth (two of the three pages' depths):
    # four in the footer (path, type, title, label), three in the head.
    assert len(reads) == 2 * (4 + 3), reads
