"""The searches the benchmarks run: words picked from the corpus by document frequency.

The candidates are the words of the imported articles (the copies repeat them) and the words
appended to the copies' headlines; each is counted by the published articles whose search
vector holds its lexeme (ts_stat reads every vector once).
"""

from dataclasses import dataclass

from tests.benchmarks.bulk_corpus import HEADLINE_WORDS

# Nine phrases from the corpus's headlines and bodies; the search box keeps the first few
# (articles.search_input), which is part of what is measured.
PHRASES = [
    "saying goodbye", "his family", "his mother", "captured russian soldier", "video shows",
    "first days", "in tears", "the war", "calls his mother",
]  # fmt: skip
MIN_WORD_LENGTH = 5


@dataclass
class Search:
    label: str
    query: str
    note: str = ""


def benchmark_searches():
    """A rare word, two common words and nine phrases joined by `or`, with their frequencies."""
    frequencies = word_frequencies()
    by_frequency = sorted(frequencies.items(), key=lambda item: (item[1], item[0]))
    rare, rare_count = by_frequency[0]
    (common, common_count), (second, second_count) = by_frequency[-1], by_frequency[-2]
    return [
        Search("rare word", rare, f"in {rare_count:,} published articles"),
        Search(
            "two common words",
            f"{common} {second}",
            f"in {common_count:,} and {second_count:,} published articles",
        ),
        Search("nine phrases", " or ".join(f'"{phrase}"' for phrase in PHRASES)),
    ]


def word_frequencies():
    """{word: published articles holding its lexeme} for the corpus's words, stop words left out."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            r"""
            WITH candidates AS (
                SELECT DISTINCT lower(word) AS word
                FROM articles_article,
                     regexp_split_to_table(headline || ' ' || body, '[^[:alpha:]]+') AS word
                WHERE source_name NOT LIKE 'copy%%' AND length(word) >= %(min_length)s
                UNION
                SELECT unnest(%(headline_words)s::text[])
            ),
            lexemes AS (
                SELECT word, (SELECT lexeme FROM unnest(to_tsvector('english', word))) AS lexeme
                FROM candidates
            ),
            documents AS (
                SELECT word AS lexeme, ndoc
                FROM ts_stat('SELECT search_vector FROM articles_article
                              WHERE status = ''published''')
            )
            SELECT DISTINCT ON (lexemes.lexeme) lexemes.word, documents.ndoc
            FROM lexemes JOIN documents USING (lexeme)
            ORDER BY lexemes.lexeme, lexemes.word
            """,
            {"min_length": MIN_WORD_LENGTH, "headline_words": HEADLINE_WORDS},
        )
        return dict(cursor.fetchall())
