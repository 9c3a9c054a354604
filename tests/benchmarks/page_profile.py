"""Where an uncached page's time goes: cProfile of whole requests, in-process.

Loads N articles (bulk_corpus) into a throwaway database beside the configured one, turns the
page cache off, and hands RequestFactory GETs for the article page and the event's list page
to Django's WSGI handler (every middleware, as under gunicorn, without HTTP). Each page is
asked a few times unmeasured, then --runs times under cProfile. Prints the time per request,
the part spent waiting for SQL, and the functions with the most cumulative time (leaving out
the request-handling chain of middleware and view that wraps nearly all of it) and with the
most time of their own, in ms per request.

    python3 -m uv run python -m tests.benchmarks.page_profile --count 100000
"""

import argparse
import cProfile
import os
import pstats
import time
from collections import Counter
from pathlib import Path

from tests.benchmarks.code_version import code_version
from tests.benchmarks.database import setup_django, throwaway_database
from tests.benchmarks.serve_speed import EVENT, viral_article_url

TOP_FUNCTIONS = 15
SLOWEST_STATEMENTS = 3
SQL_SHOWN = 300  # characters of each slow statement
PLAN_LINES = 14
# A function holding more than this share of all the time is part of the handling chain
# (WSGI handler, middleware, the view itself): it wraps everything and explains nothing.
WRAPPER_SHARE = 0.9


class SqlTimer:
    """Adds up the statements a connection runs and the time it waits for each."""

    def __init__(self):
        self.statements = 0
        self.seconds_by_sql = Counter()
        self.params_by_sql = {}

    @property
    def seconds(self):
        return sum(self.seconds_by_sql.values())

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.statements += 1
            self.seconds_by_sql[sql] += time.perf_counter() - started
            self.params_by_sql[sql] = params


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="articles in the database")
    parser.add_argument("--runs", type=int, default=20, help="profiled requests per page")
    parser.add_argument("--warmup", type=int, default=3, help="unprofiled requests per page")
    parser.add_argument(
        "--url",
        action="append",
        help="a page to profile (repeatable); 'article' is the serve benchmark's article page; "
        f"default: article and /articles/?event={EVENT}",
    )
    args = parser.parse_args()

    os.environ.update(DEBUG="0", PAGE_CACHE="0")
    setup_django()
    from django.conf import settings

    from tests.benchmarks.bulk_corpus import load_corpus

    with throwaway_database("readingroom_profile_benchmark"):
        load_corpus(args.count, settings.SEEDS_DIR)
        print(f"\nCode: {code_version()}")
        for url in args.url or ["article", f"/articles/?event={EVENT}"]:
            profile_page(viral_article_url() if url == "article" else url, args)


def profile_page(url, args):
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection

    handler = WSGIHandler()
    for _ in range(args.warmup):
        serve(handler, url)
    timer = SqlTimer()
    profiler = cProfile.Profile()
    started = time.perf_counter()
    with connection.execute_wrapper(timer):
        profiler.enable()
        for _ in range(args.runs):
            serve(handler, url)
        profiler.disable()
    seconds = time.perf_counter() - started
    per_request = 1000 * seconds / args.runs
    sql = 1000 * timer.seconds / args.runs
    print(
        f"\n{url}\n{args.runs} requests under cProfile: {per_request:.1f} ms each, of which "
        f"{sql:.1f} ms waiting for {timer.statements / args.runs:.0f} SQL statements "
        "(cProfile slows the Python part); the slowest statements, ms per request:"
    )
    for sql, spent in timer.seconds_by_sql.most_common(SLOWEST_STATEMENTS):
        print(f"  {1000 * spent / args.runs:7.1f} ms  {' '.join(sql.split())[:SQL_SHOWN]}")
    explain_slowest(timer)
    stats = pstats.Stats(profiler)
    print_top(stats, "cumulative", args.runs, lambda entry: entry[3], WRAPPER_SHARE)
    print_top(stats, "own time", args.runs, lambda entry: entry[2])


def explain_slowest(timer):
    """EXPLAIN ANALYZE of the page's slowest statement (no statement timeout), in short."""
    from django.db import connection

    from tests.benchmarks.search_speed import plan_lines

    sql, _ = timer.seconds_by_sql.most_common(1)[0]
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")
        connection.statement_timeout_ms = None  # the middleware sets its own again
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", timer.params_by_sql[sql])
        plan = cursor.fetchone()[0][0]
    print(f"Its plan: {plan['Execution Time']:.1f} ms")
    for line in plan_lines(plan["Plan"])[:PLAN_LINES]:
        print(f"    {line}")


def print_top(stats, title, runs, key, wrapper_share=None):
    """The top functions by `key` of their pstats entry, in ms per request."""
    entries = sorted(stats.stats.items(), key=lambda item: key(item[1]), reverse=True)
    if wrapper_share:
        limit = wrapper_share * stats.total_tt
        entries = [item for item in entries if item[1][3] < limit]
    print(f"\nTop {TOP_FUNCTIONS} by {title}, ms per request:")
    print(f"{'calls':>8} {'own':>8} {'cumul.':>8}  function")
    for (filename, line, name), (_, calls, own, cumulative, _) in entries[:TOP_FUNCTIONS]:
        where = f"{Path(filename).name}:{line}" if line else filename
        print(
            f"{calls / runs:8.1f} {1000 * own / runs:8.2f} {1000 * cumulative / runs:8.2f}  "
            f"{where}({name})"
        )


def serve(handler, url):
    """One request through every middleware; the response read to its end."""
    from django.test import RequestFactory

    request = RequestFactory().get(url, HTTP_HOST="127.0.0.1")
    statuses = []
    response = handler(request.environ, lambda status, headers: statuses.append(status))
    try:
        b"".join(response)
    finally:
        response.close()
    if not statuses[0].startswith("200"):
        raise SystemExit(f"{url} answered {statuses[0]}")


if __name__ == "__main__":
    main()
