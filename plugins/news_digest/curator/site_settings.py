"""The site's settings file, read the way a build reads it (for CLI commands).

Imports Pelican only when called, so ``check`` and ``--help`` stay light.
"""

from __future__ import annotations

import errno
import os

from ..errors import DigestConfigError, SettingsFileError, TaxonomyFileError
from ..seeds.safe_read import kind_of
from ..settings import SETTINGS_FILE, resolve

DEFAULT_SETTINGS_FILE = "pelicanconf.py"


def settings_file_problem(path: str) -> str:
    """Why ``path`` cannot be read as a settings file, with the fix; "" when it can.
    A named pipe was read by Pelican as an empty module and failed with "build failed:
    AttributeError: 'NoneType' object has no attribute 'loader'"."""
    try:
        mode = os.stat(path).st_mode
    except OSError as err:
        if err.errno == errno.ELOOP:
            return (f"{path}: is a symbolic link that leads back to itself (a loop), not a "
                    "settings file: give the settings file with -s FILE")
        return f"{path}: no such settings file (give one with -s FILE)"
    kind = kind_of(mode)
    if kind is not None:
        return f"{path}: is {kind}, not a settings file: give the settings file with -s FILE"
    try:  # a regular file: it opens at once (check, import, explain ended in a traceback)
        os.close(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)))
    except OSError as err:
        return (f"{path}: the settings file cannot be read ({err.strerror}): make it readable "
                f"(chmod a+r {path}) or give another with -s FILE")
    return ""


def site_settings(path: str) -> dict:
    """Every setting of a Pelican settings file (Pelican's defaults filled in), once
    its ``DIGEST_*`` settings are checked."""
    from pelican.settings import read_settings  # noqa: PLC0415

    if problem := settings_file_problem(path):
        raise SettingsFileError(problem)
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
