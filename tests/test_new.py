"""``python -m news_digest new``: a seed for a story typed in by hand."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from news_digest.seeds.format import read_seed

from sitebuild import ROOT, build, seed_text

STORY = ["--title", "Council approves budget", "--source", "The Valley Times",
         "--url", "https://valleytimes.example/council-budget"]


def _new(folder, *args, input=""):
    return subprocess.run([sys.executable, "-m", "news_digest", "new", *map(str, args),
                           "--into", str(folder)],
                          capture_output=True, text=True, cwd=ROOT, input=input)


def test_new_writes_a_seed_that_builds(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "009_0000000000000000.txt").write_text(seed_text(url="https://other.example/x"))
    result = _new(folder, *STORY, "--author", "Jane Doe and John Roe",
                  "--published", "2024-05-06T07:08:09+02:00",
                  "--body", "The council approved the budget on Monday.",
                  "--body", "Taxes stay * as they were & <unchanged>.")
    assert result.returncode == 0, result.stderr
    path = Path(result.stdout.strip())
    assert path.parent == folder and path.name.startswith("010_")
    seed = read_seed(path)
    assert path.name == f"010_{seed.identity}.txt"
    assert (seed.title, seed.source_name, seed.source_url, seed.byline) == (
        "Council approves budget", "The Valley Times",
        "https://valleytimes.example/council-budget", "Jane Doe and John Roe")
    assert seed.published == datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone(timedelta(hours=2)))
    assert seed.paragraphs == ("The council approved the budget on Monday.",
                               "Taxes stay * as they were & <unchanged>.")
    site = build(tmp_path / "site", {p.name: p.read_bytes() for p in folder.iterdir()})
    assert site.code == 0, site.stderr
    assert site.warnings == []
    titles = {site.page(p.relative_to(site.output)).xpath("string(//h1)")
              for p in site.files("stories/*.html")}
    assert "Council approves budget" in titles


def test_new_is_dated_now_in_utc_and_reads_the_body_from_stdin(tmp_path):
    before = datetime.now(UTC).replace(microsecond=0)
    result = _new(tmp_path, *STORY, input="First paragraph.\n\nSecond paragraph.\n")
    after = datetime.now(UTC)
    assert result.returncode == 0, result.stderr
    seed = read_seed(result.stdout.strip())
    assert before <= seed.published <= after
    assert seed.published.utcoffset() == timedelta(0)
    assert seed.published.microsecond == 0
    assert seed.byline == ""
    assert seed.paragraphs == ("First paragraph.", "Second paragraph.")


def test_new_reads_the_body_from_a_file(tmp_path):
    body = tmp_path / "body.txt"
    body.write_text("Ein Absatz über Größe.\r\nNoch einer.\r\n", encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    result = _new(folder, *STORY, "--body-file", body)
    assert result.returncode == 0, result.stderr
    assert read_seed(result.stdout.strip()).paragraphs == ("Ein Absatz über Größe.",
                                                           "Noch einer.")


@pytest.mark.slow  # the command run once per case, each in its own process
def test_new_refuses_bad_input_with_messages_and_writes_nothing(tmp_path):
    cases = {
        ("--url", "ftp://valleytimes.example/x"): "new: --url 'ftp://valleytimes.example/x' "
        "is not an absolute http(s) URL: give the story's full address, starting with https://",
        ("--url", "valleytimes.example/x"): "new: --url 'valleytimes.example/x' is not an "
        "absolute http(s) URL: give the story's full address, starting with https://",
        ("--published", "yesterday"): "new: --published 'yesterday' is not an ISO 8601 "
        "timestamp: write it like 2019-11-01T12:05:50+00:00",
        ("--title", "  "): "new: --title is empty: give the story's headline",
    }
    for (option, value), message in cases.items():
        args = list(STORY)
        if option in args:
            args[args.index(option) + 1] = value
        else:
            args += [option, value]
        result = _new(tmp_path, *args, "--body", "Text.")
        assert result.returncode == 2, (option, result.stderr)
        assert result.stderr.strip() == message
    result = _new(tmp_path, *STORY, input="\n  \n")
    assert result.returncode == 2
    assert result.stderr.strip() == ("new: the story text is empty: a seed needs at least "
                                     "one paragraph (or --headline-only for a story shown "
                                     "by its headline and link alone)")
    assert list(tmp_path.iterdir()) == []


def test_new_refuses_a_story_already_in_the_folder(tmp_path):
    existing = tmp_path / "003_x.txt"
    existing.write_text(seed_text(url="https://valleytimes.example/council-budget/#top"))
    result = _new(tmp_path, *STORY, "--body", "Text.")
    assert result.returncode == 1
    assert result.stderr.strip() == ("new: https://valleytimes.example/council-budget is "
                                     f"already a seed: {existing}")
    assert [p.name for p in tmp_path.iterdir()] == ["003_x.txt"]


def test_new_writes_a_headline_only_story_that_builds_as_a_link(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    result = _new(folder, *STORY, "--headline-only", "--published", "2024-05-06T07:08:09Z")
    assert result.returncode == 0, result.stderr
    seed = read_seed(result.stdout.strip())
    assert (seed.paragraphs, seed.headers["headline_only"]) == ((), "yes")
    site = build(tmp_path / "site", {p.name: p.read_bytes() for p in folder.iterdir()})
    assert site.code == 0, site.stderr
    page = site.page("stories/council-approves-budget.html")
    assert page.xpath("//main//div[contains(@class, 'body')]") == []
    assert page.xpath("string(//p[@class='read-original'])") == (
        "Read the original at The Valley Times")
    both = _new(folder, "--title", "Other", "--source", "V", "--url", "https://v.example/o",
                "--headline-only", "--body", "Text.")
    assert both.returncode == 2
    assert both.stderr.strip() == ("new: --headline-only is a story without text: leave out "
                                   "--body and --body-file, or --headline-only")


@pytest.mark.parametrize("source", ["/dev/zero", "big"])
def test_a_story_text_over_a_seeds_cap_is_refused_not_read_whole(tmp_path, source):
    """`--body-file /dev/zero` (or an endless pipe) read until the system killed the
    command for its memory; a text over 1 MB made a seed every build refuses."""
    folder = tmp_path / "articles"
    folder.mkdir()
    if source == "big":
        source = tmp_path / "big.txt"
        source.write_text("A paragraph of the story.\n" * 50_000)
    result = _new(folder, *STORY, "--body-file", source)
    assert result.returncode == 2
    assert result.stderr == (f"new: --body-file {source}: the story text is over 1 MB, more "
                             "than a seed may hold: shorten the story or split it\n")
    piped = _new(folder, *STORY, input="A paragraph of the story.\n" * 50_000)
    assert piped.returncode == 2 and "standard input: the story text is over 1 MB" in \
        piped.stderr
    assert list(folder.iterdir()) == []
    written = _new(folder, *STORY, "--body", "The council met.")
    assert written.returncode == 0
    site = build(tmp_path / "site", {p.name: p.read_bytes() for p in folder.iterdir()})
    assert site.code == 0 and len(site.files("stories/*.html")) == 1
