"""What a reader notices, found in a review: each built as a real site and read back."""

from __future__ import annotations

from busy_site import dock_strike_seeds
from sitebuild import build, seed_text


def test_a_story_in_another_language_is_marked_with_it_wherever_its_words_show(tmp_path):
    """A German story on an English digest was read out by screen readers as English:
    its headline and text now carry lang="de" on its page and in every list."""
    german = seed_text(title="Neue Glasfaserförderung", published="2023-01-25T18:00:00Z",
                       url="https://golem.example/glasfaser", extra=(("Language", "de"),),
                       body=("Ab April soll es wieder Förderung geben.",))
    british = seed_text(title="Council tax rises", published="2023-01-25T17:00:00Z",
                        url="https://bbc.example/tax", extra=(("Language", "en-GB"),))
    site = build(tmp_path, {"001_de.txt": german, "002_gb.txt": british})
    assert site.code == 0, site.stderr
    story = site.page("stories/neue-glasfaserforderung.html")
    assert story.get("lang") == "en"
    assert story.xpath("//h1/@lang") == ["de"]
    assert story.xpath("//div[contains(@class, 'body')]/@lang") == ["de"]
    assert story.xpath("//*[@class='credit-block' or @class='topics']/@lang") == []
    for page in ("index.html", "editions/2023-01-25/index.html", "archives/index.html"):
        tree = site.page(page)
        langs = {" ".join(e.text_content().split()): e.get("lang")
                 for e in tree.xpath("//*[@lang]") if e.tag != "html"}
        assert langs.get("Neue Glasfaserförderung") == "de", (page, langs)
        assert "Council tax rises" not in langs, page  # en-GB is the site's English
    assert site.page("index.html").xpath("//p[@class='story-summary'][@lang='de']/text()") \
        == ["Ab April soll es wieder Förderung geben."]
    # the pager of the English story names the German one in German
    other = site.page("stories/council-tax-rises.html")
    assert other.xpath("//li[@class='pager-next']//span[@lang='de']/text()") == [
        "Neue Glasfaserförderung"]


def test_a_story_in_a_language_written_right_to_left_reads_right_to_left(tmp_path):
    """A Hebrew headline ending in '!' showed the mark at its left end, its start."""
    hebrew = seed_text(title="שלום עולם!", url="https://haaretz.example/a",
                       extra=(("Language", "he"),), body=("פסקה ראשונה.",))
    site = build(tmp_path, {"001_he.txt": hebrew})
    assert site.code == 0, site.stderr
    [path] = site.files("stories/*.html")
    story = site.page(path.relative_to(site.output))
    assert [(e.tag, e.get("lang"), e.get("dir")) for e in story.xpath("//*[@dir]")] == [
        ("h1", "he", "rtl"), ("div", "he", "rtl")]
    index = site.page("index.html")
    assert index.xpath("//*[@class='story-title']/@dir") == ["rtl"]


def test_a_time_with_a_fraction_of_a_second_is_valid_html(tmp_path):
    """'Published at: **...12:05:50.123Z**' gave <time datetime="...50.123000+00:00">,
    which the Nu Html Checker refuses (at most three digits)."""
    site = build(tmp_path, {"001_a.txt": seed_text(published="2019-11-01T12:05:50.123456Z")})
    assert site.code == 0, site.stderr
    for page in ("index.html", "stories/a-story.html"):
        assert set(site.page(page).xpath("//time[contains(@datetime, 'T')]/@datetime")) == {
            "2019-11-01T12:05:50.123+00:00"}, page


def test_two_reports_of_one_publisher_on_one_day_show_their_times_on_a_story_page(tmp_path):
    """The story page's "Also covered by" listed "Wire · 1 March 2021" twice, two lines a
    reader could not tell apart but by their headlines: it now gives each one's time, as
    the edition's line does."""
    seeds = dock_strike_seeds()
    site = build(tmp_path, seeds)
    assert site.code == 0, site.stderr
    block = site.page("stories/port-of-rotterdam-halted-by-strike.html").xpath(
        "//section[@class='coverage']//span[@class='credit']")
    assert [" ".join(e.text_content().split()) for e in block] == [
        "Wire · 1 March 2021, 07:00 UTC", "Wire · 1 March 2021, 16:30 UTC"]
    # one report of each publisher: the date alone, as before
    wire = site.page("stories/rotterdam-dockers-strike-over-pay.html").xpath(
        "//section[@class='coverage']//span[@class='credit']")
    assert [" ".join(e.text_content().split()) for e in wire] == [
        "Herald · 1 March 2021", "Wire · 1 March 2021"]
