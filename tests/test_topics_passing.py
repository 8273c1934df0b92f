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

from sitebuild import default_taxonomy, explain_report

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


def slugs(title: str, text: str) -> list[str]:
    return [t.slug for t in default_taxonomy().classify(title, text)]


def long_story(late: str = LATE) -> str:
    text = "\n".join([OPENING, MIDDLE, late, ENDING])
    assert len(text) >= PASSING_CHARS
    return text


def test_a_topic_named_in_passing_in_a_long_story_is_not_given():
    assert slugs(HEADLINE, long_story()) == ["health"]


def test_the_same_words_repeated_in_the_headline_or_in_a_short_item_keep_it():
    repeated = LATE + " The board answers questions on Facebook and Twitter every evening."
    assert slugs(HEADLINE, long_story(repeated)) == ["health", "social-media"]
    headline = "Hospital tightens visiting rules on Facebook as flu cases rise"
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


# A column about the paper's readers names politics in passing: the White House in its
# opening, the Senate, a bill and the federal government once each further down. The
# learned desks do not read it as politics (fourteenth round, ``best_in_passing``).
COLUMN = "What a year of letters taught our newsroom about trust"
COLUMN_BODY = (
    "Every Monday the letters arrive in a grey crate, and every Monday two of us read them "
    "aloud before the morning meeting. This year there were more of them than in any year "
    "since the paper moved to its building by the river, and most of them were about us, "
    "not about the White House: what we get wrong, what we leave out, and why readers "
    "stopped believing what we print.",
    "The most common complaint was not bias but distance. Readers told us they could tell "
    "when a reporter had never visited the street in a story, never sat in the kitchen of "
    "the family quoted, never waited at the bus stop that was the subject of a week of "
    "coverage. They noticed when a quote came from a press release and when it came from a "
    "person.",
    "Some letters were angry about stories from far away, about the Senate or about a bill "
    "in a distant capital, and asked why a local paper spent its pages on them. Others "
    "asked us to explain the federal government's role in the price of their heating, and "
    "a few wanted to know who pays for the paper at all.",
    "We answered as many as we could. The answers taught us more than the letters did: when "
    "we explained how a story was reported, who we called and who did not call back, "
    "readers wrote again, and the second letter was almost always kinder than the first. "
    "People forgive mistakes they can see being made in good faith.",
    "So next year we will print a short note under every long story saying how it was "
    "reported, and we will keep reading the letters aloud on Mondays. The crate is already "
    "filling up, and the first letter of the new year asks, politely, why this note is so "
    "long.",
)


def test_a_best_topic_named_only_in_passing_needs_its_desks_word():
    text = "\n".join(COLUMN_BODY)
    assert len(text) >= PASSING_CHARS
    assert [t.slug for t in default_taxonomy().score(COLUMN, text)][:1] == ["government-policy"]
    assert slugs(COLUMN, text) == ["general"]
    # One of its phrases in the headline makes politics the column's subject.
    assert slugs(COLUMN.replace("trust", "the White House"), text) == ["government-policy"]


def test_the_desks_reading_a_story_as_the_best_topics_keep_it():
    lift = default_taxonomy().lift
    number = next(n for n, slugs in lift.desk_of.items() if slugs == ("politics", "international"))
    assert lift.best_in_passing(number, 4, 4, 4000, lambda: {"politics": 0.1}) is True
    assert lift.best_in_passing(number, 4, 4, 4000, lambda: {"politics": 0.3,
                                                           "international": 0.1}) is False
    assert lift.best_in_passing(number, 5, 4, 4000, lambda: {"politics": 0.1}) is False
    assert lift.best_in_passing(number, 4, 4, PASSING_CHARS - 1, lambda: {}) is False


def test_explain_says_the_best_topic_was_named_only_in_passing(tmp_path):
    report = explain_report(tmp_path, COLUMN, COLUMN_BODY)
    assert "Topics: General" in report
    assert ("government-policy (Government & Policy) - not kept: the best topic, but "
            "mentioned only in passing (4 of its phrases, each once in the body, none in the "
            "headline, in a story of 1500 characters or more), and the story reads like "
            "politics + international (0." in report)
    assert "or the story read as its desk, would give it" in report
