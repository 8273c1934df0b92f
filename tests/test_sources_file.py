"""The sources file: the project's example reads, and every mistake is a message
naming the file, the line, the source and the fix (never a traceback)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from news_digest.enrich.sources_file import (
    POLICIES,
    SourcesFileError,
    load_sources,
    policy_for,
    publishing_policies,
)

from sitebuild import ROOT

GOOD = '''# two publishers
[[source]]
name = "The Daily Planet"
home = "https://planet.example/"
feeds = ["https://planet.example/feed.xml", "local/planet.xml"]
language = "en-gb"
policy = "excerpt"
aliases = ["Daily Planet"]
keep = ["world", "/^Breaking:/"]
drop = ["quiz"]

[[source]]
name = "Rundschau"
home = "https://rundschau.example/"
feeds = "https://rundschau.example/rss"
'''


def write(tmp_path, text: str):
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_projects_example_reads():
    sources = load_sources(ROOT / "sources.toml")
    assert len(sources.sources) >= 10
    assert {s.policy for s in sources.sources} == set(POLICIES)  # each policy shown once
    assert all(s.feeds and s.home.startswith("https://") for s in sources.sources)


def test_fields_are_read_and_normalised(tmp_path):
    path = write(tmp_path, GOOD)
    sources = load_sources(path)
    planet, rundschau = sources.sources
    assert planet.feeds == ("https://planet.example/feed.xml",
                            str((tmp_path / "local" / "planet.xml").resolve()))
    assert (planet.language, planet.policy, planet.aliases) == ("en-GB", "excerpt",
                                                                ("Daily Planet",))
    assert [r.text for r in planet.keep] == ["world", "/^Breaking:/"]
    assert (rundschau.feeds, rundschau.language, rundschau.policy) == (
        ("https://rundschau.example/rss",), "", "")  # none given: the site's default
    assert sources.where(planet, planet.feeds[1]) == f"{path}:5"
    assert sources.where(rundschau) == f"{path}:12"
    assert publishing_policies(sources) == {"the daily planet": "excerpt",
                                            "daily planet": "excerpt", "rundschau": ""}
    assert policy_for(sources, "daily  planet", "link") == "excerpt"
    assert policy_for(sources, "Someone Else", "full") == "full"  # the site's default
    assert policy_for(sources, "Rundschau", "excerpt") == "excerpt"
    assert policy_for(None, "Rundschau", "link") == "link"  # no sources file


@pytest.mark.parametrize("change, line, message", [
    (('policy = "excerpt"', 'policy = "everything"'), 7,
     "source 'The Daily Planet': policy = 'everything': expected one of \"link\", "
     "\"excerpt\", \"full\""),
    (('keep = ["world", "/^Breaking:/"]', 'keep = ["world",\n  "/^(Breaking:/"]'), 10,
     "source 'The Daily Planet': keep rule '/^(Breaking:/': the regular expression "
     "/^(Breaking:/ is not valid at character 3: missing ), unterminated subpattern"),
    (('language = "en-gb"', 'language = "British"'), 6,
     "source 'The Daily Planet': language = 'British' is not a BCP 47 tag"),
    (('home = "https://planet.example/"', 'home = "planet.example"'), 4,
     "source 'The Daily Planet': needs home = \"https://...\""),
    (('aliases = ["Daily Planet"]', 'alias = ["Daily Planet"]'), 8,
     "source 'The Daily Planet': unknown key 'alias' (did you mean 'aliases'?)"),
    (('name = "Rundschau"', 'name = "the daily  planet"'), 12,
     "the name 'the daily planet' is also used by the source on line 2"),
    (('feeds = "https://rundschau.example/rss"', 'feeds = "https://planet.example/feed.xml"'),
     15, "the feed 'https://planet.example/feed.xml' is also listed by 'The Daily Planet'"),
    (('feeds = "https://rundschau.example/rss"', 'feeds = ["ftp://rundschau.example/rss"]'),
     15, "source 'Rundschau': 'ftp://rundschau.example/rss' is not an http(s) URL"),
    (('name = "Rundschau"\n', ''), 12, "source 2: needs a name"),
    (('drop = ["quiz"]', 'drop = ["quiz", ""]'), 10, "source 'The Daily Planet': drop rule "
     "'': a rule is non-empty text"),
    (('policy = "excerpt"', 'policy = excerpt'), 7, "not valid TOML: Invalid value (column 10)"),
    (("# two publishers", "[site]\nname = 'x'"), 1, "unknown key 'site'"),
])
def test_mistakes_name_the_file_line_source_and_fix(tmp_path, change, line, message):
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(SourcesFileError) as caught:
        load_sources(path)
    assert (caught.value.path, caught.value.line) == (str(path), line)
    assert message in caught.value.message
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_an_unreadable_or_binary_file_is_a_message(tmp_path):
    with pytest.raises(SourcesFileError, match="cannot be read: No such file"):
        load_sources(tmp_path / "missing.toml")
    (tmp_path / "latin.toml").write_bytes(b'[[source]]\nname = "Caf\xe9"\n')
    with pytest.raises(SourcesFileError, match=r"latin.toml:2: is not UTF-8"):
        load_sources(tmp_path / "latin.toml")


def test_the_import_command_reports_a_bad_sources_file_and_writes_nothing(tmp_path):
    path = write(tmp_path, GOOD.replace('policy = "excerpt"', 'policy = "all"'))
    folder = tmp_path / "articles"
    folder.mkdir()
    result = subprocess.run([sys.executable, "-m", "news_digest", "import", "--sources",
                             str(path), "--into", str(folder)], capture_output=True, text=True,
                            cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"import: {path}:7: source 'The Daily Planet': policy = ")
    assert list(folder.iterdir()) == []


def test_a_misnamed_table_is_named_at_its_line(tmp_path):
    """'[[sources]]' on line 12 was reported at line 1, with no hint."""
    path = write(tmp_path, GOOD.replace("\n[[source]]\nname = \"Rundschau\"",
                                        "\n[[sources]]\nname = \"Rundschau\""))
    result = subprocess.run([sys.executable, "-m", "news_digest", "import", "--sources",
                             str(path), "--into", str(tmp_path)], capture_output=True,
                            text=True, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, (
        f"import: {path}:12: unknown key 'sources' (did you mean [[source]]?): the file holds "
        "[[source]] tables only\n"))


def test_without_a_sources_file_import_needs_feeds(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    result = subprocess.run([sys.executable, "-m", "news_digest", "import", "--into",
                             str(folder)], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"import: {tmp_path / 'sources.toml'}: no sources file, "
                                     "so nothing to import: write one (see docs/importing.md) "
                                     "or name feed URLs or files")
