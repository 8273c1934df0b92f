"""``explain``'s words for the last rules: ``not_beside``, ``backdrop`` and a topic named.

``not_beside`` (``enrich/topic_beside.py``) is one of the tagger's last rules: a topic whose
``not_beside`` table names a topic given beside it is kept only when the rest of its
evidence reaches the threshold and half of what the story's body holds of it.
``backdrop`` (``enrich/topic_backdrop.py``) leaves out a topic resting on words of the
story's time or setting. Each says what it made of a topic, and that it left the topic out
only when the topic is given without it. ``named`` says when a second topic rests only on
names the story writes with a capital (``enrich/topic_names.py``); ``acting`` when it rests
on its actors named without an act (``enrich/topic_actors.py``).
"""

from __future__ import annotations

from ..enrich.topic_beside import REST_SHARE
from ..enrich.topic_guards import THREAD_TIMES
from ..enrich.topic_lift import LIFT_PROBABILITY
from ..enrich.topic_text import read_body, read_headline
from ..enrich.topics import Taxonomy, Topic


def beside(taxonomy: Taxonomy, topic: Topic, chosen: list[Topic], title: str, text: str,
           verdict: str) -> str:
    """``verdict``, or what the ``not_beside`` rule made of ``topic`` beside ``chosen``."""
    rules, numbers = taxonomy.beside, {t.slug: n for n, t in enumerate(taxonomy.topics)}
    number = numbers.get(topic.slug)
    if not rules or number not in rules.rules:
        return verdict
    others = {numbers[t.slug] for t in chosen if t.slug in numbers and t.slug != topic.slug}
    head, body = taxonomy.record(title, text)
    rest = rules.rest(number, others, head, body, taxonomy._total)
    if rest is None:
        return verdict
    other, points, heaviest, mine, whole = rest
    label = taxonomy.topics[other].label
    words = (f"beside {label}, given, the words it leaves to {label} (not_beside) do not "
             f"count, and the rest of its evidence scores {points:g}")
    if rules.stands(rest):
        return (f"{verdict}; {words}, at least {rules.threshold:g} (in the body {mine:g} of "
                f"its {whole:g}, at least {REST_SHARE:.0%})") if verdict.startswith(
                    "kept") else verdict
    if any(t.slug == topic.slug for t in chosen) or topic.slug not in _without(taxonomy,
                                                                               title, text):
        return verdict
    short = (f"under {rules.threshold:g}" if points < rules.threshold else
             f"with no phrase of weight >= {rules.anchor:g}" if heaviest < rules.anchor else
             f"but in the body only {mine:g} of its {whole:g}, under {REST_SHARE:.0%}: most "
             f"of what the body holds of it is the words it leaves to {label}, the actors "
             "of that story")
    return (f"not kept: {words}, {short}: a topic of its own here only with more of its "
            f"own words, not those it leaves to {label}; a Topics: header sets it")


def _without(taxonomy: Taxonomy, title: str, text: str, rule: str = "beside") -> set[str]:
    """The topics given without the rule ``rule`` (``beside``, ``backdrop``, ``names`` or
    ``actors``) and the rules after it: a topic one rule left out, a later one did not."""
    # The rules after ``not_beside`` in ``classify``: names, then actors (the backdrop
    # comes before the verdict, so it is not turned off with ``not_beside``).
    order = ("beside", "backdrop", "names", "actors")
    later = order[max(order.index(rule) + 1, 2):]
    saved = {name: getattr(taxonomy, name) for name in (rule, *later)}
    for name in saved:
        setattr(taxonomy, name, None)
    try:
        return {t.slug for t in taxonomy.classify(title, text)}
    finally:
        for name, rules in saved.items():
            setattr(taxonomy, name, rules)


def backdrop(taxonomy: Taxonomy, topic: Topic, chosen: list[Topic], title: str, text: str,
             verdict: str) -> str:
    """``verdict``, or why ``topic`` was left out as the story's backdrop (``backdrop``)."""
    rules, numbers = taxonomy.backdrop, {t.slug: n for n, t in enumerate(taxonomy.topics)}
    number = numbers.get(topic.slug)
    if not rules or number not in rules.lists or any(t.slug == topic.slug for t in chosen):
        return verdict
    head, body = taxonomy.record(title, text)
    # Ranked before it as the tagger ranks them: a better score, or the same score and a
    # topic listed earlier in the taxonomy (a tie is broken by the taxonomy's order).
    better = next((t for t in chosen if (-t.score, numbers.get(t.slug, 0))
                   < (-topic.score, number)), None)
    share = rules.share(number, head, body, taxonomy._points, beside=better is not None)
    if not rules.is_backdrop(share) or topic.slug not in _without(taxonomy, title, text,
                                                                  "backdrop"):
        return verdict
    if better is not None and not rules.lists[number].isdisjoint(head):
        return (f"not kept: it rests on the story's backdrop ({share[0]:g} of its "
                f"{share[1]:g} points of phrases from words listed under backdrop) beside "
                f"{better.label}, given, which scores {more(better.score, topic.score)}: "
                "named in the headline too, they are the time of that story; more of the "
                "topic's own words would give it")
    return (f"not kept: it rests on the story's backdrop ({share[0]:g} of its {share[1]:g} "
            "points of phrases from words listed under backdrop, none of them in the "
            "headline): the story's time or setting, not its subject; one of them in the "
            "headline, or more of the topic's own words, would give it")


def more(better: float, score: float) -> str:
    """How the topic ranked first compares: it scores more, or as much and comes first."""
    return "more" if better > score else "as much and is listed first in the taxonomy"


def backdrop_topics(taxonomy: Taxonomy, title: str, text: str) -> set[str]:
    """The topics (slugs) that rest on the story's backdrop: left out before the verdict
    (beside a better topic given, with backdrop words in the headline too)."""
    rules = taxonomy.backdrop
    if not rules:
        return set()
    head, body = taxonomy.record(title, text)
    scores = {t.slug: t.score for t in taxonomy.score(title, text)}
    numbers = {t.slug: n for n, t in enumerate(taxonomy.topics)}
    given = [(-t.score, numbers.get(t.slug, 0)) for t in taxonomy.classify(title, text)]
    left = set()
    for n in rules.lists:
        slug = taxonomy.topics[n].slug
        beside = any(rank < (-scores.get(slug, 0.0), n) for rank in given)  # ranked before
        if rules.is_backdrop(rules.share(n, head, body, taxonomy._points, beside=beside)):
            left.add(slug)
    return left


def named(taxonomy: Taxonomy, topic: Topic, chosen: list[Topic], title: str, text: str,
          verdict: str) -> str:
    """``verdict``, or why ``topic`` was left out as a name the story only names."""
    if any(t.slug == topic.slug for t in chosen) or taxonomy.model is None:
        return verdict
    rules, numbers = taxonomy.names, {t.slug: n for n, t in enumerate(taxonomy.topics)}
    number = numbers[topic.slug]
    head, body = taxonomy.record(title, text)
    read = read_body(text)
    names = rules.named_only(number, head, body, read, lambda: taxonomy.lift.probabilities(
        read_headline(title, text), read))
    if not names or topic.slug not in _without(taxonomy, title, text, "names"):
        return verdict
    headed = {rules.anchor[n] for n in head if n in rules.anchor}
    quoted = ", ".join(f'"{name}"' for name in names)
    keep = ("one of its words in lower case, a name the story comes back to "
            f"({THREAD_TIMES} times in the body) or the learned desks reading the story as "
            f"its desk ({LIFT_PROBABILITY:g}) would keep it; a Topics: header sets it")
    if number not in headed:
        return (f"not kept: a second topic with nothing in the headline, it rests only on "
                f"names the story gives as examples of something else ({quoted}, each time "
                f"after \"like\", \"such as\" or \"including\"): it is not about them; {keep}")
    better = next((t for t in chosen if numbers.get(t.slug) in headed), None)
    beside_it = (f"beside {better.label}, given, which the headline names too" if better
                 else "beside a better topic the headline names too")
    return (f"not kept: {beside_it}, it rests only on names, written with a capital "
            f"wherever they stand inside a sentence ({quoted}): the story names them as its "
            f"scene, it is not about them; {keep}")


def acting(taxonomy: Taxonomy, topic: Topic, chosen: list[Topic], title: str, text: str,
           verdict: str) -> str:
    """``verdict``, or why ``topic`` was left out as resting on its actors named without an
    act (``actors`` and ``acts``, ``enrich/topic_actors.py``)."""
    rules, numbers = taxonomy.actors, {t.slug: n for n, t in enumerate(taxonomy.topics)}
    number = numbers.get(topic.slug)
    if (not rules or number not in rules.actors or not chosen
            or any(t.slug == topic.slug for t in chosen)):
        return verdict
    head, body = taxonomy.record(title, text)
    headline, read = read_headline(title, text), read_body(text)
    acted = rules.governed(number, head, body, headline, read, taxonomy._matcher.entries_in)
    if acted is None or topic.slug not in _without(taxonomy, title, text, "actors"):
        return verdict
    points = taxonomy._total(taxonomy._group(*acted, {number}).get(number, []))
    if points >= rules.threshold:
        return verdict
    mine, (acted_head, acted_body) = rules.actors[number], acted
    quoted = ", ".join(
        f'"{taxonomy._entries[e][3]}" x{head.get(e, 0) + body.get(e, 0)}, '
        f"{(e in acted_head) + acted_body.get(e, 0)} beside an act"
        for e in sorted({*head, *body} & mine, key=lambda e: taxonomy._entries[e][3]))
    return (f"not kept: beside {chosen[0].label}, given, it rests on its actors named "
            f"without an act ({quoted}; listed under actors): counted only in the sentences "
            "that hold an act (a word listed under acts, or another phrase or keyword of the "
            f"topic), it scores {points:g}, under {rules.threshold:g}; the actors governing "
            "(an act beside them: a bill, a vote, a ban, a budget) would keep it; a Topics: "
            "header sets it")
