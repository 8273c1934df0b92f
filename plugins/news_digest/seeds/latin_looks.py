"""Cyrillic and Greek letters drawn as Latin ones: the table of look-alike letters.

Pure module (seeds stage), shared by ``seeds/url_checks.py`` (a host written in such
letters is a look-alike of another address) and ``enrich/lookalikes.py`` (names a
reader cannot tell apart, one key: where the table is explained). The table is the
part of Unicode's confusables (UTS #39) that maps a Cyrillic or Greek letter to a
single Latin letter, where the two are drawn alike in common fonts.
"""

from __future__ import annotations

LATIN_LOOKS = {
    # Cyrillic
    "А": "A", "В": "B", "Е": "E", "Ѕ": "S", "І": "I", "Ј": "J", "К": "K", "М": "M",
    "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X", "У": "Y", "Ү": "Y",
    "Ԛ": "Q", "Ԝ": "W", "Ѵ": "V", "һ": "h", "ԁ": "d",
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "ѕ": "s",
    "і": "i", "ј": "j", "ԛ": "q", "ԝ": "w", "ү": "y", "ѵ": "v",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Χ": "X",
    "ο": "o", "ρ": "p", "α": "a", "ι": "i",
}

# Capital and small forms drawn as two Latin letters: read so in a word with Latin.
TWO_FACED = {"Ν": "N", "ν": "v", "Υ": "Y", "υ": "u", "Ӏ": "I", "ӏ": "l"}
