"""Highlighted search snippets, computed only for the rows on the page."""

from django.contrib.postgres.search import SearchHeadline
from django.db.models.functions import Left
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import SEARCH_CONFIG, Article, websearch

# Control characters never survive import, so they can mark matches safely
# before the snippet is HTML-escaped.
START, STOP = "\x02", "\x03"
# ts_headline's work grows with the text it scans times the query's terms; the query is
# bounded by search_input, the text here. Longer articles are highlighted in their opening.
SNIPPET_SOURCE_CHARS = 20_000
# A broad search's words are everywhere, so its snippets come from each article's opening:
# a quarter of the work for the twenty rows of a page.
BROAD_SNIPPET_SOURCE_CHARS = 1_500


def highlighted(snippet):
    return mark_safe(escape(snippet).replace(START, "<mark>").replace(STOP, "</mark>"))


def attach_snippets(articles, text, source_chars=SNIPPET_SOURCE_CHARS):
    """Give each article on the page a `snippet` with the matched words in <mark>, found in
    the first `source_chars` characters of its text."""
    articles = list(articles)
    if not articles or not text.strip():
        return articles
    headline = SearchHeadline(
        Left("body", source_chars),
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
