"""The build stays linear: listings with a fast `in`, story URLs computed once."""

from __future__ import annotations

import posixpath

from news_digest.speed import MemberList

from sitebuild import build, seed_text


class Thing:  # compares by identity, like Pelican's content objects
    pass


def test_member_list_answers_in_like_a_list():
    a, b, c = Thing(), Thing(), Thing()
    listed = MemberList([a, b])
    assert a in listed and b in listed and c not in listed
    assert listed == [a, b] and isinstance(listed, list)
    listed.append(c)  # the index follows a changed length
    assert c in listed
    twice = MemberList([a, a])
    assert a in twice and b not in twice


def _story_links(site, page):
    """Story pages a listing links to, as paths inside the output."""
    tree = site.page(page)
    base = posixpath.dirname(page)
    return sorted(posixpath.normpath(posixpath.join(base, href))
                  for href in tree.xpath("//article[@class='story']//h2/a/@href"))


def test_author_pages_list_each_authors_stories_with_working_links(tmp_path):
    seeds = {
        "001_a.txt": seed_text(title="First story", author="Jane Doe",
                               url="https://a.example/1", published="2020-01-01T00:00:00Z"),
        "002_b.txt": seed_text(title="Second story", author="Jane Doe and John Roe",
                               url="https://a.example/2", published="2020-01-02T00:00:00Z"),
        "003_c.txt": seed_text(title="Third story", author="John Roe",
                               url="https://a.example/3", published="2020-01-03T00:00:00Z"),
        "004_d.txt": seed_text(title="Second story", author="Jane Doe",
                               url="https://b.example/4", published="2020-01-04T00:00:00Z"),
    }
    site = build(tmp_path, seeds)
    assert site.code == 0, site.stderr
    assert site.warnings == []
    stories = {p.relative_to(site.output).as_posix() for p in site.files("stories/*.html")}
    assert len(stories) == 4
    jane = _story_links(site, "authors/jane-doe/index.html")
    john = _story_links(site, "authors/john-roe/index.html")
    assert len(jane) == 3 and len(john) == 2
    assert set(jane) | set(john) == stories  # every link reaches a written page
    assert set(jane) & set(john) == {"stories/second-story.html"}
    assert _story_links(site, "index.html") == sorted(stories)
