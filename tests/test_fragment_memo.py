"""``{% memo %}``: a fragment rendered once per build, per page address and named value."""

from __future__ import annotations

import posixpath
from types import SimpleNamespace

import jinja2
import pytest

from news_digest.glue.signals import keep_fragments
from news_digest.speed.fragments import STORE, MemoExtension, start
from news_digest.speed.page_memo import PREVIOUS_OUTPUT

from sitebuild import build, seed_text


@pytest.fixture
def render():
    env = jinja2.Environment(extensions=[MemoExtension], autoescape=True)
    calls = []
    template = env.from_string(
        "{% macro item(story, n) %}[{{ n }}:{% memo story %}{{ count(story) }}"
        "{{ SITEURL }}/{{ story.url }}{% endmemo %}]{% endmacro %}"
        "{% for story in stories %}{{ item(story, loop.index) }}{% endfor %}")

    def count(story):
        calls.append(story.url)
        return ""

    def run(stories, context=None, **names):
        return template.render(stories=stories, count=count, **(context or {}), **names)

    run.calls = calls
    return run


class Story:
    def __init__(self, url):
        self.url = url


def test_a_fragment_is_rendered_once_per_value_and_page_address(render):
    a, b = Story("a.html"), Story("b.html")
    context = {}
    start(context)
    assert render([a, b, a], context, SITEURL="..") == "[1:../a.html][2:../b.html][3:../a.html]"
    assert render.calls == ["a.html", "b.html"]
    # Another page at the same depth reuses both; a deeper page renders them again.
    assert render([b, a], context, SITEURL="..") == "[1:../b.html][2:../a.html]"
    assert render([a], context, SITEURL="../..") == "[1:../../a.html]"
    assert render.calls == ["a.html", "b.html", "a.html"]
    # localsiteurl (the prefix Pelican gives links inside a summary) is part of the key.
    assert render([a], context, SITEURL="..", localsiteurl="..") == "[1:../a.html]"
    assert render.calls == ["a.html", "b.html", "a.html", "a.html"]


def test_objects_count_by_identity_strings_by_value(render):
    context = {}
    start(context)
    render([Story("same.html"), Story("same.html")], context, SITEURL="")
    assert render.calls == ["same.html", "same.html"]  # equal-looking, different stories
    env = jinja2.Environment(extensions=[MemoExtension])
    template = env.from_string("{% memo key %}{{ count(key) }}{% endmemo %}")
    calls = []
    for key in ("x", "x", "y", 1, 1):
        template.render(key=key, count=lambda k: calls.append(k) or "", **context)
    assert calls == ["x", "y", 1]


def test_without_a_store_every_fragment_is_rendered(render):
    a = Story("a.html")
    assert render([a, a], SITEURL="") == "[1:/a.html][2:/a.html]"
    assert render.calls == ["a.html", "a.html"]


def test_the_store_is_one_dict_in_the_context():
    context = {}
    start(context)
    assert context[STORE] == {}


def test_a_build_that_keeps_pages_keeps_no_fragments(tmp_path):
    """Over a previous output only what changed is rendered; the memory goes to the
    page keys instead."""
    settings = {"CACHE_CONTENT": True, "DIGEST_REUSE_PAGES": True,
                PREVIOUS_OUTPUT: str(tmp_path / "output")}
    context = {}
    generators = [SimpleNamespace(settings=settings, context=context)]
    keep_fragments(generators)
    assert STORE in context  # no previous output: every page is rendered
    del context[STORE]
    (tmp_path / "output").mkdir()
    keep_fragments(generators)
    assert STORE not in context


def test_story_items_link_right_from_every_depth(tmp_path):
    """The same stories are listed at the site's root and two folders down (editions,
    topics, sources; one story per page of a list): every link in every story item
    must reach a written file."""
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
    assert depths == {0, 2}, depths
    assert checked > 40
