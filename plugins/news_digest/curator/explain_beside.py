"""``explain``'s words for a topic's phrases left to another topic (``not_beside``).

The rule (``enrich/topic_beside.py``) is the tagger's last: a topic whose ``not_beside``
table names a topic given beside it is kept only when the rest of its evidence reaches
the threshold. This says, for such a topic, what the rest scores, and whether the rule
left it out (it would have been given without the rule) or kept it.
"""

from __future__ import annotations

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
    other, points, heaviest = rest
    label = taxonomy.topics[other].label
    words = (f"beside {label}, given, the words it leaves to {label} (not_beside) do not "
             f"count, and the rest of its evidence scores {points:g}")
    if rules.stands(rest):
        return f"{verdict}; {words}, at least {rules.threshold:g}" if verdict.startswith(
            "kept") else verdict
    if any(t.slug == topic.slug for t in chosen) or topic.slug not in _without(taxonomy,
                                                                               title, text):
        return verdict
    short = (f"under {rules.threshold:g}" if points < rules.threshold else
             f"with no phrase of weight >= {rules.anchor:g}")
    return (f"not kept: {words}, {short}: a topic of its own here only with more of its "
            f"own words (a bill, a minister, a policy); a Topics: header sets it")


def _without(taxonomy: Taxonomy, title: str, text: str) -> set[str]:
    """The topics given without the ``not_beside`` rule."""
    rules, taxonomy.beside = taxonomy.beside, None
    try:
        return {t.slug for t in taxonomy.classify(title, text)}
    finally:
        taxonomy.beside = rules
