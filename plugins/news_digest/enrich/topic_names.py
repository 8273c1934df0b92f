"""A second topic the story only names: an institution, a platform or a product.

Stage: enrich (topics). Pure module (no Pelican). ``topics.Taxonomy.classify`` calls
``Names.keep`` on the topics it would give, after the learned verdict; ``explain`` asks
the same question (``named_only``).

Many of a topic's heaviest phrases are names: Reddit, Facebook and Twitter for Social
Media, the iPad for Technology, the World Bank for Business. A story about ransomware
spread through links on Reddit, or a minister's roaming bill on his iPad, names them as
the scene of its own subject. What tells a name from the topic's activity is in the text:
a name is written with a capital letter in the middle of a sentence, every time; the
activity ("social media", "users posted", "broadband") is not.

A topic given **beside a better one** is left out when the headline names both, and all
the topic's anchor phrases (weight at least ``topics.ANCHOR_WEIGHT``, money aside) found in
the body are written so: "Android ransomware spreads via links on Reddit" is Cybersecurity.
Any of these keeps it:

* one of its words written in lower case ("social media"), or an anchor of it only in the
  headline (where capitals tell nothing);
* a name the story comes back to (``topic_guards.THREAD_TIMES`` times in the body): the
  Home Office three times over is a thread of the story, not its scene;
* the learned desks reading the story as its desk (``LIFT_PROBABILITY``): the
  Conservative Party in a politics story is its subject;
* no better topic named in the headline: "Regulator fines Facebook owner" is about it.

A second topic none of whose phrases is in the headline is left out on the same terms
when the story gives each of its names only as an example of something else, in a list
after "like", "such as" or "including" ("websites like Netflix and Twitter"): an essay on
net neutrality is no Social Media story. Platforms named otherwise in the body only (an
internet shutdown that blocks Instagram and WhatsApp) are not judged here (a topic named
in passing is ``topic_lift.passing``'s).

The best topic always stands: a story about Facebook is a Social Media story.

``names_in_text.written_as_name`` (clusters) asks whether one capitalised form is ever a
name; here the question is whether a phrase of any case is ever written in lower case.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache

from .topic_guards import THREAD_TIMES
from .topic_signals import MONEY

_ANCHOR_KINDS = (0, 3)  # phrases and example words (their index in topics.KINDS)
# What may stand before a sentence's first word: its capital then tells nothing.
_SENTENCE_ENDS = frozenset('.!?:;"“”‘’\'([{-–—•*#|\n')


# A name given as an example of something else: "websites like Netflix and Twitter",
# "platforms such as Facebook", "firms including Google" (up to four words of the list
# before it, within ``_CUE_CHARS``).
_EXAMPLE_CUE = re.compile(r"(?:\blike|\bsuch as|\bincluding)\s+"
                          r"(?:[\w'’.&-]+,?\s+(?:and\s+|or\s+)?){0,4}$", re.IGNORECASE)
_CUE_CHARS = 60


@lru_cache(maxsize=4096)
def _pattern(phrase: str) -> re.Pattern:
    """A phrase as whole words in any case, its words apart by spaces or hyphens."""
    words = [re.escape(word) for word in phrase.split()]
    return re.compile(r"(?<!\w)" + r"[\s\-]+".join(words) + r"(?!\w)", re.IGNORECASE)


def written_as_name(phrase: str, text: str) -> bool | None:
    """Whether ``phrase`` is written with a capital letter wherever it stands in the middle
    of a sentence of ``text``; None when it never does (only at a sentence's start, or not
    found as written: a form the matcher reads but this pattern does not)."""
    seen = False
    for match in _pattern(phrase).finditer(text):
        before = text[: match.start()].rstrip(" \t")
        if not before or before[-1] in _SENTENCE_ENDS:
            continue
        if not any(c.isupper() for c in match.group()):
            return False
        seen = True
    return True if seen else None


def only_as_examples(phrase: str, text: str) -> bool:
    """Whether ``phrase`` is found in ``text`` and each time in a list of examples."""
    starts = [match.start() for match in _pattern(phrase).finditer(text)]
    return bool(starts) and all(_EXAMPLE_CUE.search(text[max(0, at - _CUE_CHARS):at])
                                for at in starts)


class Names:
    """The anchor entries of each topic (``entries`` as ``topics.Taxonomy`` has them)."""

    def __init__(self, entries: list[tuple], anchor_weight: float, lift):
        self.entries, self.lift = entries, lift
        self.anchor = {n: e[0] for n, e in enumerate(entries) if e[4] in _ANCHOR_KINDS
                       and e[2] >= anchor_weight and e[3] != MONEY}

    def named_only(self, number: int, head: Mapping, body: Mapping, text: str,
                   chances: Callable[[], dict]) -> list[str]:
        """The names (its anchors as the taxonomy writes them) that are all topic
        ``number`` holds in the story, or [] when it holds more: an anchor written in
        lower case, one only in the headline, one the story comes back to, or desks that
        read the story as its own."""
        anchor = self.anchor
        found = [n for n in body if anchor.get(n) == number]
        if not found or any(anchor.get(n) == number and n not in body for n in head):
            return []
        if any(body[n] >= THREAD_TIMES for n in found):
            return []
        names = [self.entries[n][3] for n in found]
        if not all(written_as_name(name, text) for name in names):
            return []
        if self.lift.reads_as(chances)(number):
            return []
        return sorted(names)

    def keep(self, kept: list[tuple[float, int]], head: Mapping, body: Mapping, text: str,
             chances: Callable[[], dict]) -> list[tuple[float, int]]:
        """``kept`` (best first) without the second topics the story only names."""
        if len(kept) < 2:
            return kept
        headed = {self.anchor[n] for n in head if n in self.anchor}
        out = kept[:1]
        for place, item in enumerate(kept[1:], 1):
            if item[1] in headed:
                if (any(number in headed for _, number in kept[:place])
                        and self.named_only(item[1], head, body, text, chances)):
                    continue
            elif self.examples_only(item[1], body, text) and self.named_only(
                    item[1], head, body, text, chances):
                continue
            out.append(item)
        return out

    def examples_only(self, number: int, body: Mapping, text: str) -> list[str]:
        """The anchors of topic ``number`` found in the body when each stands only in a list
        of examples ("websites like Netflix and Twitter"), else []."""
        names = [self.entries[n][3] for n in body if self.anchor.get(n) == number]
        return names if names and all(only_as_examples(name, text) for name in names) else []
