"""A small asyncio HTTP/1.1 client that accounts for every request, answered or not.

wrk leaves out of its latencies the requests still waiting when a run ends, and its timeout
counter stays at 0 when a server stops answering; the measurements here (slow clients, a
burst of connections) are about exactly those requests. So every request started gets a
status or fails (a timeout, a connection error), and a timed-out request counts in the
latencies with the time it waited.
"""

import asyncio
import contextlib
import time
from collections import Counter

from tests.benchmarks.load import Measurement, percentiles

HOST = "127.0.0.1"
ERROR_PAUSE = 0.05  # after a failed connection, so a refusing server is not hammered


class Tally:
    """Statuses, failures and latencies (ms) of many requests."""

    def __init__(self):
        self.statuses = Counter()
        self.failures = Counter()
        self.latencies_ms = []

    def answered(self, status, began):
        self.statuses[status] += 1
        self.latencies_ms.append((time.perf_counter() - began) * 1000)

    def failed(self, reason, began):
        self.failures[reason] += 1
        if reason == "timeout":
            self.latencies_ms.append((time.perf_counter() - began) * 1000)

    def measurement(self, url, mode, seconds):
        p50, p95, p99 = percentiles(self.latencies_ms, (50, 95, 99))
        answered = sum(self.statuses.values())
        return Measurement(
            url, mode, seconds, answered, p50, p95, p99, self.statuses, self.failures
        )


class Connection:
    """One client connection, reopened when the server closes it."""

    def __init__(self, port, url):
        self.port = port
        self.request = f"GET {url} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode()
        self.reader = self.writer = None

    async def get(self, tally, timeout):
        """Ask once; record the status, or why there was none. False when it failed."""
        began = time.perf_counter()
        try:
            async with asyncio.timeout(timeout):
                if self.writer is None:
                    self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
                self.writer.write(self.request)
                status, keep_alive = await read_response(self.reader)
        except TimeoutError:
            tally.failed("timeout", began)
        except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as error:
            tally.failed(f"error ({type(error).__name__})", began)
        else:
            tally.answered(status, began)
            if not keep_alive:
                await self.close()
            return True
        await self.close()
        return False

    async def close(self):
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError, TimeoutError):
                await asyncio.wait_for(self.writer.wait_closed(), 1)
        self.reader = self.writer = None


async def read_response(reader):
    """(status, whether the connection stays open) after reading one whole response."""
    status = int((await reader.readuntil(b"\r\n")).split()[1])
    headers = {}
    while (line := await reader.readuntil(b"\r\n")) != b"\r\n":
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip().lower()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            await reader.readexactly(size + 2)
        await reader.readuntil(b"\r\n")
    else:
        await reader.read()
        return status, False
    return status, headers.get("connection") != "close"


def steady_load(port, url, mode, connections, seconds, timeout):
    """`connections` clients asking for `url` one request after another, starting requests
    for `seconds`; the last ones are waited for (up to `timeout`)."""
    return asyncio.run(steady(port, url, mode, connections, seconds, timeout))


async def steady(port, url, mode, connections, seconds, timeout):
    tally = Tally()
    deadline = time.monotonic() + seconds

    async def client():
        connection = Connection(port, url)
        while time.monotonic() < deadline:
            if not await connection.get(tally, timeout):
                await asyncio.sleep(ERROR_PAUSE)
        await connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(connections)))
    return tally.measurement(url, mode, time.perf_counter() - started)
