"""A previous output's own files (nineteenth session, docs/history/hostile.md): a build
replaces its output folder whole, and deleted a ``CNAME`` or ``.nojekyll`` written there
by hand (the site went off its GitHub Pages domain without a word) and a gh-pages
checkout's ``.git``. Host files are now kept, anything else the build does not write is
named as removed, a repository is refused before anything is written, and Pelican's
way (``content/extra/`` listed in ``STATIC_PATHS``) puts them in every build."""

from __future__ import annotations

from sitebuild import build, seed_text

SEEDS = {"001_0000000000000001.txt": seed_text(title="First story"),
         "002_0000000000000002.txt": seed_text(title="Second story",
                                               url="https://news.example.com/second")}


def _edited() -> dict:
    return {**SEEDS, "002_0000000000000002.txt": seed_text(
        title="Second story, edited", url="https://news.example.com/second")}


def test_host_files_written_into_output_by_hand_are_kept_and_the_rest_named(tmp_path):
    site = build(tmp_path, SEEDS)
    assert site.code == 0, site.stderr
    (site.output / "CNAME").write_text("digest.example.org\n")
    (site.output / ".nojekyll").write_text("")
    (site.output / ".well-known").mkdir()
    (site.output / ".well-known" / "security.txt").write_text("Contact: mailto:a@b.c\n")
    (site.output / "notes.txt").write_text("mine\n")
    site = build(tmp_path, _edited())  # a seed edited: the output is rebuilt
    assert site.code == 0, site.stderr
    assert (site.output / "CNAME").read_text() == "digest.example.org\n"
    assert (site.output / ".nojekyll").exists()
    assert (site.output / ".well-known" / "security.txt").exists()
    assert not (site.output / "notes.txt").exists()
    assert (f"{site.output}/: this build does not write notes.txt: removed (a file to "
            "publish with every build goes in content/extra/") in site.stderr
    assert "CNAME" not in site.stderr  # kept, not named


def test_an_output_holding_a_repository_is_refused_before_anything_is_written(tmp_path):
    site = build(tmp_path, SEEDS)
    (site.output / ".git").mkdir()
    (site.output / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    before = sorted(p.relative_to(site.output) for p in site.output.rglob("*"))
    site = build(tmp_path, _edited())
    assert site.code == 2
    assert (f"{site.output}: holds a repository (.git); a build replaces its output folder "
            "whole, so it would be deleted: build into a folder of its own and copy it into "
            "the checkout") in site.stderr
    assert sorted(p.relative_to(site.output) for p in site.output.rglob("*")) == before


def test_a_cname_from_content_extra_is_in_every_build_and_wins(tmp_path):
    extra = tmp_path / "content" / "extra"
    extra.mkdir(parents=True)
    (extra / "CNAME").write_text("digest.example.org\n")
    settings = {"STATIC_PATHS": ["extra/CNAME"],
                "EXTRA_PATH_METADATA": {"extra/CNAME": {"path": "CNAME"}}}
    site = build(tmp_path, SEEDS, settings=settings)
    assert site.code == 0, site.stderr
    assert (site.output / "CNAME").read_text() == "digest.example.org\n"
    (extra / "CNAME").write_text("news.example.org\n")
    site = build(tmp_path, _edited(), settings=settings)
    assert site.code == 0, site.stderr
    assert (site.output / "CNAME").read_text() == "news.example.org\n"
