"""HTTP load for the serve benchmarks: wrk when it is installed, else a Python client.

wrk (Debian: `apt-get install wrk`) drives many keep-alive connections from one thread and
leaves the machine's cores to the server. The Python client (threads and http.client) tops
out at a few thousand requests per second on two cores, and at that rate it measures itself
as much as the server: its numbers are only a fallback, and the table says when they were used.
"""

import http.client
import json
import shutil
import statistics
import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
WRK_SCRIPT = Path(__file__).with_name("wrk_report.lua")
WRK_MARKER = "WRK-RESULT "
PYTHON_TIME_LIMIT = 120  # seconds per URL at most, whatever --requests asks


@dataclass
class Measurement:
    url: str
    mode: str
    seconds: float
    completed: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    statuses: Counter = field(default_factory=Counter)
    errors: Counter = field(default_factory=Counter)  # requests without a status, by reason

    @property
    def rate(self):
        return self.completed / self.seconds if self.seconds else 0.0

    def unexpected(self, expected=200):
        """Everything but the expected status: other statuses and failed requests."""
        counts = Counter({str(code): n for code, n in self.statuses.items() if code != expected})
        counts.update({name: n for name, n in self.errors.items() if n})
        return counts


class LoadGenerator:
    """Sends one URL's requests from many connections, for a time (wrk) or a count (Python)."""

    def __init__(self, connections, duration, requests, timeout, force_python=False):
        self.connections = connections
        self.duration = duration
        self.requests = requests
        self.timeout = timeout
        self.wrk = None if force_python else shutil.which("wrk")
        self.why_python = "as asked" if force_python else "because wrk is not installed"

    def describe(self):
        if self.wrk:
            return (
                f"wrk ({self.wrk}), {self.connections} connections, "
                f"{self.duration:g} s per URL, timeout {self.timeout:g} s"
            )
        return (
            f"the Python client (threads and http.client), {self.why_python} "
            "(apt-get install wrk): it tops out at a few thousand requests/s on 2 cores, so "
            f"fast pages measure the client too; {self.requests} requests per URL over "
            f"{self.connections} connections"
        )

    def measure(self, port, url, mode, headers=None):
        headers = headers or {}
        if self.wrk:
            return self.run_wrk(port, url, mode, headers)
        return run_python(
            port, url, mode, headers, self.requests, PYTHON_TIME_LIMIT, self.connections,
            self.timeout,
        )  # fmt: skip

    def run_wrk(self, port, url, mode, headers):
        header_options = [
            option for name, value in headers.items() for option in ("--header", f"{name}: {value}")
        ]
        command = [
            self.wrk, "--threads", "1", "--connections", str(self.connections),
            "--duration", f"{self.duration:g}s", "--timeout", f"{self.timeout:g}s",
            "--script", str(WRK_SCRIPT), *header_options, f"http://{HOST}:{port}{url}",
        ]  # fmt: skip
        finished = subprocess.run(
            command, capture_output=True, text=True, timeout=self.duration + self.timeout + 30
        )
        line = next(
            (line for line in finished.stdout.splitlines() if line.startswith(WRK_MARKER)), None
        )
        if line is None:
            raise RuntimeError(f"wrk printed no result for {url}: {finished.stderr[-2000:]}")
        result = json.loads(line.removeprefix(WRK_MARKER))
        return Measurement(
            url=url,
            mode=mode,
            seconds=result["seconds"],
            completed=result["completed"],
            p50_ms=result["p50_ms"],
            p95_ms=result["p95_ms"],
            p99_ms=result["p99_ms"],
            statuses=Counter({int(code): n for code, n in result["statuses"].items()}),
            errors=Counter(result["errors"]),
        )


def run_python(port, url, mode, headers, total, time_limit, connections, timeout):
    shares = [total // connections + (i < total % connections) for i in range(connections)]
    deadline = time.monotonic() + time_limit
    latencies, statuses, errors = [], Counter(), Counter()
    lock = threading.Lock()

    def client(count):
        connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
        try:
            for _ in range(count):
                if time.monotonic() > deadline:
                    return
                started = time.perf_counter()
                try:
                    connection.request("GET", url, headers=headers)
                    response = connection.getresponse()
                    response.read()
                except TimeoutError:
                    outcome = ("error", "timeout")
                    connection.close()
                except (OSError, http.client.HTTPException):
                    outcome = ("error", "read")
                    connection.close()
                else:
                    outcome = ("status", response.status)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    if outcome[0] == "status":
                        statuses[outcome[1]] += 1
                        latencies.append(elapsed)
                    else:
                        errors[outcome[1]] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(share,)) for share in shares]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    p50, p95, p99 = percentiles(latencies, (50, 95, 99))
    return Measurement(url, mode, seconds, len(latencies), p50, p95, p99, statuses, errors)


def percentiles(values, wanted):
    if len(values) < 2:
        return [values[0] if values else 0.0 for _ in wanted]
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return [cuts[p - 1] for p in wanted]
