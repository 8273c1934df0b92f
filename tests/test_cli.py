"""`python -m news_digest check` from the project's environment."""

from __future__ import annotations

import subprocess
import sys

from sitebuild import ROOT, SAMPLE_SEED, seed_text


def _check(*paths):
    return subprocess.run([sys.executable, "-m", "news_digest", "check", *map(str, paths)],
                          capture_output=True, text=True, cwd=ROOT)


def test_check_accepts_the_content_folder():
    result = _check(SAMPLE_SEED.parent)
    assert result.returncode == 0, result.stderr
    assert "0 refused" in result.stderr


def test_an_unknown_option_shows_the_command_s_usage():
    """'check content -v' showed the list of commands ('usage: python -m news_digest [-h]
    COMMAND ...'), not check's options."""
    result = _check(SAMPLE_SEED.parent, "-v")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "usage: python -m news_digest check [-h] [-s FILE] PATH [PATH ...]",
        "python -m news_digest check: error: unrecognized arguments: -v"]


def test_check_lists_every_bad_file(tmp_path):
    (tmp_path / "good.txt").write_text(seed_text())
    (tmp_path / "bad1.txt").write_text(seed_text(published="soon"))
    (tmp_path / "bad2.txt").write_bytes(b"\xff\xfe garbage")
    result = _check(tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(line.endswith("bad1.txt:3: 'soon' is not an ISO 8601 timestamp: write it like "
                             "2019-11-01T12:05:50+00:00") for line in lines)
    assert any("bad2.txt:1: byte 0xFF is not UTF-8" in line for line in lines)
    assert lines[-1] == "3 seed(s) checked, 2 refused"


def test_check_names_the_header_a_mistaken_one_stands_for(tmp_path):
    """'Source:', 'URL:' or 'Link:' in place of 'Original:' was refused at the title line
    with no hint ('Orginal:' had one): now each is named at its own line, with the
    'Original:' line to write, made of what the curator wrote where it can be."""
    line = "Original: [The Daily Example](https://news.example.com/a-story)"
    seeds = {
        "source.txt": seed_text().replace("Original:", "Source:"),
        "url.txt": seed_text().replace(line, "URL: https://news.example.com/a-story"),
        "link.txt": seed_text().replace("Original:", "link:"),
        "bold.txt": seed_text().replace(line, "Source: **The Daily Example**"),
        "time.txt": seed_text().replace("Published at:", "Time:"),
        # Beside its 'Original:' line a 'Source:' may mean something else: no hint.
        "note.txt": seed_text(extra=(("Source", "Reuters"),)),
    }
    for name, text in seeds.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = _check(tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    fix = ("'Original' is the header for the publisher's name and the story's URL, written as "
           "a Markdown link: write 'Original: ")
    start = "is not a seed header, so the story's text starts here and it has no 'Original:' line"
    for expected in [
            f"source.txt:7: 'Source' {start}: {fix}[The Daily Example](https://news.example.com"
            "/a-story)'",
            f"url.txt:7: 'URL' {start}: {fix}[Publisher name](https://news.example.com/a-story)'",
            f"link.txt:7: 'link' {start}: {fix}[The Daily Example](https://news.example.com"
            "/a-story)'",
            "bold.txt:7: no 'Original:' line: add 'Original: [Publisher name](https://example."
            "org/story)' naming the publisher and its URL ('Source' on line 7 may stand for it)",
            "time.txt:3: no publication date: add 'Published at: **2019-11-01T12:05:50+00:00**' "
            "below the title ('Time' on line 3 may stand for it)"]:
        assert any(line.endswith(expected) for line in lines), (expected, result.stderr)
    [note] = [line for line in lines if "note.txt" in line]
    assert note.endswith("note.txt:9: 'Source' is not a seed header, so the line is ignored: "
                         "remove it, or use one of the seed headers (Published at, Author, "
                         "Original, Summary, Topics, Language, Feed, Same event as, Not same "
                         "event as, Lead story, Headline only); if it is the story's first "
                         "paragraph, put another paragraph before it")
    assert lines[-1] == "6 seed(s) checked, 5 refused, 1 warning"  # note.txt's


def test_check_names_the_last_line_of_a_seed_with_no_body(tmp_path):
    """'No body' named the line after the file's last (a final newline ends a line, it
    starts none): an editor asked for line 9 of an 8-line file."""
    headers = seed_text(body=()).rstrip("\n")  # 7 lines, the last the 'Original:' line
    seeds = {"newline.txt": (headers + "\n", 7), "none.txt": (headers, 7),
             "blank.txt": (headers + "\n\n", 8), "blanks.txt": (headers + "\n\n  \n\n", 10),
             "crlf.txt": (headers.replace("\n", "\r\n") + "\r\n\r\n", 8)}
    for name, (text, _) in seeds.items():
        (tmp_path / name).write_bytes(text.encode("utf-8"))
    result = _check(tmp_path)
    for name, (text, line) in seeds.items():
        assert len(text.splitlines()) == line  # what an editor shows as the last line
        assert f"{name}:{line}: no body: add the story's text" in result.stderr, name


def test_check_says_an_empty_date_is_empty(tmp_path):
    """'Published at: ****' read "'' is not an ISO 8601 timestamp"."""
    (tmp_path / "empty.txt").write_text(seed_text(published=""), encoding="utf-8")
    result = _check(tmp_path)
    assert result.stderr.splitlines()[-2].endswith(
        "empty.txt:3: 'Published at:' is empty: write the time the story was published, "
        "like 2019-11-01T12:05:50+00:00")


def test_check_names_a_seed_saved_as_utf16_or_utf32(tmp_path):
    """Notepad's "Unicode" (UTF-16 with a byte-order mark) was refused as "a binary
    file, not a seed" for its NUL bytes, though its text is all there."""
    text = seed_text()
    seeds = {"utf16.txt": text.encode("utf-16"), "utf16be.txt": text.encode("utf-16-be"),
             "utf32.txt": text.encode("utf-32"), "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00"}
    for name, data in seeds.items():
        (tmp_path / name).write_bytes(data)
    lines = _check(tmp_path).stderr.splitlines()
    for name, wide in [("utf16.txt", "UTF-16"), ("utf16be.txt", "UTF-16"),
                       ("utf32.txt", "UTF-32")]:
        assert any(line.endswith(f"{name}:1: the file is saved as {wide}, not UTF-8: re-save "
                                 "it as UTF-8 (in Notepad: Save as, Encoding: UTF-8)")
                   for line in lines), (name, lines)
    assert any(line.endswith("binary.txt:3: contains a NUL byte: this is a binary file, not "
                             "a seed") for line in lines), lines


def test_check_names_a_header_written_without_its_stars(tmp_path):
    """'Author: Jane Doe' (no ** **) started the body, so the 'Original:' line after it
    was text and the seed was refused at line 1 for having none; a 'Summary: ...' so
    written after the headers became the first paragraph without a word."""
    seeds = {"author.txt": seed_text().replace("Author: **Jane Doe**", "Author: Jane Doe"),
             "summary.txt": seed_text(body=("Summary: In short.", "", "The story."))}
    for name, text in seeds.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    lines = _check(tmp_path).stderr.splitlines()
    assert any(line.endswith(
        "author.txt:5: this looks like the 'Author' header, but the value is not between "
        "** **, so the story's text starts here and no line after it is a header: write "
        "'Author: **...**'") for line in lines), lines
    assert any(line.endswith(
        "summary.txt:9: this line starts like the 'Summary' header but its value is not "
        "between ** **, so it is the story's first paragraph: if it is the header, write "
        "'Summary: **...**'") for line in lines), lines
    assert lines[-1] == "2 seed(s) checked, 1 refused, 1 warning"


def test_check_says_how_to_write_a_missing_title(tmp_path):
    """'## Headline' was told to "write a space after the '#'", which it has; a
    'Title: **...**' header (inert: the headline is the '# ' line) was not named."""
    text = seed_text(title="Council votes")
    seeds = {"two.txt": text.replace("# Council", "## Council"),
             "header.txt": text.replace("# Council votes\n\n", "").replace(
                 "Original:", "Title: **Council votes**\n\nOriginal:"),
             "space.txt": text.replace("# Council", "#Council")}
    for name, text in seeds.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    lines = _check(tmp_path).stderr.splitlines()
    start = "no title: a seed starts with a '# <headline>' line: "
    for expected in [f"two.txt:1: {start}the headline is a level-1 heading, written with one '#'",
                     f"header.txt:5: {start}write this 'Title:' line as '# Council votes'",
                     f"space.txt:1: {start}write a space after the '#'"]:
        assert any(line.endswith(expected) for line in lines), (expected, lines)


def test_check_names_text_after_the_original_link(tmp_path):
    """'Original: [P](url) (paywalled)' was refused for a space in the URL
    "https://.../a-story) (paywalled"."""
    (tmp_path / "after.txt").write_text(seed_text().replace(
        "a-story)", "a-story) (paywalled)"), encoding="utf-8")
    (tmp_path / "parens.txt").write_text(seed_text(url="https://news.example.com/a_(b)"),
                                         encoding="utf-8")
    result = _check(tmp_path)
    assert result.stderr.splitlines()[-2].endswith(
        "after.txt:7: text after the link ('(paywalled)'): the 'Original:' line is the link "
        "alone, like 'Original: [Publisher name](https://example.org/story)'")
    assert result.stderr.splitlines()[-1] == "2 seed(s) checked, 1 refused"


def test_check_says_how_to_write_a_time_zone_name(tmp_path):
    """'... UTC' after a timestamp was told only to "write it like ...+00:00"."""
    seeds = {"name.txt": seed_text(published="2019-11-01T12:05:50 UTC"),
             "both.txt": seed_text(published="2019-11-01T12:05:50Z GMT")}
    for name, text in seeds.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    lines = _check(tmp_path).stderr.splitlines()
    for expected in [
            "name.txt:3: '2019-11-01T12:05:50 UTC' is not an ISO 8601 timestamp: write the "
            "time zone as an offset, like 2019-11-01T12:05:50+00:00 for UTC",
            "both.txt:3: '2019-11-01T12:05:50Z GMT' is not an ISO 8601 timestamp: remove "
            "'GMT', the offset before it says the time zone"]:
        assert any(line.endswith(expected) for line in lines), (expected, lines)


def test_check_warns_of_an_empty_header(tmp_path):
    """'Summary: ****' was left out without a word; 'Author: ****' means no author."""
    (tmp_path / "empty.txt").write_text(seed_text(author="", extra=(("Summary", ""),)),
                                        encoding="utf-8")
    lines = _check(tmp_path).stderr.splitlines()
    assert lines[0].endswith("empty.txt:9: 'Summary:' is empty, so the line is ignored: write "
                             "its value between the ** **, or remove the line"), lines
    assert lines[1:] == ["1 seed(s) checked, 0 refused, 1 warning"]


def test_explain_prints_the_warnings_check_prints(tmp_path):
    """``explain`` printed its report of a seed whose empty or mistaken header lines were
    ignored without a word: now it names each, with file and line, as ``check`` does."""
    seed = tmp_path / "warned.txt"
    seed.write_text(seed_text(extra=(("Summary", ""), ("Source", "Reuters"))), encoding="utf-8")
    warned = [line for line in _check(seed).stderr.splitlines() if line.startswith("warning:")]
    assert [line.split(": ", 2)[1] for line in warned] == [f"{seed}:9", f"{seed}:10"]
    for args in (["explain", str(seed)], ["explain", "--cluster", "--content", str(tmp_path),
                                          str(seed)]):
        result = subprocess.run([sys.executable, "-m", "news_digest", *args],
                                capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert lines[1:3] == warned, (args, result.stdout)


def test_explain_cluster_names_a_content_folder_that_does_not_exist(tmp_path):
    """A mistyped --content clustered the story alone and said nothing of it."""
    seed = tmp_path / "story.txt"
    seed.write_text(seed_text(), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "news_digest", "explain", "--cluster",
                             "--content", str(tmp_path / "contnet"), str(seed)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (f"explain --cluster: the content folder '{tmp_path / 'contnet'}' "
                             "does not exist: run it in the site's folder, or name the seeds' "
                             "folder with --content FOLDER\n")
