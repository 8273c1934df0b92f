"""A seed file's bytes to text: UTF-8 with or without a byte-order mark, any line
ending, nothing binary, nothing too large.

Pure module (seeds stage). Every refusal is a ``SeedError`` naming the file, the line
and the fix; a file saved as UTF-16 or UTF-32 (Windows Notepad's "Unicode") is named
as such, not as a binary file, since its text is all there.
"""

from __future__ import annotations

from ..errors import SeedError

MAX_SEED_BYTES = 1_000_000

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
            f"byte 0x{bad:02X} is not UTF-8: re-save the file as UTF-8",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
