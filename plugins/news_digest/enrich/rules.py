"""A source's keep and drop rules: which of its items the import takes.

Pure module (no Pelican import), part of the sources file's data: the import applies
the rules, ``import --dry-run`` shows them at work. A rule is either words, matched
case-insensitively as whole words anywhere in the headline or the text (``"quiz"``
matches "Quiz of the week", not "quizzical"; ``"live blog"`` needs both words in a
row, any spacing), or a regular expression between slashes (``"/^Watch:/"``, Python
syntax, case-insensitive), matched against the headline and against each paragraph.

With keep rules, an item must match at least one of them; then an item that matches
any drop rule is dropped. No rules: every item is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import RuleError


@dataclass(frozen=True)
class Rule:
    text: str  # as the curator wrote it
    pattern: re.Pattern

    def matches(self, headline: str, paragraphs: Iterable[str]) -> bool:
        return bool(self.pattern.search(headline)) or any(
            self.pattern.search(p) for p in paragraphs)


def compile_rule(text: object) -> Rule:
    if not isinstance(text, str) or not text.strip():
        raise RuleError("a rule is non-empty text: words, or a /regular expression/")
    rule = text.strip()
    if len(rule) >= 2 and rule.startswith("/") and rule.endswith("/"):
        try:
            return Rule(text, re.compile(rule[1:-1], re.IGNORECASE))
        except re.error as err:
            where = f" at character {err.pos + 2}" if err.pos is not None else ""
            raise RuleError(f"the regular expression {rule} is not valid{where}: {err.msg}"
                            ) from None
    if rule.startswith("/"):
        raise RuleError(f"{rule!r} starts with '/' but does not end with one: write "
                        "/expression/ for a regular expression, or plain words")
    words = rule.split()
    if not any(re.search(r"\w", word) for word in words):
        raise RuleError(f"{rule!r} has no letters or digits to match")
    body = r"\s+".join(re.escape(word) for word in words)
    # Whole words: no word character just before or after (works for "C++" and "#tag" too).
    return Rule(text, re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE))


@dataclass(frozen=True)
class Verdict:
    kept: bool
    rule: Rule | None  # the drop rule that dropped it, or the keep rule that kept it

    @property
    def reason(self) -> str:
        if self.kept:
            return f"kept by {self.rule.text!r}" if self.rule else "kept (no rule)"
        return f"dropped by {self.rule.text!r}" if self.rule else "matches no keep rule"


def judge(headline: str, paragraphs: Iterable[str], keep: tuple[Rule, ...],
          drop: tuple[Rule, ...]) -> Verdict:
    paragraphs = tuple(paragraphs)
    kept_by = None
    if keep:
        kept_by = next((r for r in keep if r.matches(headline, paragraphs)), None)
        if kept_by is None:
            return Verdict(False, None)
    dropped_by = next((r for r in drop if r.matches(headline, paragraphs)), None)
    if dropped_by is not None:
        return Verdict(False, dropped_by)
    return Verdict(True, kept_by)
