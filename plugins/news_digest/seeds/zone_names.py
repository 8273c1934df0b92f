"""Zone names as feeds write them after a time (RFC 822's ``10:00:00 CET``), and what
each means. Pure (seeds stage): the importer reads feed dates with them
(``curator/feed_dates.py``), and a seed's date written so is refused with the offset
to write (``headers.py``).
"""

from __future__ import annotations

# Names feedparser does not know, each meaning one offset (hours) wherever feeds use it.
ZONE_HOURS = {
    "UTC": 0, "WET": 0, "WEST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3,
    "HKT": 8, "SGT": 8, "AWST": 8, "JST": 9, "KST": 9, "ACST": 9.5, "ACDT": 10.5,
    "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13, "HST": -10, "AKST": -9, "AKDT": -8,
}

# Names of several zones: each meaning by country (a link's domain, a language's
# region); None is the meaning taken when no country tells (None: feedparser's).
AMBIGUOUS = {
    "IST": {None: ("India", 5.5), "in": ("India", 5.5), "ie": ("Ireland", 1),
            "il": ("Israel", 2)},
    "BST": {None: ("Britain", 1), "uk": ("Britain", 1), "gb": ("Britain", 1),
            "bd": ("Bangladesh", 6)},
    "CST": {"cn": ("China", 8), "tw": ("Taiwan", 8), "hk": ("China", 8),
            "cu": ("Cuba", -5)},
    "AST": {c: ("Arabia", 3) for c in ("sa", "kw", "iq", "qa", "bh", "ye")},
}


def meanings_of(name: str) -> str:
    """The meanings of a name of several zones, in words."""
    meanings = AMBIGUOUS[name]
    seen = dict.fromkeys(f"{where}'s UTC{offset_text(hours)}"
                         for where, hours in meanings.values())
    return ", ".join(seen)


def offset_text(hours: float) -> str:
    """An offset from UTC as ISO 8601 writes it: 5.5 -> '+05:30'."""
    minutes = round(abs(hours) * 60)
    return f"{'-' if hours < 0 else '+'}{minutes // 60:02d}:{minutes % 60:02d}"
