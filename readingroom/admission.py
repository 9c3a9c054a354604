"""Admission control: past capacity, a request waits briefly, then gets 503 with Retry-After.

The server hands each worker process more requests than it has cores to run them; at most
`active` of them run the application at once, the rest wait up to `patience` seconds for a
turn. A request that would wait longer is answered at once with 503 and Retry-After, so
a spike sheds load cleanly instead of building a queue that times everyone out.
"""

import threading

BUSY_MESSAGE = b"The reading room is very busy just now. Please try again in a few seconds.\n"


class AdmissionGate:
    def __init__(self, application, active, patience, retry_after=5):
        self.application = application
        self.turns = threading.BoundedSemaphore(active)
        self.patience = patience
        self.retry_after = retry_after

    def __call__(self, environ, start_response):
        if not self.turns.acquire(timeout=self.patience):
            start_response(
                "503 Service Unavailable",
                [
                    ("Content-Type", "text/plain; charset=utf-8"),
                    ("Retry-After", str(self.retry_after)),
                    ("Cache-Control", "no-store"),
                ],
            )
            return [BUSY_MESSAGE]
        try:
            response = self.application(environ, start_response)
        except BaseException:
            self.turns.release()
            raise
        return TurnHeldUntilSent(response, self.turns)


class TurnHeldUntilSent:
    """The response's chunks; the turn is given back when the server closes it (PEP 3333)."""

    def __init__(self, response, turns):
        self.response = response
        self.turns = turns

    def __iter__(self):
        return iter(self.response)

    def close(self):
        try:
            if hasattr(self.response, "close"):
                self.response.close()
        finally:
            self.turns.release()
