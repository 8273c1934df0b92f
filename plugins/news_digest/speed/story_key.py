"""What a story counts as in a page's key (and a feed's: its text), and what of it
stands in for what (pure of Pelican but for the ``Content`` it describes).

A seed's values as its reader made them (headline, credit, topics, the parsed seed,
its text) are keyed by the seed's stamp (``SEED_HASH``: a hash of its file and path)
as long as the story still holds those very values and they cannot change; a value
made of the story's own attributes says what else it adds (``__fingerprint_in__``:
its JSON-LD). Everything else the story holds is fingerprinted (``fingerprint.py``).
"""

from __future__ import annotations

from ..errors import Unfingerprintable
from .fingerprint import SEP, Fingerprints, digest, is_unchangeable
from .seed_stamp import SEED_HASH

# A seed's metadata is what its hash stands for, copied onto its attributes by
# Pelican: hash them once. Other content's metadata is hashed with it.
CONTENT_SKIPPED = frozenset({"_context", "settings", "metadata"})
OTHER_CONTENT_SKIPPED = frozenset({"_context", "settings"})
_MISSING = "<missing>"


def _refuse_links(content) -> None:
    # Pelican builds ``content``/``summary`` from ``_content`` and the site's URLs;
    # intrasite links ({filename}...) depend on other pages' addresses, so such a
    # page is not compared (it is rendered every time).
    if "{" in content._content and any(
            marker in content._content for marker in ("{filename}", "{static}", "{attach}",
                                                      "{tag}", "{category}", "{author}",
                                                      "{index}", "|filename|", "|static|")):
        raise Unfingerprintable(f"{content.source_path} links to other pages")


def describe_content(content, budget, fingerprints):
    _refuse_links(content)
    fields = vars(content)
    stamp = content.metadata.get(SEED_HASH)
    if stamp is None:  # Content.summary and url read its metadata
        return fingerprints.entered(fields, budget, OTHER_CONTENT_SKIPPED)
    found = fingerprints.entered(  # what to skip: asked once per story
        fields, budget, lambda: CONTENT_SKIPPED | _as_read(fields, content.metadata)
        | fingerprints.stand_ins(content, fields) | _text_as_read(content, fingerprints))
    return f"{stamp}{SEP}{fingerprints.stood_in(fields)}{SEP}{found}"


def text_key(content, fingerprints: Fingerprints) -> str:
    """The key of what Pelican makes a story's ``content`` and ``summary`` of (a feed
    writes both, and nothing else of the story: the rest comes from its own records):
    ``_content``, the ``summary`` of its metadata, and for a seed the seed's hash
    standing for what was read (the settings are in the cache folder's key). Not the
    objects attached to it (its neighbours, its event's other reports). Raises
    ``Unfingerprintable`` as its page would (links to other pages, a text made by code)."""
    _refuse_links(content)
    if hasattr(content, "_get_content"):  # Pelican's hook: code the key cannot see into
        raise Unfingerprintable(f"{content.source_path} makes its text with _get_content")
    stamp = content.metadata.get(SEED_HASH)
    if stamp is None:  # not a seed: every value it holds
        return fingerprints.of(content, 1)
    summary = content.metadata.get("summary")
    if _text_as_read(content, fingerprints):  # the stamp stands for it
        return digest(f"{stamp}{SEP}read{SEP}{summary!r}")
    text = content._content
    return digest(f"{stamp}{SEP}{len(text)}:{text}{SEP}{summary!r}")


_TEXT = frozenset({"_content"})


def _text_as_read(content, fingerprints: Fingerprints) -> frozenset:
    """``{"_content"}`` when the story holds the very text its reader gave this build
    (``content_cache.note_texts_read``): its seed's stamp stands for it (hashing a
    story's text again was about half of hashing its plain values)."""
    found = fingerprints.texts_read.get(content.source_path, _MISSING)
    return _TEXT if found is not _MISSING and vars(content).get("_content") is found \
        else frozenset()


def _as_read(fields, metadata) -> frozenset:
    """Attributes still holding the very value the seed reader gave, of a type that
    cannot change: the seed's hash stands for them (hashing a story's seed, credit
    and topics was most of a rebuild's fingerprinting)."""
    return frozenset(name for name, value in metadata.items()
                     if fields.get(name, _MISSING) is value and is_unchangeable(value))
