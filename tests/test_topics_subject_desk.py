"""A topic the learned desks doubt, beside a subject outside the digest at the line (topics22).

On BBC News of 2022, entertainment stories read as another desk's: a singer who cancels a
tour after catching Covid (Health 24.5 against Arts & Entertainment 9, the desks reading
arts and culture at 0.82 and health at 0.02), a rapper's interview pulled whose health
words are all further down while Arts & Entertainment has the headline. Beside a subject
outside the digest at the threshold, a topic the desks find very unlikely (under
``DOUBT_PROBABILITY``) gives way when the desks read the story as the subject's own desk
(``SUBJECT_DESKS``), or when the subject has a phrase in the headline or the opening and
the topic none (``topic_guards.Guards.doubted``). Beside each, a story of the same words
that is the topic's news keeps it, and without the desks nothing changes.
"""

from __future__ import annotations

from news_digest.curator.site_settings import digest_settings
from news_digest.enrich.topics import Taxonomy

from sitebuild import ROOT, default_taxonomy, explain_report

TOUR = ("Singer cancels tour after catching Covid",
        "The singer has cancelled the rest of his North American tour after testing positive "
        "for Covid, his band said on Monday. Fans who bought tickets for the dates in Chicago, "
        "Toronto and Boston will get refunds. The star, 82, said he was resting at home with "
        "mild symptoms and hoped to play again in the spring. He had caught Covid-19 once "
        "before, early in the pandemic, and has had three doses of the vaccine, his spokesman "
        "said.")
FESTIVAL = ("Covid cases rise after music festival, health officials say",
            "Health officials say Covid-19 cases have risen sharply in the town since a music "
            "festival last month, and urged people to get a booster vaccine. The hospital has 40 "
            "patients with the virus, double the number a fortnight ago. The festival's "
            "organisers said they had followed the public health guidance. The band that "
            "headlined the concert said its singer had also tested positive.")
INTERVIEW = ("Chat show pulls rapper's interview over fresh remarks",
             "A chat show has pulled an interview with the rapper after he made more offensive "
             "remarks during the recording, the network said. The episode, filmed last week, "
             "was due to air on Friday, and a spokeswoman said it would not be shown.\n"
             "The network said the decision followed complaints from staff who were present. "
             "The rapper has lost a string of deals in recent weeks, and his publicist did not "
             "respond to requests for comment. Several guests booked for the same evening have "
             "since pulled out, and the host is expected to address the decision at the start "
             "of Monday's programme. Protesters gathered outside the studio on Sunday, and the "
             "network's owner said it was reviewing how guests are chosen for the programme in "
             "future.\n"
             "In the interview he spoke at length about his mental health, saying he had been "
             "diagnosed with bipolar disorder and had stopped his treatment, and repeated false "
             "claims about the Covid-19 vaccine. Mental health charities said the comments were "
             "harmful, and a medical expert said the vaccine was safe and had saved many lives, "
             "and urged fans to talk to their doctor.")


def topics(title: str, text: str, taxonomy: Taxonomy | None = None) -> list[str]:
    return [t.slug for t in (taxonomy or default_taxonomy()).classify(title, text)]


def without_desks() -> Taxonomy:
    digest = digest_settings(str(ROOT / "pelicanconf.py"))
    return Taxonomy(digest.topics, max_topics=digest.max_topics, fallback=digest.fallback_topic,
                    threshold=digest.topic_threshold,
                    headline_weight=digest.topic_headline_weight, model=False)


def test_a_topic_the_desks_doubt_gives_way_when_the_story_reads_as_the_subjects_desk():
    # Health scores 25 against Arts & Entertainment's 12, but the desks read arts and
    # culture (0.89) and find health very unlikely (0.02): the star's tour is the news.
    assert topics(*TOUR) == ["general"]
    # A health story with the same festival words: the desks read it as health.
    assert topics(*FESTIVAL) == ["health"]
    # Without the desks the phrases decide alone, as before.
    assert topics(*TOUR, without_desks()) == ["health"]


def test_a_topic_the_desks_doubt_gives_way_to_a_subject_alone_in_the_lead():
    # Arts & Entertainment has the headline ("rapper"); Health (18 against 15) is found only
    # in the third paragraph, and the desks doubt it: the pulled interview is the news.
    assert topics(*INTERVIEW) == ["general"]
    # With a phrase of Health in the headline, the remarks on the vaccine are the news.
    assert topics("Chat show pulls rapper's interview over vaccine remarks",
                  INTERVIEW[1]) == ["health"]
    assert topics(*INTERVIEW, without_desks()) == ["health"]


def test_explain_says_the_desks_doubted_a_topic_beside_a_subject_at_the_line(tmp_path):
    report = explain_report(tmp_path, TOUR[0], (TOUR[1],))
    assert "Topics: General" in report
    assert ("health (Health) - not kept: the story reads as Arts & Entertainment (12), a "
            "subject this digest does not cover, and the learned desks find Health very "
            "unlikely (health-environment 0.02, under 0.05), and read it as Arts & "
            "Entertainment's own desk (culture 0.89, at least 0.4)") in report
    title, *paragraphs = (INTERVIEW[0], *INTERVIEW[1].split("\n"))
    report = explain_report(tmp_path, title, paragraphs)
    assert "Topics: General" in report
    assert ("and Arts & Entertainment has the headline or the opening (the first 500 "
            "characters) while it has none of its phrases there; a phrase of it in the "
            "headline or the lead would give it") in report
