"""Is a seed's URL one we may link to? What is wrong with it, in words.

Pure module (seeds stage): no Pelican import. ``urls.is_web_url`` says whether a
string parses as an http(s) URL with a host; a seed's ``Original:`` and ``Feed:``
URLs must also be unambiguous: browsers, feed readers and Python's parser must
all agree on the host, and the address must not carry a password.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import urlsplit

from .latin_looks import LATIN_LOOKS, TWO_FACED
from .text_checks import describe

_SCHEMES = ("http", "https")
# Characters that are never literal in a URL (RFC 3986) and that some readers
# treat specially: a quote or angle bracket ends an attribute or a link.
_NEVER_IN_URL_RE = re.compile(r"[\s\"<>\x00-\x1f\x7f-\x9f]")
_HOST_LABEL_RE = re.compile(r"[a-z0-9_-]{1,63}")  # hyphens anywhere: real hosts have them
# Scripts with letters that look like Latin ones: a host label that mixes them
# ("gооgle" with Cyrillic o) is a look-alike of another address.
_CONFUSABLE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE")
# A host's letters (any case: hosts are compared folded) that look like a Latin one.
_LOOKS_LATIN = {k.casefold(): v.casefold() for k, v in {**LATIN_LOOKS, **TWO_FACED}.items()}
# Where a label wholly in those letters is at home, as browsers judge it (Chrome's
# whole-script rule): the country domains of the script's languages.
_HOME_TLDS = {"CYRILLIC": frozenset({"bg", "by", "kg", "kz", "mk", "mn", "rs", "ru", "su",
                                     "tj", "ua", "uz", "ba", "me"}),
              "GREEK": frozenset({"gr", "cy"})}


# Blanks named as a curator types them ("a space" for a tab was wrong).
_BLANKS = {" ": "a space (%20 in an address)", "\t": "a tab"}


def web_url_problem(url: str) -> str | None:
    """None for a URL we may link to; else ``what is wrong: how to fix``."""
    fix = "give the story's full address, starting with https://"
    shown = url[:80]
    if not url:
        return f"the URL is empty: {fix}"
    if "\\" in url:
        return (f"'{shown}' contains a backslash, which browsers read as '/' (another host "
                "than the one written): write the address with '/' or %5C")
    bad = _NEVER_IN_URL_RE.search(url)
    if bad:
        what = _BLANKS.get(bad.group()) or describe(bad.group())
        return f"'{shown}' contains {what}: write the address without it (or percent-encoded)"
    try:
        parts = urlsplit(url)
    except ValueError as err:  # unbalanced IPv6 brackets
        return f"'{shown}' is not a valid URL ({err}): {fix}"
    if parts.scheme.lower() not in _SCHEMES or not parts.netloc:
        return f"'{shown}' is not an absolute http(s) URL: {fix}"
    if "@" in parts.netloc:
        return (f"'{shown}' carries a user name or password (before '@'): give the "
                "public address, without them")
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0 and parts.netloc.rpartition("]")[2].count(":"):
        written = parts.netloc.rpartition(":")[2]
        return (f"'{shown}': the port '{written}' is not a number from 1 to 65535: "
                "give the address without it or with the right one")
    host = parts.hostname or ""
    problem = _host_problem(host, parts.netloc)
    if problem:
        return f"'{shown}': {problem}"
    return None


def _host_problem(host: str, netloc: str) -> str | None:
    if not host:
        return "no host name: give the story's full address, starting with https://"
    if netloc.startswith("["):  # an IPv6 literal: urlsplit checked the brackets
        try:
            ipaddress.IPv6Address(host.split("%")[0])
        except ValueError:
            return f"'{host}' is not an IPv6 address: write the host name"
        return None
    if host.isascii():
        if not all(_HOST_LABEL_RE.fullmatch(label) for label in host.rstrip(".").split(".")):
            return f"'{host}' is not a valid host name: write the publisher's host name"
        # A look-alike written in its xn-- form was linked: Firefox may show it decoded.
        decoded = _decoded(host)
        if decoded is None:
            return (f"'{host}' is not a valid host name (an xn-- label that decodes to "
                    "nothing a host holds): write the publisher's host name")
        return None if decoded == host else _unicode_host_problem(decoded, host)
    return _unicode_host_problem(host, host)


def _decoded(host: str) -> str | None:
    """``host`` with each ``xn--`` label as a browser may show it; None when one is no
    Punycode or decodes to plain ASCII (IDNA never writes such a label)."""
    labels = []
    for label in host.split("."):
        if label.lower().startswith("xn--"):
            try:
                label = label[4:].encode("ascii").decode("punycode")
            except UnicodeError:
                return None
            if label.isascii() or not label:
                return None
        labels.append(label)
    return ".".join(labels)


def _unicode_host_problem(host: str, written: str) -> str | None:
    """What is wrong with a host holding letters other than ASCII, ``written`` as the
    seed writes it (``host`` itself, or its xn-- form)."""
    if written != host:
        problem = _unicode_host_problem(host, host)
        return problem and problem.replace(
            f"the host '{host}'", f"the host '{written}' (the xn-- form of '{host}')", 1)
    if unicodedata.normalize("NFKC", host) != host:
        return (f"the host '{host}' is written with full-width or other compatibility "
                "characters (it stands for another address): write it in plain letters")
    labels = host.rstrip(".").split(".")
    for label in labels:
        odd = next((ch for ch in label if not (ch.isalnum() or ch in "-_"
                                                or unicodedata.category(ch).startswith("M"))),
                   None)
        if odd is not None:  # U+2044 in 'apple.com\u2044evil.com' shows as a '/'
            return (f"the host '{host}' holds {describe(odd)}: a host name holds only "
                    "letters, digits and hyphens (it stands for another address than it "
                    "shows): write the host as the publisher does")
        scripts = {unicodedata.name(ch, "?").split()[0] for ch in label if ch.isalpha()}
        mixed = sorted(scripts & set(_CONFUSABLE_SCRIPTS))
        if len(mixed) > 1:
            return (f"the host '{host}' mixes {' and '.join(s.title() for s in mixed)} "
                    "letters (a look-alike of another address): write the host as the "
                    "publisher does")
        if _reads_as_latin(label) and labels[-1] not in _HOME_TLDS.get(mixed[0], ()) \
                and labels[-1].isascii():
            shown = ".".join(_reads_as_latin(part) or part for part in labels)
            return (f"the host '{host}' is written in {mixed[0].title()} letters that each "
                    f"look like a Latin one: it reads as '{shown}', another address (a "
                    "look-alike): write the host as the publisher does")
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return f"'{host}' is not a valid host name: write the publisher's host name"
    labels = ascii_host.rstrip(".").split(".")
    if not all(_HOST_LABEL_RE.fullmatch(label) for label in labels):
        return f"'{host}' is not a valid host name: write the publisher's host name"
    return None


def _reads_as_latin(label: str) -> str:
    """``label`` as a reader sees it when every letter of it is a Cyrillic or Greek one
    drawn as a Latin letter (as browsers judge a whole-script look-alike); else ""."""
    letters = [ch for ch in label if ch.isalpha()]
    if not letters or not all(ch in _LOOKS_LATIN for ch in letters):
        return ""
    return "".join(_LOOKS_LATIN.get(ch, ch) for ch in label)
