"""``output/json_text.py`` writes what ``json.dumps`` writes, whatever the value."""

import gc
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from news_digest.output.json_text import dumps_indented

# Text with the characters JSON escapes, non-ASCII and lone surrogates among them.
TEXT = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF,
                                      blacklist_categories=()), max_size=12)
LEAVES = st.none() | st.booleans() | st.integers() | TEXT
VALUES = st.recursive(
    LEAVES,
    lambda children: (st.lists(children, max_size=4)
                      | st.lists(children, max_size=3).map(tuple)
                      | st.dictionaries(TEXT, children, max_size=4)),
    max_leaves=30)


@settings(max_examples=400, deadline=None)
@given(VALUES, st.sampled_from([0, 1, 2, 4]), st.booleans(), st.booleans())
def test_the_same_text_as_json_dumps(value, indent, sort_keys, ensure_ascii):
    assert dumps_indented(value, indent, sort_keys=sort_keys, ensure_ascii=ensure_ascii) == \
        json.dumps(value, indent=indent, sort_keys=sort_keys, ensure_ascii=ensure_ascii)


def test_what_it_does_not_write_itself_json_writes_whole():
    for value in ([1.5, {"a": float("nan")}], {1: "one", 2: ["two"]}, {"a": {True: None}},
                  {"nested": [{"deep": 10**30, "x": -0.0}]}):
        assert dumps_indented(value, 2, sort_keys=True) == json.dumps(value, indent=2,
                                                                     sort_keys=True)


def test_a_value_json_cannot_write_fails_as_json_fails():
    try:
        json.dumps({"a": object()}, indent=1)
    except TypeError as err:
        expected = str(err)
    try:
        dumps_indented({"a": object()}, 1)
    except TypeError as err:
        assert str(err) == expected
    else:
        raise AssertionError("no TypeError")


def test_it_leaves_no_garbage_for_the_collector():
    """Nothing of a call outlives it: a build freezes what it holds (gc.freeze) once
    its stories are read, after its feeds in a build from scratch, and a reference
    cycle left by a JSON feed written before that would be kept to the build's end."""
    gc.collect()
    dumps_indented({"items": [{"title": "A", "tags": ("x", 1, None)}]}, 2, sort_keys=True)
    assert gc.collect() == 0
