"""Templates compiled once per build for every generator (``speed/template_code.py``):
environments that compile alike share the code; any difference that goes into the
code (a filter the compiler may call on constants, autoescaping, syntax) does not."""

from __future__ import annotations

import jinja2
import pytest

from news_digest.speed.template_code import SharedTemplateCode, share_compiled_templates

from sitebuild import build, seed_text

TEMPLATE = '{{ "shout"|loud }} {{ name }}{% if name == "<b>" %}!{% endif %}'


class Counting(jinja2.Environment):
    compiled = 0

    def compile(self, *args, **kwargs):
        type(self).compiled += 1
        return super().compile(*args, **kwargs)


def environment(folder, loud=str.upper, **options):
    env = Counting(loader=jinja2.FileSystemLoader(folder), **options)
    env.filters["loud"] = loud
    return env


@pytest.fixture()
def templates(tmp_path):
    (tmp_path / "page.html").write_text(TEMPLATE)
    Counting.compiled = 0
    return tmp_path


def test_environments_that_compile_alike_share_the_code(templates):
    shared = SharedTemplateCode()
    first, second = environment(templates), environment(templates)
    for env in (first, second):
        share_compiled_templates(env, shared)
    texts = [env.get_template("page.html").render(name="<b>") for env in (first, second)]
    assert texts == ["SHOUT <b>!"] * 2
    assert Counting.compiled == 1


@pytest.mark.parametrize("other", [
    {"loud": str.title},  # a different filter: its constant result is in the code
    {"autoescape": True},
    {"trim_blocks": True},
    {"variable_start_string": "[[", "variable_end_string": "]]"},
])
def test_a_difference_that_goes_into_the_code_is_not_shared(templates, other):
    shared = SharedTemplateCode()
    first, second = environment(templates), environment(templates, **other)
    for env in (first, second):
        share_compiled_templates(env, shared)
    alone = environment(templates, **other).get_template("page.html").render(name="<b>")
    first.get_template("page.html").render(name="<b>")
    assert second.get_template("page.html").render(name="<b>") == alone
    assert Counting.compiled == 3  # first, second and the one made alone


def test_a_site_bytecode_cache_is_left_alone(templates):
    own = jinja2.FileSystemBytecodeCache(str(templates))
    env = environment(templates, bytecode_cache=own)
    share_compiled_templates(env, SharedTemplateCode())
    assert env.bytecode_cache is own


def test_a_build_compiles_each_template_once(tmp_path, monkeypatch):
    compiled = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, *args, **kwargs):
        compiled.append(name)
        return original(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    build(tmp_path, {"a.txt": seed_text("One story")})
    assert "base.html" in compiled
    assert sorted(compiled) == sorted(set(compiled))
