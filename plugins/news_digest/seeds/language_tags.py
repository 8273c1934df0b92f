"""BCP 47 language tags (RFC 5646): is a tag well formed, and its canonical case.

Pure module (seeds stage): no Pelican import. Checks the syntax of the tag and
that the primary language is a 2- or 3-letter ISO 639 code (the only ones in use:
4-letter codes are reserved, 5 to 8 letters and grandfathered tags are obsolete);
whether the code is registered is not checked (that needs the IANA registry).
"""

from __future__ import annotations

import re

_TAG_RE = re.compile(r"""
    (?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3})     # ISO 639 code, extended subtags
    (?:-(?P<script>[a-z]{4}))?                     # ISO 15924: Latn, Cyrl
    (?:-(?P<region>[a-z]{2}|[0-9]{3}))?            # ISO 3166 or UN M.49: BR, 419
    (?P<variants>(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*)
    (?P<extensions>(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*)
    (?:-x(?:-[a-z0-9]{1,8})+)?                     # private use
""", re.VERBOSE)


def canonical_language_tag(value: str) -> str | None:
    """``PT-br`` -> ``pt-BR``; None when ``value`` is not a well-formed tag."""
    tag = value.strip().replace("_", "-").lower()
    match = _TAG_RE.fullmatch(tag) if tag.isascii() else None
    if match is None:
        return None
    variants = match.group("variants").split("-")[1:]
    singletons = re.findall(r"-([0-9a-wy-z])(?=-)", match.group("extensions"))
    if len(set(variants)) != len(variants) or len(set(singletons)) != len(singletons):
        return None  # RFC 5646 2.2.9: no repeated variant or extension
    script, region = match.group("script"), match.group("region")
    head = match.group("language") + (f"-{script.title()}" if script else "") + (
        f"-{region.upper()}" if region else "")
    return head + tag[max(match.end(g) for g in ("language", "script", "region")
                          if match.group(g)):]


# A language written by its name, as a curator types it: the tag to write instead.
_BY_NAME = {
    "english": "en", "german": "de", "deutsch": "de", "french": "fr", "français": "fr",
    "francais": "fr", "spanish": "es", "español": "es", "espanol": "es", "portuguese": "pt",
    "português": "pt", "italian": "it", "italiano": "it", "dutch": "nl", "nederlands": "nl",
    "hindi": "hi", "chinese": "zh", "japanese": "ja", "korean": "ko", "arabic": "ar",
    "russian": "ru", "turkish": "tr", "polish": "pl", "swedish": "sv", "ukrainian": "uk",
}


def tag_for_name(value: str) -> str | None:
    """The tag of a language written by its name (``English`` -> ``en``), else None."""
    return _BY_NAME.get(value.strip().lower())


def foreign_language(tag: str, site_language: str) -> str:
    """``tag`` (a story's ``Language:``, canonical) when it is not the site's language:
    ``de`` on an ``en`` site; "" for ``en-GB`` there (same primary language) or no tag.
    What the story's pages mark (``lang``) and its feed items carry."""
    if not tag or tag.split("-")[0].casefold() == site_language.split("-")[0].casefold():
        return ""
    return tag
