"""What a story names but is not about (issue 18, ninth round). Written items only.

Each rule beside the same words where they do make the topic:

* a site's name and sections after the headline are not read (``topic_text.site_tail``);
* an amount of money in the body is no second phrase: it does not make evidence near
  the line real (``topic_tally``);
* the best topic too is left out when it is named only in passing in a long story and
  no learned desk speaks for it (``topic_lift.passing``);
* a second topic found only further down whose desks the model finds very unlikely, and
  a topic whose phrases all sit in one later paragraph of a long story, are left out
  (``topic_asides``).
"""

from __future__ import annotations

import pytest

from news_digest.enrich.topic_asides import ASIDE_CHARS
from news_digest.enrich.topic_lift import PASSING_CHARS
from news_digest.enrich.topic_text import site_tail
from news_digest.enrich.topics import Taxonomy

from sitebuild import default_taxonomy, explain_report


def slugs(title: str, text: str, taxonomy: Taxonomy | None = None) -> list[str]:
    return [t.slug for t in (taxonomy or default_taxonomy()).classify(title, text)]


def report(tmp_path, title: str, text: str) -> str:
    return explain_report(tmp_path, title, text.split("\n"))


# -- a site's name after the headline ------------------------------------------------

CRASH = ("Two teenagers were taken to hospital after their car left the road and hit a tree "
         "on the coast road late on Saturday, police said. The driver, 15, died at the "
         "scene; the passenger, 14, is in a critical condition.")


@pytest.mark.parametrize(("title", "headline"), [
    ("Driver, 15, killed as car hits tree on coast road - WSVN 7News | Miami News, Weather, "
     "Sports | Fort Lauderdale", "Driver, 15, killed as car hits tree on coast road"),
    ("Washington Monument closes to repair a crack - TIME NewsFeed",
     "Washington Monument closes to repair a crack"),
    ("Star Wars Jedi: Fallen Order review - shoots for the moon, lands among the stars - "
     "VG247", "Star Wars Jedi: Fallen Order review - shoots for the moon, lands among the "
     "stars"),
    # A clause of the headline, a short first part, a score: all read.
    ("Hating Millennials - the prejudice you're allowed to boast about", None),
    ("Opinion | Is Football Violence a Crime?", None),
    ("Letters: Coddling criminals | Undermining road | Tax dollars", None),
    ("Arsenal 2–1 Chelsea: the league leaders hold on", None),
])
def test_a_short_tail_after_the_headline_names_the_site(title, headline):
    assert site_tail(title)[0] == (headline or title)


def test_a_sites_sections_after_the_headline_do_not_make_the_story_sport(tmp_path):
    title = "Driver, 15, killed as car hits tree on coast road"
    assert slugs(title + " - WSVN 7News | Miami News, Weather, Sports", CRASH) == ["general"]
    # The same word in the headline itself is read.
    assert "sports" in slugs("Sports coach, 45, killed as car hits tree on coast road", CRASH)
    text = report(tmp_path, title + " - WSVN 7News | Miami News, Weather, Sports", CRASH)
    assert (f'Headline read as "{title}": "- WSVN 7News | Miami News, Weather, Sports" after '
            "it names the site or its sections, not the story") in text


# -- money in the body -----------------------------------------------------------------

BUSINESS = {"slug": "business", "label": "Business", "phrases": {
    "fiscal": 2, "<money>": 1.5, "shares": 2}}
HEALTH = {"slug": "health", "label": "Health", "phrases": {"hospital": 2}}


def test_an_amount_in_the_body_is_no_second_phrase_near_the_line():
    tax = Taxonomy([BUSINESS, HEALTH], model=False)
    # 4.25 points: near the line, but on one phrase ("fiscal") and two prices.
    assert slugs("", "The fiscal gap: $5m this year and $6m the next.", tax) == ["general"]
    # A second phrase, or the amount in the headline, makes the evidence real.
    assert slugs("", "The fiscal gap: $5m this year; shares fell.", tax) == ["business"]
    assert slugs("A $5m gap", "The fiscal gap: $6m the next.", tax)[0] == "business"


# -- the best topic named only in passing ----------------------------------------------

LISTICLE_HEAD = "Ten ways to pay a compliment that people remember"
LISTICLE = [
    ("When I log into Facebook these days I expect the usual noise, but now and then a "
     "post stops me, and not because of a petty meme. A friend asked what the best "
     "compliment she ever had was, and the answers kept coming all week."),
    ("The first thing people remembered was being told they had been patient on a bad "
     "day. Nobody remembered being told they looked well; they remembered being told they "
     "had made a hard afternoon easier for someone else, and by whom, and where they were "
     "standing when they heard it, years later, in detail."),
    ("The second was being asked for advice. Being asked, one reader said, is the "
     "compliment that does not sound like one: it says your judgement is worth a "
     "question, and the person asking will come back and tell you how it turned out. "
     "Several people said a teacher had done this for them once and they never forgot."),
    ("The third was a thank-you that named the thing that was done, not the person who "
     "did it. Thank you for staying late on Thursday beats thank you for being great, "
     "because it shows someone noticed. The list went on like that for ten items, and "
     "every one of them was about noticing something small and saying so out loud."),
    ("What the answers left out is as telling. Hardly anyone remembered praise for a "
     "thing they were born with, and nobody remembered a compliment that came with a "
     "request attached. The ones that stayed were specific, unhurried and unexpected, "
     "and most came from someone who had no reason to say anything at all."),
    ("So the advice is simple, if not easy: say what you saw, say it soon, and say it "
     "to the person rather than about them. It costs nothing, takes a minute, and, on "
     "the evidence of a week of answers, may be remembered for thirty years or more."),
]


def test_the_best_topic_named_once_in_passing_in_a_long_story_is_not_given(tmp_path):
    text = "\n".join(LISTICLE)
    assert len(text) >= PASSING_CHARS
    assert slugs(LISTICLE_HEAD, text) == ["general"]
    assert ("social-media (Social Media & Messaging) - not kept: the best topic, but "
            "mentioned only in passing (2 of its phrases" in report(tmp_path, LISTICLE_HEAD,
                                                                      text))
    # In the headline, repeated, or in a short item, the same words are the story.
    assert slugs("Ten compliments people remember from Facebook", text) == ["social-media"]
    repeated = text + "\nThe thread is still open on Facebook, and the meme is everywhere."
    assert slugs(LISTICLE_HEAD, repeated) == ["social-media"]
    assert slugs(LISTICLE_HEAD, LISTICLE[0]) == ["social-media"]


# -- a strand the desks doubt, and an aside in one paragraph ---------------------------

RESULTS_HEAD = "Streaming company's revenue beats forecasts as subscribers grow"
RESULTS = [
    ("The company reported quarterly revenue of $4.2bn on Thursday, ahead of analysts' "
     "forecasts, and its shares rose 6 per cent in after-hours trading on Wall Street. "
     "The chief executive said subscribers grew by 3 million in the quarter."),
    ("Operating profit rose to $610m, helped by lower marketing costs and a price rise in "
     "its largest markets. The company expects revenue growth to slow next year as "
     "competition for subscribers grows and it spends more on programmes."),
    ("The service's library now includes live sports: NFL and NBA games, college "
     "basketball, and European football, with more sports rights to be bid for next "
     "year. The deals run for five seasons."),
    ("The company will report its full-year results in February. Analysts said the "
     "quarter showed the business can raise prices without losing customers, and that "
     "investors would now watch its debt and the cost of its new offices."),
]


def test_a_strand_further_down_that_the_desks_doubt_is_left_out(tmp_path):
    text = "\n".join(RESULTS)
    assert slugs(RESULTS_HEAD, text)[0] == "business"
    assert "sports" not in slugs(RESULTS_HEAD, text)
    assert ("sports (Sports) - not kept: a second topic found only further down (none of "
            "its phrases in the headline or the first 500 characters), and the story reads "
            "like sports (0.0" in report(tmp_path, RESULTS_HEAD, text))
    # In the opening, the same strand is the story's: it stays beside Business.
    opened = "\n".join([RESULTS[0] + " Live sports lifted sign-ups.", *RESULTS[1:]])
    assert slugs(RESULTS_HEAD, opened)[:2] == ["business", "sports"]


CLOSING_HEAD = "Old town bridge closes for a month to repair a crack in its arch"
CLOSING = [
    ("The old town bridge will close to traffic and walkers from Monday for a month, after "
     "engineers found a crack in its main arch during a routine inspection last week. "
     "Buses will be diverted over the ring road, and the ferry will run every half hour."),
    ("The crack is about two metres long and runs along the mortar between two courses of "
     "stone. Engineers said it posed no danger, but that the arch must be propped before "
     "the winter frosts, and the work needs scaffolding on both banks of the river."),
    ("Shops on the far bank said they expected fewer customers in the weeks of the works, "
     "and the town will put up signs at both ends of the old town pointing walkers to the "
     "footbridge a few hundred metres upstream, which stays open."),
    ("Among those crossing on its last open evening was a Little League pitcher, 12, who "
     "walks over the bridge to practice: her baseball team reached the league's regional "
     "final, and she hopes to pitch in a World Series one day. Sports, she said, can wait "
     "for a month."),
    ("The council said the repair would cost less than first feared, because the stone "
     "can be matched from the quarry that built the bridge two centuries ago. A temporary "
     "footpath under the arch will stay open for the rowing club's boats, and the towpath "
     "on the north bank will close only on the two days the scaffolding goes up."),
    ("Residents can see the plans at the town hall and at the library until the end of "
     "the month, and a drop-in session with the engineers will be held on Wednesday "
     "evening. The bridge is expected to reopen in time for the Christmas market."),
]


def test_a_topic_whose_phrases_all_sit_in_one_later_paragraph_is_an_aside(tmp_path):
    text = "\n".join(CLOSING)
    assert len(text) >= ASIDE_CHARS
    sports = next(t for t in default_taxonomy().score(CLOSING_HEAD, text) if t.slug == "sports")
    assert sports.score >= 10  # a strand the opening guard would let through
    assert slugs(CLOSING_HEAD, text) == ["general"]
    assert ("sports (Sports) - not kept: an aside: all its phrases of weight >= 1.5 sit in one "
            "paragraph (paragraph 4)" in report(tmp_path, CLOSING_HEAD, text))
    # Over two paragraphs, or in a story without paragraph breaks, it is a strand.
    split = "\n".join([*CLOSING[:2], CLOSING[2] + " The baseball season ends next week.",
                       CLOSING[3]])
    assert slugs(CLOSING_HEAD, split) == ["sports"]
    assert slugs(CLOSING_HEAD, " ".join(CLOSING)) == ["sports"]
