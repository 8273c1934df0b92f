"""How deep a template reaches into a page's values (reach.py, a pure module): the
paths of small templates walked on small objects, counted as fingerprints count."""

from __future__ import annotations

from dataclasses import dataclass, field

import jinja2
import pytest

from news_digest.speed.fingerprint import Fingerprints
from news_digest.speed.reach import Beyond, Described, Reach
from news_digest.speed.template_paths import template_reads


@dataclass(eq=False)
class Story:
    title: str
    related: list = field(default_factory=list)
    edition: object = None


@dataclass(eq=False)
class Edition:
    title: str
    stories: list = field(default_factory=list)


@dataclass(frozen=True)
class Credit:
    publisher: str
    story: object = None  # a value holding an object

    @property
    def line(self) -> str:
        return f"By {self.publisher}"


class Computed:
    """An object whose attribute is Python code."""

    def __init__(self, story):
        self.story = story

    @property
    def deep_title(self) -> str:
        return self.story.related[0].edition.title


class Sized:
    def __init__(self):
        self.items = []

    def __len__(self):
        return len(self.items)


class Tagged:
    """A type hashed its own way, described as covering its name only."""

    def __init__(self, name):
        self.name = name


def _needed(template: str, by_length=frozenset(), described=None, **values):
    environment = jinja2.Environment(loader=jinja2.DictLoader({"t.html": template}))
    environment.filters["custom"] = lambda value: value
    reads = template_reads(environment, "t.html", lambda name: environment.parse(
        environment.loader.get_source(environment, name)[0]))
    fingerprints = Fingerprints({Tagged: lambda v, b, f: v.name})
    return Reach(fingerprints.kind_of, described or {}).needed(reads, values, by_length)


def _chain():
    far = Story("far", edition=Edition("Monday"))
    near = Story("near", related=[far])
    return Story("page", related=[near]), far


def test_objects_entered_are_counted_per_name():
    page, _ = _chain()
    assert _needed("{{ article.title }}", article=page) == {"article": 1}
    assert _needed("{% for s in article.related %}{{ s.title }}{% endfor %}",
                   article=page) == {"article": 2}
    assert _needed("{{ article.related[0].related[0].edition.title }}",
                   article=page) == {"article": 4}
    assert _needed("{{ article.title }}{{ other|length }}", article=page, other=[1, 2]) == {
        "article": 1}


def test_containers_and_values_are_free():
    credit = Credit("The Daily")
    assert _needed("{{ c.publisher }}{{ c.line }}", c={"x": credit}) == {}
    assert _needed("{{ credits[0].line }}", credits=[credit]) == {}


def test_python_code_over_objects_is_beyond_any_key():
    page, _ = _chain()
    with pytest.raises(Beyond, match="deep_title is Python code"):
        _needed("{{ x.deep_title }}", x=Computed(page))
    with pytest.raises(Beyond, match="Python code over objects"):
        _needed("{{ c.line }}", c=Credit("The Daily", story=page))  # holds an object
    with pytest.raises(Beyond, match="__len__"):
        _needed("{{ s|length }}", s=Sized())


def test_an_object_printed_or_handed_to_unknown_code_is_beyond_any_key():
    page, _ = _chain()
    with pytest.raises(Beyond, match="prints a whole Story"):
        _needed("{{ article.related[0] }}", article=page)
    with pytest.raises(Beyond, match="unknown code"):
        _needed("{{ article|custom }}", article=page)
    assert _needed("{{ article.title|custom }}", article=page) == {"article": 1}


def test_a_name_keyed_by_its_length_only_may_not_be_read_into():
    page, _ = _chain()
    assert _needed("{{ articles|length }}", by_length=frozenset({"articles"}),
                   articles=[page]) == {}
    with pytest.raises(Beyond, match="covers only the length"):
        _needed("{% for a in articles %}{{ a.title }}{% endfor %}",
                by_length=frozenset({"articles"}), articles=[page])


def test_a_branch_whose_condition_is_false_here_is_not_walked():
    page, _ = _chain()
    template = ("{% set stories = current.entries if current else articles %}"
                "{% for s in stories %}{{ s.title }}{% endfor %}")
    assert _needed(template, by_length=frozenset({"articles"}),
                   current={"entries": [page]}, articles=[page]) == {"current": 1}
    with pytest.raises(Beyond):  # no current page: the whole list is read
        _needed(template, by_length=frozenset({"articles"}), current=None, articles=[page])


def test_special_types_cover_what_their_description_says():
    described = {Tagged: Described(fields=frozenset({"name"}), shown=True)}
    assert _needed("{{ t }}{{ t.name }}", described=described, t=Tagged("x")) == {}
    extra = Tagged("x")
    extra.colour = "red"  # not part of its description
    with pytest.raises(Beyond, match="colour"):
        _needed("{{ t.name }}", described=described, t=extra)
    with pytest.raises(Beyond, match="no description"):
        _needed("{{ t.name }}", t=Tagged("x"))


def test_dict_methods_reach_their_values():
    page, _ = _chain()
    assert _needed("{% for s in d.get(k, []) %}{{ s.title }}{% endfor %}",
                   d={"a": [page]}, k="a") == {"d": 1}
    assert _needed("{% for k, v in d.items() %}{{ v.related[0].title }}{% endfor %}",
                   d={"a": page}) == {"d": 2}


def test_a_value_holding_itself_is_refused_not_followed_forever():
    looped: list = []
    looped.append(looped)
    with pytest.raises(Beyond, match="nested more than"):
        _needed("{{ x }}", x=looped)


@dataclass(frozen=True)
class _One:
    only: object


@dataclass(frozen=True)
class _NoFields:
    pass


def test_a_value_holds_objects_when_any_field_does_however_many_fields_it_has():
    # A value's fields are read in one call per type (``reach_types._getter``): a value
    # of one field, or of none, is judged as one of several fields is, all the way down.
    reach = Reach(Fingerprints().kind_of, {})
    assert reach._holds_no_objects(_One("a")) and reach._holds_no_objects(_NoFields())
    assert reach._holds_no_objects(_One(_One(("a", 1))))
    assert not reach._holds_no_objects(_One(Story("x")))
    assert not reach._holds_no_objects(_One(_One((Story("x"),))))
    assert not reach._holds_no_objects(_One((_One("a"), Story("x"))))
