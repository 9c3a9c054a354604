"""Precision and recall of the events' placement rules on real coverage, tuning and held-out.

The corpus (`corpus.csv`, one row per article in `articles/`) holds real articles about the
two events and hard negatives, with their addresses. Each article's part is fixed by a hash
of its address, never by how the rules do on it: tune on the tuning part only, and read the
held-out numbers as what to expect on coverage nobody has seen.

    python3 -m uv run python -m tests.placement_corpus.evaluate [--show-misses] [--tuning-only]

While tuning, pass --tuning-only: each look at the held-out numbers spends some of their worth.
"""

import argparse
import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
NONE = "none"


@dataclass(frozen=True)
class Example:
    file: str
    url: str
    expected: str
    text: str

    @property
    def part(self):
        return "tuning" if hashlib.sha256(self.url.encode()).digest()[0] < 128 else "held-out"


def load_examples():
    with open(CORPUS / "corpus.csv", encoding="utf-8") as index:
        return [
            Example(
                row["file"],
                row["url"],
                row["expected"],
                (CORPUS / "articles" / row["file"]).read_text(encoding="utf-8"),
            )
            for row in csv.DictReader(index)
        ]


def placements(rules, text):
    """The slugs of the events the rules place an article's text in."""
    from articles.cleaning import clean
    from articles.front_matter import split_front_matter
    from articles.placement import Lead

    cleaned = clean(split_front_matter(text)[1])
    lead = Lead.of(cleaned.headline, cleaned.standfirst, [b.as_dict() for b in cleaned.blocks])
    return {slug for slug, rule in rules.items() if rule.matches(lead)}


def score(rules, examples):
    """(placed right, relevant, placed wrong, unrelated, misses, wrong placements)."""
    right = wrong = 0
    misses, mistakes = [], []
    for example in examples:
        placed = placements(rules, example.text)
        if example.expected != NONE and example.expected in placed:
            right += 1
        elif example.expected != NONE:
            misses.append(example)
        if placed - {example.expected}:
            wrong += 1
            mistakes.append((example, placed))
    relevant = sum(1 for e in examples if e.expected != NONE)
    return right, relevant, wrong, len(examples) - relevant, misses, mistakes


def current_rules():
    from articles.models import Event
    from articles.placement import PlacementRule

    return {event.slug: PlacementRule.from_event(event) for event in Event.objects.all()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", action="store_true", help="list tuning-part errors")
    parser.add_argument(
        "--tuning-only", action="store_true", help="score the tuning part only, not the held-out"
    )
    args = parser.parse_args()

    from tests.benchmarks.database import setup_django, throwaway_database

    setup_django()
    with throwaway_database("readingroom_placement"):
        rules = current_rules()
    examples = load_examples()
    print("part     | relevant placed | unrelated placed | precision | recall")
    for part in ("tuning",) if args.tuning_only else ("tuning", "held-out"):
        chosen = [example for example in examples if example.part == part]
        right, relevant, wrong, unrelated, misses, mistakes = score(rules, chosen)
        precision = right / (right + wrong) if right + wrong else 1.0
        print(
            f"{part:<8} | {right:>3} of {relevant:<3}      | {wrong:>3} of {unrelated:<3}       "
            f"| {precision:9.2f} | {right / relevant:6.2f}"
        )
        if args.show_misses and part == "tuning":
            for example in misses:
                print(
                    f"  missed {example.file} ({example.expected}): {example.text.splitlines()[0]}"
                )
            for example, placed in mistakes:
                print(f"  wrong  {example.file} {sorted(placed)}: {example.text.splitlines()[0]}")


if __name__ == "__main__":
    main()
