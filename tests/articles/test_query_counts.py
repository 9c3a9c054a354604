"""Every page runs a fixed number of SQL queries, whatever the number of articles."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

# The lists: count, page, its events, and one grouped query per facet (event, outlet, tag, public
# notes, month); the event page has no event facet. Facet links replaced the event, outlet and
# tag menus, which cost a query each.
EXPECTED_QUERIES = {
    "/": 6,  # and each event's clips, their postings, its outlets and dates
    "/articles/": 8,
    "/articles/?q=soldier+mother": 9,
    "/articles/?event=farewells&outlet=political-tribune&has_notes=false&sort=headline": 8,
    "/events/farewells/": 11,  # and its clips, their postings, its outlets and dates
    "/articles.json?event=captured-soldier-calls": 8,  # count, page, and the five facets
    "/articles.csv": 1,
    "/feed/": 1,
    "/events/farewells/feed/": 2,
    "/events/farewells/story/": 8,
    "/events/farewells/story.json": 8,
    "/sitemap.xml": 3,
    "/notes/": 2,
    "/notes/?kind=context": 2,
    "/notes/feed/": 1,
    "ARTICLE": 8,  # and its clips, the sources it cites, its passages published elsewhere
    "ARTICLE/p3/": 8,  # the article page opened at a paragraph
    "ARTICLE/card.png": 1,  # the article, its outlet and its events' names
    "ARTICLE/p3/card.png": 1,
    "/card.png": 0,
}


@pytest.mark.parametrize("url", EXPECTED_QUERIES)
def test_page_runs_a_fixed_number_of_queries(client, corpus, url):
    address = url.replace("ARTICLE/", corpus.get_absolute_url()).replace(
        "ARTICLE", corpus.get_absolute_url()
    )
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    assert len(queries) == EXPECTED_QUERIES[url], "\n".join(q["sql"] for q in queries)
