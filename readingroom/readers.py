"""Which requests come from anonymous readers: they may be served cached pages, read from
replicas and held to the public statement timeout."""

from django.conf import settings

# The editors' desk, under its one address.
DESK_PREFIX = "/admin/"
# Paths that are never a reader's page: the editors' desk and the monitors' probe.
NOT_READING = (DESK_PREFIX, "/healthz")


def is_anonymous_read(request):
    """A GET or HEAD of a public page with no session (a signed-in visitor carries one) and
    no pending message (shown to one visitor only)."""
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(NOT_READING)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )
