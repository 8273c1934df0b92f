"""Publishers named as a curator names them, one spelling each, and headline suffixes
that repeat the name removed.

Pure module (enrich stage), no Pelican import. The rules, in order:

1. A known publisher: the sources file (its names, aliases, and its home page: a
   story under that address belongs to it), then the names already in the seed
   folder. Known names are never respelled.
2. Else a site name from the feed: the PRISM publication name or the logo's title if
   it names the feed's host, else the part of the feed's title that does ("BBC News -
   UK Politics" is "BBC News" and "UK Politics"), or the feed's author or publisher
   when that names the host and is a shorter form of it ("heise online" for "heise
   developer neueste Meldungen"; never a mailbox or a role such as "Customer
   Support"), else the title's first part that is not a generic word ("Livemint -
   News" is "Livemint"), else the host.
3. Spellings that differ only in case, spacing, punctuation, a leading "The" or a
   domain ending ("New York Times" / "The New York Times", "NPR" / "Npr.org") are
   one publisher; of these the curator's spelling wins, else one that is not a bare
   domain, else the longest (with its "The"), else the most used. A bare domain name ("Npr.org",
   "Yahoo.com") also takes the real name used for the same host, if that name names it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

# Host prefixes that are not part of the site's name.
_HOST_PREFIXES = ("www.", "amp.", "m.", "mobile.", "edition.", "feeds.", "rss.", "feed.")
# Second-level labels under a country code that are not the site's name (bbc.co.uk).
_GENERIC_LABELS = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or",
                             "go", "gv", "nic", "news"})
_SEPARATOR_RE = re.compile(r"\s+[-|–—»·•:>/]\s+|\s*::\s*|:\s+|\s--\s")
_DOMAIN_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,}$", re.I)
# Feed-title parts that are sections or feed words, not a publisher.
GENERIC_PARTS = frozenset({
    "news", "latest", "latest news", "top stories", "top news", "headlines", "home",
    "homepage", "front page", "rss", "rss feed", "feed", "all", "all news", "world",
    "breaking news", "most recent", "recent", "stories", "articles", "blog",
})
# "Headline - Publisher", "Headline | Publisher", "Headline — Publisher": the last part.
_SUFFIX_RE = re.compile(r"^(?P<head>.*\S)(?:\s+-{1,2}\s+|\s*[|–—]\s*)"
                        r"(?P<tail>(?:(?!\s-\s)[^|–—])+)$")


def site_host(url: str) -> str:
    """The host of ``url`` without ``www.``-like prefixes, lower case; "" if none."""
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix):]
            break
    return host


def host_labels(host: str) -> list[str]:
    """The labels of a host that can name a site: ``news.bbc.co.uk`` -> bbc, news."""
    labels = host.split(".")[:-1]  # no top-level domain
    return [label for label in reversed(labels) if label and label not in _GENERIC_LABELS]


def squash(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


def is_domain_name(name: str) -> bool:
    """True for a name that is only a domain ("Npr.org"): a made-up name, not a brand's."""
    return bool(_DOMAIN_NAME_RE.match(name.strip()))


def name_key(name: str) -> str:
    """Spellings of one publisher share this key (see the module's docstring)."""
    name = " ".join(name.split()).casefold()
    if is_domain_name(name):
        name = name.rsplit(".", 1)[0]
        name = re.sub(r"\.(co|com|org|net|gov|ac)$", "", name)
    name = re.sub(r"^the\s+", "", name)
    return squash(name)


def names_host(name: str, host: str) -> bool:
    """Does ``name`` name the site at ``host``? ("BBC News", bbc.co.uk: yes)."""
    short = squash(re.sub(r"^the\s+", "", name.casefold()))
    full = squash(name)
    for label in host_labels(host):
        label = squash(label)
        if len(label) < 3:
            continue
        for candidate in (full, short):
            if len(candidate) >= 3 and (candidate in label or label in candidate):
                return True
    return False


_EMAIL_RE = re.compile(r"\S+@\S+\.\w+")
_NAME_WITH_EMAIL_RE = re.compile(r"^\S+@\S+\s*\((.+)\)$|^(.+?)\s*<\S+@\S+>$")
# A feed author with one of these words is a mailbox or a role, not the publisher.
_ROLE_WORDS = frozenset({"support", "team", "webmaster", "editor", "editors", "admin",
                         "administrator", "customer", "service", "feedback", "contact",
                         "info", "newsroom", "help"})


def clean_name(name: str) -> str:
    """One line, separators trimmed; an e-mail address gives way to the name beside it
    ("jd@x.org (Jane Doe)" is "Jane Doe") or to nothing."""
    name = " ".join((name or "").split())
    match = _NAME_WITH_EMAIL_RE.match(name)
    if match:
        name = match.group(1) or match.group(2)
    if _EMAIL_RE.search(name):
        return ""
    return name.strip(" -|–—:·•»>/")


def site_name(title: str, home: str, publisher_fields: Iterable[str] = (),
              authors: Iterable[str] = ()) -> str:
    """A publisher's name from a feed (rule 2). ``publisher_fields`` name the publication
    (PRISM publication name, ``dc:publisher``, the logo's title); ``authors`` are the
    feed's authors, which may be the publisher ("heise online") or a person."""
    host = site_host(home)

    def usable(name: str) -> bool:
        return bool(name) and name.casefold() not in GENERIC_PARTS

    def names_site(name: str) -> bool:
        return usable(name) and bool(host) and names_host(name, host)

    strong = [part for field in publisher_fields for part in _parts(field)]
    weak = [name for name in map(clean_name, authors)
            if name and not _ROLE_WORDS & set(re.findall(r"\w+", name.casefold()))]
    parts = _parts(title)
    by_field = next((name for name in strong if names_site(name)), "")
    if by_field:
        return by_field
    by_title = next((part for part in parts if names_site(part)), "")
    by_author = next((name for name in weak if names_site(name)), "")
    if by_title and by_author and len(by_author) < len(by_title) and (
            squash(by_author.split()[0]) == squash(by_title.split()[0])):
        return by_author  # "heise online" for "heise developer neueste Meldungen"
    specific = [part for part in parts if usable(part)]
    return (by_title or by_author or (specific[0] if specific else "")
            or next((name for name in strong if usable(name)), "") or host
            or clean_name(title))


def _parts(title: str) -> list[str]:
    return [p for p in map(clean_name, _SEPARATOR_RE.split(clean_name(title))) if p]


@dataclass
class PublisherTable:
    """Known publishers: by spelling key, and by host (with the home page's path)."""

    by_key: dict[str, str] = field(default_factory=dict)
    homes: list[tuple[str, str, str]] = field(default_factory=list)  # host, path, name
    by_host: dict[str, str] = field(default_factory=dict)  # names seen per host

    def add_source(self, name: str, aliases: Iterable[str], home: str) -> None:
        for spelling in (name, *aliases):
            self.by_key.setdefault(name_key(spelling), name)
        path = (urlsplit(home).path or "/").rstrip("/") + "/"
        self.homes.append((site_host(home), path, name))
        self.homes.sort(key=lambda h: -len(h[1]))  # the most specific home first

    def add_seen(self, name: str, url: str) -> None:
        """A name already in the seed folder (the curator may have edited it)."""
        self.by_key.setdefault(name_key(name), name)
        if _real_name_of(name, site_host(url)):
            self.by_host.setdefault(site_host(url), name)

    def by_home(self, url: str) -> str:
        host = site_host(url)
        path = (urlsplit(url).path or "/").rstrip("/") + "/"
        return next((name for h, p, name in self.homes if h == host and path.startswith(p)),
                    "")


def merge_names(stories: list[tuple[str, str]],
                table: PublisherTable) -> dict[tuple[str, str], str]:
    """``(raw name, story URL)`` pairs -> the name to write for each (rules 1 and 3)."""
    spellings: dict[str, Counter] = defaultdict(Counter)
    real_by_host: dict[str, Counter] = defaultdict(Counter)
    for raw, url in stories:
        spellings[name_key(raw)][raw] += 1
        if _real_name_of(raw, site_host(url)):
            real_by_host[site_host(url)][raw] += 1
    # "The New York Times" over "New York Times": the article is part of a name.
    chosen = {key: max(counts, key=lambda s: (not is_domain_name(s), len(s), counts[s], s))
              for key, counts in spellings.items()}
    result = {}
    for raw, url in stories:
        key = name_key(raw)
        name = table.by_home(url) or table.by_key.get(key)
        if not name and is_domain_name(raw):
            host = site_host(url)
            name = table.by_host.get(host) or (
                real_by_host[host].most_common(1)[0][0] if real_by_host.get(host) else "")
            if name:
                name = table.by_key.get(name_key(name)) or chosen.get(name_key(name), name)
        result[(raw, url)] = name or chosen[key]
    return result


def _real_name_of(name: str, host: str) -> bool:
    """Is ``name`` the real name of the site at ``host`` (for its bare domain to take)?
    Only a name that names the host: a platform (youtube.com) carries many publishers'
    stories, and ESPN's video there does not make "Youtube.com" ESPN."""
    return not is_domain_name(name) and names_host(name, host)


def strip_name_suffix(title: str, names: Iterable[str], url: str) -> str:
    """``"Headline - Gizmodo"`` -> ``"Headline"`` when the tail names the publisher
    (any of ``names``, or the story's host); anything else is left as it is."""
    match = _SUFFIX_RE.match(title)
    if not match:
        return title
    tail = match.group("tail").strip()
    keys = {name_key(n) for n in names if n}
    brands = {name_key(_brand(n)) for n in names if n}
    if name_key(tail) in keys or (_short(tail) and (
            name_key(_brand(tail)) in brands or names_host(tail, site_host(url)))):
        return match.group("head").strip()
    return title


# Words a publisher adds to its name in a headline's tail ("| WION News" from WION,
# "- BBC Sport" from BBC News): the name without them is the brand.
_TAIL_WORDS = frozenset({"news", "online", "live", "tv", "com", "digital", "english",
                         "world", "politics", "business", "sport", "sports", "tech",
                         "technology", "entertainment", "international", "uk", "us"})


def _brand(name: str) -> str:
    """``name`` without the trailing words of ``_TAIL_WORDS`` (one word at least stays)."""
    words = name.split()
    while len(words) > 1 and words[-1].casefold().strip(".") in _TAIL_WORDS:
        words.pop()
    return " ".join(words)


def _short(tail: str) -> bool:
    """A publisher's name is a few words, not a clause of the headline."""
    return len(tail.split()) <= 4
