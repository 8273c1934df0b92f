"""The topic classifier and the taxonomy's settings, without building a site."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from news_digest.curator.site_settings import digest_settings
from news_digest.enrich.taxonomy_file import TaxonomyFileError, load_taxonomy
from news_digest.enrich.topics import Taxonomy, UnknownTopics, seed_topics
from news_digest.seeds.format import SeedError, parse_seed
from news_digest.settings import DigestConfigError, resolve

from sitebuild import ROOT, default_taxonomy, seed_text

LAW = {"slug": "law-courts", "label": "Law & Courts",
       "phrases": {"lawsuit": 3, "supreme court": 3, "judge": 2},
       "keywords": ["court", "ruling"],
       "negative": ["tennis court", "ruling party"]}
SPORT = {"slug": "sports", "label": "Sports",
         "phrases": ["tennis", "cyber-ball"], "keywords": ["court", "match"]}
HEALTH = {"slug": "health", "label": "Health", "phrases": {"health": 2, "vaccine": 3}}
PRIVACY = {"slug": "privacy", "label": "Privacy", "phrases": {"health data": 3, "privacy": 3}}


def taxonomy(*topics, **options) -> Taxonomy:
    """Phrases alone (no learned desks): these tests hold the phrase rules."""
    options.setdefault("model", False)
    return Taxonomy(topics or (LAW, SPORT, HEALTH, PRIVACY), **options)


def slugs(topics) -> list[str]:
    return [t.slug for t in topics]


def score_of(tax: Taxonomy, slug: str, title: str = "", text: str = "") -> float:
    return next((t.score for t in tax.score(title, text) if t.slug == slug), 0.0)


def test_whole_words_and_any_case():
    tax = taxonomy()
    assert score_of(tax, "law-courts", text="A LAWSUIT. Lawsuit, lawsuit!") > 0
    assert score_of(tax, "law-courts", text="lawsuits lawsuitx prelawsuit") == 0
    assert score_of(tax, "health", text="healthy healthcare") == 0


def test_phrases_match_across_case_punctuation_and_hyphens():
    tax = taxonomy()
    [law] = [t for t in tax.score("", "The Supreme  Court's view.") if t.slug == "law-courts"]
    assert law.matched == ("supreme court",)  # and not "court" again inside it
    assert score_of(tax, "sports", text="a CYBER-BALL game") == 2.0  # listed as "cyber-ball"


def test_a_phrase_written_in_capitals_matches_only_as_written():
    party = {"slug": "government-policy", "label": "Government & Policy",
             "phrases": {"DUP": 3, "SINN FEIN": 3}}
    tax = taxonomy(party)
    assert score_of(tax, "government-policy", text="The DUP's leader spoke.") == 3.0
    assert score_of(tax, "government-policy", text="DUP, DUP and DUP") == 6.0  # as repeats
    assert score_of(tax, "government-policy", title="Dup one", text="dup two, Dup three") == 0
    assert score_of(tax, "government-policy", text="SINN  FEIN, Sinn Fein") == 3.0
    assert score_of(tax, "government-policy", text="DUPE or XDUP or DUP_2") == 0
    # The digest's own taxonomy lists Northern Ireland's party so.
    assert "government-policy" not in [t.slug for t in default_taxonomy().score(
        "Dup one: a lab's new pipette", "The dup call copies a descriptor. Dup one.")]


def test_headline_counts_more_than_body_and_repeats_less_than_first_mention():
    tax = taxonomy(headline_weight=3)
    body = score_of(tax, "law-courts", text="lawsuit")
    assert body == 3.0
    assert score_of(tax, "law-courts", title="Lawsuit filed") == 3 * body
    twice = score_of(tax, "law-courts", text="lawsuit lawsuit")
    assert body < twice < 2 * body
    many = [score_of(tax, "law-courts", text="lawsuit " * n) for n in (5, 50)]
    assert many[0] == many[1]  # repeats stop adding after a few


def test_keyword_counts_only_beside_a_phrase_of_its_topic():
    tax = taxonomy()
    assert score_of(tax, "law-courts", text="The court was busy.") == 0
    alone = score_of(tax, "law-courts", text="A lawsuit was filed.")
    with_keyword = score_of(tax, "law-courts", text="A lawsuit was filed in court.")
    assert with_keyword > alone
    # However many keywords, they add at most half of the phrases' points.
    crowded = "A lawsuit, " + "court ruling " * 20
    assert score_of(tax, "law-courts", text=crowded) <= 1.5 * alone


def test_negative_phrase_takes_its_words_out_of_play_for_its_topic_only():
    tax = taxonomy()
    text = "The judge watched from the tennis court."
    law = next(t for t in tax.score("", text) if t.slug == "law-courts")
    assert "court" not in law.matched and "judge" in law.matched
    assert law.score < score_of(tax, "law-courts", text="The judge watched.")
    sport = next(t for t in tax.score("", text) if t.slug == "sports")
    assert "tennis" in sport.matched  # the same words still count for Sports


def law_keywords(tax: Taxonomy, text: str) -> list[tuple[str, int]]:
    law = next(t for t in tax.score("", text) if t.slug == "law-courts")
    return [(e.phrase, e.body_count) for e in law.evidence if e.kind == "keywords"]


def test_a_negative_phrase_masks_only_its_own_words():
    tax = taxonomy()
    assert law_keywords(tax, "The judge at the tennis court.") == []
    # The same word right after the negative phrase, or later, counts again.
    assert law_keywords(tax, "The judge at the tennis court court.") == [("court", 1)]
    assert law_keywords(tax, "The tennis court, then the judge's court.") == [("court", 1)]
    assert law_keywords(tax, "Tennis court. Judge. Tennis court court.") == [("court", 1)]


def test_longer_phrase_wins_over_the_words_inside_it_across_topics():
    tax = taxonomy()
    assert slugs(tax.score("", "The app leaked health data.")) == ["privacy"]
    assert slugs(tax.score("", "Health officials spoke.")) == ["health"]


def test_threshold_and_fallback():
    tax = taxonomy(threshold=5)
    assert slugs(tax.classify("", "A lawsuit was filed.")) == ["general"]  # 3 < 5
    assert slugs(tax.classify("", "A lawsuit and a judge.")) == ["law-courts"]  # 5
    [fallback] = tax.classify("Nothing here", "Just words.")
    assert (fallback.slug, fallback.label, fallback.matched) == ("general", "General", ())
    custom = taxonomy(fallback="Other News")
    assert slugs(custom.classify("", "Just words.")) == ["other-news"]
    # A fallback that names a topic of the taxonomy is that topic.
    assert slugs(taxonomy(fallback="law & courts").classify("", "x")) == ["law-courts"]


def test_max_topics_ranking_and_determinism():
    text = "vaccine vaccine privacy lawsuit tennis"
    tax = taxonomy(threshold=1, max_topics=3, min_share=0)
    ranked = tax.classify("", text)
    assert slugs(ranked) == ["health", "law-courts", "privacy"]
    assert [t.score for t in ranked] == sorted((t.score for t in ranked), reverse=True)
    assert tax.classify("", text) == ranked
    # Equal scores keep the taxonomy's order.
    assert slugs(taxonomy(threshold=1, min_share=0).classify("", "lawsuit privacy")) == [
        "law-courts", "privacy"]
    assert slugs(taxonomy(PRIVACY, LAW, threshold=1).classify("", "lawsuit privacy")) == [
        "privacy", "law-courts"]


def test_a_topic_far_below_the_best_is_dropped():
    tax = taxonomy(threshold=1.5, min_share=0.5)
    text = "vaccine vaccine vaccine health health lawsuit"
    assert slugs(tax.classify("", text)) == ["health"]


def test_a_topic_at_three_times_the_threshold_stays_beside_any_best():
    # A strand the story develops (SHARE_CAP times the threshold) is no passing mention,
    # however often the best topic's phrases repeat: the share of the best is no bar.
    text = "vaccine vaccine vaccine health health lawsuit"  # law-courts: 3 points
    assert slugs(taxonomy(threshold=1, min_share=0.5).classify("", text)) == [
        "health", "law-courts"]
    assert slugs(taxonomy(threshold=1.01, min_share=0.5).classify("", text)) == ["health"]


def test_classify_scores_agree_with_the_explained_scores():
    tax = taxonomy(threshold=1)
    text = "The judge and the court heard the lawsuit on health data at the tennis court."
    explained = {t.slug: t for t in tax.score("Vaccine lawsuit", text)}
    for topic in tax.classify("Vaccine lawsuit", text):
        assert topic.score == explained[topic.slug].score
        assert topic.matched == explained[topic.slug].matched


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300), st.text(max_size=60))
def test_any_text_gets_between_one_and_max_topics(text, title):
    tax = taxonomy(max_topics=2)
    topics = tax.classify(title, text)
    assert 1 <= len(topics) <= 2
    assert len(set(slugs(topics))) == len(topics)


# Pieces of the test taxonomy's vocabulary, its words' neighbours, and separators.
APPEALS = {"slug": "appeals", "label": "Appeals", "phrases": ["court of appeal", "appeal"],
           "negative": ["appeal of the"]}
PIECES = ["tennis", "court", "Court", "supreme", "lawsuit", "judge", "ruling", "party",
          "health", "data", "privacy", "vaccine", "cyber", "ball", "match", "the", "of",
          "appeal", "x_y", "2024", " ", "  ", "-", ",", ".", "\n", "\t", "'", "(", ")",
          "\x0b", "\x1c", "\x1d", "\x1e", "\x1f"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.lists(st.sampled_from(PIECES)))
@example(list("Court of\nappeal: appeal of the court of appeal, Tennis-Court"),
         list("Lawsuit: health data"))
def test_ascii_text_is_matched_as_the_same_text_beside_a_non_ascii_character(body, head):
    # ASCII text takes a faster path (bytes); an em dash is no word, but sends the
    # text down the general path: both must find exactly the same evidence.
    tax = taxonomy(LAW, SPORT, HEALTH, PRIVACY, APPEALS, threshold=1)
    text, title = "".join(body), "".join(head)
    assert tax.score(title, text) == tax.score(title + "\u2014", text + "\u2014")
    assert tax.classify(title, text) == tax.classify(title + "\u2014", text + "\u2014")


def test_override_by_slug_or_label_in_any_case():
    tax = taxonomy()
    assert slugs(tax.override("PRIVACY, law & courts, privacy")) == ["privacy", "law-courts"]
    assert slugs(tax.override(" , ")) == []
    with pytest.raises(UnknownTopics) as err:
        tax.override("privacy, Sportz, astrology")
    assert err.value.names == ("Sportz", "astrology")
    assert "'Sportz'" in str(err.value) and "law-courts" in str(err.value)


def test_topics_header_overrides_the_classifier_or_names_its_line():
    tax = taxonomy()
    text = seed_text(body=("A lawsuit before the judge.",), extra=[("Topics", "health")])
    assert slugs(seed_topics(tax, parse_seed(text, "a.txt"))) == ["health"]
    bad = seed_text(extra=[("Summary", "x"), ("Topics", "helth")])
    with pytest.raises(SeedError) as err:
        seed_topics(tax, parse_seed(bad, "b.txt"))
    assert (err.value.path, err.value.line) == ("b.txt", 10)
    assert "unknown topic 'helth'" in str(err.value)


# -- the taxonomy's settings -------------------------------------------------------

EXPECTED = {
    "privacy": "Privacy", "cybersecurity": "Cybersecurity", "surveillance": "Surveillance",
    "government-policy": "Government & Policy", "law-courts": "Law & Courts",
    "technology": "Technology", "business": "Business & Economy",
    "social-media": "Social Media & Messaging", "human-rights": "Human Rights",
    "misinformation": "Misinformation", "elections": "Elections", "health": "Health",
    "climate": "Climate & Environment", "science": "Science", "sports": "Sports",
}


def test_default_taxonomy_has_exactly_the_fifteen_topics():
    """... and one subject it does not cover (``outside = true``), never given."""
    digest = digest_settings(str(ROOT / "pelicanconf.py"))
    topics = [t for t in digest["DIGEST_TOPICS"] if not t.get("outside")]
    assert {t["slug"]: t["label"] for t in topics} == EXPECTED
    assert len(topics) == 15
    assert all(t.get("phrases") for t in digest["DIGEST_TOPICS"])
    outside = [t["slug"] for t in digest["DIGEST_TOPICS"] if t.get("outside")]
    assert outside == ["arts-entertainment", "lifestyle", "people", "accidents", "weather"]
    assert (digest["DIGEST_MAX_TOPICS"], digest["DIGEST_FALLBACK_TOPIC"]) == (5, "General")


def test_no_taxonomy_file_means_every_story_is_general():
    digest = resolve({"DIGEST_TOPICS_FILE": None})
    assert digest["DIGEST_TOPICS"] == ()
    assert Taxonomy.from_settings(digest).classify("Lawsuit", "x")[0].slug == "general"


def test_taxonomy_file_is_read_beside_the_settings_file(tmp_path):
    (tmp_path / "conf.py").write_text('DIGEST_TOPICS_FILE = "mine.toml"\n')
    (tmp_path / "mine.toml").write_text('[[topics]]\nslug = "law"\nlabel = "Law"\n'
                                        'phrases = ["lawsuit"]\n')
    digest = digest_settings(str(tmp_path / "conf.py"))
    assert [dict(t) for t in digest["DIGEST_TOPICS"]] == [
        {"slug": "law", "label": "Law", "phrases": ("lawsuit",)}]


GOOD = '[[topics]]\nslug = "p"\nlabel = "P"\n'


@pytest.mark.parametrize("text, line, name, expected", [
    ('topics = "x"\n', None, "topics", "[[topics]] tables"),
    ('[topic]\nslug = "p"\n', None, "topic", "only [[topics]] tables"),
    ('[[topics]]\nlabel = "Privacy"\n', 1, "topics[0].slug", "lowercase letters"),
    ('[[topics]]\nlabel = "P"\nslug = "Privacy Stuff"\n', 3, "topics[0].slug", "hyphens"),
    ('[[topics]]\nslug = "p"\nlabel = " "\n', 3, "topics[0].label", "non-empty text"),
    (GOOD + '\n[[topics]]\nslug = "p"\nlabel = "Q"\n', 6, "topics[1].slug",
     "topics[0] has it"),
    (GOOD + '\n[[topics]]\nslug = "q"\nlabel = "p"\n', 7, "topics[1].label",
     "no other topic has"),
    (GOOD + 'phrase = ["x"]\n', 4, "topics[0].phrase", "no such key"),
    (GOOD + 'phrases = "privacy"\n', 4, "topics[0].phrases", "a list of words or phrases"),
    (GOOD + 'keywords = ["ok", "  "]\n', 4, "topics[0].keywords", "text with letters"),
    (GOOD + '\n[topics.phrases]\n"gdpr" = -1\n', 6, "topics[0].phrases['gdpr']", "above 0"),
    (GOOD + 'outside = "yes"\n', 4, "topics[0].outside", "true (a subject the digest"),
    ('[[topics]\n', 1, "", "is not valid TOML"),
])
def test_malformed_taxonomy_names_file_line_and_entry(tmp_path, text, line, name, expected):
    path = tmp_path / "topics.toml"
    path.write_text(text)
    with pytest.raises(TaxonomyFileError) as err:
        load_taxonomy(path)
    message = str(err.value)
    assert message.startswith(f"{path.resolve()}:{line}: " if line and name else
                              f"{path.resolve()}")
    assert name in message and expected in message


@pytest.mark.parametrize("name, value", [
    ("DIGEST_MAX_TOPICS", 0), ("DIGEST_MAX_TOPICS", "5"), ("DIGEST_FALLBACK_TOPIC", ""),
    ("DIGEST_FALLBACK_TOPIC", "!!"), ("DIGEST_TOPIC_THRESHOLD", 0),
    ("DIGEST_TOPIC_HEADLINE_WEIGHT", True),
])
def test_bad_topic_settings_are_refused(name, value):
    with pytest.raises(DigestConfigError) as err:
        resolve({name: value})
    assert err.value.name == name and repr(value) in str(err.value)
