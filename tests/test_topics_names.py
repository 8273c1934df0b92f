"""A second topic the story only names: a platform or a product as the scene of another
story (issue 18, topics16; ``enrich/topic_names.py``). Written items only, each beside the
same names where they do make the topic."""

from __future__ import annotations

from news_digest.enrich.topic_names import written_as_name

from sitebuild import default_taxonomy, explain_report

HEADLINE = "Android ransomware spreads through game links on Reddit"
RANSOMWARE = (
    "A new strain of Android ransomware is spreading through links to a game, security "
    "researchers said on Tuesday.\n"
    "The malware encrypts the files on a victim's phone and demands a ransom in bitcoin. "
    "The links were posted in threads on Reddit and sent by text message, and the "
    "attackers used the victims' contact lists to send the malware further.\n"
    "The researchers said the ransomware's code is poorly written and the encryption can "
    "be undone. A moderator on Reddit removed the links once told of them.")


def slugs(title: str, text: str) -> list[str]:
    return [t.slug for t in default_taxonomy().classify(title, text)]


def test_a_platform_named_as_the_scene_of_a_ransomware_story_is_not_its_topic():
    assert slugs(HEADLINE, RANSOMWARE)[0] == "cybersecurity"
    assert "social-media" not in slugs(HEADLINE, RANSOMWARE)


def test_the_platforms_activity_in_lower_case_keeps_it():
    text = RANSOMWARE + "\nThe social media site said its users should not open such links."
    assert "social-media" in slugs(HEADLINE, text)


def test_a_platform_the_story_comes_back_to_keeps_it():
    text = RANSOMWARE + ("\nReddit said it had closed the threads. Users of Reddit were "
                         "warned in a post.")
    assert "social-media" in slugs(HEADLINE, text)


def test_a_name_the_headline_is_about_keeps_it():
    # No better topic in the headline: the platform is what the story is about.
    title = "Reddit removes links to a game after a warning"
    assert "social-media" in slugs(title, RANSOMWARE)


def test_a_page_that_posts_its_rules_on_a_platform_is_no_story_of_it():
    from test_topics_passing import long_story  # noqa: PLC0415

    headline = "Hospital tightens visiting rules on Facebook as flu cases rise"
    assert slugs(headline, long_story()) == ["health"]


def test_a_name_is_written_with_a_capital_in_a_sentence():
    assert written_as_name("reddit", "Links on Reddit. Reddit said so.") is True
    assert written_as_name("reddit", "Reddit said so.") is None  # a sentence's first word
    assert written_as_name("social media", "Posts on social media and Social Media") is False
    assert written_as_name("ipad", "on his parliamentary iPad while away") is True


def test_explain_says_the_topic_rests_only_on_names(tmp_path):
    report = explain_report(tmp_path, HEADLINE, RANSOMWARE.split("\n"))
    line = next(line for line in report.splitlines() if " social-media (" in line)
    assert ("not kept: beside Cybersecurity, given, which the headline names too, it rests "
            "only on names") in line and '("reddit")' in line, report


# -- a name given only as an example -----------------------------------------------------

ESSAY_TITLE = "The regulator's chairman steps down as net neutrality rules face repeal"
ESSAY = (
    "The chairman of the communications regulator will step down next month, the agency "
    "said on Thursday, leaving the net neutrality rules he wrote to a new majority that has "
    "promised to repeal them.\n"
    "The rules bar broadband providers from charging websites like Netflix and Twitter a "
    "fee to reach their customers. Supporters say that without them only sites that are "
    "already profitable, like Facebook, could pay for a fast lane.\n"
    "The commission's vote on the repeal is expected in the spring, and lawmakers of both "
    "parties have asked the regulator to hold hearings first.")


def test_platforms_given_only_as_examples_are_not_the_storys_topic():
    assert "social-media" not in slugs(ESSAY_TITLE, ESSAY)


def test_a_platform_named_otherwise_keeps_it():
    text = ESSAY + "\nTwitter said the repeal would hurt small sites, and Facebook agreed."
    assert "social-media" in slugs(ESSAY_TITLE, text)


def test_an_example_cue_reads_a_short_list():
    from news_digest.enrich.topic_names import only_as_examples  # noqa: PLC0415

    assert only_as_examples("twitter", "websites like Netflix and Twitter pay")
    assert only_as_examples("facebook", "platforms such as Facebook.")
    assert not only_as_examples("facebook", "Facebook said so, unlike Google.")
    assert not only_as_examples("facebook", "no such word")


def test_explain_says_the_names_are_examples(tmp_path):
    report = explain_report(tmp_path, ESSAY_TITLE, ESSAY.split("\n"))
    line = next(line for line in report.splitlines() if " social-media (" in line)
    assert "it rests only on names the story gives as examples of something else" in line, \
        report
