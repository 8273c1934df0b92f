"""The word frequencies the clustering weighs shared words by are wordfreq's, read
without importing wordfreq (``enrich/word_frequencies.py``)."""

from __future__ import annotations

import gzip
import subprocess
import sys

import msgpack
import wordfreq

from news_digest.enrich import word_frequencies
from news_digest.enrich.word_frequencies import english_frequencies


def test_the_same_dictionary_as_wordfreq():
    ours = english_frequencies()
    theirs = wordfreq.get_frequency_dict("en", wordlist="small")
    assert len(ours) > 20_000
    assert list(ours.items()) == list(theirs.items())  # same words, order and floats


def test_a_build_does_not_import_wordfreq():
    code = ("import sys; from news_digest.enrich.word_frequencies import english_frequencies;"
            "assert english_frequencies()['the'] > 0.01; print('wordfreq' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"


def test_an_unexpected_file_falls_back_to_wordfreq(tmp_path, monkeypatch):
    odd = tmp_path / "wordfreq" / "data" / word_frequencies.WORDLIST
    odd.parent.mkdir(parents=True)
    (tmp_path / "wordfreq" / "__init__.py").write_text("")
    with gzip.open(odd, "wb") as handle:
        handle.write(msgpack.packb([{"format": "cB", "version": 2}, ["the"]]))

    class Spec:
        origin = str(tmp_path / "wordfreq" / "__init__.py")

    monkeypatch.setattr(word_frequencies, "find_spec", lambda name: Spec())
    assert english_frequencies() == wordfreq.get_frequency_dict("en", wordlist="small")
