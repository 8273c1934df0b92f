"""Hostile and broken seeds, generated: each one a valid seed with a few seeded random
mutations (markup and script in a header's value, odd characters, line ends, very long
values, deep Markdown, edge dates, path-like and colliding headlines, the curator's
headers pointing at themselves or in loops). ``batch(seed, count)`` gives the same
files for the same seed, so a failing case is replayed from its number
(tests/test_hostile_hunt.py checks every output of a site built from them).

Every payload carries ``CANARY`` in the names of the elements and attributes it asks
for, so a page that turned seed text into markup is found by looking for the canary in
the DOM's tags and attribute names (docs/history/hostile.md).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

CANARY = "xqz"  # in every element and attribute name a payload tries to create

# Text a header's value or a paragraph may hold: each tries to become markup, script,
# a template expression or a broken feed/JSON, or is a character a reader mishandles.
PAYLOADS = (
    f"</script><script>{CANARY}(1)</script>",
    f"</SCRIPT ><{CANARY}-el {CANARY}a=1>",
    f"<!-- <{CANARY}-c>",
    f"]]><{CANARY}-cdata/>",
    f"<![CDATA[<{CANARY}-x>]]>",
    "{{ 7*7 }}{{ config }}",
    "{% raw %}{% endraw %}{% include 'base.html' %}",
    "${7*7} #{7*7} %{x}",
    f"\"><{CANARY}-q on{CANARY}=1>",
    f"'><{CANARY}-q on{CANARY}='1'>",
    f"`<{CANARY}-b>`",
    "“smart” ‘quotes’ «guillemets» „low“ ‚x‘ ″ ′ ＂",
    f"<img src=x on{CANARY}error=alert(1)>",
    f"<svg><{CANARY}-svg/></svg>",
    f"<a href=\"javascript:{CANARY}()\">x</a>",
    f"&lt;{CANARY}-ent&gt; &amp;amp; &#60;{CANARY}-num&#62; &#x3C;",
    "line\u2028sep\u2029para",
    "bidi \u202eevil\u202c and \u2067iso\u2069 here",
    "zero\u200bwidth\u200c\u200d\u2060join\ufeffbom",
    "soft\u00adhyphen and no\u00a0break",
    "Ǆ ﬁ ẞ İ ı Å Å",  # ligatures, case-folding and normalisation edges
    "e\u0301e\u0301\u0301\u0301 z\u0335\u0336",
    "🏳️‍🌈 👩‍👩‍👧 \U0001f600",
    "\\u003c/script\\u003e \\x3c",
    "[link](javascript:alert(1)) [x](data:text/html,<b>) ![i](https://e.example/i.png)",
    f"<style>*{{}}</style><{CANARY}-style>",
    f"<iframe src=//evil.example></iframe><{CANARY}-frame>",
    f"<math><mi xlink:href=\"javascript:1\">x</mi></math><{CANARY}-m>",
    "-->",
    "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>&e;",
    "%3Cscript%3E %2e%2e%2f",
)
# Characters refused anywhere (docs/curating.md): a seed holding one must be refused.
REFUSED_CHARS = ("\x1b", "\x00", "\ufffe", "\uffff", "\x7f", "\x0b", "\x0c", "\ufdd0")
# Raw bytes that are not UTF-8 (a lone surrogate encoded, an overlong '/').
BAD_BYTES = (b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xc0\xaf", b"\xff\xfe", b"\x93")
DATES = ("1900-01-01T00:00:00Z", "1900-01-01T00:00:00+14:00", "0001-01-01T00:00:00Z",
         "9999-12-31T23:59:59Z", "2016-12-31T23:59:60Z", "2020-02-29T12:00:00-12:00",
         "2020-01-01T00:00:00+14:00", "2020-01-01T00:00:00.999999Z", "2020-01-01t01:02:03z",
         "2020-01-01T00:00:00-00:00", "1969-12-31T23:59:59Z", "2038-01-19T03:14:08Z",
         "2020-06-15T10:00:00+05:45", "2020-01-01", "2020-13-01T00:00:00Z",
         "2020-01-01T00:00:00+14:01", "+002020-01-01T00:00:00Z")
PATH_TITLES = ("..", "../../etc/passwd", "/", "%2e%2e%2f%2e%2e", "CON", "nul", "aux.txt",
               "COM1", "LPT9", ".htaccess", "index", "feeds", "stories", "a/b\\c", "~root",
               "x" * 300, "ä" * 150, "-", "_", "'", "#", "?query=1", "&", " . ", "...",
               "Story", "story", "STORY", "Caf\u00e9", "Cafe\u0301", "Stra\u00dfe", "STRASSE",
               "ﬁle", "file", "Ｓｔｏｒｙ")
SCHEMES = ("javascript:alert(1)", "data:text/html,x", "vbscript:x", "file:///etc/passwd",
           "ftp://x.example/", "//evil.example/x", "https://xn--80ak6aa92e.com/",
           "https://пример.рф/путь", "https://例え.テスト/", "https://a.example:0/",
           "https://a.example:65536/", "https://user:pw@a.example/", "https://a.example/%00",
           "https://a.example/a b", "https://a.example/\u202e", "https://[::1]/x",
           "https://127.0.0.1/x", "https://a.example/" + "p" * 2100, "HTTPS://A.EXAMPLE/X",
           "https://a.example/?q=<x>", "https://a.example/#frag\"x", "http://a.example./x")
FILE_NAMES = ("CON.txt", "nul.TXT", "aux.txt", "a..b.txt", "%2e%2e.txt", "-dash.txt",
              "Ünïcödé.txt", "e\u0301.txt", "\u00e9.txt", "sp ace.txt", "x" * 200 + ".txt",
              "semi;colon.txt", "quote'.txt", "amp&.txt")


@dataclass
class Story:
    """One seed's fields, before it is written (``write``)."""

    name: str
    title: str = "A story"
    published: str = "2020-01-02T03:04:05+00:00"
    author: str | None = "Jane Doe"
    source: str = "The Daily Example"
    url: str = "https://news.example.com/a-story"
    body: list[str] = field(default_factory=lambda: ["First paragraph.", "Second one."])
    headers: list[tuple[str, str]] = field(default_factory=list)
    eol: str = "\n"
    bom: bool = False
    raw: bytes | None = None  # bytes spliced into the file (not UTF-8, a BOM mid-file)
    mutations: list[str] = field(default_factory=list)

    def write(self) -> bytes:
        lines = [f"# {self.title}", "", f"Published at: **{self.published}**", ""]
        if self.author is not None:
            lines += [f"Author: **{self.author}**", ""]
        lines += [f"Original: [{self.source}]({self.url})", ""]
        for key, value in self.headers:
            lines += [f"{key}: **{value}**", ""]
        lines += self.body
        ends = self.eol if self.eol != "mixed" else None
        out = ""
        for i, line in enumerate(lines):
            out += line + (ends or ("\r\n", "\n", "\r")[i % 3])
        data = out.encode("utf-8", "surrogatepass")
        if self.raw is not None:
            at = data.rfind(b"\n", 0, len(data) - 1) + 1  # into the last paragraph
            data = data[:at] + self.raw + data[at:]
        return (b"\xef\xbb\xbf" if self.bom else b"") + data


def _payload(rng: random.Random) -> str:
    return rng.choice(PAYLOADS)


def _into(rng: random.Random, text: str, piece: str) -> str:
    where = rng.choice(("start", "end", "middle", "all"))
    if where == "all":
        return piece
    if where == "start":
        return piece + " " + text
    if where == "end":
        return text + " " + piece
    cut = rng.randrange(len(text) + 1)
    return text[:cut] + piece + text[cut:]


# -- mutations: each changes a story in place and says what it did -----------------------

def m_markup(rng, s: Story, others):
    what = rng.choice(("title", "author", "source", "body", "summary", "url", "topics",
                       "language", "feed", "same", "extra"))
    p = _payload(rng)
    if what == "title":
        s.title = _into(rng, s.title, p)
    elif what == "author":
        s.author = _into(rng, s.author or "Jane Doe", p)
    elif what == "source":
        s.source = _into(rng, s.source, p)
    elif what == "body":
        i = rng.randrange(len(s.body)) if s.body else 0
        s.body[i:i + 1] = [_into(rng, s.body[i] if s.body else "x", p)]
    elif what == "url":
        s.url = s.url + rng.choice(("?q=", "#", "/")) + p.replace(" ", "")
    elif what in ("summary", "topics", "language"):
        s.headers.append((what.capitalize(), _into(rng, "Short", p)))
    elif what == "feed":
        s.headers.append(("Feed", "https://news.example.com/feed?x=" + p))
    elif what == "same":
        s.headers.append((rng.choice(("Same event as", "Not same event as")), p))
    else:
        s.headers.append((rng.choice(("Save as", "Template", "Status", "Title", p[:30] or "X")),
                          p))
    return f"markup in {what}: {p!r}"


def m_chars(rng, s: Story, others):
    ch = rng.choice(("\u2028", "\u2029", "\u202e", "\u2066", "\u200b", "\ufeff", "\u0085",
                     "\u00a0", "\u3000", "\u061c", "\U000e0041", "\ufff9", "\ud800",
                     *REFUSED_CHARS))
    what = rng.choice(("title", "author", "source", "body"))
    value = getattr(s, what) if what != "body" else (s.body or ["x"])[0]
    value = _into(rng, value or "x", ch)
    if what == "body":
        s.body[:1] = [value]
    else:
        setattr(s, what, value)
    return f"character {ch!r} in {what}"


def m_bytes(rng, s: Story, others):
    s.raw = rng.choice((*BAD_BYTES, b"\xef\xbb\xbf", b"\r", b"\r\n\r\n"))
    return f"bytes {s.raw!r} in the body"


def m_eol(rng, s: Story, others):
    s.eol = rng.choice(("\r\n", "\r", "mixed"))
    s.bom = rng.random() < 0.5
    return f"line ends {s.eol!r}, BOM {s.bom}"


def m_long(rng, s: Story, others):
    n = rng.choice((299, 300, 301, 1999, 2000, 2001, 20_000, 200_000))
    what = rng.choice(("title", "author", "source", "body", "summary", "words"))
    if what == "body":
        s.body.append("w" * n)
    elif what == "words":
        s.body.append(" ".join(rng.choice(("a", "the", "<b>", "&", "x")) for _ in range(n // 4)))
    elif what == "summary":
        s.headers.append(("Summary", "s" * n))
    else:
        setattr(s, what, "L" * n)
    return f"{n} characters in {what}"


def m_many_headers(rng, s: Story, others):
    n = rng.choice((50, 500, 3000))
    s.headers += [(f"X-{i}", f"v{i}") for i in range(n)]
    return f"{n} inert headers"


def m_deep(rng, s: Story, others):
    kind = rng.choice(("quote", "list", "html", "code", "table"))
    if kind == "quote":
        s.body.append(">" * rng.choice((100, 10_000)) + " deep")
    elif kind == "list":
        s.body += ["  " * i + "- item" for i in range(rng.choice((50, 500)))]
    elif kind == "html":
        s.body.append("<div>" * 2000 + f"<{CANARY}-deep>" + "</div>" * 2000)
    elif kind == "code":
        s.body += ["```", f"<{CANARY}-code>", "```", "    indented <b>code</b>"]
    else:
        s.body += ["| a | b |", "|---|---|", f"| <{CANARY}-td> | 2 |"]
    return f"deep Markdown: {kind}"


def m_link(rng, s: Story, others):
    u = rng.choice(SCHEMES)
    if rng.random() < 0.5:
        s.url = u
    else:
        s.body.append(f"See [this]({u}) and <{u}> and {u}")
    return f"link {u!r}"


def m_date(rng, s: Story, others):
    s.published = rng.choice(DATES)
    return f"date {s.published}"


def m_title(rng, s: Story, others):
    s.title = rng.choice(PATH_TITLES)
    return f"title {s.title[:40]!r}"


def m_source_name(rng, s: Story, others):
    s.source = rng.choice(PATH_TITLES)
    return f"publisher {s.source[:40]!r}"


def m_author_name(rng, s: Story, others):
    s.author = rng.choice(PATH_TITLES + ("Reuters", "AP, AFP and Reuters", "A and B and C"))
    return f"author {s.author[:40]!r}"


def m_curator(rng, s: Story, others):
    kind = rng.choice(("self", "missing", "loop", "lead", "topics", "headline only"))
    if kind == "self":
        s.headers.append(("Same event as", rng.choice((s.url, s.name))))
    elif kind == "missing":
        s.headers.append((rng.choice(("Same event as", "Not same event as")),
                          "https://missing.example/x 999_missing.txt"))
    elif kind == "loop" and others:
        other = rng.choice(others)
        s.headers.append(("Same event as", other.url))
        other.headers.append(("Same event as", s.url))
        s.headers.append(("Not same event as", other.name))
    elif kind == "lead":
        s.headers.append(("Lead story", rng.choice(("yes", "no", "YES", "maybe"))))
    elif kind == "topics":
        s.headers.append(("Topics", rng.choice(("sports, sports", "Sport", ", ,", "politics",
                                                "science, <b>x</b>"))))
    else:
        s.headers.append(("Headline only", "yes"))
        if rng.random() < 0.7:
            s.body = []
    return f"curator header: {kind}"


def m_collide(rng, s: Story, others):
    if not others:
        return "no other story"
    other = rng.choice(others)
    kind = rng.choice(("title", "url", "source", "title-case"))
    if kind == "title":
        s.title = other.title
    elif kind == "title-case":
        s.title = other.title.swapcase()
    elif kind == "url":
        s.url = other.url.replace("https://", "http://") + "/?utm_source=x#f"
    else:
        s.source = other.source.upper()
    return f"collides with {other.name} on {kind}"


def m_file_name(rng, s: Story, others):
    s.name = f"{rng.randrange(1000):03d}_{rng.choice(FILE_NAMES)}"
    return f"file name {s.name[:40]!r}"


def m_spaces(rng, s: Story, others):
    """A long run of one character, then a tail a pattern may look for: what made a
    regular expression with adjacent '\\s*' cubic (docs/history/hostile.md)."""
    run = rng.choice((" ", "\t", "\u3000", ". ", "a ", "-", "(")) * rng.choice((1990, 20_000))
    tail = rng.choice(("b chars]", "… [+12 chars]", ")", " - Reuters", "(AP) -", "and", ":"))
    what = rng.choice(("body", "author", "summary", "title"))
    if what == "body":
        s.body.append("a" + run + tail)
    elif what == "summary":
        s.headers.append(("Summary", ("a" + run)[:1990] + tail))
    elif what == "title":
        s.title = ("a" + run)[:290] + tail
    else:
        s.author = ("Jane" + run)[:1990] + tail
    return f"a run of {len(run)} {run[:2]!r} in {what}, then {tail!r}"


MUTATIONS = (m_markup, m_markup, m_markup, m_chars, m_bytes, m_eol, m_long, m_many_headers,
             m_deep, m_link, m_date, m_title, m_source_name, m_author_name, m_curator,
             m_curator, m_collide, m_file_name, m_spaces)


def batch(seed: int, count: int) -> list[Story]:
    """``count`` stories, each a valid seed mutated 1 to 3 times, from ``seed``."""
    rng = random.Random(seed)
    stories: list[Story] = []
    for i in range(count):
        s = Story(name=f"{i:03d}_{seed:08x}{i:08x}.txt", title=f"Story {i} of batch {seed}",
                  published=f"2020-01-{1 + i % 28:02d}T{i % 24:02d}:04:05+00:00",
                  url=f"https://news{i % 3}.example.com/{seed}/story-{i}",
                  source=("The Daily Example", "Le Monde", "Reuters")[i % 3],
                  body=[f"Paragraph one of story {i}.", "A second paragraph."])
        for _ in range(rng.choice((1, 1, 2, 3))):
            s.mutations.append(rng.choice(MUTATIONS)(rng, s, stories))
        stories.append(s)
    names: set[str] = set()
    for s in stories:  # two stories under one file name: the second is renamed
        while s.name.lower() in names:
            s.name = "1" + s.name
        names.add(s.name.lower())
    return stories
