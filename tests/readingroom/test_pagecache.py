"""The page cache: anonymous readers share pages, nobody gets a stale or personal one."""

import time

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings

from articles.importing import import_paths
from articles.models import Annotation, Article
from readingroom.pagecache import DatabaseOutage, PageCacheMiddleware, start_new_generation

PUBLIC_PAGES = [
    "/",
    "/articles/",
    "/articles/?event=farewells",
    "/articles/?q=natasha",
    "/events/farewells/",
    "/feed/",
    "/events/farewells/feed/",
    "/articles.json",
    "/articles.csv",
    "/sitemap.xml",
]


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def cache_status(response):
    return response.get("Cache-Status", "")


@pytest.fixture
def article(seeds):
    return seeds["004"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", [*PUBLIC_PAGES, "ARTICLE"])
def test_anonymous_pages_are_stored_then_served_from_the_cache(client, article, path):
    path = article.get_absolute_url() if path == "ARTICLE" else path
    first = client.get(path)
    first_body = body(first)
    assert first.status_code == 200
    assert cache_status(first) == "ReadingRoom; fwd=miss; stored"

    second = client.get(path)
    assert cache_status(second) == "ReadingRoom; hit"
    assert second.content == first_body
    assert second["Content-Type"] == first["Content-Type"]
    assert second["ETag"]


@pytest.mark.django_db
def test_public_pages_tell_shared_caches_how_long_to_keep_them(client, article):
    response = client.get(article.get_absolute_url())
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "s-maxage=60"} <= directives
    assert "stale-while-revalidate=300" in directives
    assert "stale-if-error=86400" in directives


@pytest.mark.django_db
@pytest.mark.parametrize("warm", [False, True], ids=["rendered", "from cache"])
def test_a_conditional_request_with_the_current_etag_gets_304(client, article, warm):
    url = article.get_absolute_url()
    etag = client.get(url)["ETag"]
    if not warm:
        caches["default"].clear()
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert client.get(url, headers={"if-none-match": '"something-else"'}).status_code == 200


@pytest.mark.django_db
def test_signed_in_editors_bypass_the_cache_and_are_never_served_from_it(
    client, editor_client, article
):
    url = article.get_absolute_url()
    editor_page = editor_client.get(url)
    assert "Cache-Status" not in editor_page
    assert "private" in editor_page["Cache-Control"]
    assert "Cache-Status" not in editor_client.get(url)  # still not from the cache

    anonymous = Client()
    assert cache_status(anonymous.get(url)) == "ReadingRoom; fwd=miss; stored"
    assert "Cache-Status" not in editor_client.get(url)


@pytest.mark.django_db
def test_the_admin_is_private_and_never_cached(editor_client, seeds):
    response = editor_client.get("/admin/articles/article/")
    assert "private" in response["Cache-Control"]
    assert "Cache-Status" not in response


@pytest.mark.django_db
@pytest.mark.parametrize("path", [*PUBLIC_PAGES, "ARTICLE"])
def test_cached_pages_carry_no_cookie_or_csrf_token(article, path):
    path = article.get_absolute_url() if path == "ARTICLE" else path
    visitor = Client(enforce_csrf_checks=True)
    visitor.cookies["csrftoken"] = "a" * 32
    for response in (visitor.get(path), visitor.get(path)):
        text = body(response)
        assert not response.cookies
        assert b"csrfmiddlewaretoken" not in text
        assert b"a" * 32 not in text


def set_cookie_view(request):
    response = HttpResponse("personal")
    response.set_cookie("visitor", "42")
    return response


@pytest.mark.django_db
def test_a_response_that_sets_a_cookie_is_not_stored():
    middleware = PageCacheMiddleware(set_cookie_view)
    factory = RequestFactory()
    assert "Cache-Status" not in middleware(factory.get("/articles/"))
    assert middleware(factory.get("/articles/")).cookies["visitor"].value == "42"


@pytest.mark.django_db
def test_a_visitor_with_a_pending_message_is_not_served_a_shared_page(client, article):
    url = article.get_absolute_url()
    client.get(url)
    client.cookies["messages"] = "pending"
    assert "Cache-Status" not in client.get(url)


@pytest.mark.django_db(transaction=True)
def test_an_edit_shows_on_the_next_request(committed_seeds):
    seeds = committed_seeds
    article = seeds["004"]
    url = article.get_absolute_url()
    reader = Client()
    reader.get(url)
    assert cache_status(reader.get(url)) == "ReadingRoom; hit"

    article.headline = "An edited headline nobody has seen"
    article.save()

    page = reader.get(url)
    assert b"An edited headline nobody has seen" in page.content
    listing = reader.get("/articles/")
    assert b"An edited headline nobody has seen" in listing.content


@pytest.mark.django_db(transaction=True)
def test_an_editors_change_in_the_admin_shows_on_the_next_request(committed_seeds, editor):
    seeds = committed_seeds
    article = seeds["004"]
    reader = Client()
    reader.get(article.get_absolute_url())
    reader.get("/articles/")

    desk = Client()
    desk.force_login(editor)
    response = desk.post(
        "/admin/articles/article/",
        {"action": "hide", "_selected_action": [article.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert Article.objects.get(pk=article.pk).status == Article.Status.HIDDEN

    assert reader.get(article.get_absolute_url()).status_code == 404
    assert article.headline.encode() not in reader.get("/articles/").content


@pytest.mark.django_db(transaction=True)
def test_a_new_public_note_shows_on_the_next_request(committed_seeds):
    seeds = committed_seeds
    article = seeds["004"]
    reader = Client()
    reader.get(article.get_absolute_url())
    Annotation.objects.create(
        article=article, paragraph=1, quote=article.blocks[0]["text"][:20], body="Fresh note."
    )
    assert b"Fresh note." in reader.get(article.get_absolute_url()).content


@pytest.mark.django_db(transaction=True)
def test_an_import_shows_on_the_next_request(committed_seeds, seed_text, write_article):
    reader = Client()
    assert b"Imported just now" not in reader.get("/articles/").content
    headline, body_text = seed_text("004").split("\n", 1)
    text = f"{headline} (Imported just now)\n{body_text}"
    assert import_paths([write_article("999_new.txt", text)]).count("created") == 1
    assert b"Imported just now" in reader.get("/articles/").content


UNREACHABLE_CACHE = {
    "default": {
        "BACKEND": "readingroom.redis_cache.SharedClientRedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.mark.django_db
def test_pages_are_served_when_the_cache_server_is_down(client, article, settings):
    settings.CACHES = UNREACHABLE_CACHE
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert article.headline.encode() in response.content


@pytest.mark.django_db(transaction=True)
def test_anonymous_posts_do_not_empty_the_cache(committed_seeds):
    url = committed_seeds["004"].get_absolute_url()
    reader, stranger = Client(), Client()
    reader.get(url)
    for _ in range(3):
        assert stranger.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 200
    assert cache_status(reader.get(url)) == "ReadingRoom; hit"


@pytest.mark.django_db(transaction=True)
def test_a_change_made_while_the_cache_was_away_shows_when_it_returns(committed_seeds):
    article = committed_seeds["004"]
    reader = Client()
    reader.get(article.get_absolute_url())
    with override_settings(CACHES=UNREACHABLE_CACHE):
        article.headline = "Changed while the cache was away"
        article.save()
    assert b"Changed while the cache was away" in reader.get(article.get_absolute_url()).content


class FlakyDatabaseView:
    """A view whose database is up or down, as the test says; counts the requests it gets."""

    def __init__(self):
        self.down = False
        self.asked = 0

    def __call__(self, request):
        self.asked += 1
        if self.down:
            response = HttpResponse("unavailable", status=503)
            response.database_unavailable = True
            return response
        return HttpResponse(f"page {request.path}")


@pytest.mark.django_db
def test_while_the_database_is_down_stored_pages_are_served_without_asking_it(monkeypatch):
    """Each ask waits for a connection (the pool's timeout): after one finds the database
    down, readers with a stored copy get it at once, and only one request now and then asks
    again."""
    view = FlakyDatabaseView()
    middleware = PageCacheMiddleware(view)
    factory = RequestFactory()
    pages = [f"/articles/?n={n}" for n in range(5)]
    for page in pages:
        middleware(factory.get(page))
    start_new_generation()
    view.down, view.asked = True, 0

    answers = [middleware(factory.get(page)) for page in pages]
    assert [cache_status(answer) for answer in answers] == [
        "ReadingRoom; hit; detail=stale-database-unavailable"
    ] * 5
    assert view.asked == 1
    assert middleware(factory.get("/articles/?never-stored")).status_code == 503
    assert view.asked == 2  # no copy to give: the database is asked

    clock = time.monotonic() + DatabaseOutage.RECHECK_SECONDS
    monkeypatch.setattr(time, "monotonic", lambda: clock)
    view.down = False
    assert middleware(factory.get(pages[0])).content == b"page /articles/"
    assert view.asked == 3
    assert cache_status(middleware(factory.get(pages[1]))) == "ReadingRoom; fwd=miss; stored"
    assert view.asked == 4
