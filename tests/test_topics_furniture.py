"""The page's furniture is not read by the tagger (``enrich/page_furniture.py``), and the
page still shows it.

Imported text keeps the site's lines around the story: calls to follow the site on its
platforms ("Follow Westshire News on Facebook, on Twitter, or on Instagram"), calls to write
in ("Send your story ideas to ..."), credits, copyright lines, notes on the article, links
without a colon. Read, a regional site's footer made every page of it a social-media story.
Each class is told by its shape, for any publisher; the story's own sentences that name a
platform, a newsletter or a story are read. Written items only.
"""

from __future__ import annotations

import pytest

from news_digest.enrich import topic_text
from news_digest.enrich.topic_text import read_body

from sitebuild import build, default_taxonomy, explain_report, seed_text

HEADLINE = "Post office reopens in market town after three months"
OPENING = ("A post office has reopened in the market town, three months after the last one "
           "closed when its operator resigned.")
FOOTERS = (
    "Follow Westshire News on Facebook, on Twitter, or on Instagram. Send your story ideas to "
    "newsdesk@westshire.example.",
    "Find Westshire News: North Coast on Facebook, Instagram and Twitter. If you have a story "
    "suggestion email north@westshire.example.",
    "Why not follow Westshire News on Facebook, Twitter and Instagram? You can also send story "
    "ideas to north@westshire.example",
)
OWN = "Residents had campaigned on Facebook, Twitter and Instagram for a new branch."


def slugs(*body: str) -> list[str]:
    return [t.slug for t in default_taxonomy().classify(HEADLINE, "\n".join(body))]


@pytest.mark.parametrize("footer", FOOTERS)
def test_the_sites_footer_is_not_read(footer):
    assert slugs(OPENING, footer) == ["general"]


@pytest.mark.parametrize("footer", FOOTERS)
def test_without_the_rule_the_footer_makes_a_social_media_story(monkeypatch, footer):
    monkeypatch.setattr(topic_text, "without_furniture", lambda text, dropped=None: text)
    assert slugs(OPENING, footer) == ["social-media"]


def test_the_same_platforms_in_the_storys_own_sentence_count():
    assert slugs(OPENING, OWN) == ["social-media"]


@pytest.mark.parametrize("line", [
    "Follow us: Google News | Reddit | Instagram | Facebook | Twitter",
    "Follow reporter Jo Bloggs on Twitter @jobloggs.",
    "Please include a contact number if you are willing to speak to a journalist.",
    "If you are reading this page and can't see the form, email us.",
    "Photos: Getty Images",
    "Image source: Neil Smith / Shutterstock",
    "Video journalist: Jo Bloggs",
    "Additional reporting by Jane Doe.",
    "Reporting by Jane Doe; Editing by John Roe",
    "Copyright 2024 Westshire Media. All rights reserved.",
    "© Westshire Media 2024",
    "This article was amended on 3 May to correct the name of the mill.",
    "This story originally appeared on The Example.",
    "Read more from our series on the high street",
    "Related Topics",
    "Watch: Minister defends tax cut U-turn",
])
def test_each_class_of_furniture_is_not_read(line):
    assert read_body(f"{OPENING}\n{line}\nThe branch opens six days a week.") == (
        f"{OPENING}\nThe branch opens six days a week.")


def test_the_questions_before_a_call_to_write_in_go_with_it():
    text = (f"{OPENING}\nHave you been affected by the closure? How far do you travel now? "
            "Share your experiences by emailing news@site.example.")
    assert read_body(text) == OPENING


@pytest.mark.parametrize("line", [
    "Follow-up talks on Facebook's data rules are due in May.",
    "Find out more on Facebook's new rules, the regulator said on Monday.",
    "Like Facebook, Twitter has cut its moderation staff.",
    "Fans who follow her on Instagram cheered.",
    "The newsletter, which reaches two million readers, was sold to a rival on Friday.",
    "Her visit was part of the broadcaster's Share Your Story Tour.",
    "Reporting by the Guardian revealed the payments last year.",
    "Photos show the flooded streets of the town centre.",
    "This story began in 2019, when the mill closed.",
    "Related charges were filed on Monday.",
    "Read more books, the minister told pupils.",
    "© Provided by Example News Nintendo and Apple shocked the world earlier this year by "
    "announcing a game for phones, the company's first foray into mobile gaming, and its "
    "shares rose by a tenth.",
])
def test_a_storys_own_sentence_is_read(line):
    text = f"{OPENING}\n{line}"
    assert read_body(text) == text


def test_explain_says_what_of_the_page_was_not_read(tmp_path):
    report = explain_report(tmp_path, HEADLINE, (OPENING, FOOTERS[0]))
    assert "Topics: General" in report
    assert ("Not read: 2 line(s) or sentence(s) of the page's furniture (calls to follow it or "
            "to write in, credits, copyright, notes on the article, links), the site's words, "
            "not the story's (\"Follow Westshire News on Facebook, on Twitter, or on "
            "Instagram.\")") in report


def test_the_page_shows_the_text_as_written(tmp_path):
    """Only what the tagger reads changes: the story's page shows the footer as the curator
    wrote it."""
    seed = seed_text(title=HEADLINE, url="https://westshire.example/post-office",
                     body=(OPENING, FOOTERS[0]))
    site = build(tmp_path, {"001_0123456789abcdef.txt": seed})
    assert site.code == 0, site.stderr
    text = (site.output / "stories" / "post-office-reopens-in-market-town-after-three-months.html"
            ).read_text(encoding="utf-8")
    assert "Follow Westshire News on Facebook, on Twitter, or on Instagram." in text
    assert "topics/general/" in text and "topics/social-media/" not in text
