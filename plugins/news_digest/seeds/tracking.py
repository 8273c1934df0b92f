"""Tracking parameters out of a story's address, before de-duplication and writing.

Pure module (seeds stage: URLs), no Pelican import. The list is conservative: a
parameter is removed only when it is known to carry campaign or click tracking and
never which page is served. ``ref``, ``id``, ``page``, ``src``, ``cid``, ``rss`` and
the like stay, since some sites route on them.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Whole names, compared case-insensitively (WT.mc_id and wt_mc_id alike).
TRACKING_NAMES = frozenset({
    # ad-click identifiers: Meta, Google, Microsoft, Yandex, X, Instagram, TikTok
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
    "igshid", "ttclid",
    # newsletters and marketing suites: Mailchimp, HubSpot, Marketo, Vero, Omeda
    "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "vero_id", "oly_enc_id", "oly_anon_id",
    # publishers' own campaign tags: Webtrends (heise), Microsoft/MSN, CNN, Guardian,
    # NYT, Yahoo, AT Internet (xtor), comScore (ns_*), Google Analytics linker
    "wt_mc", "wt.mc_id", "wt_mc_id", "wt_zmc", "ocid", "cmpid", "cmp", "smid", "ncid",
    "soc_src", "soc_trk", "guccounter", "guce_referrer", "guce_referrer_sig", "xtor",
    "at_medium", "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4",
    "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname", "ns_fee", "_ga", "_gl",
    "ref_src", "ref_url", "icid", "mbid", "sr_share",
})
# Prefixes: every utm_* (Google Analytics) and hsa_* (HubSpot ads) parameter.
TRACKING_PREFIXES = ("utm_", "hsa_")


def is_tracking(name: str) -> bool:
    name = name.strip().lower()
    return name in TRACKING_NAMES or name.startswith(TRACKING_PREFIXES)


def strip_tracking(url: str) -> str:
    """``url`` without tracking parameters; everything else (order, case, encoding
    of the other parameters, the fragment) as given. Unparseable URLs come back whole."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    query = _without_tracking(parts.query)
    fragment = parts.fragment
    if "=" in fragment and _without_tracking(fragment) == "":  # "#xtor=RSS-3"
        fragment = ""
    if (query, fragment) == (parts.query, parts.fragment):
        return url
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, fragment))


def _without_tracking(query: str) -> str:
    if not query:
        return query
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not is_tracking(k)]
    if len(kept) == len(pairs):
        return query  # untouched: keep the publisher's own encoding
    # Re-encode only what is left; keys without "=" come back as "key=".
    return urlencode(kept, safe="/:@,;")
