"""What of a story ``explain`` says the tagger did not read (``enrich/topic_text.py``).

A site's name after the headline, the page's lines linking to its other stories, its
pitches for its newsletter or app, its furniture (``page_furniture.py``), web and e-mail
addresses, the page's calls to the reader, and a given name that is a phrase ("Bill
Clinton"): each is set aside before the
phrases and the learned desks read the story, and ``explain`` names what was set aside,
so that a curator sees why a word of the page counted for nothing.
"""

from __future__ import annotations

from ..enrich.page_furniture import without_furniture
from ..enrich.topic_text import (
    BODY_CHARS,
    read_headline,
    site_tail,
    without_addresses,
    without_chrome,
    without_given_names,
    without_links,
    without_pitches,
)

# What the topics set aside before reading a body: (the reader that sets it aside, what it
# is, why it is not the story's, whether rewording it in the seed has it read).
SET_ASIDE = (
    (without_links, "line(s) linking to the site's other stories",
     "whose subjects are not this one's", True),
    (without_pitches, "line(s) pitching the site's newsletter, alerts or app",
     "its beats, not this story's", True),
    (without_furniture, "line(s) or sentence(s) of the page's furniture (calls to follow it or "
     "to write in, credits, copyright, notes on the article, links)",
     "the site's words, not the story's", True),
    (without_addresses, "web or e-mail address(es)",
     "where the page links, not what the story says", False),
    (without_chrome, "sentence(s) calling on the reader",
     "the site's words, not the story's", True),
    (without_given_names, "given name(s) that are a phrase of the vocabulary, before a surname",
     "a person, not the phrase", False),
)


def not_read(title: str, text: str) -> list[str]:
    """The report's lines on what of the headline and the body was not read."""
    lines = []
    headline, tail = site_tail(title)
    if tail:
        lines.append(f"Headline read as \"{headline}\": \"{tail}\" after it names the site or "
                     "its sections, not the story (read neither by the phrases nor the desks)")
    if read_headline(title, text) != headline:
        lines.append(f"Headline read as \"{read_headline(title, text)}\": a given name before a "
                     "surname the body writes too is a person, not a phrase of the vocabulary")
    body = text[:BODY_CHARS]
    for reader, what, why, rewordable in SET_ASIDE:
        found: list[str] = []
        reader(body, found)
        if found:
            reword = "; to have one read, reword it in the seed" if rewordable else ""
            lines.append(f"Not read: {len(found)} {what}, {why} (\"{found[0][:70]}\"){reword}")
    return lines
