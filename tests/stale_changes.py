"""The project the differential test of rebuilds changes (``stale_hunt.py``): a real
site's inputs (its settings file, theme, taxonomy, sources file, content and clock)
and every kind of change a curator or an accident makes to them, each drawn from a
generator of its own seed so that a sequence replays exactly."""

from __future__ import annotations

import os
import random
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sitebuild import ROOT, seed_text

CONF = """\
import datetime as _dt
import sys as _sys
_sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa: F403
import news_digest.seeds.headers as _headers

THEME = {theme!r}
DIGEST_TOPICS_FILE = {topics!r}
DIGEST_SOURCES_FILE = {sources!r}
CACHE_PATH = {cache!r}
DIGEST_SEARCH = {search!r}
DIGEST_DEFAULT_POLICY = "full"
# The clock seeds are checked against, read from a file beside (not a setting: moving
# it must not change the build's cache key, as the real clock does not).
_headers.now = lambda: _dt.datetime.fromisoformat(open({clock!r}).read().strip())
"""

PLACES = ("Valencia", "Osaka", "Nairobi", "Lima", "Hamburg", "Quebec", "Perth", "Kraków",
          "Tbilisi", "Manaus")
EVENTS = (  # (subject words, verb, what): stories of one event share them
    ("parliament", "passes", "data privacy bill"), ("court", "blocks", "election law"),
    ("floods", "hit", "river towns"), ("central bank", "raises", "interest rates"),
    ("ministers", "agree", "climate deal"), ("hospital", "reports", "measles outbreak"),
    ("police", "arrest", "ransomware gang"), ("union", "calls", "rail strike"),
    ("wildfire", "forces", "evacuations"), ("regulator", "fines", "social network"),
    ("scientists", "find", "new vaccine"), ("earthquake", "damages", "old city"),
)
PUBLISHERS = (("The Daily Example", "https://daily.example.com"),
              ("Reuters Wire", "https://wire.example.org"),
              ("Le Monde Example", "https://lemonde.example.fr"),
              ("The Coast Herald", "https://herald.example.net"),
              ("Radio Nord", "https://nord.example.de"))
BYLINES = ("Jane Doe", "John Smith and Ana Ruiz", "Reuters", "Staff", "Mia Wong, AP", None)
FILLER = ("Officials said more details would follow.", "The decision was widely expected.",
          "Critics called the move rushed.", "Residents were told to stay alert.",
          "Analysts said the impact would be felt for months.",
          "The government will review the plan next week.")
TOPIC_EDITS = ('\n[[topics]]\nslug = "transport"\nlabel = "Transport"\n'
               'phrases = ["rail strike", "trains", "airport"]\n',
               '\n[[topics]]\nslug = "disasters"\nlabel = "Disasters"\n'
               'phrases = ["earthquake", "floods", "wildfire", "evacuations"]\n')
SOURCES = ("[[source]]\nname = \"{name}\"\nhome = \"{home}/\"\nfeeds = [\"{home}/feed.xml\"]\n"
           "policy = \"{policy}\"\n",)
SETTINGS = (("DEFAULT_PAGINATION", ("3", "4", "6")), ("DIGEST_EDITION", ('"week"', '"day"')),
            ("SITENAME", ('"The Example Digest"', '"News Digest"')),
            ("DIGEST_MAX_TOPICS", ("2", "3")), ("DIGEST_SEARCH_SHARD_SIZE", ("5", "8")),
            ("DIGEST_EDITIONS_PER_PAGE", ("2", "3")), ("DIGEST_STRICT", ("False", "True")),
            ("DIGEST_REUSE_PAGES", ("False", "True")), ("DIGEST_SPEED", ("False", "True")))
TEMPLATE_EDITS = (("partials", "<!-- edited {n} -->\n"), ("article.html", "{{# edited {n} #}}\n"),
                  ("base.html", "<!-- base {n} -->\n"), ("index.html", "{{# index {n} #}}\n"))
DAY0 = (2024, 3, 4)


@dataclass
class Story:
    title: str
    published: str
    author: str | None
    source: int
    url: str
    body: list[str]
    extra: dict[str, str] = field(default_factory=dict)
    body_kept: list[str] | None = None  # while headline only (such a seed has no body)

    def text(self) -> str:
        name, home = PUBLISHERS[self.source]
        return seed_text(title=self.title, published=self.published, author=self.author,
                         source=name, url=self.url, body=tuple(self.body),
                         extra=tuple(self.extra.items()))


def _when(day: int, minute: int) -> str:
    when = datetime(*DAY0, 6, tzinfo=UTC) + timedelta(days=day, minutes=minute)
    return when.isoformat()


class Project:
    """The inputs of a site, as a curator keeps them, and its two output folders."""

    def __init__(self, folder: Path, rng: random.Random, n: int = 30, search: bool = False):
        self.folder, self.search = folder, search
        self.stories: dict[str, Story] = {}
        self.topics_extra: list[str] = []
        self.sources: list[str] = []
        # Small search shards: a change leaves most of them as they were (kept).
        self.settings: dict[str, str] = {"DIGEST_SEARCH_SHARD_SIZE": "5"} if search else {}
        self.templates: list[tuple[str, str]] = []
        self.about = "Title: About\n\nAbout this digest.\n"
        self.day = 0
        self.clock_day = 9
        self.counter = 0
        self.theme = folder / "theme"
        for day in range(4):
            for _ in range(n // 4):
                self.add_story(rng, day)
        self.day = 3

    # -- the model -----------------------------------------------------------------
    def add_story(self, rng: random.Random, day: int | None = None, event: int | None = None):
        self.counter += 1
        day = self.day if day is None else day
        event = rng.randrange(len(EVENTS)) if event is None else event
        subject, verb, what = EVENTS[event]
        place = PLACES[event % len(PLACES)]
        source = rng.randrange(len(PUBLISHERS))
        title = rng.choice((f"{place} {subject} {verb} {what}",
                            f"{subject.capitalize()} {verb} {what} in {place}",
                            f"{what.capitalize()}: {place} {subject} act"))
        if rng.random() < 0.3:
            title += f" after {rng.choice(('talks', 'protests', 'delays', 'review'))}"
        body = [f"In {place}, the {subject} {verb} {what} on {('Monday', 'Tuesday')[day % 2]}.",
                *rng.sample(FILLER, rng.randint(1, 3))]
        name = f"{self.counter:03d}_{rng.getrandbits(32):08x}.txt"
        url = f"{PUBLISHERS[source][1]}/{day}/{self.counter}-{subject.replace(' ', '-')}"
        self.stories[name] = Story(title, _when(day, rng.randrange(600)), rng.choice(BYLINES),
                                   source, url, body)
        return name

    # -- the files -----------------------------------------------------------------
    def conf_text(self) -> str:
        text = CONF.format(root=str(ROOT), theme=str(self.theme),
                           topics=str(self.folder / "topics.toml"),
                           sources=str(self.folder / "sources.toml"),
                           cache=str(self.folder / "cache"), search=self.search,
                           clock=str(self.folder / "clock.txt"))
        return text + "".join(f"{k} = {v}\n" for k, v in sorted(self.settings.items()))

    def write(self) -> None:
        """Write every input whose text changed (an unchanged file keeps its mtime)."""
        if not self.theme.exists():
            shutil.copytree(ROOT / "theme", self.theme)
        articles = self.folder / "content" / "articles"
        articles.mkdir(parents=True, exist_ok=True)
        (self.folder / "content" / "pages").mkdir(exist_ok=True)
        files = {articles / name: s.text() for name, s in self.stories.items()}
        files[self.folder / "content" / "pages" / "about.md"] = self.about
        files[self.folder / "conf.py"] = self.conf_text()
        files[self.folder / "topics.toml"] = ((ROOT / "topics.toml").read_text("utf-8")
                                              + "".join(self.topics_extra))
        files[self.folder / "sources.toml"] = "".join(self.sources)
        files[self.folder / "clock.txt"] = _when(self.clock_day, 0)
        for path in articles.glob("*.txt"):
            if path not in files:
                path.unlink()
        for path, text in files.items():
            if not path.exists() or path.read_text("utf-8") != text:
                path.write_text(text, "utf-8")
        for relative, added in self.templates:
            path = self.theme / "templates" / relative
            text = path.read_text("utf-8")
            if added not in text:
                path.write_text(text + added, "utf-8")


# -- the changes -------------------------------------------------------------------------
# Each takes the project and a generator of its own and returns what it did, in words.

def _pick(p: Project, rng: random.Random) -> tuple[str, Story]:
    name = rng.choice(sorted(p.stories))
    return name, p.stories[name]


def c_add(p, rng):
    return f"add {p.add_story(rng, rng.randrange(p.day + 1))}"


def c_day(p, rng):
    p.day += 1
    p.clock_day = max(p.clock_day, p.day + 1)
    names = [p.add_story(rng) for _ in range(rng.randint(2, 5))]
    return f"a day of new stories (day {p.day}): {' '.join(names)}"


def c_headline(p, rng):
    name, s = _pick(p, rng)
    s.title = rng.choice((s.title + " again", s.title.replace(" ", " new ", 1),
                          f"{EVENTS[rng.randrange(len(EVENTS))][2].capitalize()} shock"))
    return f"headline of {name}: {s.title!r}"


def c_body(p, rng):
    name, s = _pick(p, rng)
    if not s.body:  # headline only
        return f"no body edit of {name}"
    if rng.random() < 0.5 and len(s.body) > 1:
        s.body.pop()
    else:
        s.body.append(rng.choice(FILLER + ("Voters will decide in the election.",
                                            "The privacy regulator is investigating.")))
    return f"body of {name}"


def c_date(p, rng):
    name, s = _pick(p, rng)
    s.published = _when(rng.randrange(p.day + 1), rng.randrange(600))
    return f"date of {name}: {s.published}"


def c_publisher(p, rng):
    name, s = _pick(p, rng)
    s.source = rng.randrange(len(PUBLISHERS))
    return f"publisher of {name}: {PUBLISHERS[s.source][0]}"


def c_byline(p, rng):
    name, s = _pick(p, rng)
    s.author = rng.choice(BYLINES)
    return f"byline of {name}: {s.author}"


def _header(p, rng, key, values):
    name, s = _pick(p, rng)
    if key in s.extra and rng.random() < 0.4:
        del s.extra[key]
        return f"{key} of {name} removed"
    s.extra[key] = rng.choice(values)
    return f"{key} of {name}: {s.extra[key]}"


def c_topics(p, rng):
    return _header(p, rng, "Topics", ("privacy", "climate, health", "elections", "law-courts"))


def c_language(p, rng):
    return _header(p, rng, "Language", ("de", "fr", "en-GB"))


def c_summary(p, rng):
    return _header(p, rng, "Summary", ("In short: it happened.", "A brief summary."))


def c_lead(p, rng):
    return _header(p, rng, "Lead story", ("yes",))


def c_join(p, rng):
    name, s = _pick(p, rng)
    _, other = _pick(p, rng)
    key = rng.choice(("Same event as", "Not same event as"))
    if other.url == s.url:
        return f"no join for {name}"
    s.extra[key] = other.url
    return f"{key} of {name}: {other.url}"


def c_rename(p, rng):
    name, s = _pick(p, rng)
    new = f"{name[:3]}_{rng.getrandbits(32):08x}.txt"
    p.stories[new] = p.stories.pop(name)
    return f"rename {name} to {new}"


def c_delete(p, rng):
    if len(p.stories) < 5:
        return "no delete"
    name, _ = _pick(p, rng)
    del p.stories[name]
    return f"delete {name}"


def c_taxonomy(p, rng):
    edit = rng.choice(TOPIC_EDITS)
    if edit in p.topics_extra:
        p.topics_extra.remove(edit)
        return "topics.toml: a topic removed"
    p.topics_extra.append(edit)
    return "topics.toml: a topic added"


def c_sources(p, rng):
    name, home = rng.choice(PUBLISHERS)
    entry = SOURCES[0].format(name=name, home=home,
                              policy=rng.choice(("link", "excerpt", "full")))
    p.sources = [s for s in p.sources if f'"{name}"' not in s]
    if rng.random() < 0.8:
        p.sources.append(entry)
    return f"sources.toml: {name} {entry.split('policy = ')[1].strip()}"


def c_setting(p, rng):
    key, values = rng.choice(SETTINGS)
    if key in p.settings and rng.random() < 0.3:
        del p.settings[key]
        return f"setting {key} back to its default"
    p.settings[key] = rng.choice(values)
    return f"setting {key} = {p.settings[key]}"


def c_template(p, rng):
    where, text = rng.choice(TEMPLATE_EDITS)
    if where == "partials":
        where = "partials/" + rng.choice(sorted(x.name for x in
                                                (ROOT / "theme/templates/partials").iterdir()))
    p.templates.append((where, text.format(n=rng.randrange(1000))))
    return f"template {where} edited"


def c_about(p, rng):
    p.about += rng.choice(FILLER) + "\n"
    return "about page edited"


def c_clock(p, rng):
    # Set back at times past the newest stories (a wrong clock corrected): they are
    # then dated ahead of it, refused or skipped until it moves on.
    p.clock_day = max(p.day - 2, p.clock_day + rng.choice((1, 2, -1, -4)))
    return f"clock to day {p.clock_day}"


def c_future(p, rng):
    """A story dated after the clock: refused until the clock moves past it."""
    name = p.add_story(rng)
    p.day = p.clock_day + 1  # later days' stories come after it
    p.stories[name].published = _when(p.day, 30)
    return f"add {name} dated after the clock"


def c_error(p, rng):
    """A seed with an error (refused), fixed at the next step."""
    name, s = _pick(p, rng)
    s.extra["Language"] = "English"
    return f"error in {name}"


def _seed_path(p, name):
    return p.folder / "content" / "articles" / name


def c_mtime_kept(p, rng):
    """An edit by a tool that keeps the file's modification time (``cp -p``,
    ``rsync -t``, ``touch -r``)."""
    name, s = _pick(p, rng)
    path = _seed_path(p, name)
    if not path.exists():  # added in this very step
        return f"no edit of {name}"
    info = path.stat()
    if rng.random() < 0.5 or not s.body:
        s.title = s.title + " (updated)"
    else:
        s.body[0] = s.body[0].replace("the", "a", 1) if "the" in s.body[0] else s.body[0] + "!"
    path.write_text(s.text(), "utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    return f"{name} edited, its mtime kept"


def c_moved_over(p, rng):
    """``mv a.txt b.txt``: one seed renamed over another (its mtime and inode go too)."""
    if len(p.stories) < 5:
        return "no move"
    names = rng.sample(sorted(p.stories), 2)
    if not all(_seed_path(p, name).exists() for name in names):
        return "no move"
    os.replace(_seed_path(p, names[0]), _seed_path(p, names[1]))
    p.stories[names[1]] = p.stories.pop(names[0])
    return f"{names[0]} moved over {names[1]}"


def c_duplicate(p, rng):
    """A seed copied under another name: the same original twice."""
    name, s = _pick(p, rng)
    new = f"{p.counter + 1:03d}_{rng.getrandbits(32):08x}.txt"
    p.counter += 1
    p.stories[new] = Story(s.title, s.published, s.author, s.source, s.url, list(s.body),
                           dict(s.extra))
    return f"{name} copied to {new}"


def c_headline_only(p, rng):
    name, s = _pick(p, rng)
    if s.extra.pop("Headline only", None):
        s.body, s.body_kept = s.body_kept or ["The body is back."], None
        return f"{name} no longer headline only"
    s.extra["Headline only"] = "yes"
    s.body, s.body_kept = [], s.body
    return f"{name} headline only"


def c_static(p, rng):
    p.templates.append(("../static/css/" + rng.choice(sorted(
        x.name for x in (ROOT / "theme/static/css").iterdir())),
        f"/* edited {rng.randrange(1000)} */\n"))
    return "theme stylesheet edited"


CHANGES = {f.__name__[2:]: f for f in (
    c_mtime_kept, c_moved_over, c_duplicate, c_headline_only, c_static,
    c_add, c_day, c_headline, c_body, c_date, c_publisher, c_byline, c_topics, c_language,
    c_summary, c_lead, c_join, c_rename, c_delete, c_taxonomy, c_sources, c_setting,
    c_template, c_about, c_clock, c_future, c_error)}
