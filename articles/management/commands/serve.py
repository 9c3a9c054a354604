import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from articles.importing import import_paths


class Command(BaseCommand):
    help = (
        "Set up and serve the reading room: migrate, import the sample articles, collect "
        "static files, then run gunicorn until interrupted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="address:port to serve on")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")

    def handle(self, *args, bind, workers, **options):
        call_command("migrate", interactive=False, verbosity=0)
        summary = import_paths([settings.SEEDS_DIR])
        self.stdout.write(f"Sample articles: {summary.line()}")
        call_command("collectstatic", interactive=False, verbosity=0)

        environment = {
            **os.environ,
            "DATABASE_URL": settings.DATABASE_URL,
            "DEBUG": os.environ.get("DEBUG", "0"),
        }
        command = [
            sys.executable, "-m", "gunicorn", "readingroom.wsgi:application",
            "--bind", bind, "--workers", str(workers),
            "--access-logfile", "-", "--forwarded-allow-ips", "127.0.0.1",
        ]  # fmt: skip
        self.stdout.write(
            self.style.SUCCESS(f"The reading room is at http://{bind}/")
            + "\nCreate an editor account with: python3 -m uv run manage.py create_editor NAME"
            + "\nStop with Ctrl-C."
        )
        server = subprocess.Popen(command, env=environment, cwd=settings.BASE_DIR)
        signal.signal(signal.SIGTERM, interrupt)
        try:
            server.wait()
        except KeyboardInterrupt:
            server.terminate()
            server.wait(timeout=30)
        # Returning lets the embedded database, if any, shut down cleanly at exit.


def interrupt(signum, frame):
    raise KeyboardInterrupt
