"""What a story holds of each topic's vocabulary, summed per topic (``topics.classify``).

Stage: enrich (topics). Pure module (no Pelican). One pass over the entries found in
the headline and the body (``PhraseMatcher``), with the points worked out when the
taxonomy was compiled: the sums by kind of entry, and what tells real evidence from
light words (how many different phrases, how often, the heaviest one).
"""

from __future__ import annotations

from .topic_signals import MONEY

MAX_REPEATS = 5  # body repeats counted per phrase


def tally(head: dict, body: dict, entries: list, body_points: list, size: int,
          headline: float) -> tuple:
    """Per topic (lists indexed by topic number): the sums of phrases, keywords,
    negatives and example words; how many different phrases were found (``distinct``
    counts one in the headline, or one seen twice in the body, as two: evidence
    enough); how many different phrases (``entries_found``) and how many times
    (``seen``); the heaviest phrase found (money counts as one only in the headline)."""
    # Sums per topic, by kind of entry: entry[4] is the index of its kind in KINDS.
    sums = ([0.0] * size, [0.0] * size, [0.0] * size, [0.0] * size)
    # How many of a topic's phrases were found, and whether one is in the headline:
    # what makes evidence under the threshold real (``near_line``).
    distinct = [0] * size
    entries_found = [0] * size  # different phrases found, wherever
    seen = [0] * size  # times a phrase was found, headline and body
    strongest = [0.0] * size  # the heaviest phrase found: weak words alone give nothing
    for number in head:
        entry = entries[number]
        sums[entry[4]][entry[0]] += entry[2] if entry[4] == 1 else entry[2] * headline
        if entry[4] == 0:
            entries_found[entry[0]] += 1
            seen[entry[0]] += 1
            distinct[entry[0]] += 2  # a phrase in the headline is evidence enough
            if entry[2] > strongest[entry[0]]:
                strongest[entry[0]] = entry[2]
    for number, times in body.items():
        topic, kind, points = body_points[number]
        if kind != 1 or number not in head:  # a keyword counts once
            sums[kind][topic] += points[times if times < MAX_REPEATS else MAX_REPEATS]
        if kind != 0:
            continue
        if number in head:
            seen[topic] += times
        # An amount of money in the body is a price or a figure in passing: it adds to a
        # score, but is no anchor (in the headline it is: "$325m contract"), and no
        # phrase that makes evidence real or a topic rest on more than one phrase.
        elif entries[number][3] != MONEY:
            seen[topic] += times
            entries_found[topic] += 1
            distinct[topic] += 1 if times == 1 else 2
            if entries[number][2] > strongest[topic]:
                strongest[topic] = entries[number][2]
    return sums, distinct, entries_found, seen, strongest


def found_topics(head: dict, body: dict, entries: list, body_points: list) -> list[int]:
    """The topics with an entry in the headline or the body, in taxonomy order: the only
    ones ``tally`` can give points. Scoring walks these, not every topic: a taxonomy of
    10,000 topics spent two thirds of its tagging on topics the story never names."""
    return sorted({entries[n][0] for n in head} | {body_points[n][0] for n in body})
