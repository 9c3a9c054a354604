"""Share card speed: drawing a card versus serving it from the cache, in-process (no HTTP, no
database).

Times the first card a process draws (the fonts are read then), then --runs draws of
different article, paragraph and Cyrillic cards (each card distinct, so nothing is reused but
the loaded fonts), then --runs reads of a stored card through articles.share_cards.card_png
from a file cache in a temporary folder (the one-machine setup) and from a local-memory one.

    python3 -m uv run python -m tests.benchmarks.card_speed --runs 50
"""

import argparse
import os
import statistics
import tempfile
import time

from tests.benchmarks.code_version import code_version
from tests.benchmarks.database import setup_django

HEADLINE = (
    "Captured Russian prisoner sobs as he tells his mother Putin's forces have destroyed "
    "kindergartens and hospital wards - and begs her to spread the truth back home"
)
CYRILLIC_HEADLINE = "Український солдат прощається з родиною: відео, яке облетіло всю мережу"
PARAGRAPH = (
    "On Thursday (March 3, 2022) the war between Ukraine and Russia, on the eighth day, very "
    "emotional news came out. A Russian soldier is captured by locals in war-torn Ukraine. The "
    "Russian soldier surrenders, after which Ukrainian citizens feed him pastries, give him "
    "drinks and not only this, but also make him talk to his mother on a video call."
)


def cards(kind, count):
    from articles.share_cards import Card

    for number in range(count):
        if kind == "article":
            yield Card(f"{HEADLINE} {number}", "MailOnline", ("Captured-soldier calls",))
        elif kind == "paragraph":
            yield Card(HEADLINE, "MailOnline", quote=f"{PARAGRAPH} {number}", paragraph=3)
        else:
            yield Card(f"{CYRILLIC_HEADLINE} {number}", "Українська правда", ("Прощання",))


def milliseconds(function, items):
    times = []
    for item in items:
        started = time.perf_counter()
        function(item)
        times.append((time.perf_counter() - started) * 1000)
    return times


def print_row(label, times, size=None):
    cuts = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
    cells = [f"{cuts[49]:.2f}", f"{cuts[94]:.2f}", f"{max(times):.2f}", size or ""]
    print(f"{label:<38}" + "".join(f"{cell:>10}" for cell in cells))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50, help="measured runs of each kind")
    args = parser.parse_args()

    os.environ["DEBUG"] = "0"
    setup_django()
    from django.core.cache import caches
    from django.test import override_settings

    from articles.share_cards import Card, card_png, draw

    print(f"Code: {code_version()}")
    print(f"{args.runs} runs of each kind; a card is a 1200 by 630 PNG\n")
    print(f"{'':<38}" + "".join(f"{cell:>10}" for cell in ["p50 ms", "p95 ms", "max ms", "bytes"]))
    first = Card(HEADLINE, "MailOnline", ("Captured-soldier calls",))
    print_row("first draw (fonts read)", milliseconds(draw, [first]), str(len(draw(first))))
    for kind in ("article", "paragraph", "cyrillic"):
        sizes = [len(draw(card)) for card in cards(kind, 3)]
        print_row(f"draw: {kind} card", milliseconds(draw, cards(kind, args.runs)), str(sizes[0]))

    with tempfile.TemporaryDirectory() as folder:
        backends = {
            "files": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": folder,
            },
            "local memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        }
        for name, backend in backends.items():
            with override_settings(CACHES={"default": backend}):
                caches["default"].clear()
                card_png(first)  # drawn and stored
                times = milliseconds(card_png, [first] * args.runs)
                print_row(f"served from the cache ({name})", times)


if __name__ == "__main__":
    main()
