"""Issue 22's named list, probed: would the stories the build's steps could name keep
every story page a page key renders? (docs/rebuilding.md, "Why an unchanged story's key
is not yet taken from a record".)

The design: each step that sets a story's values reports the stories whose values it
changed, and a story page none of them names (nor any story it shows) is kept from
its record without its key worked out. Nothing of it is trusted by the build yet; this
probe asks, over the random changes of the differential test (``stale_changes.py``),
whether such a list would have been enough. After each build it takes, for every
story, what each step set (``REPORTS``: the reader's seed stamp, the address, the
publisher, the credit, the topics, the event, the related stories, the neighbours,
the edition);
the next build's stories whose reports differ, are new or are gone are *named*. A
story page is *covered* when its story, a story it links (related, neighbours, the
event's other reports) or its edition is named. Every story page the build rendered
(not kept: a new file, not the previous one's hard link) with other bytes than before
must be covered; one that is not is a *miss*: a change no step names, which a named
list would have served stale (a page a key renders with its old bytes is none: a key
may cover more than the page shows).
The other pages a writer renders (listings, editions, the home page) are probed alike,
by the stories their own values hold and the pages of their list they link
(``watched(pages)``, ``lists_covered``).

``python -m named_list --seeds 0-9`` (from tests/) runs sequences and prints misses.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pelican.plugins import signals
from stale_changes import CHANGES, Project
from stale_hunt import _in_process, random_steps

from news_digest.speed.reuse_writer import ReusingWriter
from news_digest.speed.seed_stamp import SEED_HASH

_MISSING = object()


def _ids(stories) -> tuple:
    return tuple(getattr(s, "identity", None) for s in stories or ())


def _edition(story) -> tuple:
    """What a story page shows of its edition, one object deep (its own values, the
    number of its stories, its topics and sections)."""
    edition = getattr(story, "edition", None)
    if edition is None:
        return ()
    return (edition.slug, edition.title, edition.span, edition.datetime,
            len(edition.articles), tuple(t.slug for t in edition.top_topics),
            tuple((s.topic.slug, _ids(s.entries)) for s in edition.sections),
            getattr(edition.older, "slug", None), getattr(edition.newer, "slug", None))


# What each step sets on a story, as a report would compare it with the record.
REPORTS: dict[str, Callable] = {
    "reader": lambda s: (s.metadata.get(SEED_HASH), s.source_path),
    "address": lambda s: (s.slug, s.url, s.save_as),
    "publisher": lambda s: (getattr(s, "source", None), getattr(s, "source_slug", None)),
    "credit": lambda s: repr(getattr(s, "attribution", None)),
    "topics": lambda s: tuple((t.slug, str(t)) for t in getattr(s, "tags", None) or ()),
    "event": lambda s: repr(getattr(s, "coverage", None)),
    "related": lambda s: _ids(getattr(s, "related_stories", None)),
    "neighbours": lambda s: _ids((getattr(s, "older_story", None),
                                  getattr(s, "newer_story", None))),
    "edition": _edition,
}


@dataclass
class Story:
    page: str  # its page, relative to the output
    reports: dict[str, object]
    links: tuple  # the identities of the stories its page shows
    edition: str | None


def _story(s) -> Story:
    coverage = getattr(s, "coverage", None)
    others = tuple(getattr(card, "identity", None) for card in getattr(coverage, "others", ()))
    links = (*_ids(getattr(s, "related_stories", None)), *others,
             *_ids((getattr(s, "older_story", None), getattr(s, "newer_story", None))))
    edition = getattr(s, "edition", None)
    return Story(s.save_as, {name: report(s) for name, report in REPORTS.items()},
                 links, getattr(edition, "slug", None))


def _shown(value, depth: int = 0) -> Iterator[str]:
    """The identities of the stories a page's own value holds: a story, a page of a
    list (``object_list``), an edition's stories, a list of such (one level)."""
    identity = getattr(value, "identity", None)
    if isinstance(identity, str):
        yield identity
    elif hasattr(value, "object_list") or hasattr(value, "articles"):
        items = getattr(value, "object_list", None) or getattr(value, "articles", None) or ()
        for item in items:
            yield from _shown(item, depth + 1)
    elif isinstance(value, list | tuple) and depth == 0:
        for item in value:
            yield from _shown(item, depth + 1)


def _elsewhere(name: str) -> bool:
    """A paginated list's whole (read by its length only), another page of it, or
    Pelican's list of every story on a topic page (``all_articles``: this theme does
    not read it; a theme that did would have its topic pages keyed every day)."""
    return name in ("articles", "dates", "all_articles") or name.endswith(
        ("_paginator", "_previous_page", "_next_page"))


@contextlib.contextmanager
def watched(pages: list | None = None) -> Iterator[list]:
    """Each in-process build's stories (identity -> ``Story``), in a list; with
    ``pages``, also each build's pages (name -> the stories its own values hold) in
    it. The receiver and the writer's wrapper go on the way out (nothing left behind)."""
    builds: list[dict[str, Story]] = []

    def receiver(generators):
        for generator in generators:
            if hasattr(generator, "articles") and hasattr(generator, "drafts"):
                builds.append({a.identity: _story(a) for a in generator.articles
                               if hasattr(a, "identity")})
                if pages is not None:
                    pages.append({})

    original = ReusingWriter._write_page

    def write_page(self, template, context, localcontext, name, *args):
        if pages:  # the stories it holds; the pages of its list it links, and on a
            # list's front page (no newer page) the list's length, which it shows
            front = "articles" in localcontext and localcontext.get(
                "articles_previous_page", _MISSING) is None
            pages[-1][name] = (frozenset(
                identity for key, value in localcontext.items()
                if context.get(key, _MISSING) is not value and not _elsewhere(key)
                for identity in _shown(value)), (*(
                (key, getattr(value, "save_as", None))
                for key, value in sorted(localcontext.items(), key=lambda item: item[0])
                if key.endswith(("_previous_page", "_next_page"))),
                len(localcontext["articles"]) if front else None))
        return original(self, template, context, localcontext, name, *args)

    signals.all_generators_finalized.connect(receiver)
    if pages is not None:
        ReusingWriter._write_page = write_page
    try:
        yield builds
    finally:
        signals.all_generators_finalized.disconnect(receiver)
        ReusingWriter._write_page = original


def lists_covered(before: dict[str, tuple], after: dict[str, tuple],
                  names: set[str], stories: dict[str, Story],
                  links: bool = True) -> set[str]:
    """The pages other than story pages a named list keys: a new page, one whose
    stories or (``links``) linked pages of its list or, on its front page, the list's
    length differ from the record's, one
    holding a named story or a story that shows one (an edition's entry shows its
    event's other reports), and one whose own values hold no story (the site's lists
    of topics, sources, feeds and the archive read the whole site: a handful, keyed
    every build)."""
    def shows_named(shown):
        return names & shown or any(names.intersection(stories[i].links)
                                    for i in shown if i in stories)

    def same(old, new):
        return old[0] == new[0] and (old[1] == new[1] or not links)
    return {page for page, found in after.items()
            if not found[0] or page not in before or not same(before[page], found)
            or shows_named(found[0])}


def named(before: dict[str, Story], after: dict[str, Story],
          dropped: frozenset = frozenset()) -> set[str]:
    """The stories the steps would name: new, gone, or with a report changed (but
    those of ``dropped``)."""
    found = set(before.keys() ^ after.keys())
    for identity in before.keys() & after.keys():
        old, new = before[identity].reports, after[identity].reports
        if any(old[name] != new[name] for name in REPORTS if name not in dropped):
            found.add(identity)
    return found


def covered(after: dict[str, Story], names: set[str], before: dict[str, Story]) -> set[str]:
    """The story pages a named list renders: a named story's, and every page that
    shows a named story (linked) or an edition holding one."""
    editions = {s.edition for i, s in after.items() if i in names}
    editions |= {before[i].edition for i in names if i in before}
    return {s.page for i, s in after.items()
            if i in names or names.intersection(s.links) or s.edition in editions}


def rendered(output: Path, inodes: dict[str, int], pages) -> set[str]:
    """The pages this build wrote anew (a kept page is the previous file)."""
    found = set()
    for page in pages:
        try:
            inode = os.stat(output / page).st_ino
        except FileNotFoundError:
            continue
        if inodes.get(page) != inode:
            found.add(page)
    return found


def _changed(output: Path, page: str, old_bytes: dict[str, bytes]) -> bool:
    """``page`` is not the bytes it had before this build (or is new)."""
    return old_bytes.get(page) != (output / page).read_bytes()


def inodes_of(output: Path, pages) -> dict[str, int]:
    found = {}
    for page in pages:
        with contextlib.suppress(FileNotFoundError):
            found[page] = os.stat(output / page).st_ino
    return found


# A change whose reach is every page (a new cache folder, every template analysed
# again) or not a story's: the named list starts from "all" there.
EVERYTHING = frozenset({"setting", "template", "taxonomy", "sources", "about", "static"})


def _keeps(p: Project) -> bool:
    """The project's settings keep pages (a build without them renders every one)."""
    return all(p.settings.get(name, "True") == "True"
               for name in ("DIGEST_REUSE_PAGES", "DIGEST_SPEED"))


@dataclass
class Probe:
    steps: int = 0  # steps compared
    rendered: int = 0  # story pages rendered by their key
    covered: int = 0  # story pages the named list would render
    kept_pages: int = 0  # story pages compared in all
    misses: list[str] = field(default_factory=list)
    # the other pages a writer renders (listings, editions, the home page, ...)
    lists_rendered: int = 0
    lists_covered: int = 0
    lists: int = 0
    list_misses: list[str] = field(default_factory=list)


def probe(folder: Path, seed: int, count: int = 8, n: int = 30,
          dropped: frozenset = frozenset(), steps=None, links: bool = True) -> Probe:
    """Build a stale-hunt project, change it ``count`` times at random (``steps``:
    those given instead), build in process after each and compare the pages rendered
    with the named list's."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    p = Project(folder / "site", random.Random(seed), n=n)
    p.write()
    conf, content, output = p.folder / "conf.py", p.folder / "content", p.folder / "output"
    result = Probe()
    lists: list[dict[str, tuple]] = []
    with watched(lists) as builds:
        code, _ = _in_process(conf, content, output)
        for number, step in enumerate(steps or random_steps(seed, count)):
            kinds = {kind for kind, _ in step.changes}
            did = [CHANGES[kind](p, random.Random(change_seed))
                   for kind, change_seed in step.changes]
            p.write()
            before = builds[-1] if builds and code == 0 else None
            pages = [s.page for s in before.values()] if before else []
            inodes = inodes_of(output, pages)
            listed = lists[-1] if lists else {}
            list_inodes = inodes_of(output, listed)
            # a page a key renders with the bytes it had (a key may cover more than
            # the page shows) is no miss: only a changed page kept would be stale
            old_bytes = {page: (output / page).read_bytes() for page in (*pages, *listed)
                         if page in inodes or page in list_inodes}
            count_before = len(builds)
            code, _ = _in_process(conf, content, output)
            if code != 0 or before is None or len(builds) == count_before \
                    or kinds & EVERYTHING or not _keeps(p):
                continue
            after = builds[-1]
            names = named(before, after, dropped)
            pages = [s.page for s in after.values()]
            found = rendered(output, inodes, pages)
            cover = covered(after, names, before)
            result.steps += 1
            result.rendered += len(found)
            result.covered += len(cover)
            result.kept_pages += len(pages)
            result.misses += [f"seed {seed} step {number} ({'; '.join(did)}): {page}"
                              for page in sorted(found - cover)
                              if _changed(output, page, old_bytes)]
            others = {page: shown for page, shown in lists[-1].items() if page not in pages}
            found = rendered(output, list_inodes, others)
            cover = lists_covered(listed, others, names, after, links)
            result.lists_rendered += len(found)
            result.lists_covered += len(cover)
            result.lists += len(others)
            result.list_misses += [f"seed {seed} step {number} ({'; '.join(did)}): {page}"
                                   for page in sorted(found - cover)
                                   if _changed(output, page, old_bytes)]
    shutil.rmtree(folder, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0-4", help="a range, e.g. 0-9")
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--drop", default="", help="reports left out, comma-separated")
    parser.add_argument("--folder", type=Path, default=Path("/tmp/named-list"))
    args = parser.parse_args(argv)
    first, _, last = args.seeds.partition("-")
    dropped = frozenset(filter(None, args.drop.split(",")))
    total = Probe()
    for seed in range(int(first), int(last or first) + 1):
        found = probe(args.folder / str(seed), seed, args.steps, dropped=dropped)
        print(f"seed {seed}: {found.steps} steps, story pages rendered {found.rendered}, "
              f"named {found.covered} of {found.kept_pages}, misses {len(found.misses)}",
              flush=True)
        print(f"  other pages rendered {found.lists_rendered}, named {found.lists_covered} "
              f"of {found.lists}, misses {len(found.list_misses)}", flush=True)
        for miss in found.misses:
            print("  MISS", miss)
        for miss in found.list_misses:
            print("  LIST MISS", miss)
        for name in ("steps", "rendered", "covered", "kept_pages", "lists_rendered",
                     "lists_covered", "lists"):
            setattr(total, name, getattr(total, name) + getattr(found, name))
        total.misses += found.misses
        total.list_misses += found.list_misses
    print(f"in all: {total.steps} steps, rendered {total.rendered}, named {total.covered} "
          f"of {total.kept_pages}, misses {len(total.misses)}; other pages rendered "
          f"{total.lists_rendered}, named {total.lists_covered} of {total.lists}, misses "
          f"{len(total.list_misses)}")
    return 1 if total.misses else 0


if __name__ == "__main__":
    raise SystemExit(main())
