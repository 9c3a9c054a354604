"""A burst of connections: M clients connect at the same moment and each asks for a page a few
times (over one keep-alive connection when the server keeps it open, else reconnecting).

Every request either answers (its status is counted) or fails: a timeout after TIMEOUT
seconds, as a reader who gives up, or a connection error. Used by serve_speed.
"""

import asyncio
import time

from tests.benchmarks.async_http import Connection, Tally

TIMEOUT = 10.0


def connection_burst(label, port, url, clients, requests_each, timeout=TIMEOUT):
    """A Measurement whose mode is `label`; its latencies count timeouts at TIMEOUT."""
    return asyncio.run(burst(label, port, url, clients, requests_each, timeout))


async def burst(label, port, url, clients, requests_each, timeout):
    tally = Tally()

    async def client():
        connection = Connection(port, url)
        for _ in range(requests_each):
            await connection.get(tally, timeout)
        await connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return tally.measurement(url, label, time.perf_counter() - started)
