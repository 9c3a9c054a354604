"""Precision of source extraction on real coverage: every citation found, with a verdict.

The verdicts (tests/citation_verdicts.csv) were given by reading each citation in its
paragraph: is it a source the article names for its story? Precision is right / found;
a citation with no verdict yet is listed for a person to judge.

    python3 -m uv run python -m tests.citation_precision
"""

import csv
from pathlib import Path

from articles.citations import citations_in
from articles.cleaning import clean
from tests.placement_corpus.evaluate import load_examples

VERDICTS = Path(__file__).resolve().parent / "citation_verdicts.csv"


def found_citations():
    for example in load_examples():
        blocks = [block.as_dict() for block in clean(example.text).blocks]
        for citation in citations_in(blocks):
            yield example.file, citation


def main():
    with open(VERDICTS, encoding="utf-8") as file:
        verdicts = {
            (r["file"], r["kind"], r["name"]): r["right"] == "yes" for r in csv.DictReader(file)
        }
    right = judged = 0
    for file, citation in found_citations():
        verdict = verdicts.get((file, citation.kind, citation.name))
        if verdict is None:
            print(f"no verdict: {file} {citation.kind} {citation.name!r} ({citation.evidence!r})")
            continue
        judged += 1
        right += verdict
    print(
        f"citations found: {judged} judged, {right} right: precision {right / max(1, judged):.2f}"
    )


if __name__ == "__main__":
    main()
