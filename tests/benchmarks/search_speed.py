"""Search speed: the database work of the search page, timed in-process (no HTTP).

Loads N articles (bulk_corpus) into a throwaway database beside the configured one, picks a
rare word and two common words by document frequency (search_terms), and for each of them
and the nine-phrase query runs what the list page runs: articles.views.filtered_page on a
RequestFactory GET, under the public statement timeout the middleware would set, with the
page's rows, their events and their snippets fetched. Each search runs a few times unmeasured,
then --runs times measured. Then EXPLAIN ANALYZE of the two-common-words search's count, page
and snippet queries.

    python3 -m uv run python -m tests.benchmarks.search_speed --count 100000
"""

import argparse
import os
import statistics
import time
from collections import Counter

from tests.benchmarks.code_version import code_version
from tests.benchmarks.database import setup_django, throwaway_database

QUERY_CANCELED = "57014"  # SQLSTATE of a statement cancelled by statement_timeout
PLAN_LINES = 14


class StatementWatch:
    """Counts a connection's statements and those PostgreSQL refused or cancelled."""

    def __init__(self):
        self.statements = 0
        self.cancelled = 0
        self.refused = Counter()

    def __call__(self, execute, sql, params, many, context):
        from django.db import DatabaseError

        self.statements += 1
        try:
            return execute(sql, params, many, context)
        except DatabaseError as error:
            state = getattr(error.__cause__, "sqlstate", None)
            if state == QUERY_CANCELED:
                self.cancelled += 1
            else:
                self.refused[state] += 1
            raise


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="articles in the database")
    parser.add_argument("--runs", type=int, default=50, help="measured runs per search")
    parser.add_argument("--warmup", type=int, default=5, help="unmeasured runs per search")
    args = parser.parse_args()

    os.environ["DEBUG"] = "0"  # no query log: time what a served page would spend
    setup_django()
    from django.conf import settings

    from tests.benchmarks.bulk_corpus import load_corpus
    from tests.benchmarks.search_terms import benchmark_searches

    with throwaway_database("readingroom_search_benchmark"):
        load_corpus(args.count, settings.SEEDS_DIR)
        searches = benchmark_searches()
        print(f"\nCode: {code_version()}")
        print(
            f"filtered_page for each search: {args.warmup} warm-up runs, then {args.runs} "
            f"measured; statement timeout {settings.PUBLIC_STATEMENT_TIMEOUT_MS} ms"
        )
        for search in searches:
            print(f"{search.label}: q={search.query!r} {search.note}".rstrip())
        print_header()
        for search in searches:
            print_row(search, time_search(search.query, args))
        common = next(search for search in searches if search.label == "two common words")
        explain(common.query)


def request_for(query):
    from django.test import RequestFactory

    return RequestFactory().get("/articles/", {"q": query}, HTTP_HOST="127.0.0.1")


def run_list_page(query):
    """What the list view asks of the database, all of it evaluated."""
    from articles.views import filtered_page

    filterset, page = filtered_page(request_for(query))
    rows = [
        (article.snippet, [event.slug for event in article.events.all()])
        for article in page.object_list
    ]
    return filterset, page, rows


def time_search(query, args):
    from django.conf import settings
    from django.db import connection

    from readingroom.statement_timeout import TimeoutSetter

    timeout = TimeoutSetter(settings.PUBLIC_STATEMENT_TIMEOUT_MS)
    for _ in range(args.warmup):
        with connection.execute_wrapper(timeout):
            run_list_page(query)
    watch = StatementWatch()
    milliseconds, failed = [], 0
    with connection.execute_wrapper(timeout), connection.execute_wrapper(watch):
        for _ in range(args.runs):
            started = time.perf_counter()
            filterset, page, rows = run_list_page(query)
            milliseconds.append((time.perf_counter() - started) * 1000)
            failed += filterset.failed
    return {
        "ms": milliseconds,
        "statements": watch.statements / args.runs,
        "cancelled": watch.cancelled,
        "refused": sum(watch.refused.values()),
        "failed": failed,
        "matches": f"{page.paginator.count:,}" + ("+" if filterset.too_broad_to_rank else ""),
        "sort": "failed" if filterset.failed else filterset.sort_key,
        "rows": len(rows),
    }


def print_header():
    header = ["p50 ms", "p95 ms", "max ms", "queries", "matches", "sort", "timed out"]
    print(f"\n{'search':<18}" + "".join(f"{cell:>10}" for cell in header) + "  failed runs")


def print_row(search, result):
    ms = result["ms"]
    cuts = statistics.quantiles(ms, n=100, method="inclusive")
    cells = [
        f"{cuts[49]:.1f}", f"{cuts[94]:.1f}", f"{max(ms):.1f}", f"{result['statements']:.0f}",
        result["matches"], result["sort"], str(result["cancelled"]),
    ]  # fmt: skip
    refused = f" ({result['refused']} statements refused)" if result["refused"] else ""
    print(
        f"{search.label:<18}"
        + "".join(f"{c:>10}" for c in cells)
        + f"  {result['failed']}{refused}"
    )


def explain(query):
    """EXPLAIN ANALYZE the count, page and snippet queries of one list page, without timeout."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        run_list_page(query)
    statements = [entry["sql"] for entry in captured.captured_queries]
    wanted = {
        "count": next((s for s in statements if "COUNT(" in s), None),
        "page": next((s for s in statements if "LIMIT 20" in s and "COUNT(" not in s), None),
        "snippets": next((s for s in statements if "ts_headline" in s), None),
    }
    print(f"\nEXPLAIN ANALYZE, q={query!r} (no statement timeout):")
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")
        connection.statement_timeout_ms = None
        for name, sql in wanted.items():
            if sql is None:
                print(f"{name}: not run by this page")
                continue
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0][0]
            print(
                f"{name}: {plan['Execution Time']:.1f} ms (planning {plan['Planning Time']:.1f} ms)"
            )
            for line in plan_lines(plan["Plan"])[:PLAN_LINES]:
                print(f"    {line}")


def plan_lines(node, depth=0):
    where = node.get("Index Name") or node.get("Relation Name") or ""
    line = (
        f"{'  ' * depth}{node['Node Type']} {where}".rstrip()
        + f"  rows={node['Actual Rows']:,} loops={node['Actual Loops']}"
        + f" time={node['Actual Total Time']:.1f} ms"
    )
    lines = [line]
    for child in node.get("Plans", []):
        lines += plan_lines(child, depth + 1)
    return lines


if __name__ == "__main__":
    main()
