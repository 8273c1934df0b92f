"""``explain SEED...``: why a story gets its topics, phrase by phrase."""

from __future__ import annotations

import sys

from .seed import SeedError, read_seed
from .siteconf import DEFAULT_SETTINGS_FILE, SettingsFileError, digest_settings
from .topics import Taxonomy, Topic, seed_topics

_KIND = {"phrases": "phrase", "keywords": "keyword", "negative": "negative"}


def _where(in_headline: bool, body: int) -> str:
    places = (["headline"] if in_headline else []) + ([f"body x{body}"] if body else [])
    return ", ".join(places)


def explain(taxonomy: Taxonomy, seed) -> list[str]:
    """The report for one seed, as lines of text."""
    chosen = seed_topics(taxonomy, seed)
    overridden = bool(taxonomy.override(seed.extra.get("topics", "")))
    lines = [f"{seed.path}: {seed.title}"]
    how = (f"set by the curator (Topics: on line {seed.lines.get('topics')})" if overridden
           else f"classified: score >= {taxonomy.threshold:g} and >= "
                f"{taxonomy.min_share:.0%} of the best, at most {taxonomy.max_topics}")
    lines.append(f"Topics: {', '.join(t.label for t in chosen)}  [{how}]")
    kept = {t.slug for t in chosen}
    scored = sorted(taxonomy.score(seed.title, "\n".join(seed.paragraphs)),
                    key=lambda t: -t.score)
    if not scored:
        lines.append("  no phrase of the taxonomy occurs in this story")
    for topic in scored:
        lines += _topic_lines(topic, topic.slug in kept)
    return lines


def _topic_lines(topic: Topic, kept: bool) -> list[str]:
    mark = "kept" if kept else "not kept"
    lines = [f"  {topic.score:7.2f}  {topic.slug} ({topic.label}) - {mark}"]
    for e in topic.evidence:
        note = "" if e.points or e.kind != "keywords" else "  (keyword: counts only beside " \
            "enough of the topic's phrases)"
        lines.append(f"  {e.points:+7.2f}    {_KIND[e.kind]} \"{e.phrase}\" (weight {e.weight:g}; "
                     f"{_where(e.in_headline, e.body_count)}){note}")
    return lines


def run(args) -> int:
    if args.cluster:
        from .cluster_explain import run as explain_clusters  # noqa: PLC0415

        return explain_clusters(args.seeds, args.content)
    try:
        taxonomy = Taxonomy.from_settings(digest_settings(args.settings))
    except SettingsFileError as err:
        print(err, file=sys.stderr)
        return 2
    status = 0
    for number, path in enumerate(args.seeds):
        try:
            seed = read_seed(path)
            report = explain(taxonomy, seed)
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
                        help=f"settings file with DIGEST_TOPICS (default {DEFAULT_SETTINGS_FILE})")
    parser.add_argument("--cluster", action="store_true",
                        help="explain the story's same-event cluster instead of its topics")
    parser.add_argument("--content", default="content", metavar="DIR",
                        help="with --cluster: the seeds to cluster with (default content)")
    parser.set_defaults(run=run)
