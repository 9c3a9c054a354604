"""The WSGI servers the serve benchmark can start, each on a free port of 127.0.0.1.

`granian` is what `manage.py serve` runs: its command line comes from serve.py's
server_command, so it is measured exactly as served. `gunicorn-sync` is the command serve ran
before (gunicorn, sync workers) and `gunicorn-gthread` the same with threads in each worker;
serve no longer builds them, so they are written out here. Every server logs each request to
its standard output, as serve does; the benchmark discards it.
"""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager

HOST = "127.0.0.1"
APPLICATION = "readingroom.wsgi:application"
STARTUP_TIMEOUT = 60
STOP_TIMEOUT = 10
SERVERS = ("granian", "gunicorn-sync", "gunicorn-gthread")


def server_command(kind, port, workers, threads):
    """The command line; `threads` is for gunicorn-gthread (serve sets granian's)."""
    if kind == "granian":
        from articles.management.commands.serve import server_command as serve_command

        return serve_command(f"{HOST}:{port}", workers)
    command = [
        sys.executable, "-m", "gunicorn", APPLICATION,
        "--bind", f"{HOST}:{port}", "--workers", str(workers),
        "--access-logfile", "-", "--forwarded-allow-ips", "127.0.0.1",
    ]  # fmt: skip
    if kind == "gunicorn-gthread":
        command += ["--worker-class", "gthread", "--threads", str(threads)]
    return command


def describe(kind, workers, threads):
    return " ".join(server_command(kind, "PORT", workers, threads)[1:])


@contextmanager
def serving(kind, environment, base_dir, workers, threads):
    """Start the server, wait until /healthz answers, yield its port; stop it on exit."""
    port = free_port()
    command = server_command(kind, port, workers, threads)
    with tempfile.TemporaryFile() as stderr:
        server = subprocess.Popen(
            command,
            env=environment,
            cwd=base_dir,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,  # its own process group, so its workers can be stopped too
        )
        try:
            wait_until_healthy(kind, server, port, stderr)
            yield port
        finally:
            stop(server)


def stop(server):
    """Stop the server and every worker it started, so none keeps a database connection."""
    group = server.pid  # the leader of its own process group
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        server.wait(timeout=STOP_TIMEOUT)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGKILL)  # workers still finishing kept-alive connections
    server.wait(timeout=STOP_TIMEOUT)


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_until_healthy(kind, server, port, stderr):
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline and server.poll() is None:
        if healthy(port):
            return
        time.sleep(0.2)
    stderr.seek(0)
    log = stderr.read().decode(errors="replace")[-3000:]
    status = server.poll()
    reason = f"exited with status {status}" if status is not None else "is still starting"
    stop(server)
    sys.exit(
        f"{kind} {reason}: /healthz did not answer 200 within {STARTUP_TIMEOUT} s. "
        f"Its stderr:\n{log}"
    )


def healthy(port):
    connection = http.client.HTTPConnection(HOST, port, timeout=2)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    except (OSError, http.client.HTTPException):
        return False
    finally:
        connection.close()
