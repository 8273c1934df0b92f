"""A digest built in date partitions and assembled is the digest built at once.

The stories are two months of the same-event development set (tests/data/same_event/:
real-looking reports of invented events, several outlets each), in three partitions
whose boundaries fall on days that events run across: stories of one event on both sides, each
side's page crediting the other under "Also covered by". Each partition reads only the
seeds of its range and margins; the assembling build takes their story and edition
pages and writes the shared pages itself. Every output file is compared byte for byte
with one ordinary build of the same seeds.
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import UTC, date, datetime

import pytest

from news_digest.curator import build as curator_build
from news_digest.enrich.partitions import Partition
from news_digest.glue.partition_build import MANIFEST

from busy_site import DEVSET
from sitebuild import build, stable_tree

# Several real builds per test: the slow tier (make test), not make test-fast.
pytestmark = pytest.mark.slow

FIRST, LAST = date(2025, 7, 15), date(2025, 9, 15)  # the stories built
# Three partitions, each boundary on a day that events run across (in UTC, the
# site's zone): two events reported from 20 to 22 July, one from 18 to 19 August.
BOUNDARIES = ("2025-07-22", "2025-08-19")
RANGES = (("2025-01-01", BOUNDARIES[0]), BOUNDARIES, (BOUNDARIES[1], "2026-01-01"))
BOUNDARY = BOUNDARIES[1]


def _published(text: str) -> date:
    return date.fromisoformat(re.search(r"Published at: \*\*(\d{4}-\d{2}-\d{2})", text)[1])


def two_months() -> dict[str, str]:
    seeds = {}
    for path in sorted(DEVSET.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if FIRST <= _published(text) <= LAST:
            seeds[path.name] = text
    return seeds


def _utc_day(story: dict) -> str:
    """The day a story of stories.json was published, in the site's zone (UTC)."""
    return datetime.fromisoformat(story["published"]).astimezone(UTC).date().isoformat()


def _partitions(tmp_path, seeds, ranges=RANGES, settings=None, **options):
    parts = [build(tmp_path / f"part-{start}", seeds,
                   settings={**(settings or {}), "DIGEST_PARTITION": [start, until]},
                   **options)
             for start, until in ranges]
    for part in parts:
        assert part.code == 0, part.stderr
    return parts


def _headline(text: str) -> str:
    return text.split("\n", 1)[0][2:]


# With the speed-ups off, the partition writer wraps Pelican's own writer.
@pytest.mark.parametrize("speed", [True, pytest.param(False, marks=pytest.mark.slow)],
                         ids=["speed-ups", "plain-pelican"])
def test_partitions_assembled_are_the_site_built_at_once(tmp_path, speed):
    settings = {"DIGEST_SPEED": speed}
    seeds = two_months()
    assert len(seeds) >= 40
    # Two stories with one headline, weeks and partitions apart: the older keeps the
    # plain address, the newer gets one of its own, in one build and in partitions.
    by_date = sorted(seeds, key=lambda name: (_published(seeds[name]), name))
    first, last = by_date[0], by_date[-1]
    assert _published(seeds[first]).isoformat() < RANGES[0][1]
    assert _published(seeds[last]).isoformat() >= RANGES[-1][0]
    headline = _headline(seeds[first])
    seeds[last] = f"# {headline}\n" + seeds[last].split("\n", 1)[1]
    whole = build(tmp_path / "whole", seeds, settings=settings)
    assert whole.code == 0, whole.stderr
    same = sorted(p.name for p in (whole.output / "stories").glob("*.html")
                  if headline in p.read_text(encoding="utf-8").split("</title>")[0])
    assert len(same) == 2 and same[0] != same[1]
    parts = _partitions(tmp_path, seeds, settings=settings)
    assembled = build(tmp_path / "assembled", seeds,
                      settings={**settings,
                                "DIGEST_ASSEMBLE": [str(p.output) for p in parts]})
    assert assembled.code == 0, assembled.stderr

    # The boundaries are worth testing: events with reports on both sides of each,
    # whose pages credit a report their partition only read in its margin; and
    # partitions that did not read every seed.
    stories = json.loads((whole.output / "stories.json").read_bytes())["stories"]
    days: dict[str, list[dict]] = {}
    for story in stories:
        days.setdefault(story["cluster"], []).append(story)
    for number, boundary in enumerate(BOUNDARIES):
        earlier, later = parts[number], parts[number + 1]
        straddling = [members for members in days.values()
                      if {_utc_day(s) < boundary for s in members} == {True, False}]
        assert straddling, boundary
        before = next(s for s in straddling[0] if _utc_day(s) < boundary)
        after = next(s for s in straddling[0] if _utc_day(s) >= boundary)
        page = (later.output / after["url"].split("/", 3)[3]).read_text(encoding="utf-8")
        assert before["url"].rsplit("/", 1)[1] in page
        page = (earlier.output / before["url"].split("/", 3)[3]).read_text(encoding="utf-8")
        assert after["url"].rsplit("/", 1)[1] in page
    manifests = [json.loads((p.output / MANIFEST).read_bytes()) for p in parts]
    for manifest in manifests:
        assert len(manifest["stories"]) < len(seeds)
    pages = [set(m["pages"]) for m in manifests]
    taken = set().union(*pages)
    assert sum(map(len, pages)) == len(taken)  # no page written twice
    for written in pages:
        assert any(p.startswith("stories/") for p in written)
        assert any(p.startswith("editions/") for p in written)
    assert not any(p.startswith(("topics/", "sources/", "page/", "feeds/"))
                   or p in ("index.html", "stories.json") for p in taken)

    expected, found = stable_tree(whole.output), stable_tree(assembled.output)
    assert sorted(expected) == sorted(found)
    assert sorted(name for name in expected if expected[name] != found[name]) == []
    # Every story and edition page came from a partition, not rendered again.
    assert {p for p in expected if p.startswith(("stories/", "editions/20"))} == taken


def test_the_assembling_build_indexes_the_assembled_site_for_search(tmp_path):
    """Search is the site's own: the assembling build indexes the story pages it took
    from the partitions, and gets the index one build makes (but for the files
    Pagefind names at random, ``sitebuild.PAGEFIND_SHUFFLED``)."""
    seeds = two_months()
    whole = build(tmp_path / "whole", seeds, search=True)
    parts = _partitions(tmp_path, seeds)
    assembled = build(tmp_path / "assembled", seeds, search=True,
                      settings={"DIGEST_ASSEMBLE": [str(p.output) for p in parts]})
    assert whole.code == 0 and assembled.code == 0, assembled.stderr
    expected, found = stable_tree(whole.output), stable_tree(assembled.output)
    fragments = [name for name in expected if name.startswith("pagefind/fragment/")]
    assert len(fragments) == len(seeds)  # one per story: the index is there
    assert sorted(expected) == sorted(found)
    assert sorted(name for name in expected if expected[name] != found[name]) == []


def test_a_partition_is_not_indexed_for_search(tmp_path):
    seeds = dict(list(two_months().items())[:3])
    site = build(tmp_path, seeds, search=True,
                 settings={"DIGEST_PARTITION": ["2025-01-01", BOUNDARY]})
    assert site.code == 1
    assert "DIGEST_SEARCH" in site.stderr and "assembling build indexes" in site.stderr


def test_a_partition_and_an_assembly_in_one_build_is_refused(tmp_path):
    seeds = dict(list(two_months().items())[:3])
    site = build(tmp_path, seeds, settings={"DIGEST_PARTITION": ["2025-01-01", BOUNDARY],
                                            "DIGEST_ASSEMBLE": ["parts/a"]})
    assert site.code == 1
    assert "DIGEST_ASSEMBLE" in site.stderr and "DIGEST_PARTITION" in site.stderr


def test_assembling_a_folder_that_is_no_partition_says_so(tmp_path):
    seeds = dict(list(two_months().items())[:3])
    (tmp_path / "not-a-partition").mkdir()
    site = build(tmp_path, seeds,
                 settings={"DIGEST_ASSEMBLE": [str(tmp_path / "not-a-partition")]})
    assert site.code != 0
    assert "not-a-partition/partition.json: not the output of a partition build" in site.stderr
    assert "Traceback" not in site.stderr


@pytest.mark.parametrize("manifest", ["[]", '{"start": "2025-01-01"}',
                                      '{"start": 1, "until": 2, "pages": {}, "stories": []}'])
def test_a_damaged_partition_record_is_named(tmp_path, manifest):
    """A partition.json cut short or edited by hand: 'build failed: KeyError: start'."""
    seeds = dict(list(two_months().items())[:3])
    [part] = _partitions(tmp_path, seeds, ranges=[RANGES[0]])
    (part.output / MANIFEST).write_text(manifest, encoding="utf-8")
    site = build(tmp_path / "whole", seeds, settings={"DIGEST_ASSEMBLE": [str(part.output)]})
    assert site.code != 0 and "Traceback" not in site.stderr
    assert (f"{part.output / MANIFEST}: not the output of a partition build (its start, until, "
            "pages or stories are missing or wrong)") in site.stderr, site.stderr


def _with_header(text: str, header: str) -> str:
    """``text`` with one more header line after its ``Original:`` line."""
    head, original, rest = text.partition("\nOriginal: ")
    line, newline, body = rest.partition("\n")
    return f"{head}{original}{line}\n\n{header}\n{newline}{body}"


def test_a_curators_link_past_the_margins_stops_both_partitions(tmp_path):
    """A curator joined a story of July to one of September: each partition's page of
    one of them would miss the other, so neither partition is written."""
    seeds = two_months()
    july = next(n for n, t in seeds.items() if _published(t) == date(2025, 7, 20))
    september = next(n for n, t in seeds.items() if _published(t) >= date(2025, 9, 10))
    seeds[july] = _with_header(seeds[july], f"Same event as: **{september}**")
    whole = build(tmp_path / "whole", seeds)
    assert whole.code == 0, whole.stderr
    for name, dates in (("earlier", ["2025-01-01", BOUNDARY]),
                        ("later", [BOUNDARY, "2026-01-01"])):
        part = build(tmp_path / name, seeds, settings={"DIGEST_PARTITION": dates})
        assert part.code == 1, part.stderr
        assert "reach past what this partition reads" in part.stderr
        assert "DIGEST_PARTITION_MARGIN_DAYS" in part.stderr
        assert (july if name == "earlier" else september) in part.stderr
        assert "Traceback" not in part.stderr
        assert not (tmp_path / name / "output").exists()  # nothing half-written


def _parse_build(argv: list[str]):
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers()
    curator_build.add_parser(commands)
    return parser.parse_args(["build", *argv])


def test_the_build_command_names_the_partition_settings():
    partition = _parse_build(["content", "--partition", "2025-01-01", "2025-07-01"])
    assert curator_build.partition_overrides(partition) == {
        "DIGEST_PARTITION": ["2025-01-01", "2025-07-01"], "DIGEST_SEARCH": False}
    assemble = _parse_build(["--assemble", "parts/a", "parts/b"])
    assert curator_build.partition_overrides(assemble) == {
        "DIGEST_ASSEMBLE": ["parts/a", "parts/b"]}
    assert curator_build.partition_overrides(_parse_build([])) == {}
    with pytest.raises(SystemExit):  # one or the other
        _parse_build(["--partition", "2025-01-01", "2025-07-01", "--assemble", "parts/a"])


def test_a_partition_reads_its_margins_and_the_nearest_story_beyond_them():
    partition = Partition(date(2025, 3, 1), date(2025, 4, 1), 16, UTC)

    def at(day: str) -> datetime:
        return datetime.fromisoformat(f"{day}T12:00:00+00:00")

    dated = [("far-before", at("2025-01-02")), ("nearest-before", at("2025-02-01")),
             ("margin-before", at("2025-02-14")), ("in", at("2025-03-10")),
             ("margin-after", at("2025-04-16")), ("nearest-after", at("2025-05-20")),
             ("far-after", at("2025-06-01")), ("undated", None)]
    assert partition.to_read(dated) == {"nearest-before", "margin-before", "in",
                                        "margin-after", "nearest-after", "undated"}
    assert partition.holds(at("2025-03-31")) and not partition.holds(at("2025-04-01"))
    # An edge with nothing unread beyond it bounds nothing.
    low, high = partition.core(unread_before=False, unread_after=True)
    assert low == float("-inf")
    assert high == datetime(2025, 4, 9, tzinfo=UTC).timestamp()  # 16 days less 8
