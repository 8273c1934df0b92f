"""Files a curator puts into the output folder by hand for the host, kept by builds.

Used by the build command, no Pelican import. A build replaces its output folder
whole, so a ``CNAME`` (GitHub Pages' custom domain), ``.nojekyll``, Netlify's
``_headers`` and ``_redirects``, an ``.htaccess`` or a ``.well-known/`` folder written
into output/ by hand was deleted by the next build, and the site went off its domain
without a word. ``carry_over`` copies them from the previous output into the new one
(the build's own file of that name wins: one from ``content/extra/`` listed in
``STATIC_PATHS``, Pelican's way, which a fresh clone builds too); ``removed`` names
what else of the previous output's top level the new build does not hold, for the
build to say. A version-control folder is refused by ``output_folder`` instead: a
repository is not copied, and a build must not delete it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

HOST_FILES = ("CNAME", ".nojekyll", "_headers", "_redirects", ".htaccess", ".well-known")
REPOSITORIES = (".git", ".hg", ".svn")


def _there(path: Path) -> bool:
    return path.is_symlink() or path.exists()


def carry_over(previous: Path, built: Path) -> list[str]:
    """Copy the host files of ``previous`` that ``built`` lacks; the names copied."""
    kept = []
    for name in HOST_FILES:
        source, copy = previous / name, built / name
        if not _there(source) or _there(copy):
            continue
        if source.is_dir() and not source.is_symlink():
            shutil.copytree(source, copy, symlinks=True)
        else:
            shutil.copy2(source, copy, follow_symlinks=False)
        kept.append(name)
    return kept


def removed(previous: Path, built: Path) -> list[str]:
    """The names at the top of ``previous`` that ``built`` does not hold."""
    try:
        return sorted(name for name in map(lambda p: p.name, previous.iterdir())
                      if not _there(built / name))
    except OSError:
        return []
