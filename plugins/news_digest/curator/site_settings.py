"""The site's settings file, read the way a build reads it (for CLI commands).

Imports Pelican only when called, so ``check`` and ``--help`` stay light.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DigestConfigError, SettingsFileError, TaxonomyFileError
from ..settings import SETTINGS_FILE, resolve

DEFAULT_SETTINGS_FILE = "pelicanconf.py"


def site_settings(path: str) -> dict:
    """Every setting of a Pelican settings file (Pelican's defaults filled in), once
    its ``DIGEST_*`` settings are checked."""
    from pelican.settings import read_settings  # noqa: PLC0415

    if not Path(path).is_file():
        raise SettingsFileError(f"{path}: no such settings file (give one with -s FILE)")
    try:
        settings = read_settings(path, override={SETTINGS_FILE: path})
    except ValueError as err:  # Pelican's own checks, e.g. a content folder that is missing
        raise SettingsFileError(f"{path}: {err}") from None
    try:
        resolve(settings)
    except DigestConfigError as err:
        raise SettingsFileError(f"{path}: {err}") from None
    except TaxonomyFileError as err:
        raise SettingsFileError(str(err)) from None
    return settings


def digest_settings(path: str):
    """The checked ``DIGEST_*`` settings of a Pelican settings file."""
    return resolve(site_settings(path))
