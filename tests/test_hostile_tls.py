"""A TLS server that trickles its handshake a byte at a time, against the fetch's limits
(a real local server on 127.0.0.1 with a throwaway certificate made here by openssl).

The seventeenth session bounded a whole attempt (``curator/fetch_deadline.py``: the
plain socket is watched from before the handshake) but did not try a trickled
handshake. Here the server answers the ClientHello with its real ServerHello and
certificate, one byte every 0.05 s, for good: every read of the client ends within the
0.5 s timeout. Held on main's code, and sooner than the deadline: CPython's ``ssl``
holds the whole handshake to the socket's timeout (``do_handshake`` counts down one
deadline across its reads), so each attempt ends at 0.5 s with "no answer"."""

from __future__ import annotations

import select
import shutil
import socket
import ssl
import subprocess
import threading
import time
from pathlib import Path

import pytest

from news_digest.curator.fetch import FetchPolicy, fetch

from feedserver import without_proxies

FEED = (Path(__file__).parent / "data" / "feeds" / "planet-world.rss.xml").read_bytes()


def _certificate(folder: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed: no certificate to make")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    return cert, key


class TLSServer:
    """One connection at a time: ``trickle`` sends the handshake a byte every ``pause``
    seconds (for good: until the client hangs up), else a whole HTTPS answer at once."""

    def __init__(self, cert: Path, key: Path):
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(cert, key)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.trickle, self.pause = True, 0.05
        self.sent = 0  # handshake bytes trickled, all connections
        self.hung_up = threading.Event()
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop = True
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept (close does not)
        except OSError:
            pass
        self.listener.close()
        self._thread.join(10)

    def _serve(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            try:
                (self._drip if self.trickle else self._answer)(conn)
            except OSError:
                pass

    def _drip(self, conn: socket.socket) -> None:
        incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
        tls = self.context.wrap_bio(incoming, outgoing, server_side=True)
        conn.settimeout(10)
        incoming.write(conn.recv(65536))  # the ClientHello
        try:
            tls.do_handshake()
        except ssl.SSLWantReadError:
            pass  # it waits for the client's next flight, which never comes
        hello = outgoing.read()  # ServerHello, certificate, ... : real bytes
        for byte in hello:
            if self._stop:
                return
            try:
                conn.sendall(bytes([byte]))
            except OSError:  # the client hung up
                self.hung_up.set()
                return
            self.sent += 1
            time.sleep(self.pause)
            if _closed(conn):
                self.hung_up.set()
                return

    def _answer(self, conn: socket.socket) -> None:
        with self.context.wrap_socket(conn, server_side=True) as tls:
            tls.settimeout(10)
            request = b""
            while b"\r\n\r\n" not in request:
                request += tls.recv(65536)
            tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                        b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(FEED) + FEED)


def _closed(conn: socket.socket) -> bool:
    """The peer closed or reset the connection: the client sends nothing while it waits
    for the handshake, so anything readable is its end."""
    if not select.select([conn], [], [], 0)[0]:
        return False
    try:
        return conn.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


@pytest.fixture
def tls_server(tmp_path, monkeypatch):
    without_proxies(monkeypatch)
    cert, key = _certificate(tmp_path)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))  # trust the throwaway certificate
    server = TLSServer(cert, key)
    try:
        yield server
    finally:
        server.close()


def test_a_tls_handshake_trickled_byte_by_byte_is_cut_off(tls_server):
    url = f"https://127.0.0.1:{tls_server.port}/feed.xml"
    policy = FetchPolicy(timeout=0.5, retries=1, backoff=0.0)
    started = time.monotonic()
    result = fetch(url, {}, policy, sleep=lambda s: None)
    took = time.monotonic() - started
    assert result.status == "failed" and result.body == b""
    assert result.reason == "no answer within 0.5 s (after 2 attempts)", result.reason
    assert tls_server.connections == 2 and tls_server.sent >= 2  # each handshake had begun
    assert tls_server.hung_up.wait(30)  # the client hung up: the server did not stop first
    assert took < 20, took  # two attempts of 0.5 s (at most 1.5 s each); waited out: minutes
    # the same server answering at once: the certificate is trusted, the feed read whole
    tls_server.trickle = False
    assert fetch(url, {}, policy, sleep=pytest.fail).body == FEED
