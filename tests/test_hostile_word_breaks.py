"""A zero-width space inside a word of a headline or publisher (`Ti\u200bmes`), the one
invisible character a slug reads: unidecode writes it as a space, so the address was cut
(`stories/ti-mes-...`, `sources/the-ti-mes/`). Eighteenth session: a published story
keeps its address (a build reads it from the seed alone), `check` warns of the character
with both addresses, new stories (`new`, `import`) are written without it, and a
publisher's page no longer moves when a newer story spells its name with it."""

from __future__ import annotations

from pathlib import Path

from news_digest.curator import cli
from news_digest.seeds.format import read_seed

from sitebuild import ROOT, build, seed_text

ZWSP = "\u200b"


def test_a_zero_width_space_in_a_word_is_warned_of_and_moves_no_address(tmp_path, capsys):
    seeds = {
        "001_old.txt": seed_text(title="Harbour bridge closes", source="The Times",
                                 published="2020-01-01T10:00:00+00:00",
                                 url="https://times.example/bridge"),
        # a newer story of the same publisher, its name and headline pasted with U+200B
        "002_new.txt": seed_text(title=f"Ti{ZWSP}mes square reopens", source=f"The Ti{ZWSP}mes",
                                 published="2020-01-02T10:00:00+00:00",
                                 url="https://times.example/square"),
        # Thai words are separated by it: no warning, the address keeps the break
        "003_thai.txt": seed_text(title=f"\u0e02\u0e48\u0e32\u0e27{ZWSP}\u0e14\u0e35",
                                  source="Thai Daily", url="https://thai.example/a"),
    }
    site = build(tmp_path, seeds)
    assert site.code == 0, site.stderr
    # the publisher's page follows its newest story's spelling: it moved to the-ti-mes;
    # it stays
    assert [p.parent.name for p in site.files("sources/*/index.html")] == [
        "thai-daily", "the-times"]
    # the story keeps the address its seed gives (published pages do not move) ...
    assert (site.output / "stories" / "ti-mes-square-reopens.html").is_file()
    warned = [w for w in site.warnings if "zero-width space" in w]
    assert len(warned) == 1 and "002_new.txt:1: the headline holds a zero-width space " \
        "(U+200B) inside 'Ti|mes' (at the '|'), invisible, which its address reads as a " \
        "word break: stories/ti-mes-square-reopens.html, not stories/times-square-reopens" \
        ".html. Delete it if the story is not published yet" in warned[0]
    # ... and check says the same at its line
    assert cli.main(["check", "-s", str(ROOT / "pelicanconf.py"),
                     str(tmp_path / "content" / "articles")]) == 0
    err = capsys.readouterr().err
    assert "002_new.txt:1: the headline holds a zero-width space" in err
    assert "003_thai" not in err and err.endswith("3 seed(s) checked, 0 refused, 1 warning\n")


def test_a_new_story_is_written_without_it(tmp_path, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    code = cli.main(["new", "--title", f"Ti{ZWSP}mes square reopens", "--source",
                     f"The Ti{ZWSP}mes", "--url", "https://times.example/square", "--body",
                     "Text.", "--into", str(folder)])
    assert code == 0
    seed = read_seed(Path(capsys.readouterr().out.strip()))
    assert (seed.title, seed.source_name, seed.warnings) == (
        "Times square reopens", "The Times", ())
