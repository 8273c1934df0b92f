"""Kinds of news acts: the verbs a headline tells one kind of act with (``enrich/`` stage).

Pure module (no Pelican import), used by ``event_heads.py``. Outlets tell one act with
different verbs: "Aide Quits", "aide resigns", "steps down"; "EU fines Apple",
"Brussels penalises Apple"; "Scalise shot", "gunman shoots Scalise". A headline's head
(its first verb after a name) in one of these classes gets a class term beside its own
("^lauten>=resign" beside "^lauten>quit"), so that two headlines telling the same
person doing the same kind of act share a head whichever verb they chose.

The lexicon (``VERB_CLASSES``) was written for this project from general English
headline usage (no public lexicon was copied; nothing is downloaded). It is small on
purpose: a class holds only verbs that, with the same person as subject or object,
tell the same act, not merely the same subject. Left out because they tell another
act as often: "hold" (a rate held, a match held to a draw, "holds off"), "hit"
(struck, or hit with a fine), "name" (appoint, or name a suspect), "claim" (a title,
or responsibility), "back" and "support" (a vote, or an opinion), "attack" (words,
or violence), "talk", "call"; and win is not defeat: "Verstappen holds off Piastri
to win the sprint" and "Piastri wins the grand prix" are two races; nor is "fire" a
dismissal ("North Korea fires missile"). "cut" is a verb only with an ending ("cuts",
"cutting"): "NZ's 50-point cut" is a noun.

A verb is recognised in any regular form (-s, -es, -ed, -ing, with a final "e"
dropped or a consonant doubled: "ousted", "indicted", "slamming", which the frequency
list may lack, so ``event_words.normalise_word`` leaves them) and in the irregular
forms listed (``IRREGULAR``: "won", "sworn", "quit", "beaten", "shot"). A phrasal
verb is the verb and its particle ("step down", "pull out", "sworn in", "take
office"): the particle must follow the verb.
"""

from __future__ import annotations

import re
from functools import cache

# class -> its verbs (base forms; "verb particle" for a phrasal verb).
VERB_CLASSES: dict[str, tuple[str, ...]] = {
    "resign": ("resign", "quit", "step down", "stand down"),
    "withdraw": ("withdraw", "pull out", "bow out", "drop out"),
    "criticize": ("criticize", "slam", "blast", "condemn", "denounce", "rip", "lash out",
                  "hit out", "scoff", "mock", "taunt", "decry", "rebuke", "assail",
                  "berate", "chide", "deride", "ridicule", "lambast", "lambaste", "bash"),
    "accuse": ("accuse", "blame"),
    "win": ("win", "clinch", "secure", "seal", "triumph"),
    "defeat": ("defeat", "beat", "thrash", "rout", "crush", "overcome", "outclass"),
    "arrest": ("arrest", "detain", "apprehend", "nab"),
    "charge": ("charge", "indict"),
    "sentence": ("sentence", "jail", "imprison"),
    "acquit": ("acquit", "exonerate"),
    "dismiss": ("sack", "oust", "axe", "ax", "dismiss"),
    "appoint": ("appoint", "nominate", "pick", "choose", "select"),
    "announce": ("announce", "unveil", "reveal", "outline", "lay out", "roll out"),
    "fine": ("fine", "penalize"),
    "shoot": ("shoot", "gun down"),
    "kill": ("kill", "slay"),
    "sue": ("sue",),
    "ban": ("ban", "bar", "outlaw", "prohibit"),
    "investigate": ("investigate", "probe"),
    "apologize": ("apologize",),
    "deny": ("deny", "refute", "dispute"),
    "warn": ("warn", "caution"),
    "urge": ("urge", "press", "call for", "call on"),
    "sign": ("sign", "ink"),
    "reject": ("reject", "rebuff", "spurn", "snub"),
    "cut": ("cut", "lower", "reduce", "slash", "trim"),
    "raise": ("raise", "hike", "increase"),
    "take-office": ("take office", "swear in", "inaugurate"),
}

# Irregular forms of the lexicon's verbs (the regular ones are worked out).
IRREGULAR: dict[str, str] = {
    "won": "win", "quit": "quit", "beaten": "beat", "beat": "beat", "overcame": "overcome",
    "shot": "shoot", "slain": "slay", "slew": "slay", "sworn": "swear", "swore": "swear",
    "took": "take", "taken": "take", "withdrew": "withdraw",
    "withdrawn": "withdraw", "chose": "choose", "chosen": "choose", "laid": "lay",
    "stood": "stand",
}

_SINGLE = {verb: cls for cls, verbs in VERB_CLASSES.items() for verb in verbs if " " not in verb}
_PHRASAL = {tuple(verb.split()): cls for cls, verbs in VERB_CLASSES.items()
            for verb in verbs if " " in verb}
_BASES = frozenset(_SINGLE) | {first for first, _ in _PHRASAL}
_VOWELS = frozenset("aeiou")
_ISE_RE = re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing)$")  # criticises: criticizes


@cache
def verb_base(word: str) -> str | None:
    """The lexicon's base form of ``word`` (lower case) when it is a form of one of its
    verbs: "ousted" is "oust", "slamming" "slam", "won" "win", "steps" "step", and in
    British spelling "criticised" "criticize"; else None."""
    return _base(word) or (_base(_ISE_RE.sub(r"iz\1", word)) if "is" in word else None)


def _base(word: str) -> str | None:
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word in _BASES:
        return word
    for ending in ("ing", "ed", "es", "s"):
        if len(word) > len(ending) + 1 and word.endswith(ending):
            stem = word[:-len(ending)]
            candidates = [stem, stem + "e"]
            if ending == "ed" and stem.endswith("i"):
                candidates.append(stem[:-1] + "y")  # denied
            if ending == "es" and stem.endswith("i"):
                candidates.append(stem[:-1] + "y")  # denies
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS:
                candidates.append(stem[:-1])  # slammed, ripping
            for candidate in candidates:
                if candidate in _BASES:
                    return candidate
    return None


def verb_class(word: str, following: str = "") -> str | None:
    """The class of the verb ``word`` (lower case) followed by ``following`` (the next
    word, lower case, for a phrasal verb), or None when the lexicon has neither."""
    base = verb_base(word)
    if base is None:
        return None
    phrasal = _PHRASAL.get((base, following))
    return phrasal or _SINGLE.get(base)


# Acts that happen only because of an earlier event: its aftermath (docs/clusters.md,
# "The rule": a follow-up joins its event). A headline that tells one ("jailed",
# "resigns", "toll rises", "to appeal", "refuses to concede", "back to work", "claims
# attack", "traces failure to", "welcomed home") reports what came of an occurrence,
# not a new one; written for this project from general English headline usage. Left
# out: "investigate" and "probe" (a regulator opens one into another firm as often), an
# appeal's ruling ("loses appeal": a court's new decision), a market's move ("shares
# slide": as often on the firm's own news of the day), and every act a person or firm
# does again on its own ("wins", "meets").
FOLLOW_UP_RE = re.compile(
    r"\b(?:sentenced|jailed|jails|imprisoned|arrested|arrests?|detained|charged|indicted"
    r"|(?:to|will) appeal|resigns|resigned|resignation|quits|steps down|stands down|toll"
    r"|responds|response|reacts|reaction|backlash|concedes?|recount|back to work"
    r"|responsibility|claims?\b.{0,40}\battack|traced?|traces|blamed on|cause of|caused by"
    r"|welcomed?|welcomes|greeted|homecoming|mourns?|mourners|funerals?|vigil)\b",
    re.IGNORECASE)
FOLLOW_UP_TERM = "=aftermath"  # a term of no weight of a story whose headline tells one


def follow_up_act(title: str) -> str | None:
    """The words of ``title`` that tell an aftermath (``FOLLOW_UP_RE``), or None."""
    found = FOLLOW_UP_RE.search(title)
    return found.group(0) if found else None
