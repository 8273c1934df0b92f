"""Fetching feeds from a real HTTP server on 127.0.0.1 (tests/feedserver.py): validators
and 304, redirects, errors and retries, timeouts, the size cap, gzip, the state file.

The bodies are the repository's own sample feeds, and the real captures in
../shared/realworld-feeds/ where they exist (read from there, never copied)."""

from __future__ import annotations

import json
import resource
import zlib
from pathlib import Path

import pytest

from news_digest.curator.fetch import FetchPolicy, fetch, user_agent
from news_digest.curator.fetch_state import load_state, save_state

from feedserver import FeedServer, without_proxies
from sitebuild import SHARED

FEEDS = Path(__file__).parent / "data" / "feeds"
CAPTURES = SHARED / "realworld-feeds"
FAST = FetchPolicy(timeout=2.0, max_bytes=1_000_000, retries=2, backoff=0.5,
                   agent=user_agent("https://digest.example.org"))


def body(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


def capture(name: str) -> bytes:
    path = CAPTURES / name
    if not path.is_file():
        pytest.skip(f"{path} is absent (the real captures exist only beside the repository)")
    return path.read_bytes()


@pytest.fixture
def server(monkeypatch):
    without_proxies(monkeypatch)
    with FeedServer() as running:
        yield running


def test_200_then_304_with_the_validators(server):
    url = server.add("/planet.xml", body=body("planet-world.rss.xml"))
    first = fetch(url, {}, FAST)
    assert (first.status, first.http_status) == ("new", 200)
    assert first.body == body("planet-world.rss.xml")
    assert first.etag.startswith('"') and first.last_modified.endswith("GMT")
    known = {"etag": first.etag, "last_modified": first.last_modified, "sha256": first.sha256}
    second = fetch(url, known, FAST)
    assert (second.status, second.http_status, second.body) == ("unchanged", 304, b"")
    [one, two] = server.hits("/planet.xml")
    assert "If-None-Match" not in one.headers
    assert two.headers["If-None-Match"] == first.etag
    assert two.headers["If-Modified-Since"] == first.last_modified
    assert one.headers["User-Agent"] == "news-digest/0.1.0 (+https://digest.example.org)"


def test_last_modified_alone_is_used(server):
    url = server.add("/rundschau.xml", body=body("rundschau.rss1.rdf.xml"), etag=False)
    first = fetch(url, {}, FAST)
    assert first.etag == "" and first.last_modified
    second = fetch(url, {"last_modified": first.last_modified}, FAST)
    assert second.http_status == 304


def test_same_bytes_without_validators_count_as_unchanged(server):
    url = server.add("/plain.xml", body=body("heise-like.atom.xml"), etag=False,
                     last_modified=False)
    first = fetch(url, {}, FAST)
    second = fetch(url, {"sha256": first.sha256}, FAST)
    assert (second.status, second.http_status) == ("unchanged", 200)


def test_gzip_is_asked_for_and_decoded(server):
    data = body("planet-world.rss.xml")
    url = server.add("/planet.xml", body=data)
    result = fetch(url, {}, FAST)
    assert result.body == data
    [hit] = server.hits("/planet.xml")
    assert hit.gzipped and "gzip" in hit.headers["Accept-Encoding"]


CAPTURE_NAMES = sorted(p.name for p in CAPTURES.glob("*") if p.suffix in (".xml", ".json")) \
    if CAPTURES.is_dir() else ["(none)"]


@pytest.mark.parametrize("name", CAPTURE_NAMES)
def test_every_real_capture_round_trips_gzipped_then_304(server, name):
    data = capture(name)
    url = server.add(f"/{name}", body=data, content_type="application/xml")
    first = fetch(url, {}, FAST)
    assert (first.status, first.body) == ("new", data)
    assert server.hits(f"/{name}")[0].gzipped
    second = fetch(url, {"etag": first.etag, "last_modified": first.last_modified}, FAST)
    assert second.http_status == 304


@pytest.mark.parametrize("status, permanent", [(301, True), (308, True), (302, False),
                                               (307, False)])
def test_redirects_are_followed_and_permanent_ones_reported(server, status, permanent):
    target = server.add("/new/bbc.xml", body=body("planet-world.rss.xml"))
    url = server.add("/old/bbc.xml", redirect=(status, "/new/bbc.xml"))
    result = fetch(url, {}, FAST)
    assert result.status == "new" and result.final_url == target
    assert result.moved_to == (target if permanent else "")
    assert result.redirects == [(status, "/new/bbc.xml")]


def test_404_fails_at_once(server):
    result = fetch(server.url("/nowhere.xml"), {}, FAST, sleep=pytest.fail)
    assert (result.status, result.http_status, result.attempts) == ("failed", 404, 1)
    assert result.reason == "HTTP 404 Not Found"


def test_500_then_200_is_retried_with_backoff(server):
    url = server.add("/flaky.xml", body=body("heise-like.atom.xml"), statuses=[500, 503])
    waits = []
    result = fetch(url, {}, FAST, sleep=waits.append)
    assert (result.status, result.attempts) == ("new", 3)
    assert waits == [0.5, 1.0]  # backoff, doubled
    assert [hit.status for hit in server.hits("/flaky.xml")] == [500, 503, 200]


def test_500_forever_gives_up_after_the_retries(server):
    url = server.add("/broken.xml", body=b"", statuses=[500] * 10)
    waits = []
    result = fetch(url, {}, FAST, sleep=waits.append)
    assert result.status == "failed"
    assert result.reason == "HTTP 500 Internal Server Error (after 3 attempts)"
    assert len(waits) == 2 and len(server.hits("/broken.xml")) == 3


def test_a_slow_answer_times_out(server):
    url = server.add("/slow.xml", body=body("planet-world.rss.xml"), delay=30)
    policy = FetchPolicy(timeout=0.3, retries=1, backoff=0.0)
    result = fetch(url, {}, policy, sleep=lambda s: None)
    assert result.status == "failed"
    assert result.reason == "no answer within 0.3 s (after 2 attempts)"


@pytest.mark.parametrize("length, gzip", [(True, False), (True, True), (False, True)],
                         ids=["declared", "gzipped", "streamed"])
def test_an_oversized_answer_is_refused(server, length, gzip):
    data = body("planet-world.rss.xml")  # 3.7 KB (gzipped: 1.5 KB on the wire, capped decoded)
    url = server.add("/big.xml", body=data, length=length, gzip=gzip)
    policy = FetchPolicy(timeout=2.0, max_bytes=2_000, retries=2)
    result = fetch(url, {}, policy, sleep=pytest.fail)
    assert result.status == "failed" and result.body == b""
    assert "2,000-byte cap" in result.reason
    assert fetch(url, {}, FetchPolicy(max_bytes=len(data))).body == data  # at the cap: fine


def test_a_server_trickling_its_answer_is_cut_off(server):
    """A byte every 0.1 s, each within the timeout: the fetch read 16 KB at a time
    (or the whole declared length), so it waited for the whole body (the 600 bytes
    here: a minute; a 10 MB feed a byte every 19 s under the default 20 s timeout:
    years) before it looked at the time. It now looks after every read of the socket,
    and hangs up: the server never sends the whole body."""
    body = b"<rss>" + b" " * 600 + b"</rss>"
    url = server.add("/drip.xml", body=body, drip=(1, 0.1), gzip=False)
    policy = FetchPolicy(timeout=0.5, retries=0)
    result = fetch(url, {}, policy, sleep=pytest.fail)
    assert result.status == "failed" and result.body == b""
    assert result.reason == "took more than 1.5 s to download"
    route = server.routes["/drip.xml"]
    assert route.drip_ended.wait(60)  # the server found the connection closed
    assert route.dripped < len(body)


@pytest.mark.parametrize("stall", ["headers", "gzip"])
def test_a_server_trickling_what_never_reaches_the_body_is_cut_off(server, stall):
    """Headers a byte every 0.1 s (http.client reads up to 100 lines of 64 KB), or a
    gzip answer of empty deflate blocks, one every 0.1 s (urllib3's read goes on until
    something inflates): every read of the socket ends within the timeout, and none
    returned to the fetch's clock. Here 300 pieces, then a whole feed: the fetch took
    it after half a minute, and a server trickling for good held the import for good. The
    attempt's deadline now shuts the socket down at three times the timeout."""
    feed = body("planet-world.rss.xml")
    url = server.add("/stall.xml", body=feed, stall=stall, drip=(300, 0.1))
    policy = FetchPolicy(timeout=0.5, retries=1, backoff=0.0)
    result = fetch(url, {}, policy, sleep=lambda s: None)
    assert result.status == "failed" and result.body == b""
    assert result.reason == "took more than 1.5 s to download (after 2 attempts)"
    route = server.routes["/stall.xml"]
    assert route.drip_ended.wait(60)  # the server found the connection closed
    assert route.dripped < 2 * 300  # neither attempt was waited out
    assert len(server.hits("/stall.xml")) == 2
    route.stall = ""  # the same server answering at once: read whole, as before
    assert fetch(url, {}, policy, sleep=pytest.fail).body == feed


def test_a_redirect_loop_is_a_reason(server):
    url = server.add("/loop.xml", redirect=(302, "/loop.xml"))
    result = fetch(url, {}, FAST, sleep=pytest.fail)
    assert result.status == "failed" and result.reason == "more than 10 redirects"
    assert len(server.hits("/loop.xml")) == 11


def test_a_gzip_bomb_is_refused_at_the_cap_without_inflating_it(server):
    """200 MB of zeros in 200 KB of gzip: refused once 1 MB of it is inflated (the
    decoder is capped per read), not after inflating the whole."""
    bomb = _gzip_of_zeros(200)  # 200 MB in 200 KB, never held inflated here
    url = server.add("/bomb.xml", gzipped=bomb)
    policy = FetchPolicy(timeout=5.0, max_bytes=1_000_000, retries=0)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = fetch(url, {}, policy, sleep=pytest.fail)
    assert result.status == "failed" and "1,000,000-byte cap" in result.reason
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before  # KB on Linux
    assert grown < 50_000  # not the 200 MB inflated (a bound, not a timing)


def _gzip_of_zeros(megabytes: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: the gzip format
    zeros = bytes(1_000_000)
    return b"".join([packer.compress(b"<rss>"), *(packer.compress(zeros)
                                                  for _ in range(megabytes)), packer.flush()])


def test_connection_refused_is_a_reason_not_a_traceback(server):
    server.httpd.server_close()  # nobody listens on the port any more
    result = fetch(server.url("/x.xml"), {}, FetchPolicy(retries=1, backoff=0),
                   sleep=lambda s: None)
    assert result.status == "failed" and result.reason.startswith("cannot connect")


def test_state_file_round_trip_is_atomic_and_tolerant(tmp_path):
    path = tmp_path / "cache" / "state.json"
    state = load_state(path)
    assert state.feeds == {} and state.problem == ""
    state.update("https://a.example/feed", etag='"x"', status=200, fetched_at="2026-01-01")
    save_state(state)
    assert json.loads(path.read_text())["feeds"]["https://a.example/feed"]["etag"] == '"x"'
    assert [p.name for p in path.parent.iterdir()] == ["state.json"]  # no temporary left
    assert load_state(path).feeds == state.feeds
    path.write_text("{not json")
    damaged = load_state(path)
    assert damaged.feeds == {} and "downloaded in full" in damaged.problem


def test_the_state_keeps_what_each_answer_says(tmp_path):
    from news_digest.curator.fetch import Fetched
    from news_digest.curator.import_feeds import FeedJob, FeedResult, record

    url = "https://a.example/feed"
    state = load_state(tmp_path / "state.json")
    job = FeedJob(url)
    record(state, FeedResult(job, "new", fetched=Fetched(
        url, "new", http_status=200, etag='"1"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT",
        sha256="ab")))
    record(state, FeedResult(job, "unchanged", fetched=Fetched(
        url, "unchanged", http_status=304, etag='"1"')))  # a 304 without Last-Modified
    entry = state.entry(url)
    assert (entry["etag"], entry["last_modified"], entry["status"]) == (
        '"1"', "Mon, 01 Jan 2024 00:00:00 GMT", 304)
    record(state, FeedResult(job, "failed", reason="HTTP 500 Internal Server Error",
                             fetched=Fetched(url, "failed", http_status=500)))
    entry = state.entry(url)
    assert entry["status"] == "error: HTTP 500 Internal Server Error"
    assert entry["etag"] == '"1"'  # the validators survive a failure
    record(state, FeedResult(job, "new", fetched=Fetched(url, "new", http_status=200,
                                                          sha256="cd")))
    assert "etag" not in state.entry(url) and "last_modified" not in state.entry(url)


def test_urllib3s_warning_of_cut_off_headers_is_not_printed(caplog):
    """A server whose headers are cut off (the deadline shuts the socket mid-header, or
    they are malformed) made urllib3 log a warning with its traceback, printed among
    the import's lines; the fetch's own one-line failure says what happened. Other
    warnings of urllib3 still pass."""
    import logging

    from news_digest.curator import fetch  # noqa: F401  (installs the filter)

    log = logging.getLogger("urllib3.connection")
    with caplog.at_level(logging.WARNING, logger="urllib3.connection"):
        try:
            raise ValueError("unparsed data: 'XXXX'")
        except ValueError:
            log.warning("Failed to parse headers (url=%s): %s", "http://x/f.xml", "defect",
                        exc_info=True)
        log.warning("Connection pool is full, discarding connection: %s", "x")
    assert [r.getMessage() for r in caplog.records] == [
        "Connection pool is full, discarding connection: x"]
