"""A whole fetch attempt held to a deadline, whatever the server trickles.

Curator stage, no Pelican import. A socket timeout bounds each read, not their sum:
a server that sends its headers a byte at a time (http.client reads up to 100 header
lines of 64 KB), or a gzip answer made of empty deflate blocks (urllib3 reads on until
something inflates), keeps every read within the timeout and the fetch waiting for
hours, before any code of ours runs again. So each attempt starts a timer; the
connections the attempt opens or uses register their socket with it, and when it
fires it shuts those sockets down: the blocked read returns at once, and the fetch
reports the deadline (``Deadline.fired``), not the broken connection it caused.

The sockets are found through the session's adapter (``DeadlineAdapter``, mounted by
``fetch.new_session``): its connection classes register themselves with the deadline
of the attempt running in their thread (a context variable).
"""

from __future__ import annotations

import contextvars
import os
import socket
import threading

_CURRENT: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar(
    "news_digest_fetch_deadline", default=None)


class Deadline:
    """``with Deadline(seconds):`` around one attempt; ``fired`` once it is over."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.fired = False
        self._lock = threading.Lock()
        self._watched: list[socket.socket] = []  # duplicates: the originals may be closed
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._token = None

    def __enter__(self) -> Deadline:
        self._token = _CURRENT.set(self)
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()
        _CURRENT.reset(self._token)
        with self._lock:
            watched, self._watched = self._watched, []
        for dup in watched:
            dup.close()

    def watch(self, sock) -> None:
        """Shut ``sock`` down when the deadline fires (at once if it has)."""
        try:
            # A duplicate of the descriptor: TLS wrapping detaches the plain socket
            # object, and a number alone could be reused by another file once closed.
            dup = socket.socket(fileno=os.dup(sock.fileno()))
        except (OSError, ValueError):
            return  # closed already: nothing to wait on
        with self._lock:
            if not self.fired:
                self._watched.append(dup)
                return
        _shut(dup)
        dup.close()

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for dup in self._watched:
                _shut(dup)


def _shut(dup: socket.socket) -> None:
    try:
        dup.shutdown(socket.SHUT_RDWR)  # wakes a read blocked on the socket, any thread
    except OSError:
        pass  # not connected any more


def _watch_current(sock) -> None:
    deadline = _CURRENT.get()
    if deadline is not None and sock is not None:
        deadline.watch(sock)


def adapter(**kwargs):
    """A requests ``HTTPAdapter`` whose connections obey the running attempt's deadline."""
    from requests.adapters import HTTPAdapter  # noqa: PLC0415 - only fetching needs it
    from urllib3.connection import HTTPConnection, HTTPSConnection  # noqa: PLC0415
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool  # noqa: PLC0415

    class Watched:
        def _new_conn(self):  # the plain socket, before TLS: a trickled handshake too
            sock = super()._new_conn()
            _watch_current(sock)
            return sock

        def getresponse(self, *args, **kwargs):  # a kept-alive connection, used again
            _watch_current(self.sock)
            return super().getresponse(*args, **kwargs)

    class WatchedHTTP(Watched, HTTPConnection):
        pass

    class WatchedHTTPS(Watched, HTTPSConnection):
        pass

    class Pool(HTTPConnectionPool):
        ConnectionCls = WatchedHTTP

    class TLSPool(HTTPSConnectionPool):
        ConnectionCls = WatchedHTTPS

    pools = {"http": Pool, "https": TLSPool}

    class DeadlineAdapter(HTTPAdapter):
        def init_poolmanager(self, *args, **kwargs):
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = dict(pools)

        def proxy_manager_for(self, proxy, **proxy_kwargs):
            manager = super().proxy_manager_for(proxy, **proxy_kwargs)
            if not proxy.lower().startswith("socks"):  # SOCKS has pools of its own
                manager.pool_classes_by_scheme = dict(pools)
            return manager

    return DeadlineAdapter(**kwargs)
