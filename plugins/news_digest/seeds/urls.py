"""URL checks and normalisation shared by the parser, attribution, dedupe and import.

Pure module: no Pelican import.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_web_url(url: str) -> bool:
    """True for an absolute http(s) URL with a host: the only kind we ever link to."""
    # Asked again and again of the same addresses (each story's JSON-LD asks it of the
    # site's and of its publisher's home): a text's answer is remembered.
    return _is_web_text(url) if type(url) is str else _is_web_url(url)


@lru_cache(maxsize=4096)
def _is_web_text(url: str) -> bool:
    return _is_web_url(url)


def _is_web_url(url) -> bool:
    try:
        parts = urlsplit(url.strip())
        return parts.scheme.lower() in _DEFAULT_PORTS and bool(parts.hostname)
    except ValueError:
        return False


def normalise_url(url: str) -> str:
    """The form two addresses of one story share.

    Lower-case scheme and host, no default port, no fragment, no ``utm_*``
    parameters, no trailing slash on the path. Query order is kept: sites
    that use it for routing would otherwise merge different stories.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
         if not k.lower().startswith("utm_")]
    )
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, netloc, path, query, ""))


def url_identity(url: str) -> str:
    """A 16-hex-digit identity of a story, stable across renames and site moves."""
    return hashlib.sha256(normalise_url(url).encode("utf-8")).hexdigest()[:16]


def site_home(url: str) -> str:
    """Scheme and host of a URL: the publisher's home page.

    No user name or password, no default port: ``HTTPS://u:p@News.example:443/a``
    gives ``https://news.example/``.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, "/", "", ""))
