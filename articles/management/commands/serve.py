import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from articles.importing import import_paths
from readingroom.env import env_int

# Python threads per worker process: far more than run at once (readingroom.admission), so that
# a burst of readers waits inside Python, where a wait that grows too long is answered 503,
# rather than in the listen backlog, where nothing answers. Waiting threads hold no database
# connection (readingroom.wsgi pools them). The price, measured: static files and cached
# pages are served about a fifth slower than with 16 threads; behind a CDN, which absorbs
# those, fewer threads (SERVER_THREADS) may be the better trade. Granian warns that this is
# many threads for the cores: it is meant.
DEFAULT_THREADS = 128
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Command(BaseCommand):
    help = (
        "Set up and serve the reading room: migrate, import the sample articles, collect "
        "static files, then run the granian server until interrupted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="address:port to serve on")
        parser.add_argument("--workers", type=int, default=2, help="server worker processes")

    def handle(self, *args, bind, workers, **options):
        try:
            command = server_command(bind, workers)  # a bad setting stops us before any change
        except ImproperlyConfigured as problem:
            raise CommandError(str(problem)) from None
        call_command("migrate", interactive=False, verbosity=0)
        summary = import_paths([settings.SEEDS_DIR])
        self.stdout.write(f"Sample articles: {summary.line()}")
        call_command("collectstatic", interactive=False, verbosity=0)

        environment = {
            **os.environ,
            "DATABASE_URL": settings.DATABASE_URL,
            "DEBUG": os.environ.get("DEBUG", "0"),
        }
        self.stdout.write(
            self.style.SUCCESS(f"The reading room is at http://{bind}/")
            + "\nCreate an editor account with: python3 -m uv run manage.py create_editor NAME"
            + "\nStop with Ctrl-C."
        )
        # Its own session: a terminal's Ctrl-C reaches this command alone, which stops the
        # server with one signal. Granian's workers, signalled directly with the rest of the
        # terminal's process group, never finished shutting down.
        server = subprocess.Popen(
            command, env=environment, cwd=settings.BASE_DIR, start_new_session=True
        )
        # A hang-up too (the terminal closed): in a session of its own, the server would
        # not get one, and would go on serving with nobody to stop it.
        for stop in STOP_SIGNALS:
            signal.signal(stop, interrupt)
        try:
            status = server.wait()
        except KeyboardInterrupt:
            server.terminate()
            server.wait(timeout=30)
            return  # which lets the embedded database, if any, shut down cleanly at exit
        if status != 0:
            raise CommandError(
                f"The server stopped on its own (exit status {status}); its messages are above."
            )


def interrupt(signum, frame):
    # Once is enough: a second signal (another Ctrl-C, a supervisor signalling the whole
    # process group) would interrupt the clean shutdown with a traceback.
    for stop in STOP_SIGNALS:
        signal.signal(stop, signal.SIG_IGN)
    raise KeyboardInterrupt


def server_command(bind, workers):
    """The production server's command line, serving on `bind` (address:port).

    Granian parses HTTP in Rust and calls the WSGI application only with a complete request,
    so a slow client costs a socket, not a Python thread. Past SERVER_THREADS requests in
    flight per worker (`--backpressure`), new connections wait in the listen backlog.
    """
    host, port = bind.rsplit(":", 1)
    threads = env_int("SERVER_THREADS", DEFAULT_THREADS)
    if threads < 1:
        raise ImproperlyConfigured(f"SERVER_THREADS must be 1 or more, not {threads}.")
    threads = str(threads)
    return [
        sys.executable, "-m", "granian", "--interface", "wsgi", "readingroom.wsgi:application",
        "--host", host, "--port", port, "--workers", str(workers),
        "--blocking-threads", threads, "--backpressure", threads,
        "--http1-header-read-timeout", "10000", "--access-log",
    ]  # fmt: skip
