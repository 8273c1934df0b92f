"""``explain SEED...``: why a story gets its topics, phrase by phrase.

The report: the headline, the seed's warnings (as ``check`` prints them), the topics
and how they were chosen, what of the story was not read, the learned desks, each
topic scored with its evidence and its verdict (``explain_verdicts.py``), and what
readers are shown (``explain_policy.py``). ``--cluster`` is ``explain_clusters.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..enrich.language import story_language
from ..enrich.publishers import find_duplicates
from ..enrich.story_topics import headline_rule, seed_topics
from ..enrich.topic_text import read_headline
from ..enrich.topic_verdict import story_evidence, story_side_threads
from ..enrich.topics import NEAR_SHARE, Taxonomy, Topic
from ..errors import SourcesFileError
from ..seeds.format import SeedError, read_seed
from ..settings import resolve
from .check import warning_lines
from .explain_beside import acting, backdrop, backdrop_topics, beside, named
from .explain_policy import policy_line
from .explain_reading import not_read
from .explain_verdicts import (
    beyond,
    crowded,
    guarded,
    learned,
    learned_verdict,
    looked,
    money_led,
    rule_verdict,
    without_verdict,
)
from .seed_folder import originals
from .site_settings import DEFAULT_SETTINGS_FILE, SettingsFileError, site_settings

_KIND = {"phrases": "phrase", "keywords": "keyword", "negative": "negative",
         "examples": "example word"}


def _where(in_headline: bool, body: int) -> str:
    places = (["headline"] if in_headline else []) + ([f"body x{body}"] if body else [])
    return ", ".join(places)


def _not_english(seed, text: str) -> str:
    """The desks learned from English news: in another language they only guess."""
    language = story_language(f"{seed.title}\n{text}", (seed.headers.get("language", ""),))
    if not language or language.split("-")[0].casefold() == "en":
        return ""
    return (f" [a guess: the desks learned from English news, and this story is in "
            f"{language}]")


def explain(taxonomy: Taxonomy, seed) -> list[str]:
    """The report for one seed, as lines of text."""
    chosen = seed_topics(taxonomy, seed)
    overridden = bool(taxonomy.override(seed.headers.get("topics", "")))
    lines = [f"{seed.path}: {seed.title}", *warning_lines(seed)]
    near = taxonomy.threshold * NEAR_SHARE
    how = (f"set by the curator (Topics: on line {seed.lines.get('topics')})" if overridden
           else headline_rule(taxonomy) if not seed.paragraphs
           else f"classified: score >= {taxonomy.threshold:g} and >= "
                f"{taxonomy.min_share:.0%} of the best, at most {taxonomy.max_topics}; when "
                f"none reaches {taxonomy.threshold:g}, those >= {near:g} on real evidence")
    lines.append(f"Topics: {', '.join(t.label for t in chosen)}  [{how}]")
    lines += not_read(seed.title, "\n".join(seed.paragraphs))
    kept = {t.slug: t for t in chosen}
    text = "\n".join(seed.paragraphs)
    scored = sorted(taxonomy.score(seed.title, text), key=lambda t: -t.score)
    desks = _desks(taxonomy, seed.title, text)
    if desks:
        lines.append("Reads like (learned desks, from the headline and first lines): " + "; ".join(
            f"{desk} {chance:.2f} ({', '.join(words) or 'no telling words'})"
            for desk, chance, words in desks[:3]) + _not_english(seed, text))
    if not scored:
        lines.append("  no phrase of the taxonomy occurs in this story: add the words it uses "
                     "to a topic's phrases, or give the topic an example story like it")
    outside = max((t for t in scored if taxonomy.is_outside(t.slug)), key=lambda t: t.score,
                  default=None)
    scored = [t for t in scored if not taxonomy.is_outside(t.slug)] + (
        [outside] if outside else [])
    best = scored[0].score if scored else 0.0
    chances = {desk: chance for desk, chance, _ in desks}
    opened = taxonomy.opened(seed.title, text)
    rows = story_evidence(taxonomy, seed.title, text) if taxonomy.verdict else {}
    judged = without_verdict(taxonomy, seed.title, text) if rows else set()
    # The verdict judges the topics beside the best one the rules before it give (a topic
    # left out as the story's backdrop is not that best).
    left = backdrop_topics(taxonomy, seed.title, text) if rows else set()
    judged_best = max((t.score for t in scored if t.slug in judged and t.slug not in left),
                      default=best) if left else best
    side = story_side_threads(taxonomy, seed.title, text, [
        t.slug for t in sorted(scored, key=lambda t: -t.score)
        if t.slug in judged and t.slug not in left]) if rows else set()
    for topic in scored:
        verdict = rule_verdict(taxonomy, topic, kept.get(topic.slug), best, overridden)
        if not overridden and taxonomy.model is not None:
            verdict = (learned(taxonomy, topic, kept.get(topic.slug), best, chances,
                               len(text)) or crowded(taxonomy, topic, chosen) or verdict)
        if not overridden:
            verdict = guarded(taxonomy, topic, kept.get(topic.slug), outside, opened,
                              chances) or verdict
        if (not overridden and taxonomy.model is not None and topic.slug not in kept
                and verdict == beyond(taxonomy)):
            verdict = (money_led(taxonomy, topic, chosen, chances)
                       or looked(taxonomy, topic, best, chances, (seed.title, text), opened)
                       or verdict)
        if not overridden and topic.slug in rows and topic.score < judged_best:
            verdict = learned_verdict(taxonomy, rows[topic.slug], verdict,
                                      topic.slug in judged - set(kept), topic.slug in side)
        if not overridden and seed.paragraphs:  # the tagger's last rules (topic_beside, _names)
            verdict = beside(taxonomy, topic, chosen, seed.title, text, verdict)
            verdict = backdrop(taxonomy, topic, chosen, seed.title, text, verdict)
            verdict = named(taxonomy, topic, chosen, seed.title, text, verdict)
            verdict = acting(taxonomy, topic, chosen, seed.title, text, verdict)
        if not overridden and not seed.paragraphs and topic.slug not in kept:
            verdict = f"not kept: {headline_rule(taxonomy)}"
        lines += _topic_lines(topic, verdict)
    return lines


def left_out(seed, content: str) -> list[str]:
    """A line when the build leaves the seed out as a copy: another seed of the content
    folder has the same original and an earlier name (nothing for a seed outside it)."""
    path, folder = Path(seed.path).resolve(), Path(content).resolve()
    if not path.is_relative_to(folder) or not folder.is_dir():
        return []
    pairs = [(str(p.resolve()), url) for p, _, url in originals(folder)]
    return [f"Left out: the same original as {Path(kept).name}, which the build keeps "
            "(delete one of them); the topics below are those this copy would get"
            for kept, gone, _ in find_duplicates(pairs) if gone == str(path)]


def _desks(taxonomy: Taxonomy, title: str, text: str) -> list[tuple[str, float, list[str]]]:
    """The model's desks for the story, likeliest first, with the words that weighed most."""
    model = taxonomy.model
    if model is None:
        return []
    title = read_headline(title, text)
    chances = model.probabilities(title, text)
    return [(desk, chance, [w for w, _ in model.evidence(title, text, desk, 4)])
            for desk, chance in sorted(chances.items(), key=lambda kv: (-kv[1], kv[0]))]


def _topic_lines(topic: Topic, verdict: str) -> list[str]:
    lines = [f"  {topic.score:7.2f}  {topic.slug} ({topic.label}) - {verdict}"]
    for e in topic.evidence:
        note = "" if e.points or e.kind != "keywords" else "  (keyword: counts only beside " \
            "enough of the topic's phrases)"
        lines.append(f"  {e.points:+7.2f}    {_KIND[e.kind]} \"{e.phrase}\" (weight {e.weight:g}; "
                     f"{_where(e.in_headline, e.body_count)}){note}")
    return lines


def run(args) -> int:
    folder = next((path for path in args.seeds if Path(path).is_dir()), None)
    if folder is not None:  # 'explain content/articles': its seeds were meant
        print(f"explain: {folder} is a folder: name the seeds in it, like "
              f"'{Path(folder) / '*.txt'}'", file=sys.stderr)
        return 2
    if args.cluster:
        from .explain_clusters import run as explain_clusters  # noqa: PLC0415

        return explain_clusters(args.seeds, args.content)
    try:
        settings = site_settings(args.settings)
        taxonomy = Taxonomy.from_settings(resolve(settings))
    except SettingsFileError as err:
        print(err, file=sys.stderr)
        return 2
    status = 0
    for number, path in enumerate(args.seeds):
        try:
            seed = read_seed(path)
            report = explain(taxonomy, seed) + [policy_line(settings, seed.source_name,
                                                            not seed.paragraphs)]
            report[1:1] = left_out(seed, args.content)
        except SourcesFileError as err:
            print(err, file=sys.stderr)
            return 2
        except SeedError as err:
            print(err, file=sys.stderr)
            status = 1
            continue
        print(("\n" if number else "") + "\n".join(report))
    return status


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "explain", help="show each topic's score and the phrases that matched in a seed")
    parser.add_argument("seeds", nargs="+", metavar="SEED", help="seed files")
    parser.add_argument("-s", "--settings", default=DEFAULT_SETTINGS_FILE, metavar="FILE",
                        help=f"settings file naming the taxonomy (default {DEFAULT_SETTINGS_FILE})")
    parser.add_argument("--cluster", action="store_true",
                        help="explain the story's same-event cluster instead of its topics")
    parser.add_argument("--content", default="content", metavar="DIR",
                        help="the site's seeds (default content): with --cluster, to cluster "
                        "with; else, to say when the build leaves the seed out as a copy")
    parser.set_defaults(run=run)
