"""Fingerprints of template inputs, and the names a template reads (pure modules)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType

import jinja2
import pytest

from news_digest.speed.fingerprint import Fingerprints, Unfingerprintable, is_unchangeable
from news_digest.speed.template_deps import TemplateDeps


@dataclass(eq=False)
class Node:
    title: str
    date: datetime = datetime(2020, 1, 2, tzinfo=UTC)
    links: list = field(default_factory=list)
    settings: dict = field(default_factory=dict)


def _fp(value, budget=3):
    return Fingerprints().of(value, budget)


def test_equal_values_in_new_objects_have_equal_fingerprints():
    def make():
        a, b = Node("A"), Node("B")
        a.links, b.links = [b], [a]  # a cycle terminates
        return a
    assert _fp(make()) == _fp(make())


def test_a_change_within_reach_changes_the_fingerprint():
    a, b, c = Node("A"), Node("B"), Node("C")
    a.links, b.links = [b], [c]
    before = _fp(a)
    c.title = "C, corrected"  # a.links[0].links[0].title: the third object entered
    assert _fp(a) != before
    b.date = datetime(2021, 1, 1, tzinfo=UTC)
    assert _fp(a) != _fp(Node("A", links=[Node("B", links=[Node("C, corrected")])]))


def test_settings_and_what_is_out_of_reach_do_not_count():
    a, b, c, d = Node("A"), Node("B"), Node("C"), Node("D")
    a.links, b.links, c.links = [b], [c], [d]
    before = _fp(a)
    d.title = "far away"  # the fourth object: out of reach
    a.settings["X"] = 1
    assert _fp(a) == before


@dataclass(frozen=True)
class Value:
    name: str
    parts: tuple = ()


def test_values_are_part_of_their_owner():
    a, b, c = Node("A"), Node("B"), Node("C")
    a.links, b.links = [b], [c]
    c.links = [Value("v", (Value("w"),))]  # costs nothing to follow
    before = _fp(a)
    c.links = [Value("v", (Value("w, changed"),))]
    assert _fp(a) != before


def test_containers_and_text_are_told_apart():
    assert _fp(["a", "b"]) != _fp(["a b"])
    assert _fp({"a": 1}) != _fp({"a": "1"})
    assert _fp({1, 2}) == _fp({2, 1})


def test_what_a_walk_tells_apart_the_fingerprint_tells_apart():
    """A page may be kept without walking its template again when its key is as
    before (speed/reuse_writer.py ``_as_before``): what the walk looks at, the key
    must cover. A list and a set have other methods; two opaque types, other code."""
    assert _fp([("a",)]) != _fp({("a",)})

    def shown(name):  # a value known by its repr only (OPAQUE: no __dict__)
        return type(name, (), {"__slots__": (), "__repr__": lambda self: "'x'"})()

    opaque = Fingerprints()
    assert opaque.of([shown("One")], 1) != opaque.of([shown("Other")], 1)


def test_an_object_known_only_by_its_address_cannot_be_compared():
    with pytest.raises(Unfingerprintable):
        _fp([object.__new__(type("Opaque", (), {"__slots__": ()}))])


def test_special_types_are_described_their_own_way():
    fingerprints = Fingerprints({Node: lambda node, depth, f: node.title})
    assert fingerprints.of(Node("A", links=[1]), 2) == Fingerprints(
        {Node: lambda node, depth, f: node.title}).of(Node("A", links=[2]), 2)


def test_template_names_follow_extends_and_includes():
    loader = jinja2.DictLoader({
        "base.html": "{{ SITENAME }}{% block body %}{% endblock %}",
        "page.html": '{% extends "base.html" %}{% block body %}'
                     '{% include "part.html" %}{{ article.title }}{% endblock %}',
        "part.html": "{% for x in items %}{{ x }}{% endfor %}",
        "dynamic.html": "{% include chosen %}"})
    deps = TemplateDeps(jinja2.Environment(loader=loader))
    found = deps.of("page.html")
    assert found.names == ("SITENAME", "article", "items")
    dynamic = deps.of("dynamic.html")
    assert dynamic.reads is None and "chosen at render time" in dynamic.why
    loader.mapping["part.html"] = "{{ items|length }}"
    assert TemplateDeps(jinja2.Environment(loader=loader)).of("page.html").source != found.source


def test_unchangeable_means_all_the_way_down():
    """What ``_as_read`` lets a seed's hash stand for (reuse_writer.py): the exact rule."""
    assert is_unchangeable(("a", 1, 2.5, None, datetime(2020, 1, 2, tzinfo=UTC)))
    assert is_unchangeable(Value("v", (Value("w"), frozenset({"x"}))))
    assert is_unchangeable(MappingProxyType({"a": ("b",)}))  # a view of a private copy
    assert not is_unchangeable(Value("v", ({"a": 1},)))  # a frozen dataclass holding a dict
    assert not is_unchangeable(Value("v", [1]))
    assert not is_unchangeable(MappingProxyType({"a": []}))
    assert not is_unchangeable(MappingProxyType({Node("key"): "b"}))
    assert not is_unchangeable([1])
    assert not is_unchangeable({"a": 1})
    assert not is_unchangeable(Node("A"))
    nested = "deep"
    for _ in range(40):
        nested = (nested,)
    assert not is_unchangeable(nested)  # deeper than any value the plugin makes


@dataclass(frozen=True)
class Nothing:
    pass


@dataclass(frozen=True)
class One:
    part: object


def test_unchangeable_reads_every_field_of_a_value_whatever_their_number():
    """None, one or many fields, plain or not: a changeable one anywhere, at any depth,
    makes the whole value changeable."""
    assert is_unchangeable(Nothing())
    assert is_unchangeable(One("a")) and is_unchangeable(One(One(("b",))))
    assert not is_unchangeable(One([]))
    assert not is_unchangeable(One(One(MappingProxyType({"a": [1]}))))
    assert not is_unchangeable(Value("v", ("a", "b", Value("w", ({},)))))  # the last field
    assert not is_unchangeable(One(Node("A")))  # an object, even of plain values


def test_a_type_can_say_what_it_is_made_of():
    @dataclass(eq=False)
    class Made:
        source: Node
        label: str

        def __fingerprint__(self):
            return self.label

    node = Node("A")
    assert _fp(Made(node, "x")) == _fp(Made(Node("B"), "x"))  # only what it says counts
    assert _fp(Made(node, "x")) != _fp(Made(node, "y"))


def test_each_budget_is_memoised_apart_and_budgets_stay_in_range():
    # The memo keys an object by its id and budget in one int (four bits for the
    # budget): every budget a build uses is told apart, and none out of range is taken.
    a, b, c = Node("A"), Node("B"), Node("C")
    a.links, b.links = [b], [c]
    fingerprints = Fingerprints()
    found = [fingerprints.of(a, budget) for budget in range(5)]
    assert found == [Fingerprints().of(a, budget) for budget in range(5)]
    assert len(set(found[:4])) == 4  # a third object entered at 3: each budget differs
    for budget in (-1, 16):
        with pytest.raises(ValueError):
            fingerprints.of(a, budget)


class Says:
    """Says what it adds to the key of the owner it names, nothing to another one."""

    def __init__(self, owner, text):
        self.owner, self.text = owner, text

    def __fingerprint__(self):
        return self.text

    def __fingerprint_in__(self, owner):
        return (self.text,) if owner is self.owner else None


def test_stand_ins_are_the_attributes_whose_value_says_what_it_adds():
    owner, other = Node("A"), Node("B")
    owner.says, owner.silent, owner.plain = Says(owner, "x"), Says(other, "y"), Value("v")
    fingerprints = Fingerprints()
    assert fingerprints.stand_ins(owner, vars(owner)) == frozenset({"says"})
    assert "says=Says" in fingerprints.stood_in(vars(owner))
    assert "silent" not in fingerprints.stood_in(vars(owner))
    told = Fingerprints()
    other.says = Says(other, "z")
    told.stand_ins(other, vars(other))
    assert told.stood_in(vars(other)) != fingerprints.stood_in(vars(owner))
    late = Node("D")  # a type that says something met first among others
    late.a, late.b, late.says = Value("v"), [1], Says(late, "w")
    assert Fingerprints().stand_ins(late, vars(late)) == frozenset({"says"})
    plain = Node("C")  # no value of a type that says anything
    assert fingerprints.stand_ins(plain, vars(plain)) == frozenset()
    assert fingerprints.stood_in(vars(plain)) == ""
