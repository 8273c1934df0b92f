"""HuffPost's headlines as training items for the learned desks (``make topics-model
HUFFPOST=folder``, ``training/huffpost_items.py``): which sections are a desk, how many
are trained on beside the portal, and the error a broken file gives. Tried on 7 December
2026 and not kept in the shipped model (docs/history/topics.md)."""

from __future__ import annotations

import json
import subprocess
import sys

from news_digest.enrich.topic_model import TopicModel

from sitebuild import ROOT

_PATH = list(sys.path)  # the training scripts are not a package of the plugin: import
sys.path.insert(0, str(ROOT))  # them from the repository, and leave sys.path as it was
from training import huffpost_items  # noqa: E402
from training.train_topic_model import capped  # noqa: E402

sys.path[:] = _PATH


def record(category: str, headline: str, lede: str, link: str, date: str = "2016-03-01") -> str:
    return json.dumps({"category": category, "headline": headline, "short_description": lede,
                       "link": link, "date": date, "authors": ""})


def write_dataset(folder, lines) -> None:
    folder.mkdir()
    (folder / "News_Category_Dataset_v3.json").write_text("\n".join(lines) + "\n",
                                                           encoding="utf-8")


def test_only_sections_that_are_a_desk_are_read_once(tmp_path):
    write_dataset(tmp_path / "huff", [
        record("MONEY", "Mortgage rates climb again", "Lenders raise rates for buyers.", "a"),
        record("TECH", "A new chip for phones", "The maker says it is faster.", "b"),
        record("WORLD NEWS", "Ceasefire talks stall", "Envoys leave the capital.", "c"),
        record("STYLE & BEAUTY", "The coats of the season", "What to wear this winter.", "d"),
        record("MONEY", "Mortgage rates climb again", "Lenders raise rates for buyers.", "a"),
        record("SPORTS", "Win", "", "e"),  # too short to teach a desk
    ])
    items = huffpost_items.read_items(tmp_path / "huff")
    assert [(i.desk, i.text) for i in items] == [
        ("business", "Mortgage rates climb again Lenders raise rates for buyers."),
        ("science-technology", "A new chip for phones The maker says it is faster.")]
    assert items[0].day == "2016-03-01"


def test_a_desk_takes_at_most_its_share_of_the_portals_items(tmp_path):
    write_dataset(tmp_path / "huff", [
        record("POLITICS", f"Senate bill number {n} advances", "Lawmakers vote on it.", str(n))
        for n in range(10)])
    huff = huffpost_items.read_items(tmp_path / "huff")
    portal = [huff[0].__class__("2025-01-01", "politics", (), f"Parliament votes {n}.")
              for n in range(4)]
    assert len(capped(huff, portal, 1.0)) == 4
    assert len(capped(huff, portal, 0.5)) == 2
    assert capped(huff, portal, 0.5) == capped(list(reversed(huff)), portal, 0.5)  # by hash
    assert capped(huff, portal[:0], 1.0) == []  # a desk the portal lacks gets none


def test_training_with_huffpost_records_its_provenance(tmp_path):
    portal = tmp_path / "portal"
    portal.mkdir()
    texts = {"Sports": "The striker scores twice as the club reaches the cup final",
             "Business and economy": "Shares fall as the company cuts its profit forecast"}
    for day in range(1, 13):
        lines = ["---", "title: x", "---", ""]
        for desk, text in texts.items():
            lines += [f"#### {desk}", "", "* [Story](https://en.wikipedia.org/wiki/X \"X\")",
                      f"  * {text} on day {day}. [(Agency)](https://example.org/{day})", ""]
        (portal / f"2025-01-{day:02d}-index.md").write_text("\n".join(lines), encoding="utf-8")
    write_dataset(tmp_path / "huff", [
        record("SPORTS" if n % 2 else "BUSINESS", f"Headline number {n} of the day",
               "A lede of some words.", str(n), f"201{n % 10}-01-01") for n in range(40)])
    out = tmp_path / "m.json"
    result = subprocess.run([sys.executable, "-m", "training.train_topic_model", str(portal),
                             "--huffpost", str(tmp_path / "huff"), "--out", str(out)],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "HuffPost items" in result.stdout
    provenance = TopicModel(json.loads(out.read_text(encoding="utf-8"))).provenance
    assert "News Category Dataset" in provenance and "CC BY 4.0" in provenance
    assert "from 2010-01-01 to 2019-01-01" in provenance


def test_a_broken_record_names_its_file_and_line(tmp_path):
    write_dataset(tmp_path / "huff", [record("TECH", "A new chip for phones", "Faster.", "b"),
                                      '{"category": "TECH", "headline": '])
    portal = tmp_path / "portal"
    portal.mkdir()
    (portal / "2025-01-01-index.md").write_text(
        "#### Sports\n\n* The club wins the cup final after extra time. [(A)](https://e.org)\n",
        encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "training.train_topic_model", str(portal),
                             "--huffpost", str(tmp_path / "huff"),
                             "--out", str(tmp_path / "m.json")],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "News_Category_Dataset_v3.json, line 2: not a JSON record" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "m.json").exists()
