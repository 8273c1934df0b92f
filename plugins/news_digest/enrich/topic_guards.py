"""Guards on a story's topics, once the phrases and the learned desks have spoken.

Stage: enrich (topics). Pure module (no Pelican). ``topics.Taxonomy.classify`` calls
``Guards.keep`` on the topics it would give; ``explain`` asks the same questions.

* **The opening.** An editor files a story under what its headline and opening are
  about. A topic with none of its phrases in the headline or in the first
  ``OPENING_CHARS`` characters of the body is a strand found further down: it is given
  only when it scores at least ``OPENING_SHARE`` times the threshold (a strand the story
  develops), never on a few passing mentions deep in a long story, unless the learned
  desks, which read the headline and the opening, read them as its desk
  (``topic_lift``'s ``reads_as``, as for a lift): the opening is then about the topic in
  words its phrases do not list (thirteenth round). A short story (a feed's summary) is
  all opening: for it nothing changes.
* **Outside the digest.** A taxonomy may list subjects it does not cover
  (``outside = true``; arts and entertainment in the default one). They are scored like
  topics but never given: when one reaches the threshold, a topic is given only if it
  scores more than that subject. A film review that mentions a court, a tax or a vote is
  about the film, and goes to General. A subject that **yields** (``yields = true``:
  weather, a story's setting as often as its subject) holds back only the topics the
  learned desks do not read the story as (``topic_lift``'s ``reads_as``): a storm's
  forecast is weather, research on storms and climate change is Climate. Near the line
  (at least ``OUTSIDE_NEAR_SHARE`` of
  the threshold) such a subject holds back the topics given under the threshold (near
  the line, or lifted by the model) that do not score more: a recipe that names a
  supermarket and a price, a travel page that names airlines, are not Business.
* **A topic the desks doubt beside a subject at the line** (``doubted``, topics22). When
  such a subject reaches the threshold, a topic that scores more still gives way when the
  learned desks find it very unlikely (``topic_lift.DOUBT_PROBABILITY``) and either read
  the story as the subject's own desk (``topic_lift.SUBJECT_DESKS``: arts and culture for
  Arts & Entertainment, at ``LIFT_PROBABILITY``) or the subject has a phrase in the
  headline or the opening and the topic none: a singer cancelling a tour after catching
  Covid, a rapper's interview pulled whose health words are all further down, are not
  Health. A topic no desk speaks for is not judged (the desks cannot doubt it).
* **A thread of the story** (``threaded``, asked by ``topics.classify``). A topic at the
  threshold with one of its phrases of weight ``THREAD_WEIGHT`` or more found
  ``THREAD_TIMES`` times or more in the body is kept beside the best topic however far
  behind it: a story comes back to it, it does not name it in passing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

OPENING_CHARS = 500  # about 80 words: the lead paragraph of most stories
OPENING_SHARE = 2.0  # of the threshold: what a topic found only further down must score
THREAD_TIMES = 3  # a phrase found this often in the body is a thread of the story, ...
THREAD_WEIGHT = 1.5  # ... when it weighs this much (``topics.ANCHOR_WEIGHT``)
OUTSIDE_NEAR_SHARE = 0.5  # of the threshold: an outside subject this strong holds back
#   the topics under the threshold that it outscores
_OPENING_KINDS = (0, 3)  # phrases and example words (their index in topics.KINDS)


def opening(text: str) -> str:
    """The body's opening: its first ``OPENING_CHARS`` characters, cut at a space."""
    if len(text) <= OPENING_CHARS:
        return text
    cut = text.rfind(" ", 0, OPENING_CHARS)
    return text[:cut if cut > 0 else OPENING_CHARS]


class Guards:
    """The guards for one compiled taxonomy (``entries`` as ``topics.Taxonomy`` has them)."""

    def __init__(self, entries: list[tuple], outside: Iterable[int], threshold: float,
                 topics: Iterable = ()):
        # entry number -> its topic, for the entries that show what a story is about
        self.anchor_topic = {number: entry[0] for number, entry in enumerate(entries)
                             if entry[4] in _OPENING_KINDS}
        self.thread_topic = {number: entry[0] for number, entry in enumerate(entries)
                             if entry[4] in _OPENING_KINDS and entry[2] >= THREAD_WEIGHT}
        self.outside = frozenset(outside)
        self.threshold = threshold
        self.developed = threshold * OPENING_SHARE
        self.near = threshold * OUTSIDE_NEAR_SHARE
        # outside subjects that yield to a topic the learned desks read the story as
        self.yields = frozenset(n for n, topic in enumerate(topics) if topic.get("yields"))

    def opened(self, head: dict, lead: Iterable[int]) -> set[int]:
        """The topics with a phrase in the headline or the opening (entry numbers found)."""
        anchor = self.anchor_topic
        return {anchor[n] for found in (head, lead) for n in found if n in anchor}

    def opened_in(self, head: dict, body_text: str, body: dict,
                  scan: Callable[[str], dict]) -> set[int]:
        """``opened`` for a story: its opening is scanned unless the body is all opening."""
        lead = body if len(body_text) <= OPENING_CHARS else scan(opening(body_text))
        return self.opened(head, lead)

    def threaded(self, number: int, total: float, body: dict) -> bool:
        """Whether a topic at the threshold is a thread of the story: one of its phrases of
        ``THREAD_WEIGHT`` or more is found ``THREAD_TIMES`` times or more in the body. Such a
        topic is kept beside a best topic however far behind it (``topics.MIN_SHARE``): the
        Home Office named three times in a story about asylum seekers' cost of living is a
        subject the story keeps coming back to, not a mention."""
        topic_of = self.thread_topic
        return total >= self.threshold and any(
            times >= THREAD_TIMES and topic_of.get(entry) == number
            for entry, times in body.items())

    def doubted(self, kept: list[tuple[float, int]], head: dict, body_text: str, body: dict,
                scan: Callable[[str], dict], subject: int, lift,
                chances: Callable[[], dict]) -> list[tuple[float, int]]:
        """``kept`` without the topics the learned desks doubt beside ``subject``, a subject
        outside the digest at the threshold: all of them when the story reads as the
        subject's own desk, else those with no phrase in the headline or the opening when
        the subject has one there. The desks are asked only when a topic has a desk."""
        if not any(number in lift.desk_of for _, number in kept):
            return kept
        desks = chances()
        doubted = {number for _, number in kept if lift.doubts(number, desks)}
        if not doubted:
            return kept
        if not lift.reads_as_subject(subject, desks):
            lead = body if len(body_text) <= OPENING_CHARS else scan(opening(body_text))
            opened = self.opened(head, lead)
            if subject not in opened:
                return kept
            doubted -= opened
        return [item for item in kept if item[1] not in doubted]

    def keep(self, kept: list[tuple[float, int]], head: dict, body_text: str, body: dict,
             scan: Callable[[str], dict], outside_best: tuple[float, int], lift=None,
             chances: Callable[[], dict] | None = None) -> list[tuple[float, int]]:
        """``kept`` ((score, topic number), best first) without the topics the guards
        refuse. ``scan`` finds the entries of a text (the opening is read only when a
        topic needs it and the body is longer than the opening). ``outside_best`` is
        (score, number) of the best subject outside the digest; ``lift`` and ``chances``
        (the learned desks, worked out when first asked) speak for a subject that yields
        and for a topic found only further down."""
        best, subject = outside_best
        if best >= self.near:
            # A subject outside the digest at the line holds back every topic it
            # outscores; near the line, the topics given on evidence under the line.
            limit = self.threshold if best < self.threshold else float("inf")
            spared = (lift.reads_as(chances) if lift and subject in self.yields
                      else lambda number: False)
            kept = [item for item in kept if item[0] > best or item[0] >= limit
                    or spared(item[1])]
            if best >= self.threshold and lift and kept and chances is not None:
                kept = self.doubted(kept, head, body_text, body, scan, subject, lift,
                                    chances)
        needs = [item for item in kept if item[0] < self.developed]
        if not needs:
            return kept
        lead = body if len(body_text) <= OPENING_CHARS else None
        opened = self.opened(head, ())
        if any(number not in opened for _, number in needs):
            lead = lead if lead is not None else scan(opening(body_text))
            opened = self.opened(head, lead)
        reads = lift.reads_as(chances) if lift else lambda number: False
        return [item for item in kept if item[0] >= self.developed or item[1] in opened
                or reads(item[1])]
