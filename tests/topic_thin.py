"""The BBC desk set's tuning half read with vocabulary that was never tuned on it.

    DIGEST_TOPICS_DEVSET=/work/topics-devset .venv/bin/python tests/topic_thin.py [--oracle]
    DIGEST_TOPICS_DEVSET=... .venv/bin/python tests/topic_thin.py --labelled [--misses | --classes]

Not a test: a tool for a round that wants to know whether a change carries to news no rule
was tuned on (issue 18, topics-scale). The untouched half of the BBC desk set
(``masakhane-untouched``) falls well under its tuning half (business 85 % against 92 %,
health 89 % against 98 %): four rounds added the vocabulary the tuning half's misses asked
for. Leaving out the phrases and keywords added to the taxonomy since the set came
(``VOCABULARY_BEFORE``, the commit that brought it; negatives are kept) gives the tuning
half figures close to the untouched half's, on stories a round may read. A rule or a model
that carries to unseen news should give back desk topics under this vocabulary too, on
both parts (``masakhane-tune-a``, read, and ``masakhane-tune-b``, totals only), without
more stories read as another desk's.

Prints, for the taxonomy as it is and as it was, each part's stories given their desk's
topic and read as another desk's (``topics_desks.desk_counts``). ``--oracle`` replaces the
learned desks by desks that read every story as its BBC section (probability 0.96): an
upper bound of what a better desk model could give through the rules as they are. The
untouched half is never read.

``--labelled`` does the same for the labelled fresh sets (topics15, 7 December): each of the
four fresh sets' tuning halves (``fresh3-tune`` to ``fresh6-tune``) tagged with the
taxonomy as it is and with its vocabulary as it was when that set came (``LABELLED_CAME``,
the commit that brought its labels), precision / recall / clearly wrong per 60 as
``test_topics_devset.py`` prints them. The vocabulary later rounds wrote for a set's
errors is then missing, as it is for news no one here has read; the untouched halves are
never read. ``--labelled --misses`` lists, for each of them, its errors under the vocabulary as
the set came, story by story, as ``tests/topic_misses.py`` does under the taxonomy as it is.

``--labelled --classes`` (topics20, 7 December) counts, for each of those halves under both
vocabularies, the topics given that are neither ``must`` nor ``ok`` by what let them in, as
``explain`` tells it: General given where the editor gives a topic, the best topic (on a
story with no ``must`` topic, or beside the story's own) or a second topic, each by the
rule that kept it (the threshold, near the line, a lift, a thread, the desks reading the
opening, the learned verdict); then the four together, and how many appear only under one
vocabulary (what the vocabulary written since each set came changed). Counts only.

``--classes`` (topics18, 7 December) counts what holds back the business, technology and
health stories of both parts that get none of their desk's topics, under each vocabulary:
no vocabulary of the desk, light words only, an anchor under the threshold or near the
line, or the rule ``explain`` names for the desk's best-scoring topic. Counts only: part b's
stories are not listed (``tests/topic_misses.py masakhane-tune-a`` lists part a's).
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from collections import Counter  # noqa: E402
from types import SimpleNamespace  # noqa: E402

from topic_misses import _report, _topic_report, misses, tuning_set  # noqa: E402
from topics_desks import DESK_TOPICS, desk_counts, desk_line, masakhane  # noqa: E402
from topics_devset import Scores, score  # noqa: E402

from news_digest.curator.site_settings import digest_settings  # noqa: E402
from news_digest.enrich.topics import Taxonomy  # noqa: E402

ROOT = Path(__file__).parent.parent
# The parent of b98a895, the first change to topics.toml tuned on masakhane-tune (6 December).
VOCABULARY_BEFORE = "380840dc0f3d16e09671b1b478ede9e39bcf327c"
TUNED = ("phrases", "keywords")  # what the rounds added; negatives are kept
# A labelled fresh set's tuning half -> the commit that brought its labels (``--labelled``).
LABELLED_CAME = {"fresh3-tune": "6154d5cf3700712e732af8aff52056a37dc81b8e",
                 "fresh4-tune": "d11f9d65c5fc5d75830a6bc46f836ce27417d843",
                 "fresh5-tune": "29fd9e8567be2bc7cb3641ed69985e057e35dfd7",
                 "fresh6-tune": "8d47aacb6cef5dc21941542b3364505a1cbe73c3"}
# A BBC section -> the learned desk that files its stories (for ``--oracle``).
SECTION_DESK = {"politics": "politics", "business": "business", "sports": "sports",
                "technology": "science-technology", "health": "health-environment",
                "entertainment": "culture"}


def vocabulary_before(commit: str = VOCABULARY_BEFORE) -> dict[str, dict]:
    """The taxonomy's topics by slug as ``commit`` had them (from git)."""
    try:
        text = subprocess.run(["git", "-C", str(ROOT), "show", f"{commit}:topics.toml"],
                              capture_output=True, check=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise SystemExit(f"topics.toml at {commit[:7]} cannot be read from git "
                         f"({error}); run this from a full clone of the repository") from None
    return {topic["slug"]: topic for topic in tomllib.loads(text)["topics"]}


def thinned(topics: list, before: dict[str, dict]) -> list[dict]:
    """``topics`` without the phrases and keywords added since ``before``."""
    out = []
    for topic in topics:
        topic, old = dict(topic), before.get(topic["slug"], {})
        for kind in TUNED:
            kept = set(old.get(kind) or ())
            listed = topic.get(kind)
            if isinstance(listed, Mapping):  # the settings' phrases: a read-only mapping
                topic[kind] = {phrase: w for phrase, w in listed.items() if phrase in kept}
            elif listed:
                topic[kind] = [phrase for phrase in listed if phrase in kept]
        out.append(topic)
    return out


# ``--classes``: the desks counted, and what ``explain`` says of a desk's best-scoring topic
# left out (a fragment of its "not kept" line -> the class), the first fragment found wins.
CLASSED = ("business", "technology", "health")
RULES = (("no phrase of weight", "light words only"), ("is under the threshold", "under the line"),
         ("is near the line", "near the line"), ("of the best", "a quarter of the best"),
         ("is in the headline or the opening", "the opening"),
         ("found only further down", "a strand the desks doubt"), ("an aside", "an aside"),
         ("the story reads as", "a subject outside the digest"),
         ("one light phrase", "the desks' confirmation"), ("close to the line", "the desks' doubt"),
         ("only in passing", "in passing"), ("amounts of money", "a figure beside another story"),
         ("leads the same desk", "a crowded desk"), ("learned verdict", "the learned verdict"),
         ("backdrop", "the backdrop"), ("rests only on names", "only named"),
         ("beyond the", "beyond the best topics"))


def miss_class(taxonomy: Taxonomy, record: dict) -> str | None:
    """Why a desk story gets none of its desk's topics (None when it gets one): the class of
    its desk's best-scoring topic, as ``explain`` tells it."""
    own = DESK_TOPICS[record["desk"]]
    if not own or own & {t.slug for t in taxonomy.classify(record["title"], record["text"])}:
        return None
    report = _report(taxonomy, "desk", SimpleNamespace(**{"id": "", **record}))
    heads = [_topic_report(report, slug)[0].strip() for slug in sorted(own)]
    heads = [head for head in heads if not head.startswith("(no evidence")]
    if not heads:
        return "no vocabulary of the desk"
    best = max(heads, key=lambda head: float(head.split()[0]))
    return next((name for fragment, name in RULES if fragment in best), "another rule")


def classes(taxonomy: Taxonomy) -> list[str]:
    """One line per part and desk of ``CLASSED``: its stories without their desk's topic, by
    class, most first."""
    lines = []
    for part in ("tune-a", "tune-b"):
        for desk in CLASSED:
            found = Counter(miss_class(taxonomy, r) for r in masakhane(part) if r["desk"] == desk)
            found.pop(None, None)
            listed = ", ".join(f"{name} {n}" for name, n in
                               sorted(found.items(), key=lambda item: (-item[1], item[0])))
            lines.append(f"  masakhane-{part}, {desk}: {sum(found.values())} without"
                         f"{': ' + listed if listed else ''}")
    return lines


def figures(taxonomy: Taxonomy, oracle: bool) -> list[str]:
    """One line per part of the tuning half: its desks' counts under ``taxonomy``."""
    section = {}
    if oracle:
        desks = taxonomy.model.desks
        taxonomy.lift.probabilities = lambda title, text: {
            desk: 0.96 if desk == section["desk"] else 0.04 / (len(desks) - 1) for desk in desks}

    def tag(title: str, text: str) -> list[str]:
        return [topic.slug for topic in taxonomy.classify(title, text)]

    def records(part: str):
        for record in masakhane(part):
            section["desk"] = SECTION_DESK[record["desk"]]
            yield record

    lines = []
    for part in ("tune-a", "tune-b"):
        counts = desk_counts(tag, records(part))
        other = sum(row[1] for row in counts.values())
        total = sum(row[3] for row in counts.values())
        lines.append(f"  masakhane-{part}: {desk_line(counts)}; read as another desk's, "
                     f"all: {other}/{total}")
    return lines


def _taxonomy(digest, topics) -> Taxonomy:
    return Taxonomy(topics, max_topics=digest.max_topics, fallback=digest.fallback_topic,
                    threshold=digest.topic_threshold, headline_weight=digest.topic_headline_weight)


def labelled_misses(digest) -> list[str]:
    """Each fresh set's tuning half's errors under the vocabulary as the set came."""
    lines = []
    for name, commit in LABELLED_CAME.items():
        then = _taxonomy(digest, thinned(list(digest.topics), vocabulary_before(commit)))
        lines.append(f"# {name}, the vocabulary as at {commit[:7]}")
        lines += misses(name, then)
    return lines


# ``--labelled --classes``: a fragment of the "kept" line of a topic an editor would not give
# -> the rule that let it in; the first fragment found wins, else the threshold alone.
KEPT_BY = (("kept near the line", "near the line"), ("lifted", "a lift"),
           ("a thread of the story", "a thread"), ("learned verdict keeps", "the learned verdict"),
           ("kept (", "the desks reading the opening"))


def unwanted_class(report: list[str], story, given: list[str], slug: str) -> str:
    """What let in ``slug``, a topic given to ``story`` that is neither ``must`` nor ``ok``
    (``report``: ``explain``'s lines for the story, ``given``: its topics, best first). The
    verdict judges only second topics: the best one always stands."""
    if slug == "general":
        return "General, where the editor gives a topic"
    head = _topic_report(report, slug)[0]
    rules = KEPT_BY if slug != given[0] else KEPT_BY[:-2] + KEPT_BY[-1:]  # the best stands
    rule = next((name for fragment, name in rules if fragment in head), "the threshold")
    if slug != given[0]:
        return f"a second topic, by {rule}"
    whose = "with no must topic" if not story.must else "with a must topic"
    return f"the best topic of a story {whose}, by {rule}"


def unwanted(taxonomy: Taxonomy, name: str) -> dict[tuple[str, str], str]:
    """(story id, slug) -> class, for the topics of set ``name`` an editor would not give."""
    found = {}
    for story in tuning_set(name):
        given = [t.slug for t in taxonomy.classify(story.title, story.text)]
        extra = [slug for slug in given if slug not in story.must and slug not in story.ok]
        if extra:
            report = _report(taxonomy, name, story)
            found.update({(story.id, slug): unwanted_class(report, story, given, slug)
                          for slug in extra})
    return found


def _counted(found: dict) -> str:
    counts = Counter(found.values())
    return ", ".join(f"{name} {n}" for name, n in
                     sorted(counts.items(), key=lambda item: (-item[1], item[0]))) or "none"


def labelled_classes(digest) -> list[str]:
    """Each fresh set's tuning half's unwanted topics by class under both vocabularies, the
    four together, and those found under one vocabulary only."""
    lines, together = [], {"as it is": {}, "as the set came": {}}
    now = _taxonomy(digest, list(digest.topics))
    for name, commit in LABELLED_CAME.items():
        then = _taxonomy(digest, thinned(list(digest.topics), vocabulary_before(commit)))
        for label, taxonomy in (("as it is", now), ("as the set came", then)):
            found = unwanted(taxonomy, name)
            together[label].update({(name, *key): value for key, value in found.items()})
            lines.append(f"  {name}, {label}: {len(found)}: {_counted(found)}")
    now_found, then_found = together["as it is"], together["as the set came"]
    lines += [f"  the four, {label}: {len(found)}: {_counted(found)}"
              for label, found in together.items()]
    for label, one, other in (("only as it is", now_found, then_found),
                              ("only as the set came", then_found, now_found)):
        only = {key: value for key, value in one.items() if key not in other}
        lines.append(f"  the four, {label}: {len(only)}: {_counted(only)}")
    return lines


def labelled(digest) -> list[str]:
    """The four fresh sets' tuning halves, with the taxonomy as it is and with its
    vocabulary as each set came: one line each, and the four together."""
    lines, together = [], {"as it is": Scores(), "as the set came": Scores()}
    now = _taxonomy(digest, list(digest.topics))
    for name, commit in LABELLED_CAME.items():
        stories = tuning_set(name)
        if not stories:
            raise SystemExit(f"{name}: its text is absent (set DIGEST_TOPICS_DEVSET)")
        then = _taxonomy(digest, thinned(list(digest.topics), vocabulary_before(commit)))
        for label, taxonomy in (("as it is", now), ("as the set came", then)):
            result = score(lambda t, x, tx=taxonomy: [p.slug for p in tx.classify(t, x)],
                           stories)
            lines.append(result.line(f"{name}, {label}"))
            total = together[label]
            for field in ("stories", "hits", "judged", "must", "wrong", "fully_right"):
                setattr(total, field, getattr(total, field) + getattr(result, field))
    return lines + [total.line(f"the four, {label}") for label, total in together.items()]


def main(argv: list[str]) -> None:
    if "--labelled" in argv:
        digest = digest_settings(str(ROOT / "pelicanconf.py"))
        tool = (labelled_misses if "--misses" in argv
                else labelled_classes if "--classes" in argv else labelled)
        print("\n".join(tool(digest)))
        return
    oracle = "--oracle" in argv
    if not masakhane("tune"):
        raise SystemExit("masakhane-desks.jsonl is absent: `.venv/bin/python "
                         "tests/devset_masakhane.py CLONES OUT.jsonl` writes it "
                         "(see tests/topics_desks.py)")
    digest = digest_settings(str(ROOT / "pelicanconf.py"))
    before = vocabulary_before()
    for name, topics in (("the taxonomy as it is", digest.topics),
                         (f"its vocabulary as at {VOCABULARY_BEFORE[:7]}",
                          thinned(list(digest.topics), before))):
        taxonomy = _taxonomy(digest, topics)
        print(f"{name}{' (desks: an oracle)' if oracle else ''}:")
        print("\n".join(classes(taxonomy) if "--classes" in argv else figures(taxonomy, oracle)))


if __name__ == "__main__":
    main(sys.argv[1:])
