"""A digest built in two date partitions and assembled is the digest built at once.

The stories are two months of the same-event development set (tests/data/same_event/:
real-looking reports of invented events, several outlets each), with the partition
boundary on a day that events run across: stories of one event on both sides, each
side's page crediting the other under "Also covered by". Each partition reads only the
seeds of its range and margins; the assembling build takes their story and edition
pages and writes the shared pages itself. Every output file is compared byte for byte
with one ordinary build of the same seeds.
"""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from news_digest.errors import DigestConfigError
from news_digest.glue.partition_build import MANIFEST

from busy_site import DEVSET
from sitebuild import build, stable_tree

pytestmark = pytest.mark.slow

FIRST, LAST = date(2025, 7, 15), date(2025, 9, 15)  # the stories built
BOUNDARY = "2025-08-21"  # the Surigao quake (18th to 21st) and a phone launch run across it


def _published(text: str) -> date:
    return date.fromisoformat(re.search(r"Published at: \*\*(\d{4}-\d{2}-\d{2})", text)[1])


def two_months() -> dict[str, str]:
    seeds = {}
    for path in sorted(DEVSET.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if FIRST <= _published(text) <= LAST:
            seeds[path.name] = text
    return seeds


def test_two_partitions_assembled_are_the_site_built_at_once(tmp_path):
    seeds = two_months()
    assert len(seeds) >= 40
    whole = build(tmp_path / "whole", seeds)
    assert whole.code == 0, whole.stderr
    earlier = build(tmp_path / "earlier", seeds,
                    settings={"DIGEST_PARTITION": ["2025-01-01", BOUNDARY]})
    later = build(tmp_path / "later", seeds,
                  settings={"DIGEST_PARTITION": [BOUNDARY, "2026-01-01"]})
    assert earlier.code == 0, earlier.stderr
    assert later.code == 0, later.stderr
    assembled = build(tmp_path / "assembled", seeds,
                      settings={"DIGEST_ASSEMBLE": [str(earlier.output), str(later.output)]})
    assert assembled.code == 0, assembled.stderr

    # The boundary is worth testing: events with stories on both sides of it, and
    # partitions that did not read every seed.
    stories = json.loads((whole.output / "stories.json").read_bytes())["stories"]
    sides: dict[str, set[bool]] = {}
    for story in stories:
        sides.setdefault(story["cluster"], set()).add(story["published"][:10] < BOUNDARY)
    assert sum(1 for found in sides.values() if found == {True, False}) >= 1
    manifests = [json.loads((site.output / MANIFEST).read_bytes())
                 for site in (earlier, later)]
    for manifest in manifests:
        assert len(manifest["stories"]) < len(seeds)
    pages = [set(m["pages"]) for m in manifests]
    assert not pages[0] & pages[1]
    assert any(p.startswith("stories/") for p in pages[0])
    assert any(p.startswith("editions/") for p in pages[1])
    assert not any(p.startswith(("topics/", "sources/", "page/")) or p == "index.html"
                   for p in pages[0] | pages[1])

    expected, found = stable_tree(whole.output), stable_tree(assembled.output)
    assert sorted(expected) == sorted(found)
    differ = sorted(name for name in expected if expected[name] != found[name])
    assert differ == []
    # Every story and edition page came from a partition, not rendered again.
    taken = pages[0] | pages[1]
    written = {p for p in expected if p.startswith("stories/")}
    assert written <= taken


def test_a_partition_and_an_assembly_in_one_build_is_refused(tmp_path):
    seeds = dict(list(two_months().items())[:3])
    site = build(tmp_path, seeds, settings={"DIGEST_PARTITION": ["2025-01-01", BOUNDARY],
                                            "DIGEST_ASSEMBLE": ["parts/a"]})
    assert site.code == 2 or site.code == 1
    assert "DIGEST_ASSEMBLE" in site.stderr and "DIGEST_PARTITION" in site.stderr


def test_assembling_a_folder_that_is_no_partition_says_so(tmp_path):
    seeds = dict(list(two_months().items())[:3])
    (tmp_path / "not-a-partition").mkdir()
    site = build(tmp_path, seeds,
                 settings={"DIGEST_ASSEMBLE": [str(tmp_path / "not-a-partition")]})
    assert site.code != 0
    assert "not-a-partition/partition.json: not the output of a partition build" in site.stderr
    assert "Traceback" not in site.stderr
    assert DigestConfigError  # the family the settings' errors belong to


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
