"""Property-based tests of the seed parser: it never fails in an unplanned way, and
rendering a story back to the format and parsing it again gives the same story."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from news_digest.seeds.format import (
    HEADERS,
    Seed,
    SeedError,
    looks_like_header,
    normalise_key,
    parse_seed,
    render_seed,
)
from news_digest.seeds.text_checks import has_visible_character

PROPERTY = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

# Text a curator could write on one line: letters, digits, punctuation, symbols and
# spaces from any script, but no line breaks or control characters.
_CHARS = st.characters(categories=("L", "M", "N", "P", "S", "Zs"))
_line = st.text(_CHARS, min_size=1, max_size=60).map(str.strip).filter(has_visible_character)

# Fragments that look like the format, so random files come near the interesting edges.
_FRAGMENTS = st.sampled_from([
    "# ", "#", "## ", "Published at: **", "**", "Author: **", "Original: [", "](", ")",
    "https://example.org/x", "javascript:alert(1)", "2019-11-01T12:05:50+00:00", "Z",
    "\n", "\r\n", "\r", "\ufeff", "\x00", "\x07", " ", "\t", "Topics: **", "Summary: **",
    "<script>", "&amp;", "*", "_", "[", "]",
])


@PROPERTY
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400),
                 st.lists(st.one_of(_FRAGMENTS, _line), max_size=40).map("".join)))
def test_any_input_gives_a_story_or_a_seed_error(data):
    try:
        seed = parse_seed(data, "any.txt")
    except SeedError as error:
        assert error.path == "any.txt" and error.line >= 1 and error.message
    else:
        assert seed.title and seed.paragraphs and seed.published.tzinfo is not None


_offsets = st.integers(min_value=-12 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes)))
_published = st.builds(
    lambda moment, tz: moment.replace(tzinfo=UTC).astimezone(tz),
    st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2024, 12, 30)),  # not ahead
    _offsets)
_url = st.builds(lambda host, path: f"https://{host}.example/{path}",
                 st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True),
                 st.from_regex(r"[A-Za-z0-9_./%?=&-]{0,40}", fullmatch=True))
# A headline as the format keeps it: a run of spaces in it is one space (by design: a
# typed one reached <title> and the feeds, docs/curating.md).
_headline = _line.map(lambda text: re.sub(r"[ \t]{2,}", " ", text))

# Undocumented headers (kept inert on Seed.extra), and the documented optional ones.
_DOCUMENTED = {header.key for header in HEADERS}
_extra_key = st.from_regex(r"[a-z]{2,12}(_[a-z0-9]{1,8}){0,2}", fullmatch=True).filter(
    lambda k: normalise_key(k) not in _DOCUMENTED)
# A Topics line names a topic between its commas (", ," is refused, by design).
_topics = _line.filter(lambda text: any(has_visible_character(p) for p in text.split(",")))
_headers = st.fixed_dictionaries({}, optional={
    "summary": _line, "topics": _topics,
    "language": st.sampled_from(["en", "de", "pt-BR", "zh-Hant-TW", "sr-Latn-RS", "es-419"]),
    "feed": _url})


@st.composite
def seeds(draw):
    paragraphs = draw(st.lists(_line, min_size=1, max_size=6))
    if looks_like_header(paragraphs[0]):
        paragraphs[0] = "Text " + paragraphs[0]
    return Seed(
        path="round.txt",
        title=draw(_headline),
        published=draw(_published),
        byline=draw(st.one_of(st.just(""), _line)),
        source_name=draw(_line.filter(lambda name: not {"[", "]"} & set(name))),
        source_url=draw(_url),
        paragraphs=tuple(paragraphs),
        headers=draw(_headers),
        extra=draw(st.dictionaries(_extra_key, _line, max_size=3)),
    )


@PROPERTY
@given(seeds())
def test_render_then_parse_gives_the_same_story(seed):
    again = parse_seed(render_seed(seed), seed.path)
    assert again == seed
    assert again.published.utcoffset() == seed.published.utcoffset()
