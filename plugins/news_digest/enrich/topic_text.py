"""What of a story the tagger reads: the headline without a site's name, the body's opening.

Stage: enrich (topics). Pure module (no Pelican).

**The body** is read to its first ``BODY_CHARS`` characters (about 650 words): a long
story's subject is in its opening, and reading further would cost build time without
changing a topic on any labelled story.

**The headline.** A page's title often ends with the site's name and its sections:
"15-year-old driver killed in crash - WSVN 7News | Miami News, Weather, Sports | Fort
Lauderdale", "Washington Monument Closes to Repair Crack - TIME NewsFeed". Those words say where
the story was published, not what it is about: read as headline words (three times
a body word) the site's "Sports" makes a crash a sports story. The importer already
drops a tail that names the publisher it knows (``publisher_names.strip_name_suffix``);
the tagger cannot know every site, so it reads the shape instead: a short last part
after a spaced separator (" | ", " - ", " – ", " — "), at most ``TAIL_WORDS`` words,
behind a headline whose first part is longer than that, is set aside, and so is each
part before it that is as short ("- WSVN 7News | Miami News, Weather, Sports | Fort
Lauderdale": three parts). A clause of the headline after a dash ("Hating Millennials
- the prejudice you're allowed to boast about") is longer and stays; so does every part
of a headline whose first part is short ("Opinion | Is Football Violence a Crime?",
"Letters: Coddling criminals | Undermining road | Tax dollars"). The part set aside is
read neither by the phrases nor by the learned desks.

**The page's calls to the reader.** A page's text keeps the site's own lines: "Follow
News18.com on Twitter, Instagram, Facebook, Telegram, TikTok and on YouTube", "Share on
Facebook", "Follow Lena on Twitter: @lena". They name platforms, not the story's subject:
five platform names in a councillor's arrest made it a social-media story. A sentence
holding such a call to follow or share on a platform (``CHROME``: "Follow" opening a
sentence, "follow us", "share on", "like us on") is not read (tenth round); "fans who
follow her on Instagram" is the story's own sentence and is read.
"""

from __future__ import annotations

import re

BODY_CHARS = 4000
TAIL_WORDS = 4  # a site's name or its sections: a few words (as ``publisher_names._short``)
# A separator with a space on each side: "Miami-Dade" and a score "2–1" are not one.
_SEPARATOR_RE = re.compile(r"\s+(?:\||-{1,2}|–|—|::|»)\s+")
# A site's calls to its reader to follow or share it on a platform: they are where a page's
# text names platforms without the story's doing so.
CHROME = re.compile(
    r"(?:(?:^|(?<=[.!?] ))follow (?:us|him|her|them|me|@?[\w.]+) on "
    r"|\b(?:share|like us) on )(?:twitter|facebook|instagram|x|linkedin|whatsapp)\b",
    re.IGNORECASE | re.MULTILINE)
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+")
# Literal parts of those calls: a body holding none of them (nearly all) is not searched,
# as searching every body with CHROME cost more than the rest of the tagging did.
_HINTS = ("Follow ", "follow us", "hare on", "ike us on")


def site_tail(title: str) -> tuple[str, str]:
    """``title`` as (the story's headline, the site's tail set aside, "" if none)."""
    separators = list(_SEPARATOR_RE.finditer(title))
    # The headline proper is the first part: only a headline longer than a site's name
    # can be told from one ("Opinion | Is Football Violence a Crime?" keeps both parts).
    if not separators or len(title[:separators[0].start()].split()) <= TAIL_WORDS:
        return title, ""
    cut = len(title)
    for separator in reversed(separators):
        if len(title[separator.end():cut].split()) > TAIL_WORDS:
            break
        cut = separator.start()
    return title[:cut], title[cut:].strip()


def read_body(text: str) -> str:
    """The part of a body that is read: its first ``BODY_CHARS``, cut at a space, without
    the sentences that call on the reader (``CHROME``)."""
    if len(text) > BODY_CHARS:
        cut = text.rfind(" ", 0, BODY_CHARS)
        text = text[:cut if cut > 0 else BODY_CHARS]
    return without_chrome(text) if has_chrome(text) else text


def has_chrome(text: str) -> bool:
    """Whether ``text`` holds a call to the reader (``CHROME``), looked for cheaply."""
    return any(hint in text for hint in _HINTS) and CHROME.search(text) is not None


def without_chrome(text: str, dropped: list[str] | None = None) -> str:
    """``text`` without its sentences that hold a call to the reader (added to ``dropped``
    when given, for ``explain``); paragraphs kept. "Follow ... on Twitter" is a call only
    where it opens a sentence ("fans who follow her on Instagram" is the story's)."""
    kept = []
    for paragraph in text.split("\n"):
        if has_chrome(paragraph):
            sentences = _SENTENCE_RE.split(paragraph)
            paragraph = " ".join(s for s in sentences if not CHROME.search(s))
            if dropped is not None:
                dropped.extend(s for s in sentences if CHROME.search(s))
        if paragraph:
            kept.append(paragraph)
    return "\n".join(kept)
