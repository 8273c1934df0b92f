"""The words of the business and technology desks of any year, and the business of the
arts (issue 18, topics-desks3): companies' results, markets, trade, jobs and prices;
consumer technology, telecoms, the web and games as the mid-2000s wrote them and as they
are written now; a film's takings and a label's sales as the arts' own news.

Every story here is written for this test (none is taken from the development set, the
desk sets or any corpus): short items that gave General before this round, and items whose
words belong to a topic in another sense.
"""

from __future__ import annotations

import pytest

from sitebuild import topic_slugs as slugs


@pytest.mark.parametrize("title, text", [
    ("Nikkei closes at four-month high",
     "The Hang Seng and the Dax also rose as exporters gained."),
    ("Eurozone prices rise faster",
     "Consumer prices in the euro zone rose 2.4% in May, official data show."),
    ("Industrial output falls for third month",
     "Factory output dropped 0.5%, and the services sector slowed too."),
    ("Insurers face record storm claims", "The insurance industry expects to pay out billions."),
    ("Warehouse temp workers vote to unionise",
     "Agency workers at the depot want collective bargaining over zero-hours contracts."),
    ("Chain to close stores in buyout",
     "The management buyout is backed by the founder, the largest shareholder."),
    ("Gold price at 17-year high", "The price of gold rose above $500 an ounce in London."),
])
def test_markets_trade_and_jobs_are_business(title, text):
    assert slugs(title, text) == ["business"]


@pytest.mark.parametrize("title, text", [
    ("Music fans swap songs on peer-to-peer networks",
     "File-sharing has grown despite lawsuits against net users."),
    ("High-definition TV sets on sale",
     "Plasma screens and LCD sets are getting cheaper, as are set-top boxes."),
    ("Net firms fight online piracy", "Internet service providers are asked to block sites."),
    ("Web users switch from dial-up", "High-speed internet now reaches most homes at 8 Mbps."),
    ("Driverless cars tested on city streets", "The vehicles use lidar to map the road."),
    ("Firms pile into the metaverse", "Blockchain start-ups are selling NFTs of virtual land."),
    ("Sat-navs and e-books top Christmas lists",
     "Shoppers also bought digital radios and MP3 players."),
])
def test_consumer_technology_and_the_web_of_any_year_are_technology(title, text):
    assert slugs(title, text) == ["technology"]


@pytest.mark.parametrize("title, text", [
    ("PC praised for bravery", "PC Jones and two PCs chased the suspect through the town centre."),
    ("Sterling scores twice as City win", "Raheem Sterling struck twice in the second half."),
    ("Film out on DVD", "The comedy is released on DVD next week with a director's commentary."),
    ("Museum opens in Glastonbury", "The town's new museum tells the story of the abbey."),
])
def test_a_constable_a_footballer_a_films_release_and_a_town_are_no_desks_words(title, text):
    assert not {"technology", "business"} & set(slugs(title, text))


# Technology and Government & Policy before this round
@pytest.mark.parametrize("title, text", [
    ("Band tops singles chart on downloads alone",
     "The single went to number one in the singles chart on music downloads alone, the first "
     "to do so; the record company said it had not been released on CD."),
    ("Councillors approve £2m for Eurovision",
     "Councillors approved £2m of funding for the Eurovision Song Contest, which the city "
     "will host in May; the mayor said the council would recoup it from visitors."),
])
def test_the_arts_own_business_goes_to_general(title, text):
    assert slugs(title, text) == ["general"]


def test_a_studios_merger_and_a_labels_profit_warning_keep_business():
    assert "business" in slugs(
        "Disney and Pixar agree $7bn merger",
        "Disney has agreed to buy the animation studio Pixar in a deal worth $7.4bn. "
        "Shareholders of the film studio will receive Disney shares.")
    assert "business" in slugs(
        "EMI shares hit by profit warning",
        "Shares in EMI fell 16% after it warned that profits would be lower than expected. "
        "The record company said CD sales were falling across the music industry.")
