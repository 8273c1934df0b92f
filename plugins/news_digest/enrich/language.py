"""A story's language as a BCP 47 tag: detected from its text, or declared.

Pure module (enrich stage), no Pelican import. Detection is CLD2 (``pycld2``: offline,
deterministic, no model to download). A declared language (the item's, the feed's or
the sources file's, in that order) is kept when the text agrees with it or is too short
to say, unless it is written in another script; a confident detection of another
language wins over a wrong declaration (feeds often declare their site's default, not
the story's). Nothing known gives "".
"""

from __future__ import annotations

import re

from ..seeds.language_tags import canonical_language_tag

# CLD2 still uses a few withdrawn ISO 639 codes.
_OLD_CODES = {"iw": "he", "jw": "jv", "in": "id", "ji": "yi"}
# Languages CLD2 confuses on short texts: a declaration within a group is kept.
_CLOSE = [{"cs", "sk"}, {"no", "nb", "nn", "da"}, {"hr", "sr", "bs"}, {"ms", "id"},
          {"gl", "pt"}, {"ca", "es"}, {"uk", "ru", "be"}]
# Below this many letters a detection only fills in a missing declaration.
MIN_LETTERS_TO_OVERRULE = 200
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_SAMPLE_CHARS = 5000  # enough for a confident answer; longer texts cost time only


def normalise_tag(tag: str) -> str:
    """``en_us`` -> ``en-US``; ``""`` when ``tag`` is not a language tag (the seed
    parser's own check of ``Language:``, so what is written is always read back)."""
    first, dash, rest = (tag or "").strip().replace("_", "-").partition("-")
    return canonical_language_tag(_OLD_CODES.get(first.lower(), first) + dash + rest) or ""


def is_language_tag(tag: str) -> bool:
    return bool(normalise_tag(tag))


def primary(tag: str) -> str:
    return tag.split("-", 1)[0].lower()


def detect(text: str) -> tuple[str, int]:
    """CLD2's language for ``text`` and how many letters it judged; ("", n) if unsure."""
    import pycld2  # noqa: PLC0415 - only importing needs it

    sample = _CONTROL_RE.sub(" ", text[:_SAMPLE_CHARS])
    letters = sum(ch.isalpha() for ch in sample)
    try:
        reliable, _, details = pycld2.detect(sample, isPlainText=True)
    except (pycld2.error, ValueError):
        return "", letters
    code = details[0][1] if details else "un"
    if not reliable or code in ("un", "xxx"):
        return "", letters
    return normalise_tag(code), letters


def _close(one: str, other: str) -> bool:
    one, other = primary(one), primary(other)
    return one == other or any(one in group and other in group for group in _CLOSE)


def story_language(text: str, declared: list[str] | tuple[str, ...] = ()) -> str:
    """The language to write for a story: see the module's docstring."""
    claim = next((tag for tag in map(normalise_tag, declared) if tag), "")
    found, letters = detect(text)
    if not found:
        return claim
    if not claim or _other_script(found, claim) or (
            letters >= MIN_LETTERS_TO_OVERRULE and not _close(found, claim)):
        return found
    return claim


# The one script of languages not written in Latin letters (Serbian, written in two, is
# left out); any other language is taken as Latin. CLD2 cannot mistake one script for
# another, so a headline in Arabic letters under a feed declaring Hebrew is Arabic,
# however short (it was tagged lang="he", read aloud with a Hebrew voice).
_SCRIPT_OF = {
    **dict.fromkeys(("he", "yi"), "Hebrew"), **dict.fromkeys(("ar", "fa", "ur", "ps"), "Arabic"),
    **dict.fromkeys(("ru", "uk", "be", "bg", "mk", "kk", "ky", "mn", "tg"), "Cyrillic"),
    "el": "Greek", "ja": "Japanese", "zh": "Han", "ko": "Hangul", "th": "Thai",
    **dict.fromkeys(("hi", "mr", "ne"), "Devanagari"), "bn": "Bengali", "ta": "Tamil",
    "ka": "Georgian", "hy": "Armenian", "am": "Ethiopic",
}


def _other_script(found: str, claim: str) -> bool:
    one, other = primary(found), primary(claim)
    if "sr" in (one, other) or {one, other} <= {"ja", "zh"}:  # kanji are Han letters
        return False
    return _SCRIPT_OF.get(one, "Latin") != _SCRIPT_OF.get(other, "Latin")
