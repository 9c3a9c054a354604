"""The server `manage.py serve` runs, against slow clients: a client that sends its request
a line at a time must not hold up anyone else."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from articles.management.commands.serve import server_command
from articles.models import Article
from readingroom.pagecache import start_new_generation
from readingroom.settings.base import cache_config
from tests.faultproxy import FaultProxy
from tests.readingroom.test_faults import upstream_address

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seeds(committed_seeds):
    """Every test here needs real commits."""
    return committed_seeds


SLOW_CLIENTS = 10
SLOW_CLIENT_SECONDS = 8
BURST = 40


def database_url_for_tests(netloc=None):
    """The test database's URL; `netloc`: reached at that user@host:port instead."""
    parts = urlsplit(settings.DATABASE_URL)
    folder = parts.path.rsplit("/", 1)[0]
    parts = parts._replace(path=f"{folder}/{quote(connection.settings_dict['NAME'])}")
    if netloc:
        parts = parts._replace(netloc=netloc, query="")
    return urlunsplit(parts)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server_environment(tmp_path):
    return {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": database_url_for_tests(),
        "DEBUG": "0",
        "READINGROOM_DATA_DIR": str(tmp_path),
        "CACHE_URL": "locmem://",
    }


@contextmanager
def running_server(environment):
    """The command `manage.py serve` runs, on a free port; yields the port once it answers."""
    port = free_port()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=environment,
        check=True,
    )
    process = subprocess.Popen(
        server_command(f"127.0.0.1:{port}", workers=2),
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while get(port, "/healthz", timeout=1) != 200:
            assert process.poll() is None and time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def server(seeds, server_environment):
    with running_server(server_environment) as port:
        yield port


@pytest.fixture
def strained_server(seeds, server_environment):
    """One request at a time per worker, 50 ms of patience, the page cache off."""
    environment = {
        **server_environment,
        "SERVER_ACTIVE_REQUESTS": "1",
        "SERVER_QUEUE_MS": "50",
        "PAGE_CACHE": "0",
    }
    with running_server(environment) as port:
        yield port


def get(port, path, timeout):
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        client.request("GET", path)
        return client.getresponse().status
    except OSError:
        return None
    finally:
        client.close()


def start_slow_clients(port):
    """Clients that have sent only the first lines of their request."""
    clients = []
    for number in range(SLOW_CLIENTS):
        client = socket.create_connection(("127.0.0.1", port))
        client.sendall(f"GET /articles/?slow={number} HTTP/1.1\r\nHost: 127.0.0.1\r\n".encode())
        clients.append(client)
    return clients


def test_slow_clients_do_not_hold_up_other_readers(server):
    slow = start_slow_clients(server)
    try:
        started = time.monotonic()
        statuses = []
        while time.monotonic() - started < SLOW_CLIENT_SECONDS / 2:
            for client in slow:
                client.sendall(b"X-Slow: one more line\r\n")
            statuses.append(get(server, f"/articles/?n={len(statuses)}", timeout=3))
            time.sleep(0.2)
        assert statuses and set(statuses) == {200}, statuses
    finally:
        for client in slow:
            client.close()


def test_past_capacity_readers_get_503_with_retry_after_and_nothing_else(strained_server):
    """A burst of simultaneous searches is answered with 200s and 503s only."""

    def search(number):
        client = http.client.HTTPConnection("127.0.0.1", strained_server, timeout=20)
        try:
            client.request("GET", f"/articles/?q=soldier+mother&n={number}")
            response = client.getresponse()
            response.read()
            return response.status, response.getheader("Retry-After")
        finally:
            client.close()

    with ThreadPoolExecutor(BURST) as pool:
        answers = list(pool.map(search, range(BURST)))
    statuses = Counter(status for status, _ in answers)
    assert set(statuses) == {200, 503}, statuses
    assert {retry for status, retry in answers if status == 503} == {"5"}


def server_connections():
    """The test database's connections other than this test's own."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_a_burst_holds_no_more_database_connections_than_the_pools(strained_server):
    """Many threads wait at the gate, but only admitted requests take a connection, from a
    pool per worker process (SERVER_ACTIVE_REQUESTS + 2 each: 3 here), never one per thread."""

    def search(number):
        return get(strained_server, f"/articles/?q=mother&n={number}", timeout=20)

    for _ in range(3):
        with ThreadPoolExecutor(BURST) as pool:
            statuses = Counter(pool.map(search, range(BURST)))
        assert set(statuses) <= {200, 503} and statuses[200], statuses
    assert 1 <= server_connections() <= 2 * 3


@contextmanager
def served_behind_fault_proxy(environment):
    """The served site reaching its database through a FaultProxy: (port, proxy)."""
    database = connection.settings_dict
    with FaultProxy(upstream_address(database)) as proxy:
        netloc = f"{quote(database['USER'] or 'postgres')}@127.0.0.1:{proxy.port}"
        if database["PASSWORD"]:
            netloc = netloc.replace("@", f":{quote(database['PASSWORD'])}@", 1)
        environment = {**environment, "DATABASE_URL": database_url_for_tests(netloc)}
        with running_server(environment) as port:
            yield port, proxy


@pytest.fixture
def server_behind_fault_proxy(seeds, server_environment):
    """The served site, uncached, reaching its database through a FaultProxy."""
    with served_behind_fault_proxy({**server_environment, "PAGE_CACHE": "0"}) as served:
        yield served


def answer(port, path):
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        client.request("GET", path)
        response = client.getresponse()
        return response.status, response.getheader("Retry-After"), response.read().decode()
    finally:
        client.close()


def test_the_served_site_answers_503_while_its_database_is_down_and_recovers(
    server_behind_fault_proxy,
):
    port, proxy = server_behind_fault_proxy
    assert answer(port, "/articles/?sort=oldest")[0] == 200
    proxy.cut()
    for page in ["/articles/?sort=oldest", "/events/farewells/", "/articles.json"]:
        status, retry_after, body = answer(port, page)
        assert (status, retry_after) == (503, "30"), page
        assert "cannot reach its database" in body
    proxy.restore()
    # The pooled connections were dropped with the cut; new ones are made as readers come back.
    statuses = [answer(port, f"/articles/?sort=oldest&n={n}")[0] for n in range(20)]
    assert statuses[-1] == 200, statuses
    assert statuses.count(200) >= 15, statuses


@pytest.mark.parametrize(
    "stop", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["ctrl-c", "term", "hangup"]
)
def test_ctrl_c_stops_serve_and_every_server_process(seeds, server_environment, stop):
    """A terminal's Ctrl-C (or its closing: a hang-up, or a supervisor's TERM) signals its
    whole process group; serve must then stop the server cleanly, leaving no worker behind on
    the port."""
    port = free_port()
    serve = subprocess.Popen(
        [sys.executable, "manage.py", "serve", "--bind", f"127.0.0.1:{port}"],
        cwd=settings.BASE_DIR,
        env=server_environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a process group of its own, as a terminal's job has
    )
    try:
        deadline = time.monotonic() + 60
        while get(port, "/healthz", timeout=1) != 200:
            assert serve.poll() is None and time.monotonic() < deadline, "serve did not start"
            time.sleep(0.2)
        assert get(port, "/articles/?q=mother", timeout=10) == 200
        os.killpg(serve.pid, stop)
        _, errors = serve.communicate(timeout=40)
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)
    assert serve.returncode == 0, errors.decode()
    assert "Traceback" not in errors.decode()
    assert get(port, "/healthz", timeout=1) is None  # nothing answers on the port any more


def test_a_burst_of_readers_gets_stored_pages_while_the_database_is_down(seeds, server_environment):
    """Readers whose pages were stored get them, out of date, while the database is away:
    none is answered "busy" because the others each waited for a connection first."""
    environment = {key: value for key, value in server_environment.items() if key != "CACHE_URL"}
    folder = environment["READINGROOM_DATA_DIR"]  # the server's file cache, shared with this test
    with served_behind_fault_proxy(environment) as (port, proxy):
        pages = [f"/articles/?sort=oldest&n={number}" for number in range(BURST)]
        assert {answer(port, page)[0] for page in pages} == {200}
        with override_settings(CACHES=cache_config(None, Path(folder))):
            start_new_generation()  # every stored page is now out of date
        proxy.cut()
        with ThreadPoolExecutor(BURST) as pool:
            statuses = Counter(status for status, _, _ in pool.map(partial(answer, port), pages))
    assert statuses == {200: BURST}, statuses


def test_serve_fails_when_its_server_cannot_start(seeds, server_environment):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        serve = subprocess.run(
            [sys.executable, "manage.py", "serve", "--bind", f"127.0.0.1:{port}"],
            cwd=settings.BASE_DIR,
            env=server_environment,
            capture_output=True,
            timeout=120,
        )
    assert serve.returncode != 0
    assert "The server stopped on its own" in serve.stderr.decode()


def test_server_threads_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("SERVER_THREADS", "32")
    command = server_command("127.0.0.1:8000", workers=2)
    assert command[command.index("--blocking-threads") + 1] == "32"
    assert command[command.index("--backpressure") + 1] == "32"


@pytest.mark.parametrize(
    ("value", "message"),
    [("many", "SERVER_THREADS must be a whole number"), ("0", "SERVER_THREADS must be 1 or more")],
)
def test_serve_refuses_a_malformed_thread_count_before_changing_anything(
    server_environment, value, message
):
    before = Article.objects.count()
    serve = subprocess.run(
        [sys.executable, "manage.py", "serve", "--bind", f"127.0.0.1:{free_port()}"],
        cwd=settings.BASE_DIR,
        env={**server_environment, "SERVER_THREADS": value},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert serve.returncode != 0
    assert message in serve.stderr
    assert "Traceback" not in serve.stderr
    assert Article.objects.count() == before  # the sample articles were not imported
