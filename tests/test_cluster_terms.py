"""How a story's words become clustering terms (word_forms.py, event_text.py) and when
time apart lowers a pair's score (cluster_score.py): pure functions, no site."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from news_digest.enrich import clusters as C
from news_digest.enrich.cluster_score import pair_time_factor
from news_digest.enrich.event_text import _frequencies, event_terms, normalise_word
from news_digest.enrich.event_words import institution_initials, short_names
from news_digest.enrich.word_forms import base_form

T0 = datetime(2025, 3, 11, 9, 0, tzinfo=UTC)  # a Tuesday


@pytest.mark.parametrize("word, base", [
    ("raising", "raise"), ("raised", "raise"), ("raises", "raise"), ("blaming", "blame"),
    ("cuts", "cut"), ("hiked", "hike"), ("slashed", "slash"), ("stopped", "stop"),
    ("carried", "carry"), ("jumping", "jump"), ("rescued", "rescue"),
])
def test_a_verbs_forms_are_one_term(word, base):
    assert normalise_word(word) == base


@pytest.mark.parametrize("word", ["hundred", "during", "bus", "boss", "kessling"])
def test_words_whose_stem_is_no_english_word_are_left_alone(word):
    assert base_form(word, _frequencies()) == word


def test_two_tenses_of_one_report_share_the_verb():
    a = event_terms("Nintendo raises Switch prices in the US", ("Nintendo is raising prices.",))
    b = event_terms("Nintendo raised US Switch prices", ("Prices were raised on Friday.",))
    assert "raise" in a.terms & b.terms


def test_a_word_of_another_script_is_a_term_of_its_own_not_an_empty_one():
    assert normalise_word("삼성") == "삼성" and normalise_word("Αθήνα".lower()) == "αθήνα"
    korean = event_terms("삼성 실적: Samsung profit", ("Samsung said profit rose.",))
    greek = event_terms("Φωτιά στην Αττική", ("Wildfire near Athens.",))
    assert "" not in korean.terms and "" not in greek.terms
    assert not (korean.terms - {"samsung", "profit", "rose"}) & greek.terms


def _dated(hours: float, lead: str) -> C.Profile:
    return C.profile(C.StoryInput("a" * 16, T0 + timedelta(hours=hours), "A fire", (lead,)))


def test_no_decay_when_both_leads_name_the_same_day():
    # Published Tuesday and Friday, both telling of Tuesday's fire: one day, not three.
    first = _dated(0, "A wildfire broke out near Athens on Tuesday.")
    later = _dated(72, "The wildfire that broke out near Athens on Tuesday burned 10,000 hectares.")
    assert pair_time_factor(first, later) == 1
    # The same versions, the later one naming no day: decayed for the three days.
    unnamed = _dated(72, "The wildfire near Athens burned 10,000 hectares.")
    assert pair_time_factor(first, unnamed) == pytest.approx(C.time_factor(72 * 3600))
    assert C.time_factor(72 * 3600) < 1
    # Leads naming different days are decayed (and lowered for the days too).
    other = _dated(72, "A second wildfire broke out on Thursday.")
    assert pair_time_factor(first, other) < 1


def test_explain_says_when_the_days_apart_did_not_lower_a_pair():
    from news_digest.enrich.cluster_why import explain_pair  # noqa: PLC0415

    first = C.StoryInput("a" * 16, T0, "Wildfire near Athens forces thousands to flee",
                         ("A wildfire broke out near Athens on Tuesday, forcing thousands "
                          "to flee the suburbs of Marathon and Varnavas.",))
    later = C.StoryInput("b" * 16, T0 + timedelta(hours=70), "After the Varnavas fire",
                         ("The wildfire that broke out near Athens on Tuesday burned 10,000 "
                          "hectares around Varnavas and Marathon, forcing thousands to flee.",))
    why = explain_pair(C.cluster([first, later]), "a" * 16, "b" * 16)
    assert "both leads name the same day" in why.reason
    assert not any(what == "days apart" for what, _ in why.factors)



def test_explain_says_when_a_day_said_in_local_time_made_two_leads_one_day():
    from news_digest.enrich.cluster_why import explain_pair  # noqa: PLC0415

    seattle = timezone(timedelta(hours=-8))
    tokyo = timezone(timedelta(hours=9))
    wire = C.StoryInput("a" * 16, datetime(2025, 11, 4, 21, 50, tzinfo=seattle),
                        "Boeing machinists vote to end strike",
                        ("Boeing machinists in Seattle voted Monday to accept a contract and "
                         "end their seven-week strike at the Everett and Renton plants.",))
    japan = C.StoryInput("b" * 16, datetime(2025, 11, 5, 17, 30, tzinfo=tokyo),
                         "Boeing machinists end strike; Japanese suppliers ready",
                         ("Japanese suppliers welcomed the end of the Boeing strike on "
                          "Wednesday, ready to ship parts to Everett and Renton again.",
                          "Machinists in Seattle voted Monday local time to accept a contract "
                          "and end their seven-week strike."))
    why = explain_pair(C.cluster([wire, japan]), "a" * 16, "b" * 16)
    assert "one says it in local time" in why.reason
    assert not any("days" in what for what, _ in why.factors)


def test_a_headline_count_is_no_name_but_an_amount_or_a_result_is():
    body = ("A landslide in Idukki killed 23 people, the Kerala government said; "
            "the bank cut by 50 basis points; Arsenal won 3-1; the fine was $6.2 billion.")
    assert event_terms("Landslide kills 23 in Idukki", (body,)).names == {"idukki"}
    assert event_terms("Fine of $6.2 billion", (body,)).names == {"≈6.2bn"}
    assert event_terms("Arsenal win 3-1", (body,)).names == {"#3-1"}
    assert "≈50" in event_terms("A 50-point cut", (body,)).names


def test_a_headline_amount_rounded_otherwise_is_mentioned_but_a_rate_is_not():
    from news_digest.enrich.cluster_score import lacks  # noqa: PLC0415

    shares = event_terms("Bentley shares soar 29% on Schneider buyout",
                         ("Bentley shares jumped 29% after Schneider agreed to buy it.",))
    premium = event_terms("Schneider to buy Bentley",
                          ("Schneider will pay a 31% premium for Bentley Systems.",))
    assert "≈29%" in shares.names and not lacks(premium, "≈29%")
    norway = event_terms("Norway holds rates at 4%", ("Norges Bank held its rate at 4%.",))
    england = event_terms("Bank of England cuts", ("The Bank of England cut to 3.75%.",))
    assert "≈4%" in norway.names and lacks(england, "≈4%")



def test_a_headline_change_told_by_the_figures_before_and_after_is_mentioned():
    from news_digest.enrich.cluster_score import lacks  # noqa: PLC0415

    rise = event_terms("Nintendo puts up US prices of Switch consoles by as much as 14%",
                       ("Nintendo raised the price of the Switch OLED to $399.99 in the US.",))
    prices = event_terms("Nintendo raises US Switch prices",
                         ("The Switch OLED will cost $399.99, up from $349.99.",))
    assert "≈14%" in rise.names
    assert not lacks(prices, "≈14%", rise)  # 349.99 to 399.99 is 14.3%
    assert lacks(prices, "≈14%")  # without the headline's story: not looked for
    # A change between two figures the headline's story never writes is no mention:
    # a match report's crowd and capacity are not a firm's 29% rise.
    shares = event_terms("Bentley shares soar 29% on Schneider buyout",
                         ("Bentley shares jumped 29% after Schneider agreed to buy it.",))
    match = event_terms("Liverpool 3, Atalanta 1", ("A crowd of 46,155 at a ground of 59,600.",))
    assert lacks(match, "≈29%", shares)


def test_explain_says_a_headline_change_was_found_in_the_other_storys_figures():
    from news_digest.enrich.cluster_why import explain_pair  # noqa: PLC0415

    rise = C.StoryInput("a" * 16, T0, "Nintendo puts up US prices of Switch consoles by 14%",
                        ("Nintendo raised the price of its Switch OLED console to $399.99 in "
                         "the US, blaming tariffs.",))
    prices = C.StoryInput("b" * 16, T0 + timedelta(hours=3), "Nintendo raises Switch prices",
                          ("Nintendo's Switch OLED console will cost $399.99 in the US, up from "
                           "$349.99, as tariffs bite.",))
    why = explain_pair(C.cluster([rise, prices]), "a" * 16, "b" * 16)
    assert "≈14% in a headline is the change between two figures" in why.reason
    assert not why.factors


def test_a_word_capitalised_only_where_a_sentence_opens_is_no_name():
    body = ("Rescuers dug through the mud in Kokkayar on Tuesday. The rescuers found "
            "three survivors. Kokkayar lies in Idukki district.")
    assert event_terms("Kokkayar landslide: rescuers dig through mud", (body,)).names == {
        "kokkayar"}


def test_a_missing_headline_name_lowers_a_pair_by_how_much_of_its_story_it_is():
    from news_digest.enrich.cluster_score import (  # noqa: PLC0415
        BRIEF_LACK,
        BRIEF_TERMS,
        NAME_PENALTY,
        name_factor,
    )
    from news_digest.enrich.event_text import EventTerms  # noqa: PLC0415

    def story(names, **weights):
        return EventTerms(weights, 1.0, names=frozenset(names))

    background = {f"word{i}": 1e-6 for i in range(BRIEF_TERMS)}  # a story, not a brief
    other = story((), marseille=0.6, wildfire=0.8, **background)
    # Mentioned once beside the event (a suburb): lowered for its share of the story.
    suburb = story({"mirabeau"}, marseille=0.5, wildfire=0.5, mirabeau=0.2, smoke=0.678)
    assert name_factor(suburb, other) == pytest.approx(1 - NAME_PENALTY * 0.04 / 0.25)
    # The story's subject (a term at the cap): lowered in full.
    subject = story({"catalonia"}, catalonia=0.5, wildfire=0.5, smoke=0.707)
    assert name_factor(subject, other) == pytest.approx(1 - NAME_PENALTY)
    # An amount the other story lacks, however light: in full.
    amount = story({"≈6.2bn"}, marseille=0.5, wildfire=0.5, **{"≈6.2bn": 0.2}, smoke=0.678)
    assert name_factor(amount, other) == pytest.approx(1 - NAME_PENALTY)
    # A brief that names nothing the other lacks: a name it lacks counts BRIEF_LACK.
    brief = story((), marseille=0.6, wildfire=0.8)
    assert name_factor(subject, brief) == pytest.approx(1 - NAME_PENALTY * BRIEF_LACK)
    assert name_factor(amount, brief) == pytest.approx(1 - NAME_PENALTY)  # amounts in full
    # but not one whose own headline names something the other story lacks.
    naming = story({"marseille"}, marseille=0.6, wildfire=0.8)
    assert name_factor(subject, naming) == pytest.approx(1 - NAME_PENALTY)


def test_initials_written_with_points_are_one_word():
    dotted = event_terms("Clinton blames F.B.I. director", ("The F.B.I. reopened the case.",))
    plain = event_terms("Clinton blames FBI director", ("The FBI reopened the case.",))
    assert "fbi" in dotted.terms and dotted.weights == pytest.approx(plain.weights)


def test_what_a_contraction_leaves_is_no_term():
    # "wouldn't", "I've": split at the apostrophe, "wouldn" and "ve" are no words of
    # the frequency list, so they weighed as the rarest names (4) and, in real outlets'
    # quotations, stood among a story's strongest terms.
    for apostrophe in ("'", "\u2019"):
        terms = event_terms("Senator says he will vote against the bill", (
            f"The senator said he wouldn{apostrophe}t back it and wasn{apostrophe}t sure. "
            f"\u201cI{apostrophe}ve said it, we{apostrophe}ll see,\u201d he said.",))
        assert not {"wouldn", "wasn", "ve", "ll"} & terms.terms
        assert "senator" in terms.terms
    assert "don" in event_terms("Don Blankenship jailed", ("Don Blankenship was jailed.",)).terms


@pytest.mark.parametrize("plural, word", [
    ("subpoenas", "subpoena"), ("caucuses", "caucus"), ("campuses", "campus"),
    ("viruses", "virus"), ("taxes", "tax"), ("houses", "house"), ("apologizes", "apologize"),
])
def test_a_plural_of_a_word_of_the_list_meets_the_word(plural, word):
    # "subpoenas" is no word of the list: it was read as a name in German
    # transliteration ("subponas"); "caucuses" lost only its "s" ("caucuse").
    assert normalise_word(plural) == normalise_word(word)


def test_a_us_state_abbreviated_is_the_state():
    short = event_terms("Prominent Republicans call for Ariz. Gov. Brewer to veto bill",
                        ("The Ariz. governor returned home on Tuesday.",))
    full = event_terms("Prominent Republicans call for Arizona Gov. Brewer to veto bill",
                       ("The Arizona governor returned home on Tuesday.",))
    assert "arizona" in short.terms and "ariz" not in short.terms
    assert short.weights == pytest.approx(full.weights) and short.names == full.names
    # "Mont Blanc" is no Montana: only abbreviations that are no other word are read.
    assert "mont" in event_terms("Climbers rescued on Mont Blanc", ("Mont Blanc.",)).terms


def test_a_place_in_an_older_spelling_is_the_place():
    # Kiev and Kyiv, Bombay and Mumbai: one term and one headline name, so that the
    # reports of one strike on the city meet and neither lowers the other for its name.
    old = event_terms("Kiev plunged into cold after strike on power station",
                      ("A Russian attack on a power station in Kiev left the city cold.",))
    new = event_terms("Kyiv plunged into cold after strike on power station",
                      ("A Russian attack on a power station in Kyiv left the city cold.",))
    assert "kyiv" in old.terms and "kiev" not in old.terms
    assert old.weights == pytest.approx(new.weights) and old.names == new.names
    assert "mumbai" in event_terms("Bombay rains halt trains", ("Bombay flooded.",)).terms


def test_an_institution_named_in_full_is_its_initials_too():
    # One outlet writes "the British Medical Association", another "the BMA": both
    # stories have the term "bma" (INITIALS); a person's title and name give none.
    full = event_terms("Doctors begin strike over pay",
                       ("Resident doctors began a strike, the British Medical Association said.",))
    short = event_terms("Doctors begin strike over pay",
                        ("Resident doctors began a strike, the BMA said.",))
    assert "bma" in full.terms and "bma" in short.terms
    text = "The Federal Open Market Committee (FOMC) met, Prime Minister Donald Wisniewski said."
    runs = ["The Federal Open Market Committee", "Prime Minister Donald Wisniewski"]
    assert institution_initials(runs, text) == [("fomc", 0)]
    # A central bank's short name: "the Bank of Mexico" is Banxico to other outlets.
    full = event_terms("Bank of Mexico cuts rate", ("The Bank of Mexico cut its rate.",))
    short = event_terms("Banxico cuts rate", ("Banxico cut its rate.",))
    assert "banxico" in full.terms and "banxico" in short.terms and "banxico" in short.names
    assert short_names("the US Federal Reserve cut") == [("fed", 7)]


@pytest.mark.parametrize("word, base", [
    ("terrorism", "terror"), ("terrorists", "terror"), ("islamist", "islam"),
    ("extremists", "extreme"), ("jihadist", "jihad"), ("lobbyist", "lobby"),
    ("apologizes", "apologize"), ("apologises", "apologize"), ("sizes", "size"),
    ("taxes", "tax"), ("crashes", "crash"), ("passes", "pass"),
])
def test_a_doctrine_and_its_followers_are_one_term_and_an_ize_verb_keeps_its_e(word, base):
    assert normalise_word(word) == base


@pytest.mark.parametrize("word", ["assist", "exist", "tourist", "populism", "racist"])
def test_an_ism_or_ist_word_whose_stem_is_short_or_no_word_is_left_alone(word):
    assert normalise_word(word) == word


def test_terrorism_and_terrorists_meet_and_explain_shows_how_each_story_wrote_it():
    from news_digest.enrich.cluster_why import told_apart, written_forms  # noqa: PLC0415

    one = ("Obama condemns terrorism after Orlando nightclub massacre",
           ("Obama called the Orlando massacre an act of terrorism and hate.",))
    other = ("Trump says terrorists struck Orlando nightclub",
             ("Trump said the terrorists who struck the Orlando nightclub must be named.",))
    a, b = event_terms(*one), event_terms(*other)
    assert "terror" in a.terms & b.terms
    shown = told_apart("terror", written_forms(*one), written_forms(*other))
    assert shown == "terror (terrorism / terrorists)"
    assert told_apart("orlando", written_forms(*one), written_forms(*other)) == "orlando"


@pytest.mark.parametrize("headline, said", [
    ("Japanese suppliers brace for Boeing", "Mon 3 Nov in local time (in any time zone)"),
    ("Death toll from Philippine earthquake", "and the 2 days before each (its headline counts"),
])
def test_explain_cluster_prints_the_days_each_lead_names_and_why(headline, said, capsys):
    from news_digest.curator.cli import main  # noqa: PLC0415
    from news_digest.seeds.format import read_seed  # noqa: PLC0415

    same_event = Path(__file__).parent / "data" / "same_event"
    seed = next(p for p in sorted(same_event.glob("*.txt"))
                if read_seed(p).title.startswith(headline))
    assert main(["explain", "--cluster", "--content", str(same_event), str(seed)]) == 0
    out = capsys.readouterr().out
    assert "days named: " in out and said in out


FRIDAY = T0 + timedelta(days=3)  # Friday 14 March
REMARKS = ("Regional party chairman Oskar Lindqvist drew calls to resign on Friday after "
           "telling donors that the Baltic pipeline was \u201ca folly of the minister's "
           "choosing and a gift to smugglers.\u201d",
           "Lindqvist later said his words on the pipeline had been taken out of context.")
PRESSURE = ("Senators kept up the pressure on party chairman Oskar Lindqvist on Sunday to "
            "apologise for calling the Baltic pipeline \"a folly of the minister\u2019s "
            "choosing and a gift to smugglers\".",
            "Two senators said Lindqvist should resign over his remarks on the pipeline.")


def test_two_stories_that_quote_the_same_words_are_not_lowered_for_their_leads_days():
    """One statement, and a reaction two days later whose lead names its own day: the
    quotation both carry is one utterance (event_quotes.py); paraphrased, the
    reaction's Sunday against the statement's Friday keeps them apart."""
    from news_digest.enrich.cluster_why import explain_pair  # noqa: PLC0415

    said = C.StoryInput("a" * 16, FRIDAY, "Lindqvist criticised over pipeline remarks", REMARKS)
    quoted = C.StoryInput("b" * 16, FRIDAY + timedelta(days=2),
                          "Senators keep pressure on Lindqvist over pipeline remarks", PRESSURE)
    told = C.StoryInput("c" * 16, quoted.published, quoted.title, (PRESSURE[0].replace(
        "\"a folly of the minister\u2019s choosing and a gift to smugglers\"",
        "a mistake chosen by the minister that helps smugglers"), PRESSURE[1]))
    a, b, c = map(C.profile, (said, quoted, told))
    assert "\u201cfolly of the minister's" in a.terms.terms & b.terms.terms
    assert C.pair_score(a, b) >= C.LINK > C.pair_score(a, c)
    result = C.cluster([said, quoted])
    assert result.cluster_of["b" * 16] == result.cluster_of["a" * 16]
    why = explain_pair(result, "a" * 16, "b" * 16)
    assert ("not lowered for the days their leads name: both quote the same words "
            "(\u201cfolly of the minister's choosing and a\u201d, \u201ca gift to smugglers\u201d)"
            ) in why.reason  # the runs rare enough, joined where they overlap
    assert not any("days" in what and "apart" not in what for what, _ in why.factors)
    assert all(term[0] != "\u201c" for term, _ in why.shared)  # quote terms weigh nothing
    assert C.cluster([said, told]).cluster_of["c" * 16] == "c" * 16


def test_a_quoted_run_of_common_words_is_no_quote_term():
    from news_digest.enrich.event_quotes import quote_terms  # noqa: PLC0415

    assert quote_terms("Minister speaks", ("\u201cAs a result of that, we will see,\u201d "
                                           "she said.",)) == []
    assert quote_terms("Minister speaks", ("\u201cA gift to smugglers,\u201d she said.",)) == [
        "\u201ca gift to smugglers"]


def test_a_headline_given_name_is_checked_as_the_surname_the_story_writes_after_it():
    """Fox's "Trump slams Hillary aide Huma" against reports that name Huma Abedin
    once, by her full name (a given name weighs a quarter and falls out of their
    terms): the headline's "Huma" is the person the others call Abedin."""
    from news_digest.enrich.cluster_score import name_factor  # noqa: PLC0415

    sacked = event_terms("Premier sacks adviser Ingrid over leaked memo", (
        "Premier Lars Dahlgren sacked his adviser Ingrid Solheimsvik on Tuesday over a "
        "leaked memo on the Narvik harbour contract.",
        "Ingrid Solheimsvik said she had not leaked the memo.", "Ingrid, 41, will appeal."))
    other = event_terms("Dahlgren sacks adviser over leaked Narvik memo", (
        "Premier Lars Dahlgren dismissed adviser Solheimsvik on Tuesday over the leaked "
        "Narvik harbour memo.",))
    assert "solheimsvik" in sacked.names and "ingrid" not in sacked.names
    assert name_factor(sacked, other) == 1.0
    # A firm's name is no given name: the body writes it alone as often as before
    # another capitalised word.
    firm = event_terms("Schneider to buy Bentley", (
        "Schneider Electric agreed to buy Bentley Systems.", "Schneider will pay cash."))
    assert "schneider" in firm.names


def test_a_headline_name_the_other_story_writes_beyond_its_strongest_terms_is_mentioned():
    """Huffington Post's "Nancy Pelosi Says Rashida Tlaib's ... Comment No Worse Than
    Trump" against the New York Times' report on Tlaib, which names Pelosi in its 273rd
    word, too late and too seldom for its 48 strongest terms: Pelosi is mentioned, not
    missing (a term of no weight, marked, that the similarity does not read), and
    ``explain`` says so."""
    from news_digest.enrich.cluster_score import name_factor, similarity  # noqa: PLC0415
    from news_digest.enrich.cluster_why import explain_pair  # noqa: PLC0415
    from news_digest.enrich.event_text import MENTION_MARK, TERMS_KEPT  # noqa: PLC0415

    said_text = ("Varnholt says Okonjo's outburst no worse than the mayor's", (
        "Council leader Varnholt said on Friday that councillor Okonjo's outburst was no "
        "worse than the mayor's.",))
    colour = [f"vel{a}{b}x" for a in "abcdefgh" for b in "abcdefgh"][:TERMS_KEPT + 12]
    long_text = ("Councillor Okonjo's outburst upends the council", (
        "Councillor Okonjo's outburst at the council upended its plans on Friday.",
        *(" ".join(colour[i:i + 10]) + "." for i in range(0, len(colour), 10)),
        "Varnholt, the council leader, defended her."))
    said, long_report = event_terms(*said_text), event_terms(*long_text)
    assert "varnholt" in said.names
    assert not long_report.weights.get("varnholt")
    assert long_report.weights[MENTION_MARK + "varnholt"] == 0.0
    assert name_factor(said, long_report) == 1.0
    why = explain_pair(C.cluster([C.StoryInput("a" * 16, T0, *said_text),
                                  C.StoryInput("b" * 16, T0, *long_text)]), "a" * 16, "b" * 16)
    assert "varnholt in a headline is named by the other story, though not among its " \
        "strongest terms" in why.reason
    assert not why.factors
    # A mention weighs nothing and meets only another story's mention: the similarity
    # is that of the terms the two stories weigh.
    stripped = C.EventTerms({t: w for t, w in long_report.weights.items()
                             if t[0] != MENTION_MARK}, long_report.norm)
    assert similarity(said, long_report) == similarity(said, stripped)
    # A name the other story never writes is still missing.
    unnamed = event_terms("Councillor Okonjo's outburst upends the council", (
        "Councillor Okonjo's outburst at the council upended its plans on Friday.",))
    assert name_factor(said, unnamed) < 1.0
