"""Readers' queries may go to replicas and run under a short statement timeout; editors'
requests and every write go to the primary."""

import pytest
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from readingroom.pagecache import start_new_generation

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica1"])


@pytest.fixture
def seeds(committed_seeds):
    """Every test here needs real commits."""
    return committed_seeds


def statement_timeout():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


def test_readers_and_editors_get_their_own_statement_timeouts(seeds, editor, settings):
    settings.PAGE_CACHE_ENABLED = False
    Client().get("/articles/")
    assert statement_timeout() == "2s"
    desk = Client()
    desk.force_login(editor)
    desk.get("/admin/articles/article/")
    assert statement_timeout() == "30s"
    Client().get(seeds["004"].get_absolute_url())
    assert statement_timeout() == "2s"


@pytest.fixture
def with_replica(settings):
    settings.DATABASE_REPLICAS = ["replica1"]
    settings.REPLICA_CATCH_UP_SECONDS = 0
    settings.PAGE_CACHE_ENABLED = True


def queries_by_database(client, url, method="get", **data):
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica1"]) as replica,
    ):
        response = getattr(client, method)(url, data)
    return response, len(primary), len(replica)


def test_anonymous_readers_read_from_the_replica(seeds, with_replica):
    url = seeds["004"].get_absolute_url()
    response, on_primary, on_replica = queries_by_database(Client(), url)
    assert response.status_code == 200
    assert seeds["004"].headline in response.content.decode()
    assert on_replica > 0
    assert on_primary == 0


def test_signed_in_editors_read_from_the_primary(seeds, editor, with_replica):
    desk = Client()
    desk.force_login(editor)
    for url in (seeds["004"].get_absolute_url(), "/admin/articles/article/"):
        response, on_primary, on_replica = queries_by_database(desk, url)
        assert response.status_code == 200
        assert on_primary > 0
        assert on_replica == 0


def test_writes_go_to_the_primary(seeds, editor, with_replica):
    desk = Client()
    desk.force_login(editor)
    article = seeds["004"]
    response, on_primary, on_replica = queries_by_database(
        desk,
        "/admin/articles/article/",
        method="post",
        action="hide",
        _selected_action=[article.pk],
    )
    assert response.status_code == 302
    assert on_primary > 0
    assert on_replica == 0
    article.refresh_from_db(using="default")
    assert article.status == "hidden"


def test_readers_stay_on_the_primary_until_replicas_catch_up(seeds, with_replica, settings):
    settings.REPLICA_CATCH_UP_SECONDS = 60
    start_new_generation()
    _, on_primary, on_replica = queries_by_database(Client(), "/articles/?sort=oldest")
    assert on_primary > 0
    assert on_replica == 0
