"""Page reuse is safe by construction: a theme that reads deeper than two objects has
its pages keyed as deep as it reads, or rendered every time; never kept stale.

Real builds of a small digest whose links are known (topics set by hand):

    F0 - Rp - F1 - R - F2 - A - F3     (one story a day, oldest first)

Related stories are earlier ones, chosen by what their text shares
(``enrich/related_text.py``): A (a data broker fined) shares a firm's name with the
earlier R (an inquiry into the records it bought), R shares the hospitals with the
earlier Rp; A and Rp share nothing, nor do the F stories with any other. So A is
related to R only; R to Rp. So
``article.related_stories[].related_stories[].title`` on A's page shows Rp's
headline three objects away (A, R, Rp), which a key two objects deep does not
cover. Each test builds, rebuilds (leaving the record of what each page was made
of), changes Rp's headline and rebuilds again: A's page must show the new one, and
the whole output must be what a build from scratch writes.
"""

from __future__ import annotations

import logging
import shutil

import pytest

from sitebuild import ROOT, build, seed_text, stable_tree

SETTINGS = {"DIGEST_SEARCH": False}
DAYS = {"F0": 1, "Rp": 2, "F1": 3, "R": 4, "F2": 5, "A": 6, "F3": 7}
TOPICS = {"A": "privacy", "R": "privacy, health", "Rp": "health", "F0": "climate",
          "F1": "science", "F2": "elections", "F3": "business"}  # F*: related to none
OLD, NEW = "Hospitals share patient records", "Hospitals stop sharing patient records"

BODIES = {
    "A": "The information commissioner fined Quillbright, a data broker in Leeds, 2.4 "
         "million pounds for selling location records without consent.",
    "R": "Regulators asked questions of Quillbright about patient records bought from "
         "Marlow Vale hospitals.",
    "Rp": "Marlow Vale hospitals said they shared patient records with outside firms for "
          "research, and would review every contract.",
    "F0": "Glaciers in the Andes lost a fifth of their ice since 2000, a survey found.",
    "F1": "Astronomers spotted a comet that will pass Mars next spring.",
    "F2": "Voters in Tasmania return to the polls after the coalition collapsed.",
    "F3": "Shares in Brightwater Foods rose after it raised its profit forecast.",
}

CORRECTED_F0 = BODIES["F0"].replace("a fifth", "a quarter")


def _seeds(rp_title: str = OLD, f0_body: str = BODIES["F0"]) -> dict[str, str]:
    seeds = {}
    for name, day in DAYS.items():
        title = {"A": "Regulator fines data broker", "R": "Inquiry into hospital records widens",
                 "Rp": rp_title}.get(name, f"Other news, day {day}")
        body = (f0_body,) if name == "F0" else (BODIES[name],)
        seeds[f"{name}.txt"] = seed_text(
            title=title, published=f"2024-03-{day:02d}T10:00:00+00:00",
            url=f"https://news.example.com/{name.lower()}", body=body,
            extra=[("Topics", TOPICS[name])])
    return seeds


def _theme(tmp_path, article_html: str | None = None, partials: dict | None = None):
    """A copy of the stock theme with ``article_html`` inserted before the related
    stories of the story page, and extra partial templates."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    page = theme / "templates" / "article.html"
    text = page.read_text(encoding="utf-8")
    anchor = "{% if article.related_stories %}"
    assert anchor in text
    page.write_text(text.replace(anchor, f"{article_html}\n{anchor}", 1), encoding="utf-8")
    for name, body in (partials or {}).items():
        (theme / "templates" / "partials" / name).write_text(body, encoding="utf-8")
    return theme


def _story_page(site, headline: str):
    for path in site.files("stories/*.html"):
        page = site.page(path.relative_to(site.output).as_posix())
        if page.xpath("string(//h1)").strip() == headline:
            return path, page
    raise AssertionError(f"no page for {headline!r}")


def _deep_titles(site) -> list[str]:
    _, page = _story_page(site, "Regulator fines data broker")
    return [li.text_content().strip() for li in page.xpath("//*[@class='deep']")]


def _built_twice(folder, settings):
    first = build(folder, _seeds(), settings=settings)
    assert first.code == 0, first.stderr
    again = build(folder, _seeds(), settings=settings, force=True)  # leaves the record
    assert again.code == 0, again.stderr
    return again


LOOP = """<ul>{% for story in article.related_stories %}{% for other in story.related_stories %}
<li class="deep">{{ other.title }}</li>{% endfor %}{% endfor %}</ul>"""
MACRO = """{% from "partials/deep.html" import deep with context %}<ul>{{ deep(article) }}</ul>"""
MACRO_PARTIAL = """{% macro deep(story) %}{% for near in story.related_stories %}
{{ further(near) }}{% endfor %}{% endmacro %}
{% macro further(near) %}{% for far in near.related_stories %}
<li class="deep">{{ far.title }}</li>{% endfor %}{% endmacro %}"""
ALIASES = """{% set near = article.related_stories %}<ul>{% for story in near %}
{% with far = story.related_stories %}{% set first = far|first %}
{% for other in far|sort(attribute="title") %}<li class="deep">{{ other.title }}</li>
{% endfor %}{% endwith %}{% endfor %}</ul>"""
CALLER = """{% macro each(story) %}{% for near in story.related_stories %}
{{ caller(near) }}{% endfor %}{% endmacro %}<ul>{% call(near) each(article) %}
{% for far in near.related_stories|map(attribute="title") %}<li class="deep">{{ far }}</li>
{% endfor %}{% endcall %}</ul>"""
INCLUDE = """<ul>{% for near in article.related_stories %}{% include "partials/deep.html" %}
{% endfor %}</ul>"""
INCLUDE_PARTIAL = """{% for far in near.related_stories %}<li class="deep">{{ far.title }}</li>
{% endfor %}"""

DEEP = {
    "loop": (LOOP, {}),
    "macro": (MACRO, {"deep.html": MACRO_PARTIAL}),
    "set and with aliases, filters": (ALIASES, {}),
    "caller and map": (CALLER, {}),
    "include in a loop": (INCLUDE, {"deep.html": INCLUDE_PARTIAL}),
}


@pytest.mark.slow
@pytest.mark.parametrize("variant", DEEP, ids=list(DEEP))
def test_a_template_reading_three_objects_deep_shows_the_new_value(tmp_path, variant):
    article_html, partials = DEEP[variant]
    settings = {**SETTINGS, "THEME": str(_theme(tmp_path, article_html, partials))}
    site = _built_twice(tmp_path / "site", settings)
    assert OLD in _deep_titles(site)
    again = build(tmp_path / "site", _seeds(rp_title=NEW), settings=settings)
    assert again.code == 0, again.stderr
    assert "Kept " in again.stderr  # pages are still kept, just not this one
    assert NEW in _deep_titles(again) and OLD not in _deep_titles(again)
    fresh = build(tmp_path / "fresh", _seeds(rp_title=NEW), settings=settings)
    assert stable_tree(again.output) == stable_tree(fresh.output)


@pytest.mark.slow
def test_a_deep_page_is_still_kept_when_nothing_in_its_reach_changed(tmp_path):
    settings = {**SETTINGS, "THEME": str(_theme(tmp_path, LOOP))}
    site = _built_twice(tmp_path / "site", settings)
    path, _ = _story_page(site, "Regulator fines data broker")
    before = path.stat().st_ino
    # F0 is out of the deep page's reach (A, R, Rp, and no further).
    again = build(tmp_path / "site", _seeds(f0_body=CORRECTED_F0),
                  settings=settings)
    assert again.code == 0, again.stderr
    assert path.stat().st_ino == before, "A's page was rendered again"
    fresh = build(tmp_path / "fresh", _seeds(f0_body=CORRECTED_F0),
                  settings=settings)
    assert stable_tree(again.output) == stable_tree(fresh.output)


def related_titles(article) -> str:
    """A filter the analysis cannot see into: it reads three objects deep."""
    return " | ".join(far.title for near in article.related_stories
                      for far in near.related_stories)


@pytest.mark.slow
def test_an_unknown_filter_given_an_object_renders_its_pages_every_time(tmp_path, caplog):
    theme = _theme(tmp_path, '<p class="deep">{{ article|related_titles }}</p>')
    settings = {**SETTINGS, "THEME": str(theme), "JINJA_FILTERS": {
        "related_titles": related_titles}}
    site = _built_twice(tmp_path / "site", settings)
    assert OLD in _deep_titles(site)[0]
    caplog.set_level(logging.DEBUG, logger="news_digest.speed.reuse_writer")
    again = build(tmp_path / "site", _seeds(rp_title=NEW), settings=settings)
    assert again.code == 0, again.stderr
    assert NEW in _deep_titles(again)[0]
    assert "Kept " in again.stderr  # listings and the other pages are still kept
    assert any("stories/" in r.getMessage() and "unknown code" in r.getMessage()
               for r in caplog.records), [r.getMessage() for r in caplog.records][:5]


@pytest.mark.slow
def test_a_template_reading_deeper_than_any_key_renders_its_pages(tmp_path, caplog):
    # A and the five stories before it, one after the other: six objects.
    deepest = ('{% if article.older_story and article.older_story.older_story and '
               "article.older_story.older_story.older_story and article.older_story"
               ".older_story.older_story.older_story %}<li class=\"deep\">{{ article"
               ".older_story.older_story.older_story.older_story.older_story.title }}</li>"
               "{% endif %}")
    settings = {**SETTINGS, "THEME": str(_theme(tmp_path, deepest))}
    _built_twice(tmp_path / "site", settings)
    caplog.set_level(logging.DEBUG, logger="news_digest.speed.reuse_writer")
    again = build(tmp_path / "site", _seeds(rp_title=NEW), settings=settings)
    assert again.code == 0, again.stderr
    assert any("objects deep" in r.getMessage() for r in caplog.records)
    fresh = build(tmp_path / "fresh", _seeds(rp_title=NEW), settings=settings)
    assert stable_tree(again.output) == stable_tree(fresh.output)


@pytest.mark.slow
def test_every_page_of_the_stock_theme_can_be_kept(tmp_path, caplog):
    """The stock theme reads nothing its keys do not cover: no page is rendered for
    want of a key (the debug log names every page that is)."""
    _built_twice(tmp_path / "site", SETTINGS)
    caplog.set_level(logging.DEBUG, logger="news_digest.speed.reuse_writer")
    again = build(tmp_path / "site", _seeds(f0_body=CORRECTED_F0),
                  settings=SETTINGS)
    assert again.code == 0, again.stderr
    assert "Kept " in again.stderr
    assert not [r.getMessage() for r in caplog.records if r.getMessage().startswith(
        "Rendering")]
