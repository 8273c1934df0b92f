"""A side thread the verdict must be surer of (issue 18, topics23): ``topic_verdict.side_threads``.

Beside a best topic found in the headline, the opening and further down, a second topic none
of whose phrases is in the headline or the opening is judged at ``SIDE_CUT`` (0.33), not the
verdict's cut (0.25): a campaigner's words on rights outside a fraud trial are not a second
subject. Written items only, each beside one of the same words that keeps its topic.
"""

from __future__ import annotations

from taggers import tagger

from news_digest.curator.explain import explain
from news_digest.enrich.topic_verdict import SIDE_CUT, story_evidence, story_side_threads
from news_digest.enrich.topics import Taxonomy
from news_digest.seeds.format import read_seed

from sitebuild import seed_text

HEADLINE = "Judge jails fraudster who stole savings from pensioners"
LEAD = ("A judge jailed a fraudster for six years on Friday for stealing the savings of forty "
        "pensioners. The court heard that he posed as a financial adviser and took their money "
        "over three years, and the prosecutor said the victims had lost their homes and their "
        "trust.")
FILL = "The victims sat in the public gallery as the sentence was read, and several wept. " * 6
SIDE = ("Outside the building, a campaigner from Amnesty International said the case showed how "
        "poorly the country protects the human rights of the elderly, and called for a new "
        "commission on civil rights.")
SIDE2 = ("Human rights groups have long warned that the elderly are easy prey, and a civil "
         "rights lawyer said the commission should hear from victims.")
TAIL = ("The judge told the court the fraudster had shown no remorse, and his lawyer said he "
        "would appeal.")
BODY = "\n".join((LEAD, FILL, SIDE, FILL, SIDE2, FILL, TAIL))


def slugs(taxonomy: Taxonomy, title: str, text: str) -> list[str]:
    return [t.slug for t in taxonomy.classify(title, text)]


def test_a_side_thread_needs_the_verdict_surer():
    taxonomy = tagger()
    assert slugs(tagger(verdict=False), HEADLINE, BODY) == ["law-courts", "human-rights"]
    chance = taxonomy.verdict.chance(story_evidence(taxonomy, HEADLINE, BODY)["human-rights"])
    # The verdict's own cut would keep it; the side thread's does not.
    assert taxonomy.verdict.cut <= chance < SIDE_CUT
    assert story_side_threads(taxonomy, HEADLINE, BODY, ["law-courts", "human-rights"]) == {
        "human-rights"}
    assert slugs(taxonomy, HEADLINE, BODY) == ["law-courts"]


def test_a_second_subject_the_opening_names_is_judged_at_the_cut():
    # The same campaigner quoted in the opening: the story's second subject, kept.
    lead = LEAD + " Amnesty International called it a failure to protect human rights."
    text = "\n".join((lead, FILL, SIDE, FILL, SIDE2, FILL, TAIL))
    assert story_side_threads(tagger(), HEADLINE, text, ["law-courts", "human-rights"]) == set()
    assert slugs(tagger(), HEADLINE, text) == ["law-courts", "human-rights"]


def test_a_best_topic_the_headline_does_not_name_leaves_the_cut_as_it_is():
    title = "Pensioners lose their savings to a fake financial adviser"
    assert story_side_threads(tagger(), title, BODY, ["law-courts", "human-rights"]) == set()
    assert slugs(tagger(), title, BODY) == ["law-courts", "human-rights"]


def test_a_topic_the_best_one_leaves_words_to_is_not_a_side_thread():
    # Government & Policy leaves parties and candidates to Elections (not_beside): Elections
    # found only further down is the subject told in those words, judged at the cut.
    title = "Minister unveils budget to cut taxes for families"
    lead = ("The finance minister unveiled a budget on Tuesday that cuts taxes for families and "
            "raises spending on schools, and parliament will vote on the bill next month.")
    later = ("Opposition candidates said the budget was written for the election, and voters "
             "will have their say at the ballot box in the spring. The minister said the "
             "government would not change the bill.")
    text = "\n".join((lead, FILL.replace("victims", "deputies"), later))
    assert story_side_threads(tagger(), title, text, ["government-policy", "elections"]) == set()
    assert story_side_threads(tagger(), title, text, ["government-policy", "science"]) == {
        "science"}


def test_explain_names_the_side_threads_cut(tmp_path):
    path = tmp_path / "fraud.md"
    path.write_text(seed_text(HEADLINE, body=BODY.split("\n")), encoding="utf-8")
    report = "\n".join(explain(tagger(), read_seed(path)))
    assert "under 0.33, the cut for a side thread" in report
