"""WSGI entry point for the server (granian, see manage.py serve)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readingroom.settings.dev")

application = get_wsgi_application()
