"""The development set of same-event stories built as a real site, its clusters read
back from ``stories.json`` (what a user of the digest, or the issue's own check, reads)
and scored with ``enrich/cluster_quality.py``.

The figures are printed per split, the whole set clustered as one digest (as a site
holds it; a follow-up may join or not, as in tests/test_clusters_quality.py): their
targets are the clustering's (tests/test_clusters_quality.py and docs/clusters.md).
What is asserted is that the site says what the clustering says: ``stories.json``
holds the clusters ``clusters.cluster`` makes of the same seeds.
"""

from __future__ import annotations

import json

from news_digest.enrich.cluster_links import stories_for_clustering
from news_digest.enrich.cluster_quality import pairwise_quality
from news_digest.enrich.clusters import cluster
from news_digest.seeds.format import read_seed

from busy_site import DEVSET, devset_labels
from sitebuild import build


def test_the_development_set_built_as_a_site(tmp_path, capsys):
    labels = devset_labels()
    texts = {name: (DEVSET / name).read_text(encoding="utf-8") for name in labels}
    site = build(tmp_path, texts)
    assert site.code == 0, site.stderr
    assert site.warnings == []
    records = json.loads((site.output / "stories.json").read_bytes())["stories"]
    seeds = {name: read_seed(DEVSET / name) for name in labels}
    name_of = {seed.source_url: name for name, seed in seeds.items()}
    predicted = {name_of[r["original_url"]]: r["cluster"] for r in records}
    assert set(predicted) == set(labels)

    clustering = cluster(stories_for_clustering(seeds.values())[0])
    by_identity = {seed.identity: name for name, seed in seeds.items()}
    pure = {by_identity[key]: cid for key, cid in clustering.cluster_of.items()}
    assert predicted == pure  # the same clusters, with the same ids

    lines = []
    for split in (*sorted({label["split"] for label in labels.values()}), None):
        chosen = [n for n in labels if split is None or labels[n]["split"] == split]
        quality = pairwise_quality(
            {n: predicted[n] for n in chosen}, {n: labels[n]["event"] for n in chosen},
            [n for n in chosen if labels[n]["kind"] == "distractor"],
            optional=[n for n in chosen if labels[n]["kind"] == "follow-up"])
        lines.append(f"{split or 'all'} ({len(chosen)} stories): {quality.summary()}"
                     + (f" ({', '.join(quality.joined_distractors)})"
                        if quality.joined_distractors else ""))
    with capsys.disabled():
        print("\nstories.json of the development set built as one site:\n  "
              + "\n  ".join(lines))
