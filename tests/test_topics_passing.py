"""A second topic mentioned only in passing in a long story (issue 18, eighth round).

A long story (``PASSING_CHARS`` or more) that names a topic's phrases once each in its
body, none in the headline, has not made that topic a strand of it: a county's live page
about a hospital's rules that says where it posts its news ("on Facebook, Twitter and
Instagram") is not a social-media story. Such a second topic counts as resting on one
phrase (``topic_lift.py``): a topic no learned desk speaks for is left out. The same
words in the headline, repeated, or in a short item keep it. Written items only.
"""

from __future__ import annotations

from news_digest.enrich.topic_lift import PASSING_CHARS, passing

from sitebuild import explain_report
from sitebuild import topic_slugs as slugs

HEADLINE = "Hospital tightens visiting rules as flu cases rise"
OPENING = ("The county hospital will allow one visitor per patient from Monday, its chief "
           "executive said, as flu cases and hospital admissions rise for a third week. "
           "The health board posted the new rules on Facebook and on its own pages, and "
           "asked families to phone the wards before they travel.")
MIDDLE = ("Staff at the main entrance will check names against a list from Monday "
          "morning, and the car park will close its upper level to make room for the "
          "shuttle buses from the town centre, which run every twenty minutes. "
          "A spokeswoman said the changes were made after a busy weekend at the front "
          "desk, when queues reached the street and some families waited for an hour. "
          "The cafe on the ground floor will shut at six, and the shop will sell only "
          "newspapers and drinks until the end of the month. Parking charges stay as they "
          "are, and blue badge holders keep the spaces nearest the doors, the spokeswoman "
          "said, while the bus stop outside the main gate moves twenty metres up the road "
          "for the length of the works on the pavement. ")
LATE = ("Updates on waiting times are shared on Twitter every morning, and the board's "
        "Instagram account shows the wards that are closed to visitors.")
ENDING = ("The rules will be looked at again at the end of the month, and the board said "
          "it would tell families a week before any change. Volunteers at the entrance "
          "will help anyone who needs a wheelchair or directions to the lifts, and the "
          "chaplaincy and the multi-faith room stay open to everyone as before. The "
          "reception desk will keep a book for messages to patients, and flowers are "
          "still not allowed on the wards. ")



def long_story(late: str = LATE) -> str:
    text = "\n".join([OPENING, MIDDLE, late, ENDING])
    assert len(text) >= PASSING_CHARS
    return text


def test_a_topic_named_in_passing_in_a_long_story_is_not_given():
    assert slugs(HEADLINE, long_story()) == ["health"]


def test_the_same_words_repeated_in_the_headline_or_in_a_short_item_keep_it():
    repeated = LATE + " The board answers questions on Facebook and Twitter every evening."
    assert slugs(HEADLINE, long_story(repeated)) == ["health", "social-media"]
    # In the headline as the platform's activity; "on Facebook" there, beside Health in the
    # headline too, is only its scene (test_topics_names.py).
    headline = "Hospital tightens visiting rules on social media as flu cases rise"
    assert slugs(headline, long_story()) == ["health", "social-media"]
    short = "\n".join([OPENING, LATE])
    assert len(short) < PASSING_CHARS
    assert slugs(HEADLINE, short) == ["health", "social-media"]


def test_a_topic_a_desk_speaks_for_is_left_to_the_model():
    # Passing mentions of a topic the learned desks speak for stay the model's call.
    assert passing(3, 3, True, 4000) is False
    assert passing(3, 3, False, 4000) is True
    assert passing(4, 3, False, 4000) is False  # one phrase repeated or in the headline
    assert passing(3, 3, False, PASSING_CHARS - 1) is False
    assert passing(0, 0, False, 4000) is False  # example words alone: not this rule


def test_explain_says_the_topic_was_mentioned_only_in_passing(tmp_path):
    report = explain_report(tmp_path, HEADLINE, long_story().split("\n"))
    assert "Topics: Health" in report
    assert ("social-media (Social Media & Messaging) - not kept: a second topic mentioned "
            "only in passing (3 of its phrases, each once in the body, none in the headline"
            in report)
    assert "one of its phrases in the headline, or repeated, would keep it" in report
