"""``explain``'s verdict on each topic: which rule of the tagger kept it or left it out,
in terms a curator can act on.

Each function mirrors one rule of the tagger (the threshold and share rules of
``enrich/topics.py``, the guards of ``topic_guards.py`` and ``topic_asides.py``, the
learned desks of ``topic_lift.py``, the learned verdict of ``topic_verdict.py``) and
says what it did to one topic, or None when it did not decide it. ``explain.py``
asks them in the order the tagger applies them.
"""

from __future__ import annotations

from ..enrich.topic_asides import ASIDE_CHARS
from ..enrich.topic_guards import (
    OPENING_CHARS,
    OPENING_SHARE,
    OUTSIDE_NEAR_SHARE,
    THREAD_TIMES,
    THREAD_WEIGHT,
)
from ..enrich.topic_lift import (
    CONFIRM_SHARE,
    DESK_SHARE,
    DOUBT_PROBABILITY,
    LIFT_PROBABILITY,
    PASSING_CHARS,
    SINGLE_TIMES,
    SINGLE_WEIGHT,
    SURE_PROBABILITY,
)
from ..enrich.topic_signals import MONEY
from ..enrich.topic_text import read_body
from ..enrich.topic_verdict import SIDE_CUT
from ..enrich.topics import (
    ANCHOR_WEIGHT,
    NEAR_SHARE,
    REAL_PHRASES,
    REAL_POINTS,
    SHARE_CAP,
    Taxonomy,
    Topic,
)


def guarded(taxonomy: Taxonomy, topic: Topic, given: Topic | None, outside: Topic | None,
            opened: set[str], chances: dict[str, float] | None = None) -> str | None:
    """What the guards (``topic_guards.py``) did to a topic, when they decided it."""
    threshold = taxonomy.threshold
    yields = _yields(taxonomy, outside, topic, chances or {})
    if outside is not None and topic.slug == outside.slug:
        gives_way = (" or the learned desks read the story as its desk (yields = true)"
                     if yields is not None else "")
        if topic.score >= threshold:
            doubt = ("; a topic the learned desks find very unlikely gives way to it too when "
                     "they read the story as its desk or it alone has the headline or the "
                     "opening") if taxonomy.lift else ""
            return (f"outside the digest (outside = true): never given; the story reads as "
                    f"{topic.label}, so a topic is given only if it scores more than "
                    f"{topic.score:g}{gives_way}{doubt}")
        if topic.score >= threshold * OUTSIDE_NEAR_SHARE:
            return (f"outside the digest (outside = true): never given; near the line, it "
                    f"holds back the topics under {threshold:g} that do not score more than "
                    f"{topic.score:g}")
        return (f"outside the digest (outside = true): never given; under "
                f"{threshold * OUTSIDE_NEAR_SHARE:g}, it does not hold other topics back")
    could = topic.score >= threshold or (topic.score >= threshold * NEAR_SHARE and _real(topic))
    held = (outside is not None and could and topic.score <= outside.score
            and outside.score >= threshold * OUTSIDE_NEAR_SHARE
            and (outside.score >= threshold or topic.score < threshold))
    developed = threshold * OPENING_SHARE
    further = (topic.slug not in opened and topic.score < developed
               and any(e.kind == "phrases" and _anchor(e) for e in topic.evidence))
    reading = _reading(taxonomy, topic, chances or {}) if further else None
    if given is not None:
        if held and yields and yields[1]:
            return (f"kept: {topic.score:g} >= {threshold:g}; the story reads as "
                    f"{outside.label} ({outside.score:g}), a subject this digest does not "
                    "cover that yields (yields = true) to a topic the learned desks read the "
                    f"story as: {yields[0]}")
        if reading and reading[1] and not given.lifted:
            return (f"kept ({topic.score:g}): none of its phrases is in the headline or the "
                    f"opening (the first {OPENING_CHARS} characters), and {topic.score:g} is "
                    f"under {developed:g}, what a topic found only further down needs, but "
                    f"the learned desks, which read the headline and the opening, read them as "
                    f"its desk: {reading[0]}")
        return None
    if held:
        return (f"not kept: the story reads as {outside.label} ({outside.score:g}), a subject "
                f"this digest does not cover, and {topic.score:g} is not more"
                + (f" (it yields to a topic the learned desks read the story as; here "
                   f"{yields[0]})" if yields else "") + "; list the "
                "phrases of this topic the story uses, or weigh them more")
    if could and outside is not None and outside.score >= threshold:
        doubt = _doubted(taxonomy, topic, outside, opened, chances or {})
        if doubt:
            return doubt
    candidate = topic.score >= threshold or (topic.score >= threshold * NEAR_SHARE
                                             and _real(topic))
    if candidate and further and not (reading and reading[1]):
        desks = (f", and the learned desks do not read the headline and the opening as its "
                 f"desk ({reading[0]})" if reading else "")
        return (f"not kept: none of its phrases is in the headline or the opening (the first "
                f"{OPENING_CHARS} characters), and {topic.score:g} is under {developed:g}, "
                f"what a topic found only further down needs{desks}; a phrase of it in the "
                "headline or the lead would give it")
    return None


def _doubted(taxonomy: Taxonomy, topic: Topic, outside: Topic, opened: set[str],
             chances: dict[str, float]) -> str | None:
    """``topic_guards.Guards.doubted`` in words: a topic the learned desks doubt beside a
    subject outside the digest at the threshold, or None when that rule did not leave it out."""
    numbers = {t.slug: n for n, t in enumerate(taxonomy.topics)}
    lift, number = taxonomy.lift, numbers.get(topic.slug)
    if not lift or not chances or not lift.doubts(number, chances):
        return None
    names = lift.desk_of[number]
    doubt = (f"the learned desks find {topic.label} very unlikely ({' + '.join(names)} "
             f"{lift.chance(number, chances):.2f}, under {DOUBT_PROBABILITY:g})")
    head = (f"not kept: the story reads as {outside.label} ({outside.score:g}), a subject this "
            f"digest does not cover, and {doubt}")
    subject = numbers[outside.slug]
    if lift.reads_as_subject(subject, chances):
        own = lift.subject_desks[subject]
        return (f"{head}, and read it as {outside.label}'s own desk ({' + '.join(own)} "
                f"{sum(chances.get(n, 0.0) for n in own):.2f}, at least {LIFT_PROBABILITY:g}); "
                "a Topics: header gives it if the story is its news")
    if outside.slug in opened and topic.slug not in opened:
        return (f"{head}, and {outside.label} has the headline or the opening (the first "
                f"{OPENING_CHARS} characters) while it has none of its phrases there; a phrase "
                "of it in the headline or the lead would give it")
    return None


def _reading(taxonomy: Taxonomy, topic: Topic,
             chances: dict[str, float]) -> tuple[str, bool] | None:
    """How the learned desks read a story for ``topic`` (in words, and whether at least
    ``LIFT_PROBABILITY``), or None when none speaks for it or there is no model."""
    numbers = {t.slug: n for n, t in enumerate(taxonomy.topics)}
    names = taxonomy.lift.desk_of.get(numbers.get(topic.slug)) if taxonomy.lift else None
    if not names or not chances:
        return None
    chance = sum(chances.get(name, 0.0) for name in names)
    reads = chance >= LIFT_PROBABILITY
    return (f"{' + '.join(names)} {chance:.2f}, {'at least' if reads else 'under'} "
            f"{LIFT_PROBABILITY:g}"), reads


def _yields(taxonomy: Taxonomy, outside: Topic | None, topic: Topic,
            chances: dict[str, float]) -> tuple[str, bool] | None:
    """For a subject outside the digest that yields (``yields = true``): what the desks
    say of ``topic`` in words, and whether they read the story as its desk; else None."""
    numbers = {t.slug: n for n, t in enumerate(taxonomy.topics)}
    if outside is None or numbers.get(outside.slug) not in taxonomy.guards.yields:
        return None
    names = taxonomy.lift.desk_of.get(numbers.get(topic.slug)) if taxonomy.lift else None
    if not names:
        return "no learned desk speaks for this topic", False
    chance = sum(chances.get(name, 0.0) for name in names)
    reads = chance >= LIFT_PROBABILITY
    return (f"{' + '.join(names)} {chance:.2f}, "
            f"{'at least' if reads else 'under'} {LIFT_PROBABILITY:g}"), reads


def learned(taxonomy: Taxonomy, topic: Topic, given: Topic | None, best: float,
            chances: dict[str, float], length: int = 0) -> str | None:
    """What the learned desks did to a topic, when they decided it (else None)."""
    number = next(i for i, t in enumerate(taxonomy.topics) if t.slug == topic.slug)
    names = taxonomy.lift.desk_of.get(number)
    chance = sum(chances.get(name, 0.0) for name in names) if names else None
    reads = f"the story reads like {' + '.join(names)} ({chance:.2f})" if names else ""
    if given is not None and given.lifted:
        return (f"kept, lifted: its phrases scored {topic.score:g}, under "
                f"{taxonomy.threshold:g}, and {reads}, at least {LIFT_PROBABILITY:g} "
                f"({SURE_PROBABILITY:g} on light words alone)")
    if (given is not None or topic.score < taxonomy.threshold or topic.score == best
            or not any(_anchor(e) for e in _phrases(topic))):  # ``rule_verdict`` says why
        return None
    if topic.score < _share_floor(taxonomy, best) and not _thread(topic):
        return None  # left out by the phrases' own rule (see the verdict)
    phrases = _phrases(topic)
    times = sum(int(e.in_headline) + e.body_count for e in phrases)
    if (len(phrases) == 1 and times <= SINGLE_TIMES and phrases[0].weight <= SINGLE_WEIGHT
            and (not names or chance < LIFT_PROBABILITY)):  # else the model gave its word
        why = (f"{reads}, under {LIFT_PROBABILITY:g}" if names
               else "no learned desk speaks for this topic")
        return (f"not kept: a second topic resting on one light phrase (\"{phrases[0].phrase}\""
                f", weight {phrases[0].weight:g}, {times}x) needs the model's word, and {why}; "
                "a second phrase of the topic in the story, or a heavier one, would keep it")
    if not names and _in_passing(phrases, length):
        return (f"not kept: a second topic mentioned only in passing ({len(phrases)} of its "
                "phrases, each once in the body, none in the headline, in a story of "
                f"{PASSING_CHARS} characters or more), and no learned desk speaks for this "
                "topic; one of its phrases in the headline, or repeated, would keep it")
    if names and topic.score < taxonomy.threshold * CONFIRM_SHARE and chance < DOUBT_PROBABILITY:
        return (f"not kept: a second topic close to the line ({topic.score:g}), and {reads}, "
                f"under {DOUBT_PROBABILITY:g}")
    return None


def money_led(taxonomy: Taxonomy, topic: Topic, chosen: list[Topic],
              chances: dict[str, float]) -> str | None:
    """Why a topic resting mostly on amounts of money is left out beside another topic
    (``topic_signals.money_led``)."""
    money = sum(e.points for e in topic.evidence if e.phrase == MONEY)
    rest = sum(e.points for e in topic.evidence if e.kind == "phrases" and e.points > 0) - money
    others = [t for t in chosen if t.slug not in (topic.slug, taxonomy.fallback.slug)]
    number = next(i for i, t in enumerate(taxonomy.topics) if t.slug == topic.slug)
    names = taxonomy.lift.desk_of.get(number)
    chance = sum(chances.get(name, 0.0) for name in names or ())
    if money <= rest or not others or (names and chance >= LIFT_PROBABILITY):
        return None
    reads = (f"the story reads like {' + '.join(names)} ({chance:.2f}), under "
             f"{LIFT_PROBABILITY:g}" if names else "no learned desk speaks for it")
    return (f"not kept: it rests mostly on amounts of money ({money:g} of its {money + rest:g} "
            f"points of phrases) beside {others[0].label}, given on other evidence, and {reads}:"
            " a figure of that story, not a story of its own; a phrase of its own in the "
            "story, or the story read as its desk, would keep it")


def crowded(taxonomy: Taxonomy, topic: Topic, chosen: list[Topic]) -> str | None:
    """Why a topic is left out beside a better one of its own desk (``DeskLift.crowded``)."""
    numbers = {t.slug: n for n, t in enumerate(taxonomy.topics)}
    if topic.slug not in numbers or any(t.slug == topic.slug for t in chosen):
        return None
    for other in chosen:
        if (other.slug in numbers and topic.score < DESK_SHARE * other.score
                and taxonomy.lift.mates(numbers[topic.slug], numbers[other.slug])):
            return (f"not kept: {other.label} leads the same desk here ({other.score:g}) and "
                    f"{topic.score:g} is under {DESK_SHARE:.0%} of it: a second topic of one "
                    "desk so far behind is a mention in passing; its phrases in the headline, "
                    "or more of them, would keep it")
    return None


def _phrases(topic: Topic) -> list:
    """The phrases that found a topic; an amount of money in the body is none of them."""
    return [e for e in topic.evidence if e.kind == "phrases" and e.points > 0
            and (e.phrase != MONEY or e.in_headline)]


def _in_passing(phrases: list, length: int) -> bool:
    """Each phrase once in the body, none in the headline, in a long story (``passing``)."""
    return bool(phrases) and length >= PASSING_CHARS and all(
        not e.in_headline and e.body_count == 1 for e in phrases)


def _thread(topic: Topic):
    """The phrase that makes a topic a thread of the story (``Guards.threaded``), or None."""
    return next((e for e in topic.evidence if e.kind == "phrases" and e.points > 0
                 and e.weight >= THREAD_WEIGHT and e.body_count >= THREAD_TIMES), None)


def _share_floor(taxonomy: Taxonomy, best: float) -> float:
    """What a topic beside the best must score (``topics.SHARE_CAP``)."""
    return min(best * taxonomy.min_share, taxonomy.threshold * SHARE_CAP)


def beyond(taxonomy: Taxonomy) -> str:
    return f"not kept: beyond the {taxonomy.max_topics} best topics"


def looked(taxonomy: Taxonomy, topic: Topic, best: float, chances: dict[str, float],
           story: tuple[str, str], opened: set[str]) -> str | None:
    """Why a topic the phrases would give is left out by a last look (``topic_asides``,
    and the best topic named only in passing)."""
    number = next(i for i, t in enumerate(taxonomy.topics) if t.slug == topic.slug)
    names = taxonomy.lift.desk_of.get(number)
    body = read_body(story[1])
    phrases = _phrases(topic)
    chance = sum(chances.get(name, 0.0) for name in names or ())
    reads = f"the story reads like {' + '.join(names or ())} ({chance:.2f})"
    if topic.score == best and not names and _in_passing(phrases, len(body)):
        return (f"not kept: the best topic, but mentioned only in passing ({len(phrases)} of "
                "its phrases, each once in the body, none in the headline, in a story of "
                f"{PASSING_CHARS} characters or more), and no learned desk speaks for this "
                "topic; one of its phrases in the headline, or repeated, would give it")
    if topic.score < best and names and topic.slug not in opened and chance < DOUBT_PROBABILITY:
        return (f"not kept: a second topic found only further down (none of its phrases in "
                f"the headline or the first {OPENING_CHARS} characters), and {reads}, under "
                f"{DOUBT_PROBABILITY:g}: neither the opening nor the desks speak for it; a "
                "phrase of it in the lead would keep it")
    head, _ = taxonomy.record(story[0], story[1])
    place = taxonomy.asides.asides([(topic.score, number)], head, body, taxonomy.scan)
    if number in place:
        return (f"not kept: an aside: all its phrases of weight >= {ANCHOR_WEIGHT:g} sit in "
                f"one paragraph (paragraph {place[number] + 1}), none in the headline or the "
                f"first paragraph, in a story of {ASIDE_CHARS} characters or more; its "
                "phrases in the headline, the first paragraph or a second paragraph would "
                "keep it")
    return None


def without_verdict(taxonomy: Taxonomy, title: str, text: str) -> set[str]:
    """The topics the rules give before the learned verdict has its say."""
    judge, taxonomy.verdict = taxonomy.verdict, None
    try:
        return {t.slug for t in taxonomy.classify(title, text)}
    finally:
        taxonomy.verdict = judge


def learned_verdict(taxonomy: Taxonomy, row: list[float], verdict: str, left_out: bool,
                    side: bool = False) -> str:
    """The learned verdict on a second topic (``topic_verdict.py``), in words: the
    evidence that weighed most for and against it; ``side``: judged at ``SIDE_CUT``."""
    judge = taxonomy.verdict
    chance = judge.chance(row)
    helped, hurt = judge.reasons(row)
    why = (f"for it: {', '.join(helped) or 'nothing much'}; against it: "
           f"{', '.join(hurt) or 'nothing much'}")
    cut = SIDE_CUT if side else judge.cut
    if left_out and chance < cut:
        return (f"not kept: the learned verdict finds it unlikely to be an editor's second "
                f"topic ({chance:.2f}, under {cut:g}"
                + ("" if not side else ", the cut for a side thread: neither the headline "
                   "nor the opening names it, while the best topic is in both and further "
                   "down") + f"; {why}); one of its phrases in "
                "the headline, or more of them in the story, would keep it; a Topics: header "
                "sets it")
    if verdict.startswith("kept"):
        return f"{verdict}; the learned verdict keeps it ({chance:.2f}; {why})"
    return verdict


def rule_verdict(taxonomy: Taxonomy, topic: Topic, given: Topic | None, best: float,
                 overridden: bool) -> str:
    """Why a topic was given or not, in terms a curator can act on."""
    if overridden:
        return ("kept: named in the Topics: header" if given
                else "not kept: not in the Topics: header")
    threshold = taxonomy.threshold
    if given is not None:
        if given.near_line:
            return (f"kept near the line: no topic reached {threshold:g}, and this one has "
                    f"{topic.score:g} (>= {threshold * NEAR_SHARE:g}) on real evidence")
        thread = _thread(topic) if topic.score < _share_floor(taxonomy, best) else None
        if thread is not None:
            return (f"kept: {topic.score:g} >= {threshold:g}; under {taxonomy.min_share:.0%} of "
                    f"the best topic's {best:g}, but \"{thread.phrase}\" is found "
                    f"{thread.body_count} times in the body: a thread of the story, not a mention")
        return f"kept: {topic.score:g} >= {threshold:g}"
    phrases = [e for e in topic.evidence if e.kind == "phrases" and e.points > 0]
    if not any(_anchor(e) for e in phrases):
        money = any(e.phrase == MONEY for e in phrases)
        return (f"not kept: no phrase of weight >= {ANCHOR_WEIGHT:g} found (light words "
                "alone do not give a topic" + ("; an amount of money counts as one only in "
                "the headline" if money else "") + "); list a stronger phrase this story uses")
    if topic.score < threshold * NEAR_SHARE:
        return (f"not kept: {topic.score:g} is under the threshold {threshold:g}; list more "
                "of the words this story uses, or weigh them more")
    if topic.score < threshold:
        if not _real(topic):
            money = any(e.phrase == MONEY and not e.in_headline for e in topic.evidence)
            return (f"not kept: {topic.score:g} is near the line but rests on one phrase in the "
                    "body" + (" (an amount of money in the body is no phrase of it)" if money
                              else "") + "; a second phrase, or one in the headline, would give it")
        return (f"not kept: {topic.score:g} is near the line, and another topic reached "
                f"{threshold:g}")
    if topic.score < _share_floor(taxonomy, best):
        return (f"not kept: {topic.score:g} is under {taxonomy.min_share:.0%} of the best "
                f"topic's {best:g} (and under {taxonomy.threshold * SHARE_CAP:g}, "
                f"{SHARE_CAP:g} times the threshold, which keeps a topic beside any best); one "
                f"of its phrases of weight >= {THREAD_WEIGHT:g} found {THREAD_TIMES} times in "
                "the body, a thread of the story, would keep it")
    return beyond(taxonomy)


def _anchor(evidence) -> bool:
    """A phrase that can give a topic (``topics.ANCHOR_WEIGHT``; money only in the headline)."""
    return evidence.weight >= ANCHOR_WEIGHT and (evidence.phrase != MONEY
                                                 or evidence.in_headline)


def _real(topic: Topic) -> bool:
    """Real evidence near the line: enough points from phrases, found as two different
    phrases, one twice in the body, or one in the headline (``topics.REAL_PHRASES``)."""
    phrases = _phrases(topic)
    return (sum(e.points for e in topic.evidence if e.kind == "phrases" and e.points > 0)
            >= REAL_POINTS
            and sum(2 if e.in_headline or e.body_count > 1 else 1 for e in phrases)
            >= REAL_PHRASES)
