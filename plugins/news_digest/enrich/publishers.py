"""Publishers and their stories: grouping, slugs, duplicate originals.

Pure module: no Pelican import. Every function makes one pass over the
stories (a dict index), never compares stories pairwise.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import chain, count
from typing import Any

from ..seeds.inner_breaks import drop_inner_breaks
from ..seeds.slugs import slugify_headline
from ..seeds.urls import is_web_url, normalise_url, site_home
from .lookalikes import reader_key, visible

PUBLISHER_SLUG_LENGTH = 60


@dataclass(frozen=True)
class StoryRef:
    """What grouping needs of a story; ``item`` is carried along untouched."""

    publisher: str
    url: str
    published: datetime
    key: str  # stable and unique, e.g. the source file's path
    item: Any = None


@dataclass(frozen=True)
class Publisher:
    name: str
    slug: str
    home: str  # "" when no story has an http(s) URL
    stories: tuple[StoryRef, ...]  # newest first

    @property
    def count(self) -> int:
        return len(self.stories)


def publisher_key(name: str) -> str:
    """Names that differ only in case or spacing are one publisher; so are names a
    reader cannot tell apart: 'é' written as 'e' and an accent (macOS, some feeds),
    full-width letters, an invisible format character (a zero-width space, a BOM),
    Cyrillic or Greek letters drawn as Latin ones (``lookalikes.py``)."""
    return reader_key(name)


def group_by_publisher(stories: Iterable[StoryRef], *, save_as: str = "{slug}",
                       taken_paths: Iterable[str] = (),
                       home_of: Callable[[str], str] = lambda name: "",
                       language_of: Callable[[str], str] = lambda name: "") -> list[Publisher]:
    """Publishers sorted by name without its leading article (``sort_key``: The
    Guardian under G), each with its stories newest first.

    A publisher's home is ``home_of(name)`` (the sources file's), else the site of its
    newest story with an http(s) address (which may be an ``amp.`` or ``m.`` host).

    Slugs are unique among publishers and never give a ``save_as`` path that
    is in ``taken_paths`` (author, topic, story pages).
    """
    groups: dict[str, list[StoryRef]] = defaultdict(list)
    for story in stories:
        groups[publisher_key(story.publisher)].append(story)
    for members in groups.values():
        members.sort(key=lambda s: (s.published, s.key), reverse=True)
    slugs = publisher_slugs(
        {key: (members[-1].published, members[-1].key, members[0].publisher)
         for key, members in groups.items()},
        save_as=save_as, taken_paths=set(taken_paths))
    publishers = []
    for key, members in groups.items():
        newest = members[0]
        name = " ".join(newest.publisher.split())
        home = home_of(name) or next(
            (site_home(s.url) for s in members if is_web_url(s.url)), "")
        publishers.append(Publisher(name, slugs[key], home, tuple(members)))
    publishers.sort(key=lambda p: (sort_key(p.name, language_of(p.name)), p.slug))
    return publishers


# Leading articles by the primary subtag of a publisher's language: a name is sorted
# without one (Le Monde under M, Die Zeit under Z) but shown whole. "The" is an article
# whatever the language (The Local, a German site in English); "A" and "An" only in
# English or where no language is given ("A Bola" is Portuguese). An elided article
# ("L'Équipe") is cut at its apostrophe.
ARTICLES = {
    "en": ("the", "a", "an"),
    "fr": ("le", "la", "les", "l'", "l\u2019"),
    "it": ("il", "lo", "la", "i", "gli", "le", "l'", "l\u2019"),
    "es": ("el", "la", "los", "las"),
    "pt": ("o", "a", "os", "as"),
    "de": ("der", "die", "das"),
    "nl": ("de", "het"),
}


def sort_key(name: str, language: str = "") -> tuple[str, str, str]:
    """How a reader looks a publisher up: its name without a leading article of its
    language and without accents ("Écho" among the E), then with its accents, then the
    whole name (two names differing by their article keep one order). Letters are
    read as written: the publisher's key reads a Cyrillic or Greek letter as the Latin
    one it looks like, which sorted Новости under H and Ведомости under B."""
    whole = " ".join(visible(unicodedata.normalize("NFKC", name)).casefold().split())
    articles = ARTICLES.get(language.split("-")[0].lower() or "en", ()) + ("the",)
    looked_up = whole
    for article in articles:
        elided = article.endswith(("'", "\u2019"))
        if whole.startswith(article if elided else article + " ") and len(whole) > len(article) + 1:
            looked_up = whole[len(article):].lstrip()
            break
    return _without_accents(looked_up), looked_up, publisher_key(name)


def _without_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def publisher_slugs(publishers: dict[str, tuple[datetime, str, str]], *, save_as: str,
                    taken_paths: set[str]) -> dict[str, str]:
    """Map publisher key -> slug, given ``(first story date, its key, name)`` per publisher.

    Among publishers whose names slugify alike, the one with the oldest story
    keeps the plain slug (so a newcomer never moves it); the others get a short
    hash of their name appended, which does not depend on what else is built.
    """
    by_base: dict[str, list[tuple[datetime, str, str]]] = defaultdict(list)
    for key, (first, first_key, name) in publishers.items():
        # not cut at a zero-width space: a newer story's spelling would move the page
        base = slugify_headline(drop_inner_breaks(name), PUBLISHER_SLUG_LENGTH)
        by_base[base].append((first, first_key, key))
    slugs: dict[str, str] = {}
    waiting = []  # (base, key) still without a slug, in a stable order
    for base in sorted(by_base):
        members = sorted(by_base[base])
        first_key = members[0][2]
        if save_as.format(slug=base) in taken_paths:
            waiting.append((base, first_key))
        else:
            slugs[first_key] = base  # distinct bases: no clash among these
        waiting += [(base, key) for _, _, key in members[1:]]
    used = set(slugs.values())
    for base, key in waiting:
        suffix = _short_hash(key)
        candidates = chain([f"{base}-{suffix}"], (f"{base}-{suffix}-{n}" for n in count(2)))
        slug = next(c for c in candidates
                    if c not in used and save_as.format(slug=c) not in taken_paths)
        used.add(slug)
        slugs[key] = slug
    return slugs


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]


def story_key(url: str) -> str:
    """Two originals are one story when this matches: ``normalise_url``, and
    ``http`` read as ``https`` (a site serves one story under both)."""
    key = normalise_url(url)
    return "https" + key[4:] if key.startswith("http:") else key


def find_duplicates(stories: Iterable[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """``(key, url)`` pairs -> ``(kept key, dropped key, url)`` per duplicate.

    The smallest key (e.g. the earliest file name) of each original is kept.
    """
    first: dict[str, tuple[str, str]] = {}
    dropped = []
    for key, url in sorted(stories):
        norm = story_key(url)
        if norm in first:
            dropped.append((first[norm][0], key, url))
        else:
            first[norm] = (key, url)
    return dropped
