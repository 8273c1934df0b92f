"""How a page's values are described for its key: Pelican's page, paginator and
wrapper types their own way, and what each description covers (``DESCRIBED``, for
``reach``). The writer that keys pages with them is ``reuse_writer.py``.
"""

from __future__ import annotations

from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper

from .fingerprint import Fingerprints
from .paging import PageLink, StablePage, StablePaginator
from .reach import Described, Reach
from .story_key import describe_content

# Objects entered from each name a template reads: article.related_stories[0].title
# enters two (the stock theme reaches no deeper). Each name is fingerprinted as deep as
# its template's paths reach on the page (``reach``), at least MIN_BUDGET: a list page
# reaching its stories only (one object deep) is not keyed by the stories they link
# (a neighbour whose "Also covered by" changed), which it does not show. Up to
# MAX_BUDGET (each object and budget is hashed once per build: a deeper budget costs
# another pass over what it reaches); deeper still, its pages are rendered. Files
# written outside the writer (feeds) are keyed BUDGET deep.
MIN_BUDGET = 1
BUDGET = 2
MAX_BUDGET = 4


def _extras(value, kind: type) -> str:
    """The attributes ``value`` carries beyond those its description (``DESCRIBED``)
    admits: none, normally. A walk (``reach``) refuses a page reading such a value, so
    its key names them: a key equal to the previous build's then means the walk would
    find what it found then (``ReusingWriter._key``, a page kept without its walk)."""
    described = DESCRIBED[kind]
    extra = set(vars(value)) - described.fields - described.hidden
    return f"+{sorted(extra)!r}" if extra else ""


def _describe_wrapper(wrapper, budget, fingerprints):
    # url/save_as follow from slug and settings
    return f"{wrapper.name!r}{wrapper.slug!r}{_extras(wrapper, URLWrapper)}"


def _describe_paginator(paginator, budget, fingerprints):
    return (f"{paginator.name!r}{paginator.url!r}{paginator.count}"
            f"{paginator.num_pages}{paginator.per_page}{_extras(paginator, Paginator)}")


def _describe_page(page, budget, fingerprints):
    # One page of a listing: a list of stories with its numbers (entering it is free).
    return (f"{page.number}{page.full_name!r}{page.base_url!r}"
            f"{_describe_paginator(page.paginator, budget, fingerprints)}"
            f"{fingerprints.of(page.object_list, budget)}")


def _describe_stable_paginator(paginator, budget, fingerprints):
    # Not its count nor its number of pages: they change with every story (reading
    # them is refused, see DESCRIBED), and the old pages must not.
    return (f"{paginator.name!r}{paginator.url!r}{paginator.per_page}"
            f"{_extras(paginator, StablePaginator)}")


def _describe_page_link(page, budget, fingerprints):
    # A page as another links it: its number and address (its stories are refused).
    return (f"{page.number}{page.newest}{page.full_name!r}{page.base_url!r}"
            f"{_extras(page, PageLink if isinstance(page, PageLink) else StablePage)}"
            f"{_describe_stable_paginator(page.paginator, budget, fingerprints)}")


def _describe_stable_page(page, budget, fingerprints):
    return (f"{_describe_page_link(page, budget, fingerprints)}"
            f"{fingerprints.of(page.object_list, budget)}")


# The first type a value is an instance of decides (subclasses first).
SPECIAL = {PageLink: _describe_page_link, StablePage: _describe_stable_page,
           Page: _describe_page, StablePaginator: _describe_stable_paginator,
           Paginator: _describe_paginator, URLWrapper: _describe_wrapper,
           Content: describe_content}


def page_fingerprints() -> Fingerprints:
    """Fingerprints for one build's pages: Pelican's types described their own way."""
    return Fingerprints(SPECIAL, flat=(URLWrapper, Paginator, PageLink), costly=(Content,))


STABLE_PAGE_FIELDS = frozenset({"full_name", "name", "extension", "base_name", "base_url",
                                "object_list", "number", "paginator", "settings", "newest"})
STABLE_PAGE_COMPUTED = frozenset({"url", "save_as", "has_next", "has_previous",
                                  "has_other_pages", "next_page_number",
                                  "previous_page_number", "_from_settings"})

# What each description above covers, for ``reach`` (checked against Pelican 4.12):
# the attributes a template may read of these types and how far the key follows them.
DESCRIBED = {
    # Every attribute but the site's context and the metadata (for a seed, its hash
    # stands for what was read; in place changes to it would not show). Its
    # properties and methods read its attributes, metadata and settings; __str__
    # is its source path; it is compared by identity (no __eq__).
    Content: Described(
        hidden=frozenset({"_context", "metadata"}),
        computed=frozenset({"url", "save_as", "content", "summary", "status",
                            "relative_dir", "get_content", "get_summary", "get_siteurl",
                            "get_url_setting", "get_relative_source_path",
                            "get_static_links"}),
        shown=True, compared=True),
    # A page counted from the oldest (paging.py): its number, whether it is the
    # newest, its address and its own stories; the paginator below. Not the positions
    # of its stories in the whole list, which move with every story.
    PageLink: Described(
        fields=STABLE_PAGE_FIELDS, hidden=frozenset({"object_list"}),
        computed=STABLE_PAGE_COMPUTED, shown=True, compared=True),
    StablePage: Described(
        fields=STABLE_PAGE_FIELDS, computed=STABLE_PAGE_COMPUTED, shown=True, compared=True),
    StablePaginator: Described(
        fields=frozenset({"name", "url", "settings", "per_page", "orphans", "object_list",
                          "_num_pages", "_count", "spans"}),
        hidden=frozenset({"object_list", "_num_pages", "_count", "spans"}),
        compared=True),
    # Number, names, address and its own stories (object_list); the paginator below.
    Page: Described(
        computed=frozenset({"url", "save_as", "has_next", "has_previous",
                            "has_other_pages", "next_page_number",
                            "previous_page_number", "start_index", "end_index"}),
        shown=True, compared=True),
    # Its numbers; not the whole listing's stories (only their number is in the key).
    Paginator: Described(
        fields=frozenset({"name", "url", "settings", "per_page", "orphans", "_num_pages",
                          "_count"}),
        hidden=frozenset({"object_list"}),
        computed=frozenset({"count", "num_pages", "page_range"}),
        compared=True),
    # A tag, author or category: its name and slug (its address follows from them;
    # as_dict() copies both into the instance, where the properties hide them).
    URLWrapper: Described(
        fields=frozenset({"settings", "_name", "_slug", "_slug_from_name", "name", "slug"}),
        computed=frozenset({"name", "slug", "url", "save_as", "page_name"}),
        shown=True, compared=True),
}


def page_reach(fingerprints: Fingerprints) -> Reach:
    """How deep each page's template reaches, counted as ``fingerprints`` count."""
    return Reach(fingerprints.kind_of, DESCRIBED)
