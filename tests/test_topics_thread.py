"""A thread of the story beside a best topic far ahead of it (issue 18, topics-desks2).

A topic must score a quarter of the best topic (``topics.MIN_SHARE``) or three times the
threshold to stand beside it: a story that develops one subject names others in passing.
A topic the story keeps coming back to is no mention: at the threshold, with one of its
phrases of weight 1.5 or more found three times or more in the body
(``topic_guards.THREAD_TIMES``, ``Guards.threaded``), it is kept however far behind. On the
BBC desk set's tuning half it gives a politics story its desk's topic (asylum seekers'
cost of living, the Home Office named through the story) and no labelled story changed.
Written items only.
"""

from __future__ import annotations

from news_digest.enrich import topic_guards

from sitebuild import default_taxonomy, explain_report

HEADLINE = "Rising prices leave families in hostels short of food, charity says"
OPENING = ("Inflation has pushed up the price of food and energy bills for families the Home "
           "Office houses in hostels, a charity says, and the weekly allowance they receive "
           "has not kept pace with rising prices.")
MARKETS = (
    "The charity said the cost of living crisis had hit those on the lowest incomes hardest, "
    "with supermarket prices for basics such as bread and milk up by a fifth in a year. "
    "Economists expect inflation to stay high into next year, and the Bank of England has "
    "raised interest rates again. Retailers say wholesale costs are still climbing, and "
    "energy suppliers have warned of higher tariffs.",
    "Supermarkets reported record sales but thinner profit margins, and shares in the big "
    "grocers fell on the stock market as shoppers switched to discount chains. Volunteers at "
    "the charity said demand had doubled since the spring. One mother said she skipped meals "
    "so her children could eat, as shop prices and inflation kept rising.",
    "Food makers have raised wholesale prices again, and investors expect company earnings to "
    "fall as consumer spending slows and unemployment rises. Some economists warn that the "
    "economy may already be in recession.")
HOUSED = ("The families are housed by contractors working for the Home Office while their "
          "claims are decided. The Home Office said the allowance was reviewed every year.")
HOUSED_ONCE = ("The families are housed by contractors while their claims are decided. "
               "Officials said the allowance was reviewed every year.")
SPOKESPERSON = ("A spokesperson for the Home Office said ministers were committed to meeting "
                "its legal duties.")
THREAD = (OPENING, MARKETS[0], HOUSED, *MARKETS[1:], SPOKESPERSON)
MENTION = (OPENING, MARKETS[0], HOUSED_ONCE, *MARKETS[1:], SPOKESPERSON)


def scores(body) -> dict[str, float]:
    return {t.slug: t.score for t in default_taxonomy().classify(HEADLINE, "\n\n".join(body))}


def everything(body) -> dict[str, float]:
    return {t.slug: t.score for t in default_taxonomy().score(HEADLINE, "\n\n".join(body))}


def test_a_thread_of_the_story_stands_beside_a_best_topic_far_ahead():
    found = scores(THREAD)
    assert list(found) == ["business", "government-policy"]
    # At the threshold, under a quarter of the best and under three times the threshold.
    assert 5.0 <= found["government-policy"] < 0.25 * found["business"]
    assert found["government-policy"] < 15.0


def test_without_the_rule_the_quarter_of_the_best_leaves_it_out(monkeypatch):
    monkeypatch.setattr(topic_guards, "THREAD_TIMES", 99)
    assert list(scores(THREAD)) == ["business"]


def test_a_phrase_named_twice_is_a_mention_not_a_thread():
    assert list(scores(MENTION)) == ["business"]
    scored = everything(MENTION)
    assert 5.0 <= scored["government-policy"] < 0.25 * scored["business"]


def test_a_light_phrase_repeated_is_no_thread():
    """"government" (weight 1) four times is not a subject the story develops."""
    light = [paragraph.replace("Home Office", "government") for paragraph in THREAD]
    scored = everything(light)
    assert 5.0 <= scored["government-policy"] < 0.25 * scored["business"]
    assert list(scores(light)) == ["business"]


def test_explain_names_the_thread_and_what_would_make_one(tmp_path):
    report = explain_report(tmp_path, HEADLINE, THREAD)
    assert ("government-policy (Government & Policy) - kept: " in report
            and 'but "home office" is found 4 times in the body: a thread of the story, not '
            "a mention" in report)
    report = explain_report(tmp_path, HEADLINE, MENTION)
    assert "is under 25% of the best topic's" in report
    assert ("one of its phrases of weight >= 1.5 found 3 times in the body, a thread of the "
            "story, would keep it") in report
