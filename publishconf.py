"""Settings for publishing (``make publish``): the local ones plus the public URL."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# Where the site is served from; override with `make publish SITEURL=https://...`.
SITEURL = os.environ.get("SITEURL", DIGEST_SITE_URL)  # noqa: F405
RELATIVE_URLS = False

# Pelican's own feeds stay off here too (the plugin writes the feeds).
FEED_ATOM = None
FEED_RSS = None
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

DELETE_OUTPUT_DIRECTORY = True
