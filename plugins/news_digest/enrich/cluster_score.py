"""How strongly two stories look like one event: the score of a pair (``enrich/`` stage).

Pure module (no Pelican import), used by ``clusters.py`` and ``cluster_why.py``.

The score starts from the terms two stories share (``similarity``: how much of
each story the other one tells, for the story it tells least of) and is lowered
by what says they are two events:

* time: past a day apart, down to ``1 - TIME_DECAY`` at the window's edge,
  unless both leads name the event's day and it is the same one;
* days: leads that put their events on different days (``event_dates.py``), by
  ``OTHER_DAY_FACTOR``, or ``GUESSED_DAY_FACTOR`` when a lead names no day and
  its day is guessed from the time of writing; not when both quote the same words
  (``event_quotes.py``: one statement, its reports and reactions on their own days),
  nor when both headlines tell the same person doing the same thing
  (``event_heads.py``: one action, announced on one day and done on another), nor
  when the later headline tells an aftermath and the later story tells half the
  earlier again (``follows_up``: the sentence after the verdict);
* names: a headline that names someone, somewhere or an amount the other story
  never mentions (another company, another country, another result), by up to
  ``NAME_PENALTY``; a brief that names nothing the other lacks is forgiven most of
  the names it leaves out (``BRIEF_LACK``).

A pair whose shared terms are essentially one word (``one_term``: a subject, Brexit, a
country, a firm, and nothing else distinctive) is lowered by ``ONE_TERM_FACTOR``, which
holds it under ``LINK``: one word is a subject, not an event. A pair of stories that
each write names but share none of them (``nameless``: two launches of different
rockets, sharing "rocket" and "satellite") is lowered by ``NAMELESS_FACTOR``.

It is raised by ``HEAD_BONUS`` (and capped at 1) when both headlines tell the same
person doing the same kind of act (``event_heads``, ``event_verbs``: "quits", "steps
down").
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .cluster_candidates import WINDOW_SECONDS
from .event_contests import contest_count, contest_factor
from .event_dates import DAY_SECONDS, SAME_DAY_OVERLAP, implicit, same_day
from .event_heads import HEAD_MARK, headed_alike, same_kind_of_act
from .event_numbers import CURRENCY_MARK, changes, converted, rough_term
from .event_quotes import QUOTE_MARK, quoted_alike
from .event_text import MAX_TERM_WEIGHT, MENTION_MARK, SQUARE_SCALE, EventTerms

if TYPE_CHECKING:  # a story's terms, time and days (clusters.py)
    from .clusters import Profile

GUESSED_SPAN = DAY_SECONDS - 1  # a guessed day's span (event_dates.implicit)
EDGE_FLOOR = 0.2  # pairs below this score are not even kept as weak evidence
# Reports of one event cluster in their first day; past a day apart a pair must
# share more to be linked: its score is scaled down to 1 - TIME_DECAY at WINDOW.
DECAY_AFTER_SECONDS = 24 * 3600
TIME_DECAY = 0.4
DAYS_OVER_TIME = True  # no decay when both leads name the same day (named_same_day)
# Two stories whose leads put their events on different days must share more to be
# linked: a firm's second ruling, a team's next match, a race the day before.
OTHER_DAY_FACTOR = 0.6
GUESSED_DAY_FACTOR = 0.8  # the same when a lead names no day (guessed from the time)
# Two stories that quote the same words (event_quotes) tell one utterance: the days
# their leads name do not lower them (a reaction's day against the statement's).
QUOTES_OVER_DAYS = True
# Nor when their headlines tell the same person doing the same thing (event_heads):
# "Obama Will Meet With Sanders On Thursday", "Bernie Sanders Meets President Obama".
HEADS_OVER_DAYS = True
# Nor when the later story's headline tells an aftermath of an earlier occurrence
# (event_verbs.follow_up_act: "jailed", "resigns", "to appeal"): its own day is that of
# the aftermath, not of a new event.
FOLLOW_UPS_OVER_DAYS = True
AFTERMATH_COVERS = 0.5  # ... and tells this much of the earlier story again (its share)
_AFTERMATH_SQUARE = round(AFTERMATH_COVERS * SQUARE_SCALE)
# And a pair whose headlines tell the same person doing the same kind of act, in the
# same verb or another of its kind (event_verbs: "quits", "steps down"), counts more.
HEAD_BONUS = 1.1
# A percentage under 10 (a rate, inflation, growth) is told to a tenth: 3.75% is not 4%.
_RATE_RE = re.compile(r"≈\d(?:\.\d+)?%$")
DERIVED_CHANGES = True  # a headline's percentage is told by two values (lacks)
NAME_PENALTY = 0.3  # at most this much less when a headline's names are missing
# A name weighing the cap (MAX_TERM_WEIGHT) is a quarter of its story: its subject.
SUBJECT_SQUARE = round(MAX_TERM_WEIGHT ** 2 * SQUARE_SCALE)
# A brief (a story of fewer terms than this: two or three sentences) tells the event
# without its places and people: a name it lacks counts this much (name_factor).
BRIEF_TERMS = 24
BRIEF_LACK = 0.25
# Two stories sharing one word and nothing else distinctive tell one subject, not one
# event (two BBC briefs of one day on Brexit: the subject at the cap scores 0.5 alone).
# When the shared terms but the strongest cover less than ONE_TERM_REST of the story
# they cover least, and none is a number, a quotation, a head, a mention or a name
# of either headline, the score is lowered by ONE_TERM_FACTOR: with the strongest
# at the cap (a quarter), 0.9 * sqrt(0.25 + 0.05) = 0.49, under LINK (0.5).
ONE_TERM_REST = 0.05
ONE_TERM_FACTOR = 0.9
_ONE_TERM_REST_SQUARE = round(ONE_TERM_REST * SQUARE_SCALE)
# Two briefs sharing two words and nothing else distinctive tell one subject too (one
# publisher's one-sentence briefs: "Brexit" and "referendum", "Brexit" and "watchdog"):
# a brief has too few terms for more to show, and two heavy words carry it over LINK.
TWO_TERMS_FACTOR = 0.7
# A headline's amount in a currency the other story never gives one in, while it gives
# its own in another, is a converted figure, not a missing one (``converted``).
CONVERTED = True
_DISTINCT_MARKS = frozenset("#≈~" + QUOTE_MARK + HEAD_MARK + MENTION_MARK)
# Two stories that each write names (people, places, firms) but share none, nor a
# number, a quotation or a head, tell the same kind of thing about others: a Long
# March launch and an Ariane launch the same evening share "rocket", "satellite",
# "lift-off" and no name (``nameless``).
NAMELESS_FACTOR = 0.8


def nameless(a: EventTerms, b: EventTerms, common) -> bool:
    """Whether both stories write names and share none (a term either one writes as a
    name), nor a number, a quotation, a head or a mention: ``NAMELESS_FACTOR``."""
    if NAMELESS_FACTOR == 1.0 or not (a.named and b.named):
        return False
    return (common.isdisjoint(a.named) and common.isdisjoint(b.named)
            and not any(term[0] in _DISTINCT_MARKS for term in common))


def shared_terms(a: EventTerms, b: EventTerms) -> list[tuple[str, float, float]]:
    """(term, its weight in ``a``, in ``b``) for each term both stories have, strongest
    first; not the quote terms, which weigh nothing (``event_quotes``)."""
    if len(b.weights) < len(a.weights):
        return [(t, wa, wb) for t, wb, wa in shared_terms(b, a)]
    other = b.weights
    return sorted(((t, w, other[t]) for t, w in a.weights.items() if t in other and w),
                  key=lambda item: (-item[1] * item[2], item[0]))


def similarity(a: EventTerms, b: EventTerms) -> float:
    """How much of each story the other one tells, for the story it tells least of.

    Each story's weights have unit length, so the squared weights of the terms it
    shares with the other are the share of its own text that the other covers.
    Taking the smaller share (and its square root, to read like a cosine) keeps a
    story apart that mentions another event in a sentence: the other event's
    reports cover little of it. A wire copy cut short is wholly covered by the
    full version and covers most of it, so it stays close.
    """
    common = a.terms & b.terms
    if not common:
        return 0.0
    # Squares are integers (SQUARE_SCALE): their sum does not depend on the set's order.
    covered = min(sum(map(a.squares.__getitem__, common)),
                  sum(map(b.squares.__getitem__, common)))
    return math.sqrt(covered / SQUARE_SCALE)


def one_term(a: EventTerms, b: EventTerms, common=None, words: int = 1) -> str | None:
    """The one word two stories share, when it is all they share (``ONE_TERM_REST``):
    the shared terms but the strongest cover less than ``ONE_TERM_REST`` of the story
    they cover least, and none of them is a number, a quotation, a head, a mention or
    a name of either headline. ``None`` otherwise. ``words``: the strongest so many
    (``two_terms_factor``), told "brexit and referendum"."""
    if common is None:
        common = a.terms & b.terms
    if not common:
        return None
    sides = sorted((sum(map(squares.__getitem__, common)), n, squares)
                   for n, squares in enumerate((a.squares, b.squares)))
    if sides[0][0] < sides[1][0]:  # the story they cover least (both when even)
        sides = sides[:1]
    tops: list[str] = []
    for covered, _, squares in sides:
        tops = heapq.nsmallest(words, common, key=lambda t: (-squares[t], t))
        if covered - sum(map(squares.__getitem__, tops)) >= _ONE_TERM_REST_SQUARE:
            return None
    named = a.names | b.names
    for term in common:
        if term not in tops and (term[0] in _DISTINCT_MARKS or term in named):
            return None
    return " and ".join(tops)


def one_term_factor(a: EventTerms, b: EventTerms, common=None) -> float:
    """``ONE_TERM_FACTOR`` when two stories share essentially one word (``one_term``)."""
    return ONE_TERM_FACTOR if ONE_TERM_FACTOR != 1.0 and one_term(a, b, common) else 1.0


def two_terms_factor(a: EventTerms, b: EventTerms, common=None) -> float:
    """``TWO_TERMS_FACTOR`` when two briefs share essentially two words (``one_term``
    with ``words`` 2) and not one only."""
    if TWO_TERMS_FACTOR == 1.0 or not (is_brief(a) and is_brief(b)):
        return 1.0
    return TWO_TERMS_FACTOR if (one_term(a, b, common, 2)
                                and not one_term(a, b, common)) else 1.0


def time_factor(seconds_apart: float) -> float:
    """1 within a day, falling linearly to ``1 - TIME_DECAY`` at the window's edge."""
    late = max(0.0, abs(seconds_apart) - DECAY_AFTER_SECONDS)
    return 1.0 - TIME_DECAY * min(1.0, late / (WINDOW_SECONDS - DECAY_AFTER_SECONDS))


def named_same_day(a: Profile, b: Profile) -> bool:
    """Whether both leads name a day (none guessed) and share one: a version written
    days later that puts its news on the event's day ("the fire that broke out on
    Tuesday") is not decayed for the time between them."""
    return (DAYS_OVER_TIME and not implicit(a.days) and not implicit(b.days)
            and same_day(a.days, b.days) is True)


def pair_time_factor(a: Profile, b: Profile) -> float:
    """``time_factor``, or 1 when the two leads name the same day (``named_same_day``)."""
    seconds = a.time - b.time
    if abs(seconds) <= DECAY_AFTER_SECONDS or named_same_day(a, b):
        return 1.0
    return time_factor(seconds)


def day_factor(a: Profile, b: Profile) -> float:
    """``OTHER_DAY_FACTOR`` when the two leads name different days, else 1; 1 too when
    the two stories quote the same words (``event_quotes``): one utterance, whose
    reactions and reports name their own days; or when their headlines tell the same
    person doing the same thing (``event_heads``: one action)."""
    if (same_day(a.days, b.days) is not False or one_act(a.terms, b.terms)
            or follows_up(a, b)):
        return 1.0
    return GUESSED_DAY_FACTOR if implicit(a.days) or implicit(b.days) else OTHER_DAY_FACTOR


def follows_up(a: Profile, b: Profile, common=None) -> bool:
    """Whether the later of two stories tells an aftermath in its headline
    (``event_verbs.follow_up_act``), the earlier does not, and the later tells
    ``AFTERMATH_COVERS`` of the earlier again (the share of its squared weights): a
    sentencing after the verdict, a resignation after the scandal, a toll counted days
    on; not the firm's results that a resignation's report names in passing."""
    later, earlier = (a, b) if a.time > b.time else (b, a)
    if not (FOLLOW_UPS_OVER_DAYS and later.terms.follows and not earlier.terms.follows):
        return False
    if common is None:
        common = a.terms.terms & b.terms.terms
    squares = earlier.terms.squares
    return sum(map(squares.__getitem__, common)) >= _AFTERMATH_SQUARE


def one_act(a: EventTerms, b: EventTerms, common=None) -> bool:
    """Whether two stories quote the same words or their headlines tell the same person
    doing the same thing: one utterance or action, whatever days their leads name.
    ``common``: their shared terms, where the caller has them."""
    quoted = QUOTES_OVER_DAYS and a.quoted and b.quoted
    headed = HEADS_OVER_DAYS and a.headed and b.headed
    if not (quoted or headed):
        return False
    if common is None:
        common = a.terms & b.terms
    return (quoted and quoted_alike(common)) or (headed and headed_alike(common))


def other_days_named(a: Profile, b: Profile) -> bool:
    """Whether both leads name a day (none guessed) and they name different days."""
    return not implicit(a.days) and not implicit(b.days) and same_day(a.days, b.days) is False


def lacks(b: EventTerms, name: str, a: EventTerms | None = None) -> bool:
    """Whether story ``b`` never mentions a headline name or amount of another story.
    An amount is mentioned when ``b`` has it at one significant digit: outlets round
    one figure differently (a 31% premium, shares up 29%; magnitude 6.8 and 6.7;
    €16.7bn and $19.4bn). A percentage of 10 or more is mentioned too when it is the
    change between two values ``b`` writes, one of which the headline's story ``a``
    writes too (``changes``: "by as much as 14%" to $399.99, and "$349.99 to $399.99")."""
    if name in b.squares or MENTION_MARK + name in b.squares:  # a name it writes (mentioned_names)
        return False
    rough = rough_term(name) if name[0] == "≈" and not _RATE_RE.match(name) else None
    if rough is None:
        return True
    if any(rough_term(term) == rough for term in b.squares if term[0] in "#≈~"):
        return False
    if CONVERTED and a is not None and name[-1] != "%" and converted(a.squares, b.squares):
        return False
    return not (DERIVED_CHANGES and a is not None and name[-1] == "%"
                and name in changes(b.squares, a.squares))


def _unnamed(a: EventTerms, b: EventTerms, word_share: float = 1.0) -> float:
    """The share of ``a``'s headline names (by squared weight) that ``b`` lacks.

    A name (a word) counts by its share of ``a`` too: a name that is a quarter of the
    story (a term at the cap, its subject: Sulawesi, Co-op) counts in full, one the
    story mentions once beside the event (Rotterdam beside Amsterdam, the Andes
    beside Ayacucho) counts for as much of the story as it is; and times
    ``word_share``. An amount or a result counts in full whatever its weight: $6.2
    billion against no figure is another event.
    """
    squares = a.squares
    total = sum(squares[n] for n in a.names)
    if not total:
        return 0.0
    words = amounts = 0
    for name in a.names:
        if lacks(b, name, a):
            if name[0] in "#≈":
                amounts += squares[name]
            else:
                words += squares[name]
    return word_share * words / max(total, SUBJECT_SQUARE) + amounts / total


def is_brief(b: EventTerms) -> bool:
    """Whether a story is a brief: two or three sentences (``BRIEF_TERMS``)."""
    # not its list of names, nor its terms of a contest (event_contests)
    size = len(b.squares) - (1 if b.named else 0) - contest_count(b)  # nor its currencies
    return size < BRIEF_TERMS or (size == BRIEF_TERMS
                                  and any(t[0] == CURRENCY_MARK for t in b.squares))


def name_factor(a: EventTerms, b: EventTerms) -> float:
    """Less when one headline names someone or something the other story never does.

    A brief (``BRIEF_TERMS``) whose own headline names nothing the other story lacks
    tells the event in two or three sentences, without its places and people: the
    other headline's names it lacks count ``BRIEF_LACK`` of their share.
    """
    if not a.names and not b.names:
        return 1.0
    a_lacks, b_lacks = _unnamed(b, a), _unnamed(a, b)
    if not a_lacks and b_lacks and is_brief(b):
        b_lacks = _unnamed(a, b, BRIEF_LACK)
    elif not b_lacks and a_lacks and is_brief(a):
        a_lacks = _unnamed(b, a, BRIEF_LACK)
    return 1.0 - NAME_PENALTY * max(a_lacks, b_lacks)


def pair_score(a: Profile, b: Profile) -> float:
    """How strongly two stories look like one event (the module's docstring)."""
    common = a.terms.terms & b.terms.terms
    return min(1.0, similarity(a.terms, b.terms) * pair_time_factor(a, b) * day_factor(a, b)
               * (NAMELESS_FACTOR if nameless(a.terms, b.terms, common) else 1.0)
               * name_factor(a.terms, b.terms) * kind_bonus(a.terms, b.terms)
               * one_term_factor(a.terms, b.terms) * two_terms_factor(a.terms, b.terms)
               * contest_factor(a, b))


def kind_bonus(a: EventTerms, b: EventTerms) -> float:
    """``HEAD_BONUS`` when both headlines tell the same person doing the same kind of
    act (``event_heads.same_kind_of_act``: "Aide Quits", "aide steps down"), else 1."""
    if HEAD_BONUS != 1.0 and a.headed == 2 == b.headed and same_kind_of_act(a.terms & b.terms):
        return HEAD_BONUS
    return 1.0


def score_pairs(p: Profile, others: Iterable[str], profiles: Mapping[str, Profile],
                edges: dict[tuple[str, str], float]) -> None:
    """``pair_score`` of ``p`` and each of ``others``, kept in ``edges`` when it
    reaches ``EDGE_FLOOR``: the hot path of clustering, so written out in full,
    each factor computed only while the score can still reach the floor."""
    key, termset, squares, time, days = p.key, p.terms.terms, p.terms.squares, p.time, p.days
    names, named, contests = p.terms.names, p.terms.named, p.terms.contests
    brief = TWO_TERMS_FACTOR != 1.0 and is_brief(p.terms)
    acts = p.terms.quoted or p.terms.headed  # one_act() can hold for p
    kinded = p.terms.headed == 2 and HEAD_BONUS != 1.0  # kind_bonus() can raise p's pairs
    scale, sqrt = SQUARE_SCALE, math.sqrt
    for other in others:
        q = profiles[other]
        terms = q.terms
        common = termset & terms.terms
        if not common:
            continue
        mine, theirs = sum(map(squares.__getitem__, common)), \
            sum(map(terms.squares.__getitem__, common))
        covered = min(mine, theirs)
        score = sqrt(covered / scale)
        bonus = HEAD_BONUS if kinded and terms.headed == 2 and same_kind_of_act(common) \
            else 1.0
        floor = EDGE_FLOOR / bonus  # the score before the bonus must reach this
        if score < floor:
            continue
        if covered - max(map((squares if mine <= theirs else terms.squares).__getitem__,
                             common)) < _ONE_TERM_REST_SQUARE:  # one word only? (one_term)
            score *= one_term_factor(p.terms, terms, common)
        if brief and is_brief(terms):  # two briefs: two words only? (two_terms_factor)
            score *= two_terms_factor(p.terms, terms, common)
        if named and terms.named and nameless(p.terms, terms, common):
            score *= NAMELESS_FACTOR
        if abs(time - q.time) > DECAY_AFTER_SECONDS and not named_same_day(p, q):
            score *= time_factor(time - q.time)
        if len(days) == 1 and len(q.days) == 1:  # same_day(), for one day each
            (start_a, end_a), (start_b, end_b) = days[0], q.days[0]
            if (min(end_a, end_b) - max(start_a, start_b) < SAME_DAY_OVERLAP
                    and not (acts and (terms.quoted or terms.headed)
                             and one_act(p.terms, terms, common))
                    and not ((p.terms.follows or terms.follows) and follows_up(p, q, common))):
                score *= GUESSED_DAY_FACTOR if (end_a - start_a == GUESSED_SPAN
                                                or end_b - start_b == GUESSED_SPAN) \
                    else OTHER_DAY_FACTOR
        else:
            score *= day_factor(p, q)
        if score >= floor:
            if names or terms.names:
                score *= name_factor(p.terms, terms)
            if contests or terms.contests:  # another contest or doer (event_contests)
                score *= contest_factor(p, q)
            if score >= floor:
                edges[(key, other) if key < other else (other, key)] = min(1.0, score * bonus)
