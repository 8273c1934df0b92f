"""Seeds and feed items a curator's script or a publisher's feed writes that the earlier
hunts did not try (seventeenth session, docs/history/hostile.md): hosts that read as
another address, and dates as real feeds write them. Each seed is built into a real
site beside a good one: refused with its file, line and fix (and the rest built), or
built as what it says; each feed item imported at the time it names."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import pytest

from news_digest.curator.cli import main
from news_digest.seeds.format import read_seed

from sitebuild import ROOT, build, seed_text

# name -> (Original: URL, words of the refusal or None when the seed is built)
HOSTS = {
    "cyrillic_apple.txt": ("https://\u0430\u0440\u0440\u04cf\u0435.com/story",
                           "is written in Cyrillic letters that each look like a Latin one: "
                           "it reads as 'apple.com'"),
    "greek_opa.txt": ("https://news.\u03bf\u03c1\u03b1.com/story", "reads as 'news.opa.com'"),
    "fraction_slash.txt": ("https://apple.com\u2044evil.com/story",
                           "holds U+2044 (FRACTION SLASH): a host name holds only letters, "
                           "digits and hyphens"),
    "soft_hyphen.txt": ("https://ex\u00adample.com/story", "holds U+00AD (SOFT HYPHEN)"),
    # At home: a Russian word in Cyrillic letters under .ru (and .рф), German under .de
    "russian.txt": ("https://\u0441\u0430\u0445\u0430\u0440.ru/story", None),
    "russian_tld.txt": ("https://\u0441\u0430\u0445\u0430\u0440.\u0440\u0444/story", None),
    "german.txt": ("https://m\u00fcnchen.de/story", None),
    # the xn-- form is read as a browser may show it (eighteenth session)
    "punycode.txt": ("https://xn--80ak6aa92e.com/story",
                     "(the xn-- form of '\u0430\u0440\u0440\u04cf\u0435.com') is written in "
                     "Cyrillic letters"),
    "punycode_mixed.txt": ("https://xn--pple-43d.com/story",
                           "(the xn-- form of '\u0430pple.com') mixes Cyrillic and Latin"),
    "punycode_slash.txt": ("https://apple.xn--comevil-3d7c.com/story",
                           "holds U+2044 (FRACTION SLASH)"),
    "punycode_broken.txt": ("https://xn--zz.com/story", "not a valid host name (an xn-- "
                            "label that decodes to nothing a host holds)"),
    "punycode_german.txt": ("https://xn--mnchen-3ya.de/story", None),  # münchen.de
}
DATES = {
    "rfc822_est.txt": ("Mon, 07 Dec 2026 10:00:00 EST",
                       "written as feeds date their items (RFC 822): write it as "
                       "2026-12-07T10:00:00-05:00"),
    # a name the importer reads gives its offset (nineteenth session; was "followed by
    # its offset from UTC"); a name of several zones gives each
    "rfc822_cet.txt": ("Mon, 07 Dec 2026 10:00:00 CET", "write it as 2026-12-07T10:00:00+01:00"),
    "rfc822_ist.txt": ("Mon, 07 Dec 2026 10:00:00 IST",
                       "write it as 2026-12-07T10:00:00 followed by its offset from UTC ('IST' "
                       "names several zones: India's UTC+05:30, Ireland's UTC+01:00, Israel's "
                       "UTC+02:00)"),
    "leap_second.txt": ("2016-12-31T23:59:60Z", "second 60 (a leap second) cannot be written "
                        "here: write 59"),
    "year_9999.txt": ("9999-12-31T23:59:59Z", "the year 9999 is out of range (1900 to 2999): "
                      "give the time the story was published"),
}


def test_look_alike_hosts_and_feed_dates_in_seeds_are_refused_with_the_fix(tmp_path):
    """A host wholly in Cyrillic or Greek letters drawn as Latin ones (`аррӏе.com`:
    Firefox shows it as written) or holding a character that shows as punctuation
    (`apple.com⁄evil.com`, a fraction slash: the link goes to apple.xn--comevil-...)
    was linked as 'Read the original'. An RSS date (`Mon, 07 Dec 2026 10:00:00 EST`)
    and a leap second were 'not an ISO 8601 timestamp: write it like ...', the year
    9999 'out of range' with no fix."""
    seeds = {"good.txt": seed_text(title="A good story", url="https://news.example.com/good")}
    for n, (name, (url, _)) in enumerate(HOSTS.items()):
        seeds[name] = seed_text(title=f"Host story {n}", url=url)
    for n, (name, (date, _)) in enumerate(DATES.items()):
        seeds[name] = seed_text(title=f"Date story {n}", published=date,
                                url=f"https://news.example.com/date-{n}")
    site = build(tmp_path, seeds, settings={"DIGEST_STRICT": False})
    said = "\n".join(site.warnings) + site.stderr
    assert site.code == 0 and "Traceback" not in said, said
    written = "\n".join(p.read_text(encoding="utf-8") for p in site.files("stories/*.html"))
    refused = {name: words for name, (_, words) in {**HOSTS, **DATES}.items() if words}
    for name, words in refused.items():
        line = 3 if name in DATES else 7
        assert f"articles/{name}:{line}: " in said and words in said, (name, said)
    for name, (url, words) in HOSTS.items():
        assert (f'href="{url}"' in written) == (words is None), name
    assert "A good story" in written
    check = subprocess.run([sys.executable, "-m", "news_digest", "check", "-s",
                            str(ROOT / "pelicanconf.py"), "content/articles"],
                           cwd=tmp_path, capture_output=True, text=True, check=False)
    assert check.returncode == 1 and "Traceback" not in check.stderr
    assert f"{len(seeds)} seed(s) checked, {len(refused)} refused" in check.stdout + check.stderr


ITEM_DATES = {  # pubDate as written -> the time imported
    "Mon, 07 Dec 2026 10:00:00 CET": datetime(2026, 12, 7, 9, tzinfo=UTC),  # was 10:00
    "Mon, 07 Dec 2026 10:00:00 JST": datetime(2026, 12, 7, 1, tzinfo=UTC),  # was 10:00
    "Mon, 07 Dec 2026 10:00:00 EST": datetime(2026, 12, 7, 15, tzinfo=UTC),  # as before
    "Mon, 07 Dec 2026 10:00:00": datetime(2026, 12, 7, 10, tzinfo=UTC),  # was skipped
    "Sat, 31 Dec 2016 23:59:60 GMT": datetime(2016, 12, 31, 23, 59, 59, tzinfo=UTC),  # skipped
}


@pytest.fixture
def outside_the_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no pelicanconf.py here: the defaults apply


def test_feed_dates_with_zone_names_no_zone_or_a_leap_second_are_imported_right(
        tmp_path, capsys, outside_the_project):
    """feedparser reads a zone name it does not know as UTC (`CET`: an hour late, `JST`
    nine hours), and cannot read a date without a zone or with a leap second (the item
    was skipped, 'date ... is not understood')."""
    items = "".join(
        f"<item><title>Story dated {n}</title><link>https://news.example.com/{n}</link>"
        f"<pubDate>{date}</pubDate><description>Text {n}.</description></item>"
        for n, date in enumerate(ITEM_DATES))
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                    "<title>Example</title><link>https://news.example.com/</link>"
                    f"<description>x</description>{items}</channel></rss>", encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    code = main(["import", str(feed), "--into", str(folder), "--source", "Example"])
    out, err = capsys.readouterr()
    assert code == 0, err
    got = {}
    for path in folder.iterdir():
        seed = read_seed(path)
        got[int(seed.source_url.rsplit("/", 1)[1])] = seed.published
    assert got == dict(enumerate(ITEM_DATES.values())), out
