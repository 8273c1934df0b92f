"""A page's calls to its reader (issue 18, tenth round) and its links to its other
stories (thirteenth round) are not read.

Pages keep the site's own lines in their text: "Follow News18.com on Twitter, Instagram,
Facebook, Telegram, TikTok and on YouTube", "Share on Facebook". Their platform names
made a councillor's arrest a social-media story. A sentence holding such a call to
follow or share on a platform (``topic_text.CHROME``) is not read; the same platforms
in the story's own sentences still count. A line opening with a link label ("READ MORE:",
"Related:", "YOU MAY ALSO LIKE:") names another story, and a bare "Related articles:"
lists other stories' headlines under it (``topic_text.without_links``): read, they gave a
council's cycle lanes the topic of a cup final. A line pitching the
site's newsletter or app (``topic_text.without_pitches``) names its beats, not the
story's subject. A web or e-mail address
(``topic_text.is_address``: an embedded post's "pic.twitter.com/...") is not read either.
Written items only.
"""

from __future__ import annotations

import re

from news_digest.enrich import topic_text
from news_digest.enrich.topic_text import read_body

from sitebuild import default_taxonomy, explain_report

HEADLINE = "Councillor arrested over killing of council clerk"
STORY = ("Police on Monday arrested a suspended councillor in connection with the murder of "
         "a council clerk during last month's riots, and asked a magistrate for five days' "
         "custody.",
         "The councillor, who denies the charges, was detained outside the district court.")
CALLS = ("Get the best of Daily Courier delivered to your inbox. Follow DailyCourier on "
         "Twitter, Instagram, Facebook, TikTok and on YouTube.")
OWN = ("Rioters had organised on Twitter, Instagram and Facebook, police said, and videos of "
       "the clashes spread on TikTok and YouTube.")


def slugs(*body: str) -> list[str]:
    return [t.slug for t in default_taxonomy().classify(HEADLINE, "\n".join(body))]


def test_the_sites_call_to_follow_it_is_not_read():
    assert slugs(*STORY, CALLS) == ["law-courts"]


def test_without_the_rule_its_platforms_make_a_social_media_story(monkeypatch):
    monkeypatch.setattr(topic_text, "CHROME", re.compile("(?!)"))
    assert "social-media" in slugs(*STORY, CALLS)


def test_the_same_platforms_in_the_storys_own_sentences_count():
    assert "social-media" in slugs(*STORY, OWN)


def test_only_the_calls_are_cut_and_paragraphs_stay():
    text = ("Fans who follow her on Instagram cheered. Share on Facebook\n"
            "Follow Lena on Twitter: @lena. The show runs until May.\n"
            "Like us on Facebook!\nLast line.")
    assert read_body(text) == ("Fans who follow her on Instagram cheered.\n"
                               "The show runs until May.\nLast line.")
    assert read_body("Nothing to cut here.") == "Nothing to cut here."


def test_explain_says_what_was_not_read(tmp_path):
    report = explain_report(tmp_path, HEADLINE, (*STORY, CALLS))
    assert "Topics: Law & Courts" in report
    assert ("Not read: 1 sentence(s) calling on the reader, the site's words, not the "
            "story's (\"Follow DailyCourier on Twitter, Instagram" in report)


LANES = "Council approves new cycle lanes for the city centre"
LANES_OPENING = ("The city council voted on Tuesday to approve eight miles of protected cycle "
                 "lanes, the centrepiece of its transport policy.")
LANES_END = "Councillors said the lanes would be built by next spring."
LINK = "READ MORE: Striker's stoppage-time goal seals cup final win as fans invade pitch"
LISTED = ("Related articles:", "Striker's stoppage-time goal seals cup final win",
          "Premier League title race goes to the final day")


def lanes(*body: str) -> list[str]:
    return [t.slug for t in default_taxonomy().classify(LANES, "\n".join(body))]


def test_a_line_linking_to_another_story_is_not_read():
    assert lanes(LANES_OPENING, LINK, LANES_END) == ["government-policy"]
    assert lanes(LANES_OPENING, *LISTED, LANES_END) == ["government-policy"]


def test_without_the_rule_the_linked_stories_give_their_topic(monkeypatch):
    monkeypatch.setattr(topic_text, "has_links", lambda text: False)
    assert "sports" in lanes(LANES_OPENING, LINK, LANES_END)
    assert lanes(LANES_OPENING, *LISTED, LANES_END) == ["sports"]


def test_only_the_links_are_cut_and_the_storys_own_lines_stay():
    text = ("Related charges were filed on Monday.\nRelated: Coach sacked after cup exit\n"
            "See also:\nA headline listed\nAnother listed headline\nThe match resumes today.\n"
            "YOU MAY ALSO LIKE: Bank holds rates\nLast line.")
    assert read_body(text) == ("Related charges were filed on Monday.\n"
                               "The match resumes today.\nLast line.")
    # A bare label lists headlines, not sentences: a sentence under it is read.
    assert read_body("More from us:\nThe minister resigned on Friday.") == (
        "The minister resigned on Friday.")


def test_explain_says_which_links_were_not_read(tmp_path):
    report = explain_report(tmp_path, LANES, (LANES_OPENING, LINK, LANES_END))
    assert "Topics: Government & Policy" in report
    assert ("Not read: 1 line(s) linking to the site's other stories, whose subjects are not "
            "this one's (\"READ MORE: Striker's stoppage-time goal" in report)


DIESEL = "City bans diesel cars from its centre to cut air pollution"
DIESEL_STORY = (
    "The city will ban diesel cars from its centre from January, the mayor said on Monday, "
    "after air pollution broke legal limits for a third year.",
    "Clean air for our children starts today pic.twitter.com/Xk3dPq9Lm2",
    "Residents welcomed the plan. We have waited years for this pic.twitter.com/Hq7Yt2Wm1c",
    "Shop owners fear fewer customers pic.twitter.com/Pz8Rt5Vb3n",
    "Details of the low-emission zone are at www.city.gov.uk/clean-air, the council said.")


def diesel() -> list[str]:
    return [t.slug for t in default_taxonomy().classify(DIESEL, "\n".join(DIESEL_STORY))]


def test_the_addresses_of_embedded_posts_are_not_read():
    assert diesel() == ["climate"]


def test_without_the_rule_embedded_tweets_make_a_social_media_story(monkeypatch):
    monkeypatch.setattr(topic_text, "is_address", lambda token: False)
    assert diesel() == ["climate", "social-media"]


def test_only_addresses_are_cut_and_names_prices_and_dates_stay():
    text = ("See https://x.example/a?b=1, www.flag.govt.nz, ndtv.com/coronavirus and "
            "news@site.ie. Amazon.com rose; $0.23/W, 3.5/5, 24/7, 11/18/19, U.S./Mexico.")
    assert read_body(text).split() == [
        "See", ",", ",", "and", ".", "Amazon.com", "rose;", "$0.23/W,", "3.5/5,", "24/7,",
        "11/18/19,", "U.S./Mexico."]


def test_explain_says_which_addresses_were_not_read(tmp_path):
    report = explain_report(tmp_path, DIESEL, DIESEL_STORY)
    assert "Topics: Climate & Environment" in report
    assert ("Not read: 4 web or e-mail address(es), where the page links, not what the story "
            "says (\"pic.twitter.com/Xk3dPq9Lm2\")" in report)


PITCHES = ("Get the latest news sent straight to your phone by joining our WhatsApp community, "
           "and follow the debate on Facebook and Twitter.",
           "SIGN UP FOR OUR NEWSLETTER: the best of sport, from football and cricket to the "
           "Premier League, in your inbox.")


def test_the_sites_pitches_for_its_newsletter_or_app_are_not_read():
    for pitch in PITCHES:
        assert lanes(LANES_OPENING, pitch, LANES_END) == ["government-policy"]


def test_without_the_rule_the_pitches_beats_give_their_topics(monkeypatch):
    monkeypatch.setattr(topic_text, "_PITCH_HINTS", ())
    assert "social-media" in lanes(LANES_OPENING, PITCHES[0], LANES_END)
    assert lanes(LANES_OPENING, PITCHES[1], LANES_END) == ["sports"]


def test_a_story_line_opening_alike_is_read():
    text = "Sign up for vaccines opens on Monday.\nSubscribers rose by a third.\nLast line."
    assert read_body(text) == text


def test_explain_says_which_pitches_were_not_read(tmp_path):
    report = explain_report(tmp_path, LANES, (LANES_OPENING, PITCHES[1], LANES_END))
    assert "Topics: Government & Policy" in report
    assert ("Not read: 1 line(s) pitching the site's newsletter, alerts or app, its beats, not "
            "this story's (\"SIGN UP FOR OUR NEWSLETTER" in report)
