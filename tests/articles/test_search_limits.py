"""Searches cost a bounded amount whatever is typed, and a failed search is a message."""

from urllib.parse import quote_plus

import pytest
from django.db import connection
from django.test import Client

from articles.filters import ArticleFilter
from articles.search_input import MAX_PHRASES, MAX_WORDS, normalise, too_many_notice

HYPHENS = "-" * 40
NINE_PHRASES = " or ".join(f'"{word} mother"' for word in "abcdefghi")
LIST_PATHS = ["/articles/", "/events/farewells/", "/articles.json", "/articles.csv"]


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        (HYPHENS, ""),
        (f"soldier {HYPHENS}", "soldier"),
        ("---putin", "-putin"),
        ("tea ---- pastry", "tea pastry"),
        ("well--known", "well-known"),
        ("or or tea or or or pastry or", "tea or pastry"),
        ('"his   mother" or tea', '"his mother" or tea'),
        ('"unclosed phrase', '"unclosed phrase"'),
        ('"" " " tea', "tea"),
        ("a\x00b\x1fc", "a b c"),
    ],
)
def test_search_input_keeps_its_meaning_without_operator_runs(typed, sent):
    assert normalise(typed).text == sent


def test_search_input_is_limited_in_words_and_phrases_and_says_so():
    many_words = normalise(" ".join(f"word{n}" for n in range(30)))
    assert len(many_words.text.split()) == MAX_WORDS
    assert many_words.notices == [too_many_notice()]

    phrases = normalise(NINE_PHRASES)
    assert phrases.text.count('"') == 2 * MAX_PHRASES
    assert phrases.notices == [too_many_notice()]

    assert normalise("tea or pastry").notices == []


def test_long_search_input_is_cut_and_says_so():
    result = normalise("tea " * 100)
    assert len(result.text) <= 200
    assert "first 200 characters" in result.notices[0]


@pytest.mark.django_db
@pytest.mark.parametrize("path", LIST_PATHS)
@pytest.mark.parametrize("query", [HYPHENS, "-" * 199, NINE_PHRASES, "a" + "-b" * 90])
def test_hostile_searches_are_answered_on_every_list(client, seeds, path, query):
    response = client.get(f"{path}?q={quote_plus(query)}")
    assert response.status_code == 200
    if response.streaming:
        b"".join(response.streaming_content)


@pytest.mark.django_db
def test_operator_run_matches_like_the_words_around_it(client, seeds):
    plain = client.get("/articles.json?q=natasha").json()
    noisy = client.get(f"/articles.json?q=natasha+{HYPHENS}").json()
    assert plain["count"] > 0
    assert noisy["results"] == plain["results"]


@pytest.mark.django_db
def test_nine_phrases_are_searched_as_three_with_a_notice(client, seeds):
    page = client.get(f"/articles/?q={quote_plus(NINE_PHRASES)}").content.decode()
    assert "at most 12 words and 3 quoted phrases" in page


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/articles/article/", "/admin/autocomplete/"])
def test_admin_search_survives_operator_runs(editor_client, seeds, path):
    params = f"term={HYPHENS}" if "autocomplete" in path else f"q={HYPHENS}"
    if "autocomplete" in path:
        params += "&app_label=articles&model_name=annotation&field_name=article"
    assert editor_client.get(f"{path}?{params}").status_code == 200


@pytest.mark.django_db
def test_broad_search_is_sorted_newest_first_and_says_so(client, seeds, monkeypatch):
    monkeypatch.setattr(ArticleFilter, "ranked_matches", 2)
    page = client.get("/articles/?q=soldier").content.decode()
    assert "More than 2 articles match, too many to rank by relevance" in page
    assert "sorted by newest" in page
    assert "More than 2 articles" in page

    narrow = client.get("/articles/?q=natasha").content.decode()
    assert "too many to rank" not in narrow


@pytest.fixture
def slow_searches(settings):
    """Every full-text statement is made to take a second, so the public statement timeout
    (here 50 ms) cancels it: the error is PostgreSQL's own (57014 query_canceled)."""
    settings.PUBLIC_STATEMENT_TIMEOUT_MS = 50

    def slow_search(execute, sql, params, many, context):
        if "@@" in sql:
            execute("SELECT pg_sleep(1)", None, False, context)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(slow_search):
        yield
    connection.close()  # the next user of the connection must not inherit the 50 ms limit


@pytest.mark.django_db(transaction=True)
def test_a_search_past_the_statement_timeout_is_a_message_not_an_error(
    committed_seeds, slow_searches
):
    client = Client(raise_request_exception=False)
    page = client.get("/articles/?q=natasha")
    assert page.status_code == 200
    assert "This search could not be run" in page.content.decode()

    exported = client.get("/articles.json?q=natasha")
    assert exported.status_code == 400
    assert exported.json() == {"error": "this search could not be run: try fewer words or phrases"}

    csv = client.get("/articles.csv?q=natasha")
    assert csv.status_code == 400
    assert not csv.streaming

    assert client.get("/articles/").status_code == 200  # pages without a search still work


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "٣", "1e3", " 2", "99999999999"])
def test_json_export_explains_a_bad_page_number_in_plain_words(client, value):
    response = client.get(f"/articles.json?page={quote_plus(value)}")
    assert response.status_code == 400
    assert response.json() == {"error": "page must be a whole number of 1 or more"}


@pytest.mark.django_db
def test_long_lists_are_counted_only_up_to_a_cap(client, seeds, monkeypatch):
    from articles import views

    monkeypatch.setattr(views, "LISTED_MATCHES", 2)
    monkeypatch.setattr(views, "PAGE_SIZE", 1)
    page = client.get("/articles/").content.decode()
    assert "More than 2 articles" in page
    assert "page 1 of 2" in page
    assert client.get("/articles.json").json()["count"] == 5  # machines get the exact count


@pytest.mark.django_db
def test_event_counts_on_the_home_page_stop_at_the_cap(client, seeds, monkeypatch):
    from articles import views

    monkeypatch.setattr(views, "LISTED_MATCHES", 2)
    page = client.get("/").content.decode()
    assert "More than 2 articles" in page  # captured-soldier calls has 3
    assert "2 articles" in page  # farewells has exactly 2


@pytest.mark.django_db
def test_a_search_on_an_event_page_counts_only_that_events_articles(client, seeds, monkeypatch):
    monkeypatch.setattr(ArticleFilter, "ranked_matches", 2)
    everywhere = client.get("/articles/?q=soldier").content.decode()
    in_farewells = client.get("/events/farewells/?q=soldier").content.decode()
    assert "too many to rank" in everywhere
    assert "too many to rank" not in in_farewells
    assert "sorted by relevance" in in_farewells


@pytest.mark.parametrize("typed", ["“crying soldier”", "„crying soldier“", "«crying soldier»"])
def test_a_phrase_is_quoted_however_the_keyboard_quotes(typed):
    assert normalise(typed).text == '"crying soldier"'


@pytest.mark.parametrize("typed", ["«crying soldier", "crying» soldier«", "„“«»"])
def test_unbalanced_typographic_quotes_are_searched_safely(typed, client, seeds):
    response = client.get("/articles/", {"q": typed})
    assert response.status_code == 200
    assert "This search could not be run" not in response.content.decode()
    assert normalise(typed).text.count('"') % 2 == 0  # every phrase it keeps is closed
