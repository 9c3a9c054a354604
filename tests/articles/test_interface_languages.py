"""The interface in English, Ukrainian and Russian: the language is in the address."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.utils import translation

pytestmark = pytest.mark.django_db


def page(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def alternates(text):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', text))


def test_english_pages_keep_their_addresses_whatever_the_browser_asks_for(client, seeds):
    article = seeds["003"]
    response = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="uk,ru;q=0.9")
    text = page(response)
    assert '<html lang="en-gb">' in text
    assert response["Content-Language"] == "en-gb"
    assert "Accept-Language" not in response.get("Vary", "")
    assert "Share and cite" in text


@pytest.mark.parametrize("code", ["uk", "ru"])
def test_each_page_has_its_address_in_each_language(client, seeds, code):
    article = seeds["003"]
    for path in ("/", "/articles/", "/notes/", article.get_absolute_url(), "/events/farewells/"):
        response = client.get(f"/{code}{path}")
        text = page(response)
        assert f'<html lang="{code}">' in text, path
        assert response["Content-Language"] == code
        assert "Accept-Language" not in response.get("Vary", "")


def test_hreflang_alternates_name_the_same_page_with_its_query(client, seeds):
    text = page(client.get("/ru/articles/?q=mother&sort=oldest"))
    assert alternates(text) == {
        "en-gb": "http://testserver/articles/?q=mother&amp;sort=oldest",
        "uk": "http://testserver/uk/articles/?q=mother&amp;sort=oldest",
        "ru": "http://testserver/ru/articles/?q=mother&amp;sort=oldest",
        "x-default": "http://testserver/articles/?q=mother&amp;sort=oldest",
    }


def test_the_language_switcher_leads_to_the_same_page_in_each_language(client, seeds):
    path = seeds["001"].get_absolute_url()
    text = page(client.get(path))
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', text, re.S)[0]
    assert '<strong aria-current="true" lang="en-gb">English</strong>' in switcher
    assert f'<a href="/uk{path}" hreflang="uk" lang="uk">Українська</a>' in switcher
    assert f'<a href="/ru{path}" hreflang="ru" lang="ru">Русский</a>' in switcher


def test_a_page_not_found_is_in_the_language_of_its_address(client, db):
    response = client.get("/uk/articles/no-such-article/")
    assert response.status_code == 404
    text = response.content.decode()
    assert '<html lang="uk">' in text
    assert '<a href="/articles/no-such-article/" hreflang="en-gb" lang="en-gb">English</a>' in text
    response = client.get("/uk/no/such/page/")
    text = response.content.decode()
    assert '<a href="/ru/" hreflang="ru" lang="ru">Русский</a>' in text
    assert alternates(text) == {}  # the home pages are no alternates of a missing page


def test_an_unknown_language_prefix_is_not_found(client, db):
    assert client.get("/de/articles/").status_code == 404
    assert client.get("/en-gb/articles/").status_code == 404


def test_dates_are_written_the_way_each_language_writes_them(client, seeds):
    article = seeds["003"]
    article.published_on = datetime.date(2022, 3, 3)
    article.save()
    english = page(client.get(article.get_absolute_url()))
    ukrainian = page(client.get(f"/uk{article.get_absolute_url()}"))
    russian = page(client.get(f"/ru{article.get_absolute_url()}"))
    assert ">3 March 2022</time>" in english
    assert ">3 березня 2022</time>" in ukrainian
    assert ">3 марта 2022</time>" in russian


@pytest.mark.parametrize(
    ("code", "written"), [("en-gb", "12,345"), ("uk", "12\xa0345"), ("ru", "12\xa0345")]
)
def test_counts_are_grouped_the_way_each_language_groups_them(code, written):
    with translation.override(code):
        assert (
            Template("{% load humanize %}{{ n|intcomma }}").render(Context({"n": 12345})) == written
        )


def test_the_page_cache_keeps_each_language_apart(client, seeds):
    english = client.get("/")
    ukrainian = client.get("/uk/")
    again = client.get("/uk/")
    assert '<html lang="en-gb">' in english.content.decode()
    assert '<html lang="uk">' in again.content.decode()
    assert again["ETag"] == ukrainian["ETag"] != english["ETag"]
    assert "hit" in again.get("Cache-Status", "")


def test_the_editors_desk_follows_the_browsers_language(client, db):
    text = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="uk").content.decode()
    assert '<html lang="uk"' in text
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Accept-Language" in response["Vary"]


def test_a_shared_link_shows_the_title_without_the_site_name_in_each_language(client, seeds):
    article = seeds["001"]
    for prefix in ("", "/uk", "/ru"):
        text = page(client.get(f"{prefix}{article.get_absolute_url()}"))
        og_title = re.search(r'<meta property="og:title" content="([^"]*)">', text)[1]
        title = re.search(r"<title>([^<]*)</title>", text)[1]
        assert og_title == article.headline.replace("'", "&#x27;")
        assert title.startswith(og_title + " · ")


def test_the_csv_export_links_the_articles_in_its_own_language(client, seeds):
    rows = b"".join(client.get("/uk/articles.csv").streaming_content).decode()
    assert "http://testserver/uk/articles/" in rows
    assert "http://testserver/articles/" not in rows
    rows = b"".join(client.get("/articles.csv").streaming_content).decode()
    assert "http://testserver/articles/" in rows and "/uk/" not in rows


def test_what_cleaning_changed_is_described_in_the_pages_language(client, seeds):
    path = seeds["003"].get_absolute_url()
    english = page(client.get(path))
    ukrainian = page(client.get(f"/uk{path}"))
    assert "[removed: an image caption printed twice]" in english
    assert "[вилучено: підпис до зображення, надрукований двічі]" in ukrainian


def test_the_active_date_range_is_written_in_the_pages_language(client, seeds):
    english = page(client.get("/articles/?date_after=2022-03-01"))
    russian = page(client.get("/ru/articles/?date_after=2022-03-01&date_before=2022-03-31"))
    assert "<strong>1 March 2022 to …</strong>" in english
    assert "1 марта 2022" in russian and "31 марта 2022" in russian


@pytest.mark.parametrize(
    "header", ["", "*", "xx-YY;q=oops", "uk;q=2,,;", "ru" * 400, "de-DE,\x00fr;q=0.5"]
)
def test_a_malformed_accept_language_header_changes_nothing(client, db, header):
    public = client.get("/articles/", HTTP_ACCEPT_LANGUAGE=header)
    assert public.status_code == 200 and public["Content-Language"] == "en-gb"
    desk = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE=header)
    assert desk.status_code == 200
    assert desk["Content-Language"] in ("en-gb", "uk", "ru")
