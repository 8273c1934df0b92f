"""Settings for publishing (``make publish``): the local ones plus the public URL."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# Where the site is served from; override with `make publish SITEURL=https://...`
# (an empty SITEURL counts as unset). `make publish` refuses the placeholder address.
SITEURL = os.environ.get("SITEURL") or DIGEST_SITE_URL  # noqa: F405
RELATIVE_URLS = False
