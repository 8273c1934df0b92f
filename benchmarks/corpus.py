"""A deterministic synthetic corpus: the same N stories as seeds and as plain Pelican Markdown.

``python -m benchmarks.corpus --n 1000 --out benchmarks/work/corpus`` writes
``seeds/articles/*.txt`` (the seed format, via ``seed.render_seed``) and
``markdown/*.md`` (Title, Date, Authors, Tags, paragraphs), plus one About page
in each. The same seed number gives the same bytes on every machine.

``write_day`` adds a day's new stories to a corpus, as the daily job of a digest
does: dated on one day after the corpus (``day`` 1 is the day after its last
possible date), numbered after its stories, from the same publishers and subjects.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from news_digest.seeds.format import Seed, render_seed
from news_digest.seeds.slugs import slugify_headline

from .vocab import AGENCIES, FILLER, FIRST_NAMES, LAST_NAMES, PLACES, PUBLISHER_WORDS, SUBJECTS

START = datetime(2023, 1, 1, tzinfo=UTC)
DEFAULT_SEED = 20260101
SPAN_SECONDS = 2 * 365 * 24 * 3600  # dates over two years
PUBLISHERS = 300
DUPLICATE_HEADLINE_SHARE = 0.03
ABOUT = "Title: About\n\nA synthetic digest for the benchmark.\n"
VERBS = ("hits", "faces", "sparks", "raises", "targets", "questions", "backs", "blocks",
         "probes", "widens", "tightens", "eases", "rejects", "welcomes", "warns on")


@dataclass(frozen=True)
class Story:
    seed: Seed
    tags: tuple[str, ...]  # labels of the subjects the story was written from
    number: int
    duplicate: bool  # the headline was used by an earlier story


def publishers(rng: random.Random) -> list[tuple[str, str]]:
    """A few hundred (name, home URL) pairs, distinct names."""
    names: dict[str, str] = {}
    while len(names) < PUBLISHERS:
        name = f"The {rng.choice(PLACES)} {rng.choice(PUBLISHER_WORDS)}"
        if rng.random() < 0.3:
            name += f" {rng.choice(PUBLISHER_WORDS)}"
        slug = slugify_headline(name, 60)
        names.setdefault(name, f"https://www.{slug}.example")
    return sorted(names.items())


def byline(rng: random.Random) -> str:
    """Agencies and one to three people, in the ways bylines are written."""
    people = [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
              for _ in range(rng.randint(1, 3))]
    kind = rng.random()
    if kind < 0.2:
        return rng.choice(AGENCIES)
    if kind < 0.4:
        return f"{rng.choice(AGENCIES)}, {people[0]}"
    if kind < 0.5:
        return f"By {' and '.join(people)}"
    return ", ".join(people)


def sentence(rng: random.Random, phrases: list[str]) -> str:
    words = [rng.choice(phrases) if rng.random() < 0.15 else rng.choice(FILLER)
             for _ in range(rng.randint(8, 24))]
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def body(rng: random.Random, phrases: list[str]) -> tuple[str, ...]:
    """300 to 1,500 words in paragraphs of a few sentences."""
    target = rng.randint(300, 1500)
    paragraphs, words = [], 0
    while words < target:
        text = " ".join(sentence(rng, phrases) for _ in range(rng.randint(2, 5)))
        paragraphs.append(text)
        words += len(text.split())
    return tuple(paragraphs)


def stories(n: int, seed: int = DEFAULT_SEED, *, first: int = 0,
            day: date | None = None) -> Iterator[Story]:
    """``n`` stories, numbered from ``first``; dated over two years from ``START``,
    or all on ``day`` (a day's news)."""
    rng = random.Random(seed)
    # A day's news comes from the corpus' publishers (those of the default seed).
    outlets = publishers(rng if day is None else random.Random(DEFAULT_SEED))
    subjects = list(SUBJECTS)
    headlines: list[str] = []
    slugs: set[str] = set()
    for number in range(first, first + n):
        chosen = rng.sample(subjects, rng.randint(1, 3))
        phrases = [p for s in chosen for p in SUBJECTS[s][1]]
        if headlines and rng.random() < DUPLICATE_HEADLINE_SHARE:
            title = rng.choice(headlines)
        else:
            title = (f"{rng.choice(phrases).capitalize()} {rng.choice(VERBS)} "
                     f"{rng.choice(phrases)} in {rng.choice(PLACES)}")
            headlines.append(title)
        slug = slugify_headline(title, 80)
        duplicate = slug in slugs  # chosen again, or the same words drawn by chance
        slugs.add(slug)
        name, home = rng.choice(outlets)
        if day is None:
            published = START + timedelta(seconds=rng.randrange(SPAN_SECONDS))
        else:
            published = datetime.combine(day, time(6), UTC) + timedelta(
                seconds=rng.randrange(14 * 3600))  # between 06:00 and 20:00
        url = (f"{home}/{published:%Y/%m}/"
               f"{slugify_headline(title, 60)}-{number}")
        yield Story(
            Seed(path="", title=title, published=published, byline=byline(rng),
                 source_name=name, source_url=url, paragraphs=body(rng, phrases)),
            tuple(SUBJECTS[s][0] for s in chosen),
            number,
            duplicate,
        )


def markdown(story: Story) -> str:
    """The story as a plain Pelican Markdown article."""
    seed = story.seed
    from news_digest.seeds.byline import split_byline  # noqa: PLC0415

    lines = [f"Title: {seed.title}", f"Date: {seed.published:%Y-%m-%d %H:%M:%S}"]
    names = split_byline(seed.byline)
    if names:
        lines.append(f"Authors: {', '.join(names)}")
    lines.append(f"Tags: {', '.join(story.tags)}")
    if story.duplicate:  # plain Pelican refuses two pages at one address
        lines.append(f"Slug: {slugify_headline(seed.title, 80)}-{story.number}")
    return "\n".join(lines) + "\n\n" + "\n\n".join(seed.paragraphs) + "\n"


def write_corpus(n: int, out: Path, seed: int = DEFAULT_SEED) -> tuple[Path, Path]:
    """Write ``out/seeds`` and ``out/markdown``; return the two content folders."""
    seeds, plain = out / "seeds", out / "markdown"
    for folder in (seeds, plain):
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "pages").mkdir(parents=True)
        (folder / "pages" / "about.md").write_text(ABOUT, encoding="utf-8")
    (seeds / "articles").mkdir()
    (plain / "articles").mkdir()
    for number, story in enumerate(stories(n, seed)):
        name = f"{number:06d}_{story.seed.identity}"
        (seeds / "articles" / f"{name}.txt").write_text(render_seed(story.seed),
                                                        encoding="utf-8")
        (plain / "articles" / f"{name}.md").write_text(markdown(story), encoding="utf-8")
    return seeds, plain


# The first day after every date ``stories`` can give (the corpus ends before 2024-12-31).
FIRST_NEW_DAY = (START + timedelta(seconds=SPAN_SECONDS)).date() + timedelta(days=1)
DAY_SIZE = 50  # stories a day, as a busy digest publishes


def day_of(number: int) -> date:
    """The date of the ``number``-th day of news after the corpus (1: the first)."""
    return FIRST_NEW_DAY + timedelta(days=number - 1)


def write_day(out: Path, n: int, number: int, size: int = DAY_SIZE,
              seed: int = DEFAULT_SEED) -> list[Path]:
    """Add day ``number``'s ``size`` new stories to the corpus of ``n`` stories in
    ``out`` (both formats; after ``number - 1`` earlier days); return the seed files."""
    written = []
    first = n + (number - 1) * size
    for story in stories(size, seed + number, first=first, day=day_of(number)):
        name = f"{story.number:06d}_{story.seed.identity}"
        path = out / "seeds" / "articles" / f"{name}.txt"
        path.write_text(render_seed(story.seed), encoding="utf-8")
        # A slug of its own for plain Pelican: a headline may repeat one of the corpus.
        (out / "markdown" / "articles" / f"{name}.md").write_text(
            markdown(dataclasses.replace(story, duplicate=True)), encoding="utf-8")
        written.append(path)
    return written


def remove_days(out: Path, n: int) -> None:
    """Remove the days' stories added to the corpus of ``n`` stories in ``out``."""
    for folder in (out / "seeds" / "articles", out / "markdown" / "articles"):
        for path in folder.iterdir():
            number = path.name.partition("_")[0]
            if number.isdigit() and int(number) >= n:
                path.unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="number of stories")
    parser.add_argument("--seed", type=int, default=20260101, help="random seed")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/work/corpus"))
    parser.add_argument("--day", type=int, default=0,
                        help="add day DAY's new stories to the corpus of N in OUT (1: the "
                             "first day after the corpus) instead of writing the corpus")
    parser.add_argument("--day-size", type=int, default=DAY_SIZE, help="stories a day")
    args = parser.parse_args(argv)
    if args.day:
        write_day(args.out, args.n, args.day, args.day_size, args.seed)
    else:
        write_corpus(args.n, args.out, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
