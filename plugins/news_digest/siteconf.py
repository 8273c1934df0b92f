"""The site's settings file, read the way a build reads it (for CLI commands).

Imports Pelican only when called, so ``check`` and ``--help`` stay light.
"""

from __future__ import annotations

from pathlib import Path

from .settings import DigestConfigError, resolve

DEFAULT_SETTINGS_FILE = "pelicanconf.py"


class SettingsFileError(Exception):
    """The settings file is missing or cannot be loaded."""


def site_settings(path: str) -> dict:
    """Every setting of a Pelican settings file (Pelican's defaults filled in), once
    its ``DIGEST_*`` settings are checked."""
    from pelican.settings import read_settings  # noqa: PLC0415

    if not Path(path).is_file():
        raise SettingsFileError(f"{path}: no such settings file (give one with -s FILE)")
    settings = read_settings(path)
    try:
        resolve(settings)
    except DigestConfigError as err:
        raise SettingsFileError(f"{path}: {err}") from None
    return settings


def digest_settings(path: str) -> dict:
    """The checked ``DIGEST_*`` settings of a Pelican settings file."""
    return resolve(site_settings(path))
