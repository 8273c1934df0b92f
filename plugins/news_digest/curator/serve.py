"""``serve``: the built site on this machine, as a static host serves it (``make serve``).

CLI (curator stage). Python's http.server over ``output/``, looked up afresh for every
request, so a build that swaps a new ``output/`` in is seen at the next request. A
missing page answers 404 with the site's own ``404.html``, as a host set up as
docs/publishing.md says does: ``pelican -l`` closed the connection without a reply
instead, which a browser shows as a broken site. Loopback only unless ``-b`` says.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
from pathlib import Path

NOT_FOUND_PAGE = "404.html"


class DigestHandler(http.server.SimpleHTTPRequestHandler):
    """Static files of ``directory``; the site's 404 page for what is not there."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".json": "application/json", ".xml": "application/xml",
                      ".opml": "text/x-opml", ".wasm": "application/wasm"}

    def list_directory(self, path):
        # A folder without index.html is not a page: hosts answer 404, not a listing.
        self.send_error(404)

    def not_found_page(self) -> Path | None:
        """The page a missing address answers with; None: the plain error. (A host of a
        site in a folder of its own answers with that folder's: tests/test_subpath_host.py.)"""
        return Path(self.directory) / NOT_FOUND_PAGE

    def send_error(self, code, message=None, explain=None):
        page = self.not_found_page() if code == 404 else None
        if page is None or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def make_server(output: Path, host: str = "127.0.0.1", port: int = 8000):
    """A threading HTTP server for ``output`` (port 0: any free port)."""
    handler = functools.partial(DigestHandler, directory=str(output))
    return http.server.ThreadingHTTPServer((host, port), handler)


def run(args) -> int:
    output = Path(args.output)
    if not (output / "index.html").is_file():
        print(f"error: {output}/ holds no built site: run `make html` first",
              file=sys.stderr)
        return 2
    try:
        server = make_server(output, args.bind, args.port)
    except OSError as error:
        print(f"error: cannot listen on {args.bind}:{args.port}: {error.strerror}"
              " (another server there? choose another port, e.g. PORT=8080)",
              file=sys.stderr)
        return 2
    host, port = server.server_address[:2]
    print(f"Serving {output}/ at http://{host}:{port}/ (Ctrl-C to stop)", flush=True)
    with server:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


def _port(text: str) -> int:
    """A TCP port: 99999 ended in Python's OverflowError with its traceback."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: give 0 to 65535 "
                                         "(0 picks a free one), e.g. PORT=8080")
    return port


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "serve", help="serve the built site on this machine (missing pages get 404.html)",
        description="Serve the built output/ over HTTP on this machine.")
    parser.add_argument("-o", "--output", default="output", metavar="DIR",
                        help="the built site (default: output)")
    parser.add_argument("-b", "--bind", default="127.0.0.1", metavar="ADDRESS",
                        help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("-p", "--port", type=_port, default=8000,
                        help="port (default: 8000; 0 picks a free one)")
    parser.set_defaults(run=run)
