"""Polite, robust fetching of one feed over HTTP(S) (requests).

Curator stage, no Pelican import. Each fetch:

- asks conditionally (``If-None-Match`` / ``If-Modified-Since`` from the last fetch's
  validators): an unchanged feed costs one ``304 Not Modified``; a ``200`` with the
  very bytes of last time counts as unchanged too;
- names itself (``User-Agent: news-digest/<version> (+<the digest's URL>)``), accepts
  gzip, follows up to ``MAX_REDIRECTS`` redirects and says where a permanent one
  (301, 308) leads, so the curator can update the sources file;
- gives up on a connection or an answer slower than the timeout, on an attempt that
  takes more than three times the timeout (checked after each read of the socket, and
  by ``fetch_deadline``, which shuts the socket down: a server trickling its body, its
  headers or empty gzip blocks is cut off), and on a body larger than the size cap
  (checked while streaming, after decompression, which is capped per read);
- retries connection errors, timeouts, 429 and 5xx answers with exponential backoff
  (``backoff``, ``2 * backoff``, ... seconds, ``Retry-After`` honoured up to a minute),
  at most ``retries`` times; other 4xx answers fail at once.

A failure is a ``Fetched`` with ``status == "failed"`` and a one-line ``reason``: it
never raises for anything the network or the server does.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from importlib import metadata

from ..errors import FetchFailure
from .fetch_deadline import Deadline, adapter


class QuietHeaderDefects(logging.Filter):
    """urllib3 logs a server's malformed or cut-off headers as a warning carrying its
    traceback; the import says in one line what became of the feed, so that warning
    is dropped (a curator cannot act on it, and a traceback reads as our crash)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to parse headers")


_URLLIB3_CONNECTION = logging.getLogger("urllib3.connection")
if not any(isinstance(f, QuietHeaderDefects) for f in _URLLIB3_CONNECTION.filters):
    _URLLIB3_CONNECTION.addFilter(QuietHeaderDefects())

PROJECT = "news-digest"
MAX_REDIRECTS = 10
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_PERMANENT = frozenset({301, 308})
_CHUNK = 16_384
_MAX_RETRY_AFTER = 60.0


def user_agent(site_url: str | None = None) -> str:
    try:
        version = metadata.version(PROJECT)
    except metadata.PackageNotFoundError:
        version = "0"
    contact = f" (+{site_url})" if site_url else ""
    return f"{PROJECT}/{version}{contact}"


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 20.0  # seconds to connect, between bytes, and for the whole body
    max_bytes: int = 10_000_000  # of the body after decompression
    retries: int = 3  # further attempts after the first
    backoff: float = 1.0  # seconds before the first retry; doubled for each next one
    agent: str = field(default_factory=user_agent)


@dataclass
class Fetched:
    url: str
    status: str  # "new", "unchanged" or "failed"
    body: bytes = b""
    final_url: str = ""  # where the body came from, after redirects
    moved_to: str = ""  # set when a permanent redirect was followed from ``url``
    http_status: int = 0
    reason: str = ""  # why it failed, one line
    etag: str = ""
    last_modified: str = ""
    sha256: str = ""
    attempts: int = 0
    redirects: list[tuple[int, str]] = field(default_factory=list)  # (status, target)


def new_session(policy: FetchPolicy):
    import requests  # noqa: PLC0415 - only fetching needs it

    session = requests.Session()
    session.max_redirects = MAX_REDIRECTS
    for scheme in ("http://", "https://"):
        session.mount(scheme, adapter())  # a trickling server cut off at the deadline
    session.headers.update({
        "User-Agent": policy.agent,
        "Accept": "application/rss+xml, application/atom+xml, application/rdf+xml, "
                  "application/feed+json, application/json;q=0.9, application/xml;q=0.9, "
                  "text/xml;q=0.9, */*;q=0.5",
        "Accept-Encoding": "gzip, deflate",
    })
    return session


def fetch(url: str, known: dict, policy: FetchPolicy, session=None,
          sleep: Callable[[float], None] = time.sleep,
          clock: Callable[[], float] = time.monotonic) -> Fetched:
    """Fetch ``url``; ``known`` is its entry of the import state (may be empty)."""
    own = session is None
    session = session or new_session(policy)
    headers = {}
    if known.get("etag"):
        headers["If-None-Match"] = known["etag"]
    if known.get("last_modified"):
        headers["If-Modified-Since"] = known["last_modified"]
    try:
        attempt = 0
        while True:
            attempt += 1
            try:
                result = _once(session, url, headers, policy, clock)
                result.attempts = attempt
                break
            except FetchFailure as failure:
                if not failure.retry or attempt > policy.retries:
                    tries = f" (after {attempt} attempts)" if attempt > 1 else ""
                    return Fetched(url, "failed", reason=failure.reason + tries,
                                   http_status=failure.status, attempts=attempt)
                delay = policy.backoff * 2 ** (attempt - 1)
                sleep(min(max(delay, failure.wait), max(_MAX_RETRY_AFTER, delay)))
    finally:
        if own:
            session.close()
    if result.status == "new" and result.sha256 and result.sha256 == known.get("sha256"):
        result.status = "unchanged"
    return result


def _once(session, url: str, headers: dict, policy: FetchPolicy, clock) -> Fetched:
    # The clock checks of ``_read_capped`` see a body trickled a read at a time; the
    # deadline also ends reads that never return to them (headers or empty gzip
    # blocks trickled in), by shutting the socket down.
    with Deadline(policy.timeout * 3) as deadline:
        try:
            return _attempt(session, url, headers, policy, clock, deadline)
        except FetchFailure:
            if deadline.fired:
                raise _too_slow(policy) from None
            raise


def _too_slow(policy: FetchPolicy) -> FetchFailure:
    return FetchFailure(f"took more than {policy.timeout * 3:g} s to download", retry=True,
                        status=200)


def _attempt(session, url: str, headers: dict, policy: FetchPolicy, clock,
             deadline: Deadline) -> Fetched:
    import requests  # noqa: PLC0415

    start = clock()
    try:
        response = session.get(url, headers=headers, stream=True, allow_redirects=True,
                               timeout=(policy.timeout, policy.timeout))
    except requests.exceptions.TooManyRedirects:
        raise FetchFailure(f"more than {MAX_REDIRECTS} redirects", retry=False) from None
    except requests.exceptions.SSLError as err:
        raise FetchFailure(f"TLS error: {_short(err)}", retry=False) from None
    except requests.exceptions.Timeout:
        raise FetchFailure(f"no answer within {policy.timeout:g} s", retry=True) from None
    except requests.exceptions.ConnectionError as err:
        raise FetchFailure(f"cannot connect: {_short(err)}", retry=True) from None
    except requests.exceptions.RequestException as err:
        raise FetchFailure(f"cannot be fetched: {_short(err)}", retry=False) from None
    with response:
        redirects = [(hop.status_code, hop.headers.get("Location", "")) for hop in
                     response.history]
        moved_to = _moved_to(response)
        status = response.status_code
        if status == 304:
            return Fetched(url, "unchanged", final_url=response.url, moved_to=moved_to,
                           http_status=304, redirects=redirects,
                           etag=response.headers.get("ETag", ""),
                           last_modified=response.headers.get("Last-Modified", ""))
        if status != 200:
            raise FetchFailure(_http_reason(response), retry=status in _RETRY_STATUS,
                           status=status, wait=_retry_after(response))
        body = _read_capped(response, policy, start, clock)
    if deadline.fired:  # the socket was shut: the body may look whole, cut short
        raise _too_slow(policy)
    return Fetched(url, "new", body=body, final_url=response.url, moved_to=moved_to,
                   http_status=200, redirects=redirects,
                   etag=response.headers.get("ETag", ""),
                   last_modified=response.headers.get("Last-Modified", ""),
                   sha256=hashlib.sha256(body).hexdigest())


def _read_capped(response, policy: FetchPolicy, start: float, clock) -> bytes:
    import requests  # noqa: PLC0415

    cap = policy.max_bytes
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > cap and "gzip" not in response.headers.get(
            "Content-Encoding", ""):
        raise FetchFailure(f"is {int(declared):,} bytes, more than the {cap:,}-byte cap",
                       retry=False, status=200)
    from urllib3.exceptions import HTTPError  # noqa: PLC0415 - requests' own dependency

    chunks, size = [], 0
    try:
        # One read of the socket at a time (``read1``), not ``iter_content``'s reads of
        # a whole chunk: a server that trickled its answer a byte at a time, each within
        # the timeout, held a read of 16 KB (and the import) for hours; now the
        # download's own time is checked after every piece. Decoding is capped per read
        # too (``max_length``): a gzip bomb is inflated a chunk at a time.
        while chunk := response.raw.read1(_CHUNK, decode_content=True):
            size += len(chunk)
            if size > cap:
                raise FetchFailure(f"is more than the {cap:,}-byte cap", retry=False, status=200)
            if clock() - start > policy.timeout * 3:
                raise _too_slow(policy)
            chunks.append(chunk)
    except (requests.exceptions.RequestException, HTTPError, OSError) as err:
        why = "no data" if "timed out" in str(err).lower() else _short(err)
        raise FetchFailure(f"the download broke off: {why}", retry=True, status=200) from None
    return b"".join(chunks)


def _moved_to(response) -> str:
    """Where the first run of permanent redirects from the asked URL leads, else ""."""
    target = ""
    hops = [*response.history, response]
    for hop, following in zip(hops, hops[1:], strict=False):
        if hop.status_code not in _PERMANENT:
            break
        target = following.url
    return target


def _retry_after(response) -> float:
    value = response.headers.get("Retry-After", "").strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    return max(0.0, moment.timestamp() - time.time())


def _http_reason(response) -> str:
    status = response.status_code
    text = f"HTTP {status} {response.reason or ''}".rstrip()
    if status == 410:
        text += " (the feed is gone: remove it from the sources file)"
    elif status in (401, 403):
        text += " (the server refuses us)"
    return text


def _short(err: Exception) -> str:
    """A requests/urllib3 error as one short line (their messages nest reprs)."""
    text = str(err)
    for marker in ("Failed to establish a new connection: ", "Caused by ", "] "):
        if marker in text:
            text = text.rsplit(marker, 1)[-1]
    text = text.strip("()'\" ")
    return " ".join(text.split())[:160]
