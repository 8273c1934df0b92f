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
"""

from __future__ import annotations

import re

BODY_CHARS = 4000
TAIL_WORDS = 4  # a site's name or its sections: a few words (as ``publisher_names._short``)
# A separator with a space on each side: "Miami-Dade" and a score "2–1" are not one.
_SEPARATOR_RE = re.compile(r"\s+(?:\||-{1,2}|–|—|::|»)\s+")


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
    """The part of a body that is read: its first ``BODY_CHARS``, cut at a space."""
    if len(text) <= BODY_CHARS:
        return text
    cut = text.rfind(" ", 0, BODY_CHARS)
    return text[:cut if cut > 0 else BODY_CHARS]
