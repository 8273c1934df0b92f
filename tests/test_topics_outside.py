"""Stories outside the taxonomy whose words brush a desk (issue 18, sixth round).

Written stories of the classes that cost precision on real news: a recipe that names a
supermarket and a price, a travel page that names airlines, a television recap of a
political drama, a reality star's photos on Twitter, a royal gala the prime minister
attends, a couple's scratchcard win. Each went to a desk before this round and goes to
General now, by two means: a subject outside the digest near the line holds back the
topics given under the line (``enrich/topic_guards.py``), and the outside subjects'
vocabulary by family (television, travel and food; people and human interest:
``topics.toml``); and a price in the body is no anchor for Business (``topic_tally.py``).
Beside them, stories of the same worlds that are news (an actor's tax case, a studio's
merger, a pop star's lawsuit, a former prime minister's death) keep their desk.
"""

from __future__ import annotations

import pytest

from news_digest.enrich.topics import Taxonomy

from sitebuild import default_taxonomy, explain_report

LAW = {"slug": "law-courts", "label": "Law & Courts",
       "phrases": {"lawsuit": 3, "judge": 2, "jury": 2}, "keywords": ["court", "trial"]}
FOOD = {"slug": "food", "label": "Food", "outside": True,
        "phrases": {"recipe": 3, "recipes": 3, "ingredients": 1.5, "chef": 2}}


def topics(title: str, text: str, taxonomy: Taxonomy | None = None) -> list[str]:
    return [t.slug for t in (taxonomy or default_taxonomy()).classify(title, text)]


def test_an_outside_subject_near_the_line_holds_back_the_topics_under_the_line():
    taxonomy = Taxonomy([LAW, FOOD], model=False)
    # Law near the line (judge 2 + jury 2 = 4, two phrases); the food page scores 4.5.
    page = "The recipes use few ingredients. A judge and a jury once tasted them."
    assert topics("Supper", page, taxonomy) == ["general"]
    # Without the food page's words, the same judge and jury are near the line: given.
    assert topics("Supper", "A judge and a jury once tasted them.", taxonomy) == [
        "law-courts"]
    # A topic near the line scoring more than the outside subject (3) is given ...
    assert topics("Supper", "One recipe. A judge and a jury once tasted it.", taxonomy) == [
        "law-courts"]
    # ... and an outside subject under half the threshold holds nothing back.
    assert topics("Supper", "The chef. A judge and a jury once tasted it.", taxonomy) == [
        "law-courts"]


OUTSIDE = [
    ("Ten ways to cook with winter vegetables",
     "Winter is the season for roots and greens. Our food writer has ten recipes, from a "
     "slow-roasted squash soup to a kale salad with toasted seeds. Most of the ingredients "
     "cost less than £5 at a supermarket, and the soup keeps for three days in the fridge. "
     "Serve with crusty bread and a glass of red wine."),
    ("A weekend in Lisbon: where to eat, sleep and shop",
     "Lisbon's hills reward the walker. Stay in a boutique hotel in the old town, where rooms "
     "start at €120 a night, eat grilled sardines at a family restaurant by the river, and "
     "shop for tiles and ceramics in the market. Low-cost airlines fly from most European "
     "cities; check the entry rules before you travel."),
    ("TV recap: the election drama's finale lands its twist",
     "The series finale of the political drama finally revealed who leaked the memo. The "
     "actors playing the rival candidates are superb, and the writers save the biggest twist "
     "for the last scene, when the votes are counted. The show has been renewed for a second "
     "season on the streaming service."),
    ("Reality star shows off baby bump in beach photos",
     "The reality star posted a series of photos on Instagram from her holiday in Mexico, "
     "showing off her growing baby bump in a yellow bikini. Her followers flooded the post "
     "with congratulations. She announced the pregnancy on Twitter last month, and the couple "
     "married in a lavish ceremony in June."),
    ("Royal couple attend charity gala in London",
     "The prince and his wife attended a charity gala in London on Thursday evening, where "
     "the duchess wore a blue gown by a British designer. The evening raised £2m for "
     "children's hospices. The prime minister and several celebrities were among the 400 "
     "guests."),
    ("Couple win £1m on scratchcard bought with change",
     "A couple from Leeds have won £1 million on a scratchcard they bought with the change "
     "from their weekly shop. The retired postman said he would buy a new car and take his "
     "wife on a cruise. 'We checked it ten times,' she said. The lottery operator presented "
     "them with a giant cheque."),
]
# Outside the taxonomy, and already General before this round: they must stay so.
STILL_OUTSIDE = [
    ("Family reunited with dog lost for three years",
     "A family in Ohio has been reunited with their dog three years after he went missing, "
     "thanks to a microchip. The animal shelter that found him scanned the chip and called "
     "the owners, who drove four hours to collect him. 'He knew us straight away,' said the "
     "mother. The local mayor shared the story on social media."),
    ("Review: the heist sequel is louder, longer and emptier",
     "The sequel took $120m at the box office on its opening weekend, and it is easy to see "
     "why the studio wanted more. The director stages three car chases and a bank raid, the "
     "actors trade quips, and the screenplay finds room for a tax inspector who wants a cut. "
     "The court scenes drag. It opens in cinemas across the country on Friday."),
    ("Veteran actor dies at 88",
     "The actor, who starred in more than sixty films and a long-running television series, "
     "has died at the age of 88, his family said. The prime minister paid tribute, calling him "
     "a national treasure. He won an Oscar in 1979 and a Bafta for his stage work, and is "
     "survived by his wife and three children."),
]


@pytest.mark.parametrize("title, text", OUTSIDE + STILL_OUTSIDE)
def test_stories_outside_the_taxonomy_that_brush_a_desk_go_to_general(title, text):
    assert topics(title, text) == ["general"]


@pytest.mark.parametrize("title, text, topic", [
    ("Actor ordered to pay $4m in back taxes after losing court fight",
     "A judge ruled on Tuesday that the actor, star of a string of action films, must pay $4m "
     "in back taxes and penalties to the tax authority. The court found that he had wrongly "
     "claimed his Hollywood mansion as a business expense. His lawyers said he would appeal "
     "the ruling.", "business"),
    ("Studio agrees $8bn merger with streaming rival",
     "The film studio behind the superhero franchise has agreed to merge with a streaming "
     "rival in an $8bn deal, the companies said on Monday. Shareholders will vote on the "
     "takeover in March, and the combined company expects to cut costs by $1bn a year. "
     "Shares in both rose more than 6 per cent.", "business"),
    ("Pop star sues former manager over unpaid royalties",
     "The singer has filed a lawsuit against her former manager, accusing him of keeping "
     "millions in royalties from her first three albums. The complaint, filed in federal "
     "court in Los Angeles, asks a judge to order an audit. The manager's lawyer called the "
     "lawsuit baseless.", "law-courts"),
    ("Former prime minister dies at 90",
     "The former prime minister, who led the country for eleven years and won three general "
     "elections, has died at 90, his family said. He took the country into the single "
     "currency, privatised the railways and faced down a miners' strike. The current prime "
     "minister called him a giant of politics. He is survived by his wife and two sons.",
     "government-policy"),
    ("Lottery operator's profits fall as ticket sales slump",
     "The company that runs the national lottery said annual profit fell 18 per cent to £70m "
     "as ticket sales slumped, and its shares dropped 6 per cent. The chief executive blamed "
     "the cost of living. The gambling regulator is reviewing the licence.", "business"),
    ("Pet food maker's shares fall after profit warning",
     "Shares in the pet food maker fell 12 per cent on Tuesday after it warned that annual "
     "profit would miss forecasts, as shoppers bought cheaper brands of dog food. The company "
     "said sales in its first quarter fell 4 per cent, and its chief executive said prices "
     "would be cut.", "business"),
    # A labour dispute over public pay: "education secretary", "pay offer" (new this round).
    ("Teachers strike over pay as talks collapse",
     "Teachers in England walked out on Wednesday in a dispute over pay, closing thousands of "
     "schools, after talks with the education secretary collapsed. The union says pay has "
     "fallen by a fifth in real terms over a decade. The government says its pay offer of 5 "
     "per cent is fair and affordable. Parents scrambled for childcare.", "government-policy"),
])
def test_news_from_the_same_worlds_keeps_its_desk(title, text, topic):
    assert topic in topics(title, text)


def test_explain_says_an_outside_subject_near_the_line_held_a_topic_back(tmp_path):
    taxonomy = Taxonomy([LAW, FOOD], model=False)
    report = explain_report(tmp_path, "Supper", (
        "The recipes use few ingredients. A judge and a jury once tasted them.",), taxonomy)
    assert "Topics: General" in report
    assert ("food (Food) - outside the digest (outside = true): never given; near the line, "
            "it holds back the topics under 5 that do not score more than 4.5") in report
    assert ("law-courts (Law & Courts) - not kept: the story reads as Food (4.5), a subject "
            "this digest does not cover, and 4 is not more") in report
    # A page of the outside subject at the line holds back a topic near the line too.
    title, text = OUTSIDE[3]
    report = explain_report(tmp_path, title, (text,))
    assert "Topics: General" in report
    assert ("social-media (Social Media & Messaging) - not kept: the story reads as People & "
            "Human Interest (31)" in report)
    # The recipe's supermarket and price are not even near the line (ninth round: an
    # amount of money in the body is no second phrase).
    title, text = OUTSIDE[0]
    report = explain_report(tmp_path, title, (text,))
    assert ("business (Business & Economy) - not kept: 4 is near the line but rests on one "
            "phrase in the body (an amount of money in the body is no phrase of it)" in report)


def test_a_price_in_the_body_is_no_anchor_for_business():
    """An amount of money adds to Business, but gives it only from the headline."""
    review = ("The company's new smartwatch measures blood oxygen, heart rate and sleep, and "
              "its battery lasts a week. The app shows trends over months, and the watch can "
              "call emergency services after a fall. It goes on sale next month for $399. "
              "Doctors cautioned that such devices are not medical tools.")
    # Before: Business beside Technology, lifted by the model on the price alone.
    assert topics("New smartwatch tracks blood oxygen and sleep", review) == ["technology"]
    # In the headline, a figure is what the story is about.
    assert "business" in topics("Boeing wins $325m contract for tanker jets",
                                "Boeing has won a $325m contract to build four more tanker "
                                "jets, the Pentagon said on Friday. Deliveries are due in "
                                "2027.")
    # With a phrase of its own beside the price, Business is given as before.
    assert "business" in topics("Startup raises money to build delivery robots",
                                "The startup has raised $50m from investors led by a venture "
                                "fund to build its sidewalk delivery robots.")
