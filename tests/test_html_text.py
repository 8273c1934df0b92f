"""Feed HTML to plain paragraphs (html_text) and story fields to seed text (story_seed)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from news_digest.seeds.compose import WORD_JOINER, StoryError, safe_url, story_seed
from news_digest.seeds.format import parse_seed
from news_digest.seeds.text import html_to_line, html_to_paragraphs, text_to_paragraphs


def test_tags_stripped_and_entities_decoded():
    html = "<p>Tom &amp; Jerry &eacute;t&eacute; &#8211; <b>bold</b> <a href='x'>link</a></p>"
    assert html_to_paragraphs(html) == ["Tom & Jerry été – bold link"]


def test_scripts_styles_and_embeds_dropped():
    html = ("<p>Before</p><script>var a = '<p>not text</p>';</script>"
            "<style>p { color: red }</style><noscript>enable js</noscript>"
            "<iframe src='https://v.example'>fallback</iframe><p>After</p>")
    assert html_to_paragraphs(html) == ["Before", "After"]


def test_blocks_and_br_become_paragraphs_and_whitespace_collapses():
    html = ("  <div>One\n   line\tonly</div>Two<br>Three<br/><br/>"
            "<ul><li>Four</li><li>Five&nbsp;&nbsp;six</li></ul>\n\n<p> </p>")
    assert html_to_paragraphs(html) == ["One line only", "Two", "Three", "Four", "Five six"]


def test_markup_like_text_in_plain_text_stays_literal():
    assert text_to_paragraphs("a <b> & c\r\n\r\n  second\tline \n") == ["a <b> & c",
                                                                      "second line"]
    assert html_to_line("Fix in &lt;code&gt; <code>libfoo</code>") == "Fix in <code> libfoo"


def test_control_characters_never_reach_a_paragraph():
    assert html_to_paragraphs("<p>bell\x07 and\x85 next\u2028line</p>") == [
        "bell and next line"]


def _seed(**fields):
    values = dict(title="A story", published=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
                  byline="Jane Doe", source_name="The Example", url="https://e.example/a",
                  paragraphs=["First.", "Second."])
    values.update(fields)
    return story_seed("x.txt", **values)


def test_story_seed_reads_back_as_the_same_story():
    seed, text = _seed()
    again = parse_seed(text, "x.txt")
    assert (again.title, again.byline, again.source_name, again.source_url, again.paragraphs,
            again.published) == ("A story", "Jane Doe", "The Example", "https://e.example/a",
                                 ("First.", "Second."), datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert seed == again


def test_first_paragraph_that_looks_like_a_header_stays_body_text():
    for first in ("# MeToo founder speaks", "Note: **important**", "Original: [a](b)"):
        seed, text = _seed(paragraphs=[first, "More."])
        assert seed.paragraphs[0] == WORD_JOINER + first
        assert parse_seed(text, "x.txt").paragraphs == (WORD_JOINER + first, "More.")
    # '#' without a space is no title: the paragraph needs nothing
    seed, text = _seed(paragraphs=["#MeToo founder speaks", "More."])
    assert parse_seed(text, "x.txt").paragraphs == ("#MeToo founder speaks", "More.")


def test_fields_are_fitted_to_the_format():
    seed, text = _seed(title="word " * 100, source_name="A [bracketed] name",
                       url="https://e.example/a b[1]")
    assert len(seed.title) <= 300 and seed.title.endswith("…")
    assert seed.source_name == "A (bracketed) name"
    assert seed.source_url == "https://e.example/a%20b%5B1%5D"
    assert safe_url("https://e.example/a b[1]") == seed.source_url


def test_story_without_text_is_refused():
    with pytest.raises(StoryError, match="no text"):
        _seed(paragraphs=["  ", ""])
