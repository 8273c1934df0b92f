"""Who did what: the head event of a story's headline, as terms (``enrich/`` stage).

Pure module (no Pelican import), used by ``event_text.py`` (the terms) and
``cluster_score.py`` (what a shared head changes).

A headline says who did what: "Bernie Sanders Meets President Obama", "Obama Will
Meet With Sanders On Thursday". Its head is its first verb that follows a name (a
word in a verb's form: "meets", "vetoed", "raising", or after "to", "will" and the
like: "to veto") and the word right after it, when that is no name, after "to" or not
(what is done: "Announces Veto", "Is Pressed to Veto"), with the names just before
the verb (its subject: the run of names that ends where the verb's helpers begin)
and those within ``HEAD_WINDOW`` words after it (its object). Each name and each of
the two actions make a head term ("^sander>meet"), normalised as every term is
(``event_words``: "Meets" and "meet" are "meet").

Head terms weigh nothing in the similarity. Two stories whose headlines share one
tell the same person doing the same thing, one action, so the days their leads name
(an announcement's day against the meeting's) do not lower their score
(``cluster_score.day_factor``), as for a quotation two stories share. The subject is
the name right before the verb: "Hillary Clinton aide blames ..." is the aide's
letter, not Clinton blaming, so it makes no head term with "Clinton"; it makes a
``PROXY_MARK`` term ("%^clinton>blame"): someone of Clinton's side did it, which
``event_contests`` reads as another doer than Clinton.

A verb of the lexicon of news acts (``event_verbs``: "quits", "steps down", "Is Sworn
In") adds a term of its kind of act for its subject ("^lauten>=resign"; marked passive
after "is", "was" and the like: "=urge/passive"), not for its object, whose role
differs ("Solheimsvik slams Dahlgren"). Two stories sharing one tell the same person
doing the same kind of act, whichever verbs they chose: their score is raised
(``cluster_score.kind_bonus``) and ``explain`` shows the verbs (``kinds_told``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .event_verbs import IRREGULAR, verb_base, verb_class
from .event_words import _CALENDAR_WORDS, _WRITTEN_AS, normalise_word, word_weight
from .names_in_text import written_as_name

HEAD_MARK = "^"  # a head term opens with it: ^sander>meet
# A head done by someone of a name's side ("Hillary Clinton aide blames"): the name's
# head term after this mark ("%^clinton>blame"), which ``event_contests`` reads as
# another doer. Only people who act on their own: a spokesman's, a lawyer's or a
# campaign's words are the principal's, and headlines give them to him.
PROXY_MARK = "%" + HEAD_MARK
_ROLES = frozenset("aide aides adviser advisers advisor advisors ally allies wife husband "
                   "son daughter".split())
KIND_MARK = "="  # a head term of a kind of act (event_verbs) opens its act with it: ^lauten>=resign
KIND_AT = ">" + KIND_MARK  # in a head term of a kind of act
VERB_KINDS = True  # a head's verb in a class of event_verbs adds its class's term
HEAD_WINDOW = 3  # names this many words after the verb are its object
NAME_WEIGHT = 1.0  # a name at least this rare (word_weight): "Obama", "Trump", not "New"
ACTION_WEIGHT = 0.5  # a verb at least this rare: "wins", "cuts", not "says"
_TOKEN_RE = re.compile(r"[^\W\d_][\w'’]*")
_POSSESSIVE_RE = re.compile(r"['’]s?$")
# What may stand between a subject and its verb, and what makes the next word a verb.
_HELPERS = frozenset("to will may would could can must is are was were has have had be "
                     "been being not".split())
_ENDINGS = ("s", "ed", "ing")
_TO_VERB = frozenset("to will may would could can must".split())
# A verb right after one of these is passive: its subject undergoes the act ("Strzok Is
# Fired"), so its kind of act is marked; "Is Sworn In" is taking office all the same.
_PASSIVE = frozenset("is are was were be been being".split())
PASSIVE_MARK = "/passive"
PASSIVE_SAME = frozenset({"take-office"})
# Words that are no action of the event: saying, reporting, and the function words.
NO_ACTION = frozenset(
    "say said says tell told report reported new year years time people would could also "
    "first last week day one two three after before over amid more than about into against "
    "while when where what why how who will its his her their this that with from for and "
    "but has have had was were are".split())


def _word(token: str) -> tuple[str, str]:
    """The token without a possessive, as written and lower-cased."""
    written = _POSSESSIVE_RE.sub("", token) if "'" in token or "’" in token else token
    return written, written.lower()


# What a token is whatever the story (remembered: headlines repeat their words):
# (as written, lower-cased, a name's term or None, an action's term or None).
_TOKENS: dict[str, tuple[str, str, str | None, str | None]] = {}
_TOKENS_KEPT = 200_000


def _token(token: str) -> tuple[str, str, str | None, str | None]:
    found = _TOKENS.get(token)
    if found is None:
        written, word = _word(token)
        name = action = None
        if word not in _CALENDAR_WORDS and len(word) >= 3:
            spelled = _WRITTEN_AS.get(word, word)
            weight = word_weight(spelled)
            if written[0].isupper() and weight >= NAME_WEIGHT:
                name = normalise_word(spelled)
            if weight >= ACTION_WEIGHT and word not in NO_ACTION:
                action = normalise_word(word)
        found = (written, word, name, action)
        if len(_TOKENS) < _TOKENS_KEPT:
            _TOKENS[token] = found
    return found


def _kind(token: str, body: str, title: str) -> tuple[str | None, str]:
    """("name", term), ("action", term) or (None, ""): a name when the story writes it
    as one (``written_as_name``)."""
    written, word, name, action = _token(token)
    if name is not None and any(form in body and written_as_name(form, body, title)
                                for form in (written, word.capitalize())):
        return "name", name
    return ("action", action) if action is not None else (None, "")


def _inflected(word: str, term: str) -> bool:
    """Whether ``word`` is a form of its ``term`` with an ending ("meets", "vetoed",
    "raising"), not another spelling of it ("harbour" is "harbor"), or a form of a
    verb of ``event_verbs`` ("won", "sworn", "ousted")."""
    if word != term and word.endswith(_ENDINGS):
        return True
    return VERB_KINDS and (word in IRREGULAR or verb_base(word) not in (None, word))


def _acts(word: str, term: str, following: str) -> tuple[str, str | None]:
    """The act term of the head's verb ``word`` (its ``term``; ``following``: the next
    word, lower case), as the lexicon's base where it knows it ("won" is "win"), and
    its kind of act or None (``event_verbs``: "quits" and "steps down" are "resign")."""
    if not VERB_KINDS:
        return term, None
    base = verb_base(word)
    kind = verb_class(word, following)
    if kind is not None and base is not None and verb_class(base) != kind:  # "steps down"
        return f"{base} {following}", kind
    return (normalise_word(base) if base else term), kind


def head_terms(title: str, body: str) -> list[str]:
    """The head terms of the headline ``title`` (the module's docstring), sorted; none
    when it has no verb after a name. ``body``: the story's text as read. The words
    are looked at only as far as the head's object."""
    found = list(_TOKEN_RE.finditer(title))
    tokens, spans = [m.group() for m in found], [m.span() for m in found]
    kinds: list[tuple[str | None, str]] = []
    named = False
    for at, token in enumerate(tokens):
        kind, term = _kind(token, body, title)
        kinds.append((kind, term))
        if kind == "name":
            named = True
            continue
        before = tokens[at - 1].lower() if at else ""
        if not (named and kind == "action" and (_inflected(_word(token)[1], term)
                                                or before in _TO_VERB)):
            continue
        subject = set()
        back = at - 1
        while back >= 0 and tokens[back].lower() in _HELPERS:
            back -= 1
        while back >= 0 and kinds[back][0] == "name":
            subject.add(kinds[back][1])
            back -= 1
        principal = set()  # "Clinton aide blames": the aide does it, for Clinton
        if (not subject and back > 0 and tokens[back].lower() in _ROLES  # "Hunter, wife": two
                and not title[spans[back - 1][1]:spans[back][0]].strip()):
            while back > 0 and kinds[back - 1][0] == "name":
                principal.add(kinds[back - 1][1])
                back -= 1
        after = [_kind(token, body, title) for token in tokens[at + 1:at + 1 + HEAD_WINDOW]]
        names = subject | {name for kind, name in after if kind == "name"}
        following = tokens[at + 1].lower() if at + 1 < len(tokens) else ""
        act, act_kind = _acts(_word(token)[1], term, following)
        actions = {act}
        if after and tokens[at + 1].lower() == "to":  # "Pressed to Veto": what is done
            after = after[1:]
        if after and after[0][0] == "action":  # "Announces Veto", "Pressed to Veto"
            actions.add(after[0][1])
        heads = {f"{HEAD_MARK}{name}>{action}" for name in names for action in actions}
        if (act_kind and before in _PASSIVE and act_kind not in PASSIVE_SAME
                and not token.lower().endswith("ing")):  # "is raising" is no passive
            act_kind += PASSIVE_MARK  # "Dahlgren Is Pressed": he is urged, he urges not
        if act_kind:  # its subject doing this kind of act (not its object: roles differ)
            heads.update(f"{HEAD_MARK}{name}>{KIND_MARK}{act_kind}" for name in subject)
        heads.update(f"{PROXY_MARK}{name}>{action}" for name in principal
                     for action in (*actions, *([KIND_MARK + act_kind] if act_kind else ())))
        return sorted(heads)
    return []


def headed_alike(common) -> bool:
    """Whether two stories' shared terms ``common`` hold a head term."""
    return any(term[0] == HEAD_MARK for term in common)


def same_kind_of_act(common) -> bool:
    """Whether two stories' shared terms ``common`` hold a head term of a kind of act
    (``event_verbs``): the same subject doing the same kind of thing."""
    return any(term[0] == HEAD_MARK and KIND_AT in term for term in common)


def kinds_told(a: Iterable[str], b: Iterable[str]) -> list[tuple[str, str, list[str], list[str]]]:
    """For each head term of a kind of act that the terms ``a`` and ``b`` share, (the
    subject, the kind, the verbs each headline told it with): what ``explain`` shows
    ("lauten", "resign", ["quit"], ["step down"])."""
    a, b = set(a), set(b)
    found = []
    for term in sorted(a & b):
        if term[0] != HEAD_MARK or KIND_AT not in term:
            continue
        name, kind = term[1:].split(KIND_AT)
        found.append((name, kind, *(sorted(
            t[len(name) + 2:] for t in terms
            if t.startswith(f"{HEAD_MARK}{name}>") and KIND_AT not in t
            and verb_class(*t[len(name) + 2:].split(" ")) == kind.removesuffix(PASSIVE_MARK))
            for terms in (a, b))))
    return found
