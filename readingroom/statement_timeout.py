"""A statement timeout for each request: short for readers' pages, longer for editors.

PostgreSQL cancels a statement that runs past the limit, so no single request can hold a
worker and a database backend for long. Management commands (migrations, imports) run
without one.
"""

from contextlib import contextmanager

from django.conf import settings
from django.db import connection, connections
from django.db.backends.signals import connection_created

from readingroom.readers import is_anonymous_read


class StatementTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_anonymous_read(request):
            limit = settings.PUBLIC_STATEMENT_TIMEOUT_MS
        else:
            limit = settings.EDITOR_STATEMENT_TIMEOUT_MS
        with connection.execute_wrapper(TimeoutSetter(limit)):
            return self.get_response(request)


class TimeoutSetter:
    """Sets the connection's statement_timeout before a request's first statement, when it
    differs from the one the connection has.

    The SET goes to psycopg directly, not through Django's cursor, so that the queries counted
    for a page are the page's own. Inside a transaction it is left for later: a rolled-back
    transaction would undo it.
    """

    def __init__(self, limit_ms):
        self.limit_ms = int(limit_ms)

    def __call__(self, execute, sql, params, many, context):
        self.apply(context["connection"])
        return execute(sql, params, many, context)

    def apply(self, database):
        if (
            getattr(database, "statement_timeout_ms", None) != self.limit_ms
            and not database.in_atomic_block
        ):
            database.connection.execute(f"SET statement_timeout = {self.limit_ms}")
            database.statement_timeout_ms = self.limit_ms


def forget_timeout(sender, connection, **kwargs):
    connection.statement_timeout_ms = None


connection_created.connect(forget_timeout)


@contextmanager
def statement_time_limit(limit_ms, using="default"):
    """Statements inside the block are cancelled past `limit_ms`, when that is shorter than the
    request's own limit: for work a page can do without (Datasette's facet_time_limit_ms).

    Set on psycopg directly, like TimeoutSetter, so that the queries counted for a page stay
    its own; the request's limit is put back after the block. Inside a transaction nothing is
    changed: a cancelled statement would abort the transaction.
    """
    database = connections[using]
    database.ensure_connection()
    # The request's own limit first, if its first statement is yet to come (a connection
    # just taken from the pool): set inside the block, it would replace the shorter one.
    for wrapper in database.execute_wrappers:
        if isinstance(wrapper, TimeoutSetter):
            wrapper.apply(database)
    request_limit = getattr(database, "statement_timeout_ms", None)  # 0: none
    if database.in_atomic_block or (request_limit and request_limit <= limit_ms):
        yield
        return
    database.connection.execute(f"SET statement_timeout = {int(limit_ms)}")
    try:
        yield
    finally:
        if request_limit is None:  # not set for this request: the server's own setting
            database.connection.execute("RESET statement_timeout")
        else:
            database.connection.execute(f"SET statement_timeout = {int(request_limit)}")
