"""Past capacity a request waits briefly, then gets 503 with Retry-After."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from readingroom.admission import AdmissionGate


def slow_application(environ, start_response):
    time.sleep(0.5)
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"done"]


def call(gate):
    answer = {}

    def start_response(status, headers):
        answer["status"] = status
        answer["headers"] = dict(headers)

    response = gate({}, start_response)
    body = b"".join(response)
    if hasattr(response, "close"):
        response.close()
    return answer["status"], answer["headers"], body


def test_requests_past_capacity_get_503_with_retry_after():
    gate = AdmissionGate(slow_application, active=1, patience=0.1)
    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(lambda _: call(gate), range(3)))
    statuses = sorted(status for status, _, _ in results)
    assert statuses == ["200 OK", "503 Service Unavailable", "503 Service Unavailable"]
    refused = [headers for status, headers, _ in results if status.startswith("503")]
    assert all(headers["Retry-After"] == "5" for headers in refused)
    assert all(headers["Cache-Control"] == "no-store" for headers in refused)


def test_a_request_within_its_patience_waits_for_its_turn():
    gate = AdmissionGate(slow_application, active=1, patience=2)
    with ThreadPoolExecutor(2) as pool:
        statuses = [status for status, _, _ in pool.map(lambda _: call(gate), range(2))]
    assert statuses == ["200 OK", "200 OK"]


def test_turns_are_given_back_after_a_response_and_after_an_error():
    calls = []

    def fails_once(environ, start_response):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("boom")
        return slow_application(environ, start_response)

    gate = AdmissionGate(fails_once, active=1, patience=0.05)
    with pytest.raises(RuntimeError):
        call(gate)
    assert call(gate)[0] == "200 OK"
    assert call(gate)[0] == "200 OK"
