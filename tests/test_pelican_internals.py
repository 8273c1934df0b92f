"""The Pelican internals the plugin replaces are the ones it was checked against."""

from __future__ import annotations

import hashlib
import importlib
import inspect

import pelican
import pytest

from news_digest.speed.pelican_internals import CHECKED_WITH, INTERNALS


def test_pelican_is_the_version_the_overrides_were_checked_against():
    assert pelican.__version__ == CHECKED_WITH, (
        f"Pelican {pelican.__version__} is installed; speed/pelican_internals.py was checked "
        f"against {CHECKED_WITH}: read each internal listed there in the new Pelican, check "
        "the plugin's code still does what it does, then update CHECKED_WITH and the hashes")


@pytest.mark.parametrize("internal", INTERNALS, ids=lambda i: i.target)
def test_each_overridden_internal_is_unchanged(internal):
    module_name, _, qualified = internal.target.partition(":")
    found = importlib.import_module(module_name)
    for name in qualified.split("."):
        found = inspect.getattr_static(found, name)
    if isinstance(found, property):
        found = found.fget
    source = inspect.getsource(found)
    assert hashlib.sha256(source.encode()).hexdigest()[:12] == internal.source_hash, (
        f"{internal.target} changed in this Pelican: {internal.where} replaces or relies on "
        f"it ({internal.why}); check it against the new code, then update its hash")
