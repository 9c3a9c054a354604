"""WSGI entry point for the server (granian, see manage.py serve), behind admission control."""

import os

from django.core.wsgi import get_wsgi_application

from readingroom.admission import AdmissionGate
from readingroom.env import env_int

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readingroom.settings.dev")

application = AdmissionGate(
    get_wsgi_application(),
    active=env_int("SERVER_ACTIVE_REQUESTS", 4),
    patience=env_int("SERVER_QUEUE_MS", 2000) / 1000,
)
