"""A feed's summary with one heavy phrase of its subject (issue 18, twelfth round).

A feed item is often a headline and one sentence: "Leader denies jibe at rival" over
"He faces Tory calls to apologise". Such a body has room for one phrase of its subject,
so near the line (no topic at the threshold) one phrase of ``REAL_POINTS``, once, is
real evidence there (``topic_tally.near_bar``); a longer story that names it once still
needs two phrases, one twice, or one in the headline. Written items only.
"""

from __future__ import annotations

from functools import cache

from news_digest.curator.explain import explain
from news_digest.curator.site_settings import digest_settings
from news_digest.enrich import topic_tally
from news_digest.enrich.topics import Taxonomy
from news_digest.seeds.format import read_seed

from sitebuild import LONGER_BODY, ROOT, seed_text

HEADLINE = "Leader denies 'stupid' jibe at rival"
SUMMARY = 'He faces Tory calls to apologise, but says he said "stupid people".'
MORE = (" He spoke to reporters outside his home on Thursday morning, and again later in "
        "the day at a cafe near the station, where a small crowd had gathered to hear him. "
        "Friends say he was tired after a long week and wanted the matter closed before "
        "the weekend.")


@cache
def default_taxonomy() -> Taxonomy:
    return Taxonomy.from_settings(digest_settings(str(ROOT / "pelicanconf.py")))


def slugs(title: str, text: str) -> list[str]:
    return [t.slug for t in default_taxonomy().classify(title, text)]


def test_one_heavy_phrase_in_a_summary_is_real_evidence():
    assert len(SUMMARY) < topic_tally.SHORT_BODY
    assert slugs(HEADLINE, SUMMARY) == ["government-policy"]


def test_without_the_rule_the_summary_goes_to_general(monkeypatch):
    monkeypatch.setattr(topic_tally, "SHORT_BODY", 0)
    assert slugs(HEADLINE, SUMMARY) == ["general"]


def test_a_longer_story_naming_it_once_still_goes_to_general():
    assert len(SUMMARY + MORE) >= topic_tally.SHORT_BODY
    assert slugs(HEADLINE, SUMMARY + MORE) == ["general"]


def test_a_summary_naming_a_subject_outside_the_digest_needs_more():
    # "killed" (Accidents, outside the digest) beside "taken to hospital": a crash.
    crash = ("Two teenagers were taken to hospital after their car hit a tree on the coast "
             "road. The driver, 15, was killed.")
    assert len(crash) < topic_tally.SHORT_BODY
    assert slugs("Driver, 15, dies as car hits tree", crash) == ["general"]


def test_the_tests_longer_body_is_past_a_summary():
    # Other tests pad a one-phrase body with it to test stories, not summaries.
    assert len(LONGER_BODY) >= topic_tally.SHORT_BODY


def test_light_words_in_a_summary_give_nothing():
    assert slugs("Band plays last show of the season",
                 "The group thanked fans after the final encore.") == ["general"]


def test_explain_says_one_phrase_is_enough_in_a_summary(tmp_path):
    seed_file = tmp_path / "001_0123456789abcdef.txt"
    seed_file.write_text(seed_text(title=HEADLINE, body=(SUMMARY,)))
    report = "\n".join(explain(default_taxonomy(), read_seed(seed_file)))
    assert "Topics: Government & Policy" in report
    assert ("government-policy (Government & Policy) - kept near the line: no topic reached 5, "
            "and this one has 3 (>= 2) on real evidence; in a body this short one phrase is"
            in report)
    longer = tmp_path / "002_0123456789abcdef.txt"
    longer.write_text(seed_text(title=HEADLINE, body=(SUMMARY + MORE,)))
    report = "\n".join(explain(default_taxonomy(), read_seed(longer)))
    assert "Topics: General" in report
    assert "near the line but rests on one phrase in the body" in report
