"""Answers for when the database fails: a plain 503 for readers, never a traceback."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext

RETRY_AFTER_SECONDS = 30
# SQLSTATE classes that mean the server went away rather than refused a statement:
# connection exceptions (08) and the server shutting down or starting up (57P).
UNREACHABLE_STATES = ("08", "57P")


def caused_by_query(error):
    """Whether PostgreSQL ran and refused the statement itself (too complex, cancelled by the
    statement timeout…), as opposed to the connection failing."""
    state = getattr(error.__cause__, "sqlstate", None)
    return bool(state) and not state.startswith(UNREACHABLE_STATES)


def unavailable(request):
    """503 with Retry-After, shaped for what the client asked for."""
    message = gettext(
        "The reading room cannot reach its database just now. Please try again in a minute."
    )
    if request.path.endswith(".json"):
        response = JsonResponse({"error": message}, status=503)
    elif request.path.endswith((".csv", ".txt", ".xml")):
        response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    else:
        response = render(request, "503.html", {"message": message}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response.database_unavailable = True  # the page cache may answer with its last copy
    return response


def server_error(request):
    """handler500: an unreachable or overloaded database is a 503, anything else a 500."""
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        return unavailable(request)
    # Rendered with the request, as every page is: base.html reads the context processors'.
    return render(request, "500.html", status=500)
