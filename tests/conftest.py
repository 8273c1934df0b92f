"""Fixtures tests share: for the browser tests, a module's built ``site`` (each module
builds its own) served on 127.0.0.1 as ``make serve`` serves it, and one Chromium for the
module (it skips, or fails on CI, where Chromium is missing: ``tools.require``); for the
import tests, a feed server (``tests/feedserver.py``)."""

from __future__ import annotations

import pytest
from tools import launched_chromium, serve

from feedserver import FeedServer, without_proxies


@pytest.fixture(scope="module")
def server(site):
    with serve(site.output) as address:
        yield address


@pytest.fixture(scope="module")
def browser():
    with launched_chromium() as launched:
        yield launched


@pytest.fixture
def feed_server(tmp_path, monkeypatch):
    """Feeds served on 127.0.0.1 to an import run in ``tmp_path`` (no pelicanconf.py
    there: the defaults apply)."""
    without_proxies(monkeypatch)
    monkeypatch.chdir(tmp_path)
    with FeedServer() as server:
        yield server
