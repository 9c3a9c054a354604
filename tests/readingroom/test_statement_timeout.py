"""The request's statement timeout and a block's shorter one, on a connection just taken
(from the pool, under the server: a request's first statement may be inside the block)."""

import pytest
from django.db import connection

from readingroom.statement_timeout import TimeoutSetter, statement_time_limit

pytestmark = pytest.mark.django_db(transaction=True)


def current_timeout():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


def test_a_shorter_limit_holds_even_for_a_requests_first_statement():
    connection.close()  # the request's connection is new to it
    with connection.execute_wrapper(TimeoutSetter(2000)):
        with statement_time_limit(100):
            assert current_timeout() == "100ms"
        assert current_timeout() == "2s"  # the request's own limit afterwards, not none
