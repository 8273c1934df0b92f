"""The seed parser on the real sample, on every variant SEED_FORMAT.md allows, and on
every broken kind it names, each refused at the right line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from news_digest.seeds.format import HEADERS, SeedError, parse_seed, read_seed, render_seed

from sitebuild import ROOT, SAMPLE_SEED, build, seed_text


def test_real_sample_seed():
    seed = read_seed(SAMPLE_SEED)
    assert seed.title.startswith("Agree with Indian government on need to safeguard")
    assert seed.title.endswith("taken strong action: WhatsApp")
    assert seed.published == datetime(2019, 11, 1, 12, 5, 50, tzinfo=UTC)
    assert seed.byline == "PTI"
    assert seed.source_name == "The Times of India"
    assert seed.source_url.startswith("https://timesofindia.indiatimes.com/business/")
    assert len(seed.paragraphs) == 18
    assert seed.paragraphs[0].startswith("NEW DELHI: Amid an uproar")
    assert "activists + and journalists" in seed.paragraphs[0]  # scraping artefact kept
    assert seed.lead == seed.paragraphs[0]
    assert seed.lines == {"title": 2, "published_at": 4, "author": 6, "original": 8, "body": 10}
    assert seed.headers == {} and seed.extra == {} and seed.warnings == ()


def test_render_round_trip_of_sample():
    seed = read_seed(SAMPLE_SEED)
    assert parse_seed(render_seed(seed), seed.path) == seed


def _variant(text: str):
    return parse_seed(text.encode("utf-8") if isinstance(text, str) else text, "v.txt")


def test_crlf_bom_trailing_spaces_and_header_case():
    text = seed_text(author="AP").replace("Published at:", "PUBLISHED  at :")
    text = "\ufeff" + "\n".join(line + "   " for line in text.split("\n"))
    seed = _variant(text.replace("\n", "\r\n").encode("utf-8"))
    assert seed.title == "A story"
    assert seed.byline == "AP"
    assert seed.paragraphs == ("First paragraph.", "Second paragraph.")


def test_leading_blank_line_and_no_final_newline():
    seed = _variant("\n" + seed_text().rstrip("\n"))
    assert seed.paragraphs[-1] == "Second paragraph."


@pytest.mark.parametrize("stamp, expected", [
    ("2019-11-01T12:05:50Z", datetime(2019, 11, 1, 12, 5, 50, tzinfo=UTC)),
    ("2019-11-01T12:05:50", datetime(2019, 11, 1, 12, 5, 50, tzinfo=UTC)),
    ("2019-11-01T17:35:50+05:30",
     datetime(2019, 11, 1, 17, 35, 50, tzinfo=timezone(timedelta(hours=5, minutes=30)))),
    ("2019-11-01", datetime(2019, 11, 1, tzinfo=UTC)),
])
def test_timestamps_are_time_zone_aware(stamp, expected):
    seed = _variant(seed_text(published=stamp))
    assert seed.published == expected
    assert seed.published.tzinfo is not None


def test_missing_author_is_accepted():
    assert _variant(seed_text(author=None)).byline == ""


def test_documented_headers_are_kept_and_summary_is_the_lead():
    seed = _variant(seed_text(extra=[("Summary", "A curator's summary."),
                                     ("Topics", "privacy, law-courts"),
                                     ("Language", "PT-br"),
                                     ("Feed", "https://feeds.example.com/rss")]))
    assert seed.headers == {"summary": "A curator's summary.", "topics": "privacy, law-courts",
                            "language": "pt-BR", "feed": "https://feeds.example.com/rss"}
    assert seed.extra == {} and seed.warnings == ()
    assert seed.lead == "A curator's summary."
    assert seed.lines["topics"] > seed.lines["original"]


@pytest.mark.parametrize("key, value, suggestion", [
    ("Save as", "../../index.html", None),
    ("Override save as", "index.html", None),
    ("Status", "draft", None),
    ("Autor", "Jane Doe", "Author"),
    ("Topcs", "privacy", "Topics"),
    ("Lang", "de", "Language"),
    ("Sumary", "x", "Summary"),
    ("Auther", "x", "Author"),
    ("Languge", "x", "Language"),
    ("Update", "A first paragraph that looks like a header", None),
])
def test_undocumented_headers_are_inert_and_warned(key, value, suggestion):
    seed = _variant(seed_text(extra=[(key, value)]))
    snake = key.lower().replace(" ", "_")
    assert seed.extra == {snake: value} and seed.headers == {}
    [warning] = seed.warnings
    assert (warning.path, warning.line) == ("v.txt", 9)
    assert str(warning).startswith(f"v.txt:9: '{key}' is not a seed header, so the line is "
                                   "ignored: ")
    if suggestion:
        assert str(warning).endswith(f"did you mean '{suggestion}'?")
    else:
        assert "did you mean" not in str(warning)
    assert parse_seed(render_seed(seed), "v.txt") == seed


def test_body_characters_are_kept_literally():
    body = ("Stars * and _underscores_ stay, <b>tags</b> & entities &amp; too.",
            "# not a heading once the body has started")
    assert _variant(seed_text(body=body)).paragraphs == body


def _refused(data: str | bytes) -> SeedError:
    with pytest.raises(SeedError) as caught:
        _variant(data)
    assert str(caught.value).startswith(f"v.txt:{caught.value.line}: ")
    return caught.value


@pytest.mark.parametrize("text, line, words", [
    ("", 1, "empty"),
    ("  \n\n \t\n", 1, "empty"),
    (seed_text().replace("# A story\n", ""), 2, "no title"),
    (seed_text(published=None), 1, "no publication date"),
    (seed_text(published="last Tuesday"), 3, "not an ISO 8601"),
    (seed_text(published="2019-02-30T00:00:00Z"), 3,
     "'2019-02-30T00:00:00Z' is not an ISO 8601 timestamp: February 2019 has 28 days"),
    (seed_text(published="2019-13-01"), 3, "there is no month 13"),
    (seed_text(published="2019-11-01T24:30:00Z"), 3, "the time of day runs from 00:00"),
    (seed_text(published="01/11/2019 12:05"), 3, "write the year first, like 2019-11-01"),
    (seed_text(source=None), 1, "no 'Original:'"),
    (seed_text(url="javascript:alert(1)"), 7, "not an absolute http(s) URL"),
    (seed_text(url="/relative/story"), 7, "not an absolute http(s) URL"),
    (seed_text(url="data:text/html,hi"), 7, "not an absolute http(s) URL"),
    (seed_text(body=()), 8, "no body"),
    (seed_text().replace("Original: [The Daily Example](https://news.example.com/a-story)",
                         "Original: https://news.example.com/a-story"), 7, "Markdown link"),
    (seed_text(extra=[("Author", "Someone Else")]), 9, "given twice"),
    (seed_text(extra=[("Language", "english")]), 9, "not a BCP 47 language tag"),
    (seed_text(extra=[("Feed", "ftp://x.example/rss")]), 9, "not an absolute http(s) URL"),
    (seed_text(extra=[("Summary", "\u200b\u2060")]), 9, "no visible character"),
    (seed_text(extra=[("Topics", ", , ,")]), 9, "'Topics' names no topic"),
    (seed_text(title="\u200b\u00ad"), 1, "no visible character"),
    (seed_text(published="2019-11-01T12:05:50+05:30:15"), 3, "UTC offset"),
    (seed_text(url="https://u:p@news.example.com/a"), 7, "user name or password"),
    (seed_text().replace("# A story", "#A story"), 1, "write a space after the '#'"),
    (seed_text(extra=[("Publshed at", "2019-11-01")], published=None), 7,
     "('Publshed at' on line 7 looks like a misspelling of it)"),
    (seed_text().replace("Original:", "Orginal:"), 7, "'Orginal' is not a seed header, so "
     "the story's text starts here and it has no 'Original:' line: did you mean 'Original'?"),
    (seed_text(title="x" * 301), 1, "characters long"),
    (seed_text().replace("First paragraph.", "First \x07 paragraph."), 9, "U+0007"),
])
def test_broken_seeds_name_the_line(text, line, words):
    error = _refused(text)
    assert error.line == line
    assert words in error.message


def test_non_utf8_bytes_are_refused_at_their_line():
    data = seed_text(body=("Caf\xe9 society.",)).encode("latin-1")
    error = _refused(data)
    assert error.line == 9 and "not UTF-8" in error.message


def test_nul_bytes_are_refused():
    assert "NUL" in _refused(seed_text().encode() + b"\x00\x01").message


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(seed_text(body=("word " * 250_000,)), encoding="utf-8")
    with pytest.raises(SeedError, match="at most 1 MB"):
        read_seed(path)


def test_every_documented_header_is_documented_in_the_docs():
    curating = (ROOT / "docs" / "curating.md").read_text(encoding="utf-8")
    section = curating.split("## Adding stories", 1)[1].split("\n## ", 1)[0]
    rows = {line.split("|")[1].strip() for line in section.splitlines()
            if line.startswith("| `")}
    assert rows == {"`# <headline>` (Title)"} | {f"`{h.name}`" for h in HEADERS[1:]}
    for header in HEADERS:
        assert all(f"`{alias.capitalize()}`" in section for alias in header.aliases), header



def test_readme_names_every_header_a_seed_may_carry():
    # Its list of "the other headers" had left out `Lead story:` and `Headline only:`.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Adding a story", 1)[1].split("\n## ", 1)[0]
    flat = " ".join(section.split())
    assert [h.name for h in HEADERS[1:] if f"{h.name}:" not in flat] == []  # or its template

@pytest.mark.parametrize("as_bytes", [True, False])
def test_characters_xml_cannot_carry_are_refused_in_bytes_and_in_text(as_bytes):
    for ch, line in (("\U0010ffff", 9), ("\U0001fffe", 1), ("\ufdef", 5), ("\uffff", 9)):
        text = seed_text(title="T" + ("" if line != 1 else ch),
                         author="A" + ("" if line != 5 else ch),
                         body=("B" + ("" if line != 9 else ch),))
        error = _refused(text.encode() if as_bytes else text)
        assert (error.line, f"U+{ord(ch):04X}") == (line, error.message.split()[1].rstrip(","))
    # neighbours of the non-characters are text (U+1FFE, U+1FFFD share their bytes)
    seed = _variant(seed_text(title="\u1ffe \U0001fffd \U0010fffd"))
    assert seed.title == "\u1ffe \U0001fffd \U0010fffd"
    with pytest.raises(SeedError, match="U\\+D800"):  # only text (import) can hold one
        parse_seed(seed_text(body=("lone \ud800 surrogate",)), "v.txt")


def test_a_seed_cannot_change_once_read():
    """Page keys stand for a seed by its file's hash (speed/): it must stay what was
    read, all the way down, through copies, replacements and Pelican's pickled cache."""
    import dataclasses  # noqa: PLC0415
    import pickle  # noqa: PLC0415

    from news_digest.speed.fingerprint import is_unchangeable  # noqa: PLC0415

    seed = parse_seed(seed_text(extra=[("Summary", "A curator's summary."),
                                       ("Editor", "inert")]).encode(), "a.txt")
    for mapping in (seed.headers, seed.extra):
        with pytest.raises(TypeError):
            mapping["summary"] = "changed"  # type: ignore[index]
    with pytest.raises(TypeError):
        seed.lines["title"] = 99  # type: ignore[index]
    given = {"summary": "given"}
    replaced = dataclasses.replace(seed, headers=given)
    given["summary"] = "changed after"  # the seed holds its own copy
    assert replaced.headers == {"summary": "given"}
    assert pickle.loads(pickle.dumps(seed)) == seed
    assert pickle.loads(pickle.dumps(seed)).lines == seed.lines
    assert is_unchangeable(seed)


def test_a_build_names_each_broken_seeds_file_line_and_fix(tmp_path):
    """Four kinds of broken seed in one build: each reported with its file, its line and
    the fix, no traceback, and nothing of them published."""
    seeds = {"001_a.txt": seed_text().replace("Original:", "Orginal:"),
             "002_b.txt": seed_text(published="2019-02-30T10:00:00Z", url="https://x.example/b"),
             "003_c.txt": seed_text(body=("Caf\xe9.",), url="https://x.example/c").encode(
                 "latin-1"),
             "004_d.txt": seed_text(url="https://x.example/d").replace("# A story", "A story"),
             "005_e.txt": seed_text(url="https://x.example/e", title="The good one")}
    site = build(tmp_path, seeds)
    assert site.code != 0
    assert "Traceback" not in site.stderr
    articles = tmp_path / "content" / "articles"
    for name, line, fix in [
            ("001_a.txt", 7, "did you mean 'Original'?"),
            ("002_b.txt", 3, "February 2019 has 28 days"),
            ("003_c.txt", 9, "re-save the file as UTF-8"),
            ("004_d.txt", 1, "a seed starts with a '# <headline>' line")]:
        assert any(entry.strip().startswith(f"{articles / name}:{line}: ") and fix in entry
                   for entry in site.stderr.splitlines()), (name, site.stderr)
    assert "The good one" not in site.stderr
