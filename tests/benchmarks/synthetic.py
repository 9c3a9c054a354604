"""Synthetic articles in the seed format, for benchmarks."""

import random

SUBJECTS = ["soldier", "father", "volunteer", "medic", "teacher", "farmer", "pilot", "driver"]
PLACES = ["Kyiv", "Kharkiv", "Lviv", "Odesa", "Dnipro", "Mariupol", "Sumy", "Chernihiv"]
VERBS = ["describes", "recalls", "films", "reports", "explains", "shares", "remembers"]
# English enough for the importer's language detection (it counts common function words),
# so the synthetic archive is searched with English stemming, as real English coverage is.
WORDS = (
    "the war video people city family night shelter train border army report town "
    "morning message phone street help water bread bridge road station school "
    "and of to in a was he his is on with for they it"
).split()

HEADLINES = [
    "Video shows {subject} saying goodbye to his family in {place} #{n}",
    "Captured Russian soldier calls his mother in tears in {place}, video shows #{n}",
    "A {subject} in {place} {verb} the first days of the war #{n}",
]


def synthetic_article(n, rng):
    headline = HEADLINES[n % len(HEADLINES)].format(
        subject=rng.choice(SUBJECTS), place=rng.choice(PLACES), verb=rng.choice(VERBS), n=n
    )
    paragraphs = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(30, 80))).capitalize() + "."
        for _ in range(rng.randint(6, 14))
    ]
    paragraphs.insert(3, "Photo: Agency photographer")
    paragraphs.append("Read more: another story")
    return headline + "\n\n" + "\n\n".join(paragraphs) + "\n"


def write_corpus(folder, count, seed=1):
    rng = random.Random(seed)
    for n in range(count):
        (folder / f"synthetic_{n:06d}.txt").write_text(synthetic_article(n, rng), encoding="utf-8")
