"""`make serve` (`python -m news_digest serve`) serves a built site as a static host
does: pages, feeds and folders with their index, and the site's 404 page with status
404 for anything missing (`pelican -l` closed the connection without a reply)."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request

import pytest

from news_digest.curator import serve

from sitebuild import SAMPLE_SEED, build


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    site = build(tmp_path_factory.mktemp("serve"), {"000_6658c6a34da15a44.txt":
                                                    SAMPLE_SEED.read_bytes()})
    assert site.code == 0, site.stderr
    server = serve.make_server(site.output, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def fetch(url: str, method: str = "GET") -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.headers["Content-Type"], answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def test_pages_feeds_and_folders_are_served(served):
    assert fetch(served)[:2] == (200, "text/html")
    status, _, body = fetch(served + "editions")  # redirected to the folder
    assert status == 200 and b"<h1>Editions</h1>" in body
    assert fetch(served + "feeds/all.atom.xml")[:2] == (200, "application/xml")
    assert fetch(served + "stories.json")[:2] == (200, "application/json")


@pytest.mark.parametrize("path", ["no-such-page", "stories/gone.html", "feeds/topics/"])
def test_a_missing_page_is_the_sites_404_page_with_status_404(served, path):
    status, kind, body = fetch(served + path)
    assert (status, kind) == (404, "text/html; charset=utf-8")
    assert b"<title>Page not found" in body
    assert fetch(served + path, "HEAD")[:2] == (404, "text/html; charset=utf-8")


def test_serve_refuses_a_folder_that_holds_no_site(tmp_path, capsys):
    class Args:
        output, bind, port = str(tmp_path), "127.0.0.1", 0
    assert serve.run(Args) == 2
    assert "run `make html` first" in capsys.readouterr().err
