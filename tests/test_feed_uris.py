"""An original address pasted as a browser shows it (non-ASCII host and path) reaches
the feeds as a plain-ASCII URI, read back from a real build; ASCII addresses are
written exactly as typed. (output/uris.py; docs/feeds.md, "Addresses in the feeds".)"""

from __future__ import annotations

import json

import feedparser

from news_digest.output.uris import as_uri

from sitebuild import build, seed_text

TYPED = "https://bücher.example/straße/ärger?q=ä#teil"
AS_URI = "https://xn--bcher-kva.example/stra%C3%9Fe/%C3%A4rger?q=%C3%A4#teil"
ASCII = "https://news.example.com/a-story?id=7&x=%C3%A9"


def test_as_uri_converts_only_what_is_not_ascii():
    assert as_uri(TYPED) == AS_URI
    assert as_uri(ASCII) == ASCII
    assert as_uri("https://ü@例え.jp:8080/記事") == (
        "https://%C3%BC@xn--r8jz45g.jp:8080/%E8%A8%98%E4%BA%8B")
    assert as_uri("https://[::1]/é") == "https://[::1]/%C3%A9"


def test_the_feeds_link_a_non_ascii_original_as_a_uri(tmp_path):
    site = build(tmp_path, {
        "a.txt": seed_text(title="Bücher", url=TYPED, source="Die Bücherzeitung"),
        "b.txt": seed_text(title="Plain", url=ASCII, published="2020-01-03T03:04:05+00:00"),
    })
    assert site.code == 0, site.stderr
    for name in ("feeds/all.rss.xml", "feeds/all.atom.xml"):
        raw = (site.output / name).read_bytes()
        assert TYPED.encode() not in raw, name
        entries = {e.title: e for e in feedparser.parse(raw).entries}
        for title, original in (("Bücher", AS_URI), ("Plain", ASCII)):
            content = entries[title].get("content", [entries[title]])[0].get(
                "value", entries[title].summary)
            assert f'href="{original.replace("&", "&amp;")}"' in content, (name, title)
            assert all(link.href.isascii() for link in entries[title].links), name
    items = {i["title"]: i for i in json.loads(
        (site.output / "feeds/all.json").read_text(encoding="utf-8"))["items"]}
    assert items["Bücher"]["external_url"] == AS_URI
    assert items["Plain"]["external_url"] == ASCII
    assert all(v.isascii() for v in items["Bücher"]["authors"][0].values()
               if isinstance(v, str) and v.startswith("http"))
