"""Facets on the article lists: counts under the other filters, the same in the page and in
/articles.json, no dead options, no empty parameters in the links."""

import html
import re
import time
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import connection

from articles import facets as facets_module
from articles.models import Annotation, Article, Outlet, Tag

pytestmark = pytest.mark.django_db

FACET = re.compile(
    r'<section class="facet" aria-labelledby="facet-(?P<name>[\w-]+)">(?P<body>.*?)</section>',
    re.S,
)
OPTION = re.compile(
    r'<li(?P<selected> class="selected")?><a href="(?P<href>[^"]*)"[^>]*>(?P<label>[^<]*)'
    r'.*?</a> <span class="count">(?P<count>\d+)</span></li>',
    re.S,
)
HREF = re.compile(r'href="([^"]*)"')


def page_of(client, address):
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


def facets_shown(page):
    """{facet name: [(label, count, selected, query of its link)]} as the page shows them."""
    shown = {}
    for facet in FACET.finditer(page):
        if facet["name"] == "sort":
            continue
        shown[facet["name"]] = [
            (
                html.unescape(option["label"]),
                int(option["count"]),
                bool(option["selected"]),
                html.unescape(option["href"]),
            )
            for option in OPTION.finditer(facet["body"])
        ]
    return shown


def json_count(client, query, event=None):
    params = dict(parse_qsl(query.lstrip("?")))
    if event:
        params["event"] = event
    response = client.get("/articles.json", params)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def curated(seeds):
    """The seeds with outlets, tags and a public note, so that every facet has options."""
    tribune, _ = Outlet.objects.get_or_create(slug="political-tribune", name="Political Tribune")
    metro = Outlet.objects.create(slug="metro", name="Metro")
    mothers = Tag.objects.create(slug="mothers", name="Mothers")
    goodbyes = Tag.objects.create(slug="goodbyes", name="Goodbyes")
    Article.objects.filter(pk__in=[seeds["000"].pk, seeds["003"].pk]).update(outlet=metro)
    Article.objects.filter(pk=seeds["001"].pk).update(outlet=tribune, published_on="2022-02-25")
    for number in ("002", "003", "004"):
        seeds[number].tags.add(mothers)
    for number in ("000", "001", "003"):
        seeds[number].tags.add(goodbyes)
    Annotation.objects.create(article=seeds["003"], paragraph=2, quote="mother", body="A note.")
    return seeds


ADDRESSES = [
    "/articles/",
    "/articles/?q=mother",
    "/articles/?event=captured-soldier-calls",
    "/articles/?tag=goodbyes&outlet=metro",
    "/articles/?event=farewells&has_notes=false",
    "/articles/?tag=mothers&has_notes=true",
    "/articles/?date_after=2022-03-01",
    "/articles/?date_before=2022-03-31&undated=include&tag=goodbyes",
    "/articles/?undated=only&event=captured-soldier-calls",
    "/events/farewells/",
    "/events/captured-soldier-calls/?tag=mothers",
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_facet_counts_match_the_json_export(client, curated, address):
    """For each option: the count on the page == the facet count in the JSON == the count the
    JSON export gives with that option applied."""
    event = address.split("/")[2] if address.startswith("/events/") else None
    query = urlsplit(address).query
    page = page_of(client, address)
    shown = facets_shown(page)
    assert shown, "no facet shown"
    current = json_count(client, query, event)
    in_json = {
        name: [(o["label"], o["count"], o["selected"]) for o in facet["options"]]
        for name, facet in current["facets"].items()
        # An event's page is /articles.json?event=…, whose event facet the page has no use for.
        if not (event and name == "event")
    }
    assert in_json == {
        name: [(label, count, selected) for label, count, selected, _ in options]
        for name, options in shown.items()
    }
    for name, options in shown.items():
        for label, count, selected, href in options:
            assert count > 0, f"{name}: {label} shown with no article"
            if selected:
                # Its link removes it: the count is that of the list as it is.
                assert count == current["count"], (name, label)
            else:
                assert json_count(client, href, event)["count"] == count, (name, label, href)


def test_counts_leave_out_the_facets_own_filter_and_apply_the_others(client, curated):
    shown = facets_shown(page_of(client, "/articles/?tag=mothers&event=captured-soldier-calls"))
    # Under tag=mothers alone: 002, 003 and 004 are captured-soldier calls, none a farewell.
    assert [(label, count) for label, count, *_ in shown["event"]] == [
        ("Captured-soldier calls", 3)
    ]
    # Under the event alone: 002, 003, 004 are all tagged mothers; 003 also goodbyes.
    assert [(label, count) for label, count, *_ in shown["tag"]] == [
        ("Mothers", 3),
        ("Goodbyes", 1),
    ]
    assert [(label, count) for label, count, *_ in shown["outlet"]] == [
        ("Metro", 1),
        ("Political Tribune", 1),
    ]
    assert [(label, count) for label, count, *_ in shown["has_notes"]] == [
        ("With notes", 1),
        ("Without notes", 2),
    ]


def test_no_dead_options_and_no_empty_facets(client, seeds):
    page = page_of(client, "/articles/?event=farewells")
    shown = facets_shown(page)
    # The farewells have no outlet, no tag, no note and no date: no such menus.
    assert set(shown) == {"event", "has_notes", "month"}
    assert [label for label, *_ in shown["month"]] == ["Undated"]
    assert not re.search(r'<span class="count">0</span>', page)


def test_the_event_page_has_no_event_facet(client, curated):
    assert "event" not in facets_shown(page_of(client, "/events/farewells/"))


@pytest.mark.parametrize(
    "address",
    [
        "/articles/?q=Natasha&event=&outlet=&tag=&date_after=&date_before=&has_notes=&sort=",
        "/articles/?tag=mothers&outlet=&undated=&page=",
        "/events/captured-soldier-calls/?outlet=&tag=&date_after=2022-03-01",
    ],
)
def test_links_carry_no_empty_parameters_even_from_old_links(client, curated, address):
    page = page_of(client, address)
    assert "This filter was ignored" not in page
    links = [html.unescape(href) for href in HREF.findall(page)]
    queries = [urlsplit(link).query for link in links if "?" in link]
    assert queries
    for query in queries:
        for name, value in parse_qsl(query, keep_blank_values=True):
            assert value, f"empty parameter {name} in ?{query}"
    hidden = re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', page)
    assert all(value for _, value in hidden), hidden


def test_old_links_with_empty_parameters_keep_working(client, seeds):
    page = page_of(client, "/articles/?q=Natasha&event=&outlet=&tag=&date_after=")
    assert "2 articles" in page


def test_a_date_range_says_how_many_undated_articles_it_leaves_out(client, seeds):
    page = page_of(client, "/articles/?date_after=2022-03-01")
    assert "1 article" in page
    assert "4 undated articles are not in this range" in page
    include = re.search(r'<a href="([^"]*)">include them</a>', page)[1]
    assert html.unescape(include) == "?date_after=2022-03-01&undated=include"

    page = page_of(client, "/articles/" + html.unescape(include))
    assert "5 articles" in page
    assert "not in this range" not in page
    assert 'name="undated" value="include" checked' in page


def test_undated_only_lists_the_undated_articles(client, seeds):
    assert json_count(client, "undated=only")["count"] == 4
    assert json_count(client, "undated=only&date_after=2022-01-01")["count"] == 0
    assert json_count(client, "undated=include&date_before=2022-03-02")["count"] == 4
    assert json_count(client, "undated=include")["count"] == 5


BAD_VALUES = [
    ("event", "nope"),
    ("outlet", "nope"),
    ("tag", "nope"),
    ("has_notes", "maybe"),
    ("undated", "sometimes"),
    ("date_after", "2022-13-45"),
    ("sort", "sideways"),
]


@pytest.mark.parametrize(("name", "value"), BAD_VALUES)
def test_a_bad_value_gets_a_clear_message_and_is_ignored(client, seeds, name, value):
    response = client.get("/articles/", {name: value})
    assert response.status_code == 200
    page = response.content.decode()
    assert "This filter was ignored." in page
    assert "5 articles" in page
    assert facets_shown(page)["event"]

    response = client.get("/articles.json", {name: value})
    assert response.status_code == 400
    field = "date" if name.startswith("date") else name
    assert field in response.json()["fields"]


def test_an_unknown_more_is_ignored(client, seeds):
    assert "5 articles" in page_of(client, "/articles/?more=nothing")


def test_a_long_facet_lists_the_top_options_and_links_to_more(client, curated, monkeypatch):
    monkeypatch.setattr(facets_module, "FACET_SIZE", 1)
    shown = facets_shown(page := page_of(client, "/articles/"))
    assert [label for label, *_ in shown["event"]] == ["Captured-soldier calls"]
    more = re.search(r'<a class="more" href="([^"]*)">More event options</a>', page)[1]
    assert html.unescape(more) == "?more=event"

    shown = facets_shown(page_of(client, "/articles/?more=event"))
    assert [label for label, *_ in shown["event"]] == ["Captured-soldier calls", "Farewells"]
    data = json_count(client, "more=event")
    assert data["facets"]["outlet"]["truncated"] is True
    assert data["facets"]["event"]["truncated"] is False


def test_json_gives_the_facets_with_the_results(client, seeds):
    data = json_count(client, "q=Natasha")
    assert data["count"] == 2
    assert data["undated_articles"] == 2
    assert data["facets_failed"] is False
    assert data["facets"]["event"] == {
        "label": "Event",
        "options": [
            {
                "value": "captured-soldier-calls",
                "label": "Captured-soldier calls",
                "count": 2,
                "selected": False,
            }
        ],
        "truncated": False,
    }


def test_a_facet_the_database_refuses_leaves_the_list_without_counts(
    client, committed_seeds, monkeypatch
):
    """A facet query PostgreSQL cancels (past the statement timeout, say) costs the counts,
    never the page."""

    def refused(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 / 0")

    monkeypatch.setattr(facets_module.Facets, "outlet", refused)
    page = page_of(client, "/articles/")
    assert "5 articles" in page
    assert "Some of the counts for these filters could not be made in time" in page
    # The event facet came first and stays; the outlet facet and those after it are left out.
    assert list(facets_shown(page)) == ["event"]
    data = client.get("/articles.json").json()
    assert data["facets_failed"] is True
    assert list(data["facets"]) == ["event"]


def test_a_facet_past_its_time_limit_is_cancelled(client, committed_seeds, monkeypatch):
    def slow(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(1)")

    monkeypatch.setattr(facets_module, "FACET_TIME_LIMIT_MS", 50)
    monkeypatch.setattr(facets_module.Facets, "tag", slow)
    started = time.perf_counter()
    page = page_of(client, "/articles/")
    assert time.perf_counter() - started < 0.9
    assert "5 articles" in page
    assert list(facets_shown(page)) == ["event", "outlet"]
    with connection.cursor() as cursor:  # the request's own limit is back
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "2s"


def test_a_search_too_broad_to_rank_skips_the_facet_counts(client, seeds, monkeypatch):
    from django.db import connection as db
    from django.test.utils import CaptureQueriesContext

    from articles.filters import ArticleFilter

    monkeypatch.setattr(ArticleFilter, "ranked_matches", 1)
    with CaptureQueriesContext(db) as queries:
        page = client.get("/articles/?q=soldier").content.decode()
    assert "matches too many articles to count them" in page
    assert {match["name"] for match in FACET.finditer(page)} <= {"sort"}
    facet_queries = [
        q["sql"] for q in queries if "DATE_TRUNC" in q["sql"] or "event__slug" in q["sql"]
    ]
    assert facet_queries == []
    data = client.get("/articles.json?q=soldier").json()
    assert data["facets_skipped"] is True and data["facets"] == {}
