"""Slow clients: connections that send their request's header lines one every two seconds.

Each holds whatever the server gives an unfinished request (with gunicorn's sync worker, a
whole worker) until the block ends or HOLD_SECONDS pass, then closes without finishing the
request. Used by serve_speed to measure a normal page's latency while they are connected.
"""

import select
import socket
import threading
import time
from collections import Counter

HOST = "127.0.0.1"
LINE_INTERVAL = 2.0
HOLD_SECONDS = 20.0


class SlowClients:
    """`with SlowClients(port, url, count) as slow:` connects them; leaving closes them all."""

    def __init__(self, port, url, count, hold_seconds=HOLD_SECONDS):
        self.port = port
        self.url = url
        self.hold_seconds = hold_seconds
        self.stop = threading.Event()
        self.outcomes = Counter()
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.hold, daemon=True) for _ in range(count)]

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=LINE_INTERVAL + 5)

    def summary(self):
        return ", ".join(f"{n} {outcome}" for outcome, n in sorted(self.outcomes.items()))

    def hold(self):
        started = time.monotonic()
        try:
            connection = socket.create_connection((HOST, self.port), timeout=5)
        except OSError:
            self.record("could not connect")
            return
        with connection:
            try:
                connection.sendall(f"GET {self.url} HTTP/1.1\r\nHost: {HOST}\r\n".encode())
                outcome = self.trickle(connection, started)
            except OSError:
                outcome = "reset by the server"
        self.record(outcome)

    def trickle(self, connection, started):
        """Send a header line every LINE_INTERVAL until told to stop, or the server gives up."""
        line = 0
        while time.monotonic() - started < self.hold_seconds:
            if self.stop.wait(LINE_INTERVAL):
                return "held until the end"
            readable, _, _ = select.select([connection], [], [], 0)
            if readable:
                answer = connection.recv(200)
                status = answer.split(b"\r\n", 1)[0].decode(errors="replace") if answer else ""
                return f"answered '{status}'" if status else "closed by the server"
            connection.sendall(f"X-Slow-{line}: waiting\r\n".encode())
            line += 1
        return "held until the end"

    def record(self, outcome):
        with self.lock:
            self.outcomes[outcome] += 1
