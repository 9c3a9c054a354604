"""A large corpus fast: import a few hundred articles, then copy them in SQL up to N articles.

The importer runs at about a hundred articles per second, far too slow for 100,000 or a
million. So the seeds and a few hundred synthetic articles are imported normally, and the
published synthetic ones are then multiplied with INSERT … SELECT over generate_series, each
copy with its own slug and source name, its events' placements, and a word from a short list
appended to its headline so that search results differ. PostgreSQL computes each copy's
search vector itself (a generated column). Copies get no history rows.

Used by serve_speed and search_speed; on its own it times a load into a throwaway database
(dropped afterwards), to see whether a size is worth waiting for:

    python3 -m uv run python -m tests.benchmarks.bulk_corpus --count 1000000
"""

import argparse
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks.database import setup_django, throwaway_database

SYNTHETIC_IMPORTED = 300
# Small statements, so that the two parallel ones stay busy until the end.
ROWS_PER_STATEMENT = 5_000
PARALLEL_STATEMENTS = 2  # one per core of the machines these benchmarks run on
COPY_PREFIX = "copy{:07d}-"  # a fixed width, so the original's name starts at a known place
# Appended to copies' headlines, picked log-uniformly: the first is in about a quarter of the
# copies, the last in about one in fifty.
HEADLINE_WORDS = [
    "update", "analysis", "explainer", "interview", "timeline", "gallery", "opinion",
    "factcheck", "dispatch", "newsletter", "podcast", "transcript", "correction", "archive",
    "roundup", "briefing",
]  # fmt: skip


@dataclass
class CorpusReport:
    articles: int
    published: int
    imported: int
    timings: dict[str, float]

    def line(self):
        steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in self.timings.items())
        total = sum(self.timings.values())
        return (
            f"Corpus: {self.articles:,} articles ({self.published:,} published; "
            f"{self.imported:,} imported, the rest copied) in {total:.1f} s: {steps}"
        )


def load_corpus(count, seeds_dir, synthetic=SYNTHETIC_IMPORTED, quiet=False):
    """Fill the current (empty, migrated) database with `count` articles; return a report."""
    from django.db import connection

    from readingroom.pagecache import start_new_generation

    timings = {}
    started = time.perf_counter()
    imported = import_originals(seeds_dir, min(synthetic, count))
    timings["import"] = time.perf_counter() - started

    originals = published_synthetic_ids()
    missing = count - article_count()
    if missing > 0:
        if not originals:
            raise SystemExit("No synthetic article was published: there is nothing to copy.")
        started = time.perf_counter()
        with secondary_indexes_dropped(connection, timings):
            copy_articles(originals, missing, quiet)
            timings["copy"] = time.perf_counter() - started

    started = time.perf_counter()
    with connection.cursor() as cursor:
        # VACUUM as well as ANALYZE: otherwise autovacuum would start on the new rows in the
        # middle of a measurement, and index-only scans would still visit the heap.
        cursor.execute("VACUUM (ANALYZE) articles_article, articles_placement")
    timings["vacuum analyze"] = time.perf_counter() - started
    start_new_generation()  # rows copied in SQL send no signal to invalidate the page cache

    report = CorpusReport(article_count(), published_count(), imported, timings)
    if not quiet:
        print(report.line(), flush=True)
    return report


def import_originals(seeds_dir, synthetic):
    from articles.importing import import_paths
    from tests.benchmarks.synthetic import write_corpus

    with tempfile.TemporaryDirectory() as folder:
        write_corpus(Path(folder), synthetic)
        summary = import_paths([folder, seeds_dir])
    if summary.failed:
        raise SystemExit(f"Importing the originals failed: {summary.failed[:3]}")
    return summary.count("created") + summary.count("updated") + summary.count("unchanged")


def published_synthetic_ids():
    from articles.models import Article

    return list(
        Article.objects.published()
        .filter(source_name__startswith="synthetic_")
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def article_count():
    from articles.models import Article

    return Article.objects.count()


def published_count():
    from articles.models import Article

    return Article.objects.published().count()


def copy_articles(originals, missing, quiet):
    """Insert `missing` copies of the original articles, two statements at a time."""
    batches = list(copy_batches(len(originals), missing))
    started = time.perf_counter()
    done, reported = 0, 0
    with ThreadPoolExecutor(max_workers=PARALLEL_STATEMENTS) as pool:
        for rows in pool.map(lambda batch: insert_copies(originals, *batch), batches):
            done += rows
            if not quiet and (done - reported >= missing / 10 or done == missing):
                reported = done
                rate = done / (time.perf_counter() - started)
                print(f"  copied {done:,} of {missing:,} articles ({rate:,.0f}/s)", flush=True)


def copy_batches(original_count, missing):
    """(first copy number, last copy number, originals in the last copy) for each statement."""
    copies_per_statement = max(1, ROWS_PER_STATEMENT // original_count)
    full_copies, remainder = divmod(missing, original_count)
    for first in range(1, full_copies + 1, copies_per_statement):
        yield first, min(first + copies_per_statement - 1, full_copies), original_count
    if remainder:
        yield full_copies + 1, full_copies + 1, remainder


def insert_copies(originals, first, last, originals_in_last):
    """Copy every original once for each copy number first..last, with its placements.

    The last copy number may copy only the first `originals_in_last` originals, so that the
    table ends up with exactly the number of articles asked for. Runs in a pool thread, on
    that thread's own connection, which it closes.
    """
    from django.db import connection

    article_columns, article_values = copy_columns("Article", ARTICLE_OVERRIDES)
    placement_columns, placement_values = copy_columns("Placement", PLACEMENT_OVERRIDES)
    sql = f"""
        WITH copies AS (
            INSERT INTO articles_article ({article_columns})
            SELECT {article_values}
            FROM articles_article AS original
            CROSS JOIN generate_series(%(first)s, %(last)s) AS g(copy)
            WHERE original.id = ANY(%(originals)s)
              AND (g.copy < %(last)s OR original.id = ANY(%(originals_in_last)s))
            RETURNING id, source_name
        )
        INSERT INTO articles_placement ({placement_columns})
        SELECT {placement_values}
        FROM copies
        JOIN articles_article AS original
          ON original.source_name = substr(copies.source_name, %(name_starts)s)
        JOIN articles_placement AS placement ON placement.article_id = original.id
    """
    params = {
        "first": first,
        "last": last,
        "originals": originals,
        "originals_in_last": originals[:originals_in_last],
        "name_starts": len(COPY_PREFIX.format(0)) + 1,
        "words": HEADLINE_WORDS,
    }
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
            cursor.execute(sql, params)
        return (last - first) * len(originals) + originals_in_last
    finally:
        connection.close()


# How a copy's columns differ from its original's; every other column is copied as it is.
ARTICLE_OVERRIDES = {
    "slug": "original.slug || '-c' || g.copy",
    "source_name": "'copy' || lpad(g.copy::text, 7, '0') || '-' || original.source_name",
    # A pseudo-random u in [0, 1) picks word number floor((n + 1)^u) of n: log-uniform.
    "headline": (
        "original.headline || ' (' || (%(words)s::text[])[floor(power("
        "cardinality(%(words)s::text[]) + 1, mod(original.id * 7919 + g.copy * 104729, 1000) "
        "/ 1000.0))::int] || ')'"
    ),
    "created_at": "original.created_at - make_interval(secs => g.copy)",
}
PLACEMENT_OVERRIDES = {"article_id": "copies.id"}


def copy_columns(model_name, overrides):
    """The column list and SELECT expressions that copy a model's stored, non-key columns."""
    from django.apps import apps
    from django.db import connection

    model = apps.get_model("articles", model_name)
    quote = connection.ops.quote_name
    alias = "original" if model_name == "Article" else "placement"
    fields = [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and not getattr(field, "generated", False)
    ]
    columns = ", ".join(quote(field.column) for field in fields)
    values = ", ".join(
        overrides.get(field.column, f"{alias}.{quote(field.column)}") for field in fields
    )
    return columns, values


@contextmanager
def secondary_indexes_dropped(connection, timings):
    """Drop the article table's indexes that back no constraint, and build them again on the
    way out (timed): building an index once is much faster than updating it row by row."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT index.relname, pg_get_indexdef(index.oid)
            FROM pg_index AS x
            JOIN pg_class AS index ON index.oid = x.indexrelid
            WHERE x.indrelid = 'articles_article'::regclass
              AND NOT x.indisprimary
              AND NOT EXISTS (SELECT FROM pg_constraint WHERE conindid = x.indexrelid)
            """
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    try:
        yield
    finally:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=PARALLEL_STATEMENTS) as pool:
            list(pool.map(create_index, [definition for _, definition in indexes]))
        timings["indexes"] = time.perf_counter() - started


def create_index(definition):
    from django.db import connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem TO '512MB'")
            cursor.execute(definition)
    finally:
        connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="articles in all")
    parser.add_argument("--synthetic", type=int, default=SYNTHETIC_IMPORTED)
    args = parser.parse_args()

    setup_django()
    from django.conf import settings

    with throwaway_database("readingroom_bulk_benchmark"):
        load_corpus(args.count, settings.SEEDS_DIR, args.synthetic)
        print(f"Database size: {database_size()}")


def database_size():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        return cursor.fetchone()[0]


if __name__ == "__main__":
    main()
