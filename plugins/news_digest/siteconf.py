"""The site's settings file, read the way a build reads it (for CLI commands).

Imports Pelican only when called, so ``check`` and ``--help`` stay light.
"""

from __future__ import annotations

from pathlib import Path

from .settings import SETTINGS_FILE, DigestConfigError, resolve
from .taxonomy_file import TaxonomyFileError

DEFAULT_SETTINGS_FILE = "pelicanconf.py"


class SettingsFileError(Exception):
    """The settings file is missing or cannot be loaded."""


def digest_settings(path: str) -> dict:
    """The checked ``DIGEST_*`` settings of a Pelican settings file."""
    from pelican.settings import read_settings  # noqa: PLC0415

    if not Path(path).is_file():
        raise SettingsFileError(f"{path}: no such settings file (give one with -s FILE)")
    try:
        return resolve(read_settings(path, override={SETTINGS_FILE: path}))
    except DigestConfigError as err:
        raise SettingsFileError(f"{path}: {err}") from None
    except TaxonomyFileError as err:
        raise SettingsFileError(str(err)) from None
