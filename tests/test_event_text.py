"""The terms that stand for a story's event (event_text.py): pure functions, no site."""

from __future__ import annotations

import pytest

from news_digest.enrich.event_text import (
    event_terms,
    leading_name_words,
    normalise_word,
    number_terms,
    strip_dateline,
    word_weight,
)


def terms_of(text: str) -> set[str]:
    return {term for term, _ in number_terms(text)}


@pytest.mark.parametrize("one, other", [
    ("fined 46.2 million euros", "a €46.2m fine"),
    ("46,200,000 euros", "46.2 million euros"),
    ("64 lakh customers", "6.4 million customers"),
    ("rates cut to 3.75%", "rates cut to 3.75 per cent"),
    ("rates cut to 3.75pc", "rates cut to 3.75 percent"),
    ("$1.1 billion", "$1.1bn"),
])
def test_one_number_written_two_ways_is_one_term(one, other):
    exact = {t for t in terms_of(one) if t.startswith("#")}
    assert exact and exact == {t for t in terms_of(other) if t.startswith("#")}


def test_rounded_numbers_meet_at_two_or_one_significant_digits():
    assert "≈46m" in terms_of("46.2 million") & terms_of("about €46m")
    assert "~6m" in terms_of("6.4 million") & terms_of("nearly 6.5 million")
    assert not {t for t in terms_of("6.4 million") if t.startswith("#")} & terms_of("6.5m")


def test_small_counts_years_and_scores():
    assert terms_of("three people, 10 cars and 4 dogs") == set()
    assert terms_of("in 2025") == {"#y2025"}
    assert {"#3-1"} <= terms_of("won 3-1 at Anfield")
    assert "#2000" in terms_of("a 2,000 m climb")  # metres, not millions


def test_words_are_normalised_across_spellings_accents_and_plurals():
    assert normalise_word("travelled") == normalise_word("traveled")
    assert normalise_word("organised") == normalise_word("organized")
    assert normalise_word("defence") == normalise_word("defense")
    assert normalise_word("charité") == normalise_word("charite")
    assert normalise_word("osnabrück") == normalise_word("osnabrueck")
    assert normalise_word("floods") == normalise_word("flood")
    assert normalise_word("launches") == normalise_word("launch")
    assert normalise_word("queue") == "queue"
    # A verb's forms are one term, and the double-l rule never makes "filled" "filed".
    assert normalise_word("filled") == normalise_word("fills") == "fill"
    assert normalise_word("filled") != normalise_word("filed")


def test_rare_words_weigh_more_than_common_ones():
    assert word_weight("the") == word_weight("said") == 0
    assert word_weight("court") < word_weight("ruling") < word_weight("ransomware")
    assert word_weight("verstappen") == max(word_weight(w) for w in ("court", "verstappen"))


def test_a_wire_agency_tag_in_the_dateline_is_not_a_term():
    assert "GWS" not in strip_dateline("LONDON, Nov 6 (GWS) - The Bank of England cut")
    assert strip_dateline("NEW YORK (AP) — Stocks fell").startswith("NEW YORK")
    assert strip_dateline("The (small) print") == "The (small) print"


def test_given_names_are_leading_words_and_surnames_are_not():
    text = ["Prime Minister Mark Carney named Mélanie Joly-Tremblay on Wednesday.",
            "Joly-Tremblay said she was honoured. Carney said little."]
    counts = {"mark": 1, "mélanie": 1, "joly": 2, "tremblay": 2, "carney": 2}
    given = leading_name_words(text, counts)
    assert {"mark", "mélanie"} <= given
    assert not {"tremblay", "carney"} & given


def test_terms_are_unit_length_and_the_headline_and_lead_count_most():
    story = event_terms(
        "Salmonella outbreak tied to cucumbers",
        ["A salmonella outbreak linked to cucumbers has sickened 68 people.",
         "Officials said stores in Ohio were affected.",
         "In other news, a volcano erupted in Iceland."])
    assert abs(sum(w * w for w in story.weights.values()) - 1) < 1e-9
    assert story.strongest(2)[0] in {"salmonella", "cucumber"}
    assert story.weights["salmonella"] > story.weights["volcano"]  # same rarity, later place


def test_a_story_without_telling_words_has_no_terms():
    empty = event_terms("It is", ["It was and it is."])
    assert empty.weights == {} and empty.norm == 0


def test_only_the_start_of_a_long_story_is_read():
    body = ["Zebrafish study finds a gene for fin repair."] + \
        ["Researchers said the work took years."] * 200 + ["Quokkas were not involved."]
    assert "quokka" not in event_terms("Fin repair gene found", body).weights
