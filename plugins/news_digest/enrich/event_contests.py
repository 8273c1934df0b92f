"""Another contest of one meeting, or another doer of one act (``enrich/`` stage).

Pure module (no Pelican import), used by ``event_text.py`` (the terms),
``cluster_score.py`` (the factor) and ``cluster_why.py`` (``explain``).

Reports of sibling events share nearly everything: the women's race and the men's on
one road the same day, the boys' final and the men's, qualifying (pole position) the
day before the grand prix, a semi-final and its final, the first round and the run-off;
each names the other's winner in a passing sentence. And an aide blaming someone shares
every word with the reports of the principal blaming him the next day. Their headlines
tell them apart, in four ways read here:

* **a category**: a headline names one ("women's", "men's", "boys'", "girls'") and the
  other story never writes its word in any form ("women", "female"): the men's race
  reports never mention the women, and a second report of the women's race does. Men's,
  the category a report names when it names none, parts a story only from one that
  writes another category (women, boys, girls);
* **a stage**: a headline names one (pole, qualifying, sprint, semi-final,
  quarter-final, first or second round, run-off, first or return leg), not after
  "from", "after", "before" or "since" ("wins from pole"), the other headline does not,
  and their leads put them on different days (named or guessed): a stage the day
  before its final;
* **another doer** (``event_heads``): one headline's verb is done by a role of someone
  ("Hillary Clinton aide blames"), the other's by that someone ("Clinton blames"), the
  same verb or kind of act;
* **an act refused against the same act ahead**: one headline refuses an act ("Gary
  Ross Won't Direct 'Hunger Games' Sequel": won't, will not, not to, refuses to,
  declines to) that the other headline tells ahead, as talks or a plan, with no
  negation ("Gary Ross in negotiations to direct ..."): the talks and their end are two
  occurrences. Two reports of one refusal both negate ("LePage Says He Won't Resign",
  "Now Says He's Not Quitting"), and a report telling it by another verb ("Trump
  Pulling Out Of Debate" against "Won't Go Forward") shares no act ahead.

Each is told by terms of no weight: "%cat:women" (the headline's category), "%has:women"
(the story writes the word), "%stage:pole", and ``event_heads.PROXY_MARK`` terms
("%^clinton>blame"), "%not:direct" (an act refused) and "%to:direct" (an act ahead).
A pair so told apart is lowered by ``OTHER_CONTEST_FACTOR``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .event_dates import same_day
from .event_heads import ACTION_WEIGHT, NO_ACTION, PROXY_MARK
from .event_words import normalise_word, word_weight

if TYPE_CHECKING:  # a story's terms and days (clusters.py, event_text.py)
    from .clusters import Profile
    from .event_text import EventTerms

CONTEST_MARK = PROXY_MARK[0]  # every term of this module opens with it
CATEGORY, WRITES, STAGE = CONTEST_MARK + "cat:", CONTEST_MARK + "has:", CONTEST_MARK + "stage:"
OTHER_CONTEST_FACTOR = 0.5  # two contests of one meeting, or two doers of one act
_SHOWN = {"women": "women's", "men": "men's", "boys": "boys'", "girls": "girls'"}
# A category as a headline names it, and the words (as ``words.words`` splits them) a
# story writes for it anywhere.
_HEAD_CATEGORY_RE = re.compile(
    r"\b(?:(?P<women>(?:women|ladies)['’]s?|womens)|(?P<men>men['’]s?|mens)"
    r"|(?P<boys>boys['’]s?)|(?P<girls>girls['’]s?))(?!\w)", re.I)
_FAMILIES = {"women": ("women", "woman", "womens", "ladies", "female"),
             "men": ("men", "mens", "male"), "boys": ("boy", "boys"),
             "girls": ("girl", "girls")}
WRITES_TERMS = tuple(WRITES + family for family in _FAMILIES)
# Men's is what a report that names no category tells: a college's own site heads its
# report "Men's Basketball" and the other outlets never write "men". So a men's headline
# parts a story only from one that writes another category (the women's race).
UNMARKED = "men"
_STAGE_RE = re.compile(
    r"\b(?:(?P<qualifying>pole|qualif(?:ying|ier|iers|ies|ied|ication))"
    r"|(?P<sprint>sprint)|(?P<semifinal>semi[- ]?finals?|semis)"
    r"|(?P<quarterfinal>quarter[- ]?finals?)|(?P<firstround>first[- ]round)"
    r"|(?P<runoff>run[- ]?offs?|second[- ]round)|(?P<firstleg>first[- ]leg)"
    r"|(?P<returnleg>(?:second|return)[- ]leg))\b", re.I)
_BEFORE_STAGE_RE = re.compile(r"\b(?:from|after|before|since)\s+(?:\S+\s+)?$", re.I)
REFUSED, AHEAD = CONTEST_MARK + "not:", CONTEST_MARK + "to:"
REFUSALS = True  # an act refused against the same act ahead (the module's docstring)
_REFUSED_RE = re.compile(
    r"\b(?:won['’]?t|will not|would not|wouldn['’]t|not to|refus(?:e|es|ed) to"
    r"|declin(?:e|es|ed) to)\s+([a-z]+)", re.I)
_NEGATION_RE = re.compile(r"\b(?:not|no|never|won['’]?t|\w+n['’]t|refus\w*|declin\w*)\b",
                          re.I)
_AHEAD_RE = re.compile(r"\b(?:to|will|would|may|could|might)\s+([a-z]+)", re.I)


def contest_terms(title: str, counts: Mapping[str, int]) -> list[str]:
    """The terms of no weight that tell a story's category and stage in its headline
    ``title``, and the categories it writes (``counts``: its words as read), sorted
    (the module's docstring)."""
    terms = {WRITES + family for family, forms in _FAMILIES.items()
             if any(form in counts for form in forms)}
    terms.update(CATEGORY + found.lastgroup for found in _HEAD_CATEGORY_RE.finditer(title))
    for found in _STAGE_RE.finditer(title):
        if not _BEFORE_STAGE_RE.search(title, 0, found.start()):
            terms.add(STAGE + found.lastgroup)
    if REFUSALS:
        terms.update(_acts(title))
    return sorted(terms)


def _acts(title: str) -> set[str]:
    """A headline's acts refused ("%not:direct"), or, when it negates nothing, its acts
    ahead ("%to:direct"): verbs of some weight, as every word is normalised."""
    if not _NEGATION_RE.search(title):
        mark, found = AHEAD, _AHEAD_RE.findall(title)
    else:
        mark, found = REFUSED, _REFUSED_RE.findall(title)
    acts = (normalise_word(word.lower()) for word in found)
    return {mark + act for act in acts if word_weight(act) >= ACTION_WEIGHT
            and act not in NO_ACTION}


def is_active(term: str) -> bool:
    """Whether a term of this module tells the story's own contest or doer (not a word
    it writes): the terms ``EventTerms.contests`` holds."""
    return term[0] == CONTEST_MARK and not term.startswith(WRITES)


def contest_count(terms: EventTerms) -> int:
    """How many terms of this module a story has (they are no part of its text)."""
    return len(terms.contests) + sum(term in terms.squares for term in WRITES_TERMS)


def other_contest(a: Profile, b: Profile) -> str | None:
    """What tells two stories apart as two contests of one meeting or two doers of one
    act ("women's", "stage: qualifying", "doer: an aide of clinton"), or None."""
    for one, other in ((a, b), (b, a)):
        theirs = other.terms.contests
        for term in one.terms.contests:
            if term.startswith(CATEGORY):
                family = term[len(CATEGORY):]
                if WRITES + family not in other.terms.squares and (
                        family != UNMARKED or _writes_marked(other)):
                    return f"{_SHOWN[family]}, a word the other never writes"
            elif term.startswith(STAGE):
                if term not in theirs and same_day(one.days, other.days) is False:
                    return f"a stage ({term[len(STAGE):]}) on another day"
            elif term.startswith(PROXY_MARK):
                head = term[1:]
                if head in other.terms.squares and head not in one.terms.squares:
                    name, act = head[1:].split(">", 1)
                    return (f"another doer of one act ({act.lstrip('=')}: {name}, "
                            f"and one of {name}'s side)")
            elif term.startswith(REFUSED):
                act = term[len(REFUSED):]
                if AHEAD + act in other.terms.squares:
                    return f"an act refused (not {act}) that the other tells ahead (to {act})"
    return None


def _writes_marked(profile: Profile) -> bool:
    """Whether a story writes a category other than men's in any form."""
    return any(WRITES + family in profile.terms.squares
               for family in _FAMILIES if family != UNMARKED)


def contest_factor(a: Profile, b: Profile) -> float:
    """``OTHER_CONTEST_FACTOR`` when ``other_contest`` tells the two apart, else 1."""
    if not (a.terms.contests or b.terms.contests):
        return 1.0
    return OTHER_CONTEST_FACTOR if other_contest(a, b) else 1.0
