"""The curator's taxonomy file (``topics.toml``): read, check, and say where it is wrong.

Pure module (stdlib ``tomllib``; no Pelican). ``load_taxonomy(path)`` returns the
topics as a tuple of plain dicts (``slug``, ``label`` and optional ``phrases``,
``keywords``, ``negative``, ``examples``, ``outside``, ``yields``), the shape
``topics.Taxonomy`` compiles (``outside = true`` marks a subject the digest does not
cover: a story about it falls to General, ``topic_guards.py``; ``yields = true``, such a
subject that gives way to a topic the learned desks read the story as). Anything
malformed raises ``TaxonomyFileError`` naming the file, the line of the entry, the
entry (``topics[3].phrases["gdpr"]``), the value and what was expected.
"""

from __future__ import annotations

import os
import re
import tomllib
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..errors import TaxonomyFileError
from ..seeds.safe_read import read_at_most
from ..seeds.text_checks import (
    XML_UNSAFE_RE,
    describe,
    has_visible_character,
    unclosed_bidi_control,
)
from .words import words

TOPIC_KEYS = ("slug", "label", "phrases", "keywords", "negative", "examples", "outside",
              "yields", "not_beside", "backdrop", "actors", "acts")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_VOCABULARY = ('a list of words or phrases, or a table of "phrase" = weight (a number '
               "above 0, at most 10)")
MAX_TAXONOMY_BYTES = 20_000_000  # the project's is some 80 kB
_TOPIC_HEADER = re.compile(r"^\s*\[\[\s*topics\s*\]\]\s*(#.*)?$")


def load_taxonomy(path: str | Path) -> tuple[MappingProxyType, ...]:
    """The checked topics of the taxonomy file at ``path``, read-only.

    Read again only when the file changes (its size and modification time): the
    settings are resolved several times in a build and by every CLI command."""
    path = Path(path).resolve()
    try:
        info = os.stat(path)
    except OSError:
        return _load(path, None)
    return _load(path, (info.st_size, info.st_mtime_ns))


@lru_cache(maxsize=8)
def _load(path: Path, stamp: tuple[int, int] | None) -> tuple[MappingProxyType, ...]:
    try:
        data = read_at_most(path, MAX_TAXONOMY_BYTES)  # /dev/zero is not read to the end
        if len(data) > MAX_TAXONOMY_BYTES:
            raise TaxonomyFileError(str(path), None, f"is larger than "
                                    f"{MAX_TAXONOMY_BYTES // 1_000_000} MB: is it the right file?")
        text = data.decode("utf-8-sig")
    except FileNotFoundError:
        raise TaxonomyFileError(str(path), None, "no such taxonomy file: create it, or point "
                                "DIGEST_TOPICS_FILE at yours") from None
    except OSError as err:
        raise TaxonomyFileError(str(path), None, f"cannot be read: {err.strerror}") from None
    except UnicodeDecodeError as err:
        raise TaxonomyFileError(str(path), None,
                                f"is not UTF-8 (byte {err.start}): re-save it as UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise TaxonomyFileError(str(path), None, f"is not valid TOML: {err}") from None
    except RecursionError:  # tomllib reads nested arrays and tables recursively
        raise TaxonomyFileError(str(path), None, "is not valid TOML: arrays or tables "
                                "nested too deeply for a taxonomy") from None
    return tuple(_frozen(topic) for topic in check_topics(data, _Lines(str(path), text)))


def _frozen(value: Any) -> Any:
    """Tables as read-only mappings and arrays as tuples: one copy serves every caller."""
    if isinstance(value, dict):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


class _Lines:
    """Finds the line of a topic (the N-th ``[[topics]]``) or of a key inside it."""

    def __init__(self, path: str, text: str):
        self.path = path
        self.lines = text.split("\n")
        self.starts = [n for n, line in enumerate(self.lines, 1) if _TOPIC_HEADER.match(line)]

    def of(self, number: int | None, key: str | None = None) -> int | None:
        if number is None or number >= len(self.starts):
            return None
        start = self.starts[number]
        end = self.starts[number + 1] if number + 1 < len(self.starts) else len(self.lines) + 1
        if key is not None:
            pattern = re.compile(r'^\s*(\[\s*topics\.)?"?' + re.escape(key) + r'"?\s*[=\]]')
            for line in range(start, end):
                if pattern.match(self.lines[line - 1]):
                    return line
        return start

    def error(self, number: int | None, name: str, value: Any, expected: str,
              key: str | None = None) -> TaxonomyFileError:
        return TaxonomyFileError(self.path, self.of(number, key),
                                 f"{name} = {value!r} is not valid: expected {expected}")


def check_topics(data: dict[str, Any], lines: _Lines) -> tuple[dict[str, Any], ...]:
    """The taxonomy's structure; raise naming the exact entry that is wrong."""
    extra = sorted(set(data) - {"topics"})
    if extra:
        raise lines.error(None, extra[0], data[extra[0]],
                          "only [[topics]] tables in the taxonomy file")
    topics = data.get("topics", [])
    if not isinstance(topics, list):
        raise lines.error(None, "topics", topics, "[[topics]] tables, one per topic")
    slugs: dict[str, int] = {}
    labels: dict[str, int] = {}
    for number, topic in enumerate(topics):
        where = f"topics[{number}]"
        if not isinstance(topic, dict):
            raise lines.error(number, where, topic, "a [[topics]] table")
        unknown = sorted(set(topic) - set(TOPIC_KEYS))
        if unknown:
            raise lines.error(number, f"{where}.{unknown[0]}", topic[unknown[0]],
                              "no such key: a topic has " + ", ".join(TOPIC_KEYS), unknown[0])
        slug, label = topic.get("slug"), topic.get("label")
        if not (isinstance(slug, str) and _SLUG.match(slug)):
            raise lines.error(number, f"{where}.slug", slug,
                              "a slug of lowercase letters, digits and hyphens", "slug")
        if not (isinstance(label, str) and label.strip()):
            raise lines.error(number, f"{where}.label", label, "a label: non-empty text", "label")
        problem = _label_problem(label)
        if problem:  # every page, feed and JSON-LD block names the topic by its label
            shown = label if len(label) <= MAX_LABEL else label[:MAX_LABEL] + "..."
            raise lines.error(number, f"{where}.label", shown, problem, "label")
        if slug in slugs:
            raise lines.error(number, f"{where}.slug", slug,
                              f"a slug no other topic has (topics[{slugs[slug]}] has it)", "slug")
        if label.casefold() in labels:
            raise lines.error(number, f"{where}.label", label, "a label no other topic has "
                              f"(topics[{labels[label.casefold()]}] has it)", "label")
        slugs[slug], labels[label.casefold()] = number, number
        for kind in ("phrases", "keywords", "negative"):
            if kind in topic:
                _check_vocabulary(lines, number, f"{where}.{kind}", kind, topic[kind])
        if "examples" in topic:
            _check_examples(lines, number, f"{where}.examples", topic["examples"])
        if not isinstance(topic.get("outside", False), bool):
            raise lines.error(number, f"{where}.outside", topic["outside"],
                              "true (a subject the digest does not cover) or false", "outside")
        yields = topic.get("yields", False)
        if not isinstance(yields, bool) or (yields and topic.get("outside") is not True):
            raise lines.error(number, f"{where}.yields", topic["yields"], "true (with outside "
                              "= true: it yields to a topic the learned desks read the story "
                              "as) or false", "yields")
    for number, topic in enumerate(topics):
        if "not_beside" in topic:
            _check_not_beside(lines, number, topic, slugs)
        if "backdrop" in topic:
            _check_own_phrases(lines, number, topic)
        if "actors" in topic or "acts" in topic:
            _check_actors(lines, number, topic)
    return tuple(topics)


_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MAX_LABEL = 100


def _label_problem(label: str) -> str | None:
    """Why a label cannot be shown (the seeds' rules for a headline), or None."""
    if len(label) > MAX_LABEL:
        return (f"a label of at most {MAX_LABEL} characters (it has {len(label)}): it is a "
                "heading, a menu entry and a feed category on every page of its stories")
    bad = _CONTROL_RE.search(label) or XML_UNSAFE_RE.search(label)
    if bad:
        return (f"a label without {describe(bad.group())}: a control character or one feeds "
                "cannot carry (an escape such as \\u0000 in the file writes one)")
    if not has_visible_character(label):
        return "a label with a visible character (it holds only spaces or invisible ones)"
    bidi = unclosed_bidi_control(label)
    if bidi:
        return (f"a label whose {bidi[1]} is closed (U+202C, or U+2069 for an isolate): "
                "left open, it reverses the text shown after the label")
    return None


def _check_own_phrases(lines: _Lines, number: int, topic: dict, key: str = "backdrop") -> None:
    """``backdrop`` (or ``actors``): a list of this topic's phrases."""
    name, value = f"topics[{number}].{key}", topic[key]
    own = {" ".join(words(p)) for p in (topic.get("phrases") or ())}
    if not isinstance(value, list):
        raise lines.error(number, name, value, "a list of this topic's phrases", key)
    for phrase in value:
        if not isinstance(phrase, str) or " ".join(words(phrase)) not in own:
            raise lines.error(number, name, phrase, "one of this topic's phrases", key)


def _check_actors(lines: _Lines, number: int, topic: dict) -> None:
    """``actors``: phrases of this topic that count only beside one of its ``acts``
    (single words: a verb or a noun in its plain form)."""
    if "actors" in topic:
        _check_own_phrases(lines, number, topic, "actors")
    value = topic.get("acts", [])
    if not isinstance(value, list) or "actors" not in topic:
        raise lines.error(number, f"topics[{number}].acts", value, "a list of single words "
                          "(verbs or nouns in their plain form), beside a list of actors",
                          "acts")
    for word in value:
        if not isinstance(word, str) or len(words(word)) != 1:
            raise lines.error(number, f"topics[{number}].acts", word, "a single word (a verb "
                              "or a noun in its plain form: veto, legislate, budget)", "acts")


def _check_not_beside(lines: _Lines, number: int, topic: dict, slugs: dict) -> None:
    """``not_beside``: another topic's slug -> phrases or keywords of this topic."""
    name, value = f"topics[{number}].not_beside", topic["not_beside"]
    if not isinstance(value, dict):
        raise lines.error(number, name, value, "a table: another topic's slug = [its "
                          "phrases or keywords that do not count beside that topic]", "not_beside")
    own = {" ".join(words(p)) for kind in ("phrases", "keywords")
           for p in (topic.get(kind) or ())}
    for other, phrases in value.items():
        if other not in slugs or other == topic["slug"]:
            raise lines.error(number, f"{name}.{other}", phrases,
                              "the slug of another topic of this file", other)
        if not isinstance(phrases, list):
            raise lines.error(number, f"{name}.{other}", phrases, "a list of phrases", other)
        for phrase in phrases:
            if not isinstance(phrase, str) or " ".join(words(phrase)) not in own:
                raise lines.error(number, f"{name}.{other}", phrase,
                                  "one of this topic's phrases or keywords", other)


def _check_examples(lines: _Lines, number: int, name: str, value: Any) -> None:
    """A topic's example stories: a list of texts (headline and body of a story)."""
    if not isinstance(value, list):
        raise lines.error(number, name, value, "a list of example stories (texts)", "examples")
    for index, text in enumerate(value):
        if not (isinstance(text, str) and re.search(r"\w", text)):
            raise lines.error(number, f"{name}[{index}]", text,
                              "an example story: text with words", "examples")


def _check_vocabulary(lines: _Lines, number: int, name: str, kind: str, value: Any) -> None:
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list):
        items = [(phrase, 1) for phrase in value]
    else:
        raise lines.error(number, name, value, _VOCABULARY, kind)
    for phrase, weight in items:
        if not (isinstance(phrase, str) and re.search(r"\w", phrase)):
            raise lines.error(number, name, phrase, "a word or phrase (text with letters)", kind)
        if not (isinstance(weight, int | float) and not isinstance(weight, bool)
                and 0 < weight <= 10):
            raise lines.error(number, f"{name}[{phrase!r}]", weight,
                              "a weight: a number above 0, at most 10", phrase)
