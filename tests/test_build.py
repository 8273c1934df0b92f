"""Real sites built into tmp_path and read back with an HTML parser."""

from __future__ import annotations

import json

from news_digest.seeds.format import read_seed

from sitebuild import SAMPLE_SEED, build, seed_text


def _story_pages(site):
    return site.files("stories/*.html")


def test_sample_seed_builds_into_an_article_page(tmp_path):
    site = build(tmp_path, {"000_6658c6a34da15a44.txt": SAMPLE_SEED.read_bytes()})
    assert site.code == 0, site.stderr
    assert site.warnings == []
    seed = read_seed(SAMPLE_SEED)
    [page_path] = _story_pages(site)
    page = site.page(page_path.relative_to(site.output))
    assert [h.text_content() for h in page.iter("h1")] == [seed.title]
    assert page.xpath("string(//time/@datetime)") == "2019-11-01T12:05:50+00:00"
    assert "The Times of India" in page.xpath("string(//*[@class='attribution'])")
    body = [p.text_content() for p in page.xpath("//div[@class='body']/p")]
    assert body == list(seed.paragraphs)


def test_markup_characters_in_a_seed_reach_the_page_as_text(tmp_path):
    body = ("Use *stars*, _underscores_, <script>alert(1)</script> & <b>bold</b>.",)
    site = build(tmp_path, {"001_a.txt": seed_text(title="<i>Tags</i> & *stars*", body=body)})
    assert site.code == 0, site.stderr
    [path] = _story_pages(site)
    page = site.page(path.relative_to(site.output))
    assert page.xpath("//h1")[0].text_content() == "<i>Tags</i> & *stars*"
    assert page.xpath("//div[@class='body']/p")[0].text_content() == body[0]
    assert not page.xpath("//div[@class='body']//script | //div[@class='body']//b")


def test_several_people_in_a_byline_become_several_authors(tmp_path):
    site = build(tmp_path, {"001_a.txt": seed_text(title="Two writers",
                                                   author="Jane Doe and John Roe")})
    assert site.code == 0, site.stderr
    page = site.page("stories/two-writers.html")
    [data] = [json.loads(s.text) for s in page.xpath("//script[@type='application/ld+json']")]
    assert data["author"] == [{"@type": "Person", "name": "Jane Doe"},
                              {"@type": "Person", "name": "John Roe"}]
    assert not site.files("authors/**/*")  # no page per byline unless a site asks


def test_same_headline_twice_gives_two_pages(tmp_path):
    seeds = {
        "001_a.txt": seed_text(title="Storm hits coast", url="https://a.example/storm",
                               body=("Story A.",)),
        "002_b.txt": seed_text(title="Storm hits coast", url="https://b.example/storm",
                               source="Other Paper", published="2020-01-03T00:00:00Z",
                               body=("Story B.",)),
    }
    site = build(tmp_path, seeds)
    assert site.code == 0, site.stderr
    pages = _story_pages(site)
    assert len(pages) == 2
    texts = sorted(site.page(p.relative_to(site.output)).xpath("string(//div[@class='body'])")
                   .strip() for p in pages)
    assert texts == ["Story A.", "Story B."]
    # The older story keeps the plain slug: later arrivals never move it.
    assert (site.output / "stories" / "storm-hits-coast.html").exists()


def test_broken_seeds_stop_the_build_and_are_all_listed(tmp_path):
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "index.html").write_text("previous build")  # a site built before
    seeds = {
        "001_good.txt": seed_text(),
        "002_nodate.txt": seed_text(published=None, url="https://x.example/2"),
        "003_badurl.txt": seed_text(url="ftp://x.example/3"),
    }
    site = build(tmp_path, seeds)
    assert site.code == 1
    assert "002_nodate.txt:1: no publication date" in site.stderr
    assert "003_badurl.txt:7: 'ftp://x.example/3' is not an absolute http(s) URL" in site.stderr
    assert "Traceback" not in site.stderr
    # Nothing half-written: the previous output is untouched.
    assert [p.name for p in site.files()] == ["index.html"]


def test_non_strict_mode_skips_broken_seeds_with_warnings(tmp_path):
    seeds = {"001_good.txt": seed_text(), "002_bad.txt": seed_text(body=())}
    site = build(tmp_path, seeds, settings={"DIGEST_STRICT": False})
    assert site.code == 0, site.stderr
    assert len(_story_pages(site)) == 1
    assert any("002_bad.txt:" in w and "no body" in w for w in site.warnings)


def test_unknown_digest_setting_is_a_clear_error(tmp_path):
    site = build(tmp_path, {"001.txt": seed_text()}, settings={"DIGEST_STRICTT": True})
    assert site.code == 1
    assert "DIGEST_STRICTT" in site.stderr and "did you mean DIGEST_STRICT" in site.stderr


def test_content_pelican_cannot_process_fails_the_build(tmp_path):
    site = build(tmp_path, {"001.txt": seed_text()}, pages={"broken.md": "No title here.\n"})
    assert site.code == 1
    assert "Pelican reported" in site.stderr
    assert any("broken.md" in w for w in site.warnings)


def test_same_headline_twice_logs_no_translation_warning(tmp_path):
    seeds = {
        "001_a.txt": seed_text(title="Storm hits coast", url="https://a.example/storm"),
        "002_b.txt": seed_text(title="Storm hits coast", url="https://b.example/storm",
                               published="2020-01-03T00:00:00Z"),
    }
    site = build(tmp_path, seeds)
    assert site.code == 0, site.stderr
    assert site.warnings == []
    assert len(_story_pages(site)) == 2
