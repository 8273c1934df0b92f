"""Feed HTML (or plain text) to plain paragraphs, one line each.

Pure module (stdlib ``html.parser`` only): tags are stripped, entities decoded,
scripts, styles and other non-text elements dropped, block elements and ``<br>``
become paragraph breaks and whitespace collapses to single spaces.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from .text_checks import BIDI_CONTROLS_RE, XML_UNSAFE_RE, unclosed_bidi_control

# Elements whose content is never story text.
_DROPPED = frozenset({
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "head", "title", "select", "textarea", "button", "form", "canvas", "audio", "video",
})
# Elements that start or end a paragraph of their own.
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hr", "img", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
# Void elements: no end tag, so they never open a dropped region.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                   "meta", "param", "source", "track", "wbr"})
# C0/C1 controls (tab and newline are whitespace and collapse anyway) and the
# Unicode line/paragraph separators: never part of a one-line paragraph.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACE_RE = re.compile(r"[\s\u2028\u2029]+")
_BREAK = "\n"


def clean_line(text: str) -> str:
    """One line of plain text: controls removed, any run of whitespace one space.

    Characters a feed cannot carry (non-characters, lone surrogates) are dropped,
    and so are the bidirectional controls of a line that leaves one open: the
    seed parser refuses both, and they are never the story's words."""
    text = XML_UNSAFE_RE.sub("", _CONTROL_RE.sub(" ", text.replace("\ufeff", "")))
    if unclosed_bidi_control(text):
        text = BIDI_CONTROLS_RE.sub("", text)
    return _SPACE_RE.sub(" ", text).strip()


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping: list[str] = []  # stack of open dropped elements

    def handle_starttag(self, tag, attrs):
        if tag in _DROPPED and tag not in _VOID:
            self.dropping.append(tag)
        elif tag in _BLOCKS:
            self.parts.append(_BREAK)

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCKS:
            self.parts.append(_BREAK)

    def handle_endtag(self, tag):
        if self.dropping:
            if tag in self.dropping:
                while self.dropping.pop() != tag:
                    pass
            return
        if tag in _BLOCKS:
            self.parts.append(_BREAK)

    def handle_data(self, data):
        if not self.dropping:
            self.parts.append(_SPACE_RE.sub(" ", data))


def html_to_paragraphs(markup: str) -> list[str]:
    """HTML to its text, one paragraph per block; empty paragraphs dropped."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    return _paragraphs("".join(collector.parts).split(_BREAK))


def html_to_line(markup: str) -> str:
    """HTML (a headline, a name) to one line of plain text."""
    return " ".join(html_to_paragraphs(markup))


# A character reference: "&amp;", "&#8217;", "&#x2019;".
_REFERENCE_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def unescaped_once_more(line: str) -> str:
    """A headline whose publisher escaped it twice ("AT&amp;T" once read), decoded.

    A headline's plain text that still holds character references was escaped
    once too often by its feed; no headline means the reference itself."""
    if not _REFERENCE_RE.search(line):
        return line
    return clean_line(html.unescape(line))


# Tags that make paragraphs in HTML; markup with none of them relies on line breaks.
_BLOCK_TAG_RE = re.compile(r"<\s*/?\s*(?:" + "|".join(sorted(_BLOCKS)) + r")\b", re.IGNORECASE)
_TAG_RE = re.compile(r"(<[^<>]*>)")


def markup_to_paragraphs(value: str, *, every_line: bool = False) -> list[str]:
    """Text that may hold HTML, with its line breaks kept as paragraph breaks.

    ``every_line``: each line break outside a tag ends a paragraph (news-API text:
    plain lines, sometimes with HTML). Otherwise only a blank line does, and only
    when the markup has no block elements of its own (a feed's HTML that separates
    paragraphs with empty lines instead of ``<p>``).
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if not every_line and _BLOCK_TAG_RE.search(value):
        return html_to_paragraphs(value)
    breaks = re.compile(r"\n" if every_line else r"\n[ \t]*\n")
    parts = _TAG_RE.split(value)  # odd indexes are tags: their line breaks are spaces
    for index in range(0, len(parts), 2):
        parts[index] = breaks.sub("<br>", parts[index])
    return html_to_paragraphs("".join(parts))


def text_to_paragraphs(text: str) -> list[str]:
    """Plain text to paragraphs: each non-blank line is one; markup stays literal."""
    return _paragraphs(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def _paragraphs(chunks: list[str]) -> list[str]:
    return [line for line in (clean_line(chunk) for chunk in chunks) if line]


# news-API cuts `content` to ~200 characters and appends "… [+1234 chars]".
_TRUNCATION_MARK_RE = re.compile(r"\[\+\d+ chars\]")


def without_truncation(text: str) -> str:
    """``text`` without news-API's closing "… [+1234 chars]" (and the spaces around it).

    Found from the end, in time linear in the text: the pattern it replaces,
    ``\\s*(?:…|\\.\\.\\.)?\\s*\\[\\+\\d+ chars\\]\\s*$``, took cubic time on a run of
    spaces (9 s for 2,000 of them), so one hostile paragraph stalled a build."""
    stripped = text.rstrip()
    at = stripped.rfind("[+")
    if at < 0 or not _TRUNCATION_MARK_RE.fullmatch(stripped, at):
        return text
    head = stripped[:at].rstrip()
    for dots in ("…", "..."):
        if head.endswith(dots):
            return head[: -len(dots)].rstrip()
    return head
