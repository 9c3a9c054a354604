"""Serve speed: requests per second and latency of the public pages under gunicorn.

Imports N synthetic articles and the seed articles into a throwaway database beside the
configured one, collects static files, starts gunicorn (DEBUG off) on a free port of 127.0.0.1
and sends a fixed number of requests to each URL from a few keep-alive connections:

    python3 -m uv run python -m tests.benchmarks.serve_speed --count 10000

Every response must be 200: the table counts the others, and the script then exits with status 1.
"""

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

from tests.benchmarks.database import setup_django, throwaway_database

HOST = "127.0.0.1"
REQUEST_TIMEOUT = 30
STARTUP_TIMEOUT = 60


@dataclass
class Sample:
    seconds: float
    status: int
    size: int


@dataclass
class Result:
    url: str
    seconds: float
    samples: list[Sample]

    def ok_sizes(self):
        return [s.size for s in self.samples if s.status == 200]

    def failures(self):
        return Counter(s.status for s in self.samples if s.status != 200)


def main():
    args = parse_args()
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    with throwaway_database("readingroom_serve_benchmark") as database:
        load_articles(args.count, settings.SEEDS_DIR)
        pages = ["/", "/articles/", "/events/farewells/", f"/articles/{synthetic_slug()}/"]
        pages.append("/articles/?q=goodbye+family")
        call_command("collectstatic", interactive=False, verbosity=0)
        url = database_url(settings.DATABASE_URL, database)
        with gunicorn(url, settings.BASE_DIR, args.workers) as port:
            results = [measure(port, page, args) for page in pages]
            sizes = [size for result in results for size in result.ok_sizes()]
            static = static_file_url(settings, statistics.median(sizes) if sizes else None)
            results.append(measure(port, static, args))

    print_table(results, args)
    failed = [result for result in results if result.failures()]
    if failed:
        sys.exit(f"{len(failed)} of {len(results)} URLs had responses other than 200.")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="synthetic articles")
    parser.add_argument("--requests", type=int, default=300, help="measured requests per URL")
    parser.add_argument("--warmup", type=int, default=20, help="unmeasured requests per URL")
    parser.add_argument("--concurrency", type=int, default=4, help="simultaneous connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    return parser.parse_args()


def load_articles(count, seeds_dir):
    from articles.importing import import_paths
    from tests.benchmarks.synthetic import write_corpus

    with tempfile.TemporaryDirectory() as folder:
        write_corpus(Path(folder), count)
        summary = import_paths([folder, seeds_dir])
    assert summary.count("failed") == 0, summary.failed[:3]
    print(f"Imported {count:,} synthetic articles and the seeds: {summary.line()}")


def synthetic_slug():
    from articles.models import Article

    slug = (
        Article.objects.published()
        .filter(source_name__startswith="synthetic_")
        .order_by("source_name")
        .values_list("slug", flat=True)
        .first()
    )
    if slug is None:
        sys.exit("No synthetic article was published; the placement rules placed none.")
    return slug


def database_url(url, name):
    parts = urlsplit(url)
    folder = parts.path.rsplit("/", 1)[0]
    return urlunsplit(parts._replace(path=f"{folder}/{quote(name)}"))


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(database, base_dir, workers):
    port = free_port()
    environment = {**os.environ, "DATABASE_URL": database, "DEBUG": "0"}
    command = [
        sys.executable, "-m", "gunicorn", "readingroom.wsgi:application",
        "--bind", f"{HOST}:{port}", "--workers", str(workers),
    ]  # fmt: skip
    with tempfile.TemporaryFile() as stderr:
        server = subprocess.Popen(
            command, env=environment, cwd=base_dir, stdout=subprocess.DEVNULL, stderr=stderr
        )
        try:
            wait_until_healthy(server, port, stderr)
            yield port
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)


def wait_until_healthy(server, port, stderr):
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline and server.poll() is None:
        if healthy(port):
            return
        time.sleep(0.2)
    stderr.seek(0)
    log = stderr.read().decode(errors="replace")[-3000:]
    status = server.poll()
    reason = f"exited with status {status}" if status is not None else "is still starting"
    sys.exit(
        f"gunicorn {reason}: /healthz did not answer 200 within {STARTUP_TIMEOUT} s. "
        f"Its stderr:\n{log}"
    )


def healthy(port):
    connection = http.client.HTTPConnection(HOST, port, timeout=2)
    try:
        return get(connection, "/healthz").status == 200
    except (OSError, http.client.HTTPException):
        return False
    finally:
        connection.close()


def get(connection, url):
    started = time.perf_counter()
    connection.request("GET", url)
    response = connection.getresponse()
    size = len(response.read())
    return Sample(time.perf_counter() - started, response.status, size)


def static_file_url(settings, target_size):
    root = Path(settings.STATIC_ROOT)
    names = json.loads((root / "staticfiles.json").read_text())["paths"]
    if target_size is None:
        name = names["css/site.css"]
    else:
        name = min(names.values(), key=lambda n: abs((root / n).stat().st_size - target_size))
    return settings.STATIC_URL + name


def measure(port, url, args):
    run(port, url, args.warmup, args.concurrency)
    return run(port, url, args.requests, args.concurrency)


def run(port, url, total, concurrency):
    shares = [total // concurrency + (i < total % concurrency) for i in range(concurrency)]
    samples = []
    clients = [threading.Thread(target=client, args=(port, url, n, samples)) for n in shares]
    started = time.perf_counter()
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join()
    return Result(url, time.perf_counter() - started, samples)


def client(port, url, count, samples):
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        for _ in range(count):
            try:
                samples.append(get(connection, url))
            except (OSError, http.client.HTTPException):
                samples.append(Sample(0.0, 0, 0))
                connection.close()
    finally:
        connection.close()


def print_table(results, args):
    print(
        f"\n{args.requests} requests per URL over {args.concurrency} connections, "
        f"gunicorn with {args.workers} workers; latency in ms"
    )
    width = max(len(result.url) for result in results)
    header = ["req/s", "p50", "p95", "p99", "bytes"]
    print(f"{'URL':<{width}}" + "".join(f"{cell:>10}" for cell in header) + "  non-200")
    for result in results:
        cells = "".join(f"{cell:>10}" for cell in numbers(result))
        failures = ", ".join(f"{n} x {code or 'error'}" for code, n in result.failures().items())
        print(f"{result.url:<{width}}{cells}  {failures or 0}")


def numbers(result):
    latencies = [sample.seconds * 1000 for sample in result.samples]
    p = statistics.quantiles(latencies, n=100, method="inclusive")
    size = statistics.median(sample.size for sample in result.samples)
    rate = len(result.samples) / result.seconds
    return [f"{rate:,.1f}", f"{p[49]:.1f}", f"{p[94]:.1f}", f"{p[98]:.1f}", f"{size:,.0f}"]


if __name__ == "__main__":
    main()
