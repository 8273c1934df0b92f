"""The digest in the wider web: republishing policies, link previews, 404, favicon, publish.

Real builds read back with lxml and with extruct (an Open Graph and JSON-LD extractor
from PyPI) on every story page; the policies are checked on pages, lists, feeds and
the search index's markup alike.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import extruct
import feedparser
import lxml.html
import pytest
import yaml
from theme_site import EXCERPT_STORY, LINK_STORY, build_theme_site

from news_digest.curator.build import build_site
from news_digest.enrich.republishing import (
    DEFAULT_POLICY,
    EXCERPT_WORDS,
    excerpt,
    republished,
    search_signals,
)
from news_digest.enrich.sources_file import parse_sources, policy_for
from news_digest.settings import SETTINGS, resolve

from sitebuild import ROOT, SAMPLE_SEED, build, build_overrides, seed_text

PUBLIC = "https://news-digest.example.org"
WORKFLOW = ROOT / "deploy" / "github-actions" / "publish.yml"


# --- the policy itself ---------------------------------------------------------------------

def test_the_default_policy_is_written_down_once_and_is_link():
    assert DEFAULT_POLICY == "link"
    assert SETTINGS["DIGEST_DEFAULT_POLICY"].default is DEFAULT_POLICY
    assert resolve({}).default_policy == "link"
    # A publisher the sources file gives no policy gets the site's, whatever it is.
    sources = parse_sources('[[source]]\nname = "A"\nhome = "https://a.example/"\n'
                            'feeds = ["https://a.example/f"]\n', "sources.toml")
    assert sources.sources[0].policy == ""
    assert [policy_for(sources, "A", p) for p in ("link", "full")] == ["link", "full"]


def test_what_each_policy_shows():
    paragraphs = ("First paragraph of the story.", "Second paragraph.")
    full = republished("full", paragraphs)
    assert (full.paragraphs, full.summary, full.words) == (paragraphs, paragraphs[0], 7)
    lead = republished("excerpt", paragraphs)
    assert (lead.paragraphs, lead.summary) == (paragraphs[:1], paragraphs[0])
    link = republished("link", paragraphs)
    assert (link.paragraphs, link.summary, link.words) == ((), "", 0)
    own = republished("link", paragraphs, "The curator's  own words.")
    assert (own.paragraphs, own.summary, own.own_summary) == ((), "The curator's own words.",
                                                              True)
    with pytest.raises(ValueError):
        republished("everything", paragraphs)


def test_an_excerpt_is_short_and_ends_at_a_sentence_when_it_can():
    long = " ".join(f"Sentence number {n} is here." for n in range(40))
    cut = excerpt(long)
    assert len(cut.split()) <= EXCERPT_WORDS and cut.endswith("here.")
    words = " ".join(f"word{n}" for n in range(100))
    assert excerpt(words) == " ".join(f"word{n}" for n in range(EXCERPT_WORDS)) + "…"


def test_search_signals_never_point_elsewhere():
    assert search_signals("full").robots == "noindex"
    assert not search_signals("full").canonical_self
    for policy in ("excerpt", "link"):
        signals = search_signals(policy)
        assert signals.indexable and signals.canonical_self


# --- a built site with every policy --------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    built = build_theme_site(tmp_path_factory.mktemp("publishing"), DIGEST_SEARCH=False,
                             DIGEST_FEED_FULL_TEXT=True,
                             DIGEST_SITE_IMAGE="theme/images/favicon.png")
    assert built.code == 0, built.stderr
    assert built.warnings == []
    return built


def _page(site, path):
    return site.page(path)


def _stories(site) -> list[str]:
    return sorted(str(p.relative_to(site.output)) for p in site.files("stories/*.html"))


def _visible_body(page) -> str:
    return " ".join(" ".join(e.text_content().split())
                    for e in page.xpath("//main//div[contains(@class, 'body')]"))


def _one_link_to_original(page):
    """The page's one link to its original (JSON-LD ``isBasedOn``), in the credit block;
    the note by the text (``read-there``) links nowhere."""
    ld = json.loads(page.xpath("string(//script[@type='application/ld+json'])"))
    links = page.xpath(f"//main//a[@href='{ld['isBasedOn']}']")
    assert [a.xpath("ancestor::aside/@aria-label") for a in links] == [["Source"]]
    assert page.xpath("//p[@class='read-there']//a") == []
    return links[0]


def test_every_story_page_previews_as_an_article(site):
    """extruct reads Open Graph and JSON-LD from every story page; they agree with each
    other, with the canonical link and with what the page shows."""
    stories = _stories(site)
    assert len(stories) == 10
    for path in stories:
        html = (site.output / path).read_bytes()
        url = f"{PUBLIC}/{path}"
        data = extruct.extract(html, base_url=url, syntaxes=["opengraph", "json-ld"])
        [graph] = data["opengraph"]
        [ld] = data["json-ld"]
        og: dict[str, str] = {}
        for prop, value in graph["properties"]:
            og.setdefault(prop, value)
        tags = [value for prop, value in graph["properties"] if prop == "article:tag"]
        page = lxml.html.fromstring(html)
        topics = [a.text_content() for a in page.xpath("//div[@class='topics']//a")]
        description = page.xpath("//head/meta[@name='description']/@content")
        assert og["og:type"] == "article", path
        assert og["og:title"] == page.xpath("string(//h1)") == ld["headline"]
        assert og["og:description"] == description[0] == ld["description"] != ""
        assert og["og:site_name"] == "The News Digest"
        assert og["og:url"] == url == ld["url"] == ld["mainEntityOfPage"]["@id"]
        assert og["og:image"] == f"{PUBLIC}/theme/images/favicon.png"
        assert og["article:published_time"] == ld["datePublished"]
        assert og["article:section"] == topics[0]
        assert tags == topics
        twitter = {m.get("name"): m.get("content") for m in page.xpath("//head/meta[@name]")}
        assert twitter["twitter:card"] == "summary"
        assert twitter["twitter:title"] == og["og:title"]
        assert twitter["twitter:description"] == og["og:description"]
        # What search engines are told agrees with itself and with the JSON-LD.
        canonical = page.xpath("//head/link[@rel='canonical']/@href")
        robots = page.xpath("//head/meta[@name='robots']/@content")
        original = page.xpath("//p[@class='read-original']/a/@href")
        assert ld["isBasedOn"] == original[0]  # credited, visibly and in JSON-LD
        if robots:
            assert robots == ["noindex"] and canonical == [], path  # never elsewhere
        else:
            assert canonical == [ld["url"]], path


def test_a_full_text_page_shows_the_whole_story_and_is_not_indexed(site):
    page = _page(site, "stories/parliament-debates-new-surveillance-powers.html")
    assert page.xpath("//head/meta[@name='robots']/@content") == ["noindex"]
    paragraphs = page.xpath("//main//div[@class='body']/p")
    assert len(paragraphs) > 3
    assert page.xpath("string(//p[@class='reading-time'])") == "3 min read"


def test_an_excerpt_page_shows_the_lead_and_a_link(site):
    page = _page(site, EXCERPT_STORY)
    [body] = page.xpath("//main//div[contains(@class, 'body')]")
    assert len(body.xpath("p")) == 1
    assert len(body.text_content().split()) <= EXCERPT_WORDS
    assert body.get("data-pagefind-body") is not None  # the index holds what is shown
    # One call to the original, in the credit block, as on a link page; the note after
    # the lead says where the rest is and links nowhere.
    assert _one_link_to_original(page).text_content() == "Read the original at Example Gazette"
    assert page.xpath("string(//p[@class='read-there'])").strip() == (
        "This is the opening of the story: the rest is at Example Gazette, through "
        '"Read the original" above.')
    assert page.xpath("//head/link[@rel='canonical']/@href") == [f"{PUBLIC}/{EXCERPT_STORY}"]
    assert page.xpath("string(//p[@class='reading-time'])") == "1 min read"


def test_a_link_page_shows_the_credit_and_a_link_and_none_of_the_text(site):
    page = _page(site, LINK_STORY)
    assert _visible_body(page) == ""
    assert "Paragraph 1 of a story" not in page.xpath("string(//main)")
    assert page.xpath("//main//*[@data-pagefind-body]/text()") == [
        "Court hears challenge to data retention law"]  # only the headline is indexed
    assert page.xpath("//p[@class='reading-time']") == []
    # One call to the original, in the credit block, naming the publisher; the note
    # under the headline says why there is no text and links nowhere.
    original = _one_link_to_original(page)
    assert original.text_content() == "Read the original at The Daily Example"
    based_on = original.get("href")
    assert page.xpath("string(//p[@class='read-there'])").strip() == (
        "The News Digest links to this story rather than republishing it.")
    # The feeds credit the same original, once.
    feed = feedparser.parse((site.output / "feeds/all.atom.xml").read_bytes())
    [entry] = [e for e in feed.entries if e.title == page.xpath("string(//h1)")]
    item = lxml.html.fromstring(entry.content[0].value)
    assert item.xpath("//a/@href") == [based_on]
    assert page.xpath("//head/link[@rel='canonical']/@href") == [f"{PUBLIC}/{LINK_STORY}"]
    assert page.xpath("//head/meta[@name='robots']") == []


def test_lists_and_feeds_carry_only_what_the_policy_allows(site):
    topic = _page(site, "topics/privacy/index.html")
    summaries = {a.xpath("string(.//h2/a)"): a.xpath("string(.//p[@class='story-summary'])")
                 for a in topic.xpath("//article[@class='story']")}
    assert summaries["Court hears challenge to data retention law"] == ""  # link: no lead
    assert summaries["Messaging app fixes flaw used for spying"].startswith("Paragraph 6")
    feed = feedparser.parse((site.output / "feeds/all.atom.xml").read_bytes())
    by_title = {e.title: e for e in feed.entries}
    link = by_title["Court hears challenge to data retention law"]
    assert "Paragraph 1 of a story" not in link.summary + link.content[0].value
    lead = by_title["Hospital waiting lists grow"]
    assert lead.content[0].value.count("<p>") == 2  # the excerpt and the credit line
    full = by_title["Parliament debates new surveillance powers"]
    assert full.content[0].value.count("Paragraph 2 of a story") > 1
    items = json.loads((site.output / "feeds/all.json").read_bytes())["items"]
    link_item = next(i for i in items if i["title"] == link.title)
    assert "Paragraph 1" not in link_item["content_html"] + link_item["summary"]
    assert link_item["summary"].startswith("The Daily Example, 1 November 2019")


def test_every_page_describes_itself_differently(site):
    seen: dict[str, str] = {}
    for path in site.files("**/*.html"):
        page = site.page(path.relative_to(site.output))
        found = page.xpath("//head/meta[@name='description']/@content")
        assert len(found) == 1 and found[0].strip(), path
        assert found[0] not in seen, (path, seen.get(found[0]))
        seen[found[0]] = str(path)
    assert len(seen) > 30


def test_every_page_names_the_favicon_a_real_small_png(site):
    icon = site.output / "theme" / "images" / "favicon.png"
    data = icon.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[16:24] == (32).to_bytes(4, "big") * 2
    assert len(data) < 2048
    for path in site.files("**/*.html"):
        relative = path.relative_to(site.output)
        page = site.page(relative)
        [href] = page.xpath("//head/link[@rel='icon']/@href")
        assert not href.startswith("data:")
        target = (Path(path).parent / href) if not href.startswith("/") else \
            site.output / href.lstrip("/")
        assert target.resolve() == icon.resolve(), relative


def test_the_404_page_links_from_the_root_and_asks_not_to_be_indexed(site):
    page = site.page("404.html")
    assert page.xpath("string(//h1)") == "Page not found"
    assert page.xpath("//head/meta[@name='robots']/@content") == ["noindex"]
    assert page.xpath("//head/link[@rel='canonical']") == []
    hrefs = page.xpath("//link[@rel='stylesheet']/@href | //main//a/@href")
    assert hrefs and all(h.startswith("/") for h in hrefs)  # shown at any address
    for href in hrefs:
        target = site.output / href.lstrip("/")
        assert target.exists() or (target / "index.html").exists(), href


def test_other_pages_are_canonical_to_themselves_at_the_public_address(site):
    page = site.page("topics/privacy/index.html")
    assert page.xpath("//head/link[@rel='canonical']/@href") == [f"{PUBLIC}/topics/privacy/"]
    og = {m.get("property"): m.get("content") for m in page.xpath("//head/meta[@property]")}
    assert (og["og:type"], og["og:url"]) == ("website", f"{PUBLIC}/topics/privacy/")


# --- the project's own site and the sources file -------------------------------------------

def test_the_projects_sources_file_decides_the_sample_story(tmp_path):
    """The sample seed's publisher has policy "link" in sources.toml: its page shows none
    of the text, whatever the test sites' default."""
    site = build(tmp_path, {SAMPLE_SEED.name: SAMPLE_SEED.read_bytes()},
                 settings={"DIGEST_SOURCES_FILE": str(ROOT / "sources.toml")})
    assert site.code == 0, site.stderr
    [path] = site.files("stories/*.html")
    page = site.page(path.relative_to(site.output))
    assert _visible_body(page) == ""
    assert "WhatsApp on Friday said" not in path.read_text(encoding="utf-8")


def test_a_changed_policy_rebuilds_from_a_fresh_cache(tmp_path):
    seeds = {"001_a.txt": seed_text(title="Policy story", source="Gazette One",
                                    body=("The lead words.", "The rest of the story."))}
    sources = ('[[source]]\nname = "Gazette One"\nhome = "https://one.example/"\n'
               'feeds = ["https://one.example/feed.xml"]\npolicy = "{}"\n')
    first = build(tmp_path, seeds, sources=sources.format("full"))
    assert first.code == 0, first.stderr
    assert "The rest of the story." in (first.output / "stories/policy-story.html").read_text()
    second = build(tmp_path, seeds, sources=sources.format("excerpt"))
    assert second.code == 0, second.stderr
    text = (second.output / "stories/policy-story.html").read_text()
    assert "The lead words." in text and "The rest of the story." not in text


def test_a_broken_sources_file_stops_the_build_naming_its_line(tmp_path):
    site = build(tmp_path, {"001_a.txt": seed_text()},
                 sources='[[source]]\nname = "A"\nhome = "https://a.example/"\n'
                         'feeds = ["https://a.example/f"]\npolicy = "most"\n')
    assert site.code == 1
    assert "sources.toml:5:" in site.stderr and "policy = 'most'" in site.stderr
    assert "Traceback" not in site.stderr


def test_the_replaced_canonical_setting_stops_the_build(tmp_path):
    site = build(tmp_path, {"001_a.txt": seed_text()}, settings={"DIGEST_CANONICAL": "self"})
    assert site.code == 1
    assert "DIGEST_CANONICAL" in site.stderr and "DIGEST_DEFAULT_POLICY" in site.stderr


# --- publishing without traps --------------------------------------------------------------

def test_publish_refuses_the_placeholder_address(tmp_path):
    (tmp_path / "content" / "articles").mkdir(parents=True)
    (tmp_path / "content" / "articles" / "001_a.txt").write_text(seed_text())
    code = build_site(str(ROOT / "publishconf.py"), str(tmp_path / "content"),
                      str(tmp_path / "output"), overrides=build_overrides(tmp_path),
                      publish=True)
    assert code == 2
    assert not (tmp_path / "output").exists()
    code = build_site(str(ROOT / "publishconf.py"), str(tmp_path / "content"),
                      str(tmp_path / "output"), publish=True, overrides={
                          **build_overrides(tmp_path), "SITEURL": "https://digest.news.example.net.au"})
    assert code == 0
    assert "https://digest.news.example.net.au/" in (tmp_path / "output/robots.txt").read_text()


def test_publish_names_the_setting_to_change(tmp_path, capsys):
    (tmp_path / "content").mkdir()
    build_site(str(ROOT / "publishconf.py"), str(tmp_path / "content"),
               str(tmp_path / "output"), overrides=build_overrides(tmp_path), publish=True)
    message = capsys.readouterr().err
    assert "news-digest.example.org" in message and "placeholder" in message
    assert "DIGEST_SITE_URL" in message and "make publish SITEURL=" in message
    # It says plainly where the address came from: pelicanconf.py's DIGEST_SITE_URL
    # (publishconf.py copies it into SITEURL), not "now SITEURL gives it".
    assert "It comes from DIGEST_SITE_URL in pelicanconf.py." in message
    assert "now SITEURL gives it" not in message
    build_site(str(ROOT / "publishconf.py"), str(tmp_path / "content"),
               str(tmp_path / "output"), publish=True,
               overrides={**build_overrides(tmp_path), "SITEURL": "https://news.example.com"})
    message = capsys.readouterr().err
    assert "public address is https://news.example.com, a placeholder" in message
    assert "It comes from SITEURL (the address given to this build)." in message


def test_make_publish_builds_with_the_check():
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    dry = subprocess.run([make, "-n", "publish"], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert "news_digest build --publish content -o output -s publishconf.py" in dry.stdout


def _actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert found, "actionlint comes with the dev dependencies (make venv)"
    return found


def test_the_workflow_passes_actionlint():
    result = subprocess.run([_actionlint(), "-no-color", str(WORKFLOW)], capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_does_report_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.nonexistent_context_value }}\n"
                      "      - uses: actions/checkout@v4\n        with: {fetch-depth: two}\n",
                      encoding="utf-8")
    result = subprocess.run([_actionlint(), "-no-color", str(broken)], capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 1 and "broken.yml" in result.stdout


def test_the_workflow_imports_builds_and_publishes_on_schedule_and_push():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert "schedule" in triggers and "push" in triggers
    steps = flow["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    uses = [s.get("uses", "") for s in steps]
    assert runs.index("make import") < runs.index("make publish")
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache"  # the import's state file and the build cache
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "output"
    deploy = flow["jobs"]["deploy"]["steps"]
    assert deploy[0]["uses"].startswith("actions/deploy-pages@")
