"""A real HTTP server on 127.0.0.1 (stdlib ``http.server`` in a thread) that serves
feeds the way publishers' servers do: validators and 304s, redirects, errors, slow,
trickled and oversized answers, gzip (and a gzip bomb), headers or empty gzip blocks
trickled in. Every request is logged for the tests to read back."""

from __future__ import annotations

import gzip
import hashlib
import threading
import zlib
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: bool = True
    last_modified: bool = True
    statuses: list[int] = field(default_factory=list)  # answered first, one per request
    redirect: tuple[int, str] | None = None  # (status, target path or URL)
    delay: float = 0.0  # seconds before answering
    length: bool = True  # send Content-Length
    gzip: bool = True  # compress when the client accepts it
    drip: tuple[int, float] | None = None  # (bytes, seconds): the body sent so, piece by piece
    gzipped: bytes | None = None  # sent as the body, as is, with Content-Encoding: gzip
    # "headers": the headers sent a byte every ``drip[1]`` s; "gzip": the body, gzipped,
    # after that many empty deflate blocks, one every ``drip[1]`` s (``drip[0]`` pieces)
    stall: str = ""
    dripped: int = 0  # bytes of the body sent so far by ``drip``
    drip_ended: threading.Event = field(default_factory=threading.Event)  # sent or cut off


@dataclass
class Hit:
    path: str
    headers: dict
    status: int
    gzipped: bool = False


def without_proxies(monkeypatch) -> None:
    """Requests to this server go to it, not to a proxy the environment names (pytest's
    ``monkeypatch`` puts the variables back after the test)."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


class FeedServer:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.log: list[Hit] = []
        self.release = threading.Event()  # ends every pending delay at shutdown
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                server._answer(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                       daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, **kwargs) -> str:
        self.routes[path] = Route(**kwargs)
        return self.url(path)

    def hits(self, path: str) -> list[Hit]:
        with self.lock:
            return [hit for hit in self.log if hit.path == path]

    def _record(self, handler, status: int, gzipped: bool = False) -> None:
        with self.lock:
            self.log.append(Hit(handler.path, dict(handler.headers), status, gzipped))

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        route = self.routes.get(handler.path)
        if route is None:
            self._record(handler, 404)
            handler.send_error(404, "Not Found")
            return
        if route.delay and self.release.wait(route.delay):
            return  # shutting down
        if route.redirect:
            status, target = route.redirect
            self._record(handler, status)
            handler.send_response(status)
            handler.send_header("Location", target)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        if route.stall:
            self._record(handler, 200, route.stall == "gzip")
            self._stall(handler, route)
            return
        with self.lock:
            status = route.statuses.pop(0) if route.statuses else 200
        if status != 200:
            self._record(handler, status)
            handler.send_error(status)
            return
        etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
        modified = formatdate(1_700_000_000, usegmt=True)
        if (route.etag and handler.headers.get("If-None-Match") == etag) or (
                route.last_modified and not route.etag
                and handler.headers.get("If-Modified-Since") == modified):
            self._record(handler, 304)
            handler.send_response(304)
            if route.etag:
                handler.send_header("ETag", etag)
            handler.end_headers()
            return
        body = route.body
        gzipped = route.gzip and "gzip" in handler.headers.get("Accept-Encoding", "")
        if route.gzipped is not None:
            body, gzipped = route.gzipped, True
        elif gzipped:
            body = gzip.compress(body)
        self._record(handler, 200, gzipped)
        handler.send_response(200)
        handler.send_header("Content-Type", route.content_type)
        if gzipped:
            handler.send_header("Content-Encoding", "gzip")
        if route.etag:
            handler.send_header("ETag", etag)
        if route.last_modified:
            handler.send_header("Last-Modified", modified)
        if route.length:
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        try:
            if route.drip:  # a server that trickles its answer, each piece in time
                self._drip(handler, route, body)
            else:
                handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (size cap): that is what is tested

    def _drip(self, handler, route: Route, body: bytes) -> None:
        size, pause = route.drip
        try:
            for start in range(0, len(body), size):
                handler.wfile.write(body[start:start + size])
                handler.wfile.flush()
                route.dripped = start + size
                if self.release.wait(pause):
                    return  # shutting down
        finally:
            route.drip_ended.set()

    def _stall(self, handler, route: Route) -> None:
        """Answer the way no read of the client ever times out: each piece in time,
        none of them ending the headers (a byte of a header line) or inflating to
        anything (an empty deflate block). After ``drip[0]`` pieces, a whole answer."""
        pieces, pause = route.drip
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nConnection: close\r\n"
        if route.stall == "headers":
            first, piece, last = head, b"X", b": y\r\n\r\n" + route.body
        else:  # a gzip member's header, empty stored blocks, then the body in one block
            packer = zlib.compressobj(9, zlib.DEFLATED, 31)
            whole = packer.compress(route.body) + packer.flush()
            first = head + b"Content-Encoding: gzip\r\n\r\n" + whole[:10]
            piece, last = b"\x00\x00\x00\xff\xff", whole[10:]
        try:
            handler.wfile.write(first)
            for _ in range(pieces):
                handler.wfile.write(piece)
                handler.wfile.flush()
                route.dripped += 1
                if self.release.wait(pause):
                    return  # shutting down
            handler.wfile.write(last)
            handler.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up: that is what is tested
        finally:
            route.drip_ended.set()
            handler.close_connection = True
