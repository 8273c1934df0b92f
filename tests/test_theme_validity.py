"""Every generated page passes the Nu Html Checker (vnu) with 0 errors; sizes hold.

The sites are checked with each republishing policy (``mixed``) and as a fresh clone
builds them, every publisher on the default ``link`` policy."""

from __future__ import annotations

import json
import subprocess

import pytest
from theme_site import POLICIES, build_theme_site
from tools import vnu_jar

from busy_site import busy_seeds
from sitebuild import build

pytestmark = pytest.mark.validator

CSS_LIMIT = 12 * 1024
ARTICLE_LIMIT = 40 * 1024


@pytest.fixture(scope="module", params=POLICIES)
def policy(request):
    return request.param


@pytest.fixture(scope="module")
def site(tmp_path_factory, policy):
    # Two editions a home page and two stories a list page, so the older pages of the
    # home page and of the lists are checked too.
    built = build_theme_site(tmp_path_factory.mktemp(f"theme-{policy}"), policy=policy,
                             DIGEST_EDITIONS_PER_PAGE=2, DEFAULT_PAGINATION=2)
    assert built.code == 0, built.stderr
    assert built.warnings == []
    assert (built.output / "page" / "1" / "index.html").exists()
    assert list(built.output.glob("topics/*/page/1/index.html"))
    return built


@pytest.fixture(scope="module")
def week_site(tmp_path_factory):
    built = build_theme_site(tmp_path_factory.mktemp("week"), DIGEST_EDITION="week")
    assert built.code == 0, built.stderr
    return built


@pytest.fixture(scope="module")
def busy_site(tmp_path_factory, policy):
    """A busy day: 50 stories, several reported by several outlets (front page indexes,
    "Also covered by", related stories), in full text or (``link``) as links."""
    default = "link" if policy == "link" else "full"
    built = build(tmp_path_factory.mktemp(f"busy-{policy}"), busy_seeds(),
                  settings={"DIGEST_DEFAULT_POLICY": default})
    assert built.code == 0, built.stderr
    return built


def _vnu_errors(files) -> list[str]:
    result = subprocess.run(
        ["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "json",
         "--also-check-css", *map(str, files)],
        capture_output=True, text=True, timeout=600, check=False)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [f"{m.get('url', '').rsplit('/output/', 1)[-1]}:{m.get('lastLine', '?')}: "
            f"{m['message']}" for m in messages if m.get("type") == "error"
            or m.get("subType") == "fatal"]


def test_every_page_and_the_stylesheet_are_valid(site, week_site, busy_site):
    vnu_jar()  # skip or fail first when the checker is missing
    # Our own pages and stylesheets (not the CSS Pagefind ships for its unused UI).
    files = (site.files("**/*.html") + week_site.files("**/*.html")
             + busy_site.files("**/*.html") + site.files("theme/**/*.css"))
    assert len(files) > 30  # home, editions, stories, topics, authors, archive, about, ...
    assert _vnu_errors(files) == []


def test_the_checker_does_report_errors(tmp_path):
    """The check above can fail: a page with a known error is reported."""
    vnu_jar()
    bad = tmp_path / "output" / "bad.html"
    bad.parent.mkdir()
    bad.write_text("<!doctype html><html lang=en><title>x</title><p><div></span>",
                   encoding="utf-8")
    assert any("bad.html" in e for e in _vnu_errors([bad]))


def test_stylesheet_and_article_pages_stay_small(site):
    [css] = site.files("theme/css/style.css")
    assert css.stat().st_size < CSS_LIMIT
    stories = site.files("stories/*.html")
    assert stories and max(p.stat().st_size for p in stories) < ARTICLE_LIMIT
