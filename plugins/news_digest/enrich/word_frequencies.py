"""English word frequencies from ``wordfreq``'s data file, without importing ``wordfreq``.

``wordfreq.get_frequency_dict("en", wordlist="small")`` costs about 0.12 s of CPU in
every build, nearly all of it importing the package (its tokenisers for every
language: ``regex``, ``langcodes``, ``ftfy``), which reading one file of 29,000 words
does not need. ``english_frequencies`` reads the same file the same way (its
``read_cBpack`` format: a gzipped msgpack list, a header then one list of words per
centibel of frequency) and gives the same dictionary, value for value
(``tests/test_word_frequencies.py``); anything unexpected falls back to ``wordfreq``.

Pure module.
"""

from __future__ import annotations

import gzip
from importlib.util import find_spec
from pathlib import Path

WORDLIST = "small_en.msgpack.gz"  # wordfreq's "small" English list
HEADER = {"format": "cB", "version": 1}


def _read(path: Path) -> dict[str, float] | None:
    import msgpack  # noqa: PLC0415 - wordfreq's own reader of the file, loaded when needed

    with gzip.open(path, "rb") as handle:
        data = msgpack.load(handle, raw=False)
    if not data or data[0] != HEADER:
        return None
    frequencies: dict[str, float] = {}
    for index, bucket in enumerate(data[1:]):
        frequency = 10 ** (-index / 100)  # wordfreq.cB_to_freq(-index)
        for word in bucket:
            frequencies[word] = frequency
    return frequencies


def english_frequencies() -> dict[str, float]:
    """What ``wordfreq.get_frequency_dict("en", wordlist="small")`` returns."""
    spec = find_spec("wordfreq")  # finds the package without running it
    if spec is not None and spec.origin:
        path = Path(spec.origin).parent / "data" / WORDLIST
        try:
            found = _read(path) if path.is_file() else None
        except (ImportError, OSError, EOFError, ValueError):
            found = None
        if found:
            return found
    from wordfreq import get_frequency_dict  # noqa: PLC0415 - the slow, sure way

    return get_frequency_dict("en", wordlist="small")
