"""The one rule for missing tools: skip locally, fail on CI."""

import pytest
from tools import require


def test_present_tool_neither_skips_nor_fails(monkeypatch):
    monkeypatch.setenv("CI", "true")
    assert require(True, "a tool", "install it") is None


def test_missing_tool_skips_locally_with_the_install_command(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install x"):
        require(False, "X", "apt-get install x")


def test_missing_tool_fails_on_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run this check"):
        require(False, "X", "apt-get install x")
