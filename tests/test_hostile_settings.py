"""A curator's mistakes in the settings and the taxonomy file: each stops the build
with the setting (or the file and line), the value and what to write, and leaves the
previous site as it was; none reaches a page as markup or fails with a bare Python
error. (Seeds are in test_hostile.py and test_hostile_input.py.)"""

from __future__ import annotations

import pytest

from sitebuild import build, seed_text

HOSTILE_HEADLINE = "<b>Bold</b> claims & <script>alert(1)</script>"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A site built once, fine: each wrong setting is then built over it."""
    tmp = tmp_path_factory.mktemp("settings")
    site = build(tmp, {"001_a.txt": seed_text(title=HOSTILE_HEADLINE)})
    assert site.code == 0, site.stderr
    return tmp, site


@pytest.mark.parametrize("name, value, words", [
    # Pelican's default JINJA_ENVIRONMENT, as its docs show it when adding an extension:
    # without autoescape every headline, byline and summary was printed as raw HTML.
    ("JINJA_ENVIRONMENT", {"trim_blocks": True, "lstrip_blocks": True, "extensions": []},
     '"autoescape": True'),
    ("SITENAME", 42, "the site's name"),
    ("SITENAME", "News\x00Digest", "no control character"),
    ("DEFAULT_PAGINATION", "20", "a whole number of stories per page"),
    ("TIMEZONE", "Europe/Atlantis", "a time zone name of the IANA database"),
    ("TIMEZONE", 1, "a time zone name of the IANA database"),
])
def test_a_wrong_pelican_setting_is_named_and_the_site_kept(built, name, value, words):
    tmp, site = built
    before = (site.output / "index.html").read_bytes()
    wrong = build(tmp, {}, settings={name: value})
    assert wrong.code != 0
    assert f"setting {name} = {value!r} is not valid: expected " in wrong.stderr, wrong.stderr
    assert words in wrong.stderr and "Traceback" not in wrong.stderr
    assert (site.output / "index.html").read_bytes() == before
    # and the markup of a headline is never made an element
    page = site.page("index.html")
    assert not page.xpath("//b[.='Bold'] | //body//script")
    assert HOSTILE_HEADLINE in page.xpath("string(//main)")


def test_pelican_settings_a_site_may_use_are_accepted(tmp_path):
    site = build(tmp_path, {"001_a.txt": seed_text()},
                 settings={"DEFAULT_PAGINATION": False, "TIMEZONE": "Asia/Kolkata",
                           "SITENAME": "Die Nachrichten\u2009Übersicht"})
    assert site.code == 0, site.stderr


TOPIC = '[[topics]]\nslug = "courts"\nlabel = "{label}"\nphrases = ["court", "judges"]\n'


@pytest.mark.parametrize("label, words", [
    # TOML escapes write what no feed can carry: the build failed with feedgen's
    # "All strings must be XML compatible", naming neither the file nor the topic
    ("Cou\\u0000rts", "a label without U+0000"),
    ("Courts\\u001b[31m", "a label without U+001B"),
    ("Courts\\uFFFF", "a label without U+FFFF"),
    # shown on every page of its stories, as a headline would be: the seeds' rules
    ("\\u200b\\u00a0", "a label with a visible character"),
    ("\\u202eCourts", "right-to-left override is closed"),
    ("C" * 5000, "a label of at most 100 characters (it has 5000)"),
])
def test_a_topic_label_no_page_can_show_is_named_at_its_line(built, label, words):
    tmp, site = built
    before = (site.output / "index.html").read_bytes()
    taxonomy = tmp / "hostile-topics.toml"
    taxonomy.write_text(TOPIC.format(label=label), encoding="utf-8")
    wrong = build(tmp, {}, settings={"DIGEST_TOPICS_FILE": str(taxonomy)})
    assert wrong.code != 0
    assert f"{taxonomy}:3: topics[0].label = " in wrong.stderr, wrong.stderr
    assert words in wrong.stderr and "Traceback" not in wrong.stderr
    assert len(wrong.stderr) < 1000
    assert (site.output / "index.html").read_bytes() == before


def test_a_label_with_markup_and_closed_controls_is_shown_as_text(tmp_path):
    taxonomy = tmp_path / "topics.toml"
    label = "</script><i>Courts</i> & \\u2067Gerichte\\u2069"
    taxonomy.write_text(TOPIC.format(label=label), encoding="utf-8")
    site = build(tmp_path, {"001_a.txt": seed_text(title="The court and its judges",
                                                   extra=[("Topics", "courts")])},
                 settings={"DIGEST_TOPICS_FILE": str(taxonomy)})
    assert site.code == 0, site.stderr
    shown = "</script><i>Courts</i> & \u2067Gerichte\u2069"
    page = site.page("topics/courts/index.html")
    assert page.xpath("string(//h1)") == shown and not page.xpath("//i | //body//script")


def test_a_device_named_as_the_taxonomy_is_refused_at_its_cap(built):
    """DIGEST_TOPICS_FILE = "/dev/zero" was read until the memory ran out."""
    tmp, site = built
    before = (site.output / "index.html").read_bytes()
    wrong = build(tmp, {}, settings={"DIGEST_TOPICS_FILE": "/dev/zero"})
    assert wrong.code != 0
    assert "/dev/zero: is larger than 20 MB: is it the right file?" in wrong.stderr
    assert (site.output / "index.html").read_bytes() == before
