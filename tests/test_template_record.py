"""Each template's analysis is kept between builds (``speed/template_record.py``) and
taken back only when every template text it read is the loader's text now: an edited
template is analysed again, and the rebuild writes what a fresh build writes."""

from __future__ import annotations

import os
import pickle
import shutil
import time

import jinja2
import pytest

from news_digest.speed import template_deps, template_record
from news_digest.speed.template_record import TemplateAnalyses

from sitebuild import ROOT, SAMPLE_SEED, build, seed_text, stable_tree

TEMPLATES = {
    "base.html": "{{ SITENAME }}{% block body %}{% endblock %}",
    "page.html": '{% extends "base.html" %}{% block body %}{% include "part.html" %}'
                 "{% if article.older %}{{ article.older.title }}{% endif %}{% endblock %}",
    "part.html": "{% for x in items|sort(attribute='a') %}{{ x.a.b }}{% endfor %}",
    "other.html": "{{ SITENAME }}",
}


@pytest.fixture
def analysed(monkeypatch) -> list[str]:
    """The templates analysed (not taken from a record), in order."""
    names: list[str] = []
    analyse = template_deps.template_reads

    def counted(environment, name, load):
        names.append(name)
        return analyse(environment, name, load)

    monkeypatch.setattr(template_deps, "template_reads", counted)
    return names


def _branches(found) -> list:
    return [(guards, {root: node.paths(root) for root, node in trees.items()})
            for guards, trees in found.reads.branches]


def _of(cache, loader, name, environment=None):
    analyses = TemplateAnalyses(cache)
    found = analyses.deps(environment or jinja2.Environment(loader=loader)).of(name)
    analyses.save()
    return found


def test_an_analysis_read_back_is_the_analysis(tmp_path, analysed):
    loader = jinja2.DictLoader(dict(TEMPLATES))
    first = _of(tmp_path, loader, "page.html")
    again = _of(tmp_path, loader, "page.html")
    assert analysed == ["page.html"]  # the second from the record
    assert (again.names, again.source, again.why) == (first.names, first.source, first.why)
    assert _branches(again) == _branches(first) and again.reads.roots == first.reads.roots
    assert any(guards for guards, _ in again.reads.branches)  # conditions kept too


def test_a_changed_template_or_environment_is_analysed_again(tmp_path, analysed):
    loader = jinja2.DictLoader(dict(TEMPLATES))
    _of(tmp_path, loader, "page.html")
    _of(tmp_path, loader, "other.html")
    loader.mapping["part.html"] = "{{ more.x }}"  # included by page.html only
    assert "more" in _of(tmp_path, loader, "page.html").names
    assert _of(tmp_path, loader, "other.html").names == ("SITENAME",)
    assert analysed == ["page.html", "other.html", "page.html"]
    loader.mapping["part.html"] = TEMPLATES["part.html"]
    _of(tmp_path, loader, "page.html")
    own = jinja2.Environment(loader=loader)
    own.filters["sort"] = sorted  # not Jinja's own: what it returns cannot be followed
    assert "cannot be analysed" in _of(tmp_path, loader, "page.html", own).why
    assert analysed[3:] == ["page.html", "page.html"]


def test_a_template_that_appears_is_analysed_again(tmp_path, analysed):
    loader = jinja2.DictLoader({"page.html": '{% include "late.html" ignore missing %}'})
    assert _of(tmp_path, loader, "page.html").reads is None  # it names a missing one
    loader.mapping["late.html"] = "{{ late.title }}"
    assert _of(tmp_path, loader, "page.html").names == ("late",)
    assert analysed == ["page.html"]  # the first was refused before its paths were read


# -- real builds ------------------------------------------------------------------------

SEEDS = {
    "000_6658c6a34da15a44.txt": SAMPLE_SEED.read_bytes(),
    "001_a.txt": seed_text(title="Court rules on data law", url="https://a.example/1"),
    "002_b.txt": seed_text(title="Storm season begins", author="Reuters",
                           published="2020-01-03T09:00:00-05:00", url="https://b.example/2"),
}


def _touch(site) -> None:
    """Save a seed again unchanged: the next build is a real one (not up to date)."""
    now = time.time_ns()
    os.utime(site / "content" / "articles" / "001_a.txt", ns=(now, now))


def _recorded(site, settings):
    """A site built from scratch, then over its output: its analyses are recorded."""
    assert build(site, SEEDS, settings=settings).code == 0
    again = build(site, SEEDS, settings=settings, force=True)
    assert again.code == 0, again.stderr
    [record] = (site / "cache").glob(f"*/{template_record.RECORD}")
    return record


@pytest.mark.slow
def test_an_edited_template_is_analysed_again_and_the_rebuild_is_a_fresh_build(
        tmp_path, analysed):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = {"THEME": str(theme), "DIGEST_SEARCH": False}
    _recorded(tmp_path / "site", settings)
    analysed.clear()
    _touch(tmp_path / "site")
    same = build(tmp_path / "site", SEEDS, settings=settings)
    assert same.code == 0 and "Kept " in same.stderr, same.stderr
    assert analysed == []  # every template from the record
    item = theme / "templates" / "partials" / "story_item.html"
    item.write_text(item.read_text(encoding="utf-8").replace(
        'class="story-summary"', 'class="story-summary edited"'), encoding="utf-8")
    again = build(tmp_path / "site", SEEDS, settings=settings)
    assert again.code == 0, again.stderr
    assert "index.html" in analysed  # it includes the edited partial
    assert again.page("index.html").xpath("//p[contains(@class, 'edited')]")
    fresh = build(tmp_path / "fresh", SEEDS, settings=settings)
    assert stable_tree(again.output) == stable_tree(fresh.output)



def test_each_template_text_is_parsed_once_in_a_build(tmp_path, monkeypatch):
    """The build's environments are alike (one key): each template's text is parsed for
    the analyses once, not once in each of them, and each environment still gets its
    analysis (every page is written and linked as before)."""
    parsed: list[str] = []
    parse = jinja2.Environment.parse

    def counted(self, source, name=None, filename=None):
        parsed.append(source)
        return parse(self, source, name, filename)

    monkeypatch.setattr(jinja2.Environment, "parse", counted)
    site = build(tmp_path, SEEDS, settings={"DIGEST_SEARCH": False})
    assert site.code == 0, site.stderr
    assert parsed and len(parsed) == len(set(parsed))
    base = (ROOT / "theme" / "templates" / "base.html").read_text(encoding="utf-8")
    assert base in parsed  # the one every page extends: once, for every environment
    assert site.page("index.html").xpath("//a[contains(@href, 'court-rules-on-data-law')]")

DAMAGE = {
    "truncated": lambda data: data[: len(data) // 2],
    "garbage": lambda data: os.urandom(4096),
    "flipped bytes": lambda data: data[:100] + bytes(b ^ 0xFF for b in data[100:300]) + data[300:],
    # hashed as written, but naming code: refused before anything is made of it
    "a class": lambda data: _hashed(pickle.dumps({"k": {"index.html": ((), os.getcwd)}})),
    "wrong entries": lambda data: _hashed(pickle.dumps({"k": ["not", "entries"]})),
}


def _hashed(body: bytes) -> bytes:
    return template_record.MAGIC + template_record._hash(body).encode() + b"\n" + body


@pytest.mark.slow
@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_template_record_is_discarded_with_one_warning(tmp_path, analysed, damage):
    settings = {"DIGEST_SEARCH": False}
    record = _recorded(tmp_path / "site", settings)
    record.write_bytes(DAMAGE[damage](record.read_bytes()))
    analysed.clear()
    _touch(tmp_path / "site")
    site = build(tmp_path / "site", SEEDS, settings=settings)
    assert site.code == 0, site.stderr
    found = [w for w in site.warnings if "discarded the damaged build record" in w]
    assert len(found) == 1 and str(record) in found[0], site.warnings
    assert analysed  # analysed anew, and recorded again
    assert template_record.load(record.parent)
    fresh = build(tmp_path / "fresh", SEEDS, settings=settings)
    assert stable_tree(site.output) == stable_tree(fresh.output)
