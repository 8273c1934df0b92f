"""Deterministic story seeds for the search tests: many stories in realistic-looking news
prose, from several publishers, each with one to three topics.

Vocabulary: common news words with their inflections, plus made-up names and places
(proper nouns make up much of a real digest's vocabulary and of its index). None of
the words below occurs in the sample seed's distinctive phrases ("spyware Pegasus").
"""

from __future__ import annotations

import random

from sitebuild import seed_text

# Labels from the taxonomy in pelicanconf.py: a `Topics:` header sets them (the
# curator's override), so every story has known topics whatever the classifier says.
TOPICS = ["Government & Policy", "Business & Economy", "Technology", "Health",
          "Climate & Environment", "Science", "Sports", "Human Rights", "Law & Courts",
          "Elections", "Privacy", "Cybersecurity"]

SOURCES = ["The Morning Ledger", "Harbour City Times", "Northern Courier", "Daily Sentinel",
           "The Valley Post", "Metro Bulletin", "Coastal Herald", "The Civic Observer",
           "Prairie Gazette", "Capital Dispatch", "Riverside Tribune", "The Evening Record"]

STEMS = """
report announce plan govern elect vote debate reform tax budget spend invest trade export
import market price rise fall grow shrink hire strike protest rally march court judge rule
appeal charge arrest investigate police detect prosecute sentence release prison hospital
treat vaccine test study research discover launch build design engineer develop fund
support oppose criticise warn urge demand propose approve reject delay cancel open close
expand reduce cut increase record break win lose score play coach train travel fly drive
transport repair flood storm heat burn rain forecast measure count survey poll interview
publish print stream broadcast film paint perform teach learn graduate enrol school
parliament minister council senate mayor governor president agency company startup bank
factory farm harvest crop water power energy solar wind coal oil gas carbon emission
climate ocean river forest mountain city village district province region border port
airport railway station bridge road tunnel housing rent wage pension benefit insurance
""".split()

SUFFIXES = ["", "s", "ed", "ing", "er", "ers"]

SMALL = """the a of to in and for on with at by from that this its their after before
over under about against between during amid while as is was were has have had will
would could may said says new more most than also not but or""".split()

SYLLABLES = """ka lo mi ra ten sor vel an dri os ul ba ne tu gar hel mon pra zi que wen
fa dor li ste vik ar bo chen nu ya""".split()


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


class _Words:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.words = [s + x for s in STEMS for x in SUFFIXES]
        rng.shuffle(self.words)
        self.names = sorted({_name(rng) for _ in range(1500)})
        # Zipf-like: a few words are everywhere, most are rare, as in real prose.
        self.weights = [1 / (rank + 1) for rank in range(len(self.words))]

    def sentence(self) -> str:
        rng = self.rng
        parts = []
        for _ in range(rng.randint(10, 26)):
            roll = rng.random()
            if roll < 0.38:
                parts.append(rng.choice(SMALL))
            elif roll < 0.48:
                parts.append(rng.choice(self.names))
            elif roll < 0.51:
                parts.append(str(rng.randint(2, 2025)))
            else:
                parts.append(rng.choices(self.words, self.weights)[0])
        text = " ".join(parts)
        return text[0].upper() + text[1:] + "."


def story_seeds(count: int, *, seed: int = 7, start: int = 1) -> dict[str, str]:
    """``count`` seed files (name -> text), the same every run for the same arguments."""
    rng = random.Random(seed)
    words = _Words(rng)
    seeds = {}
    for number in range(start, start + count):
        title = " ".join(words.sentence().rstrip(".").split()[:rng.randint(6, 12)])
        body = [" ".join(words.sentence() for _ in range(rng.randint(2, 5)))
                for _ in range(rng.randint(5, 12))]
        day = rng.randint(0, 27)
        topics = rng.sample(TOPICS, rng.randint(1, 3))
        seeds[f"{number:03d}_{rng.getrandbits(64):016x}.txt"] = seed_text(
            title=title,
            published=f"2020-{rng.randint(1, 12):02d}-{day + 1:02d}T{rng.randint(0, 23):02d}:"
                      f"{rng.randint(0, 59):02d}:00+00:00",
            author=rng.choice([f"{words.names[number % 1500]} {_name(rng)}", "Reuters", "AP"]),
            source=rng.choice(SOURCES),
            url=f"https://news{number % 17}.example/{number}/{title.lower().replace(' ', '-')}",
            body=body,
            extra=[("Topics", ", ".join(topics))],
        )
    return seeds
