"""The day a story's lead puts its event on (event_dates.py): pure functions, no site."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from news_digest.enrich.event_dates import (
    day_notes,
    event_days,
    implicit,
    lead_days,
    local_days,
    same_day,
    same_day_said,
)


def at(text: str, offset_hours: float = 0) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone(timedelta(hours=offset_hours)))


WEDNESDAY = at("2025-05-14T18:00:00")


@pytest.mark.parametrize("lead, day", [
    ("Apple was fined on Wednesday by the European Commission.", date(2025, 5, 14)),
    ("Arsenal beat Bayern 3-1 on Tuesday night.", date(2025, 5, 13)),
    ("Monday's earthquake killed 14 people.", date(2025, 5, 12)),
    ("Police said yesterday that two men were arrested.", date(2025, 5, 13)),
    ("The ruling came on 12 May.", date(2025, 5, 12)),
    ("The ruling came on May 12.", date(2025, 5, 12)),
    ("The match was played last Wednesday.", date(2025, 5, 7)),
])
def test_the_lead_names_the_day_of_the_event(lead, day):
    assert lead_days("A headline", [lead], WEDNESDAY) == (day,)


@pytest.mark.parametrize("lead", [
    "The second leg is next Tuesday in Munich, and tickets are sold out already.",
    "The new prices apply starting Sunday, the company said in a statement.",
    "The strike runs until Friday, the union said, and talks are due to resume.",
    "BRUSSELS, May 14 (GWS) - The Commission opened an inquiry into the firm's pricing.",
    "The cut, first promised in March 2024, may 10 times exceed what was planned.",
])
def test_days_ahead_datelines_and_background_are_not_the_event(lead):
    assert lead_days("A headline", [lead], WEDNESDAY) == ()


@pytest.mark.parametrize("lead, day", [
    ("Doctors are on strike until 7am on Monday, the union said.", None),
    ("Flights are suspended from midnight on Tuesday, the airline said.", None),
    ("Shops stay shut until 7 pm Monday.", None),
    ("The fire broke out at 7am on Monday, police said.", date(2025, 5, 12)),
])
def test_a_clock_time_after_a_word_pointing_ahead_leaves_its_day_ahead(lead, day):
    # "until 7am on Monday": the clock time between "until" and the weekday does not
    # make it the event's day (CLOCK_AHEAD); "at 7am on Monday" still names it.
    assert lead_days("A headline", [lead], WEDNESDAY) == ((day,) if day else ())


@pytest.mark.parametrize("lead", [
    "Obama will meet with Sanders on Thursday at the White House.",  # 6 days back: ahead
    "The bill will likely be tested as soon as Friday, aides said.",  # 5 days back
    "The court is expected to rule on Friday on the merger.",  # 5 days back
])
def test_a_weekday_five_or_six_days_back_is_a_day_ahead(lead):
    # Written on a Wednesday: a lead names a day that far back as "last Thursday" or by
    # its date (WEEKDAY_BACK); told by its weekday, it is a day ahead.
    assert lead_days("A headline", [lead], WEDNESDAY) == ()


def test_a_weekday_four_days_back_or_last_is_still_the_event():
    saturday = at("2025-05-17T09:00:00")
    assert lead_days("x", ["The fire broke out on Tuesday near the port."], saturday) == (
        date(2025, 5, 13),)
    assert lead_days("x", ["The vote was held last Thursday."], WEDNESDAY) == (
        date(2025, 5, 8),)


def test_only_the_lead_is_read():
    story = ["Apple was fined 480 million euros by the European Commission for stopping app "
             "developers from steering users to cheaper offers outside its App Store, the first "
             "penalty of its kind.",
             "A separate ruling against the company on Monday concerned dating apps."]
    assert lead_days("EU fines Apple", story, WEDNESDAY) == ()
    assert lead_days("EU fines Apple", ["Apple was fined.", story[1]], WEDNESDAY) == (
        date(2025, 5, 12),)  # a short first paragraph: the second is read too


def test_a_day_is_read_in_the_outlets_own_time_zone():
    # 00:30 on Thursday in Tokyo is still Wednesday in London.
    tokyo = at("2025-05-15T00:30:00", 9)
    assert lead_days("x", ["Toyota said on Thursday it would recall cars."], tokyo) == (
        date(2025, 5, 15),)
    # One announcement: "Tuesday" in Detroit and "Wednesday" in Tokyo overlap long enough.
    detroit = event_days("x", ["Toyota said on Tuesday it would recall cars."],
                         at("2025-10-21T09:10:00", -4))
    japan = event_days("x", ["Toyota said Wednesday it will recall cars."],
                       at("2025-10-22T10:15:00", 9))
    assert same_day(detroit, japan) is True
    # Saturday's sprint and Sunday's grand prix, both written in Europe, do not.
    saturday = event_days("x", ["Verstappen won the sprint on Saturday."],
                          at("2025-07-26T13:20:00", 1))
    sunday = event_days("x", ["Piastri won the grand prix on Sunday."],
                        at("2025-07-27T15:35:00"))
    assert same_day(saturday, sunday) is False


def test_a_lead_without_a_day_is_guessed_from_the_time_of_writing():
    spans = event_days("Piastri wins in Spa", ["A rain-delayed race at Spa."],
                       at("2025-07-27T16:40:00", 1))
    assert implicit(spans) and len(spans) == 1
    named = event_days("x", ["Piastri won on Sunday."], at("2025-07-27T16:40:00", 1))
    assert not implicit(named) and same_day(spans, named) is True
    assert same_day((), named) is None  # nothing to compare



def test_days_after_another_event_are_not_the_event_day():
    # "Two days after" tells of the first event in a follow-up, a later version and a
    # new event alike (a player withdrawing two days after a final): not read.
    lead = "The player withdrew from the next tournament, two days after losing the final."
    assert lead_days("A headline", [lead], WEDNESDAY) == ()


def test_a_possessive_weekday_after_by_is_the_event_not_a_deadline():
    # A follow-up: "killed by Sunday's earthquake ... said on Monday" names both days.
    monday = at("2025-09-15T10:15:00", 4)
    lead = ("The number of people killed by Sunday's magnitude 6.3 earthquake has risen to "
            "19, the disaster agency said on Monday.")
    assert lead_days("x", [lead], monday) == (date(2025, 9, 14), date(2025, 9, 15))
    # So does "the toll from Wednesday's protests ... said on Thursday".
    thursday = at("2025-06-26T12:10:00", 3)
    lead = "The death toll from Wednesday's protests has risen to 16, Amnesty said on Thursday."
    assert lead_days("x", [lead], thursday) == (date(2025, 6, 25), date(2025, 6, 26))
    # "by Friday" and "from Monday" still point ahead, and "before Tuesday's vote" too.
    for lead in ("Talks must end by Friday, the union said.",
                 "New prices apply from Monday, the firm said.",
                 "Talks went on before Tuesday's vote, the union said.",
                 "The bill must pass by Tuesday's deadline, aides said."):
        assert lead_days("x", [lead], WEDNESDAY) == ()


def test_a_weekday_said_in_local_time_is_that_day_in_any_time_zone():
    # A Japanese outlet names its own Wednesday in its lead and the Seattle vote's
    # Monday "local time" in its second paragraph; the wire wrote "Monday" in Seattle.
    seattle = event_days("x", ["Boeing factory workers voted Monday to accept a contract."],
                         at("2025-11-04T21:50:00", -8))
    tokyo = event_days("x", ["Japanese suppliers welcomed the end of the strike on Wednesday, "
                             "saying they were ready to increase shipments of parts.",
                             "Machinists in the Seattle area voted Monday local time to "
                             "accept a four-year contract."],
                       at("2025-11-05T17:30:00", 9))
    assert not implicit(tokyo) and same_day(seattle, tokyo) is True
    assert same_day_said(seattle, tokyo) == "in local time"
    # Without "local time" the Monday beyond the lead is not read: Tokyo's Wednesday only.
    plain = event_days("x", ["Japanese suppliers welcomed the end of the strike on Wednesday, "
                             "saying they were ready to increase shipments of parts.",
                             "Machinists in the Seattle area voted Monday to accept it."],
                       at("2025-11-05T17:30:00", 9))
    assert same_day(seattle, plain) is False and same_day_said(seattle, plain) == ""
    # A day in local time is still a day: Saturday's sprint is not Monday's vote.
    saturday = event_days("x", ["Verstappen won the sprint on Saturday."],
                          at("2025-11-01T13:20:00", 1))
    assert same_day(saturday, tokyo) is False
    # A day ahead in local time is no more the event's than any day ahead.
    assert local_days(["Talks run until Tuesday local time."], at("2025-11-05T17:30:00", 9)) == ()
    assert local_days(["They voted on Tuesday local time."], at("2025-11-05T17:30:00", 9)) == (
        date(2025, 11, 4),)


def test_the_early_hours_are_overnight_the_day_before_to_the_west():
    # Belfast's Monday morning: McIlroy won in Augusta on Sunday evening, "in the
    # early hours" there; the wire, written in Augusta, says Sunday.
    belfast = at("2025-04-14T09:15:00", 1)
    lead = "His home town woke up to celebrations after he won the Masters in the early hours."
    assert lead_days("x", [lead], belfast) == (date(2025, 4, 13), date(2025, 4, 14))
    augusta = event_days("x", ["Rory McIlroy won the Masters on Sunday."],
                         at("2025-04-13T20:25:00", -4))
    assert same_day(event_days("x", [lead], belfast), augusta) is True
    # "The early hours of Monday" names its day: Monday alone.
    assert lead_days("x", ["The bus fell in the early hours of Monday."], belfast) == (
        date(2025, 4, 14),)


def test_a_toll_counted_on_a_day_is_of_an_event_of_that_day_or_of_the_two_days_before():
    # The follow-up counts Tuesday's dead of Monday's quake; the wire told of Monday.
    manila = at("2025-08-19T09:35:00", 8)
    lead = "The death toll from a strong earthquake rose to 31 on Tuesday, officials said."
    assert lead_days("Death toll from Philippine earthquake rises to 31", [lead], manila) == (
        date(2025, 8, 17), date(2025, 8, 18), date(2025, 8, 19))
    wire = event_days("x", ["A magnitude 6.8 earthquake struck on Monday."],
                      at("2025-08-18T05:20:00"))
    assert same_day(event_days("Death toll from Philippine earthquake rises to 31", [lead],
                               manila), wire) is True
    # Another headline over the same lead: Tuesday only.
    assert lead_days("Philippine earthquake survivors wait for aid", [lead], manila) == (
        date(2025, 8, 19),)
    assert "the 2 days before each (its headline counts a toll)" in day_notes(
        "Death toll from Philippine earthquake rises to 31", [lead], manila)
    # A toll counted two days on (Thursday, in India) is still of Tuesday's landslide
    # (in Nepal); three days on, it is not.
    wire = event_days("x", ["A landslide buried a village early on Tuesday, officials said."],
                      at("2026-07-14T15:30:00", 5.75))
    thursday = "Nine more bodies were found, raising the toll to 27, officials said on Thursday."
    headline = "Barpak landslide toll climbs to 27 as army recovers more bodies"
    assert same_day(event_days(headline, [thursday], at("2026-07-16T10:15:00", 5.5)),
                    wire) is True
    friday = thursday.replace("Thursday", "Friday")
    assert same_day(event_days(headline, [friday], at("2026-07-17T10:15:00", 5.5)),
                    wire) is False


TUESDAY = at("2026-04-07T10:30:00", 1)


@pytest.mark.parametrize("lead, days", [
    # Told in the future tense, Sunday is the coming one, not the one before: the
    # Roubaix story names its own Tuesday only, not the Flanders race's Sunday.
    ("Pogačar will start Paris-Roubaix on Sunday, his team confirmed on Tuesday.",
     (date(2026, 4, 7),)),
    ("The verdict is due to be read out on Saturday.", ()),
    ("The two leaders are to meet in Geneva on Sunday, officials said.", ()),
    # Not when the future is another clause's, or the weekday comes first.
    ("Pogačar won on Sunday and will rest before the Ardennes.", (date(2026, 4, 5),)),
    ("The team said on Sunday that he will ride.", (date(2026, 4, 5),)),
    ("The rider, who will race again in May, crashed on Sunday.", (date(2026, 4, 5),)),
])
def test_a_weekday_told_in_the_future_tense_is_no_day_of_the_event(lead, days):
    assert lead_days("A headline", [lead], TUESDAY) == days


@pytest.mark.parametrize("lead, days", [
    # A day told in a clause set off by a comma and "who" or "which" is background
    # when the lead names another day outside it: the runner-up's appointment on
    # Tuesday, not the vote she lost on Saturday (tune-6).
    ("Aiko Tanabe, who lost the leadership runoff on Saturday, was appointed policy "
     "chief on Tuesday.", (date(2026, 4, 7),)),
    ("The quake came as Japan was still recovering from Typhoon Kiko, which hit Okinawa "
     "on Sunday. It struck on Tuesday morning.", (date(2026, 4, 7),)),
    ("Kato, whose bid collapsed on 4 April, resigned on Monday.", (date(2026, 4, 6),)),
    # The only day the lead names is read as before: a firm's statement is its news.
    ("Hackers stole data from a diagnostics firm, which said on Monday that it had "
     "found the breach.", (date(2026, 4, 6),)),
    # A day after the clause has closed is the event's.
    ("The rider, who had won twice, crashed on Sunday.", (date(2026, 4, 5),)),
])
def test_a_day_told_in_a_clause_aside_is_background(lead, days):
    assert lead_days("A headline", [lead], TUESDAY) == days


def test_explain_says_which_day_was_told_aside():
    lead = ("Aiko Tanabe, who lost the leadership runoff on Saturday, was appointed policy "
            "chief on Tuesday.")
    assert day_notes("A headline", [lead], TUESDAY) == \
        "Tue 7 Apr (not Sat 4 Apr: told in a clause aside, background)"
    assert day_notes("A headline", ["Tanabe was appointed on Tuesday."], TUESDAY) == "Tue 7 Apr"
