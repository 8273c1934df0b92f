"""Pelican glue that keeps the build linear in the number of stories.

Found by profiling a 10,000-story build (benchmarks/RESULTS.md):

- Pelican writes each tag, author and category page with
  ``dates = [a for a in self.dates if a in articles]``: a list membership test
  per story and per listing, so the cost grows with stories x listings
  (5.6 s of a 10,000-story build with 684 authors). Listing lists become
  ``MemberList``: the same list, with ``in`` answered from a set of identities.
- ``article.url`` is recomputed on every use (a copy of the metadata and two
  absolute paths each time); a story's address is fixed once its slug is, so
  it is computed once and kept as Pelican's ``override_url``.
"""

from __future__ import annotations


class MemberList(list):
    """A list whose ``in`` test is by identity and O(1).

    Pelican's content objects compare by identity, so the answer is the same as
    the plain list's. The index is rebuilt when the length changed since.
    """

    __slots__ = ("_ids",)

    def __contains__(self, item) -> bool:
        ids = getattr(self, "_ids", None)
        if ids is None or len(ids) != len(self):
            ids = self._ids = {id(x) for x in self}
            if len(ids) != len(self):  # the same object twice: no shortcut
                return list.__contains__(self, item)
        return id(item) in ids


def index_listings(generators) -> None:
    """After every generator read its content: listings with fast ``in``, fixed URLs."""
    for generator in generators:
        tags = getattr(generator, "tags", None)
        authors = getattr(generator, "authors", None)
        if tags is None or authors is None or not hasattr(generator, "dates"):
            continue  # not the articles generator
        for tag, articles in tags.items():
            tags[tag] = MemberList(articles)
        authors[:] = [(author, MemberList(arts)) for author, arts in authors]
        categories = getattr(generator, "categories", [])
        categories[:] = [(category, MemberList(arts)) for category, arts in categories]
        for group in (generator.articles, generator.translations,
                      generator.hidden_articles, generator.drafts):
            for article in group:
                if hasattr(article, "identity") and not hasattr(article, "override_url"):
                    article.override_url = article.url
