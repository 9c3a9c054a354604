"""Serve speed: how the public pages hold up under load, against a static file.

Loads N articles into a throwaway database beside the configured one (bulk_corpus: a few
hundred imported, the rest copied in SQL), collects static files and starts the server the
way `manage.py serve` does (DEBUG off) on a free port of 127.0.0.1. Then, in one run:

1. With the page cache on (the default): the home, event, filtered list, article and feed
   pages, warmed up first; the same pages asked again with If-None-Match set to their ETag
   (304s); the article page's latency with and without slow clients (header lines one every
   2 s); a burst of simultaneous connections to the article page.
2. A second server with PAGE_CACHE=0: the same pages, three searches with snippets
   (search_terms), and the burst again.

Each table row's rate is also given as a share of a static file of similar size served by
whitenoise in the same server, measured before and after that server's pages (the two differ
when other work on the machine comes and goes).

    python3 -m uv run python -m tests.benchmarks.serve_speed --count 100000 --server gunicorn-sync

The main table's load comes from wrk when it is installed (apt-get install wrk), else from a
slower Python client, which the output names; the slow-client and burst measurements use an
asyncio client that also counts the requests never answered (async_http). The page cache
lives where CACHE_URL says (--cache-url), as for serve: unset, in files under var/cache.
--server picks granian (serve's command, the default), gunicorn-sync or gunicorn-gthread
(servers.py). Timings are printed, never checked; the exit status is 1 when a page of the main
table answered other than expected.
"""

import argparse
import http.client
import json
import os
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from tests.benchmarks.code_version import code_version
from tests.benchmarks.database import setup_django, throwaway_database
from tests.benchmarks.load import HOST, LoadGenerator, Measurement
from tests.benchmarks.servers import SERVERS, describe, serving

EVENT = "farewells"
SLOW_CLIENTS_SETTLE_SECONDS = 2
DRAIN_LIMIT_SECONDS = 60
DRAINED_SECONDS = 0.25  # a /healthz this quick found no queue


@dataclass
class Row:
    label: str
    measurement: Measurement
    expected: int = 200
    static_rate: float = 0.0  # the same server's static file, measured before and after


def main():
    args = parse_args()
    if args.cache_url:
        os.environ["CACHE_URL"] = args.cache_url
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from tests.benchmarks.bulk_corpus import load_corpus
    from tests.benchmarks.search_terms import benchmark_searches

    load = LoadGenerator(
        args.concurrency, args.duration, args.requests, args.timeout, args.python_client
    )
    with throwaway_database("readingroom_serve_benchmark") as database:
        load_corpus(args.count, settings.SEEDS_DIR)
        article = viral_article_url()
        pages = ["/", f"/events/{EVENT}/", f"/articles/?event={EVENT}", article, "/feed/"]
        searches = {f"search: {search.label}": search for search in benchmark_searches()}
        call_command("collectstatic", interactive=False, verbosity=0)
        url = database_url(settings.DATABASE_URL, database)
        print_setup(args, load, settings, searches)

        with serving(args.server, environment(url, True), settings.BASE_DIR, *pool(args)) as port:
            cached = cached_phase(port, pages, article, load, args, settings)
        with serving(args.server, environment(url, False), settings.BASE_DIR, *pool(args)) as port:
            uncached = uncached_phase(port, pages, searches, article, load, args, cached.static)
        print_results(cached, uncached, article, searches, args)

    failed = [
        row for row in cached.rows + uncached.rows if row.measurement.unexpected(row.expected)
    ]
    if failed:
        sys.exit(f"{len(failed)} rows had responses other than expected: see non-200.")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="articles in the database")
    parser.add_argument("--server", choices=SERVERS, default=SERVERS[0])
    parser.add_argument("--workers", type=int, default=2, help="server worker processes")
    parser.add_argument(
        "--threads", type=int, default=8, help="threads per worker (gunicorn-gthread)"
    )
    parser.add_argument("--concurrency", type=int, default=16, help="simultaneous connections")
    parser.add_argument("--duration", type=float, default=8, help="seconds per URL (wrk)")
    parser.add_argument(
        "--requests", type=int, default=300, help="requests per URL (Python client only)"
    )
    parser.add_argument(
        "--python-client", action="store_true", help="the Python client even if wrk is there"
    )
    parser.add_argument("--warmup", type=int, default=20, help="unmeasured requests per URL")
    parser.add_argument("--timeout", type=float, default=10, help="seconds before a request fails")
    parser.add_argument("--slow-clients", type=int, default=10)
    parser.add_argument("--connections-burst", type=int, default=256)
    parser.add_argument("--burst-requests", type=int, default=3, help="requests per connection")
    parser.add_argument(
        "--cache-url",
        default=os.environ.get("CACHE_URL", ""),
        help="the page cache's store (CACHE_URL); empty: files under var/cache, as for serve",
    )
    return parser.parse_args()


def pool(args):
    return args.workers, args.threads


def environment(database, page_cache):
    return {
        **os.environ,
        "DATABASE_URL": database,
        "DEBUG": "0",
        "PAGE_CACHE": "1" if page_cache else "0",
    }


def viral_article_url():
    """The permalink that goes viral: the first published seed article (real text, captions,
    cleaning marks), else the first published synthetic one."""
    from articles.models import Article

    published = Article.objects.published().exclude(source_name__startswith="copy")
    article = (
        published.exclude(source_name__startswith="synthetic_").order_by("source_name").first()
        or published.order_by("source_name").first()
    )
    if article is None:
        sys.exit("No article was published; the placement rules placed none.")
    return article.get_absolute_url()


def database_url(url, name):
    parts = urlsplit(url)
    folder = parts.path.rsplit("/", 1)[0]
    return urlunsplit(parts._replace(path=f"{folder}/{quote(name)}"))


@dataclass
class Phase:
    rows: list
    static: str
    static_size: int
    slow: tuple
    burst: object


def cached_phase(port, pages, article, load, args, settings):
    from tests.benchmarks.connection_burst import connection_burst

    first = {page: fetch(port, page) for page in pages}  # renders and stores each page
    sizes = [size for _, _, size in first.values()]
    static = static_file_url(settings, statistics.median(sizes))
    static_size = fetch(port, static)[2]
    warm_up(port, [static, *pages], args)
    rows = [measured(load, port, static, "static")]
    for page in pages:
        _, headers, _ = fetch(port, page)
        mode = "cached" if "hit" in headers.get("cache-status", "") else "cached (MISS)"
        rows.append(measured(load, port, page, mode))
    for page in pages:
        etag = fetch(port, page)[1].get("etag")
        if etag:
            conditional = {"If-None-Match": etag}
            rows.append(measured(load, port, page, "304", conditional, expected=304))
        else:
            print(f"{page} has no ETag: no conditional requests measured.")
    rows.append(measured(load, port, static, "static again"))
    compare_with_static(rows)
    slow = slow_client_runs(port, article, args)
    burst = connection_burst("cached", port, article, args.connections_burst, args.burst_requests)
    return Phase(rows, static, static_size, slow, burst)


def uncached_phase(port, pages, searches, article, load, args, static):
    from tests.benchmarks.connection_burst import connection_burst

    warm_up(port, [static, *pages, *map(search_url, searches.values())], args)
    rows = [measured(load, port, static, "static")]
    rows += [measured(load, port, page, "uncached") for page in pages]
    rows += [measured(load, port, search_url(search), "uncached") for search in searches.values()]
    rows.append(measured(load, port, static, "static again"))
    compare_with_static(rows)
    burst = connection_burst("uncached", port, article, args.connections_burst, args.burst_requests)
    return Phase(rows, static, 0, (), burst)


def search_url(search):
    return "/articles/?" + urlencode({"q": search.query})


def measured(load, port, url, mode, headers=None, expected=200):
    measurement = load.measure(port, url, mode, headers)
    drain(port)
    return Row(url, measurement, expected)


def compare_with_static(rows):
    """Set each row's static rate: the mean of the static file's first and last runs, which
    also shows how much the machine's speed drifted while the pages were measured."""
    first, last = rows[0].measurement.rate, rows[-1].measurement.rate
    for row in rows:
        row.static_rate = (first + last) / 2


def slow_client_runs(port, article, args):
    """The article page's latency without, with and after slow clients, from the asyncio
    client, which counts requests that never get an answer (wrk leaves them out)."""
    from tests.benchmarks.async_http import steady_load
    from tests.benchmarks.slow_clients import HOLD_SECONDS, SlowClients

    window = HOLD_SECONDS - 2 * SLOW_CLIENTS_SETTLE_SECONDS
    runs = [steady_load(port, article, "no slow clients", args.concurrency, window, args.timeout)]
    drain(port)
    with SlowClients(port, article, args.slow_clients) as slow:
        time.sleep(SLOW_CLIENTS_SETTLE_SECONDS)  # let them connect and start trickling
        mode = f"{args.slow_clients} slow clients"
        runs.append(steady_load(port, article, mode, args.concurrency, window, args.timeout))
    drain(port)
    after = steady_load(port, article, "after they left", args.concurrency, 8, args.timeout)
    drain(port)
    return [*runs, after], slow.summary()


def drain(port):
    """Wait until the server has worked off the requests a run left behind.

    When wrk stops, each of its connections may leave a request queued; on a slow page that
    is seconds of work, which would count against the next URL. A /healthz that answers
    at once means the queue is empty.
    """
    deadline = time.monotonic() + DRAIN_LIMIT_SECONDS
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            fetch(port, "/healthz")
        except (OSError, http.client.HTTPException):
            time.sleep(DRAINED_SECONDS)
            continue
        if time.monotonic() - started < DRAINED_SECONDS:
            return
    print(f"The server was still busy {DRAIN_LIMIT_SECONDS} s after a run; measuring on.")


def warm_up(port, urls, args):
    from tests.benchmarks.load import run_python

    for url in urls:
        run_python(port, url, "warm-up", {}, args.warmup, 60, args.concurrency, args.timeout)
    drain(port)


def fetch(port, url):
    """(status, lower-cased headers, body size) of one GET."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", url)
        response = connection.getresponse()
        size = len(response.read())
        return response.status, {k.lower(): v for k, v in response.getheaders()}, size
    finally:
        connection.close()


def static_file_url(settings, target_size):
    """The collected file (not a compressed copy) closest in size to the pages."""
    root = Path(settings.STATIC_ROOT)
    names = json.loads((root / "staticfiles.json").read_text())["paths"]
    name = min(names.values(), key=lambda n: abs((root / n).stat().st_size - target_size))
    return settings.STATIC_URL + name


def print_setup(args, load, settings, searches):
    from articles.search_input import normalise

    cache = os.environ.get("CACHE_URL") or f"files in {settings.DATA_DIR / 'cache'}"
    print(f"\nCode: {code_version()}")
    print(f"Server: {describe(args.server, args.workers, args.threads)}")
    print(f"Load: {load.describe()}")
    print(f"Page cache store: {cache}")
    admission = ", ".join(
        f"{name}={os.environ.get(name, 'unset (default)')}"
        for name in ("SERVER_ACTIVE_REQUESTS", "SERVER_QUEUE_MS")
    )
    print(f"Admission control (readingroom/wsgi.py): {admission}")
    for label, search in searches.items():
        used = normalise(search.query)
        facts = [f"q={search.query!r}", search.note, f"searched as {used.text!r}", *used.notices]
        print(f"{label}: " + "; ".join(filter(None, facts)))


def print_results(cached, uncached, article, searches, args):
    names = {search_url(search): label for label, search in searches.items()}
    names |= {article: "article page", cached.static: "static file"}
    print(f"\narticle page: {article}")
    print(f"static file: {cached.static} ({cached.static_size:,} bytes)")
    print_main_table(cached.rows + uncached.rows, names)
    print_slow_clients(cached.slow, args)
    print_bursts([cached.burst, uncached.burst], args)


def print_main_table(rows, names):
    """One row per measured URL; `names` shows some URLs by name ({url: name})."""
    header = ["mode", "done", "req/s", "p50 ms", "p95 ms", "p99 ms", "% static"]
    widths = [14, 9, 9, 9, 9, 9, 9]
    labels = [names.get(row.label, row.label) for row in rows]
    width = max(map(len, labels))
    print("\n" + f"{'URL':<{width}}" + cells(header, widths) + "  non-200")
    for label, row in zip(labels, rows, strict=True):
        m = row.measurement
        values = [m.mode, *timing(m), f"{100 * m.rate / row.static_rate:.1f}"]
        print(f"{label:<{width}}" + cells(values, widths) + "  " + others(m))


def timing(m):
    """Requests answered, their rate and latency percentiles (none when nothing answered)."""
    latencies = [m.p50_ms, m.p95_ms, m.p99_ms] if m.completed else []
    return [
        f"{m.completed:,}",
        f"{m.rate:,.1f}",
        *([f"{value:.1f}" for value in latencies] or ["-", "-", "-"]),
    ]


def cells(values, widths):
    return "".join(f"{value:>{w}}" for value, w in zip(values, widths, strict=True))


def others(measurement):
    """Every response but a 200, and every failed request, counted."""
    counts = measurement.unexpected(200)
    return ", ".join(f"{n} x {what}" for what, n in sorted(counts.items())) or "0"


def print_slow_clients(runs, args):
    from tests.benchmarks.slow_clients import HOLD_SECONDS, LINE_INTERVAL

    measurements, outcomes = runs
    print(
        f"\nSlow clients: {args.slow_clients} connections sending a header line every "
        f"{LINE_INTERVAL:g} s for up to {HOLD_SECONDS:g} s; article page, cached; "
        f"{args.concurrency} connections from the asyncio client (latencies include requests "
        "that timed out or were still waiting, at the time they had waited)"
    )
    header = ["done", "req/s", "p50 ms", "p95 ms", "p99 ms"]
    widths = [9, 9, 9, 9, 9]
    print(f"{'condition':<18}" + cells(header, widths) + "  non-200")
    for m in measurements:
        print(f"{m.mode:<18}" + cells(timing(m), widths) + "  " + others(m))
    print(f"The slow clients: {outcomes}")


def print_bursts(bursts, args):
    from tests.benchmarks.connection_burst import TIMEOUT

    print(
        f"\nBurst: {args.connections_burst} connections at once, {args.burst_requests} requests "
        f"each (keep-alive when the server allows), {TIMEOUT:g} s timeout; article page "
        "(latencies include timeouts, at the time they had waited)"
    )
    for m in bursts:
        print(
            f"{m.mode:<9} all done in {m.seconds:5.1f} s: "
            + ", ".join(f"{n} x {what}" for what, n in sorted(answers(m).items()))
            + f"; p50 {m.p50_ms:.0f} ms, p95 {m.p95_ms:.0f} ms, p99 {m.p99_ms:.0f} ms"
        )


def answers(measurement):
    """Every status and every failure, counted."""
    counts = Counter({str(code): n for code, n in measurement.statuses.items()})
    counts.update(measurement.errors)
    return counts


if __name__ == "__main__":
    main()
