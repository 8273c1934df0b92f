"""Where a taxonomy's phrases occur in a text: compiled once, then linear in the text.

Pure module. ``PhraseMatcher(index, entries, topic_of)`` compiles the phrases of
every topic (``index``: first word -> phrase words -> entry numbers, as
``topics.Taxonomy`` builds it) into one dictionary keyed by a phrase's first word
and, for longer phrases, its second. ``entries_in(text)`` splits the text into
lower-cased words once and looks only at the words that start an entry (picked
out in C, with ``itertools.compress`` over dictionary membership), so matching costs
time linear in the text's length, whatever the size of the taxonomy.

Phrases and keywords: the longest one starting leftmost wins, across all topics
("health data" is a privacy phrase, so its "health" does not count for Health).
Negative phrases mask words only for their own topic.

A phrase written in capitals ("DUP", Northern Ireland's party) is kept as written
(``words.phrase_key``) and found by a pattern that matches only those capitals, so
"dup" and "Dup" are not it; it counts wherever it is found, after the others.
"""

from __future__ import annotations

import re
from itertools import compress

from .words import ascii_words, words


def _encoded(phrases: tuple) -> tuple:
    """Compiled phrases with their words encoded, to compare with ``ascii_words``."""
    return tuple((length, [word.encode() for word in key], positives, negatives)
                 for length, key, positives, negatives in phrases)


class PhraseMatcher:
    def __init__(self, index: dict, entries: list[tuple], topic_of: list[int]):
        self.topic_of = topic_of  # entry number -> its topic's number
        # Phrases written in capitals: (first word, pattern, entry numbers).
        self.as_written = tuple(
            (key[0], re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, key)) + r"(?!\w)"),
             tuple(found))
            for by_phrase in index.values() for key, found in by_phrase.items()
            if any(word != word.lower() for word in key))
        index = {first: {key: found for key, found in by_phrase.items()
                         if all(word == word.lower() for word in key)}
                 for first, by_phrase in index.items()}
        index = {first: by_phrase for first, by_phrase in index.items() if by_phrase}
        # Each phrase compiles to (length, words, positive entry numbers, negative
        # (topic, entry number) pairs).
        # A word that starts an entry maps to (next word -> the phrases to try there,
        # longest first and the one-word entry last; what to try before any other
        # word), except plain words: one-word entries that start no phrase and are
        # nobody's negative, which map to (None, their entries).
        self.find: dict[str, tuple[dict | None, tuple | None]] = {}
        for first, by_phrase in index.items():
            longer: dict[str, list] = {}
            single = None
            for key, found in sorted(by_phrase.items(), key=lambda item: -len(item[0])):
                kinds = [(entries[e][1], e) for e in found]
                compiled = (len(key), list(key),
                            tuple(e for kind, e in kinds if kind != "negative"),
                            tuple((topic_of[e], e) for kind, e in kinds
                                  if kind == "negative"))
                if len(key) == 1:
                    single = compiled
                else:
                    longer.setdefault(key[1], []).append(compiled)
            if single and not longer and not single[3]:
                self.find[first] = (None, single[2])
                continue
            alone = (single,) if single else None
            self.find[first] = ({second: (*phrases, *(alone or ()))
                                 for second, phrases in longer.items()}, alone)
        # The same, keyed by encoded words, for ASCII text (``ascii_words``).
        self.find_ascii = {first.encode(): (phrases, alone) if phrases is None else (
            {second.encode(): _encoded(found) for second, found in phrases.items()},
            alone and _encoded(alone)) for first, (phrases, alone) in self.find.items()}

    def entries_in(self, text: str) -> list[int]:
        """Every entry (by number) found in ``text``, once per occurrence, in the order
        the taxonomy sums them (scores are float sums: the order must not change)."""
        if text.isascii():
            find, tokens, empty = self.find_ascii, ascii_words(text), b""
        else:
            find, tokens, empty = self.find, words(text), ""
        tokens.append(empty)  # matches no entry: tokens[i + 1] always exists
        covered = 0  # first word not yet inside a phrase or keyword that counted
        masked: dict[int, int] = {}  # topic -> first word not inside its negative phrase
        # Negative phrases are short: past the end of the last one, no topic is
        # masked, and entries count without looking at ``masked``.
        unmasked = 0  # first word inside no negative phrase from here on
        # Entries as they are counted; those of plain words counted before any
        # negative phrase are kept apart and go last. Counter then tallies them in
        # C, in the order of first counts: scores are summed in that order, and
        # float sums depend on it, so it must not change.
        counted: list[int] = []
        plain: list[int] = []
        topic_of = self.topic_of
        # Most words start no entry: the places of those that do are picked out in
        # C, without a Python step per word. (Plain loops below, not generator
        # expressions: a closure over ``i`` would make every use of it slower.)
        for i in compress(range(len(tokens)), map(find.__contains__, tokens)):
            phrases, alone = find[tokens[i]]
            if phrases is None:  # a plain word; ``alone`` are its entries
                if i >= covered:
                    if not masked:
                        plain.extend(alone)
                    elif i >= unmasked:
                        counted.extend(alone)
                    else:
                        for entry in alone:
                            if masked.get(topic_of[entry], 0) <= i:
                                counted.append(entry)
                continue
            # Most phrase-starting words ("said", "in", "the") start none here:
            # a membership test is the cheapest way to learn it.
            following = tokens[i + 1]
            if following in phrases:
                candidates = phrases[following]
            elif alone is None:
                continue
            else:
                candidates = alone
            for length, key, positives, negatives in candidates:  # longest first
                end = i + length
                if length > 2 and tokens[i:end] != key:
                    continue
                if negatives:  # rare: a context phrase masks its words for its topic
                    for topic, entry in negatives:
                        if masked.get(topic, 0) < end:
                            masked[topic] = end
                        counted.append(entry)
                    if unmasked < end:
                        unmasked = end
                if positives and i >= covered:
                    covered = end
                    if i >= unmasked:
                        counted.extend(positives)
                    else:  # as for plain words above: inline, a call per hit costs
                        for entry in positives:
                            if masked.get(topic_of[entry], 0) <= i:
                                counted.append(entry)
        counted += plain
        for first, pattern, found in self.as_written:
            if first in text:  # cheap: most texts do not hold it
                counted.extend(found * len(pattern.findall(text)))
        return counted
