"""Split a byline into the names it credits.

Pure module: no Pelican import. Whether a name is a person or a news agency
is attribution's job; this only finds the names, and leaves out what a byline's
commas set beside them but is no name: a job title ("Peter Weber, Senior editor"),
the publisher itself ("Rob Picheta, CNN"), a web address (news-API exports give an
author's page for a name), or a dateline's region ("Associated Press in Palm Beach,
Florida" is one credit, not two). Wire roles are read ("Reporting by A; Editing by B"
credits A: editors are not bylined), and a journal's citation order ("Hines, P. J.")
is one person.
"""

from __future__ import annotations

import re

# No '\s*' around: each part's spaces are normalised anyway, and '\s*' before an
# alternation made a run of spaces in a byline cubic to split (0.15 s for 2,000).
_SEPARATORS = re.compile(r",|;|\band\b|&|\|", re.IGNORECASE)
_BY_PREFIX = re.compile(r"^by\s+", re.IGNORECASE)
# A title after a name: a few words ending in what the person does.
_JOB_TITLE = re.compile(
    r"(?:[\w.-]+\s+){0,3}(?:editor|correspondent|reporter|writer|columnist|contributor"
    r"|producer|analyst|critic|commentator)s?", re.IGNORECASE)
# "Name in City": a one-word part after it ("Florida", "Quebec") is the city's region.
_DATELINE = re.compile(r"\sin\s+[A-Z]")
_REGION = re.compile(r"[A-Z][a-z][\w.-]*")
# "Damian Carrington Environment editor": a title glued to the name, lowercase but for
# its first word (The Guardian's feeds).
_GLUED_TITLE = re.compile(
    r"(?P<name>\S+(?:\s+\S+)+?)\s+[A-Z]\w*(?:\s+[a-z]\w*)*\s+(?:editor|correspondent"
    r"|reporter|writer|columnist|producer|analyst|critic|commentator)")
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# Wire credits name each person's part: "Reporting by A; Additional reporting by B;
# Editing by C". Reporters and writers are credited by name; editors are not bylined.
_ROLE = re.compile(r"^(?:(?:additional\s+)?reporting|writing|written|compiled)\s+by\s+",
                   re.IGNORECASE)
_EDITORS = re.compile(r"^(?:editing|edited)\s+by\b", re.IGNORECASE)
# A journal's byline in citation order, "Hines, P. J.": the part after the surname is
# its initials, one person ("P. J. Hines"), not two.
_INITIALS = re.compile(r"(?:[A-Z]\.\s?){1,3}")


def split_byline(byline: str, publisher: str = "") -> list[str]:
    """``"By Jane Doe and John Roe"`` -> ``["Jane Doe", "John Roe"]``, in order, no repeats.

    A part after the first that is a job title is left out, and so is ``publisher``
    (or a desk of it, "CNN Business") when the byline names someone else; a byline
    that is only ``publisher`` names nobody."""
    names: list[str] = []
    editors = False  # the parts after "Editing by" name editors
    for part in _SEPARATORS.split(_BY_PREFIX.sub("", byline.strip())):
        name = " ".join(part.split())
        if _EDITORS.match(name):
            editors = True
            continue
        if _ROLE.match(name):
            editors = False
            name = _ROLE.sub("", name)
        elif editors:
            continue
        glued = _GLUED_TITLE.fullmatch(name)
        name = glued["name"] if glued else name
        if (not name or _WEB_ADDRESS.fullmatch(name)
                or name.casefold() in (n.casefold() for n in names)):
            continue
        if names and _DATELINE.search(names[-1]) and _REGION.fullmatch(name):
            names[-1] = f"{names[-1]}, {name}"
        elif names and " " not in names[-1] and _INITIALS.fullmatch(name):
            names[-1] = f"{name.strip()} {names[-1]}"
        elif not (names and _JOB_TITLE.fullmatch(name)):
            names.append(name)
    own = " ".join(publisher.split()).casefold()
    others = [n for n in names
              if not own or not (n.casefold() == own or n.casefold().startswith(own + " "))]
    # A byline that is only the publisher credits nobody the credit line does not name
    # already ("FOX 9 · ... · By FOX 9"); one of its desks alone ("CNN Business") stays.
    return others or [n for n in names if n.casefold() != own]
