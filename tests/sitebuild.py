"""Build real sites into temporary folders and read them back (shared by the tests)."""

from __future__ import annotations

import contextlib
import io
import logging
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import lxml.html
from pelican.log import LimitFilter

from news_digest.curator.build import build_site
from news_digest.curator.explain import explain
from news_digest.curator.site_settings import digest_settings
from news_digest.enrich.topics import Taxonomy
from news_digest.seeds.format import read_seed

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_SEED = ROOT / "content" / "articles" / "000_6658c6a34da15a44.txt"
SHARED = ROOT.parent / "shared"


@cache
def default_taxonomy() -> Taxonomy:
    """The taxonomy a fresh clone classifies with (its pelicanconf.py), read once."""
    return Taxonomy.from_settings(digest_settings(str(ROOT / "pelicanconf.py")))


def topic_slugs(title: str, text: str) -> list[str]:
    """The topics the default taxonomy gives a story, as slugs, best first."""
    return [t.slug for t in default_taxonomy().classify(title, text)]


def seed_text(title="A story", published="2020-01-02T03:04:05+00:00", author="Jane Doe",
              source="The Daily Example", url="https://news.example.com/a-story",
              body=("First paragraph.", "Second paragraph."), extra=()) -> str:
    """A seed in the format, with every field overridable (None drops a header)."""
    lines = [f"# {title}", ""]
    if published is not None:
        lines += [f"Published at: **{published}**", ""]
    if author is not None:
        lines += [f"Author: **{author}**", ""]
    if source is not None:
        lines += [f"Original: [{source}]({url})", ""]
    lines += [f"{k}: **{v}**" for k, v in extra] + ([""] if extra else [])
    lines += list(body)
    return "\n".join(lines) + "\n"


def feed_paragraphs(markup: str) -> list[str]:
    """The text of each paragraph of a feed item's HTML, which must be paragraphs only:
    no bare text beside them (a lead outside its ``<p>``), nothing else at the top."""
    parts = lxml.html.fragments_fromstring(markup)
    assert parts and all(not isinstance(part, str) and part.tag == "p"
                         and not (part.tail or "").strip() for part in parts), markup
    return [" ".join(part.text_content().split()) for part in parts]


# Pagefind (1.5) writes its filter maps in a random order, which changes these files'
# hashed names and the entry file naming them; every other output byte is stable.
PAGEFIND_SHUFFLED = re.compile(r"pagefind(-\d+)?/(filter/|pagefind\.|pagefind-entry\.json)")


def explain_report(folder: Path, title: str, paragraphs, taxonomy=None) -> str:
    """What ``explain`` says of a seed of ``title`` and ``paragraphs`` (written in
    ``folder``), classified with ``taxonomy`` (the fresh clone's by default)."""
    seed_file = folder / "001_0123456789abcdef.txt"
    seed_file.write_text(seed_text(title=title, body=tuple(paragraphs)), encoding="utf-8")
    return "\n".join(explain(taxonomy or default_taxonomy(), read_seed(seed_file)))


def stable_tree(folder: Path) -> dict[str, bytes]:
    """Every output file (relative POSIX path -> bytes), less Pagefind's shuffled ones."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and not PAGEFIND_SHUFFLED.match(p.relative_to(folder).as_posix())}


def build_overrides(tmp_path: Path, search: bool = False) -> dict:
    """The settings every test build overrides (see ``build``)."""
    return {"CACHE_PATH": str(tmp_path / "cache"), "DIGEST_SEARCH": search,
            "DIGEST_SOURCES_FILE": str(tmp_path / "sources.toml"),
            "DIGEST_DEFAULT_POLICY": "full"}


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@dataclass
class Site:
    code: int
    output: Path
    stderr: str
    warnings: list[str] = field(default_factory=list)

    def page(self, relative: str):
        """An output page parsed with lxml."""
        return lxml.html.fromstring((self.output / relative).read_bytes())

    def files(self, pattern: str = "**/*") -> list[Path]:
        return sorted(p for p in self.output.glob(pattern) if p.is_file())


def build(tmp_path: Path, seeds: dict[str, str | bytes], *, pages: dict[str, str] | None = None,
          settings: dict | None = None, conf: Path = ROOT / "pelicanconf.py",
          force: bool = False, search: bool = False, sources: str | None = None) -> Site:
    """Write ``seeds`` (name -> text or bytes) into a content folder and build it.

    Without ``search`` the site is built without its Pagefind index (``DIGEST_SEARCH``
    False, unless ``settings`` say otherwise): only tests of search need it.
    The stories are the test's own: its site republishes them in full
    (``DIGEST_DEFAULT_POLICY = "full"``) and reads no sources file but ``sources``
    (the text of one, written beside the content), unless ``settings`` say otherwise;
    tests of the republishing policies set them."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True, exist_ok=True)
    (content / "pages").mkdir(exist_ok=True)
    files = {content / "articles" / name: text for name, text in seeds.items()}
    files.update({content / "pages" / name: text for name, text in (pages or {}).items()})
    for path, text in files.items():
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        if not path.exists() or path.read_bytes() != data:  # unchanged files keep their mtime
            path.write_bytes(data)
    output = tmp_path / "output"
    if sources is not None:
        (tmp_path / "sources.toml").write_text(sources, encoding="utf-8")
    LimitFilter._ignore.clear()  # Pelican de-duplicates log lines per process
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    records = _Records()
    logging.getLogger().addHandler(records)
    stderr = io.StringIO()
    try:
        with contextlib.redirect_stderr(stderr):
            code = build_site(str(conf), str(content), str(output), force=force,
                              overrides={**build_overrides(tmp_path, search),
                                         **(settings or {})})
    finally:
        logging.getLogger().removeHandler(records)
    return Site(code, output, stderr.getvalue(), [r.getMessage() for r in records.records])
