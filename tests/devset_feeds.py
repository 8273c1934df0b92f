"""Write the text of the dev set's stories taken from feed readers' test fixtures.

Not a test: a tool that makes ``feed-fixtures.jsonl`` for ``topics_devset.py``. Feed
readers keep real publishers' feeds as test fixtures; the text is the publishers', so
it stays out of this repository like every story of the dev set. For each fixture in
``FIXTURES`` (repository, commit, path) this reads the file from a local clone of the
repository (``ROOT/<owner>+<name>/repo``, a bare git directory), turns it into stories
with the importer's own reader (``curator.feed_items.read_items``), and writes one JSON
line per story: id (``STEM:sha1(url)[:10]``), title, text, url, date, publisher.

Usage: .venv/bin/python tests/devset_feeds.py CLONES_FOLDER OUT.jsonl
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
from devset_articles import run_writer  # noqa: E402

from news_digest.curator.feed_items import Story, read_items  # noqa: E402

# (id stem, publisher, repository, commit, path of the feed in it)
FIXTURES = [
    ("macworld-2017", "Macworld", "Ranchero-Software/NetNewsWire",
     "834decfad37802ef24d8a74897427a9eee57afdd",
     "Modules/RSParser/Tests/RSParserTests/Resources/macworld.rss"),
    ("medscape-2025", "Medscape", "Ranchero-Software/NetNewsWire",
     "834decfad37802ef24d8a74897427a9eee57afdd",
     "Modules/RSParser/Tests/RSParserTests/Resources/medscape.rss"),
    ("washingtonpost-wellness-2012", "The Washington Post", "danmactough/node-feedparser",
     "7ceba26c974c4b6e4ec422ee2ba1e469d9490368", "test/feeds/wapowellness.xml"),
    ("nbcnewyork-2023", "NBC New York", "feed-rs/feed-rs",
     "b64d2aa08d377778b0978aa63f05d56bcedb279e", "feed-rs/fixture/rss2/rss_2.0_nbcny.xml"),
    ("ilgiornale-2022", "Il Giornale", "feed-rs/feed-rs",
     "b64d2aa08d377778b0978aa63f05d56bcedb279e",
     "feed-rs/fixture/rss2/rss_2.0_ilgiornale.xml"),
]


def feed_stories(data: bytes, name: str) -> list[Story]:
    """The stories the importer's reader finds in a feed file's bytes (``name``: its file
    name, which tells the reader its kind)."""
    with tempfile.TemporaryDirectory() as folder:
        feed = Path(folder) / name
        feed.write_bytes(data)
        return [item for item in read_items(feed) if isinstance(item, Story)]


def stories(clones: Path):
    for stem, publisher, repo, commit, path in FIXTURES:
        git = clones / repo.replace("/", "+") / "repo"
        data = subprocess.run(["git", "--git-dir", str(git), "show", f"{commit}:{path}"],
                              capture_output=True, check=True).stdout
        for item in feed_stories(data, Path(path).name):
            digest = hashlib.sha1(item.url.encode()).hexdigest()[:10]
            yield {"id": f"{stem}:{digest}", "title": item.title,
                   "text": "\n".join(item.paragraphs), "url": item.url,
                   "date": item.published.isoformat() if item.published else "",
                   "publisher": publisher, "via": f"{repo}@{commit[:9]}:{path}"}


def main(argv: list[str]) -> int:
    return run_writer(argv, __doc__, stories)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
