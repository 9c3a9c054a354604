"""Losing the database: readers get a 503 with Retry-After or a cached copy, never a 500,
and the site recovers by itself when the database is back."""

import pytest
from django.db import connection
from django.test import Client

from readingroom.pagecache import start_new_generation
from tests.faultproxy import FaultProxy

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seeds(committed_seeds):
    """Every test here needs real commits."""
    return committed_seeds


def upstream_address(settings_dict):
    host, port = settings_dict["HOST"], str(settings_dict["PORT"] or 5432)
    return f"{host}/.s.PGSQL.{port}" if host.startswith("/") else (host or "127.0.0.1", int(port))


@pytest.fixture
def database_behind_proxy(seeds):
    """The test database, reached through a FaultProxy for the length of the test."""
    settings_dict = connection.settings_dict
    saved = settings_dict["HOST"], settings_dict["PORT"]
    with FaultProxy(upstream_address(settings_dict)) as proxy:
        connection.close()
        settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", proxy.port
        try:
            yield proxy
        finally:
            connection.close()
            settings_dict["HOST"], settings_dict["PORT"] = saved


@pytest.fixture
def reader():
    return Client(raise_request_exception=False)


def test_every_database_backed_page_answers_503_with_retry_after(
    database_behind_proxy, reader, seeds
):
    article = seeds["004"]
    pages = ["/", "/articles/", "/articles/?q=natasha", "/events/farewells/", "/feed/"]
    pages += [article.get_absolute_url(), "/sitemap.xml", "/articles/gone-slug/"]
    assert reader.get("/articles/?sort=headline").status_code == 200  # through the proxy
    database_behind_proxy.cut()
    for page in pages:
        response = reader.get(page)
        assert response.status_code == 503, (page, response.get("Cache-Status"))
        assert response["Retry-After"] == "30"
        assert "no-store" in response["Cache-Control"]
    page = reader.get("/articles/").content.decode()
    assert "cannot reach its database" in page
    assert "Traceback" not in page


def test_exports_fail_before_sending_anything(database_behind_proxy, reader):
    database_behind_proxy.cut()
    exported = reader.get("/articles.json")
    assert exported.status_code == 503
    assert "cannot reach its database" in exported.json()["error"]
    csv = reader.get("/articles.csv")
    assert csv.status_code == 503
    assert not csv.streaming
    assert reader.get("/healthz").status_code == 503


def test_a_cached_page_is_served_while_the_database_is_down(database_behind_proxy, reader, seeds):
    url = seeds["004"].get_absolute_url()
    reader.get(url)
    start_new_generation()  # the copy is out of date, but better than nothing
    database_behind_proxy.cut()
    response = reader.get(url)
    assert response.status_code == 200
    assert "stale-database-unavailable" in response["Cache-Status"]
    assert seeds["004"].headline in response.content.decode()


def test_the_site_recovers_by_itself(database_behind_proxy, reader, seeds):
    database_behind_proxy.cut()
    assert reader.get("/articles/?sort=oldest").status_code == 503
    database_behind_proxy.restore()
    assert reader.get("/articles/?sort=oldest").status_code == 200
    assert reader.get("/healthz").status_code == 200
