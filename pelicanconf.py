"""Settings for building the digest locally (``make html``).

``publishconf.py`` imports everything here and sets the public URL. Every
``DIGEST_*`` setting and its default is listed in docs/settings.md.
"""

SITENAME = "The News Digest"
SITE_DESCRIPTION = "A curated digest of news stories, each credited to its publisher."
AUTHOR = "The News Digest"
SITEURL = ""  # relative links for browsing output/ locally
# The public address: feeds always carry absolute links to it (publishconf.py uses it
# as SITEURL unless the SITEURL environment variable overrides it).
DIGEST_SITE_URL = "https://news-digest.example.org"
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
# No page per byline: a story's credit names its people and agencies, and its
# publisher's page lists the publisher's stories. Set these to have author pages.
AUTHOR_URL = "authors/{slug}/"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = "archives/index.html"
# A digest has no categories: every story is news.
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
# The home page (the digest, in editions) is written by the plugin, not "index".
DIRECT_TEMPLATES = ["tags", "archives", "search"]
# The search page (Pagefind; the index is written by `make html`, see DIGEST_SEARCH).
SEARCH_SAVE_AS = "search/index.html"
# Lists split into pages of DEFAULT_PAGINATION stories; "source" is a publisher's page.
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None,
                       "source": None}
# Pages counted from the oldest (docs/building.md, "Addresses"): the newest stories at
# the list's own address, older ones at topics/privacy/page/1/ (the oldest), /page/2/...
PAGINATION_PATTERNS = [(1, "{url}", "{save_as}"),
                       (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html")]

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

# Pelican's own feeds are off (every one of its feed settings): the plugin writes
# richer ones with feedgen (DIGEST_FEED_* settings, see docs/settings.md).
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

# The digest's own settings (defaults in plugins/news_digest/settings.py).
DIGEST_STRICT = True
DIGEST_EDITION = "day"  # or "week": one edition per ISO week

# Topics: the curated taxonomy every story is tagged from, in its own file beside
# this one (docs/topics.md, "Editing the taxonomy").
DIGEST_TOPICS_FILE = "topics.toml"
DIGEST_MAX_TOPICS = 5
DIGEST_FALLBACK_TOPIC = "General"
