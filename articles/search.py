"""Search snippets: for each article on the page, the paragraph that best matches the query,
cut to whole sentences around the first match, with the matched words in <mark>."""

import re
from dataclasses import dataclass

from django.db import connections
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Article

# Control characters never survive import, so they can mark matches safely
# before the snippet is HTML-escaped.
START, STOP = "\x02", "\x03"
# ts_headline's and to_tsvector's work grow with the text they scan: each article's first
# paragraphs, each paragraph's opening. A broad search's words are everywhere, so its
# snippets come from each article's opening paragraphs.
SNIPPET_PARAGRAPHS = 100
BROAD_SNIPPET_PARAGRAPHS = 3
PARAGRAPH_CHARS = 2_000
# A snippet is whole sentences up to about this many characters.
SNIPPET_CHARS = 240
SENTENCE_END = re.compile(r"[.!?…]+[”’\"')\]]*\s+")

# The best paragraph of each article (rank, then order), highlighted alone; the query read
# in the article's own text-search configuration.
BEST_PARAGRAPHS = f"""
WITH paragraphs AS (
    SELECT DISTINCT ON (article.id) article.id, part.number, part.text, query.config, query.q
    FROM articles_article article
    CROSS JOIN LATERAL (
        SELECT article.search_config::regconfig AS config,
               websearch_to_tsquery(article.search_config::regconfig, %(text)s) AS q
    ) query
    CROSS JOIN LATERAL (
        SELECT number, left(block->>'text', {PARAGRAPH_CHARS}) AS text,
               block->>'kind' = 'paragraph' AS is_paragraph
        FROM jsonb_array_elements(article.blocks) WITH ORDINALITY AS block_row(block, number)
        WHERE number <= %(paragraphs)s AND block->>'kind' <> 'credit'
    ) part
    WHERE article.id = ANY(%(ids)s)
    ORDER BY article.id, ts_rank(to_tsvector(query.config, part.text), query.q) DESC,
             part.is_paragraph DESC, part.number
)
SELECT id, number,
       ts_headline(config, text, q,
                   'HighlightAll=true, StartSel=' || chr(2) || ', StopSel=' || chr(3))
FROM paragraphs
"""


@dataclass(frozen=True)
class Snippet:
    html: str
    paragraph: int


def highlighted(snippet):
    return mark_safe(escape(snippet).replace(START, "<mark>").replace(STOP, "</mark>"))


def balanced(text):
    """Marks whole again after a cut: a stray end dropped, an open start closed."""
    first_stop, first_start = text.find(STOP), text.find(START)
    if first_stop != -1 and (first_start == -1 or first_stop < first_start):
        text = text.replace(STOP, "", 1)
    if text.rfind(START) > text.rfind(STOP):
        text += STOP
    return text


def sentence_bounds(text):
    """(start, end) of each sentence of a paragraph."""
    ends = [match.end() for match in SENTENCE_END.finditer(text)]
    starts = [0, *ends]
    return [(start, end) for start, end in zip(starts, [*ends, len(text)], strict=True)]


def within_words(text, start, end):
    """The text between two offsets, moved inward to whole words."""
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if space != -1 and space < end else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return start, end


def excerpt(text, limit=SNIPPET_CHARS):
    """The sentences around the first match, up to about `limit` characters, with an
    ellipsis wherever the paragraph goes on; a match in a very long sentence gets a window
    of whole words around it."""
    first = max(text.find(START), 0)
    bounds = sentence_bounds(text)
    index = next(
        i for i, (start, end) in enumerate(bounds) if start <= first < end or i == len(bounds) - 1
    )
    start, end = bounds[index]
    after, before = index + 1, index - 1
    while after < len(bounds) and bounds[after][1] - start <= limit:
        end, after = bounds[after][1], after + 1
    while before >= 0 and end - bounds[before][0] <= limit:
        start, before = bounds[before][0], before - 1
    if end - start > limit * 4 // 3:
        start, end = within_words(text, max(start, first - limit // 3), first + limit)
    cut = balanced(text[start:end].strip())
    return f"{'… ' if start > 0 else ''}{cut}{' …' if end < len(text.rstrip()) else ''}"


def snippets_for(ids, text, paragraphs):
    """{article id: Snippet} for the articles with these ids."""
    if not ids:
        return {}
    params = {"text": text, "ids": ids, "paragraphs": paragraphs}
    with connections[Article.objects.db].cursor() as cursor:
        cursor.execute(BEST_PARAGRAPHS, params)
        rows = cursor.fetchall()
    return {pk: Snippet(highlighted(excerpt(found)), number) for pk, number, found in rows}


def attach_snippets(articles, text, paragraphs=SNIPPET_PARAGRAPHS):
    """Give each article on the page a `snippet`: the sentences of its best-matching paragraph
    (among its first `paragraphs`) around the matched words. `text` is already normalised."""
    articles = list(articles)
    if not articles or not text.strip():
        return articles
    found = snippets_for([article.pk for article in articles], text, paragraphs)
    for article in articles:
        article.snippet = found.get(article.pk)
    return articles
