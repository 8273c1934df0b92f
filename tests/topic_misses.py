"""Every topic a tuning set's editor would not give, and every must topic missed, with why.

    DIGEST_TOPICS_DEVSET=/work/topics-devset .venv/bin/python tests/topic_misses.py [SET...]

SET is one of the tuning sets (``tuning``, ``fresh``, ``fresh2``, ``fresh3-tune``,
``fresh4-tune``, ``fresh5-tune``, ``fresh6-tune``; all of them by default), or the part of
the desk set's tuning half read story by story, ``masakhane-tune-a`` (``tests/topics_desks.py``;
since 7 December its other part, ``masakhane-tune-b``, is read as totals only, and
``masakhane-tune`` as a whole is refused too): its stories not given their desk's topic
(``MISS``, with the evidence of the desk's topics) or read as another desk's (``OTHER``);
a miss that today's frozen tagger (``tests/frozen/``) does not make is marked ``LOST``, with
the desk topics today's tagger gives, so that a round can find the rule that drops them.
For each English story of the set that is not fully right, prints the topics given that
are not ``must`` (``NEAR`` a near miss, ``WRONG`` clearly wrong; ``ok`` topics are not errors
and are not listed) and the ``must`` topics missed (``MISS``), each with the lines
``explain`` gives for that topic (its score, what made it so, the phrases that found it), so
that a round can group the errors by cause before changing anything (docs/topics.md). An
untouched split (``untouched``, ``fresh3-untouched``, ``fresh4-untouched``, ``fresh5-untouched``,
``fresh6-untouched``, ``masakhane-untouched``) is refused: it is never read story by story.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).parent))

from topics_desks import DESK_TOPICS, foreign, masakhane  # noqa: E402
from topics_devset import (  # noqa: E402
    FRESH,
    FRESH2,
    fresh3_halves,
    fresh4_halves,
    fresh5_halves,
    fresh6_halves,
    fresh_stories,
    stories,
    taggers,
)

from news_digest.curator.explain import explain  # noqa: E402
from news_digest.curator.site_settings import digest_settings  # noqa: E402
from news_digest.enrich.topics import Taxonomy  # noqa: E402

ROOT = Path(__file__).parent.parent
TUNING = {
    "tuning": lambda: [s for s in stories() if not s.untouched],
    "fresh": lambda: list(fresh_stories(FRESH)),
    "fresh2": lambda: list(fresh_stories(FRESH2)),
    "fresh3-tune": lambda: list(fresh3_halves()[0]),
    "fresh4-tune": lambda: list(fresh4_halves()[0]),
    "fresh5-tune": lambda: list(fresh5_halves()[0]),
    "fresh6-tune": lambda: list(fresh6_halves()[0]),
}


def tuning_set(name: str) -> list:
    """The English stories of the tuning set ``name``; an untouched split is refused."""
    if name == "masakhane-tune-a":
        return masakhane("tune-a")
    if "untouched" in name or name not in TUNING:
        raise SystemExit(f"{name}: only the tuning sets ({', '.join(TUNING)}) are listed "
                         "story by story")
    return [s for s in TUNING[name]() if s.lang == "en"]


def _report(taxonomy: Taxonomy, name: str, story) -> list[str]:
    seed = SimpleNamespace(path=f"{name}:{story.id}", title=story.title, headers={},
                           lines={}, paragraphs=story.text.split("\n"), warnings=())
    return explain(taxonomy, seed)


def _context(report: list[str]) -> list[str]:
    return [f"   {line}" for line in report[1:] if line.startswith(("Reads", "Headline",
                                                                   "Not read"))]


def desk_misses(name: str, taxonomy: Taxonomy) -> list[str]:
    """The lines to print for the desk set's part ``masakhane-tune-a``."""
    lines, today = [], taggers()["today"]
    for record in tuning_set(name):
        story = SimpleNamespace(**record)
        given = {t.slug for t in taxonomy.classify(story.title, story.text)}
        own = DESK_TOPICS[story.desk]
        missed, other = own and not given & own, foreign(story.desk, given)
        if not (missed or other):
            continue
        report = _report(taxonomy, name, story)
        lines.append(f"== {name} {story.id} ({story.desk}): {story.title}")
        lines.append(f"   given {sorted(given)}; {len(story.text)} characters")
        lost = own & set(today(story.title, story.text)) if missed else set()
        if lost:
            lines.append(f"   LOST against today's tagger, which gives {sorted(lost)}")
        lines += _context(report)
        for slug in sorted(own if missed else set()):
            lines.append(f"   MISS {slug}")
            lines += _topic_report(report, slug)
        for slug in sorted(given - own if other else set()):
            lines.append(f"   OTHER {slug}")
            lines += _topic_report(report, slug)
        lines += [f"   OUTSIDE {line.strip()}" for line in report
                  if "outside the digest (outside = true)" in line]
    return lines


def misses(name: str, taxonomy: Taxonomy | None = None) -> list[str]:
    """The lines to print for the tuning set ``name``."""
    taxonomy = taxonomy or Taxonomy.from_settings(digest_settings(str(ROOT / "pelicanconf.py")))
    if name.startswith("masakhane-"):
        return desk_misses(name, taxonomy)
    items = tuning_set(name)
    lines = []
    for story in items:
        given = [t.slug for t in taxonomy.classify(story.title, story.text)]
        errors = [("WRONG" if slug in story.wrong else "NEAR", slug) for slug in given
                  if slug not in story.must and slug not in story.ok]
        errors += [("MISS", slug) for slug in sorted(story.must - set(given))]
        if not errors:
            continue
        report = _report(taxonomy, name, story)
        lines.append(f"== {name} {story.id} ({story.publisher}, {story.year}): {story.title}")
        lines.append(f"   given {given}; must {sorted(story.must)}; ok {sorted(story.ok)}; "
                     f"{len(story.text)} characters")
        lines += _context(report)
        for kind, slug in errors:
            lines.append(f"   {kind} {slug}")
            lines += _topic_report(report, slug)
        lines += [f"   OUTSIDE {line.strip()}" for line in report
                  if "outside the digest (outside = true)" in line]
    return lines


def _topic_report(report: list[str], slug: str) -> list[str]:
    """The explain lines of one topic: its verdict line and its evidence lines."""
    out, inside = [], False
    for line in report:
        if line.startswith("  ") and line[2:].lstrip()[:1].isdigit() and " - " in line:
            inside = line.split()[1] == slug
            if inside:
                out.append(f"     {line.strip()}")
        elif inside and line.startswith("  "):
            out.append(f"       {line.strip()}")
    return out or ["     (no evidence of it in the story)"]


if __name__ == "__main__":
    chosen = sys.argv[1:] or list(TUNING)
    for part in chosen:
        tuning_set(part)  # refuse before printing anything
    taxonomy = Taxonomy.from_settings(digest_settings(str(ROOT / "pelicanconf.py")))
    for part in chosen:
        print("\n".join(misses(part, taxonomy)))
