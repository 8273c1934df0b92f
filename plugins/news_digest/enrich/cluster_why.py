"""Why two stories are, or are not, one event: what ``explain --cluster`` prints.

Pure module (enrich stage): the terms two stories share, their score and what
decided their fate, from a ``clusters.Clustering``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain

from . import cluster_score
from .cluster_candidates import ANCHOR_CAP, WINDOW_SECONDS, TimeIndex
from .cluster_score import (
    BRIEF_TERMS,
    DECAY_AFTER_SECONDS,
    HEAD_BONUS,
    NAMELESS_FACTOR,
    OTHER_DAY_FACTOR,
    day_factor,
    follows_up,
    is_brief,
    lacks,
    name_factor,
    named_same_day,
    nameless,
    one_term,
    one_term_factor,
    pair_time_factor,
    two_terms_factor,
)
from .clusters import (
    ANCHORS,
    EXPLAIN_TERMS,
    LINK,
    LOOSE_MEAN_LINK,
    MEAN_LINK,
    Clustering,
    Profile,
    _links,
    _pair,
    pair_score,
    shared_terms,
)
from .event_contests import OTHER_CONTEST_FACTOR, other_contest
from .event_dates import same_day, same_day_said
from .event_heads import HEAD_MARK, KIND_MARK, kinds_told
from .event_numbers import converted
from .event_quotes import QUOTE_MARK, QUOTE_WORDS
from .event_text import MENTION_MARK, _read, _term_of

MAX_QUOTED = 40  # words of a quotation explain shows


@dataclass(frozen=True)
class PairExplanation:
    """Why two stories are, or are not, one event."""

    score: float
    shared: tuple[tuple[str, float], ...]  # (term, its share of the score), strongest first
    hours_apart: float
    candidate: bool  # within the window and sharing an anchor term
    same_cluster: bool
    reason: str
    # What lowered the shared terms' similarity, as (what, factor), in the score's order:
    # the time apart, leads naming different days, headline names the other lacks, one
    # word shared (cluster_score.one_term).
    factors: tuple[tuple[str, float], ...] = ()


def _converted(pa, pb, name: str) -> bool:
    """Whether a headline amount of ``pa`` counts as mentioned by ``pb`` only because
    ``pb`` gives its amounts in another currency (``cluster_score.lacks``)."""
    return (name[0] in "#≈" and name[-1] != "%" and cluster_score.CONVERTED
            and converted(pa.terms.squares, pb.terms.squares)
            and lacks(pb.terms, name, None))


def explain_pair(clustering: Clustering, a: str, b: str) -> PairExplanation:
    """The terms two stories share, their score, and what decided their fate."""
    pa, pb = clustering.profiles[a], clustering.profiles[b]
    shared = shared_terms(pa.terms, pb.terms)
    score = pair_score(pa, pb)
    hours = abs(pa.time - pb.time) / 3600
    candidate = b in TimeIndex(clustering.profiles.values()).near(pa)
    same = clustering.cluster_of[a] == clustering.cluster_of[b]
    pair = _pair(a, b)
    joins, apart = _links(clustering.profiles)
    if pair in apart:
        reason = "kept apart by the curator (Not same event as:)"
    elif pair in joins:
        reason = "joined by the curator (Same event as:)"
    elif not candidate:
        reason = (f"published more than {WINDOW_SECONDS // 3600} hours apart"
                  if hours * 3600 > WINDOW_SECONDS else
                  f"none of their {ANCHORS} strongest terms in common (or only terms that "
                  f"more than {ANCHOR_CAP} stories around them have)")
    elif score >= LINK:
        reason = f"score {score:.2f} >= {LINK}" + ("" if same else (
            f", but the mean over the two clusters' pairs is below {MEAN_LINK} (below "
            f"{LOOSE_MEAN_LINK}, or two of their leads name different days)"))
        if is_brief(pa.terms) or is_brief(pb.terms):
            reason += (f"; a brief (fewer than {BRIEF_TERMS} terms) joining alone is judged by "
                       "its mean over the stories it shares terms with (half or more)")
        elif pa.terms.follows or pb.terms.follows:
            reason += ("; a story whose headline tells an aftermath, joining alone, is judged "
                       "by its mean over the stories it shares terms with (half or more)")
    else:
        reason = f"score {score:.2f} < {LINK}" + (
            " (in one cluster through other stories)" if same else "")
    told = sorted({*(n for n in pa.terms.names if _as_change(pb, n, pa)),
                   *(n for n in pb.terms.names if _as_change(pa, n, pb))})
    if told:
        reason += (f"; {', '.join(told)} in a headline is the change between two figures "
                   f"the other story gives")
    named = sorted({*(n for n in pa.terms.names if MENTION_MARK + n in pb.terms.squares),
                    *(n for n in pb.terms.names if MENTION_MARK + n in pa.terms.squares)})
    if named:
        reason += (f"; {', '.join(named)} in a headline is named by the other story, though "
                   f"not among its strongest terms")
    money = sorted({*(n for n in pa.terms.names if _converted(pa, pb, n)),
                    *(n for n in pb.terms.names if _converted(pb, pa, n))})
    if money:
        reason += (f"; {', '.join(money)} in a headline is not missing from the other story: "
                   f"it gives its amounts in another currency")
    quoted = quoted_runs(t for t in pa.terms.terms & pb.terms.terms if t[0] == QUOTE_MARK)
    if quoted and same_day(pa.days, pb.days) is False:
        reason += ("; not lowered for the days their leads name: both quote the same words ("
                   + ", ".join(f"\u201c{run}\u201d" for run in quoted[:2]) + ")")
    heads = sorted(t[1:].replace(">", " ") for t in pa.terms.terms & pb.terms.terms
                   if t[0] == HEAD_MARK and KIND_MARK not in t)
    kinds = [f"{name}: {' / '.join(mine)}" if mine == theirs else
             f"{name}: {' / '.join(mine)} \u2248 {' / '.join(theirs)}"
             for name, _, mine, theirs in kinds_told(pa.terms.terms, pb.terms.terms)]
    if (heads or kinds) and same_day(pa.days, pb.days) is False:
        reason += ("; not lowered for the days their leads name: both headlines tell the "
                   "same person doing the same " + ("thing (" + ", ".join(heads[:3]) if heads
                                                    else "kind of thing (" + ", ".join(kinds[:3]))
                   + ")")
    if not (quoted or heads or kinds) and same_day(pa.days, pb.days) is False \
            and follows_up(pa, pb):
        reason += ("; not lowered for the days their leads name: the later headline tells an "
                   "aftermath (a sentence, a resignation, an appeal...) and the later story "
                   "tells half or more of the earlier one again")
    if kinds and HEAD_BONUS != 1.0:
        reason += (f"; raised x{HEAD_BONUS}: both headlines tell the same person doing the "
                   "same kind of thing (" + ", ".join(kinds[:3]) + ")")
    said = same_day_said(pa.days, pb.days)
    if hours * 3600 > DECAY_AFTER_SECONDS and named_same_day(pa, pb):
        reason += "; not lowered for the days apart: both leads name the same day"
    elif said:
        reason += "; both leads name the same day"
    if said == "in local time":
        reason += " (one says it in local time, read as that day in any time zone)"
    return PairExplanation(
        factors=_factors(pa, pb),
        score=round(score, 4),
        shared=tuple((t, round(wa * wb, 4)) for t, wa, wb in shared[:EXPLAIN_TERMS]),
        hours_apart=round(hours, 1), candidate=candidate, same_cluster=same, reason=reason)


def quoted_runs(terms: Iterable[str]) -> list[str]:
    """Quote terms (runs of ``QUOTE_WORDS`` words) joined again where they overlap, as
    the words were quoted: "a gift to smugglers", "gift to smugglers and" are "a gift
    to smugglers and"; the longest first."""
    runs = sorted(term[1:].split() for term in terms)
    follows = {tuple(run[:-1]): run[-1] for run in runs}
    middles = {tuple(run[1:]) for run in runs}
    found = []
    for run in runs:
        if tuple(run[:-1]) in middles:  # another run starts before it
            continue
        words = list(run)
        while len(words) < MAX_QUOTED and tuple(words[1 - QUOTE_WORDS:]) in follows:
            words.append(follows[tuple(words[1 - QUOTE_WORDS:])])
        found.append(" ".join(words))
    if not found and runs:  # runs that only follow one another ("no no no no no")
        found.append(" ".join(runs[0]))
    return sorted(found, key=lambda run: (-len(run), run))


def _as_change(b: Profile, name: str, a: Profile) -> bool:
    """Whether headline ``name`` of ``a`` is mentioned by ``b`` only as a change
    between two of its figures (``cluster_score.lacks``)."""
    return name[-1] == "%" and lacks(b.terms, name) and not lacks(b.terms, name, a.terms)


def _factors(a: Profile, b: Profile) -> tuple[tuple[str, float], ...]:
    found = []
    apart = pair_time_factor(a, b)
    if apart < 1:
        found.append(("days apart", apart))
    days = day_factor(a, b)
    if days < 1:
        found.append(("leads name other days" if days == OTHER_DAY_FACTOR
                      else "a lead's day, guessed, differs", days))
    names = name_factor(a.terms, b.terms)
    if names < 1:
        missing = sorted({*(n for n in a.terms.names if lacks(b.terms, n, a.terms)),
                          *(n for n in b.terms.names if lacks(a.terms, n, b.terms))})
        found.append((f"headline names the other lacks ({', '.join(missing)})", names))
    if nameless(a.terms, b.terms, a.terms.terms & b.terms.terms):
        found.append(("no name shared (each names its own people or places): the same kind "
                      "of thing, told of others", NAMELESS_FACTOR))
    double = two_terms_factor(a.terms, b.terms)
    if double < 1:
        found.append((f"two briefs sharing little but two words "
                      f"({one_term(a.terms, b.terms, words=2)}): a subject", double))
    contest = other_contest(a, b)
    if contest:
        found.append((f"another contest or doer: {contest}", OTHER_CONTEST_FACTOR))
    single = one_term_factor(a.terms, b.terms)
    if single < 1:
        found.append((f"little but one word shared ({one_term(a.terms, b.terms)}): a subject, "
                      "not an event", single))
    return tuple((what, round(factor, 2)) for what, factor in found)


def near_misses(clustering: Clustering, key: str, limit: int = 3) -> list[tuple[str, float]]:
    """The strongest pairs of ``key`` with stories outside its cluster."""
    mine = clustering.cluster_of[key]
    found = [(b if a == key else a, score) for (a, b), score in clustering.edges.items()
             if key in (a, b) and clustering.cluster_of[b if a == key else a] != mine]
    return sorted(found, key=lambda item: (-item[1], item[0]))[:limit]


def written_forms(title: str, paragraphs: Iterable[str]) -> dict[str, frozenset[str]]:
    """Each term of a story and the words it wrote for it ("terror": terrorism,
    terrorists), so that ``explain`` shows what its normalising joined."""
    forms: dict[str, set[str]] = {}
    for word in set(chain.from_iterable(_read(title, paragraphs)[2])):
        found = _term_of(word)
        if found is not None:
            forms.setdefault(found[0], set()).add(word)
    return {term: frozenset(words) for term, words in forms.items()}


def told_apart(term: str, a: dict[str, frozenset[str]], b: dict[str, frozenset[str]]) -> str:
    """``term``, and how each story wrote it when they share no word for it (a plural
    alone is no news: "airline" and "airlines" are shown as "airline")."""
    mine, theirs = a.get(term, frozenset()), b.get(term, frozenset())
    if not mine or not theirs or {w.rstrip("s") for w in mine} & {w.rstrip("s") for w in theirs}:
        return term
    return f"{term} ({', '.join(sorted(mine))} / {', '.join(sorted(theirs))})"
