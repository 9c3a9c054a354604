"""Import speed: articles per second for a first import and a re-import of unchanged files.

Runs on a throwaway database beside the configured one, so it never touches real data:

    python3 -m uv run python -m tests.benchmarks.import_speed --count 10000
"""

import argparse
import tempfile
import time
from pathlib import Path

from tests.benchmarks.database import setup_django, throwaway_database


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--chunk", type=int, default=2_000, help="files per timed slice")
    args = parser.parse_args()

    setup_django()
    from articles.importing import import_paths
    from tests.benchmarks.synthetic import write_corpus

    with throwaway_database("readingroom_benchmark"), tempfile.TemporaryDirectory() as folder:
        write_corpus(Path(folder), args.count)
        files = sorted(Path(folder).glob("*.txt"))
        slices = [files[i : i + args.chunk] for i in range(0, len(files), args.chunk)]

        print(f"First import of {args.count:,} synthetic articles:")
        started = time.perf_counter()
        for number, batch in enumerate(slices, start=1):
            t0 = time.perf_counter()
            summary = import_paths(batch)
            rate = len(batch) / (time.perf_counter() - t0)
            print(f"  slice {number} ({len(batch):,} files): {rate:,.0f} articles/s")
            assert summary.count("failed") == 0, summary.failed[:3]
        first = args.count / (time.perf_counter() - started)

        started = time.perf_counter()
        summary = import_paths([folder])
        again = args.count / (time.perf_counter() - started)
        assert summary.count("unchanged") == args.count, summary.line()

    print(f"first import:            {first:,.0f} articles/s")
    print(f"re-import, unchanged:    {again:,.0f} articles/s")


if __name__ == "__main__":
    main()
