"""Same-event clusters (clusters.py, cluster_links.py): pure functions, no site.

The quality on the labelled development set is in test_clusters_quality.py.
"""

from __future__ import annotations

import json
import os
import pickle
import random
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from news_digest.enrich import clusters as C
from news_digest.enrich.cluster_links import stories_for_clustering
from news_digest.enrich.cluster_profiles import LazyProfiles
from news_digest.enrich.cluster_store import from_plain, from_stored, to_plain, to_stored
from news_digest.enrich.cluster_why import explain_pair, near_misses
from news_digest.errors import SeedError
from news_digest.seeds.format import Seed, parse_seed, read_seed
from news_digest.seeds.story_refs import reference_problem as check_reference_value
from news_digest.seeds.urls import url_identity

from sitebuild import ROOT, seed_text

SAME_EVENT = Path(__file__).parent / "data" / "same_event"
T0 = datetime(2025, 3, 11, 9, 0, tzinfo=UTC)

FINE = ("The Dutch competition regulator fined Booking.com 46.2 million euros on Tuesday "
        "for barring hotels from offering lower prices on their own websites.",
        "The Authority for Consumers and Markets said the parity clauses hurt travellers.",
        "Booking.com said it would appeal the decision of the ACM.")
FINE_AGAIN = ("Booking.com must pay a fine of more than 46 million euros, the Dutch ACM ruled, "
              "because its parity clauses kept hotels from cheaper prices on their own sites.",
              "Hotels in Utrecht welcomed the ruling. Booking.com will appeal.")
QUAKE = ("A magnitude 6.3 earthquake struck Malatya province in eastern Turkey, killing 12 "
         "people and collapsing 37 buildings, the disaster agency AFAD said.",
         "Rescuers searched the rubble in Yesilyurt through the night.")


def story(key: str, title: str, paragraphs, hours: float = 0, **links) -> C.StoryInput:
    return C.StoryInput(key=key, published=T0 + timedelta(hours=hours), title=title,
                        paragraphs=tuple(paragraphs), **links)


def dev_inputs() -> list[C.StoryInput]:
    inputs, problems = stories_for_clustering(
        read_seed(p) for p in sorted(SAME_EVENT.glob("*.txt")))
    assert not problems
    return inputs


def test_two_reports_of_one_event_cluster_and_another_event_stays_apart():
    result = C.cluster([
        story("a" * 16, "Dutch watchdog fines Booking.com €46.2m", FINE),
        story("b" * 16, "ACM: Booking.com must pay €46 million", FINE_AGAIN, hours=5),
        story("c" * 16, "Earthquake kills 12 in Turkey's Malatya", QUAKE, hours=2),
    ])
    assert result.cluster_of["a" * 16] == result.cluster_of["b" * 16] == "a" * 16
    assert result.cluster_of["c" * 16] == "c" * 16
    assert [c.members for c in result.clusters] == [("a" * 16, "b" * 16), ("c" * 16,)]


def test_a_cluster_is_led_by_its_earliest_story_and_keeps_its_id_when_others_come():
    first = [story("f" * 16, "Dutch watchdog fines Booking.com €46.2m", FINE, hours=3),
             story("1" * 16, "ACM: Booking.com must pay €46 million", FINE_AGAIN, hours=4)]
    lead = C.cluster(first).clusters[0]
    assert lead.id == lead.lead == "f" * 16  # the earliest, not the smallest key
    more = first + [story("0" * 16, "Earthquake kills 12 in Turkey's Malatya", QUAKE, hours=1)]
    assert C.cluster(more).cluster_of["1" * 16] == "f" * 16


def test_stories_more_than_the_window_apart_are_not_compared():
    days = C.WINDOW_SECONDS / 3600 + 1
    result = C.cluster([story("a" * 16, "Booking.com fined €46.2m", FINE),
                        story("b" * 16, "Booking.com fined €46.2m", FINE, hours=days)])
    assert len(result.clusters) == 2 and not result.edges


def test_time_factor_is_flat_for_a_day_then_falls_to_the_window_edge():
    assert C.time_factor(0) == C.time_factor(-20 * 3600) == 1
    assert C.time_factor(C.WINDOW_SECONDS) == pytest.approx(1 - C.TIME_DECAY)
    assert 1 - C.TIME_DECAY < C.time_factor(60 * 3600) < 1


def test_similarity_is_symmetric_and_another_report_is_closer_than_a_passing_mention():
    report = C.profile(story("a" * 16, "Booking.com fined €46.2m by Dutch ACM", FINE)).terms
    again = C.profile(story("c" * 16, "ACM: Booking.com must pay €46 million", FINE_AGAIN)).terms
    mention = C.profile(story("b" * 16, "Italian court orders Booking.com to pay back taxes", (
        "An Italian tax court ordered Booking.com to pay 94 million euros in unpaid VAT on "
        "commissions from hotels in Milan, rejecting the company's appeal.",
        "Prosecutors in Milan are investigating the firm's tax affairs separately.",
        "The ruling comes days after a Dutch regulator fined Booking.com 46.2 million euros.",
    ))).terms
    assert C.similarity(report, mention) == C.similarity(mention, report)
    assert C.similarity(report, report) == pytest.approx(1)
    assert C.similarity(report, mention) < C.similarity(report, again)


def test_curator_links_join_and_separate(tmp_path):
    one = "https://news.example/booking-fined"
    other = "https://elsewhere.example/turkey-quake"
    texts = {
        "001_a.txt": seed_text(title="Dutch watchdog fines Booking.com €46.2m", url=one,
                               published="2025-03-11T09:00:00+00:00", body=FINE),
        "002_b.txt": seed_text(title="ACM: Booking.com must pay €46 million",
                               url="https://other.example/acm-booking",
                               published="2025-03-11T12:00:00+00:00", body=FINE_AGAIN,
                               extra=[("Not same event as", one)]),
        "003_c.txt": seed_text(title="Earthquake kills 12 in Turkey's Malatya", url=other,
                               published="2025-03-11T10:00:00+00:00", body=QUAKE,
                               extra=[("Same event as", "001_a.txt")]),
    }
    seeds = [parse_seed(text, str(tmp_path / name)) for name, text in texts.items()]
    inputs, problems = stories_for_clustering(seeds)
    assert not problems
    result = C.cluster(inputs)
    a, b, c = (url_identity(s.source_url) for s in seeds)
    assert result.cluster_of[c] == result.cluster_of[a] == a  # joined by the curator
    assert result.cluster_of[b] == b  # kept apart although the text says one event
    assert "curator" in explain_pair(result, a, b).reason
    assert "curator" in explain_pair(result, a, c).reason


def test_the_identities_a_build_worked_out_are_taken_as_given(tmp_path, monkeypatch):
    """The build's stories hold their identity (the reader worked it out): the
    clustering's inputs take it instead of hashing each original URL again, and are
    what they are when it is worked out from the seeds."""
    one = "https://news.example/booking-fined"
    texts = {
        "001_a.txt": seed_text(title="Dutch watchdog fines Booking.com", url=one, body=FINE),
        "002_b.txt": seed_text(title="ACM: Booking.com must pay", body=FINE_AGAIN,
                               url="https://other.example/acm-booking",
                               extra=[("Not same event as", one)]),
        "003_c.txt": seed_text(title="Earthquake kills 12", body=QUAKE,
                               url="https://elsewhere.example/quake",
                               extra=[("Same event as", "001_a.txt"),
                                      ("Not same event as", "https://gone.example/x")]),
    }
    seeds = [parse_seed(text, str(tmp_path / name)) for name, text in texts.items()]
    worked_out = stories_for_clustering(seeds)
    assert worked_out[1]  # the link that names no story is reported either way
    identities = [s.identity for s in seeds]
    monkeypatch.setattr(Seed, "identity", property(lambda seed: pytest.fail(
        "a story's identity was worked out again")))
    assert stories_for_clustering(seeds, identities) == worked_out


def test_a_link_with_the_other_scheme_names_the_same_story(tmp_path):
    """``Same event as: http://...`` joins the story whose original is ``https://...``
    (and back); a link to an address no story has still names no story."""
    texts = {
        "001_a.txt": seed_text(title="Dutch watchdog fines Booking.com €46.2m",
                               url="https://news.example/booking-fined", body=FINE),
        "002_b.txt": seed_text(title="Earthquake kills 12 in Turkey's Malatya",
                               url="http://elsewhere.example/turkey-quake", body=QUAKE,
                               extra=[("Same event as", "http://news.example/booking-fined")]),
        "003_c.txt": seed_text(title="ACM: Booking.com must pay €46 million",
                               url="https://other.example/acm-booking", body=FINE_AGAIN,
                               extra=[("Not same event as",
                                       "https://elsewhere.example/turkey-quake "
                                       "https://gone.example/x")]),
    }
    seeds = [parse_seed(text, str(tmp_path / name)) for name, text in texts.items()]
    inputs, problems = stories_for_clustering(seeds)
    a, b, c = (url_identity(s.source_url) for s in seeds)
    by_key = {i.key: i for i in inputs}
    assert by_key[b].same_as == (a,) and by_key[c].apart_from == (b,)
    assert [p.message.split("'")[1] for p in problems] == [
        "Not same event as: https://gone.example/x"]


def test_unresolved_and_malformed_links_are_reported_with_file_and_line(tmp_path):
    malformed = seed_text(extra=[("Not same event as", "yesterday's story")])
    with pytest.raises(SeedError) as refused:  # the seed parser checks the form
        parse_seed(malformed, str(tmp_path / "001_x.txt"))
    assert refused.value.line == 9 and "neither an http(s) URL" in refused.value.message
    text = seed_text(extra=[("Same event as", "https://gone.example/story")])
    seed = parse_seed(text, str(tmp_path / "001_x.txt"))
    inputs, problems = stories_for_clustering([seed])  # what it names, with every story
    assert [p.line for p in problems] == [seed.lines["same_event_as"]]
    assert "names no story" in problems[0].message and "001_x.txt" in str(problems[0])
    assert inputs[0].same_as == () and inputs[0].apart_from == ()


@pytest.mark.parametrize("value, good", [
    ("https://a.example/x", True), ("https://a.example/x, https://b.example/y", True),
    ("014_0a1b2c3d4e5f6a7b.txt", True), ("0a1b2c3d4e5f6a7b", True),
    ("", False), ("the other one", False), ("ftp://a.example/x", False),
])
def test_link_values_are_checked(value, good):
    assert (check_reference_value(value) is None) == good


def test_explain_gives_shared_terms_score_and_reason():
    result = C.cluster([
        story("a" * 16, "Dutch watchdog fines Booking.com €46.2m", FINE),
        story("b" * 16, "ACM: Booking.com must pay €46 million", FINE_AGAIN, hours=5),
        story("c" * 16, "Earthquake kills 12 in Turkey's Malatya", QUAKE, hours=2),
    ])
    why = explain_pair(result, "a" * 16, "b" * 16)
    assert why.same_cluster and why.score >= C.LINK and why.hours_apart == 5
    shared = [term for term, _ in why.shared]
    assert "book" in shared and "≈46m" in shared  # Booking, as a verb's forms are one term
    apart = explain_pair(result, "a" * 16, "c" * 16)
    assert not apart.same_cluster and apart.score < C.LINK


RACE = ("Oscar Piastri won the Belgian Grand Prix at Spa-Francorchamps on Sunday after a "
        "rain delay of 80 minutes, beating his McLaren team-mate Lando Norris by 3.4 seconds.",
        "Charles Leclerc was third for Ferrari and Max Verstappen fourth for Red Bull.")
RACE_AGAIN = ("Piastri passed Norris at Les Combes on the opening lap and won at Spa on Sunday "
              "by 3.4 seconds after the rain delay, extending his championship lead.",
              "Leclerc finished third; Verstappen, who won the sprint, was fourth.")
SPRINT = ("Max Verstappen won the sprint race at Spa-Francorchamps on Saturday, holding off "
          "Oscar Piastri for all 15 laps after passing him on the Kemmel straight.",
          "Lando Norris was third for McLaren. Norris later took pole for Sunday's race.")


def test_a_race_the_day_before_with_the_same_drivers_stays_apart():
    """The subject (drivers, circuit) weighs at most MAX_TERM_WEIGHT, and leads that
    put their events on different days score lower (event_dates.py)."""
    sunday = T0.replace(hour=16) + timedelta(days=5)  # a Sunday
    race = C.StoryInput("a" * 16, sunday, "Piastri wins Belgian GP after rain delay", RACE)
    again = C.StoryInput("b" * 16, sunday + timedelta(hours=2), "Piastri beats Norris at Spa",
                         RACE_AGAIN)
    sprint = C.StoryInput("c" * 16, sunday - timedelta(hours=27),
                          "Verstappen holds off Piastri to win Belgian GP sprint", SPRINT)
    result = C.cluster([race, again, sprint])
    assert result.cluster_of["b" * 16] == result.cluster_of["a" * 16] != result.cluster_of["c" * 16]
    assert max(weight for weight in C.profile(sprint).terms.weights.values()) <= 0.5 + 1e-9
    same_day = replace(sprint, published=sunday, paragraphs=(SPRINT[0].replace(
        "Saturday", "Sunday"), SPRINT[1]))
    assert C.pair_score(C.profile(race), C.profile(sprint)) < C.pair_score(
        C.profile(race), C.profile(same_day))


def test_a_breach_at_another_company_the_same_week_stays_apart():
    breach = ("Hackers stole names, addresses and order histories of up to 1.2 million "
              "customers of Currys in a cyber attack, the retailer said on Tuesday.",
              "Payment card details were not taken, Currys said.")
    other = ("Hackers accessed names, addresses and dates of birth of customers of "
             "Harrods in a cyber attack, the retailer said on Tuesday.",
             "Payment details were not taken. Currys disclosed a breach earlier.")
    a = C.profile(story("a" * 16, "Currys says hackers stole data of 1.2 million customers",
                        breach))
    b = C.profile(story("b" * 16, "Harrods says hackers accessed customers' data", other,
                        hours=5))
    assert {"curry", "≈1.2m"} <= a.terms.names  # a name and an amount of its headline
    assert "harrod" in b.terms.names
    assert C.pair_score(a, b) < C.LINK
    # A name that is also a common word ("Co-op", "Next") is not known as a name.
    assert not C.profile(story("c" * 16, "Co-op says hackers got data", other)).terms.names


def test_a_story_close_to_most_of_a_cluster_joins_it_unless_a_lead_names_another_day():
    from news_digest.enrich.cluster_merge import agglomerate  # noqa: PLC0415

    # Three reports of one event, and a fourth close to two of them only (a column, a
    # brief): its mean with the three is 0.46, under MEAN_LINK, over LOOSE_MEAN_LINK.
    scores = {("a", "b"): 0.8, ("a", "c"): 0.8, ("b", "c"): 0.8, ("a", "d"): 0.69,
              ("b", "d"): 0.69, ("c", "d"): 0.0}
    adjacent: dict[str, dict[str, float]] = {}
    for (x, y), score in scores.items():
        adjacent.setdefault(x, {})[y] = adjacent.setdefault(y, {})[x] = score
    assert C.LOOSE_MEAN_LINK <= (0.69 + 0.69) / 3 < C.MEAN_LINK

    def clusters(other_days):
        return sorted(map(sorted, agglomerate("abcd", adjacent, {}, set(), C.LINK, C.MEAN_LINK,
                                              C.LOOSE_MEAN_LINK, other_days)))

    assert clusters(lambda x, y: False) == [["a", "b", "c", "d"]]
    # When the fourth story's lead and one of the three's name different days (a
    # sprint race the day before the grand prix), the mean must reach MEAN_LINK.
    assert clusters(lambda x, y: {x, y} == {"c", "d"}) == [["a", "b", "c"], ["d"]]


def test_many_stories_are_read_on_several_cores_with_the_same_result(monkeypatch):
    from news_digest.enrich import cluster_parallel

    inputs = dev_inputs()
    alone = C.cluster(inputs)
    monkeypatch.setattr(cluster_parallel, "PARALLEL_FROM", 20)
    monkeypatch.setattr(cluster_parallel, "_idle_cores", lambda: 2)  # however busy the machine
    assert cluster_parallel._workers(len(inputs)) == 2
    together = C.cluster(inputs)
    assert together == alone and together.edges == alone.edges
    assert json.dumps(to_plain(together)) == json.dumps(to_plain(alone))


def test_a_large_digest_is_read_in_this_process_to_keep_memory_bounded(monkeypatch):
    """Forked workers copy what they read: past PARALLEL_UP_TO stories the profiles
    are made here, each story's text freed as it is read (issue 22)."""
    from news_digest.enrich import cluster_parallel

    monkeypatch.setattr(cluster_parallel, "_idle_cores", lambda: 2)
    assert cluster_parallel._workers(cluster_parallel.PARALLEL_UP_TO) == 2
    assert cluster_parallel._workers(cluster_parallel.PARALLEL_UP_TO + 1) == 1
    items = list(range(5))
    seen = []
    assert cluster_parallel.map_in_order(
        lambda x: seen.append(list(items)) or x * 2, items, let_go=True) == [0, 2, 4, 6, 8]
    assert seen[0] == [None, 1, 2, 3, 4] and seen[-1] == [None] * 5 and items == [None] * 5


def test_results_are_deterministic_and_independent_of_input_order():
    inputs = dev_inputs()
    first = C.cluster(inputs)
    shuffled = inputs[:]
    random.Random(3).shuffle(shuffled)
    again = C.cluster(shuffled)
    assert first == again and first.edges == again.edges
    assert json.dumps(to_plain(first)) == json.dumps(to_plain(again))


@pytest.mark.slow
def test_the_same_bytes_in_another_process_with_another_hash_seed():
    script = ("import json, sys; sys.path.insert(0, 'tests');"
              "from test_clusters import dev_inputs; from news_digest.enrich import clusters as C;"
              "from news_digest.enrich.cluster_store import to_plain;"
              "print(json.dumps(to_plain(C.cluster(dev_inputs())), sort_keys=True))")
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                              capture_output=True, text=True, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_plain_values_round_trip_through_json():
    result = C.cluster(dev_inputs())
    back = from_plain(json.loads(json.dumps(to_plain(result))))
    assert back == result and back.edges == result.edges and back.profiles == result.profiles


def _changes(rng: random.Random, current: list, pool: list) -> list:
    current = current[:]
    for _ in range(rng.randint(1, 6)):
        kind = rng.random()
        if kind < 0.3 and len(current) > 2:
            current.pop(rng.randrange(len(current)))
        elif kind < 0.6:
            at = rng.randrange(len(current))
            donor = rng.choice(pool)
            current[at] = replace(current[at], paragraphs=current[at].paragraphs +
                                  donor.paragraphs[:1])
        elif kind < 0.8:
            donor = rng.choice(pool)
            shift = timedelta(hours=rng.randint(-30, 30))
            current.append(replace(donor, key=f"{rng.getrandbits(64):016x}",
                                   published=donor.published + shift))
        else:  # the curator joins or separates two stories
            a, b = rng.sample(current, 2)
            link = "same_as" if rng.random() < 0.5 else "apart_from"
            at = current.index(a)
            current[at] = replace(a, **{link: (*getattr(a, link), b.key)})
    return current


def _kept(result, how: str):
    """``result`` as the next build reads it back: plain JSON values, or the record a
    build keeps (profiles packed, made when read)."""
    if how == "plain":
        return from_plain(json.loads(json.dumps(to_plain(result))))
    return from_stored(pickle.loads(pickle.dumps(to_stored(result))))


def _stored_facts(result) -> list:
    return [pickle.loads(facts) for facts, _ in to_stored(result)["stories"]]


@pytest.mark.slow
@pytest.mark.parametrize("how", ["plain", "stored"])
@pytest.mark.parametrize("seed", range(4))
def test_an_update_gives_what_clustering_from_scratch_gives(seed, how):
    rng = random.Random(seed)
    pool = dev_inputs()
    current = pool[:]
    previous = _kept(C.cluster(current), how)
    for _ in range(5):
        current = _changes(rng, current, pool)
        updated = C.recluster(previous, current)
        scratch = C.cluster(current)
        assert updated == scratch
        assert updated.edges == scratch.edges
        assert updated.merges == scratch.merges  # (cluster_update)
        assert json.dumps(to_plain(updated)) == json.dumps(to_plain(scratch))
        # each story's facts in the record, kept as read or packed again, are the
        # facts clustering every story makes (a story changed is never kept as read)
        assert _stored_facts(updated) == _stored_facts(scratch)
        previous = _kept(updated, how)


def test_an_update_from_the_kept_record_makes_only_the_profiles_near_a_change():
    """The record a build keeps is read back lazily: an update equals clustering from
    scratch, through as many records as builds, and makes the profiles of the stories
    near a change only; a story it never read is written back as it was read."""
    inputs = sorted(dev_inputs(), key=lambda s: s.published)
    previous = _kept(C.cluster(inputs[:-3]), "stored")
    for end in (-2, -1, len(inputs)):
        current = inputs[:end] if end < 0 else inputs
        updated = C.recluster(previous, current)
        assert isinstance(updated.profiles, LazyProfiles)
        stored = to_stored(updated)
        made = set(updated.profiles._made)
        assert 0 < len(made) < len(current) / 2  # the stories near the change
        before = {pickle.loads(row[0])[0]: row for row in to_stored(previous)["stories"]}
        rows = {pickle.loads(row[0])[0]: row for row in stored["stories"]}
        assert all(row[1] is before[key][1] for key, row in rows.items()
                   if key not in made)  # never read: written back as read
        assert all(row[0] is before[key][0] for key, row in rows.items()
                   if key in before)  # only stories added: every earlier one as read
        scratch = C.cluster(current)  # (comparing makes every profile)
        assert updated == scratch and updated.edges == scratch.edges
        previous = from_stored(pickle.loads(pickle.dumps(stored)))
    edited = [replace(inputs[5], paragraphs=inputs[5].paragraphs + ("A correction.",)),
              *inputs[:5], *inputs[6:]]
    assert C.recluster(previous, edited) == C.cluster(edited)
    assert C.recluster(previous, inputs) is previous  # nothing changed: nothing done


def test_an_update_reuses_the_profiles_of_unchanged_stories():
    inputs = dev_inputs()
    previous = C.cluster(inputs)
    changed = replace(inputs[0], title=inputs[0].title + " (updated)")
    updated = C.recluster(previous, [changed, *inputs[1:]])
    assert updated.profiles[inputs[1].key] is previous.profiles[inputs[1].key]
    assert updated.profiles[inputs[0].key] is not previous.profiles[inputs[0].key]
    assert C.recluster(previous, inputs) is previous  # nothing changed: nothing done


def test_a_result_of_another_method_version_is_not_reused():
    inputs = dev_inputs()
    stale = replace(C.cluster(inputs), method="same-event/0")
    assert C.recluster(stale, inputs).method == C.METHOD


def test_the_same_story_twice_is_refused():
    with pytest.raises(ValueError, match="twice"):
        C.cluster([story("a" * 16, "One", FINE), story("a" * 16, "One", FINE)])


def test_near_misses_name_the_strongest_pairs_outside_the_cluster():
    inputs = dev_inputs()
    result = C.cluster(inputs)
    for key in result.cluster_of:
        for other, score in near_misses(result, key):
            assert result.cluster_of[other] != result.cluster_of[key]
            assert score == result.edges[C._pair(key, other)]


def test_explain_cluster_prints_members_and_near_misses(capsys):
    from news_digest.curator.cli import main

    lead = next(p for p in sorted(SAME_EVENT.glob("*.txt"))
                if read_seed(p).title.startswith("Lufthansa pilots strike"))
    assert main(["explain", "--cluster", "--content", str(SAME_EVENT), str(lead)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{lead.name}: Lufthansa pilots strike")
    assert out.count("same event:") == 3 and "not joined:" in out
    assert "shared: lufthansa" in out
    # a shared term the two stories wrote in different words says which ones
    assert "ground (grounding / grounded)" in out
    assert "lowered: days apart" in out and "leads name other days x0.60" in out


def test_a_seed_given_twice_under_one_original_url_is_one_story(tmp_path):
    text = seed_text(url="https://news.example/one", body=FINE)
    first = parse_seed(text, str(tmp_path / "001_a.txt"))
    second = parse_seed(text.replace("A story", "A story, again"), str(tmp_path / "002_b.txt"))
    inputs, problems = stories_for_clustering([first, second])
    assert [i.title for i in inputs] == ["A story"] and not problems
