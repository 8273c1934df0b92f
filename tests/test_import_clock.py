"""The machine's clock set back (a CI runner or a laptop two days behind) during the daily
import, then set right (eighteenth session). The stories of the day are "more than a day
ahead" of that clock and refused; the feed's validators were kept all the same, so the
next import, with the clock right, had a 304 (or the same body) and never imported them.
Real HTTP server on 127.0.0.1 (tests/feedserver.py); the clock moved through
``seeds.headers.now``, the one clock seeds are checked against."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from feedgen.feed import FeedGenerator

from news_digest.curator.cli import main
from news_digest.seeds import headers

HOME = "https://gazette.example/"


def _feed(published: datetime) -> bytes:
    out = FeedGenerator()
    out.title("Gazette")
    out.link(href=HOME, rel="alternate")
    out.description("News")
    for number in range(3):
        entry = out.add_entry(order="append")
        entry.title(f"Harbour story number {number} of the day")
        entry.link(href=f"{HOME}story-{number}")
        entry.guid(f"{HOME}story-{number}", permalink=True)
        entry.published(published - timedelta(hours=number))
        entry.description(f"<p>The harbour story {number} in full.</p>")
    return out.rss_str(pretty=True)


def test_stories_refused_by_a_clock_set_back_are_imported_once_it_is_right(feed_server, tmp_path,
                                                                        capsys, monkeypatch):
    today = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    url = feed_server.add("/feed.xml", body=_feed(today))
    (tmp_path / "sources.toml").write_text(
        f'[[source]]\nname = "Gazette"\nhome = "{HOME}"\nfeeds = ["{url}"]\n'
        'policy = "full"\n', encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    args = ["import", "--sources", str(tmp_path / "sources.toml"), "--into", str(folder),
            "--state", str(tmp_path / "state.json"), "--retries", "0", "--verbose"]
    with monkeypatch.context() as clock:
        clock.setattr(headers, "now", lambda: datetime.now(UTC) - timedelta(days=2))
        assert main(args) == 0
        err = capsys.readouterr().err
    assert list(folder.iterdir()) == []
    assert "is in the future (more than a day after this machine's clock, " in err
    assert "set the clock right if it is wrong" in err
    # the clock set right: the day's stories are imported, each once
    assert main(args) == 0
    assert "imported 3, duplicates 0, skipped 0" in capsys.readouterr().out
    assert len(list(folder.iterdir())) == 3
    assert main(args) == 0  # and the feed's validators are kept again: a 304, nothing new
    assert "imported 0, duplicates 0, skipped 0" in capsys.readouterr().out
    assert feed_server.hits("/feed.xml")[-1].headers.get("If-None-Match")
