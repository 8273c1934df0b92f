"""A build from scratch gives Pagefind each shard's story pages from the bytes the page
record cut as each was written (``PageMemo.take_indexed``), without reading a page
back; an update reads back the pages of a shard it indexes again. Either way Pagefind indexes
what it is given of each page (``as_indexed``), as one given fresh copies by hand."""

from __future__ import annotations

import subprocess
from functools import partial

from news_digest.glue import search_job
from news_digest.glue.search_job import pagefind_executable
from news_digest.output.search_plan import as_indexed

from sitebuild import build as build_site_with
from sitebuild import seed_text

build = partial(build_site_with, search=True)
EVENT = "Glenmark Pharma recalled 9,000 inhalers over a faulty valve in Leeds."


def _seeds(extra: str = "") -> dict[str, str]:
    return {f"00{n}_{n}.txt": seed_text(
        title=f"Inhaler recall, report {n}", source=f"Paper {n}", body=(EVENT + extra,),
        published=f"2020-01-02T0{n}:00:00+00:00", url=f"https://p{n}.example/recall")
        for n in (1, 2, 3)}


def _index(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()
            and p.relative_to(folder).parts[0] in ("fragment", "index")}


def test_a_build_from_scratch_reads_no_story_page_back_for_its_index(tmp_path, monkeypatch):
    read_back = []
    real = search_job.as_indexed

    def counted(data):  # the job cuts a page it read back
        read_back.append(data)
        return real(data)

    with monkeypatch.context() as patched:
        patched.setattr(search_job, "as_indexed", counted)
        site = build(tmp_path / "site", _seeds())
        assert site.code == 0, site.stderr
        assert read_back == []  # every page's cut was handed over with its shard
        pages = site.files("stories/*.html")
        assert len(pages) == 3 and all(b'data-pagefind-ignore="all"' in p.read_bytes()
                                       for p in pages)
        # Pagefind indexed what it is given of each page, as from copies made by hand.
        given = tmp_path / "given"
        (given / "stories").mkdir(parents=True)
        for page in pages:
            (given / "stories" / page.name).write_bytes(as_indexed(page.read_bytes()))
        subprocess.run([str(pagefind_executable()), "--site", str(given), "--output-path",
                        str(given / "pagefind"), "--quiet"], cwd=given, check=True)
        assert _index(given / "pagefind") == _index(site.output / "pagefind")
        # An update whose shard changed reads its pages back (none is handed over).
        site = build(tmp_path / "site", _seeds(" The valves were replaced."))
        assert site.code == 0, site.stderr
        assert len(read_back) == 3
