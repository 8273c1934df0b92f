"""Addresses as plain-ASCII URIs, for the feeds.

A curator may paste an address as a browser shows it, ``https://bücher.example/straße``
(an IRI). Pages may link it as it is (browsers convert it), but RSS 2.0 and JSON Feed
ask for URIs, and some readers drop or mangle an item whose link is not one. So the
feeds write the same address in URI form (RFC 3987, section 3.1): the host in IDNA
("xn--"), every other non-ASCII character as UTF-8 percent-escapes. An ASCII address is
written exactly as the curator wrote it.

Pure module: no Pelican import.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit, urlunsplit

# What stays as it is in a path, query or fragment: RFC 3986's reserved and unreserved
# characters and '%' (an escape already written). Anything else (a space, '<', '"',
# any non-ASCII character) is percent-escaped.
_KEPT = "!#$%&'()*+,-./:;=?@[]_~"


def as_uri(address: str) -> str:
    """``address`` in URI form; unchanged when it is ASCII already."""
    if address.isascii():
        return address
    parts = urlsplit(address)
    return urlunsplit((parts.scheme, _ascii_netloc(parts.netloc),
                       *(quote(part, safe=_KEPT) for part in
                         (parts.path, parts.query, parts.fragment))))


def _ascii_netloc(netloc: str) -> str:
    """``user@host:port`` with the host in IDNA; a user name percent-escaped."""
    user, at, host_port = netloc.rpartition("@")
    host, colon, port = host_port.rpartition(":")
    if not colon or not port.isdigit():  # no port ('[::1]' splits at its own colons)
        host, colon, port = host_port, "", ""
    return f"{quote(user, safe=_KEPT)}{at}{_ascii_host(host)}{colon}{port}"


def _ascii_host(host: str) -> str:
    if host.isascii():
        return host
    try:  # label by label, so one label IDNA refuses leaves the others readable
        return ".".join(label.encode("idna").decode("ascii") if not label.isascii()
                        else label for label in host.split("."))
    except UnicodeError:  # not a valid IDNA name: RFC 3986 allows a percent-escaped one
        return quote(host, safe=_KEPT)
