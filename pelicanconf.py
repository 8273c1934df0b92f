"""Settings for building the digest locally (``make html``).

``publishconf.py`` imports everything here and sets the public URL. Every
``DIGEST_*`` setting and its default is listed in README.md.
"""

SITENAME = "The News Digest"
SITE_DESCRIPTION = "A curated digest of news stories, each credited to its publisher."
AUTHOR = "The News Digest"
SITEURL = ""  # relative links for browsing output/ locally
RELATIVE_URLS = True

PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = []
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_CATEGORY = "News"
DEFAULT_PAGINATION = 20

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["news_digest"]
# Seed text is literal: escape everything a template prints unless marked safe.
# Templates do not change during a build: no stat() per template use.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True,
                     "auto_reload": False}

# Stories live under stories/, listings in folders of their own.
ARTICLE_URL = "stories/{slug}.html"
ARTICLE_SAVE_AS = "stories/{slug}.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
TAG_URL = "topics/{slug}/"
TAG_SAVE_AS = "topics/{slug}/index.html"
TAGS_SAVE_AS = "topics/index.html"
AUTHOR_URL = "authors/{slug}/"
AUTHOR_SAVE_AS = "authors/{slug}/index.html"
AUTHORS_SAVE_AS = "authors/index.html"
ARCHIVES_SAVE_AS = "archives/index.html"
# A digest has no categories: every story is news.
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "tags", "authors", "archives"]

# Stories are never translations of each other: two with the same headline are
# two stories (the plugin makes their slugs unique), and grouping costs time.
ARTICLE_TRANSLATION_ID = None

# Pelican's content cache, in .cache/ (`make clean` removes it). `make html`
# keys a subfolder by the plugin's code and settings (news_digest/cachekey.py),
# so a changed plugin or setting never reuses a stale cache. Not gzipped:
# re-compressing the whole cache on every build costs more than it saves.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
GZIP_CACHE = False
CACHE_PATH = ".cache"

# Pelican's own feeds are off: the plugin writes richer ones with feedgen.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# The digest's own settings (defaults in plugins/news_digest/settings.py).
DIGEST_STRICT = True
