"""Mistakes a curator makes by hand, found in reviews: each seed built or checked for
real, and the output read back."""

from __future__ import annotations

import json
import subprocess
import sys

import lxml.etree

from news_digest.curator.cli import main

from sitebuild import ROOT, build, seed_text


def _check(*paths):
    return subprocess.run([sys.executable, "-m", "news_digest", "check", *map(str, paths)],
                          capture_output=True, text=True, cwd=ROOT)


def test_a_tab_or_spaces_in_a_headline_are_one_space_everywhere(tmp_path):
    """A tab typed into a headline reached the page's <title>, the feeds' titles and
    JSON Feed as a tab (``import`` already wrote one space)."""
    site = build(tmp_path, {"001_a.txt": seed_text(title="Tabs\tin  the \t headline")})
    assert site.code == 0, site.stderr
    page = site.page("stories/tabs-in-the-headline.html")
    assert page.xpath("string(//h1)").strip() == "Tabs in the headline"
    assert page.findtext(".//title").startswith("Tabs in the headline ·")
    rss = lxml.etree.fromstring((site.output / "feeds/all.rss.xml").read_bytes())
    assert [t.text for t in rss.iterfind("channel/item/title")] == ["Tabs in the headline"]
    [item] = json.loads((site.output / "feeds/all.json").read_bytes())["items"]
    assert item["title"] == "Tabs in the headline"


def test_an_original_link_with_a_title_or_a_tab_is_named_for_what_it_is(tmp_path):
    """'[P](url "title")' (Markdown's link title) was refused as an address with a space,
    and a tab in an address was called a space."""
    seeds = {"titled.txt": seed_text(url='https://paper.example/1 "The story"'),
             "tab.txt": seed_text(url="https://paper.example/a\tb"),
             "space.txt": seed_text(url="https://paper.example/a b")}
    for name, text in seeds.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = _check(tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    for expected in [
            "titled.txt:7: a link title (\"The story\") after the address: the 'Original:' link "
            "is the address alone, like 'Original: [The Daily Example](https://paper.example/1)'",
            "tab.txt:7: 'https://paper.example/a\tb' contains a tab: write the address "
            "without it (or percent-encoded)",
            "space.txt:7: 'https://paper.example/a b' contains a space (%20 in an address): "
            "write the address without it (or percent-encoded)"]:
        assert any(line.endswith(expected) for line in lines), (expected, lines)


def test_a_lower_case_z_is_utc_as_rfc_3339_allows(tmp_path):
    """'2024-05-06t07:08:09z' (RFC 3339 allows both letters lower-case) was refused as not
    ISO 8601; the story is dated 07:08:09 UTC, as with 'Z'."""
    site = build(tmp_path, {"001_a.txt": seed_text(published="2024-05-06t07:08:09z")})
    assert site.code == 0, site.stderr
    [item] = json.loads((site.output / "feeds/all.json").read_bytes())["items"]
    assert item["date_published"] == "2024-05-06T07:08:09+00:00"


def test_a_language_written_by_its_name_is_refused_with_its_tag(tmp_path):
    """'Language: **English**' was refused with the general example (en, de, pt-BR)."""
    seed = tmp_path / "named.txt"
    seed.write_text(seed_text(extra=(("Language", "English"),)), encoding="utf-8")
    result = _check(seed)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{seed}:9: 'English' is not a BCP 47 language tag: write its tag, "
        "'Language: **en**'")


def test_a_story_named_as_its_own_event_or_both_ways_is_named(tmp_path):
    """'Same event as:' naming the story itself (its own Original pasted) and a story
    named in both 'Same event as:' and 'Not same event as:' were taken without a word:
    the build warns with file and line (the stories are published), check refuses."""
    own = "https://news.example.com/own"
    seeds = {"001_own.txt": seed_text(title="Own story", url=own,
                                      extra=(("Same event as", own),)),
             "002_both.txt": seed_text(title="Both ways", url="https://news.example.com/b",
                                       extra=(("Same event as", "003_other.txt"),
                                              ("Not same event as", "003_other.txt"))),
             "003_other.txt": seed_text(title="Other story", url="https://news.example.com/c")}
    site = build(tmp_path, seeds)
    assert site.code == 0, site.stderr
    assert len(site.files("stories/*.html")) == 3
    own_line = ("001_own.txt:9: 'Same event as: https://news.example.com/own' names this story "
                "itself: name the other story (its original URL, identity or seed file name), "
                "or remove the reference")
    both_line = ("002_both.txt:10: 1 story is named in both 'Same event as:' and 'Not same "
                 "event as:' (kept apart): keep each in one")
    for expected in (own_line, both_line):
        assert any(expected in warning for warning in site.warnings), (expected, site.warnings)
    result = _check(tmp_path / "content" / "articles")
    assert result.returncode == 1
    for expected in (own_line, both_line):
        assert any(line.endswith(expected) for line in result.stderr.splitlines()), (
            expected, result.stderr)


def test_a_misspelt_topic_is_refused_with_the_topic_meant(tmp_path):
    """'Topics: **Sport, Techology**' named the whole taxonomy but not the two meant."""
    site = build(tmp_path, {"001_a.txt": seed_text(extra=(("Topics", "Sport, Techology"),)),
                            "002_b.txt": seed_text(extra=(("Topics", "astrology"),),
                                                   url="https://news.example.com/b")})
    assert site.code == 1
    assert "001_a.txt:9: unknown topic 'Sport' (did you mean 'sports'?), 'Techology' (did " \
        "you mean 'technology'?): use a slug or label of the taxonomy (privacy, " in site.stderr
    assert "002_b.txt:9: unknown topic 'astrology': use a slug" in site.stderr  # none close


def test_an_original_written_as_its_address_alone_is_told_the_link_to_write(tmp_path):
    """'Original: https://...' was told the general example, without its own address."""
    seed = seed_text().replace("[The Daily Example](https://news.example.com/a-story)",
                               "**https://news.example.com/a-story**")
    site = build(tmp_path, {"001_a.txt": seed})
    assert site.code == 1
    assert "001_a.txt:7: 'Original:' must be a Markdown link like 'Original: [Publisher " \
        "name](https://news.example.com/a-story)'" in site.stderr


def test_explain_speaks_of_the_copy_the_build_keeps(tmp_path, capsys):
    """Of two seeds of one original URL, 'explain --cluster' showed the left-out copy's
    headline for the kept one, and explained the left-out one as if it were published;
    so did plain 'explain'."""
    seeds = {"115_a.txt": seed_text(title="Dup one"),
             "116_b.txt": seed_text(title="Dup two", source="Other")}
    site = build(tmp_path, seeds)
    assert site.code == 0, site.stderr
    [story] = json.loads((site.output / "stories.json").read_bytes())["stories"]
    assert story["headline"] == "Dup one"
    articles = tmp_path / "content" / "articles"
    capsys.readouterr()  # the build's own lines
    assert main(["explain", "--cluster", "--content", str(articles),
                 str(articles / "115_a.txt"), str(articles / "116_b.txt")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "115_a.txt: Dup one (The Daily Example)"
    assert out[-2:] == ["116_b.txt: Dup two (Other)", "Left out: the same original as "
                        "115_a.txt, which the build keeps (delete one of them)"]
    # Plain 'explain' of the copy said nothing of it (its topics read as a story's).
    assert main(["explain", "--content", str(articles), str(articles / "115_a.txt"),
                 str(articles / "116_b.txt")]) == 0
    out = capsys.readouterr().out.split("\n\n")
    assert "Left out" not in out[0]
    assert out[1].splitlines()[1] == ("Left out: the same original as 115_a.txt, which the "
                                      "build keeps (delete one of them); the topics below "
                                      "are those this copy would get")


def test_explain_given_the_seed_folder_says_to_name_its_seeds(tmp_path, capsys):
    """'explain content/articles' said the folder was 'not a regular file' and to
    'replace it by the seed file itself or remove it': the curator's content folder."""
    site = build(tmp_path, {"001_a.txt": seed_text()})
    assert site.code == 0, site.stderr
    articles = tmp_path / "content" / "articles"
    capsys.readouterr()
    for args in (["explain", str(articles)], ["explain", "--cluster", str(articles)]):
        assert main(args) == 2
        assert capsys.readouterr().err == (f"explain: {articles} is a folder: name the "
                                           f"seeds in it, like '{articles / '*.txt'}'\n")


def test_explain_cluster_names_broken_seeds_on_standard_error(tmp_path, capsys):
    """A broken seed elsewhere in the folder was printed into the report, on standard
    output; it goes to standard error, as check and the build say it."""
    site = build(tmp_path, {"001_a.txt": seed_text()})
    assert site.code == 0, site.stderr
    articles = tmp_path / "content" / "articles"
    (articles / "002_b.txt").write_text("# No date\n\nBody.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["explain", "--cluster", "--content", str(articles),
                 str(articles / "001_a.txt")]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("001_a.txt: A story (The Daily Example)\n")
    assert err.startswith(f"{articles / '002_b.txt'}:1: no publication date")


def test_a_seed_saved_as_windows_1252_is_told_what_its_byte_is(tmp_path):
    """'byte 0x93 is not UTF-8' left the curator to guess which character it was."""
    seed = seed_text(title="Minister says \u201cno\u201d").encode("cp1252")
    site = build(tmp_path, {"001_a.txt": seed})
    assert site.code == 1
    assert "001_a.txt:1: byte 0x93 is not UTF-8 ('\u201c' in Windows-1252, Notepad's " \
        "\"ANSI\"): re-save the file as UTF-8" in site.stderr


def test_explain_cluster_of_a_seed_outside_the_content_folder_says_so(tmp_path, capsys):
    """A seed imported into another folder was clustered with the site's content folder
    (the default) and reported as '1 story', as if its own folder's reports of the same
    event had been looked at: the curator is told, and how to name its folder."""
    site = build(tmp_path, {"001_a.txt": seed_text()})
    assert site.code == 0, site.stderr
    elsewhere = tmp_path / "imported"
    elsewhere.mkdir()
    (elsewhere / "002_b.txt").write_text(seed_text(title="Another"), encoding="utf-8")
    capsys.readouterr()
    content = str(tmp_path / "content")
    assert main(["explain", "--cluster", "--content", content,
                 str(elsewhere / "002_b.txt")]) == 0
    err = capsys.readouterr().err
    assert err == (f"explain --cluster: {elsewhere / '002_b.txt'} is not in the content folder "
                   f"'{content}': it is clustered with that folder's stories, not with those "
                   f"beside it; to cluster it with its own folder, add --content {elsewhere}\n")
    assert main(["explain", "--cluster", "--content", content,
                 str(tmp_path / "content" / "articles" / "001_a.txt")]) == 0
    assert capsys.readouterr().err == ""
