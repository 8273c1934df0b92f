"""What an import did, in one summary line; what a dry run would do, per source.

Curator stage (CLI output), no Pelican import.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..enrich.rules import Verdict
from .story_clean import Candidate


@dataclass
class Tally:
    imported: int = 0
    headline_only: int = 0  # of the imported: no text in the feed (link policy)
    duplicates: int = 0
    dropped: int = 0  # by the sources file's rules
    skipped: Counter = field(default_factory=Counter)
    feeds: Counter = field(default_factory=Counter)  # outcome -> count
    failed: list[tuple[str, str]] = field(default_factory=list)  # (feed, why)
    dry_run: bool = False

    def summary(self) -> str:
        skipped = sum(self.skipped.values())
        verb = "would import" if self.dry_run else "imported"
        line = f"{verb} {self.imported}, duplicates {self.duplicates}, skipped {skipped}"
        if skipped:
            line += " (" + ", ".join(f"{kind}: {n}" for kind, n in
                                     sorted(self.skipped.items(), key=lambda kv: -kv[1])) + ")"
        if self.dropped:
            line += f", dropped by rules {self.dropped}"
        if self.headline_only:
            line += (f"; headline only: {self.headline_only} of the {self.imported} "
                     f"{'to import' if self.dry_run else 'imported'} (the feed gives no text)")
        fetched = self.feeds["new"] + self.feeds["unchanged"]
        if fetched or self.failed:
            parts = [f"{self.feeds[k]} {label}" for k, label in
                     (("read", "read"), ("new", "fetched"), ("unchanged", "unchanged"))
                     if self.feeds[k]]
            if self.failed:
                parts.append(f"{len(self.failed)} failed ({self.failures()})")
            line += "; feeds: " + ", ".join(parts)
        return line

    def failures(self) -> str:
        """Each reason once, with the feeds that failed for it; when no feed was read,
        fourteen feeds offline are "every one: cannot connect: ...", not fourteen times
        the same words."""
        by_reason: dict[str, list[str]] = {}
        for feed, why in self.failed:
            by_reason.setdefault(why, []).append(feed)
        read = self.feeds["read"] + self.feeds["new"] + self.feeds["unchanged"]
        if len(by_reason) == 1 and len(self.failed) > 1 and not read:
            return f"every one: {self.failed[0][1]}"
        return "; ".join(f"{feeds[0]}: {why}" if len(feeds) == 1 else
                         f"{why}: {', '.join(feeds)}" for why, feeds in by_reason.items())


def unreachable(failed: list[tuple[str, str]], urls: int) -> str:
    """One line for an import that reached none of its ``urls`` feeds (two or more),
    each failing to connect or to get an answer: the network, not the feeds; "" when
    any feed was reached or failed otherwise."""
    if urls < 2 or len(failed) != urls or not all(
            why.startswith(("cannot connect", "no answer within")) for _, why in failed):
        return ""
    why = Counter(why for _, why in failed).most_common(1)[0][0]
    return (f"import: none of the {urls} feeds could be reached ({why}): is the network "
            "down? Nothing was imported; the next import tries every feed again")


def dry_run_report(judged: list[tuple[Candidate, Verdict, bool]], where) -> list[str]:
    """Per source: each rule with what it keeps and drops; ``bool`` is "already a seed".

    ``where(source)`` gives "file:line" of a source for the heading."""
    by_source: dict[object, list[tuple[Candidate, Verdict, bool]]] = defaultdict(list)
    for entry in judged:
        by_source[entry[0].source].append(entry)
    lines = []
    for source, entries in by_source.items():
        name = source.name if source else "feeds outside the sources file"
        new = sum(1 for _, v, dup in entries if v.kept and not dup)
        dups = sum(1 for _, v, dup in entries if v.kept and dup)
        heading = f"{name}" + (f" ({where(source)})" if source else "")
        lines.append(f"{heading}: {len(entries)} stories, {new} to import, {dups} duplicates, "
                     f"{len(entries) - new - dups} dropped by rules")
        if source is None or not (source.keep or source.drop):
            continue
        for kind, rules in (("keep", source.keep), ("drop", source.drop)):
            for rule in rules:
                hits = [c for c, v, _ in entries if v.rule is rule]
                action = "keeps" if kind == "keep" else "drops"
                lines.append(f"  {kind} {rule.text!r} {action} {len(hits)}")
                lines += [f"    {'+' if kind == 'keep' else '-'} {c.story.title}" for c in hits]
        unmatched = [c for c, v, _ in entries if not v.kept and v.rule is None]
        if source.keep:
            lines.append(f"  matching no keep rule: {len(unmatched)} dropped")
            lines += [f"    - {c.story.title}" for c in unmatched]
    return lines


def report_notes(feed: str, items) -> None:
    """What the import guessed of a feed's items (an ambiguous zone), once a feed: its
    items are dated alike."""
    notes = Counter(note for item in items if (note := getattr(item, "note", "")))
    for note, count in notes.items():
        print(f"{feed}: {count} item{'s' * (count != 1)}: {note}", file=sys.stderr)
