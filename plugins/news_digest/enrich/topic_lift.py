"""When the learned desks (``topic_model.py``) may lift a topic the phrases left under the line.

Stage: enrich (topics). Pure module (no Pelican).

The curator's taxonomy stays the source of truth: a topic whose phrases reach the
threshold is given whatever the model says, a ``Topics:`` header overrides both, and
negatives keep masking. The model only decides between close calls, and never gives a
topic on its own:

* **lift**: a topic under the threshold whose own phrases scored at least
  ``LIFT_SHARE`` of it, with a phrase of anchor weight (not only light words), is given
  when the story reads like the topic's desks (probability at least
  ``LIFT_PROBABILITY``), unless another topic of the same desk is given. A topic with
  no phrase of its own in the story is never given, however sure the model is;
* **sure**: a topic whose evidence is light words only (no phrase of anchor weight),
  but at least ``LIFT_SHARE`` of the threshold of them, is given only when the model is
  sure of its desks (``SURE_PROBABILITY``);
* **confirm**: a topic given beside a better one needs the model's word. Resting on a
  single phrase (one phrase of the taxonomy, of weight at most ``SINGLE_WEIGHT``, found
  at most ``SINGLE_TIMES`` times in headline and body), it stands only when its
  desks reach ``LIFT_PROBABILITY`` (a topic no desk speaks for, such as Privacy, is then
  left out: one mention of "privacy" in a story about phones is not its topic); with a
  score under ``CONFIRM_SHARE`` of the threshold, it is dropped when the model finds
  its desks very unlikely (under ``DOUBT_PROBABILITY``). Mentioned only in passing in
  a long story (``passing``: each of its phrases once in the body, none in the headline,
  at least ``PASSING_CHARS`` of text) it counts as resting on a single phrase: a topic
  no desk speaks for is then left out ("Facebook", "Twitter" and "Instagram" named once
  each in a long local news page are not a story about social media). The best topic
  stands, and so does every topic when there is no model.

``TOPIC_DESKS`` says which desks of the model speak for which topic (by slug); a
curator's topic with another slug is simply never lifted (its phrases and example
stories decide alone). ``SUBJECT_DESKS`` says the same of the subjects outside the digest
(``outside = true``) that have a desk of their own: they are never lifted nor given, but
``topic_guards`` asks whether the story reads as their desk.
"""

from __future__ import annotations

from collections.abc import Callable

# Which desks of the model speak for which topic (by slug): a topic's probability is
# the sum of its desks'. Diplomacy is government policy to an editor. The portal's
# "Law and crime" desk is mostly arrests and shootings, not courts: Law & Courts is
# left to its phrases.
TOPIC_DESKS: dict[str, tuple[str, ...]] = {
    "government-policy": ("politics", "international"),
    "elections": ("politics",),
    "business": ("business",),
    "sports": ("sports",),
    "science": ("science-technology",),
    "technology": ("science-technology",),
    "health": ("health-environment",),
    "climate": ("health-environment",),
}
# A subject outside the digest with a desk of its own (``topic_guards``' subject's desk).
# Weather and accidents are left out: the disaster desk reads a cricketer's car crash as
# its own, and a sports story beside the Accidents subject must keep Sports (topics22).
SUBJECT_DESKS: dict[str, tuple[str, ...]] = {"arts-entertainment": ("culture",)}
LIFT_SHARE = 0.4  # of the threshold: the phrases' own evidence a lift needs
LIFT_PROBABILITY = 0.4  # the topic's probability that lifts
SURE_PROBABILITY = 0.9  # ... a topic found by light words only
SINGLE_TIMES = 3  # a second topic on one phrase seen this often or less needs the model,
SINGLE_WEIGHT = 2.0  # ... when that phrase weighs this or less (not the strongest phrases)
CONFIRM_SHARE = 1.5  # of the threshold: a second topic under this needs the model's ...
DOUBT_PROBABILITY = 0.05  # ... probability of at least this
MATE_PROBABILITY = 0.9  # a desk this sure lifts a second topic of its own ...
MATE_SHARE = 0.5  # ... scoring at least this share of the threshold
PASSING_CHARS = 1500  # about 250 words: longer than a feed's summary or a short item
DESK_SHARE = 0.3  # a topic beside a better one of its own desk needs this share of its score


def passing(distinct: int, found: int, has_desk: bool, length: int) -> bool:
    """A second topic mentioned only in passing: no learned desk speaks for it, none of
    its phrases is in the headline, each is found once in the body (``distinct`` counts
    a repeat or a headline phrase twice, so it equals ``found`` only then), and the story
    is long enough (``PASSING_CHARS``) for a mention to be an aside, not its subject.
    ``topics.classify`` leaves out the best topic too when it is named so (ninth round)."""
    return not has_desk and length >= PASSING_CHARS and 0 < found == distinct


class DeskLift:
    """The lift and doubt rules for one taxonomy; false when there is no model."""

    def __init__(self, model, slugs, threshold: float):
        self.model = model
        # topic number -> the desks that speak for it
        self.desk_of: dict[int, tuple[str, ...]] = {} if model is None else {
            number: TOPIC_DESKS[slug] for number, slug in enumerate(slugs)
            if slug in TOPIC_DESKS}
        # outside subject number -> its own desks (only those ``SUBJECT_DESKS`` names)
        self.subject_desks: dict[int, tuple[str, ...]] = {} if model is None else {
            number: SUBJECT_DESKS[slug] for number, slug in enumerate(slugs)
            if slug in SUBJECT_DESKS}
        self.floor = threshold * LIFT_SHARE
        self.mate_floor = threshold * MATE_SHARE
        self.confirm = threshold * CONFIRM_SHARE

    def __bool__(self) -> bool:
        return bool(self.desk_of)

    def probabilities(self, title: str, text: str) -> dict[str, float]:
        return self.model.probabilities(title, text)

    def chance(self, number: int, desks: dict[str, float]) -> float:
        """The probability of a topic: the sum of its desks'."""
        return sum(desks.get(name, 0.0) for name in self.desk_of[number])

    def lifted(self, below: list, desks: dict[str, float], given,
               needed: float | None = None) -> dict[int, float]:
        """Topics under the threshold that the model lifts: number -> their probability.

        ``below`` holds (-score, topic number), best first once sorted. The model says
        which desk a story reads like, not which of the desk's topics: a desk whose
        topic is given (or lifted) lifts no other."""
        lifted: dict[int, float] = {}
        speaking = {desk for number in given if number in self.desk_of
                    for desk in self.desk_of[number]}
        for negative_total, number in sorted(below):
            names = self.desk_of[number]
            chance = self.chance(number, desks)
            if chance >= (needed or LIFT_PROBABILITY) and not speaking.intersection(names):
                lifted[number] = chance
                speaking.update(names)
            elif chance >= MATE_PROBABILITY and -negative_total >= self.mate_floor:
                lifted[number] = chance  # a desk-mate with evidence of its own
        return lifted

    def reads_as(self, chances: Callable[[], dict[str, float]]) -> Callable[[int], bool]:
        """Whether the story reads like topic ``number``'s desks (``LIFT_PROBABILITY``;
        ``chances()`` works the desks out when first asked); never for a topic without."""
        return lambda number: (number in self.desk_of
                               and self.chance(number, chances()) >= LIFT_PROBABILITY)

    def doubts(self, number: int, desks: dict[str, float]) -> bool:
        """Whether the desks find a topic very unlikely (under ``DOUBT_PROBABILITY``); never
        for a topic no desk speaks for."""
        return number in self.desk_of and self.chance(number, desks) < DOUBT_PROBABILITY

    def reads_as_subject(self, subject: int, desks: dict[str, float]) -> bool:
        """Whether the story reads as the own desk of a subject outside the digest
        (``SUBJECT_DESKS``, ``LIFT_PROBABILITY``); never for a subject without one."""
        names = self.subject_desks.get(subject, ())
        return bool(names) and sum(desks.get(n, 0.0) for n in names) >= LIFT_PROBABILITY

    def mates(self, number: int, other: int) -> bool:
        """Whether two topics share a learned desk (Elections and Government & Policy)."""
        return not set(self.desk_of.get(number, ())).isdisjoint(self.desk_of.get(other, ()))

    def crowded(self, kept: list) -> list:
        """``kept`` ((score, topic number), best first) without the topics that score under
        ``DESK_SHARE`` of a better topic of their own desk (tenth round). The desks tell a
        politics story from a business one, not Elections from Government & Policy: a
        story the one leads names the other in passing ("the election" in a story about
        a bill), and a second topic of the same desk at a quarter of the first is such a
        mention, not a second subject."""
        out: list = []
        for total, number in kept:
            if all(total >= DESK_SHARE * best for best, other in out
                   if self.mates(number, other)):
                out.append((total, number))
        return out

    def unconfirmed(self, total: float, number: int) -> bool:
        """A topic beside a better one, close to the line: the model may doubt it."""
        return number in self.desk_of and total < self.confirm

    def confirmed(self, total: float, number: int, desks: dict[str, float],
                  single: bool) -> bool:
        """Whether a topic given beside a better one stands.

        On a single phrase it needs its desks' probability at least ``LIFT_PROBABILITY``
        (a topic without desks cannot have it); close to the line, at least
        ``DOUBT_PROBABILITY``."""
        if single:
            return number in self.desk_of and self.chance(number, desks) >= LIFT_PROBABILITY
        return (not self.unconfirmed(total, number)
                or self.chance(number, desks) >= DOUBT_PROBABILITY)
