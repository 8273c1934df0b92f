"""A seed file's bytes to text: UTF-8 with or without a byte-order mark, any line
ending, nothing binary, nothing too large; and the characters no part of a seed may
hold (``check_characters``).

Pure module (seeds stage). Every refusal is a ``SeedError`` naming the file, the line
and the fix; a file saved as UTF-16 or UTF-32 (Windows Notepad's "Unicode") is named
as such, not as a binary file, since its text is all there.
"""

from __future__ import annotations

import re

from ..errors import SeedError
from .text_checks import (
    BIDI_CONTROLS_RE,
    XML_UNSAFE_ASTRAL_RE,
    XML_UNSAFE_BMP,
    describe,
    may_hold_astral_noncharacter,
    unclosed_bidi_control,
)

MAX_SEED_BYTES = 1_000_000
# C0 and C1 controls other than tab and newline: never valid in a story, and
# most of them are not even allowed in XML feeds.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Every character check_characters looks at, in one class: one scan of the text.
_SUSPECT_RE = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{XML_UNSAFE_BMP}"
                         "\u202a-\u202e\u2066-\u2069]")

# Byte-order marks of the wide encodings, UTF-32's first (its LE mark starts as UTF-16's).
_WIDE_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
              (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))


def wide_encoding(data: bytes) -> str | None:
    """"UTF-16" or "UTF-32" when ``data`` is text in one of them: by its byte-order mark
    and the NUL bytes of the ASCII characters every seed has ('#', ':', digits), or,
    without a mark, by text whose every other byte is NUL and none of the others."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            return name if b"\x00" in data[len(bom):] else None
    head = data[:200] if len(data) >= 8 else b""
    for zeros, text in ((head[1::2], head[0::2]), (head[0::2], head[1::2])):
        if head and not any(zeros) and all(text):
            return "UTF-16"
    return None


def decode_seed(data: bytes, path: str) -> str:
    """Bytes to text: UTF-8 with or without BOM, any line ending, nothing binary."""
    if len(data) > MAX_SEED_BYTES:
        raise SeedError(path, 1, f"the file is {len(data) / 1e6:.1f} MB; a seed may be at "
                        f"most {MAX_SEED_BYTES / 1e6:.0f} MB: shorten the story or split it")
    wide = wide_encoding(data)
    if wide:
        raise SeedError(path, 1, f"the file is saved as {wide}, not UTF-8: re-save it as "
                        "UTF-8 (in Notepad: Save as, Encoding: UTF-8)")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise SeedError(path, data.count(b"\n", 0, nul) + 1,
                        "contains a NUL byte: this is a binary file, not a seed")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        bad = data[err.start]
        raise SeedError(
            path, data.count(b"\n", 0, err.start) + 1,
            f"byte 0x{bad:02X} is not UTF-8{_legacy_hint(bad)}: re-save the file as UTF-8",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _legacy_hint(byte: int) -> str:
    """What a byte UTF-8 refused reads as in Windows-1252 (Latin-1's superset, Notepad's
    "ANSI", what Word saves as plain text), which most such files are: `` ('“' in
    Windows-1252, Notepad's "ANSI")``; "" for a byte that encoding lacks too."""
    try:
        shown = bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return f" ('{shown}' in Windows-1252, Notepad's \"ANSI\")" if shown.isprintable() else ""


def check_characters(text: str, path: str, data: bytes | None) -> None:
    """Characters no part of a seed may hold, found in one scan of the text (the
    line is counted only for the one refused): controls, characters XML cannot
    carry, and bidirectional controls, which must be closed on their line."""
    def line_of(index: int) -> int:
        return text.count("\n", 0, index) + 1

    bidi = False
    for match in _SUSPECT_RE.finditer(text):
        ch = match.group()
        if BIDI_CONTROLS_RE.match(ch):
            bidi = True
        elif _CONTROL_RE.match(ch):
            raise SeedError(path, line_of(match.start()),
                            f"contains the control character U+{ord(ch):04X}: remove it")
        else:
            raise _xml_unsafe(path, line_of(match.start()), ch)
    if data is None or may_hold_astral_noncharacter(data):
        bad = XML_UNSAFE_ASTRAL_RE.search(text)
        if bad:
            raise _xml_unsafe(path, line_of(bad.start()), bad.group())
    if bidi:
        for number, line in enumerate(text.split("\n"), 1):
            unclosed = unclosed_bidi_control(line)
            if unclosed:
                _, name = unclosed
                raise SeedError(path, number,
                                f"a bidirectional control ({name}) is never closed on this "
                                "line, so it would reverse the text shown after it: close "
                                "it (U+202C, or U+2069 for an isolate) or remove it")


def _xml_unsafe(path: str, line: int, ch: str) -> SeedError:
    return SeedError(path, line, f"contains {describe(ch)}, a character feeds (XML) cannot "
                     "carry: remove it")
