"""What of a story ``explain`` says the tagger did not read (``enrich/topic_text.py``).

A site's name after the headline, the page's lines linking to its other stories, its
pitches for its newsletter or app, web and e-mail addresses, and the page's calls to the
reader: each is set aside before the
phrases and the learned desks read the story, and ``explain`` names what was set aside,
so that a curator sees why a word of the page counted for nothing.
"""

from __future__ import annotations

from ..enrich.topic_text import (
    BODY_CHARS,
    site_tail,
    without_addresses,
    without_chrome,
    without_links,
    without_pitches,
)


def not_read(title: str, text: str) -> list[str]:
    """The report's lines on what of the headline and the body was not read."""
    lines = []
    headline, tail = site_tail(title)
    if tail:
        lines.append(f"Headline read as \"{headline}\": \"{tail}\" after it names the site or "
                     "its sections, not the story (read neither by the phrases nor the desks)")
    body = text[:BODY_CHARS]
    links: list[str] = []
    without_links(body, links)
    if links:
        lines.append(f"Not read: {len(links)} line(s) linking to the site's other stories, "
                     f"whose subjects are not this one's (\"{links[0][:70]}\"); to have one "
                     "read, reword it in the seed")
    pitches: list[str] = []
    without_pitches(body, pitches)
    if pitches:
        lines.append(f"Not read: {len(pitches)} line(s) pitching the site's newsletter, alerts "
                     f"or app, its beats, not this story's (\"{pitches[0][:70]}\"); to have one "
                     "read, reword it in the seed")
    addresses: list[str] = []
    without_addresses(body, addresses)
    if addresses:
        lines.append(f"Not read: {len(addresses)} web or e-mail address(es), where the page "
                     f"links, not what the story says (\"{addresses[0][:70]}\")")
    calls: list[str] = []
    without_chrome(body, calls)
    if calls:
        lines.append(f"Not read: {len(calls)} sentence(s) calling on the reader, the site's "
                     f"words, not the story's (\"{calls[0][:70]}\"); to have one read, "
                     "reword it in the seed")
    return lines
