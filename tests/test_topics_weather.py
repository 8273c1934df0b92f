"""Weather, a subject outside the digest that yields to the desks (issue 18, topics-gov2).

The development set's rubric files weather outside the taxonomy: a storm's forecast is no
Climate story, though forecasters name climate change and sea levels. ``topics.toml``
lists Weather (forecasts, warnings, gusts, heavy rain...) as ``outside = true``, so a
forecast goes to General; with ``yields = true`` it holds back only the topics the learned
desks do not read the story as (``enrich/topic_guards.py``): research on a storm and
climate change, which the desks read as health and environment, keeps Climate however
many warnings it quotes. Written items only.
"""

from __future__ import annotations

import pytest

from news_digest.enrich.taxonomy_file import TaxonomyFileError, load_taxonomy
from news_digest.enrich.topics import Taxonomy

from sitebuild import ROOT, default_taxonomy, explain_report

FORECAST = ("Storm Dara to bring gales and heavy rain to the west", (
    "The Met Office has issued an amber warning for wind as Storm Dara brings gusts of up to "
    "80mph to western coasts on Saturday, with heavy rain and flood warnings in place for "
    "low-lying areas.",
    "Forecasters said the storm, the fourth named storm of the season, would bring a sting "
    "jet and torrential rain overnight. Climate scientists say storms like it are becoming "
    "wetter as the climate warms, and sea levels make coastal flooding worse.",
    "The weather warning runs until Sunday evening, when the storm moves east and "
    "temperatures fall."))
STUDY = ("Climate change made Storm Dara's rain heavier, study finds", (
    "Greenhouse gas emissions from burning fossil fuels made Storm Dara wetter, climate "
    "scientists found: global warming and climate change are making winter storms across "
    "Europe wetter, and cutting carbon emissions to net zero would slow it.",
    "The Met Office had issued an amber warning for wind and flood warnings as gusts of 80mph "
    "hit western coasts, and forecasters warned of a sting jet, torrential rain and "
    "thunderstorms. The weather warning ran until Sunday; the national weather service in "
    "Ireland issued a red warning, and heavy rainfall caused flood alerts across the region."))


def topics(story: tuple[str, tuple[str, ...]], taxonomy: Taxonomy | None = None) -> list[str]:
    title, body = story
    return [t.slug for t in (taxonomy or default_taxonomy()).classify(title, "\n".join(body))]


def weather(drop: bool = False, **changes) -> Taxonomy:
    """The default taxonomy with Weather's table changed, or left out (``drop``)."""
    tables = [t for t in load_taxonomy(ROOT / "topics.toml")
              if not (drop and t["slug"] == "weather")]
    return Taxonomy([{**t, **changes} if t["slug"] == "weather" else t for t in tables])


def test_a_storm_forecast_is_weather_and_goes_to_general():
    assert topics(FORECAST) == ["general"]
    # Without Weather, the forecasters' climate change and sea levels gave Climate.
    assert topics(FORECAST, weather(drop=True)) == ["climate"]


def test_research_on_a_storm_that_the_desks_read_as_climate_keeps_climate():
    assert topics(STUDY) == ["climate"]
    # Weather not yielding: it outscores Climate and holds it back.
    assert topics(STUDY, weather(yields=False)) == ["general"]


def test_explain_says_why_weather_held_a_topic_back_or_yielded(tmp_path):
    held = explain_report(tmp_path, FORECAST[0], FORECAST[1])
    assert ("climate (Climate & Environment) - not kept: the story reads as Weather" in held
            and "(it yields to a topic the learned desks read the story as; here "
                "health-environment" in held)
    assert "or the learned desks read the story as its desk (yields = true)" in held
    kept = explain_report(tmp_path, STUDY[0], STUDY[1])
    assert ("a subject this digest does not cover that yields (yields = true) to a topic "
            "the learned desks read the story as: health-environment" in kept)


@pytest.mark.parametrize("extra", ['yields = true\n', 'outside = true\nyields = "yes"\n'])
def test_yields_is_true_or_false_and_only_outside_the_digest(tmp_path, extra):
    path = tmp_path / "topics.toml"
    path.write_text('[[topics]]\nslug = "weather"\nlabel = "Weather"\n' + extra
                    + 'phrases = ["forecast"]\n')
    with pytest.raises(TaxonomyFileError) as err:
        load_taxonomy(path)
    assert "yields" in str(err.value) and "with outside = true" in str(err.value)
