"""WSGI entry point for the server (granian, see manage.py serve), behind admission control.

The server runs many threads per process so that a request waiting for its turn waits inside
Python, where the gate can answer it 503. Only admitted requests touch the database, so the
process shares a pool of connections a little larger than the number admitted at once,
instead of one connection per thread.
"""

import os

from readingroom.env import env_int

ACTIVE_REQUESTS = env_int("SERVER_ACTIVE_REQUESTS", 4)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readingroom.settings.dev")
os.environ.setdefault("DATABASE_POOL_SIZE", str(ACTIVE_REQUESTS + 2))

from django.core.wsgi import get_wsgi_application  # noqa: E402 (after the pool's setting)

from readingroom.admission import AdmissionGate  # noqa: E402

application = AdmissionGate(
    get_wsgi_application(),
    active=ACTIVE_REQUESTS,
    patience=env_int("SERVER_QUEUE_MS", 2000) / 1000,
)
