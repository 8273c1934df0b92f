"""A story in another language than the site's, as link previews and search engines
read its page: extruct (an Open Graph and JSON-LD extractor) finds the story's own
language in `og:locale` and the `NewsArticle`'s `inLanguage`, as its feed items carry
it (tests/test_feed_language.py), and a rebuild after the `Language:` is edited says
the new one."""

from __future__ import annotations

import extruct
from test_feed_language import GERMAN, SEEDS

from sitebuild import build

PUBLIC = "https://news-digest.example.org/"
PAGES = {GERMAN: "stories/ein-bericht-auf-deutsch.html",
         "A report in English": "stories/a-report-in-english.html",
         "A report from London": "stories/a-report-from-london.html"}


def _previews(site) -> dict[str, tuple[str, str]]:
    """Headline -> (og:locale, JSON-LD inLanguage) of its story page, as extruct reads them."""
    found = {}
    for title, path in PAGES.items():
        data = extruct.extract((site.output / path).read_text(encoding="utf-8"),
                               base_url=PUBLIC + path, syntaxes=["opengraph", "json-ld"],
                               uniform=True)
        (graph,), (article,) = data["opengraph"], data["json-ld"]
        assert graph["og:title"] == article["headline"] == title
        found[title] = (graph["og:locale"], article.get("inLanguage"))
    return found


def test_a_story_page_tells_previews_and_search_engines_its_own_language(tmp_path):
    # They said English (og:locale "en", no inLanguage) of a German headline and lead,
    # which the page itself marks lang="de" and the feeds carry as "de".
    site = build(tmp_path / "site", SEEDS)
    assert site.code == 0, site.stderr
    assert _previews(site) == {GERMAN: ("de", "de"), "A report in English": ("en", "en"),
                               # the site's language in a region: the page is "en" too
                               "A report from London": ("en", "en-GB")}
    again = build(tmp_path / "site", SEEDS, force=True)  # records what each page was made of
    assert again.code == 0, again.stderr
    edited = {**SEEDS, "001_de.txt": SEEDS["001_de.txt"].replace("**DE**", "**pt-BR**")}
    rebuilt = build(tmp_path / "site", edited)
    assert rebuilt.code == 0 and "Kept " in rebuilt.stderr, rebuilt.stderr
    assert _previews(rebuilt)[GERMAN] == ("pt_BR", "pt-BR")
