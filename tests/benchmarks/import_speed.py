"""Import speed: articles per second for a first import and a re-import of unchanged files.

Runs on a throwaway database beside the configured one, so it never touches real data. Each
import is one run of the importer over the whole folder, as `manage.py import_articles` does:

    python3 -m uv run python -m tests.benchmarks.import_speed --count 10000 100000
"""

import argparse
import resource
import tempfile
import time
from pathlib import Path

from tests.benchmarks.database import setup_django, throwaway_database


def timed_import(folder, expected):
    from articles.importing import import_paths

    started = time.perf_counter()
    summary = import_paths([folder])
    elapsed = time.perf_counter() - started
    assert summary.count(expected) == summary.count("created") + summary.count("unchanged"), (
        summary.line()
    )
    assert not summary.failed, summary.failed[:3]
    return summary.count(expected) / elapsed, elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, nargs="+", default=[10_000])
    args = parser.parse_args()

    setup_django()
    from tests.benchmarks.synthetic import write_corpus

    print("articles | first import | re-import, unchanged | peak memory (MB)")
    for count in args.count:
        with (
            throwaway_database("readingroom_benchmark"),
            tempfile.TemporaryDirectory() as folder,
        ):
            write_corpus(Path(folder), count)
            first, first_s = timed_import(folder, "created")
            again, again_s = timed_import(folder, "unchanged")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{count:>8,} | {first:>7,.0f}/s ({first_s:.1f} s) | {again:>8,.0f}/s ({again_s:.1f} s)"
            f" | {peak:,.0f}"
        )


if __name__ == "__main__":
    main()
