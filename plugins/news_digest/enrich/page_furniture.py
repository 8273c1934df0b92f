"""The page's furniture in a story's text: lines of the site, not of the story.

Stage: enrich (topics). Pure module (no Pelican). ``topic_text.read_body`` calls
``without_furniture`` on the part of a body it reads; the page shows the curator's text as
written, and the clustering reads it whole: only what the tagger reads changes.

Text imported from feeds and pages keeps the site's own lines around the story. Each class
below is told by its shape, the way any publisher writes it, never by one site's strings:

* **calls to follow the site** (``FOLLOW``): a sentence opening with "Follow", "Find",
  "Like us", "Join" or "Connect with" (or "Why not follow", "You can follow") whose words after
  "on" (or a colon) are nothing but platforms and handles: "Follow BBC East Midlands on
  Facebook, on Twitter, or on Instagram", "Find BBC News: East of England on Facebook,
  Instagram and Twitter", "Follow us: Google News | Reddit | Instagram"; read, their
  platforms count for Social Media & Messaging on every regional page of a site.
  "Follow the money on Twitter's accounts" goes on after the platform and is read;
* **calls to write in** (``WRITE_IN``): a sentence asking the reader for story ideas, their
  experiences, questions or a contact number ("Send your story ideas to ...", "Share your
  experiences by emailing ...", "If you are reading this page and can't see the form ..."),
  with the questions to the reader just before it in its paragraph ("Have you been affected
  by the strikes?");
* **credits** (``CREDIT``): a short line crediting pictures, video or reporting ("Video
  journalist: Alex Thorp", "Photos: Getty Images", "Image source: ... / Shutterstock"), and a
  sentence opening with "Additional reporting by", "Reporting by", "Editing by";
* **copyright lines** (``COPYRIGHT``): a line opening with "©", "Copyright" or "(c)", when
  short or when it reserves rights ("Copyright 2019 Hawaii News Now. All rights reserved.");
  an extractor's "© Provided by ... Nintendo and Apple shocked the world ..." is long and
  reserves nothing: it holds the story's first sentence and is read;
* **links without a colon** (``LINK_OPENERS``): a line opening with "Read more", "Related",
  "More on this" or "See more" that ends no sentence, at most ``_LINK_WORDS`` words ("Read
  more from Reality Check", "Related Topics"), and a line opening with "Watch:" or
  "Listen:" (a video's or a programme's headline): ``topic_text`` reads the links with a
  label and a colon ("READ MORE: ..."); "Related charges were filed." is a sentence and read;
* **notes on the article** (``NOTE``): a sentence opening with "This article", "This story",
  "This post", "This piece" or "An earlier version of this ..." saying it was amended,
  updated, corrected, first published, reprinted or adapted ("This article was originally
  published by Futurism").

Only a line opening as one of them does (``OPENERS``, a literal look) is read further; a
call in the middle of a story's paragraph is left to ``topic_text.CHROME``. A line opening
with "Watch" or "Listen" without a colon, giving a programme's times ("Watch ... live on
iPlayer & the BBC Sport app ... from 18:05 GMT") is not furniture here: on the BBC desk
set its only effect was a tennis video page losing Sports, the line naming its event.
"""

from __future__ import annotations

import re

PLATFORMS = ("twitter", "facebook", "instagram", "x", "linkedin", "whatsapp", "youtube",
             "tiktok", "telegram", "snapchat", "threads", "pinterest", "reddit", "flipboard",
             "mastodon", "bluesky", "google news", "apple news", "newsbreak", "google+")
_PLATFORM = "|".join(re.escape(p) for p in sorted(PLATFORMS, key=len, reverse=True))
# A sentence opening with a call to follow, up to "on" or a colon before its platforms.
FOLLOW = re.compile(r"(?:why not |you can (?:also )?)?(?:follow|find|like us|join|connect with)\b"
                    r"[^.?!]{0,60}?(?: on|:) (?=(?:the )?(?:" + _PLATFORM + r")\b)",
                    re.IGNORECASE)
# What may follow: platforms, handles, "and", "or", "on", separators.
_PLATFORMS_ONLY = re.compile(r"(?:\s|[,|/&.!?:;()]|\b(?:and|or|on|at|the|us|via)\b|@\w+|"
                             r"\b(?:" + _PLATFORM + r")\b)*", re.IGNORECASE)
# Lower case after the first letter: "the BBC's Share Your Story Tour" names an event.
WRITE_IN = re.compile(
    r"\b(?:[Ss]end (?:us )?your (?:story ideas|stories|story|pictures|photos|videos|questions?|"
    r"comments?|views)|[Ss]tory (?:ideas?|suggestions?)|[Ss]hare your (?:experiences?|story|"
    r"stories|views|thoughts|pictures|photos)|(?:can't|cannot|can not) see the form|"
    r"(?:[Ss]ubmit|[Ss]end) (?:a|your) (?:question|comment)|contact number if you|"
    r"get in touch in the following ways|[Tt]ell us (?:by|via) e-?mail)")
_QUESTION = re.compile(r"\b(?:you|your)\b.*\?$", re.IGNORECASE)
CREDIT = re.compile(
    r"(?:(?:images?|photos?|photographs?|pictures?|illustrations?|graphics?|videos?|audio|"
    r"footage)(?: (?:credits?|sources?|courtesy|journalists?|producers?|editors?))?"
    r"(?: (?:by|produced by|shot by|filmed by|edited by)\b|\s*:))", re.IGNORECASE)
_CREDIT_WORDS = 20  # a credit is a short line
LINK_OPENERS = ("Read more", "READ MORE", "Read More", "Related", "RELATED", "More on this",
                "See more")
_MEDIA_LABELS = ("Watch:", "WATCH:", "Listen:", "LISTEN:")
_LINK_WORDS = 12
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'")
REPORTING = re.compile(r"(?i:(?:additional|extra) (?:reporting|research)(?: by| from)?|"
                       r"(?:reporting|editing|writing) by) [A-Z]")
_REPORTING_WORDS = 25
COPYRIGHT = re.compile(r"(?:©|\(c\)\s*\d{4}|copyright\b)", re.IGNORECASE)
_RESERVED = re.compile(r"all rights reserved|without (?:written )?permission|reprint|"
                       r"redistribut", re.IGNORECASE)
_COPYRIGHT_WORDS = 15
NOTE = re.compile(r"(?:this|an earlier version of this) (?:article|story|post|piece)\b[^.!?]{0,30}?"
                  r"\b(?:amended|updated|corrected|originally|first (?:published|appeared)|"
                  r"reprinted|republished|adapted|syndicated|misstated|incorrectly)\b",
                  re.IGNORECASE)
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+")
# What a line holding furniture opens with: only such lines (few) are looked at; looking
# for the classes' words anywhere in every body cost a quarter of the tagging.
OPENERS = ("Follow ", "FOLLOW ", "Find ", "FIND ", "Why not ", "You can ", "Like us", "LIKE US",
           "Join ", "JOIN ", "Connect with", "Send ", "Share ", "If you", "Please ", "Tell us",
           "Have you", "Has your", "How ", "Are you", "Do you", "What ", "Submit", "Feel free",
           "Or have", "Get in touch", "Email ", "E-mail ", "Photo", "PHOTO", "Image", "IMAGE",
           "Picture", "PICTURE", "Video", "VIDEO", "Illustration", "Graphic", "Audio",
           "Footage", "Additional", "ADDITIONAL", "Extra reporting", "Reporting by",
           "Editing by", "Writing by", "©", "Copyright", "COPYRIGHT", "(c)", "(C)",
           "This article", "This story", "This post", "This piece", "An earlier version",
           *LINK_OPENERS, *_MEDIA_LABELS)


def furniture_line(line: str) -> bool:
    """Whether the whole ``line`` is furniture: a credit, a copyright line, a link."""
    stripped = line.strip()
    words = len(stripped.split())
    if stripped.startswith(_MEDIA_LABELS) and words <= _CREDIT_WORDS:
        return True
    if (stripped.startswith(LINK_OPENERS) and words <= _LINK_WORDS
            and not stripped.endswith(_SENTENCE_END)):
        return True
    if CREDIT.match(stripped) and words <= _CREDIT_WORDS:
        return True
    return bool(COPYRIGHT.match(stripped)) and (
        words <= _COPYRIGHT_WORDS or _RESERVED.search(stripped) is not None)


def furniture_sentence(sentence: str) -> bool:
    """Whether ``sentence`` is furniture: a call to follow or to write in, a note on the
    article, a reporting credit."""
    follow = FOLLOW.match(sentence)
    if follow and _PLATFORMS_ONLY.fullmatch(sentence, follow.end()):
        return True
    if REPORTING.match(sentence) and len(sentence.split()) <= _REPORTING_WORDS:
        return True
    return bool(WRITE_IN.search(sentence) or NOTE.match(sentence))


def without_furniture(text: str, dropped: list[str] | None = None) -> str:
    """``text`` without the page's furniture (added to ``dropped`` when given, for
    ``explain``). Only a line opening as furniture does (``OPENERS``) is looked at: dropped
    whole (``furniture_line``), or its sentences that are (``furniture_sentence``), with the
    questions to the reader before a call to write in."""
    lines = text.split("\n")
    found = False
    for n, line in enumerate(lines):
        if line.startswith(OPENERS):
            lines[n] = _line_without(line, dropped)
            found = found or lines[n] != line
    return "\n".join(line for line in lines if line is not None) if found else text


def _line_without(line: str, dropped: list[str] | None) -> str | None:
    """``line`` without its furniture; None when nothing of it is left."""
    if furniture_line(line):
        if dropped is not None:
            dropped.append(line.strip())
        return None
    sentences = _SENTENCE_RE.split(line)
    out = [furniture_sentence(s) for s in sentences]
    if not any(out):
        return line
    asks = [bool(cut and WRITE_IN.search(s)) for s, cut in zip(sentences, out, strict=True)]
    for n in range(len(sentences) - 1, 0, -1):  # "Have you been affected? ... Share ..."
        if asks[n] and _QUESTION.search(sentences[n - 1]):
            out[n - 1] = asks[n - 1] = True
    if dropped is not None:
        dropped.extend(s for s, cut in zip(sentences, out, strict=True) if cut)
    return " ".join(s for s, cut in zip(sentences, out, strict=True) if not cut) or None
