"""Highlighted search snippets, computed only for the rows on the page."""

from django.contrib.postgres.search import SearchHeadline
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import SEARCH_CONFIG, Article, websearch

# Control characters never survive import, so they can mark matches safely
# before the snippet is HTML-escaped.
START, STOP = "\x02", "\x03"


def highlighted(snippet):
    return mark_safe(escape(snippet).replace(START, "<mark>").replace(STOP, "</mark>"))


def attach_snippets(articles, text):
    """Give each article on the page a `snippet` with the matched words in <mark>."""
    articles = list(articles)
    if not articles or not text.strip():
        return articles
    headline = SearchHeadline(
        "body",
        websearch(text),
        config=SEARCH_CONFIG,
        start_sel=START,
        stop_sel=STOP,
        max_words=40,
        min_words=20,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
    snippets = dict(
        Article.objects.filter(pk__in=[a.pk for a in articles])
        .annotate(snippet=headline)
        .values_list("pk", "snippet")
    )
    for article in articles:
        article.snippet = highlighted(snippets.get(article.pk, ""))
    return articles
