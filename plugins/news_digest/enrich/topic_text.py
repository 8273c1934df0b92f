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

**The page's links to its other stories.** A page's text keeps the lines that link to
the site's other stories: "READ MORE: 'Crime out of control in Midlands' as huge policing
shake-up proposed", "Related: How Trump's $50m golf club became $1.4m", "YOU MAY ALSO
LIKE: Bank Of England To Hold Borrowing Costs", or a bare "Related Articles:" over a list
of headlines. Each names another story's subject: read, it gives the story that story's
topic. A line opening with such a label (``LINK_LABELS``, then a colon) is not read, and
after a bare label, the short lines under it that end no sentence (the headlines it lists,
at most ``LINK_LINES``) are not read either (thirteenth round). "Related charges were
filed" opens no label and is read.

**The page's pitches for its own products.** "Sign up to the Weekly Brief here for news
and analysis on African business, tech and innovation", "SIGN UP FOR OUR NEWSLETTER", "Get
the latest news sent straight to your messages by joining our WhatsApp community": a
line opening with such a pitch (``PITCHES``) that names the site's newsletter, alerts,
edition, app or community (``PITCH_WORDS``) names the site's beats and channels, not the
story's subject, and is not read (thirteenth round).

**The page's furniture** (``page_furniture.py``): calls to follow the site on its
platforms or to write in, credits, copyright lines, notes on the article and links without
a colon are not read either (topics-chrome).

**Web and e-mail addresses.** A page's text keeps the addresses it links to: an embedded
post's "pic.twitter.com/MYwRz9euaq", "ndtv.com/coronavirus", "www.flag.govt.nz",
"news@site.ie". Split into words, they read as phrases ("twitter", "coronavirus"): an
embedded tweet made a story on Delhi's air pollution a social-media one. An address
(``ADDRESS``: with a scheme or "www.", a domain followed by a path, or an e-mail address)
(``is_address``: with a scheme or "www.", a domain followed by a path, or an e-mail
address) is not read (thirteenth round); a company named by its domain ("Amazon.com",
"Booking.com") is a name, not an address, and is read.

**A given name that is a word of the vocabulary** (``GIVEN_NAMES``: "Bill", the only
one among the phrases today). "Bill Clinton", "Mayor Bill de Blasio", "Attorney General
Bill Barr" name a person, not a bill (Government & Policy): before a capitalised surname
the given name is not read, and the surname is. In the headline, where every word may be
capitalised ("Senate Passes Bill Banning Abortion"), only the names the body writes too
("Bill Clinton" in both) are set aside; "the Finance Bill", "Bill C-18", "the bill
passed" and a bill before a month or a weekday ("the Bill Tuesday") are bills (topics-gov3).
"""

from __future__ import annotations

import re

from .page_furniture import without_furniture

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


# The labels of a line linking to the site's other stories, lower case; a colon follows
# them, after at most a few words ("Related articles:", "RELATED PHOTOS:").
LINK_LABELS = ("read more", "related", "also read", "read also", "see also", "must read",
               "you may also like", "you might also like", "recommended", "don't miss",
               "more from", "more on this", "most read", "trending", "top stories")
_LINK_RE = re.compile(r"(?:" + "|".join(re.escape(label) for label in LINK_LABELS)
                      + r")[ \w'’]{0,20}:", re.IGNORECASE)
_LABEL_CHARS = 40  # the colon is this near the line's start (the longest label, 20 more)
# A line opening so, and naming one of the site's products, is a pitch for them.
PITCHES = ("sign up", "subscribe", "get the latest", "get our", "download our", "download the",
           "join our")
PITCH_WORDS = ("newsletter", "inbox", "alerts", "brief", "edition", "our app", "the app",
               "community", "podcast", "notifications")
# Cheap looks first: a body holding none of these (nearly all) is not split into lines.
_PITCH_HINTS = ("Sign up", "SIGN UP", "Subscribe", "SUBSCRIBE", "Get the latest", "Get our",
                "GET OUR", "Download ", "Join our", "JOIN OUR")
LINK_LINES = 6  # a bare label lists at most this many headlines under it
_LINK_WORDS = 20  # ... each at most this many words, ending no sentence
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'")
# Given names that are phrases of the vocabulary, and what follows such a name that is no
# surname: a month or a weekday ("passed the Bill Tuesday").
GIVEN_NAMES = ("Bill",)
_NOT_SURNAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December", "Monday", "Tuesday",
                 "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_GIVEN_RE = re.compile(r"\b(" + "|".join(GIVEN_NAMES) + r") (?=((?:de |van |von |da |di )?"
                       r"(?!(?:" + "|".join(_NOT_SURNAMES) + r")\b)[A-Z](?:[a-z]|['’][A-Z])"
                       r"[\w'’-]*))")


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
    the page's own lines (links to its other stories, pitches for its products, its
    furniture: ``page_furniture``), its web and e-mail addresses, and the sentences that
    call on the reader (``CHROME``)."""
    if len(text) > BODY_CHARS:
        cut = text.rfind(" ", 0, BODY_CHARS)
        text = text[:cut if cut > 0 else BODY_CHARS]
    if has_links(text):
        text = without_links(text)
    if any(hint in text for hint in _PITCH_HINTS):
        text = without_pitches(text)
    text = without_furniture(text)  # looks only at lines opening as furniture does
    if "/" in text or "@" in text or "www." in text:  # most bodies hold no address
        text = without_addresses(text)
    if any(name + " " in text for name in GIVEN_NAMES):  # cheap: most bodies hold none
        text = without_given_names(text)
    return without_chrome(text) if has_chrome(text) else text


def without_given_names(text: str, dropped: list[str] | None = None) -> str:
    """``text`` without the given names of the vocabulary (``GIVEN_NAMES``) that stand
    before a surname ("Bill Clinton" is read as "Clinton"); each name is added to
    ``dropped`` when given, for ``explain``."""
    if dropped is not None:
        dropped.extend(f"{m.group(1)} {m.group(2)}" for m in _GIVEN_RE.finditer(text))
    return _GIVEN_RE.sub("", text)


def read_headline(title: str, text: str) -> str:
    """The headline that is read: without a site's name after it (``site_tail``), nor a
    given name of the vocabulary before a surname that the body ``text`` writes too."""
    headline = site_tail(title)[0]
    if any(name + " " in headline for name in GIVEN_NAMES):
        headline = _GIVEN_RE.sub(
            lambda m: "" if f"{m.group(1)} {m.group(2)}" in text else m.group(0), headline)
    return headline


def has_links(text: str) -> bool:
    """Whether a line of ``text`` may open with a link label (``LINK_LABELS``): a look
    at the lines holding a colon near their start (few in a story), before any pattern
    runs; looking for every label in every body cost 70 µs a story, a sixth of tagging."""
    colon = text.find(":")
    while colon >= 0:
        start = text.rfind("\n", 0, colon) + 1
        if colon - start <= _LABEL_CHARS and text[start:start + 20].lower().startswith(
                LINK_LABELS):
            return True
        colon = text.find(":", colon + 1)
    return False


def without_links(text: str, dropped: list[str] | None = None) -> str:
    """``text`` without its lines linking to other stories (added to ``dropped`` when
    given, for ``explain``): a line opening with a label, and the headlines a bare label
    lists under it."""
    kept, listing = [], 0
    for line in text.split("\n"):
        label = _LINK_RE.match(line)
        if label:
            listing = 0 if line[label.end():].strip() else LINK_LINES
        elif (listing and line.strip() and len(line.split()) <= _LINK_WORDS
              and not line.rstrip().endswith(_SENTENCE_END)):
            listing -= 1
        else:
            listing = 0
            kept.append(line)
            continue
        if dropped is not None and line.strip():
            dropped.append(line.strip())
    return "\n".join(kept)


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


def without_pitches(text: str, dropped: list[str] | None = None) -> str:
    """``text`` without the lines pitching the site's products (``PITCHES``, naming one of
    ``PITCH_WORDS``; added to ``dropped`` when given, for ``explain``)."""
    kept = []
    for line in text.split("\n"):
        lowered = line.lstrip().lower()
        if lowered.startswith(PITCHES) and any(word in lowered for word in PITCH_WORDS):
            if dropped is not None:
                dropped.append(line.strip())
        else:
            kept.append(line)
    return "\n".join(kept)


_SPACE = re.compile(r"\s")
_MARKS = ("/", "@", "www.")  # what every address holds
_LEAD = "(\"'“‘<["  # before an address in a text: not part of it
_TRAIL = ".,;:!?)\"'”’>]"  # ... after it


def is_address(token: str) -> bool:
    """Whether ``token`` (no white space, no punctuation around it) is a web or e-mail
    address: a scheme or "www.", a domain (ending in letters) with a path, or
    name@domain. "Amazon.com", "$0.23/W", "24/7" and "and/or" are not."""
    lowered = token.lower()
    if lowered.startswith(("http://", "https://", "www.")):
        return True
    if "@" in token:
        name, _, domain = token.partition("@")
        return bool(name) and "." in domain and domain.rsplit(".", 1)[-1].isalpha()
    host = token.split("/", 1)[0]
    top = host.rsplit(".", 1)[-1] if "." in host else ""
    return "/" in token and len(top) >= 2 and top.isalpha()


def without_addresses(text: str, dropped: list[str] | None = None) -> str:
    """``text`` without its web and e-mail addresses (``is_address``; added to
    ``dropped`` when given, for ``explain``). Only the words around a mark ("/", "@",
    "www.") are looked at: a pattern over the whole body cost more than the tagging."""
    spans = []
    for mark in _MARKS:
        place = text.find(mark)
        while place >= 0:
            start = max(text.rfind(c, 0, place) for c in " \n\t") + 1
            space = _SPACE.search(text, place)
            end = space.start() if space else len(text)
            word = text[start:end]
            token = word.lstrip(_LEAD).rstrip(_TRAIL)
            if token and is_address(token):
                first = start + len(word) - len(word.lstrip(_LEAD))
                spans.append((first, first + len(token)))
            place = text.find(mark, end)
    if not spans:
        return text
    kept, last = [], 0
    for start, end in sorted(set(spans)):
        if start >= last:
            kept.append(text[last:start])
            if dropped is not None:
                dropped.append(text[start:end])
            last = end
    return " ".join(kept) + " " + text[last:]
