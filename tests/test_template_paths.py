"""Every path a template can follow from a context name, read from its Jinja syntax
(template_paths.py, a pure module): small templates, the paths they must yield."""

from __future__ import annotations

import jinja2
import pytest

from news_digest.speed.fragments import MemoExtension
from news_digest.speed.template_paths import Unanalysable, template_reads


def _reads(main: str, **others: str):
    templates = {"main.html": main, **{k.replace("__", "/") + ".html": v
                                       for k, v in others.items()}}
    environment = jinja2.Environment(loader=jinja2.DictLoader(templates),
                                     extensions=[MemoExtension])
    environment.filters["custom"] = lambda value: value
    environment.globals["helper"] = lambda value: value
    return template_reads(environment, "main.html",
                          lambda name: environment.parse(
                              environment.loader.get_source(environment, name)[0]))


def _paths(main: str, **others: str) -> set[str]:
    return _reads(main, **others).paths()


def test_attributes_and_what_is_printed():
    assert _paths("{{ article.edition.title }}") == {"article.edition.title!"}
    assert _paths("{% if article.edition %}x{% endif %}") == {"article.edition"}
    assert _paths("{{ article['title'] }}") == {"article['title']!"}
    assert _paths("{{ article.date.strftime('%Y') }}") == {"article.date.strftime()!"}


def test_loop_variables_and_set_and_with_aliases():
    template = ("{% set near = article.related_stories %}{% for story in near %}"
                "{% with edition = story.edition %}{{ edition.title }}{% endwith %}"
                "{% endfor %}")
    assert "article.related_stories[].edition.title!" in _paths(template)
    unpacked = "{% for tag, stories in tags %}{{ stories|first|attr('title') }}{% endfor %}"
    assert "tags[][][].title!" in _paths(unpacked)
    assert _paths("{% for x in xs %}{{ loop.previtem.title }}{% endfor %}") >= {
        "xs[].title!"}


def test_namespaces_carry_what_is_set_on_them():
    template = ("{% set ns = namespace(best=none) %}{% for s in article.related_stories %}"
                "{% set ns.best = s %}{% endfor %}{{ ns.best.edition.title }}")
    assert "article.related_stories[].edition.title!" in _paths(template)


def test_macros_read_at_their_call_sites():
    partial = ("{% macro item(story) %}{{ story.title }}"
               "{% for s in story.related_stories %}{{ s.edition.title }}{% endfor %}"
               "{% endmacro %}")
    template = ('{% from "parts/item.html" import item with context %}'
                "{% for a in articles_page.object_list %}{{ item(a) }}{% endfor %}")
    paths = _paths(template, parts__item=partial)
    assert "articles_page.object_list[].related_stories[].edition.title!" in paths
    assert not any(p.startswith("story") for p in paths)  # the parameter is not a name
    imported = '{% import "parts/item.html" as parts %}{{ parts.item(article) }}'
    assert "article.related_stories[].edition.title!" in _paths(imported, parts__item=partial)


def test_caller_reads_in_the_call_blocks_scope():
    template = ("{% macro each(xs) %}{% for x in xs %}{{ caller(x) }}{% endfor %}{% endmacro %}"
                "{% call(story) each(article.related_stories) %}{{ story.edition.title }}"
                "{% endcall %}")
    assert "article.related_stories[].edition.title!" in _paths(template)


def test_an_include_sees_the_loop_variables_of_its_place():
    template = "{% for edition in editions %}{% include 'section.html' %}{% endfor %}"
    paths = _paths(template, section="{% for a in edition.articles %}{{ a.title }}{% endfor %}")
    assert "editions[].articles[].title!" in paths


def test_every_version_of_a_block_is_read():
    base = "{% block body %}{{ site.name }}{% endblock %}"
    child = ('{% extends "base.html" %}{% set shown = article.edition %}'
             "{% block body %}{{ super() }}{{ shown.title }}{% endblock %}")
    paths = _paths(child, base=base)
    assert {"site.name!", "article.edition.title!"} <= paths
    # A top-level set in a child is seen by the parent's includes, as in Jinja.
    parent = "{% include 'feeds.html' %}"
    with_feeds = ('{% extends "parent.html" %}{% set page_feeds = tag.feeds %}')
    assert "tag.feeds[].path!" in _paths(with_feeds, parent=parent,
                                         feeds="{% for f in page_feeds %}{{ f.path }}{% endfor %}")


def test_jinja_filters_are_followed():
    paths = _paths(
        "{{ xs|map(attribute='edition.title')|join(', ') }}"
        "{% for x in xs|selectattr('edition.kind', 'equalto', 'day') %}{{ x.url }}{% endfor %}"
        "{% for g in ys|groupby('edition.slug') %}{{ g.grouper }}"
        "{% for y in g.list %}{{ y.title }}{% endfor %}{% endfor %}"
        "{{ (zs|sort(attribute='date')|first).related_stories[0].title }}"
        "{% for k, v in feeds|dictsort %}{{ v.path }}{% endfor %}"
        "{{ (maybe|default(other)).title }}")
    assert {"xs[].edition.title!", "xs[].edition.kind<", "xs[].url!",
            "ys[].edition.slug<", "ys[].title!", "zs[].date<",
            "zs[].related_stories[].title!", "feeds[].path!", "maybe.title!",
            "other.title!"} <= paths


def test_methods_of_dicts_and_made_containers():
    paths = _paths("{% for f in feeds.get(tag.slug, []) %}{{ f.path }}{% endfor %}"
                   "{{ {'a': article}.get('a').edition.title }}")
    assert {"feeds.get()[].path!", "tag.slug!", "article.edition.title!"} <= paths


def test_conditions_travel_with_what_they_guard():
    reads = _reads("{% set stories = page.object_list if page else articles %}"
                   "{% for s in stories %}{{ s.title }}{% endfor %}")
    guarded = {frozenset(c): trees for c, trees in reads.branches}
    when_page = guarded[frozenset({("page", (), "truthy", True)})]
    when_not = guarded[frozenset({("page", (), "truthy", False)})]
    assert when_page["page"].paths("page") == ["page.object_list[].title!"]
    assert when_not["articles"].paths("articles") == ["articles[].title!"]


def test_unknown_filters_tests_and_functions_are_handed_what_they_are_given():
    assert "article?" in _paths("{{ article|custom }}")
    assert "article?" in _paths("{{ helper(article) }}")
    assert "article?" in _paths("{% if article is custom_test %}{% endif %}")


def test_the_memo_tag_renders_its_body_in_place():
    assert "article.edition.title!" in _paths(
        "{% memo article %}{{ article.edition.title }}{% endmemo %}")


@pytest.mark.parametrize("template, why", [
    ("{% include name %}", "render time"),
    ("{% extends name %}", "render time"),
    ("{{ (article|custom).edition.title }}", "read further"),
    ("{{ helper(article).title }}", "read further"),
    ("{% for x in tree recursive %}{{ loop(x.children) }}{% endfor %}", "recursive loop"),
    ("{% macro m(x) %}{{ m(x.parent) }}{% endmacro %}{{ m(article) }}", "calls itself"),
    ("{% set ns = namespace(x=article) %}{% for i in range(9) %}"
     "{% set ns.x = ns.x.parent %}{% endfor %}{{ ns.x.title }}", "keep growing"),
    ("{% set found = [] %}{{ found.append(article) }}", "changes a container"),
    ("{{ article|attr(name) }}", "render time"),
    ("{{ article.__class__ }}", "reach anything"),
])
def test_what_cannot_be_followed_is_refused(template, why):
    with pytest.raises(Unanalysable, match=why):
        _reads(template)


def test_the_stock_theme_is_analysable():
    from sitebuild import ROOT  # noqa: PLC0415

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "theme/templates"),
                                     extensions=[MemoExtension])
    environment.filters["strftime"] = lambda value, form: value
    load = lambda name: environment.parse(  # noqa: E731
        environment.loader.get_source(environment, name)[0])
    for page in ("article.html", "index.html", "edition.html", "tag.html", "source.html",
                 "archives.html", "tags.html", "sources.html", "page.html", "search.html"):
        assert template_reads(environment, page, load).roots
    article = template_reads(environment, "article.html", load).paths()
    assert "article.related_stories[].title!" in article
    assert not any(p.count("[]") > 1 and p.startswith("article.related") for p in article)
    # A list's story items, read through macros imported without context and handed
    # SITEURL: what they read counts at the list's call site.
    listing = template_reads(environment, "tag.html", load).paths()
    assert {"articles_page.object_list[].attribution.byline_parts[][]!",
            "articles_page.object_list[].attribution.short_date_text!",
            "articles_page.object_list[].tags[].url!", "SITEURL!"} <= listing


def test_the_stock_theme_imports_its_macros_without_context():
    """Jinja builds a module anew for every import with context (thousands a build) and
    once for all without: the theme's macros take what they read as arguments."""
    from sitebuild import ROOT  # noqa: PLC0415

    templates = sorted((ROOT / "theme/templates").rglob("*.html"))
    assert len(templates) > 20
    for path in templates:
        assert "with context %}" not in path.read_text(), path
