"""Fixtures the browser tests share: a module's built ``site`` (each module builds its
own) served on 127.0.0.1 as ``make serve`` serves it, and one Chromium for the module
(it skips, or fails on CI, where Chromium is missing: ``tools.require``)."""

from __future__ import annotations

import pytest
from tools import launched_chromium, serve


@pytest.fixture(scope="module")
def server(site):
    with serve(site.output) as address:
        yield address


@pytest.fixture(scope="module")
def browser():
    with launched_chromium() as launched:
        yield launched
