"""A digest as a reader finds it: the real-world captures of ../shared/realworld-feeds/
imported with `python -m news_digest import` (into a temporary folder: their text never
enters the repository), moved onto the last days before 7 December 2026, with the
busy day of the same-event development set (50 reports of 18 events), a day of a
Hebrew and a long German headline, in the time zone of New York.

The days, newest first: 6 December, a journal's 30 papers (`Topics: Science`, as a
curator would pin a journal's) and 20 other stories; 5 December, the development set's
busy day (its first hours fall on 4 December in New York); 4 December, 50 stories of
the captures; then 25 a day. Absent captures (a user's clone) skip the tests.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
from datetime import datetime, timedelta
from pathlib import Path

from news_digest.curator.cli import main
from news_digest.seeds.format import read_seed, render_seed

from busy_site import busy_seeds
from sitebuild import ROOT, SHARED, Site, build, seed_text

FEEDS = SHARED / "realworld-feeds"
TIMEZONE = "America/New_York"
JOURNAL = "science-twis-2017.rss1.rdf.xml"
# The captures and how a curator would list them: name, language, policy.
SOURCES = {
    "bbc-news-uk-politics-2018.rss.xml": ("BBC News", "https://www.bbc.co.uk/news",
                                          "en-GB", "link"),
    "guardian-us-2018.rss.xml": ("The Guardian", "https://www.theguardian.com/", "en-GB",
                                 "excerpt"),
    "livemint-news-2019.rss.xml": ("Mint", "https://www.livemint.com/", "en-IN", "link"),
    "aktuality-sk-2021.rss.xml": ("Aktuality.sk", "https://www.aktuality.sk/", "sk",
                                  "excerpt"),
    "heise-developer-2016.atom.xml": ("heise online", "https://www.heise.de/", "de", "full"),
    "talkingpointsmemo-2017.atom.xml": ("Talking Points Memo",
                                        "https://talkingpointsmemo.com/", "en", "excerpt"),
    "golem-de-2023.rss1.rdf.xml": ("Golem.de", "https://www.golem.de/", "de", "full"),
    JOURNAL: ("Science", "https://www.science.org/", "en", "link"),
}
NEWS_APIS = ("newsapi-top-headlines-us-2019.json", "newsapi-top-headlines-us-2021.json")
BUSY_REAL = "editions/2026-12-06/"  # the journal's papers and 20 other stories
BUSY_CLUSTERS = "editions/2026-12-05/"
BUSY_FEEDS = "editions/2026-12-04/"
FEW = "editions/2026-11-01/"  # a Hebrew headline and a long German one


def captures_present() -> bool:
    return all((FEEDS / name).is_file() for name in (*SOURCES, *NEWS_APIS))


def _sources_file(folder: Path) -> Path:
    tables = [f'[[source]]\nname = "{name}"\nhome = "{home}"\n'
              f'feeds = ["{FEEDS / capture}"]\nlanguage = "{language}"\npolicy = "{policy}"\n'
              for capture, (name, home, language, policy) in SOURCES.items()]
    path = folder / "sources.toml"
    path.write_text("\n".join(tables), encoding="utf-8")
    return path


def imported_seeds(folder: Path) -> list:
    """Every capture imported as the curator's daily job would (the command line)."""
    into = folder / "imported"
    into.mkdir()
    sources = _sources_file(folder)
    common = ["--into", str(into), "-s", str(ROOT / "pelicanconf.py"),
              "--sources", str(sources), "--state", str(folder / "state.json")]
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        for files in ([], [str(FEEDS / name) for name in NEWS_APIS]):
            code = main(["import", *files, *common])
            assert code == 0, out.getvalue()
    return sorted((read_seed(p) for p in into.glob("*.txt")),
                  key=lambda s: (s.published, s.path))


def _on(seed, day: datetime, **headers):
    """The seed on ``day``, at its own time of day and offset."""
    moved = seed.published.replace(year=day.year, month=day.month, day=day.day)
    return dataclasses.replace(seed, published=moved, headers={**seed.headers, **headers})


def reader_seeds(folder: Path) -> dict[str, str]:
    seeds = imported_seeds(folder)
    journal = [s for s in seeds if s.source_name == SOURCES[JOURNAL][0]][:30]
    others = [s for s in seeds if s not in journal]
    placed = [_on(s, datetime(2026, 12, 6), topics="Science") for s in journal]
    placed += [_on(s, datetime(2026, 12, 6)) for s in others[:20]]
    placed += [_on(s, datetime(2026, 12, 4)) for s in others[20:70]]
    placed += [_on(s, datetime(2026, 12, 3) - timedelta(days=n // 25))
               for n, s in enumerate(others[70:])]
    texts = {f"{100 + n:03d}_{Path(s.path).stem[-16:]}.txt": render_seed(s)
             for n, s in enumerate(placed)}
    texts.update({"5" + name: text.replace("2025-03-14T", "2026-12-05T")
                  for name, text in busy_seeds().items()})
    texts["900_00000000000000a1.txt"] = seed_text(
        title="ממשלת ישראל אישרה את תקציב המדינה לשנת 2027!", source="Haaretz",
        url="https://www.haaretz.co.il/news/1", published="2026-11-02T01:30:00+00:00",
        author=None, extra=(("Language", "he"),),
        body=("הממשלה אישרה הלילה את הצעת התקציב לשנת 2027.",))
    texts["900_00000000000000a2.txt"] = seed_text(
        title="Bundesverfassungsgerichtsentscheidung zur Datenschutzgrundverordnungs"
              "umsetzung: Rechtsschutzversicherungsgesellschaften müssen Kundendaten"
              "verarbeitungsrichtlinien überarbeiten", source="Süddeutsche Zeitung",
        url="https://www.sueddeutsche.de/a", published="2026-11-01T23:10:00+01:00",
        author=None, extra=(("Language", "de"),),
        body=("Das Bundesverfassungsgericht hat am Sonntag entschieden.",))
    return texts


def build_reader_site(folder: Path) -> Site:
    """The site, built with its search index, as `make html` builds it (the sources
    file the import read is the build's: ``build`` reads ``folder``/sources.toml)."""
    return build(folder, reader_seeds(folder), search=True,
                 settings={"TIMEZONE": TIMEZONE, "DIGEST_DEFAULT_POLICY": "link"})
