"""Each article is searched in its own language: its text-search configuration follows its
language, and a query is read in every configuration, each matched only against the
articles of its own.

PostgreSQL has stemmers for English and Russian but none for Ukrainian: Ukrainian and
every other language use `simple`, which finds the exact words. All three ignore accents
(the `unaccent` dictionary, as ASCII-folded as the text allows: café is cafe, ё is е); the
configurations are created by migration 0016.
"""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import models
from django.db.models import Case, Q, Value, When

# Language code (the first part of a tag such as en-GB) -> configuration.
STEMMED = {"en": "english_unaccent", "ru": "russian_unaccent"}
NEUTRAL = "simple_unaccent"
CONFIGS = (*STEMMED.values(), NEUTRAL)


def in_language(code):
    return Q(language__iregex=rf"^{code}(-|$)")


def config_for_language():
    """The configuration's name, from the article's `language` (an immutable expression)."""
    whens = [When(in_language(code), then=Value(config)) for code, config in STEMMED.items()]
    return Case(*whens, default=Value(NEUTRAL), output_field=models.CharField())


def weighted_vector(config):
    return SearchVector("headline", weight="A", config=config) + SearchVector(
        "body", weight="B", config=config
    )


def vector_for_language():
    """Headline (weight A) and body (weight B) in the configuration of the article's language:
    a CASE over constant configurations, as a stored generated column must be immutable."""
    whens = [
        When(in_language(code), then=weighted_vector(config)) for code, config in STEMMED.items()
    ]
    return Case(*whens, default=weighted_vector(NEUTRAL))


def queries(text, search_type="websearch"):
    """{configuration: the text as a query in it}."""
    return {config: SearchQuery(text, search_type=search_type, config=config) for config in CONFIGS}


def matches(text, search_type="websearch"):
    """Articles whose vector matches the query read in their own configuration: an OR of one
    condition per configuration, each of which the GIN index answers."""
    condition = Q()
    for config, query in queries(text, search_type).items():
        condition |= Q(search_config=config, search_vector=query)
    return condition


def query_for_each_article(text, search_type="websearch"):
    """The query in each article's configuration: for ranking the rows already matched."""
    whens = [When(search_config=c, then=q) for c, q in queries(text, search_type).items()]
    return Case(*whens, output_field=whens[0].result.output_field)
